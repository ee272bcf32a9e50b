"""The background sender: one daemon thread drains a queue of metric records and requests.

Records are grouped into batches of up to BATCH_SIZE, or whatever arrived within
BATCH_WINDOW_SECONDS. A failed send is retried with the same batch id (the server stores an id
once), so a retry after a lost answer cannot duplicate points. Requests (artifacts, the finish
report) keep their place in the queue: records logged before them are sent first.
"""

import logging
import queue
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

import httpx

from hypertuner.sdk.transport import RejectedError, TransientError

logger = logging.getLogger(__name__)

BATCH_SIZE = 1000
BATCH_WINDOW_SECONDS = 0.5
FIRST_BACKOFF_SECONDS = 0.2
MAX_BACKOFF_SECONDS = 5.0
JOIN_SECONDS = 1.0

RECORD = "metric record"

JsonObject = dict[str, object]


class Poster(Protocol):
    """What the worker needs from a transport."""

    def post(self, path: str, body: object) -> object: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class _Record:
    body: JsonObject


@dataclass(frozen=True)
class _Request:
    path: str
    body: JsonObject
    kind: str


_Item = _Record | _Request


class Worker:
    """Owns the queue and the sender thread; put_* never block, flush and close wait."""

    def __init__(self, poster: Poster, metrics_path: str) -> None:
        self._poster = poster
        self._metrics_path = metrics_path
        # None is only a wake-up call for the thread.
        self._queue: queue.Queue[_Item | None] = queue.Queue()
        self._pending: Counter[str] = Counter()
        self._idle = threading.Condition()
        self._hurry = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="hypertuner-sender", daemon=True)
        self._thread.start()

    def put_record(self, body: JsonObject) -> None:
        """Queue one metric record (already validated and encoded)."""
        self._add(RECORD)
        self._queue.put(_Record(body))

    def put_request(self, path: str, body: JsonObject, kind: str) -> None:
        """Queue one POST, sent after everything queued before it; `kind` names it in logs."""
        self._add(kind)
        self._queue.put(_Request(path, body, kind))

    def flush(self, timeout: float) -> dict[str, int]:
        """Wait until all queued items are sent or dropped; return counts still unsent."""
        self._hurry.set()
        self._queue.put(None)

        with self._idle:
            self._idle.wait_for(lambda: not +self._pending, timeout)
            unsent = dict(+self._pending)

        self._hurry.clear()
        return unsent

    def close(self, timeout: float) -> dict[str, int]:
        """Flush for up to `timeout` seconds, then stop the thread; return what was not sent."""
        unsent = self.flush(timeout)

        self._stop.set()
        self._queue.put(None)
        self._thread.join(JOIN_SECONDS)

        # A thread stuck in a request still uses the client; the daemon dies with the process.
        if not self._thread.is_alive():
            self._poster.close()

        return unsent

    def _add(self, kind: str) -> None:
        with self._idle:
            self._pending[kind] += 1

    def _run(self) -> None:
        carried: _Item | None = None
        while not self._stop.is_set():
            item = carried if carried is not None else self._queue.get()
            carried = None

            if isinstance(item, _Request):
                with self._settling(item.kind, 1):
                    self._post_until_done(item.path, item.body, item.kind)
            elif isinstance(item, _Record):
                records, carried = self._collect(item)
                with self._settling(RECORD, len(records)):
                    self._post_batch(records)

    def _collect(self, first: _Record) -> tuple[list[JsonObject], _Request | None]:
        """Gather records after `first` until the batch is full, the window ends or a request."""
        records = [first.body]
        deadline = time.monotonic() + BATCH_WINDOW_SECONDS

        while len(records) < BATCH_SIZE:
            item = self._next_before(deadline)
            if item is None:
                break

            if isinstance(item, _Request):
                return records, item

            records.append(item.body)

        return records, None

    def _next_before(self, deadline: float) -> _Item | None:
        wait = 0.0 if self._hurry.is_set() else deadline - time.monotonic()
        try:
            if wait <= 0:
                return self._queue.get_nowait()

            return self._queue.get(timeout=wait)
        except queue.Empty:
            return None

    def _post_batch(self, records: list[JsonObject]) -> None:
        batch_id = str(uuid.uuid4())
        body: JsonObject = {"batch_id": batch_id, "records": records}

        try:
            self._post_until_done(self._metrics_path, body, f"metric batch {batch_id}")
        except RejectedError as exc:
            if exc.status != httpx.codes.REQUEST_ENTITY_TOO_LARGE or len(records) == 1:
                raise

            # Too large for the server: the halves get fresh ids since this one was not stored.
            half = len(records) // 2
            self._post_batch(records[:half])
            self._post_batch(records[half:])

    def _post_until_done(self, path: str, body: JsonObject, what: str) -> None:
        """POST until it succeeds or the worker stops; RejectedError propagates."""
        delay = FIRST_BACKOFF_SECONDS
        failures = 0

        while True:
            try:
                self._poster.post(path, body)
            except TransientError as exc:
                failures += 1
                _log_failure(what, failures, delay, exc)
            else:
                if failures:
                    logger.info("HyperTuner: %s sent after %d retries", what, failures)
                return

            if self._stop.wait(delay):
                return

            delay = min(delay * 2, MAX_BACKOFF_SECONDS)

    @contextmanager
    def _settling(self, kind: str, count: int) -> Iterator[None]:
        """Count `count` items of `kind` as done however their sending ends."""
        try:
            yield
        except RejectedError as exc:
            logger.error("HyperTuner: server refused %d %s(s), dropped: %s", count, kind, exc)
        except Exception:  # a bug must not kill the thread and strand every later record
            logger.exception("HyperTuner: unexpected error sending %d %s(s), dropped", count, kind)
        finally:
            with self._idle:
                self._pending[kind] -= count
                self._idle.notify_all()


def _log_failure(what: str, failures: int, delay: float, exc: TransientError) -> None:
    if failures == 1:
        logger.warning("HyperTuner: sending %s failed (%s); retrying", what, exc)
    else:
        logger.debug("HyperTuner: %s failed %d times; next try in %.1f s", what, failures, delay)
