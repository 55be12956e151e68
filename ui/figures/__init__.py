"""The dashboards. Their own room rather than ui/context/: context is what a reviewer reads about
the case on screen, while the dashboards read the whole record — the shift, the team, the
exposure log — and belong to no case."""
