"""``python -m kb ...``: the help center's commands without the web app (see kb/cli/)."""

from kb.cli import kb_cli

kb_cli(prog_name="python -m kb")
