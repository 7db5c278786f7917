"""Settings: one frozen dataclass, precedence defaults < instance file < environment < overrides."""

from __future__ import annotations

import dataclasses

import pytest

from kb.settings import Settings


def test_defaults_without_any_source():
    s = Settings.load(environ={}, instance_file=None)
    assert s == Settings()
    assert s.default_language == "en" and s.rate_limits.startswith("search=")


def test_precedence_defaults_then_instance_file_then_environment_then_overrides(tmp_path):
    instance = tmp_path / "settings.py"
    instance.write_text(
        'KB_DEFAULT_LANGUAGE = "th"\nKB_FUSION = "rrf"\nKB_SEARCH_MAX_TERMS = 8\n'
        'KB_DENSE_SCALE = 1\nOTHER = "ignored"\n'
    )
    s = Settings.load(environ={}, instance_file=instance)
    assert (s.default_language, s.fusion, s.search_max_terms, s.dense_scale) == ("th", "rrf", 8, 1.0)
    env = {"KB_DEFAULT_LANGUAGE": "fa", "KB_SEARCH_MAX_TERMS": "12", "PATH": "/bin"}
    s = Settings.load(environ=env, instance_file=instance)
    assert (s.default_language, s.fusion, s.search_max_terms) == ("fa", "rrf", 12)
    s = Settings.load({"KB_DEFAULT_LANGUAGE": "lv", "TESTING": True}, environ=env, instance_file=instance)
    assert (s.default_language, s.fusion, s.search_max_terms) == ("lv", "rrf", 12)


@pytest.mark.parametrize(
    ("name", "raw", "field", "value"),
    [
        ("KB_SECURE_COOKIES", "yes", "secure_cookies", True),
        ("KB_SECURE_COOKIES", "0", "secure_cookies", False),
        ("KB_EMBEDDING_THREADS", "3", "embedding_threads", 3),
        ("KB_DENSE_SCALE", "1.5", "dense_scale", 1.5),
    ],
)
def test_environment_strings_are_parsed_per_setting(name, raw, field, value):
    assert getattr(Settings.load(environ={name: raw}, instance_file=None), field) == value


@pytest.mark.parametrize(
    ("source", "mapping"),
    [
        ("environment", {"KB_SEARCH_MAX_CHARS": "many"}),
        ("environment", {"KB_SECURE_COOKIES": "maybe"}),
        ("overrides", {"KB_SEARCH_MAX_CHARS": True}),
        ("overrides", {"KB_DEFAULT_LANGUAGE": 3}),
        ("overrides", {"KB_SEARCH_MAX_CHAR": 10}),  # a typo must not leave the default silently in force
    ],
)
def test_bad_values_and_unknown_names_stop_with_the_name(source, mapping):
    with pytest.raises(ValueError, match=next(iter(mapping))):
        if source == "environment":
            Settings.load(environ=mapping, instance_file=None)
        else:
            Settings.load(mapping, environ={}, instance_file=None)


def test_settings_are_frozen_and_every_field_has_an_environment_name_and_help():
    s = Settings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.fusion = "rrf"  # type: ignore[misc]
    names = [f.metadata["env"] for f in dataclasses.fields(Settings)]
    assert len(names) == len(set(names)) and all(n.startswith("KB_") for n in names)
    assert all(f.metadata["help"].strip() for f in dataclasses.fields(Settings))
    assert s.replace(fusion="rrf").fusion == "rrf" and s.fusion == "convex"


def test_create_app_takes_kb_keys_as_settings_and_the_rest_as_flask_config(tmp_path):
    from kb.web import create_app

    app = create_app(
        {
            "TESTING": True,
            "KB_INDEX_DIR": str(tmp_path / "i"),
            "KB_EMBEDDING_MODEL": "none",
            "KB_DEFAULT_LANGUAGE": "th",
            "KB_SECRET_KEY": "s3cret",
            "KB_DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
        }
    )
    hc = app.extensions["help_center"]
    assert hc.settings.default_language == "th" and app.config["TESTING"] is True
    assert app.config["SECRET_KEY"] == "s3cret" == hc.secret
    assert not any(k.startswith("KB_") for k in app.config)


def test_the_cli_builds_the_help_center_without_a_web_app():
    """``python -m kb`` imports neither Flask nor the web package."""
    import subprocess
    import sys

    code = (
        "import sys; from kb.cli import kb_cli; from click.testing import CliRunner; "
        "r = CliRunner().invoke(kb_cli, ['settings']); print(r.output); "
        "print('flask' in sys.modules, 'kb.web' in sys.modules)"
    )
    env = {"PATH": "/usr/bin:/bin", "KB_EMBEDDING_MODEL": "none", "KB_DEFAULT_LANGUAGE": "id", "HF_HUB_OFFLINE": "1"}
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd=str(__import__("kb").__path__[0] + "/.."),
    )
    assert "KB_DEFAULT_LANGUAGE=id" in out.stdout
    assert out.stdout.strip().endswith("False False")
