"""Small pieces the pure-ASGI middlewares share: replaying a read body, a JSON error."""

from __future__ import annotations

import json

from starlette.types import Message, Receive, Send


def replay(messages: list[Message], receive: Receive) -> Receive:
    """A `receive` that gives the messages already read, then reads on."""
    pending = list(messages)

    async def replayed() -> Message:
        if pending:
            return pending.pop(0)
        return await receive()

    return replayed


async def send_error(send: Send, status: int, code: str, message: str, field: str | None) -> None:
    """Answer with the API's JSON error shape, before any route has run."""
    error = {"code": code, "message": message, "field": field, "details": None}
    body = json.dumps({"error": error}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
