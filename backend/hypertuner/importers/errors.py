"""The one error of the importers: a file that cannot be read, with where it went wrong."""

from __future__ import annotations

from hypertuner.core.errors import InvalidInput


class MalformedFile(InvalidInput):
    """A file (or archive entry) that cannot be read; names the file, line and column."""

    code = "malformed_file"

    def __init__(
        self, file: str, problem: str, *, line: int | None = None, column: int | None = None
    ) -> None:
        where = file
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column {column}"
        super().__init__(
            f"{where}: {problem}",
            field="files",
            details={"file": file, "line": line, "column": column, "problem": problem},
        )
        self.file = file
        self.line = line
        self.column = column
