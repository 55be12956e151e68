"""What the central API says about itself and about the caller (the `meta` endpoints).

A client reads these before anything else: whether the server is up, and whose token it holds.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from reviewer.contract.fields import Timestamp


class Health(BaseModel):
    status: Literal["ok"]
    server_time: Timestamp


class Me(BaseModel):
    name: str
    role: Literal["reviewer", "senior", "lead"]
