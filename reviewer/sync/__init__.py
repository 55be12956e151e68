"""The one sync worker and what it speaks: API client, push, change feed, per-concern syncs."""
