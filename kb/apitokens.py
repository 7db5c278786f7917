"""API tokens: what chat bots, email auto-replies and agents present to the answer API. No Flask here.

A token is shown once, when it is made; only its SHA-256 is stored, so a leaked database holds
nothing that opens the API. Tokens carry ``secrets.token_urlsafe(32)`` (256 bits), so a plain
hash (no salt, no slow hash) is enough and lets :func:`verify` find the row by an indexed lookup.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Collection

from sqlalchemy import select, update

from kb.db import ApiToken, Database, as_utc, utcnow

PREFIX = "kb_"
SCOPES = ("answer",)
SHOWN_CHARS = len(PREFIX) + 6  # the start of a token kept in clear, to tell tokens apart in lists
MAX_TOKEN_CHARS = 100  # anything longer is not one of ours: refused before any lookup
MAX_NAME_CHARS = 80
# last_used_at is written at most this often per token: a bot sending ten answers a second must
# not turn every read into a database write.
TOUCH_EVERY = dt.timedelta(minutes=1)


class TokenError(ValueError):
    """A user-facing problem with a token operation (says what is wrong)."""


class InvalidToken(TokenError):
    """No such token, or it was revoked: the client is not authenticated (HTTP 401)."""


class ScopeDenied(TokenError):
    """A valid token without the scope the request needs (HTTP 403)."""


def _hash(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode()).hexdigest()


def _check_scopes(scopes: Collection[str]) -> list[str]:
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown:
        raise TokenError(f"unknown scope {', '.join(unknown)}; valid: {', '.join(SCOPES)}")
    if not scopes:
        raise TokenError(f"a token needs at least one scope ({', '.join(SCOPES)})")
    return sorted(set(scopes))


def create(db: Database, name: str, scopes: Collection[str], created_by: str = "") -> tuple[ApiToken, str]:
    """A new token: its row and the plaintext, which is never stored and cannot be shown again."""
    name = " ".join((name or "").split())
    if not name or len(name) > MAX_NAME_CHARS:
        raise TokenError(f"name: 1-{MAX_NAME_CHARS} characters")
    scopes = _check_scopes(scopes)
    plaintext = PREFIX + secrets.token_urlsafe(32)
    with db.session() as s:
        row = ApiToken(
            name=name,
            prefix=plaintext[:SHOWN_CHARS],
            token_hash=_hash(plaintext),
            scopes=scopes,
            created_by=created_by[:80],
            created_at=utcnow(),
        )
        s.add(row)
        s.flush()
    return row, plaintext


def list_tokens(db: Database) -> list[ApiToken]:
    """Every token, revoked ones included (they stay as a record of who had access), newest first."""
    with db.session() as s:
        return list(s.scalars(select(ApiToken).order_by(ApiToken.id.desc())))


def revoke(db: Database, token_id: int) -> ApiToken:
    """Revoke a token at once (idempotent: revoking twice keeps the first time).

    :raise TokenError: when no token has this id.
    """
    with db.session() as s:
        row = s.get(ApiToken, token_id)
        if row is None:
            raise TokenError(f"no token with id {token_id}")
        if row.revoked_at is None:
            row.revoked_at = utcnow()
        return row


def verify(db: Database, plaintext: str | None, scope: str) -> ApiToken:
    """The live token ``plaintext`` names, if it carries ``scope``.

    :raise InvalidToken: no token, not one of ours, unknown or revoked.
    :raise ScopeDenied: a live token without ``scope``.
    """
    if not plaintext or not plaintext.startswith(PREFIX) or len(plaintext) > MAX_TOKEN_CHARS:
        raise InvalidToken("missing or malformed token")
    with db.session() as s:
        row = s.scalars(select(ApiToken).where(ApiToken.token_hash == _hash(plaintext))).one_or_none()
        if row is None or row.revoked_at is not None:
            raise InvalidToken("unknown or revoked token")
        now = utcnow()
        last = as_utc(row.last_used_at)
        if last is None or now - last >= TOUCH_EVERY:
            # Conditional, so that concurrent requests write once.
            s.execute(
                update(ApiToken)
                .where(
                    ApiToken.id == row.id, ApiToken.last_used_at.is_(None) | (ApiToken.last_used_at < now - TOUCH_EVERY)
                )
                .values(last_used_at=now)
                .execution_options(synchronize_session=False)  # the row in hand stays as read
            )
    if scope not in (row.scopes or []):
        raise ScopeDenied(f"this token lacks the {scope!r} scope")
    return row
