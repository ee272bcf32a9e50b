"""Uploaded files in memory, with zip and tar archives opened safely.

Archives are never extracted to disk. Entry names are still checked: an absolute path or a
`..` step is refused, links and devices are skipped, and sizes are bounded before and while
reading, so a small archive cannot unpack into gigabytes.
"""

from __future__ import annotations

import io
import lzma
import re
import tarfile
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import IO

from hypertuner.importers.errors import MalformedFile

MAX_FILES = 20_000
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
# A larger entry that compresses better than this is a decompression bomb, not a log.
MAX_RATIO = 200
RATIO_CHECK_BYTES = 1024 * 1024
_JUNK = re.compile(r"(^|/)(__MACOSX/|\.DS_Store$|\._[^/]*$|Thumbs\.db$)")


@dataclass(frozen=True)
class UploadedFile:
    """One file: its path inside the upload ('/'-separated, relative) and its bytes."""

    name: str
    data: bytes

    @property
    def folder(self) -> str:
        return self.name.rpartition("/")[0]

    @property
    def basename(self) -> str:
        return self.name.rpartition("/")[2]


@dataclass
class FileSet:
    """What an upload holds once archives are opened."""

    files: list[UploadedFile] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def total_bytes(self) -> int:
        return sum(len(f.data) for f in self.files)


def clean_path(name: str, where: str) -> str:
    """A safe relative path, or MalformedFile if `name` would leave the upload's folder."""
    if "\x00" in name:
        raise MalformedFile(where, f"the name {name!r} contains a NUL character")
    path = name.replace("\\", "/")
    if path.startswith("/") or re.match(r"^[A-Za-z]:", path):
        raise MalformedFile(where, f"the entry {name!r} has an absolute path")
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if ".." in parts:
        raise MalformedFile(where, f"the entry {name!r} points outside the folder ('..')")
    if not parts:
        raise MalformedFile(where, f"the entry {name!r} has no file name")
    return "/".join(parts)


def unpack(uploads: list[tuple[str, bytes]]) -> FileSet:
    """The uploaded files, each zip or tar archive replaced by the files it holds."""
    found = FileSet()
    for number, (raw_name, data) in enumerate(uploads, start=1):
        name = clean_path(raw_name or f"upload-{number}", raw_name or f"upload {number}")
        if _is_zip(data):
            _add_zip(found, name, data)
        elif _is_tar(data):
            _add_tar(found, name, data)
        else:
            _add(found, UploadedFile(name, data), name)
    return found


def _add(found: FileSet, file: UploadedFile, archive: str) -> None:
    if _JUNK.search(file.name):
        return
    if len(found.files) >= MAX_FILES:
        raise MalformedFile(archive, f"holds more than {MAX_FILES} files")
    if found.total_bytes + len(file.data) > MAX_TOTAL_BYTES:
        raise MalformedFile(archive, f"unpacks to more than {MAX_TOTAL_BYTES // 2**20} MiB")
    found.files.append(file)


def _is_zip(data: bytes) -> bool:
    return data[:4] in (b"PK\x03\x04", b"PK\x05\x06")


def _is_tar(data: bytes) -> bool:
    compressed = data[:2] == b"\x1f\x8b" or data[:3] == b"BZh" or data[:6] == b"\xfd7zXZ\x00"
    return compressed or data[257:262] == b"ustar"


def _read_bounded(stream: IO[bytes], archive: str, entry: str) -> bytes:
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 2**20
        raise MalformedFile(archive, f"the entry {entry!r} is larger than {limit} MiB")
    return data


def _add_zip(found: FileSet, archive: str, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as bundle:
            for info in bundle.infolist():
                if info.is_dir():
                    continue
                name = clean_path(info.filename, archive)
                _check_zip_entry(info, archive)
                with bundle.open(info) as stream:
                    content = _read_bounded(stream, archive, info.filename)
                _add(found, UploadedFile(_inside(archive, name), content), archive)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError) as error:
        raise MalformedFile(archive, f"is not a readable zip archive ({error})") from error


def _check_zip_entry(info: zipfile.ZipInfo, archive: str) -> None:
    if info.flag_bits & 0x1:
        raise MalformedFile(archive, f"the entry {info.filename!r} is encrypted")
    if info.file_size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 2**20
        raise MalformedFile(archive, f"the entry {info.filename!r} is larger than {limit} MiB")
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > RATIO_CHECK_BYTES and ratio > MAX_RATIO:
        raise MalformedFile(
            archive, f"the entry {info.filename!r} expands {ratio:.0f} times: refused as a bomb"
        )


def _add_tar(found: FileSet, archive: str, data: bytes) -> None:
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as bundle:
            for member in bundle:
                if member.isdir():
                    continue
                name = clean_path(member.name, archive)
                if not member.isfile():
                    found.skipped.append(f"{_inside(archive, name)} (a link or device)")
                    continue
                if member.size > MAX_FILE_BYTES:
                    limit = MAX_FILE_BYTES // 2**20
                    raise MalformedFile(
                        archive, f"the entry {member.name!r} is larger than {limit} MiB"
                    )
                stream = bundle.extractfile(member)
                content = b"" if stream is None else _read_bounded(stream, archive, member.name)
                _add(found, UploadedFile(_inside(archive, name), content), archive)
    except (tarfile.TarError, EOFError, zlib.error, lzma.LZMAError, OSError) as error:
        raise MalformedFile(archive, f"is not a readable tar archive ({error})") from error


def _inside(archive: str, name: str) -> str:
    """Entries keep their archive's name as the top folder, so errors can name both."""
    return f"{archive}/{name}"
