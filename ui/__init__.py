"""PySide6 widgets. Thin: they show core state and turn keys into core calls."""
