"""Small pieces the pure-ASGI middlewares share: replaying a read body, a JSON error."""

from __future__ import annotations

import json

from starlette.types import Message, Receive, Send


async def read_messages(receive: Receive, max_bytes: int | None = None) -> list[Message] | None:
    """Every message of a request body; None once it passes `max_bytes`."""
    messages: list[Message] = []
    size = 0
    while True:
        message = await receive()
        messages.append(message)
        size += len(message.get("body", b""))
        if max_bytes is not None and size > max_bytes:
            return None
        if message["type"] != "http.request" or not message.get("more_body", False):
            return messages


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
