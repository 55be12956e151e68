"""The server database: engine and transactions, schema, retention."""
