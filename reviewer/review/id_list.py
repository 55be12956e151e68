"""The work list's ids as ordinals into one load of the list (list_columns.py), made into
strings only where they are read.

A filter or a re-sort of 100,000 cases then hands on an array of ordinals, made in C: a list of
100,000 ids in another order cost 15-20 ms to gather (each id a cache miss) and ~2 ms to
filter, on the UI thread, for the few dozen rows the view paints. The session changes its list
in place (a decided case leaves it, a skipped one goes to the end, a calm one comes forward):
each change makes a new array (~0.1 ms at 100,000), never a list of the ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

import numpy as np

_PAGE = 256  # ids compared at a time (__eq__)


class IdList(Sequence):
    """A list of case ids: `ids` (every id of the load, by ordinal) read through `at` (the
    ordinals in list order, int32, never changed in place: copies share it). `ordinal_of`
    finds an id's ordinal in the load (-1 if it is not there), for the changes that put an
    id in; one from outside the load makes this a plain list from then on."""

    __slots__ = ("_ids", "_at", "_ordinal_of", "_list")

    def __init__(self, ids: list[str], at: np.ndarray, ordinal_of: Callable[[str], int]):
        self._ids, self._at, self._ordinal_of = ids, at, ordinal_of
        self._list: list[str] | None = None  # once an id from outside the load came in

    # --- reading ----------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._list) if self._list is not None else len(self._at)

    def __getitem__(self, i):
        if self._list is not None:
            return self._list[i]
        if isinstance(i, slice):
            return list(map(self._ids.__getitem__, self._at[i].tolist()))
        return self._ids[self._at[i]]

    def __iter__(self) -> Iterator[str]:
        if self._list is not None:
            return iter(self._list)
        return map(self._ids.__getitem__, self._at.tolist())

    def __contains__(self, case_id) -> bool:
        return self._find(case_id) >= 0

    def index(self, case_id, start: int = 0, stop: int | None = None) -> int:
        at = self._find(case_id, start, len(self) if stop is None else stop)
        if at < 0:
            raise ValueError(f"{case_id!r} is not in the list")
        return at

    def _find(self, case_id, start: int = 0, stop: int | None = None) -> int:
        if self._list is not None:
            try:
                return self._list.index(case_id, start, len(self._list) if stop is None else stop)
            except ValueError:
                return -1
        ordinal = self._ordinal_of(case_id) if isinstance(case_id, str) else -1
        if ordinal < 0:
            return -1
        found = np.flatnonzero(self._at[start:stop] == ordinal)
        return int(found[0]) + start if len(found) else -1

    def __eq__(self, other) -> bool:
        if not isinstance(other, (IdList, list)):
            return NotImplemented
        if len(self) != len(other):
            return False
        if isinstance(other, IdList) and self._list is None and other._list is None:
            same = np.array_equal(self._at, other._at)
            if other._ids is self._ids:
                return bool(same)
            if same and other._ids == self._ids:  # a reload of the same cases
                return True
        # Read a page at a time: two different lists usually differ in their first ids.
        return all(self[i:i + _PAGE] == other[i:i + _PAGE] for i in range(0, len(self), _PAGE))

    def __repr__(self) -> str:
        return f"IdList({list(self)!r})"

    def copy(self) -> "IdList":
        found = IdList(self._ids, self._at, self._ordinal_of)
        found._list = None if self._list is None else list(self._list)
        return found

    def single_removal(self, new: "IdList") -> int | None:
        """The index of the one id `new` lacks, if that is the only difference (None if not,
        or if either is not a view of the same load: the caller compares them itself)."""
        if self._list is not None or new._list is not None or new._ids is not self._ids \
                or len(new._at) != len(self._at) - 1:
            return None
        differ = np.flatnonzero(self._at[:-1] != new._at)
        if not len(differ):
            return len(self._at) - 1
        i = int(differ[0])
        return i if np.array_equal(self._at[i + 1:], new._at[i:]) else None

    def removal_and_move(self, new: "IdList") -> tuple[int, int] | None:
        """(index of the one id `new` lacks, index here of the later id `new` holds in its
        place), when the ids between the two and after them are the same: a case decided and a
        calm one moved up to where it was (calm_order.py). None otherwise, or if either is not
        a view of the same load."""
        if self._list is not None or new._list is not None or new._ids is not self._ids \
                or len(new._at) != len(self._at) - 1:
            return None
        differ = np.flatnonzero(self._at[:-1] != new._at)
        if not len(differ):
            return None
        i = int(differ[0])
        found = np.flatnonzero(self._at[i + 1:] == new._at[i])
        if not len(found):
            return None
        j = int(found[0]) + i + 1  # i + 1: a removal alone (single_removal)
        same = j > i + 1 and (np.array_equal(self._at[i + 1:j], new._at[i + 1:j])
                and np.array_equal(self._at[j + 1:], new._at[j:]))
        return (i, j) if same else None

    # --- changing (the session's list) -------------------------------------------------------
    def pop(self, i: int = -1) -> str:
        if self._list is not None:
            return self._list.pop(i)
        found = self[i]
        self._at = np.delete(self._at, i)
        return found

    def insert(self, i: int, case_id: str) -> None:
        ordinal = self._ordinal_of(case_id) if self._list is None else -1
        if ordinal < 0:
            self._as_list().insert(i, case_id)
        else:
            self._at = np.insert(self._at, i, ordinal)

    def append(self, case_id: str) -> None:
        self.insert(len(self), case_id)

    def extend(self, case_ids: Iterable[str]) -> None:
        for case_id in case_ids:
            self.append(case_id)

    def reverse(self) -> None:
        if self._list is not None:
            self._list.reverse()
        else:
            self._at = self._at[::-1]

    def _as_list(self) -> list[str]:
        if self._list is None:
            self._list = list(self)
        return self._list
