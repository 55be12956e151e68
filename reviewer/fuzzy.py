"""Fuzzy matching for the command palette and pickers: letters in order, not necessarily
adjacent ("rmv" finds "Remove"), ranked so that word starts and tight matches come first."""

from __future__ import annotations


def score(query: str, text: str) -> float | None:
    """Higher is better; None when `query`'s letters do not all appear in order in `text`."""
    query, lowered = query.lower().replace(" ", ""), text.lower()
    if not query:
        return 0.0
    position, total, previous = 0, 0.0, -2
    for char in query:
        found = lowered.find(char, position)
        if found < 0:
            return None
        starts_word = found == 0 or not lowered[found - 1].isalnum()
        total += 3.0 if starts_word else 1.0
        total += 2.0 if found == previous + 1 else 0.0  # consecutive letters
        previous, position = found, found + 1
    return total - 0.01 * len(text)  # among equals, the shorter text


def rank(query: str, items: list[str], key=lambda item: item) -> list:
    """The items that match, best first (stable for equal scores)."""
    scored = [(score(query, key(item)), i, item) for i, item in enumerate(items)]
    return [item for s, i, item in sorted((t for t in scored if t[0] is not None),
                                          key=lambda t: (-t[0], t[1]))]
