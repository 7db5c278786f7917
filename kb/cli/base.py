"""The ``kb`` command group and what every command uses: the help center it works on, progress bars."""

from __future__ import annotations

import sys

import click

from kb.core import HelpCenter
from kb.settings import Settings

kb_cli = click.Group("kb", help="Help-center content and search index.")


def help_center() -> HelpCenter:
    """The help center of this command: under ``flask`` the app's (click's root object is Flask's
    ScriptInfo, which loads it), else one built from the settings, without any web app."""
    root = click.get_current_context().find_root()
    if isinstance(root.obj, HelpCenter):
        return root.obj
    load_app = getattr(root.obj, "load_app", None)
    if load_app is not None:
        return load_app().extensions["help_center"]
    root.obj = HelpCenter(Settings.load())
    return root.obj


def progress(iterable, desc: str = "", total: int = 0):
    """tqdm on a terminal, silent otherwise (CI logs, cron)."""
    from tqdm import tqdm

    return tqdm(iterable, desc=desc, total=total or None, disable=not sys.stderr.isatty(), leave=False)
