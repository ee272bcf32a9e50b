"""Domain exceptions. Services raise these; `api.errors` maps them to HTTP answers."""

from __future__ import annotations


class HyperTunerError(Exception):
    """Base of every error the API reports to its caller."""

    status_code = 400
    code = "bad_request"

    def __init__(self, message: str, *, field: str | None = None, details: object = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.details = details


class NotAuthenticated(HyperTunerError):
    status_code = 401
    code = "unauthenticated"


class Forbidden(HyperTunerError):
    status_code = 403
    code = "forbidden"


class NotFound(HyperTunerError):
    status_code = 404
    code = "not_found"


class Conflict(HyperTunerError):
    status_code = 409
    code = "conflict"


class InvalidInput(HyperTunerError):
    status_code = 422
    code = "invalid_input"


class UnsupportedMedia(HyperTunerError):
    status_code = 415
    code = "unsupported_media_type"


class LauncherUnavailable(HyperTunerError):
    status_code = 503
    code = "launcher_unavailable"


class DatabaseBusy(HyperTunerError):
    """SQLite holds one writer at a time; a write that waited out its busy timeout ends here."""

    status_code = 503
    code = "database_busy"
