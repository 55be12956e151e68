"""Routers only: HTTP in, the rules called, HTTP out."""
