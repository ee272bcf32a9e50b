"""A loopback HTTP/1.1 proxy for tests that can lose one answer or be away for a while.

It handles one request per connection (it forces `Connection: close` upstream and toward the
client), which keeps it to a few lines: no response parsing, the answer ends at EOF.
"""

import contextlib
import socket
import threading
import time
from dataclasses import dataclass
from types import TracebackType
from typing import Self
from urllib.parse import urlsplit

_HEAD_END = b"\r\n\r\n"
_TIMEOUT_SECONDS = 10.0
_POLL_SECONDS = 0.05


@dataclass(frozen=True)
class Forwarded:
    """One request the proxy passed on: `POST /api/...` and its body."""

    line: str
    body: bytes
    answered: bool


class FlakyProxy:
    """Forward 127.0.0.1:<port> to an upstream http:// URL, with failures on demand."""

    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        self._upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._drop: tuple[str, str] | None = None
        self._refuse_until = 0.0
        self._refusing = threading.Event()
        self._listener: socket.socket | None = self._listen(0)
        self.port: int = self._listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.forwarded: list[Forwarded] = []
        self._thread = threading.Thread(target=self._serve, name="flaky-proxy", daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()
        if self._listener is not None:
            self._listener.close()

    def drop_next_answer(self, method: str, path_part: str) -> None:
        """Forward the next matching request, then hang up before relaying the answer."""
        with self._lock:
            self._drop = (method, path_part)

    def refuse_for(self, seconds: float) -> None:
        """Stop listening (connections are refused) for `seconds`; returns once refusing."""
        self._refusing.clear()
        with self._lock:
            self._refuse_until = time.monotonic() + seconds
        self._refusing.wait(_TIMEOUT_SECONDS)

    def requests(self, path_part: str) -> list[Forwarded]:
        """The forwarded requests whose request line contains `path_part`, in order."""
        with self._lock:
            return [item for item in self.forwarded if path_part in item.line]

    def _listen(self, port: int) -> socket.socket:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(64)
        listener.settimeout(_POLL_SECONDS)
        return listener

    def _serve(self) -> None:
        while not self._stop.is_set():
            listener = self._update_listener()
            if listener is None:
                time.sleep(_POLL_SECONDS)
                continue

            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue

            threading.Thread(target=self._handle, args=(connection,), daemon=True).start()

    def _update_listener(self) -> socket.socket | None:
        """Close or reopen the listening socket as the refusal window says."""
        with self._lock:
            refusing = time.monotonic() < self._refuse_until

        if refusing and self._listener is not None:
            self._listener.close()
            self._listener = None
            self._refusing.set()
        elif not refusing and self._listener is None:
            self._listener = self._listen(self.port)

        return self._listener

    def _handle(self, connection: socket.socket) -> None:
        with connection:
            connection.settimeout(_TIMEOUT_SECONDS)
            with contextlib.suppress(OSError):  # the client went away: nothing to relay
                self._relay(connection)

    def _relay(self, connection: socket.socket) -> None:
        head, body = _read_request(connection)
        if not head:
            return

        line = head.split(b"\r\n", 1)[0].decode("latin-1")
        answer = self._ask_upstream(_closing(head) + body)
        drop = self._take_drop(line)

        with self._lock:
            self.forwarded.append(Forwarded(line, body, answered=not drop))

        if not drop:
            connection.sendall(answer)

    def _take_drop(self, line: str) -> bool:
        with self._lock:
            if self._drop is None:
                return False

            method, path_part = self._drop
            if not line.startswith(f"{method} ") or path_part not in line:
                return False

            self._drop = None
            return True

    def _ask_upstream(self, request: bytes) -> bytes:
        with socket.create_connection(self._upstream, timeout=_TIMEOUT_SECONDS) as upstream:
            upstream.sendall(request)
            chunks = []
            while chunk := upstream.recv(65536):
                chunks.append(chunk)

        return b"".join(chunks)


def _read_request(connection: socket.socket) -> tuple[bytes, bytes]:
    """Read one request's head (without the blank line) and its Content-Length body."""
    data = b""
    while _HEAD_END not in data:
        chunk = connection.recv(65536)
        if not chunk:
            return b"", b""
        data += chunk

    head, body = data.split(_HEAD_END, 1)
    length = _content_length(head)
    while len(body) < length:
        chunk = connection.recv(65536)
        if not chunk:
            break
        body += chunk

    return head, body


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip())

    return 0


def _closing(head: bytes) -> bytes:
    """The head with `Connection: close`, so the upstream answer ends at EOF."""
    lines = [
        line
        for line in head.split(b"\r\n")
        if line.partition(b":")[0].strip().lower() not in (b"connection", b"keep-alive")
    ]
    return b"\r\n".join([*lines, b"Connection: close"]) + _HEAD_END
