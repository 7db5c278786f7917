"""Per-client request limits for what anonymous visitors and API tokens can hammer (429 with Retry-After, never 500).

Flask-Limiter keeps the counts: in process memory by default (each worker counts its own share),
in Redis with ``KB_RATE_LIMIT_STORAGE=redis://...`` so every worker and host shares one count.
Views call :func:`check` with their endpoint group rather than carrying decorators, because what
is limited depends on the request: the search page and its API twin share one count, the contact
form counts only sent inquiries, and the login counts per account as well as per address. Clients
and accounts are keyed by a keyed hash that is never stored anywhere readable.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time

from flask import Flask, current_app, request
from flask_limiter import Limiter
from limits import RateLimitItem, RateLimitItemPerSecond
from werkzeug.exceptions import TooManyRequests

from kb.web.context import secret_key

log = logging.getLogger(__name__)


def parse_limits(spec: str) -> dict[str, RateLimitItem]:
    """ "search=60/60,vote=20/60" -> {"search": 60 requests per 60 seconds, ...}.

    :raise ValueError: naming the part that is not ``name=count/seconds``.
    """
    out: dict[str, RateLimitItem] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        name, _, rate = part.partition("=")
        count, _, seconds = rate.partition("/")
        try:
            out[name.strip()] = RateLimitItemPerSecond(int(count), int(float(seconds or 60)))
        except ValueError:
            raise ValueError(f"rate limit {part!r} is not name=count/seconds") from None
    return out


def init_app(app: Flask, spec: str, storage_uri: str) -> None:
    """One Flask-Limiter per app (its storage: ``memory://`` or a Redis URL) and the parsed limits."""
    limiter = Limiter(
        _client,
        app=app,
        storage_uri=storage_uri,
        strategy="moving-window",
        key_prefix="kb",
        default_limits=[],
        in_memory_fallback_enabled=True,  # Redis down: each worker counts alone rather than failing
    )
    app.extensions["kb_limits"] = (limiter, parse_limits(spec))


def _keyed(value: str) -> str:
    return hmac.new(secret_key().encode(), value.encode(), hashlib.sha256).hexdigest()[:24]


def _client() -> str:
    return _keyed(request.remote_addr or "")


def check(bucket: str, account: str | None = None, token: int | None = None) -> None:
    """Count this request against ``bucket`` for the client's address (and ``account``, when given),
    or for API token ``token`` (its id) alone: a bot's requests all come from one or two servers, and
    two bots on one address must not share a count.

    :raise 429: with Retry-After, when any of them is over the limit.
    """
    limiter, limits = current_app.extensions["kb_limits"]
    item = limits.get(bucket)
    if item is None:
        return
    if token is not None:
        keys = [_keyed(f"token:{token}")]
    else:
        keys = [_client()] + ([_keyed("account:" + account.strip().casefold())] if account is not None else [])
    for key in keys:
        try:
            allowed = limiter.limiter.hit(item, bucket, key)
        except Exception as error:  # noqa: BLE001 - a storage outage must not turn reads into 500s
            log.warning("rate limit storage unavailable, %s not counted: %s", bucket, error)
            return
        if not allowed:
            reset = limiter.limiter.get_window_stats(item, bucket, key).reset_time
            refused = TooManyRequests()
            refused.retry_after = max(1, int(reset - time.time()) + 1)
            raise refused
