"""The one exception the SDK raises for misuse or a refused setup."""


class SdkError(Exception):
    """Raised when a session cannot start or is used after it finished."""
