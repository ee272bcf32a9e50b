"""Content fingerprints of the training script and the data a run names.

Two experiments with the same values are "the same" only when the script (and data) did not
change in between; a SHA-256 of the bytes says so.
"""

from __future__ import annotations

import hashlib
import os
import shlex
from pathlib import Path

from hypertuner.core.errors import InvalidInput

SCRIPT_SUFFIXES = (".py", ".sh", ".R", ".jl", ".js", ".ipynb")
CONTENT_HASH_LIMIT = 64 * 1024 * 1024
MAX_FOLDER_FILES = 100_000


def file_digest(path: Path, digest: hashlib._Hash | None = None) -> hashlib._Hash:
    """Feed `path`'s bytes into `digest` (a new SHA-256 by default)."""
    digest = digest or hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest


def path_fingerprint(path: Path) -> str:
    """A fingerprint of a file or folder that changes when its content changes.

    Small files are hashed by content. Large files and folders are fingerprinted by the
    names, sizes and modification times of their files: hashing a multi-gigabyte dataset
    on every preview would make previews unusable, and a changed file changes its mtime.
    """
    if path.is_file():
        if path.stat().st_size <= CONTENT_HASH_LIMIT:
            return "sha256:" + file_digest(path).hexdigest()
        return "meta:" + _metadata_digest([path], path.parent)

    files = []
    for index, child in enumerate(p for p in path.rglob("*") if p.is_file()):
        if index >= MAX_FOLDER_FILES:
            raise InvalidInput(
                f"{path} holds over {MAX_FOLDER_FILES} files; name a smaller folder or a file"
            )
        files.append(child)
    return "meta:" + _metadata_digest(sorted(files), path)


def _metadata_digest(files: list[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for file in files:
        stat = file.stat()
        digest.update(f"{file.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def script_path(command: str, workdir: Path) -> Path | None:
    """The first command-line item, outside placeholders, that names an existing script."""
    try:
        items = shlex.split(command)
    except ValueError:
        return None

    for item in items:
        if "{" in item or item.startswith("-"):
            continue
        candidate = workdir / item
        if candidate.suffix in SCRIPT_SUFFIXES and candidate.is_file():
            return candidate.resolve()
    return None


def script_fingerprint(command: str, workdir: Path) -> str | None:
    path = script_path(command, workdir)
    return path_fingerprint(path) if path else None


def data_fingerprints(paths: list[str], workdir: Path) -> dict[str, str]:
    """Fingerprint each named data path; a missing one is an input error naming it."""
    result: dict[str, str] = {}
    for index, raw in enumerate(paths):
        path = workdir / raw
        if not os.path.exists(path):
            raise InvalidInput(f"data path {raw!r} does not exist", field=f"data_paths.{index}")
        result[raw] = path_fingerprint(path)
    return result
