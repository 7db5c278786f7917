"""README.md stays true: every setting and every CLI command is documented there."""

from pathlib import Path

from kb.settings import documented, markdown_table

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_settings_table_is_the_generated_one():
    """README's table is exactly what ``python -m kb settings --markdown`` prints from the dataclass."""
    assert markdown_table() in README
    assert len(documented()) == README.count("\n| `KB_")


def test_every_cli_command_is_documented(app):
    group = app.cli.get_command(None, "kb")
    for name in group.list_commands(None):
        assert f"flask kb {name}" in README


def test_readme_names_the_two_commands():
    assert "scripts/serve.sh" in README and "scripts/test.sh" in README
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    assert "scripts/test.sh" in ci
