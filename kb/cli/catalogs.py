"""``flask translate``: the interface message catalogs (pybabel) in translations/."""

from __future__ import annotations

import sys

import click

from kb.cli.base import help_center

translate_cli = click.Group("translate", help="Interface message catalogs (pybabel) in translations/.")


def _pybabel(*args: str) -> None:
    """Run pybabel from the project root (where babel.cfg is); its errors become click errors."""
    import subprocess

    from kb.settings import PROJECT_ROOT

    proc = subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.stdout:
        click.echo(proc.stdout.rstrip())
    if proc.returncode:
        raise click.ClickException(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "pybabel failed")


def _catalogs() -> tuple[str, str]:
    d = help_center().settings.translations_dir.rstrip("/")
    return d, f"{d}/messages.pot"


@translate_cli.command("extract")
def translate_extract() -> None:
    """Collect the interface strings into translations/messages.pot."""
    _, pot = _catalogs()
    _pybabel("extract", "-F", "babel.cfg", "-k", "_l", "--no-location", "--omit-header", "-o", pot, ".")


@translate_cli.command("update")
def translate_update() -> None:
    """Merge messages.pot into every catalog (new strings arrive empty, to be translated)."""
    d, pot = _catalogs()
    _pybabel("update", "-i", pot, "-d", d)


@translate_cli.command("compile")
def translate_compile() -> None:
    """Compile every catalog to the .mo files the site reads."""
    d, _ = _catalogs()
    _pybabel("compile", "-d", d)


@translate_cli.command("init")
@click.argument("lang")
def translate_init(lang: str) -> None:
    """Start the catalog of a new site language (step 1 of adding a language; see README)."""
    from kb import locales

    if not locales.valid_code(lang):
        raise click.ClickException(f"{lang!r} is not a language code like th, fa or pt-BR")
    d, pot = _catalogs()
    _pybabel("init", "-i", pot, "-d", d, "-l", locales.babel_code(lang))
