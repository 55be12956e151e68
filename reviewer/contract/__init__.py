"""The wire contract between the workstation and the central API, shared by both sides.

The server (server/) answers with these models and /openapi.json is generated from them; the
workstation (reviewer/sync/) checks every answer against the same models before using it. So
the action vocabulary and the shape of every answer are written down exactly once.

Only pydantic and the standard library are imported here: no Qt, no HTTP, no database, and
nothing else from reviewer/ or server/ (tests/unit/test_layering.py holds that line).
"""
