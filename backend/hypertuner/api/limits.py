"""Request body size limit, checked on the declared length and on the bytes that arrive."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from hypertuner.api.asgi import read_messages, replay, send_error


class BodyLimitMiddleware:
    """Answer 413 with a JSON error when a request body exceeds `max_bytes`."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(send)
            return

        if declared is None:
            # A streamed (chunked) body: read it whole first, so the limit holds before the
            # app sees a byte; bodies here are JSON, small next to the limit.
            messages = await read_messages(receive, self.max_bytes)
            if messages is None:
                await self._refuse(send)
                return
            receive = replay(messages, receive)
        await self.app(scope, receive, send)

    async def _refuse(self, send: Send) -> None:
        message = f"request body over the limit of {self.max_bytes} bytes"
        await send_error(send, 413, "too_large", message, None)
