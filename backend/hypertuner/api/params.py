"""Typed path parameters: an id outside the database's integer range is a 422, not a crash."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

MAX_ID = 2**31 - 1

Id = Annotated[int, Path(ge=1, le=MAX_ID, description="A database id")]
