"""Statements a decision batch runs with hundreds of rows or values: rows handed to the
driver's executemany as plain SQL and plain parameters, value lists bound as one parameter.

`conn.execute(statement, rows)` works out each row's parameters through SQLAlchemy's general
machinery (a dict per row, then a pass over every bind): for a batch of 500 decisions that
costs more than SQLite takes to write the rows. Here the statement is compiled once per
dialect and set of columns, and each row becomes a tuple (or a dict, for a named paramstyle)
through the same bind processors SQLAlchemy applies, so the values stored are the same.

`column.in_(values)` coerces each value into the statement when it is built and renders a bind
per value when it runs: with 500 values that costs more than the query. `member_of` binds the
list as one parameter (a JSON array read by json_each on SQLite, an array on PostgreSQL), so the
statement is built and compiled once.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import ColumnElement, Connection, any_, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.sql.dml import Insert, UpdateBase


class BulkStatement:
    """An INSERT, UPDATE or DELETE run with many rows, each a dict with the same keys."""

    def __init__(self, statement: UpdateBase) -> None:
        self.statement = statement
        self._specs: dict[tuple, _Compiled] = {}  # (dialect name, row keys) -> compiled form
        self._null_by_default = _null_by_default(statement)

    def execute(self, conn: Connection, rows: Sequence[dict]) -> None:
        if not rows:
            return
        spec = self._spec(conn, self._keys(rows))
        conn.exec_driver_sql(spec.sql, spec.parameters(rows))

    def _keys(self, rows: Sequence[dict]) -> tuple:
        """The rows' keys, less those an INSERT may leave out: a column that is NULL unless set,
        None in every row. sqlite3 binds a None only after looking for an adapter for it
        (about 3,300 instructions, callgrind), and a decision has two (approves, reverses)."""
        first = rows[0]
        if not self._null_by_default:
            return tuple(first)
        return tuple(key for key, value in first.items()
                     if value is not None or key not in self._null_by_default
                     or any(row[key] is not None for row in rows))

    def _spec(self, conn: Connection, keys: tuple) -> _Compiled:
        cache_key = (conn.dialect.name, keys)
        if cache_key not in self._specs:
            self._specs[cache_key] = _compile(self.statement, conn, keys)
        return self._specs[cache_key]


@dataclass(frozen=True)
class _Compiled:
    sql: str
    names: tuple[str, ...] | None  # bind names for a named paramstyle; None: positional
    columns: tuple[tuple[Callable[[dict], Any], Callable[[Any], Any] | None], ...]
    # per bind, in bind order: (its value in a row (itemgetter), its bind processor or None)

    def parameters(self, rows: Sequence[dict]) -> list:
        """The rows' values, worked out a column at a time: map and zip iterate in C, where a
        loop per row built a list, set its processed places and made a tuple of it (some 1,500
        instructions a row more, callgrind)."""
        columns = [map(value, rows) if process is None else map(process, map(value, rows))
                   for value, process in self.columns]
        values = zip(*columns) if columns else [()] * len(rows)
        if self.names is not None:
            return [dict(zip(self.names, row_values)) for row_values in values]
        return list(values)


def _compile(statement: UpdateBase, conn: Connection, keys: tuple) -> _Compiled:
    dialect = conn.dialect
    compiled = statement.compile(dialect=dialect, column_keys=list(keys))
    names = tuple(compiled.positiontup if compiled.positional else compiled.binds)
    binds = [compiled.binds[name] for name in names]
    columns = tuple(
        (itemgetter(bind.key), None if process is None else _faster(process))
        for bind in binds
        for process in (bind.type.dialect_impl(dialect).bind_processor(dialect),))
    return _Compiled(compiled.string, None if compiled.positional else names, columns)


def _null_by_default(statement: UpdateBase) -> frozenset[str]:
    """An INSERT's columns that hold NULL when the statement leaves them out."""
    if not isinstance(statement, Insert):
        return frozenset()
    return frozenset(column.key for column in statement.table.columns
                     if column.nullable and column.default is None
                     and column.server_default is None and not column.primary_key)


class PerDialect:
    """A statement built once per dialect (member_of differs between them)."""

    def __init__(self, build: Callable[[str], Any]) -> None:
        self.build = build
        self._built: dict[str, Any] = {}

    def __call__(self, conn: Connection) -> Any:
        name = conn.dialect.name
        if name not in self._built:
            self._built[name] = self.build(name)
        return self._built[name]


def member_of(column: ColumnElement, name: str, dialect: str) -> ColumnElement[bool]:
    """`column IN (the list bound to name)`; bind `list_value(conn, values)` to it."""
    if dialect == "postgresql":
        return column == any_(bindparam(name, type_=ARRAY(column.type)))
    return column.in_(select(func.json_each(bindparam(name)).table_valued("value").c.value))


def list_value(conn: Connection, values: Sequence[str]) -> Any:
    return list(values) if conn.dialect.name == "postgresql" else json.dumps(list(values))


_SAMPLES = (datetime(2026, 12, 1, 21, 5, 9, 120000), datetime(987, 1, 2, 3, 4, 5))


def _faster(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """SQLite's DateTime processor formats a naive datetime as isoformat(" ", "microseconds")
    does, at several times the cost (a dict of seven fields per value; a batch writes four
    datetimes per decision): where it answers the same, the C method stands in for it."""
    try:
        same = all(process(value) == _iso(value) for value in _SAMPLES)
    except (TypeError, ValueError, AttributeError):  # not a datetime processor
        return process
    return _LastValue(process) if same else process


class _LastValue:
    """The DateTime processor's answer through isoformat, remembering the last value: of a
    batch's four datetimes per decision three are its one `now` (recorded_at, created_at,
    the feed rows' at), each in a column (position) of its own, so most values repeat."""

    __slots__ = ("process", "last")

    def __init__(self, process: Callable[[Any], Any]) -> None:
        self.process = process
        self.last: tuple = (None, None)  # (value, its text): one attribute, set atomically

    def __call__(self, value: Any) -> Any:
        last = self.last
        if value is last[0]:  # datetimes are immutable: the same object, the same text
            return last[1]
        if type(value) is not datetime or value.tzinfo is not None:
            return self.process(value)
        text = _iso(value)
        self.last = (value, text)
        return text


def _iso(value: datetime) -> str:
    return value.isoformat(" ", "microseconds")
