"""Keeps the benchmark alive on PySide6 6.12 + CPython 3.11, and measures what would kill it.

With PySide6 6.12.0 on CPython 3.11 every call of a PySide6 method that returns nothing
(`setVisible`, `update`, `setText`, `QApplication.processEvents`, ...) drops one reference to
None that it never took. None starts with a few thousand references, so after a few thousand
such calls CPython aborts with "Fatal Python error: none_dealloc": within seconds in this
benchmark, within minutes of real use. CPython 3.12+ is not affected (None is immortal there,
its count never moves and this guard does nothing).

The guard hands the singletons back references between timed decisions (never while the clock
runs) and counts how many were lost overall, which the benchmark reports so the bug stays
visible in the results until the interpreter or the binding is changed.
"""

from __future__ import annotations

import ctypes
import sys

_SINGLETONS = {"None": None, "True": True, "False": False}
_FLOOR = 100_000  # far more than one decision or one startup can lose
_TOP_UP = 300_000

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class RefcountGuard:
    def __init__(self):
        self._start = {name: sys.getrefcount(obj) for name, obj in _SINGLETONS.items()}
        self._added = dict.fromkeys(_SINGLETONS, 0)
        self.checkpoint()

    def checkpoint(self) -> None:
        """Top up any singleton that is running low. Refs given are never taken back, so the
        interpreter's shutdown cannot hit zero either."""
        for name, obj in _SINGLETONS.items():
            if sys.getrefcount(obj) < _FLOOR:
                boxed = ctypes.py_object(obj)
                for _ in range(_TOP_UP):
                    _incref(boxed)
                self._added[name] += _TOP_UP

    def net_lost(self, name: str = "None") -> int:
        """References lost since the guard started: given back minus still missing. Objects
        that hold None come and go, so this is exact only as a trend over many decisions."""
        return self._start[name] + self._added[name] - sys.getrefcount(_SINGLETONS[name])
