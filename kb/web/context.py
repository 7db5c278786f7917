"""Where a request finds the help center: the one :class:`~kb.core.HelpCenter` of this app, its
settings and database. Views use these accessors and nothing else."""

from __future__ import annotations

from flask import Flask, current_app

from kb.core import HelpCenter
from kb.db import Database
from kb.settings import Settings


def init_app(app: Flask, hc: HelpCenter) -> None:
    app.extensions["help_center"] = hc


def help_center() -> HelpCenter:
    return current_app.extensions["help_center"]


def settings() -> Settings:
    return help_center().settings


def db() -> Database:
    return help_center().db


def secret_key() -> str:
    """The app's SECRET_KEY: always text here (``HelpCenter.secret``), though Flask allows bytes or None."""
    key = current_app.secret_key
    assert isinstance(key, str), "SECRET_KEY is HelpCenter.secret, a str"
    return key
