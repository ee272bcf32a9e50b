"""The SDK training scripts use to read their params and log metrics and artifacts."""

from hypertuner.sdk.api import finish, init, log, log_artifact, params
from hypertuner.sdk.errors import SdkError
from hypertuner.sdk.session import Session

__all__ = ["SdkError", "Session", "finish", "init", "log", "log_artifact", "params"]
