"""Demo and test data: seeds and synthetic, non-graphic media."""
