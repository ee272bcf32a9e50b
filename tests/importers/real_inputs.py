"""The real histories in tests/fixtures/real-inputs (copied from ../shared), read as uploads.

A module, not a conftest: tests elsewhere import the top-level conftest by name."""

from __future__ import annotations

from pathlib import Path

import pytest

Upload = list[tuple[str, bytes]]

REAL_INPUTS = Path(__file__).resolve().parents[1] / "fixtures" / "real-inputs"


def real_inputs() -> Path:
    """The folder of real histories; the import tests need it, so its absence is a failure."""
    if not (REAL_INPUTS / "README.md").is_file():
        pytest.fail(f"the real histories are missing: expected them in {REAL_INPUTS}")
    return REAL_INPUTS


def read_folder(root: Path) -> Upload:
    """Every file under `root`, named by its path from root's parent, as a browser sends a
    folder picked with webkitdirectory."""
    return [
        (str(path.relative_to(root.parent)), path.read_bytes())
        for path in sorted(root.rglob("*"))
        if path.is_file()
    ]
