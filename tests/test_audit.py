"""The accessibility and Lighthouse audit (kb.evaluation.audit): its parts here, the real tools in the browser tests."""

import json
import subprocess
import sys
import textwrap
from contextlib import nullcontext

import pytest

from kb.evaluation import audit


def _report(**scores):
    """A Lighthouse JSON report cut down to what the audit reads."""
    return {
        "requestedUrl": "http://127.0.0.1/en/",
        "categories": {
            name: {"score": score, "auditRefs": [{"id": f"{name}-check", "weight": 1}, {"id": "info", "weight": 0}]}
            for name, score in scores.items()
        },
        "audits": {
            **{f"{name}-check": {"score": score} for name, score in scores.items()},
            "info": {"score": 0},
        },
    }


def test_lighthouse_result_scores_x100_and_names_only_weighted_audits_that_lost_points():
    result = audit.lighthouse_result(_report(performance=0.874, seo=1, accessibility=None))
    assert result.scores == {"performance": 87, "seo": 100, "accessibility": None}
    assert result.failing == ["performance/performance-check 0.874"]


def test_lighthouse_result_refuses_a_run_that_could_not_load_the_page():
    report = {"requestedUrl": "http://127.0.0.1/x", "runtimeError": {"code": "NO_FCP"}}
    with pytest.raises(audit.AuditError, match="NO_FCP"):
        audit.lighthouse_result(report)


def test_page_paths_encode_the_query():
    assert audit.page_path("home", "fa") == "/fa/"
    assert audit.page_path("search", "lv") == "/lv/search?q=naudu%20atpaka%C4%BC"


def test_table_has_a_row_per_page_and_notes_what_lost_points():
    rows = [
        audit.Row("home", "en", dict.fromkeys(audit.IMPACTS, 0), dict.fromkeys(audit.CATEGORIES, 100), [], []),
        audit.Row(
            "search",
            "th",
            {"critical": 0, "serious": 1, "moderate": 0, "minor": 2},
            {"performance": None, "accessibility": 93, "best-practices": 100, "seo": 63},
            ["seo/is-crawlable 0"],
            ["color-contrast", "region", "landmark-unique"],
        ),
    ]
    assert audit.format_table(rows) == textwrap.dedent(
        """\
        page    lang  critical  serious  moderate  minor  perf  a11y   bp  seo
        home    en           0        0         0      0   100   100  100  100
        search  th           0        1         0      2     -    93  100   63

        search th: axe color-contrast, region, landmark-unique
        search th: lighthouse seo/is-crawlable 0"""
    )


def test_missing_tools_are_named_with_how_to_install_them(monkeypatch, tmp_path):
    monkeypatch.setattr(audit, "AXE", tmp_path / "axe.min.js")
    monkeypatch.setattr(audit, "LIGHTHOUSE", tmp_path / "lighthouse")
    monkeypatch.setattr(audit.shutil, "which", lambda name: None)
    missing = audit.missing_tools(str(tmp_path / "chromium"))
    assert len(missing) == 4
    assert "system-deps.sh" in missing[0] and "node is missing" in missing[1]
    assert all("npm ci" in m for m in missing[2:])


def test_the_command_says_what_is_wrong_without_a_traceback(capsys, tmp_path):
    assert audit.main(["--pages", "home,faq"]) == 2
    assert capsys.readouterr().err == "error: unknown page faq; choose from home, search, article, contact\n"
    assert audit.main(["--langs", ","]) == 2
    assert "unknown language ','" in capsys.readouterr().err
    assert audit.main(["--langs", "en", "--chromium", str(tmp_path / "chromium")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "chromium is missing" in err and "Traceback" not in err


@pytest.mark.parametrize("as_json", [False, True])
def test_the_command_prints_the_table_or_json(monkeypatch, capsys, as_json):
    seen = []

    def fake_audit(base, pages, langs, chromium):
        seen.append((base, pages, langs))
        for page in pages:
            for lang in langs:
                yield audit.Row(
                    page, lang, dict.fromkeys(audit.IMPACTS, 0), dict.fromkeys(audit.CATEGORIES, 100), [], []
                )

    monkeypatch.setattr(audit, "missing_tools", lambda chromium: [])
    monkeypatch.setattr(audit, "serve_demo", lambda: nullcontext("http://127.0.0.1:1"))
    monkeypatch.setattr(audit, "run_audit", fake_audit)
    argv = ["--pages", "article,home", "--langs", "fa"] + (["--json"] if as_json else [])
    assert audit.main(argv) == 0
    assert seen == [("http://127.0.0.1:1", ["article", "home"], ["fa"])]
    out = capsys.readouterr().out
    if as_json:
        assert [(r["page"], r["lang"], r["scores"]["seo"]) for r in json.loads(out)] == [
            ("article", "fa", 100),
            ("home", "fa", 100),
        ]
    else:
        assert out.splitlines()[1].split() == ["article", "fa", "0", "0", "0", "0", "100", "100", "100", "100"]


def test_lighthouse_that_fails_or_hangs_is_an_audit_error(monkeypatch, tmp_path):
    fake = tmp_path / "lighthouse"
    fake.write_text("#!/bin/sh\necho 'Unable to connect to Chrome' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setattr(audit, "LIGHTHOUSE", fake)
    with pytest.raises(audit.AuditError, match="Unable to connect to Chrome"):
        audit.lighthouse("http://127.0.0.1:1/en/")
    fake.write_text("#!/bin/sh\nexec sleep 5\n")
    with pytest.raises(audit.AuditError, match="more than 0 s"):
        audit.lighthouse("http://127.0.0.1:1/en/", timeout=0.2)


# -- the real tools: Lighthouse and axe-core in Debian's Chromium ---------------------------------
@pytest.fixture(scope="module")
def demo():
    if missing := audit.missing_tools():
        pytest.skip("; ".join(missing))
    with audit.serve_demo() as base:
        yield base


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "fa"])
@pytest.mark.parametrize("name", ["home", "article"])
def test_lighthouse_gives_full_marks_for_accessibility_best_practices_and_seo(demo, name, lang):
    # Performance is left out: it depends on how busy the machine is.
    result = audit.lighthouse(demo + audit.page_path(name, lang), ["accessibility", "best-practices", "seo"])
    assert result.scores == {"accessibility": 100, "best-practices": 100, "seo": 100}, result.failing


@pytest.mark.browser
def test_the_audit_command_runs_axe_and_lighthouse_on_the_demo_site():
    if missing := audit.missing_tools():
        pytest.skip("; ".join(missing))
    done = subprocess.run(
        [sys.executable, "-m", "kb.evaluation.audit", "--pages", "contact", "--langs", "th", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (row,) = json.loads(done.stdout)
    assert (row["page"], row["lang"]) == ("contact", "th")
    assert row["axe"]["critical"] == row["axe"]["serious"] == 0, row["violations"]
    assert set(row["scores"]) == set(audit.CATEGORIES)
    assert row["scores"]["seo"] == row["scores"]["best-practices"] == 100, row["failing"]
