"""Small shared widgets: list overlay, note dialog, off-UI-thread runner."""
