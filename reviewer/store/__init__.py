"""The local SQLite store: the database, sealing at rest, the case cache and its purge."""
