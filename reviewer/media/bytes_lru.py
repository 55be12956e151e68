"""A least-recently-used map bounded by the bytes its values hold (and, optionally, by count).

Decodes and renders differ in size by two orders of magnitude (a blurred tile ~0.1 MB, real
pixels at full screen several MB), so a count alone lets a few large ones hold hundreds of MB.
The newest value is always kept, even past the bound: it is the one just asked for, and evicting
it would make the caller decode it again at once. Not thread-safe: a caller shared by threads
holds its own lock around every call.

cachetools.LRUCache(getsizeof=...) is close but refuses a value larger than the whole bound
(ValueError) instead of keeping it, and has no count bound beside the size one; these forty
lines cost less than a dependency.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Callable, Generic, Hashable, Iterator, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BytesLru(Generic[K, V]):
    def __init__(self, size_of: Callable[[V], int], max_bytes: int,
                 max_items: int | None = None):
        self._size_of = size_of
        self._max_bytes, self._max_items = max_bytes, max_items
        self._values: OrderedDict[K, V] = OrderedDict()
        self._held_bytes = 0

    @property
    def held_bytes(self) -> int:
        return self._held_bytes

    def get(self, key: K) -> V | None:
        """The value, now the most recently used; None when it is not kept."""
        value = self._values.get(key)
        if value is not None:
            self._values.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        """Keep `value` as the most recently used, then let the oldest go while over a bound."""
        old = self._values.pop(key, None)
        if old is not None:
            self._held_bytes -= self._size_of(old)
        self._values[key] = value
        self._held_bytes += self._size_of(value)
        while len(self._values) > 1 and self._over():
            self._held_bytes -= self._size_of(self._values.popitem(last=False)[1])

    def _over(self) -> bool:
        return (self._held_bytes > self._max_bytes
                or (self._max_items is not None and len(self._values) > self._max_items))

    def clear(self) -> None:
        self._values.clear()
        self._held_bytes = 0

    def __contains__(self, key: object) -> bool:
        """Whether `key` is kept; does not count as a use."""
        return key in self._values

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self) -> Iterator[K]:
        """The keys, least recently used first."""
        return iter(self._values)
