"""Named leases in the database: one holder at a time across every worker and host.

A lease is one row; taking it is a single conditional UPDATE (free, or expired), which both
SQLite (one writer) and PostgreSQL (the row lock, then the condition checked again) make atomic.
The holder renews it every third of its time to live from a daemon thread; a holder that died
stops renewing, and once the lease expires the next taker gets it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import CursorResult, or_, update
from sqlalchemy.exc import IntegrityError

from kb.db import Database, Lease, utcnow


def try_acquire(db: Database, name: str, holder: str, ttl: float) -> bool:
    """Take lease ``name`` for ``holder`` if it is free or expired; False when someone else holds it."""
    now = utcnow()
    with db.session() as s:
        if s.get(Lease, name) is None:
            try:
                with s.begin_nested():
                    s.add(Lease(name=name, holder="", expires_at=now))
            except IntegrityError:
                pass  # another process created it a moment ago
    with db.session() as s:
        result = s.execute(
            update(Lease)
            .where(Lease.name == name, or_(Lease.holder == "", Lease.expires_at < now))
            .values(holder=holder, expires_at=now + dt.timedelta(seconds=ttl))
        )
    return _changed(result)


def renew(db: Database, name: str, holder: str, ttl: float) -> bool:
    """Extend our lease; False when it is no longer ours (it expired and someone else took it)."""
    with db.session() as s:
        result = s.execute(
            update(Lease)
            .where(Lease.name == name, Lease.holder == holder)
            .values(expires_at=utcnow() + dt.timedelta(seconds=ttl))
        )
    return _changed(result)


def _changed(result: Any) -> bool:
    """Did an UPDATE change its one row? (SQLAlchemy types its result as Result, without rowcount.)"""
    return cast("CursorResult[Any]", result).rowcount == 1


def release(db: Database, name: str, holder: str) -> None:
    with db.session() as s:
        s.execute(
            update(Lease).where(Lease.name == name, Lease.holder == holder).values(holder="", expires_at=utcnow())
        )


@contextmanager
def held(
    db: Database,
    name: str,
    ttl: float,
    *,
    poll: float = 1.0,
    on_wait: Callable[[], None] | None = None,
) -> Iterator[str]:
    """Wait for lease ``name`` (``on_wait`` runs at every poll meanwhile), hold it, renewed in the
    background, for the ``with`` block, then release it. Yields our holder id."""
    holder = secrets.token_hex(8)
    while not try_acquire(db, name, holder, ttl):
        if on_wait is not None:
            on_wait()
        time.sleep(poll)
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(ttl / 3):
            with contextlib.suppress(Exception):  # a missed beat is retried; the lease outlives two
                renew(db, name, holder, ttl)

    thread = threading.Thread(target=beat, name=f"kb-lease-{name}", daemon=True)
    thread.start()
    try:
        yield holder
    finally:
        stop.set()
        thread.join()
        release(db, name, holder)
