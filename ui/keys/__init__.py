"""Actions as QActions, the palette and the cheat sheet."""
