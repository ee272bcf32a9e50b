"""The file through which a launched script's metrics also reach Ray Tune."""

import json
import threading
from pathlib import Path

from hypertuner.sdk.values import JsonNumber


class TuneChannel:
    """Appends one JSON line per logged record, flushed at once so the launcher sees it."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._file = self.path.open("a", encoding="utf-8")

    def write(self, step: int | None, epoch: int | None, values: dict[str, JsonNumber]) -> None:
        """Append `{"step", "epoch", "values"}`; values are already encoded (no bare NaN)."""
        line = json.dumps({"step": step, "epoch": epoch, "values": values}, allow_nan=False)

        with self._lock:
            self._file.write(line + "\n")
            self._file.flush()

    def close(self) -> None:
        """Close the file; later writes are an error."""
        with self._lock:
            self._file.close()
