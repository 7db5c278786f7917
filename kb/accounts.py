"""Staff accounts: Argon2id password hashes, roles, revocable sessions. No Flask here."""
from __future__ import annotations

import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .db import Database, User

ROLES = ("support", "editor", "admin")
USERNAME_RE = re.compile(r"^[A-Za-z0-9_.@-]{2,80}$")
MIN_PASSWORD = 12

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
    session_version: int

    @classmethod
    def of(cls, u: User) -> "Staff":
        return cls(u.id, u.username, u.role, tuple(filter(None, u.langs.split(","))), u.session_version)


def _check(username: str, password: str | None, role: str | None) -> None:
    if not USERNAME_RE.match(username or ""):
        raise AccountError("username: 2-80 letters, digits or . _ @ -")
    if password is not None and len(password) < MIN_PASSWORD:
        raise AccountError(f"password: at least {MIN_PASSWORD} characters")
    if role is not None and role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")


def add_user(db: Database, username: str, password: str, role: str, langs: list[str] | None = None) -> Staff:
    _check(username, password, role)
    with db.session() as s:
        if s.query(User).filter_by(username=username).one_or_none():
            raise AccountError(f"user {username!r} already exists")
        user = User(username=username, password_hash=_hasher.hash(password), role=role,
                    langs=",".join(langs or []), session_version=1)
        s.add(user)
        s.flush()
        return Staff.of(user)


def set_password(db: Database, username: str, password: str) -> None:
    _check(username, password, None)
    with db.session() as s:
        user = _get(s, username)
        user.password_hash = _hasher.hash(password)
        user.session_version += 1  # every existing session ends


def set_role(db: Database, username: str, role: str, langs: list[str] | None = None) -> None:
    _check(username, None, role)
    with db.session() as s:
        user = _get(s, username)
        user.role, user.langs = role, ",".join(langs or [])
        user.session_version += 1


def remove_user(db: Database, username: str) -> None:
    with db.session() as s:
        s.delete(_get(s, username))


def end_sessions(db: Database, user_id: int) -> None:
    with db.session() as s:
        user = s.get(User, user_id)
        if user is not None:
            user.session_version += 1


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


def load(db: Database, user_id: int, session_version: int) -> Staff | None:
    with db.session() as s:
        user = s.get(User, user_id)
        if user is None or user.session_version != session_version:
            return None
        return Staff.of(user)


def _get(s, username: str) -> User:
    user = s.query(User).filter_by(username=username).one_or_none()
    if user is None:
        raise AccountError(f"no user {username!r}")
    return user
