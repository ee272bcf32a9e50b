"""Bytes to text: UTF-8 (with or without BOM) or UTF-16 with a BOM, binary data refused."""

from __future__ import annotations

import codecs

from hypertuner.importers.errors import MalformedFile
from hypertuner.importers.files import UploadedFile


def decode(file: UploadedFile) -> str:
    """The file's text; an empty, binary or undecodable file is a MalformedFile."""
    data = file.data
    if not data.strip():
        raise MalformedFile(file.name, "the file is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_utf16(file)

    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = position(data, nul)
        raise MalformedFile(file.name, "binary data, not text", line=line, column=column)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        offset = error.start
        line, column = position(data, offset)
        problem = f"byte 0x{data[offset]:02x} is not UTF-8; save the file as UTF-8"
        raise MalformedFile(file.name, problem, line=line, column=column) from error


def _decode_utf16(file: UploadedFile) -> str:
    try:
        return file.data.decode("utf-16")
    except UnicodeDecodeError as error:
        raise MalformedFile(file.name, f"broken UTF-16 text ({error.reason})") from error


def position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column of byte `offset`."""
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, offset - start + 1
