"""The command line: ``python -m kb ...`` (no web app is built) or ``flask kb ...`` (the app's own
help center). Thin click wrappers over the core, one module per concern; user errors never show a
traceback."""

from kb.cli import accounts, catalogs, content, jobs  # noqa: F401 - each registers its commands on kb_cli
from kb.cli.base import kb_cli
from kb.cli.catalogs import translate_cli

__all__ = ["kb_cli", "translate_cli"]
