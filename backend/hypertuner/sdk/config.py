"""What the SDK reads from the environment the launcher (or the user) sets."""

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from hypertuner.sdk.errors import SdkError

DEFAULT_FLUSH_TIMEOUT_SECONDS = 60.0


@dataclass(frozen=True)
class Environment:
    """The HYPERTUNER_* variables, parsed; empty strings count as unset."""

    url: str | None = None
    experiment_id: str | None = None
    token: str | None = None
    api_token: str | None = None
    params: dict[str, object] = field(default_factory=dict)
    tune_channel: str | None = None
    flush_timeout: float = DEFAULT_FLUSH_TIMEOUT_SECONDS


def read_environment(environ: Mapping[str, str] | None = None) -> Environment:
    """Parse the HYPERTUNER_* variables of `environ` (default: os.environ); SdkError if invalid."""
    env = os.environ if environ is None else environ

    def value(name: str) -> str | None:
        return env.get(name) or None

    return Environment(
        url=value("HYPERTUNER_URL"),
        experiment_id=value("HYPERTUNER_EXPERIMENT_ID"),
        token=value("HYPERTUNER_TOKEN"),
        api_token=value("HYPERTUNER_API_TOKEN"),
        params=_params(value("HYPERTUNER_PARAMS")),
        tune_channel=value("HYPERTUNER_TUNE_CHANNEL"),
        flush_timeout=_flush_timeout(value("HYPERTUNER_FLUSH_TIMEOUT")),
    )


def _params(text: str | None) -> dict[str, object]:
    if text is None:
        return {}

    try:
        decoded: object = json.loads(text)
    except ValueError as exc:
        raise SdkError(f"HYPERTUNER_PARAMS is not valid JSON: {exc}") from exc

    if not isinstance(decoded, dict):
        raise SdkError("HYPERTUNER_PARAMS must be a JSON object")

    return decoded


def _flush_timeout(text: str | None) -> float:
    if text is None:
        return DEFAULT_FLUSH_TIMEOUT_SECONDS

    try:
        seconds = float(text)
    except ValueError:
        raise SdkError(f"HYPERTUNER_FLUSH_TIMEOUT must be a number, got {text!r}") from None

    if not seconds >= 0:
        raise SdkError(f"HYPERTUNER_FLUSH_TIMEOUT must be zero or more, got {text!r}")

    return seconds
