"""Cursor paging shared by the change feed and the audit log: `?since=SEQ&limit=N`."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from reviewer.contract.fields import MAX_INT64

DEFAULT_PAGE = 500
MAX_PAGE = 1000

SinceSeq = Annotated[int, Query(ge=0, le=MAX_INT64, description="the last seq already seen")]
PageLimit = Annotated[int, Query(ge=1, le=MAX_PAGE)]
