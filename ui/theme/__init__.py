"""The look: one palette, light and dark, the stylesheet filled from it, and which applies."""
