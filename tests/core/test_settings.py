"""Settings fail fast on values the service could not run with."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from hypertuner.core.config import Settings


@pytest.mark.parametrize("port", [6390, 20000, 1024, 10002 - 8, 65528])
def test_local_ray_ports_clear_of_ray_workers_are_taken(port: int) -> None:
    assert Settings(local_ray_port=port).local_ray_port == port


@pytest.mark.parametrize("port", [16390, 10002, 19999, 10002 - 7, 80, 65529])
def test_local_ray_ports_among_ray_workers_are_refused(port: int) -> None:
    with pytest.raises(ValidationError, match="Ray's worker ports"):
        Settings(local_ray_port=port)


def test_production_mode_needs_a_secret_key() -> None:
    with pytest.raises(ValidationError, match="HYPERTUNER_SECRET_KEY"):
        Settings(mode="production")
