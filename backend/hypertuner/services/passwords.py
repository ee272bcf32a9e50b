"""Password strength, judged by zxcvbn (a well-kept estimator) plus a minimum length."""

from __future__ import annotations

from zxcvbn import zxcvbn

from hypertuner.core.errors import InvalidInput

MIN_LENGTH = 10
MIN_SCORE = 3


def check_strength(password: str, *, username: str = "", field: str = "password") -> None:
    """Refuse a weak password with the estimator's own advice."""
    if len(password) < MIN_LENGTH:
        raise InvalidInput(f"the password needs at least {MIN_LENGTH} characters", field=field)

    # zxcvbn refuses over 72 characters; a passphrase that long is strong enough anyway.
    if len(password) > 72:
        return
    verdict = zxcvbn(password, user_inputs=[username, "hypertuner"])
    if verdict["score"] < MIN_SCORE:
        advice = verdict["feedback"].get("warning") or "it is easy to guess"
        hints = " ".join(verdict["feedback"].get("suggestions", []))
        raise InvalidInput(f"the password is too weak: {advice}. {hints}".strip(), field=field)
