"""Process-wide hooks: remember an uncaught exception so the exit handler reports `failed`."""

import sys
import threading
from types import TracebackType

_lock = threading.Lock()
_installed = False
_crashed = False


def install_excepthook() -> None:
    """Chain a hook in front of the current sys.excepthook, once per process."""
    global _installed
    with _lock:
        if _installed:
            return

        previous = sys.excepthook

        def hook(
            kind: type[BaseException], value: BaseException, traceback: TracebackType | None
        ) -> None:
            global _crashed
            _crashed = True
            previous(kind, value, traceback)

        sys.excepthook = hook
        _installed = True


def crashed() -> bool:
    """True once an uncaught exception reached sys.excepthook."""
    return _crashed
