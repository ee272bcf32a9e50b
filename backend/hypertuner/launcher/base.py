"""The seam between the service and whatever runs experiments."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class DriverHandle:
    """Where the process that drives a run lives."""

    pid: int
    host: str


class Launcher(Protocol):
    """Starts the driver of a run and tells whether it is still alive.

    Stopping needs no call here: the service flags experiments in the database and each
    experiment's supervisor sees the flag on its next heartbeat.
    """

    def submit(self, run_id: int) -> DriverHandle:
        """Start driving run `run_id` (its experiments are already stored, queued)."""
        ...

    def is_alive(self, handle: DriverHandle) -> bool | None:
        """True or False when it can tell; None for a driver on another host."""
        ...
