"""CSV and TSV tables as people keep them by hand: several files, differing columns, blank
lines, short rows, repeated rows, CRLF line ends. A broken line is an error naming the file,
the line and the column."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from hypertuner.importers.errors import MalformedFile
from hypertuner.importers.files import UploadedFile
from hypertuner.importers.table import SourceRow
from hypertuner.importers.text import decode

TABLE_SUFFIXES = (".csv", ".tsv", ".tab", ".txt")
DELIMITERS = (",", "\t", ";", "|")
MAX_LISTED = 5


@dataclass
class Sheet:
    """One delimited file: its header and its data records with their line numbers."""

    file: str
    header: list[str]
    records: list[tuple[int, list[str]]]
    short_lines: int = 0
    renamed: int = 0


def is_table(file: UploadedFile) -> bool:
    name = file.basename.lower()
    return name.endswith(TABLE_SUFFIXES) or "." not in name


def read_sheet(file: UploadedFile, delimiter: str | None = None) -> Sheet:
    """Parse one file; the first non-blank line is the header."""
    text = decode(file)
    delimiter = delimiter or _sniff(file, text)
    records = _records(file.name, text, delimiter)

    header_line, header = next(records, (0, []))
    names, renamed = _names(header)
    if not names:
        raise MalformedFile(file.name, "no header line")

    sheet = Sheet(file.name, names, [], renamed=renamed)
    for line, cells in records:
        sheet.records.append((line, _fit(file.name, line, cells, names, sheet)))
    if not sheet.records:
        raise MalformedFile(file.name, "a header but no data rows", line=header_line)
    return sheet


def _sniff(file: UploadedFile, text: str) -> str:
    if file.basename.lower().endswith((".tsv", ".tab")):
        return "\t"
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: first.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _records(name: str, text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Non-blank records with the line each starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            column = broken_column(text, start, delimiter)
            raise MalformedFile(name, _problem(error), line=start, column=column) from error
        if any(cell.strip() for cell in cells):
            yield start, [cell.strip() for cell in cells]
        start = reader.line_num + 1


def _problem(error: csv.Error) -> str:
    text = str(error)
    if "expected after" in text:
        return "text after a closing quote (double a quote inside a quoted value)"
    if "unexpected end of data" in text:
        return "a quote opened here is never closed"
    return text


def broken_column(text: str, line: int, delimiter: str) -> int | None:
    """The 1-based field where quoting breaks in the record starting on `line`."""
    lines = text.splitlines(keepends=True)
    rest = "".join(lines[line - 1 :])
    field, quoted, opened, i = 1, False, 1, 0
    while i < len(rest):
        char = rest[i]
        if quoted:
            if char == '"' and rest[i + 1 : i + 2] == '"':
                i += 1
            elif char == '"':
                quoted = False
                after = rest[i + 1 : i + 2]
                if after not in ("", delimiter, "\r", "\n"):
                    return field
        elif char == '"' and (i == 0 or rest[i - 1] in (delimiter, "\n")):
            quoted, opened = True, field
        elif char == delimiter:
            field += 1
        elif char == "\n":
            return None
        i += 1
    return opened if quoted else None


def _names(header: list[str]) -> tuple[list[str], int]:
    """Column names: blank ones named by position, repeated ones numbered."""
    while header and not header[-1]:
        header = header[:-1]
    names: list[str] = []
    renamed = 0
    for position, raw in enumerate(header, start=1):
        name = raw or f"column {position}"
        base, count = name, 1
        while name in names:
            count += 1
            name = f"{base} ({count})"
        renamed += name != raw
        names.append(name)
    return names, renamed


def _fit(name: str, line: int, cells: list[str], header: list[str], sheet: Sheet) -> list[str]:
    """Cells aligned with the header: short rows padded, extra values refused."""
    if len(cells) > len(header):
        extra = cells[len(header) :]
        filled = [i for i, cell in enumerate(extra) if cell]
        if filled:
            column = len(header) + filled[0] + 1
            problem = f"{len(cells)} values but the header names {len(header)} columns"
            raise MalformedFile(name, problem, line=line, column=column)
        return cells[: len(header)]
    if len(cells) < len(header):
        sheet.short_lines += 1
        return cells + [""] * (len(header) - len(cells))
    return cells


def rows_of(sheets: list[Sheet], rename: dict[str, str] | None = None) -> list[SourceRow]:
    """One row per record of every sheet, cells keyed by (renamed) column name."""
    rename = rename or {}
    rows = []
    for sheet in sheets:
        names = [rename.get(name, name) for name in sheet.header]
        for line, cells in sheet.records:
            rows.append(SourceRow(dict(zip(names, cells, strict=True)), sheet.file, line))
    return rows


def drop_repeats(rows: list[SourceRow], columns: list[str]) -> tuple[list[SourceRow], list[str]]:
    """Rows identical in every column are kept once (hand-kept logs repeat pasted lines)."""
    first: dict[tuple[object, ...], SourceRow] = {}
    kept, repeats = [], []
    for row in rows:
        key = tuple(str(row.cells.get(column, "")) for column in columns)
        if key in first:
            repeats.append(f"{row.where} repeats {first[key].where}")
            continue
        first[key] = row
        kept.append(row)

    if not repeats:
        return kept, []
    listed = "; ".join(repeats[:MAX_LISTED]) + ("; …" if len(repeats) > MAX_LISTED else "")
    return kept, [f"{len(repeats)} repeated rows imported once: {listed}"]


def sheet_warnings(sheets: list[Sheet]) -> list[str]:
    warnings = []
    for sheet in sheets:
        if sheet.short_lines:
            warnings.append(
                f"{sheet.file}: {sheet.short_lines} rows have fewer values than columns; "
                "the missing values are empty"
            )
        if sheet.renamed:
            warnings.append(f"{sheet.file}: {sheet.renamed} blank or repeated column names renamed")
    if len(sheets) > 1 and len({tuple(sheet.header) for sheet in sheets}) > 1:
        warnings.append("the files have different columns: a value missing from a file is empty")
    return warnings
