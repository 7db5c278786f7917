"""Staff accounts: Argon2id password hashes, roles, revocable sessions. No Flask here.

A session names its account by a random token that is replaced whenever sessions must end
(logout, password or role change), never by the row id: SQLite reuses the id of a deleted
account, so an old cookie naming an id could sign in as the next account created.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Collection
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from kb import locales
from kb.db import Database, User

ROLES = ("support", "editor", "admin")
USERNAME_RE = re.compile(r"^[A-Za-z0-9_.@-]{2,80}$")
MIN_PASSWORD = 12
MAX_SESSION_TOKEN = 64

_hasher = PasswordHasher()  # argon2-cffi defaults: Argon2id, t=3, m=64 MiB, p=4
_DUMMY = _hasher.hash("timing-equaliser-not-a-password")


class AccountError(ValueError):
    """A user-facing problem with an account operation (says what is wrong)."""


@dataclass(frozen=True)
class Staff:
    id: int
    username: str
    role: str
    langs: tuple[str, ...]
    session_token: str

    @classmethod
    def of(cls, u: User) -> Staff:
        return cls(u.id, u.username, u.role, tuple(filter(None, u.langs.split(","))), u.session_token)


def _new_session_token() -> str:
    return secrets.token_urlsafe(32)  # 43 characters; the column holds 64


def _check(username: str, password: str | None, role: str | None) -> None:
    if not USERNAME_RE.match(username or ""):
        raise AccountError("username: 2-80 letters, digits or . _ @ -")
    if password is not None and len(password) < MIN_PASSWORD:
        raise AccountError(f"password: at least {MIN_PASSWORD} characters")
    if role is not None and role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")


def check_langs(langs: list[str] | None, known: Collection[str] | None = None) -> list[str]:
    """``langs`` if each is a language code (and, given ``known``, one of the site's), else AccountError.

    An editor's languages decide which articles they may change: a typo would silently give them none.
    """
    langs = list(langs or [])
    bad = [code for code in langs if not locales.valid_code(code) or (known is not None and code not in known)]
    if bad:
        valid = f"; valid: {', '.join(sorted(known))}" if known is not None else " (codes like th, fa, pt-BR)"
        raise AccountError(f"unknown language {', '.join(repr(code) for code in bad)}{valid}")
    return langs


def add_user(
    db: Database,
    username: str,
    password: str,
    role: str,
    langs: list[str] | None = None,
    *,
    known: Collection[str] | None = None,
) -> Staff:
    """Create an account; ``known``: the site's languages, when ``langs`` must be among them."""
    _check(username, password, role)
    langs = check_langs(langs, known)
    with db.session() as s:
        if s.query(User).filter_by(username=username).one_or_none():
            raise AccountError(f"user {username!r} already exists")
        user = User(
            username=username,
            password_hash=_hasher.hash(password),
            role=role,
            langs=",".join(langs or []),
            session_token=_new_session_token(),
        )
        s.add(user)
        s.flush()
        return Staff.of(user)


def set_password(db: Database, username: str, password: str) -> None:
    _check(username, password, None)
    with db.session() as s:
        user = _get(s, username)
        user.password_hash = _hasher.hash(password)
        user.session_token = _new_session_token()  # every existing session ends


def set_role(
    db: Database, username: str, role: str, langs: list[str] | None = None, *, known: Collection[str] | None = None
) -> None:
    """Change the role and languages of an account; its sessions end."""
    _check(username, None, role)
    langs = check_langs(langs, known)
    with db.session() as s:
        user = _get(s, username)
        user.role, user.langs = role, ",".join(langs or [])
        user.session_token = _new_session_token()


def remove_user(db: Database, username: str) -> None:
    with db.session() as s:
        s.delete(_get(s, username))


def end_sessions(db: Database, user_id: int) -> None:
    with db.session() as s:
        user = s.get(User, user_id)
        if user is not None:
            user.session_token = _new_session_token()


def authenticate(db: Database, username: str, password: str) -> Staff | None:
    """The account if the password matches; the same work is done for unknown names."""
    with db.session() as s:
        user = s.query(User).filter_by(username=username).one_or_none()
        try:
            _hasher.verify(user.password_hash if user else _DUMMY, password)
        except (VerificationError, InvalidHashError):
            return None
        if user is None:
            return None
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = _hasher.hash(password)
        return Staff.of(user)


def load(db: Database, session_token: str) -> Staff | None:
    """The account a session cookie's token names; None once that session has ended."""
    if not session_token or len(session_token) > MAX_SESSION_TOKEN:
        return None
    with db.session() as s:
        user = s.query(User).filter_by(session_token=session_token).one_or_none()
        return Staff.of(user) if user is not None else None


def _get(s, username: str) -> User:
    user = s.query(User).filter_by(username=username).one_or_none()
    if user is None:
        raise AccountError(f"no user {username!r}")
    return user
