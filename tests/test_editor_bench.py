"""`python -m kb.evaluation.bench editor`: the live preview timed on a long article (figures, not limits)."""

import json
import shutil

import pytest

from kb.evaluation import bench, editor_bench
from tests.conftest import DATA


def test_the_long_article_is_built_from_the_languages_articles_to_the_size_asked():
    text = editor_bench.long_article(DATA / "articles", "en", 5)
    assert text.startswith("---\ntitle:") and len(text.encode("utf-8")) >= 5000
    assert "## Bank delays {#bank-delays}" in text  # tests/data/articles/en/refunds.md, repeated


def test_bench_editor_json_report(tmp_path, capsys):
    shutil.copytree(DATA / "articles", tmp_path / "articles")
    (tmp_path / "articles" / "fa" / "links.md").write_text(
        "---\ntitle: x\n---\n\n[ok](/en/articles/refunds) [gone](/fa/articles/gone)\n", encoding="utf-8"
    )
    args = ["editor", "--articles", str(tmp_path / "articles"), "--lang", "fa", "--kb", "3", "--runs", "3", "--json"]
    assert bench.main(args) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["lang"] == "fa" and report["runs"] == 3 and report["article_bytes"] >= 3000
    assert report["links"] >= 2 and report["warnings"] >= 1
    assert 0 < report["p50_ms"] <= report["p95_ms"] <= report["max_ms"]


def test_bench_editor_text_report_and_a_language_without_articles(tmp_path, capsys):
    assert bench.main(["editor", "--articles", str(DATA / "articles"), "--lang", "th", "--kb", "1", "--runs", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("POST /editor/preview, th article of") and "p95" in out
    with pytest.raises(SystemExit, match="no id articles"):
        bench.main(["editor", "--articles", str(DATA / "articles"), "--lang", "id"])
