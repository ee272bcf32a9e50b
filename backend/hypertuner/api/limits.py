"""Request body size limit, checked on the declared length and on the bytes that arrive."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hypertuner.api.asgi import replay, send_error


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
            messages = await self._read_all(receive)
            if messages is None:
                await self._refuse(send)
                return
            receive = replay(messages, receive)
        await self.app(scope, receive, send)

    async def _read_all(self, receive: Receive) -> list[Message] | None:
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                return None
            if message["type"] != "http.request" or not message.get("more_body", False):
                return messages

    async def _refuse(self, send: Send) -> None:
        message = f"request body over the limit of {self.max_bytes} bytes"
        await send_error(send, 413, "too_large", message, None)
