"""The bridge from the sync worker, the status indicator and the conflicts view."""
