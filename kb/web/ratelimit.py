"""Per-client request limits for the endpoints anonymous visitors can hammer (429, never 500).

Counts live in process memory, keyed by a keyed hash of the client address that is never
stored; with several workers each enforces the limit on its share of the traffic.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from collections import deque

from flask import request
from werkzeug.exceptions import TooManyRequests

from kb.web.context import rate_limiter, secret_key


def parse_limits(spec: str) -> dict[str, tuple[int, float]]:
    """ "search=60/60,vote=20/60" -> {"search": (60 requests, per 60 seconds), ...}."""
    out = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        name, _, rate = part.partition("=")
        count, _, seconds = rate.partition("/")
        out[name.strip()] = (int(count), float(seconds or 60))
    return out


class RateLimiter:
    def __init__(self, limits: dict[str, tuple[int, float]], max_clients: int = 100_000):
        self.limits = limits
        self.max_clients = max_clients
        self._hits: dict[tuple[str, str], deque] = {}
        self._lock = threading.Lock()

    def allow(self, bucket: str, client: str, now: float | None = None) -> float | None:
        """None when allowed, else the seconds to wait."""
        limit = self.limits.get(bucket)
        if limit is None:
            return None
        count, window = limit
        now = time.monotonic() if now is None else now
        with self._lock:
            if len(self._hits) > self.max_clients:  # bounded memory under a flood of addresses
                self._hits.clear()
            hits = self._hits.setdefault((bucket, client), deque())
            while hits and hits[0] <= now - window:
                hits.popleft()
            if len(hits) >= count:
                return max(0.0, hits[0] + window - now)
            hits.append(now)
            return None


def check(bucket: str) -> None:
    """:raise 429: when this client is over the bucket's limit."""
    limiter: RateLimiter = rate_limiter()
    addr = (request.remote_addr or "").encode()
    client = hmac.new(secret_key().encode(), addr, hashlib.sha256).hexdigest()[:24]
    wait = limiter.allow(bucket, client)
    if wait is not None:
        exc = TooManyRequests()
        exc.retry_after = int(wait) + 1
        raise exc
