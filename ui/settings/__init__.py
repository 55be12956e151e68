"""The settings dialog (Ctrl+,) and what applying it changes in the running window."""
