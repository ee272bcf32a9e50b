"""A small typed wrapper over the REST API for the CLI."""

from __future__ import annotations

from typing import Any

import httpx

from hypertuner.cli.credentials import Credentials


class ApiError(Exception):
    """An error answer from the service, with its message and field."""

    def __init__(self, status: int, message: str, field: str | None = None) -> None:
        super().__init__(f"{message} (field: {field})" if field else message)
        self.status = status
        self.field = field


class ApiClient:
    def __init__(self, credentials: Credentials, timeout: float = 30.0) -> None:
        headers = {"Authorization": f"Bearer {credentials.token}"} if credentials.token else {}
        self.http = httpx.Client(base_url=credentials.url, headers=headers, timeout=timeout)

    def get(self, path: str, **params: Any) -> Any:
        return self._send("GET", path, params=params or None)

    def post(self, path: str, body: object | None = None) -> Any:
        return self._send("POST", path, json=body)

    def use_session_csrf(self) -> None:
        """After a cookie login: send the session's CSRF token with every write."""
        self.http.headers["x-csrf-token"] = self.http.cookies.get("hypertuner_csrf") or ""

    def patch(self, path: str, body: object | None = None) -> Any:
        return self._send("PATCH", path, json=body)

    def _send(self, method: str, path: str, **options: Any) -> Any:
        try:
            response = self.http.request(method, f"/api{path}", **options)
        except httpx.TransportError as error:
            where = self.http.base_url
            hint = "is `hypertuner serve` running there? (--url or HYPERTUNER_URL to change it)"
            raise ApiError(0, f"cannot reach the service at {where}: {error}; {hint}") from error
        return self._answer(response)

    def project_id(self, name: str, create: bool = False) -> int:
        """The id of your project called `name` (created if asked and missing)."""
        found = self.get("/projects", name=name)
        if found:
            return int(found[0]["id"])
        if not create:
            raise ApiError(404, f"no project named {name!r}")
        return int(self.post("/projects", {"name": name})["id"])

    @staticmethod
    def _answer(response: httpx.Response) -> Any:
        if response.status_code == 204:
            return None
        try:
            body = response.json()
        except ValueError:
            body = None
        if response.is_success:
            return body
        error = body.get("error", {}) if isinstance(body, dict) else {}
        message = error.get("message") or f"HTTP {response.status_code}"
        raise ApiError(response.status_code, message, error.get("field"))
