"""Browser hardening: security headers on every answer, CSRF tokens for cookie writes."""

from __future__ import annotations

import hashlib
import hmac

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "hypertuner_csrf"
CSRF_HEADER = "x-csrf-token"
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

# The app's own pages load only same-origin code; styles set by charts need inline styles.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# Swagger UI and ReDoc load their code from a CDN; they get no CSP of their own.
UNRESTRICTED_PATHS = ("/docs", "/redoc")


def csrf_token(secret_key: str, session_secret: str) -> str:
    """The CSRF token bound to one browser session (double submit, HMAC-signed)."""
    digest = hmac.new(secret_key.encode(), session_secret.encode(), hashlib.sha256)
    return digest.hexdigest()


def csrf_valid(secret_key: str, session_secret: str, presented: str | None) -> bool:
    if not presented:
        return False
    return hmac.compare_digest(csrf_token(secret_key, session_secret), presented)


class SecurityHeadersMiddleware:
    """Adds nosniff, frame denial, referrer policy and the content security policy."""

    def __init__(self, app: ASGIApp, https_only: bool = False) -> None:
        self.app = app
        self.https_only = https_only

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"x-content-type-options", b"nosniff"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"same-origin"),
                ]
                if not path.startswith(UNRESTRICTED_PATHS):
                    headers.append((b"content-security-policy", CONTENT_SECURITY_POLICY.encode()))
                if self.https_only:
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)
