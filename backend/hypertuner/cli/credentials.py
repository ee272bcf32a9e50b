"""Where `hypertuner login` keeps the service URL and a personal token."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_URL = "http://127.0.0.1:8000"


@dataclass(frozen=True)
class Credentials:
    url: str
    token: str | None


def config_dir() -> Path:
    base = os.environ.get("HYPERTUNER_CONFIG_DIR")
    return Path(base) if base else Path.home() / ".config" / "hypertuner"


def load() -> Credentials:
    """Environment first (HYPERTUNER_URL, HYPERTUNER_API_TOKEN), then the saved file."""
    saved: dict[str, str] = {}
    path = config_dir() / "credentials.json"
    if path.is_file():
        saved = json.loads(path.read_text())
    url = os.environ.get("HYPERTUNER_URL") or saved.get("url") or DEFAULT_URL
    token = os.environ.get("HYPERTUNER_API_TOKEN") or saved.get("token")
    return Credentials(url=url.rstrip("/"), token=token)


def save(credentials: Credentials) -> Path:
    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "credentials.json"
    path.touch(mode=0o600, exist_ok=True)
    path.write_text(json.dumps({"url": credentials.url, "token": credentials.token}))
    return path
