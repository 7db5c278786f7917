"""API tokens (kb/apitokens.py): only hashes stored, verify by scope, revoke, and `flask kb token`."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from kb import apitokens
from kb.db import ApiToken, as_utc, utcnow


def test_create_stores_only_the_hash_and_a_short_prefix(database):
    row, plaintext = apitokens.create(database, "  WhatsApp   bot ", ["answer"], created_by="ada")
    assert plaintext.startswith("kb_") and len(plaintext) >= 43
    with database.session() as s:
        stored = s.get(ApiToken, row.id)
        assert stored.token_hash == hashlib.sha256(plaintext.encode()).hexdigest()
        assert stored.prefix == plaintext[: apitokens.SHOWN_CHARS] and len(stored.prefix) < 12
        assert plaintext not in (stored.name, stored.prefix, stored.created_by)
        assert (stored.name, stored.scopes, stored.created_by) == ("WhatsApp bot", ["answer"], "ada")
    other = apitokens.create(database, "email", ["answer"])[1]
    assert other != plaintext


def test_verify_checks_token_then_scope_and_revoke_ends_it(database):
    row, plaintext = apitokens.create(database, "bot", ["answer"])
    assert apitokens.verify(database, plaintext, "answer").id == row.id
    with pytest.raises(apitokens.ScopeDenied):
        apitokens.verify(database, plaintext, "admin")
    for bad in (None, "", "Bearer x", plaintext[:-1], plaintext + "x", "kb_" + "x" * 200):
        with pytest.raises(apitokens.InvalidToken):
            apitokens.verify(database, bad, "answer")
    apitokens.revoke(database, row.id)
    first = apitokens.list_tokens(database)[0].revoked_at
    apitokens.revoke(database, row.id)  # idempotent: the first revocation time stays
    assert apitokens.list_tokens(database)[0].revoked_at == first is not None
    with pytest.raises(apitokens.InvalidToken):
        apitokens.verify(database, plaintext, "answer")
    with pytest.raises(apitokens.TokenError, match="no token with id 999"):
        apitokens.revoke(database, 999)


def test_create_refuses_unknown_or_no_scopes_and_bad_names(database):
    for name, scopes, message in (
        ("bot", ["answer", "write"], "unknown scope write"),
        ("bot", [], "at least one scope"),
        ("   ", ["answer"], "name"),
        ("x" * 81, ["answer"], "name"),
    ):
        with pytest.raises(apitokens.TokenError, match=message):
            apitokens.create(database, name, scopes)
    assert apitokens.list_tokens(database) == []


def test_last_used_is_written_at_most_once_a_minute(database):
    row, plaintext = apitokens.create(database, "bot", ["answer"])

    def last_used() -> dt.datetime | None:
        with database.session() as s:
            return as_utc(s.get(ApiToken, row.id).last_used_at)

    assert last_used() is None
    apitokens.verify(database, plaintext, "answer")
    first = last_used()
    assert first is not None and utcnow() - first < dt.timedelta(seconds=30)
    apitokens.verify(database, plaintext, "answer")
    assert last_used() == first  # a second request within the minute writes nothing
    with database.session() as s:
        s.get(ApiToken, row.id).last_used_at = first - dt.timedelta(minutes=2)
    apitokens.verify(database, plaintext, "answer")
    assert last_used() > first


def test_token_cli_add_list_revoke(app, runner):
    out = runner.invoke(args=["kb", "token", "add", "Chat bot", "--scope", "answer"])
    assert out.exit_code == 0, out.output
    plaintext = out.output.strip().splitlines()[-1]
    db = app.extensions["help_center"].db
    row = apitokens.verify(db, plaintext, "answer")
    listed = runner.invoke(args=["kb", "token", "list"])
    assert listed.exit_code == 0 and "Chat bot" in listed.output and "live" in listed.output
    assert plaintext not in listed.output and row.prefix in listed.output
    revoked = runner.invoke(args=["kb", "token", "revoke", str(row.id)])
    assert revoked.exit_code == 0 and "revoked" in revoked.output
    with pytest.raises(apitokens.InvalidToken):
        apitokens.verify(db, plaintext, "answer")
    assert "revoked" in runner.invoke(args=["kb", "token", "list"]).output


def test_token_cli_user_errors_are_messages_not_tracebacks(runner):
    for args, message in (
        (["kb", "token", "add", "bot", "--scope", "everything"], "unknown scope everything"),
        (["kb", "token", "revoke", "42"], "no token with id 42"),
    ):
        out = runner.invoke(args=args)
        assert out.exit_code == 1 and message in out.output and "Traceback" not in out.output
