"""Throttling of failed authentications, per client (its IP address), for the API's keys and the UI's
sign-in alike: after `auth_failure_limit` unknown or revoked keys within `auth_failure_window` seconds, the
client is answered 429 with `Retry-After` until the oldest of those failures leaves the window.

While it is throttled a client's keys are not checked at all, a right one included: otherwise a client
guessing keys would still learn at full speed which one is right. A request that authenticates never
counts, so a client that only sends good keys is never throttled. The counts live in the process (the
`limits` library's moving window, in memory): each worker process counts its own.
"""
from __future__ import annotations

import math
import time

from fastapi import Request
from limits import RateLimitItemPerSecond
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from app.core.config import Settings


class FailedAuthThrottle:
    """Counts each client's failed authentications in a moving window."""

    def __init__(self, limit: int, window_seconds: int) -> None:
        self.limit, self.window_seconds = limit, window_seconds
        self._item = RateLimitItemPerSecond(limit, window_seconds)
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    @classmethod
    def of(cls, settings: Settings) -> FailedAuthThrottle:
        return cls(settings.auth_failure_limit, settings.auth_failure_window)

    def retry_after(self, client: str) -> int | None:
        """Whole seconds until `client` may try a key again, or None when it may now."""
        if self._limiter.test(self._item, client):
            return None
        reset, _ = self._limiter.get_window_stats(self._item, client)
        return max(1, math.ceil(reset - time.time()))

    def failed(self, client: str) -> None:
        """Count one failed authentication of `client`."""
        self._limiter.hit(self._item, client)

    def message(self, retry_after: int) -> str:
        return (f"too many failed authentications from this address ({self.limit} within "
                f"{self.window_seconds} s): try again in {retry_after} s")


def client_of(request: Request) -> str:
    """The client a request counts against: its IP address (behind a proxy, uvicorn's --proxy-headers and
    --forwarded-allow-ips make that the address the proxy forwarded)."""
    return request.client.host if request.client is not None else "unknown"


def throttle_of(request: Request) -> FailedAuthThrottle:
    return request.app.state.auth_throttle
