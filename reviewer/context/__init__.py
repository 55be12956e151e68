"""What surrounds a case: investigation context and the guideline library."""
