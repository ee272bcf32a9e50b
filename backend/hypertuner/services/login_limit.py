"""Failed-login limits per account and per client address (a moving window, `limits`).

The counters live in this process's memory: with several server processes each keeps its
own, so the effective limit multiplies by their number.
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, RateLimitItemPerSecond, storage, strategies

from hypertuner.core.config import Settings
from hypertuner.core.errors import HyperTunerError


class TooManyLogins(HyperTunerError):
    status_code = 429
    code = "too_many_logins"


class LoginLimiter:
    def __init__(self, settings: Settings) -> None:
        window = settings.login_window_seconds
        self._account = RateLimitItemPerSecond(settings.login_failures_per_account, window)
        self._address = RateLimitItemPerSecond(settings.login_failures_per_address, window)
        self._limiter = strategies.MovingWindowRateLimiter(storage.MemoryStorage())

    def check(self, username: str, address: str) -> None:
        """Refuse the attempt before checking the password if either limit is spent."""
        for item, key in ((self._account, f"user:{username}"), (self._address, f"ip:{address}")):
            if not self._limiter.test(item, key):
                raise TooManyLogins(
                    f"too many failed logins; try again in {self._retry_after(item, key)} s",
                    details={"retry_after": self._retry_after(item, key)},
                )

    def failed(self, username: str, address: str) -> None:
        self._limiter.hit(self._account, f"user:{username}")
        self._limiter.hit(self._address, f"ip:{address}")

    def _retry_after(self, item: RateLimitItem, key: str) -> int:
        reset = self._limiter.get_window_stats(item, key).reset_time
        return max(1, math.ceil(reset - time.time()))
