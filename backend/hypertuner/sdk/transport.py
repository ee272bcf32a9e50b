"""The HTTP edge of the SDK: httpx errors become one of two SdkError kinds here."""

import json
from collections.abc import Mapping

import httpx

from hypertuner.sdk.errors import SdkError

REQUEST_TIMEOUT_SECONDS = 10.0

# Statuses that say "not now" rather than "never": retrying the same request may succeed.
_RETRYABLE_STATUSES = frozenset({httpx.codes.REQUEST_TIMEOUT, httpx.codes.TOO_MANY_REQUESTS})


class TransientError(SdkError):
    """The request may succeed later: no connection, timeout, lost answer, 5xx, 408 or 429."""


class RejectedError(SdkError):
    """The server refused the request for good (a 4xx); sending it again cannot help."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"HTTP {status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message


class Transport:
    """One httpx client bound to the service's base URL and a bearer token."""

    def __init__(self, base_url: str, token: str) -> None:
        self.base_url = base_url.rstrip("/")
        self._client = httpx.Client(
            base_url=self.base_url,
            headers={"Authorization": f"Bearer {token}", "User-Agent": "hypertuner-sdk"},
            timeout=REQUEST_TIMEOUT_SECONDS,
        )

    def get(self, path: str, query: Mapping[str, str] | None = None) -> object:
        """GET `path` and return the decoded JSON answer."""
        return self._send("GET", path, query=query)

    def post(self, path: str, body: object) -> object:
        """POST `body` as JSON (non-finite floats must already be encoded) and decode the answer."""
        return self._send("POST", path, body=body)

    def close(self) -> None:
        """Close the pooled connections."""
        self._client.close()

    def _send(
        self, method: str, path: str, *, body: object = None, query: Mapping[str, str] | None = None
    ) -> object:
        content = None if body is None else json.dumps(body, allow_nan=False).encode()
        headers = {} if content is None else {"Content-Type": "application/json"}

        try:
            response = self._client.request(
                method, path, content=content, headers=headers, params=query
            )
        except httpx.TransportError as exc:
            raise TransientError(f"{method} {path}: {type(exc).__name__}: {exc}") from exc

        _raise_for_status(method, path, response)
        return _decode(response)


def _raise_for_status(method: str, path: str, response: httpx.Response) -> None:
    status = response.status_code
    if status < httpx.codes.BAD_REQUEST:
        return

    code, message = _error_fields(response)
    if status >= httpx.codes.INTERNAL_SERVER_ERROR or status in _RETRYABLE_STATUSES:
        raise TransientError(f"{method} {path}: HTTP {status} {code}: {message}")

    raise RejectedError(status, code, message)


def _error_fields(response: httpx.Response) -> tuple[str, str]:
    """Read the contract's `{"error": {"code", "message"}}`, falling back to the raw text."""
    try:
        error = response.json()["error"]
        return str(error["code"]), str(error["message"])
    except (ValueError, KeyError, TypeError):
        return "http_error", response.text[:300]


def _decode(response: httpx.Response) -> object:
    if not response.content:
        return None

    try:
        decoded: object = response.json()
    except ValueError as exc:
        raise TransientError(f"undecodable answer from {response.url}: {exc}") from exc

    return decoded
