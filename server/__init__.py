"""Reference central API for Reviewer Workstation (see docs/api.md).

A real HTTP server (FastAPI + uvicorn over SQLAlchemy Core on SQLite) that the workstation syncs
with, and the embedded default for demos and tests. Nothing here imports the workstation core.
"""
