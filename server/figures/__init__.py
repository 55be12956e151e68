"""The dashboards' figures, counted from the central API's record (reviewer/contract/figures.py)."""
