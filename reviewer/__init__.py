"""Reviewer Workstation core: domain, local store, sync, media rendering, keymap, session.

Nothing in this package imports Qt (tests/unit/test_layering.py enforces it), so the core can be
driven from the command line, tests and benchmarks without a display.
"""
