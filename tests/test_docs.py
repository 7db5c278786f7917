"""README.md stays true: every setting and every CLI command is documented there."""
from pathlib import Path

import pytest

from kb.settings import SETTINGS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", [s.name for s in SETTINGS])
def test_every_setting_is_documented(name):
    assert f"`{name}`" in README


def test_every_cli_command_is_documented(app):
    group = app.cli.get_command(None, "kb")
    for name in group.list_commands(None):
        assert f"flask kb {name}" in README


def test_readme_names_the_two_commands():
    assert "scripts/serve.sh" in README and "scripts/test.sh" in README
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    assert "scripts/test.sh" in ci
