"""Field types and bounds that many wire models share.

One definition of what a timestamp looks like on the wire and of the largest numbers a
request may carry, so every model (and /openapi.json) states them the same way.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, StrictInt

Timestamp = Annotated[
    str,
    Field(
        json_schema_extra={"format": "date-time"},
        examples=["2024-05-01T12:00:00Z"],
        description="ISO 8601 UTC with a trailing Z",
    ),
]
# The largest integer SQLite stores; a larger one fails in the driver (a 500), so inputs that
# reach a column or a comparison are bounded by it and answer 422 instead.
MAX_INT64 = 2**63 - 1
# The most items one sync request carries (decisions in a batch, leases to renew).
MAX_BATCH = 500


def _fits_int64(value: int) -> int:
    if not -MAX_INT64 - 1 <= value <= MAX_INT64:
        raise ValueError("larger than a 64-bit integer")
    return value


# An integer in an answer: strict (see cases.py) and no larger than SQLite stores, so an
# answer carrying 2**63 + 1 is a malformed item the client skips, not an error in its store.
# A validator, not ge/le: the published schema stays as it was (every server sends int64s).
AnswerInt = Annotated[StrictInt, AfterValidator(_fits_int64)]
