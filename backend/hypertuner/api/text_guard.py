"""NUL characters are refused at the door: in query strings, paths and JSON bodies.

No text column takes them (PostgreSQL refuses NUL in text; a command line cannot carry one),
so a request with one gets a 422 before any route runs, and nothing is written.
"""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Receive, Scope, Send

from hypertuner.api.asgi import read_messages, replay, send_error

# A JSON \\u0000 escape: preceded by an even number of backslashes (an escaped backslash
# followed by the text "u0000" is a harmless string).
NUL_ESCAPE = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")
MESSAGE = "text may not contain the NUL character (\\u0000)"


def has_nul(text: str | bytes) -> bool:
    """Whether decoded text, or raw JSON, holds a NUL character."""
    raw = text.encode() if isinstance(text, str) else text
    if b"\x00" in raw:
        return True
    # The plain substring test first: every JSON body (metric batches included) passes here,
    # and almost none holds the escape at all.
    return b"\\u0000" in raw and NUL_ESCAPE.search(raw) is not None


class NulGuardMiddleware:
    """Answer 422 with a JSON error when a query, a path or a JSON body carries a NUL."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        location = scope.get("raw_path") or scope["path"].encode()
        if b"%00" in location.lower() or b"%00" in scope.get("query_string", b"").lower():
            await _refuse(send, "query" if b"%00" in scope["query_string"].lower() else "path")
            return

        if not _is_json(scope):
            await self.app(scope, receive, send)
            return
        # The body-limit middleware runs first, so the body read here is bounded.
        messages = await read_messages(receive) or []
        if has_nul(b"".join(m.get("body", b"") for m in messages)):
            await _refuse(send, "body")
            return
        await self.app(scope, replay(messages, receive), send)


def _is_json(scope: Scope) -> bool:
    """A JSON body, or one without a type: FastAPI reads that as JSON too."""
    content_type = dict(scope["headers"]).get(b"content-type")
    return content_type is None or b"json" in content_type.lower()


async def _refuse(send: Send, where: str) -> None:
    await send_error(send, 422, "invalid_input", f"{where}: {MESSAGE}", where)
