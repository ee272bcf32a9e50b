"""Fixtures shared by the SDK tests: a clean environment and a port where nothing listens."""

import os
import socket
from collections.abc import Iterator

import pytest

import hypertuner
from hypertuner.sdk import api


@pytest.fixture(autouse=True)
def clean_sdk(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No HYPERTUNER_* variable leaks in, and no global session outlives its test."""
    for name in list(os.environ):
        if name.startswith("HYPERTUNER_"):
            monkeypatch.delenv(name)
    monkeypatch.setattr(api, "_current", None)

    yield

    hypertuner.finish(timeout=0)


@pytest.fixture
def unused_url() -> str:
    """A loopback URL where nothing listens: every connection is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    return f"http://127.0.0.1:{port}"
