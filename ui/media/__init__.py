"""Media on screen: the grid, tiles, reveal, zoom, the render pool and wellness feedback."""
