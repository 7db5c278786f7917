"""Fuzzing the content parsers: front matter and Markdown never raise anything undocumented, and
every input is handled in bounded time (issue 11 §4)."""

import contextlib
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.content.articles import parse_article
from kb.content.checks import split_front_matter
from kb.content.rendering import RenderError, render

BOUND_S = 2.0  # generous: an example here is tens of characters to a few KB
_FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_MARKDOWN_ALPHABET = st.sampled_from(
    [*list("#-*>[]()`|!=_:{}\\ \n\n\t123abcxyz"), "    ", "ก", "่", "า", "ป", "ی", "ک", "\u200c", "- ", "> ", "## "]
)
markdownish = st.lists(_MARKDOWN_ALPHABET, max_size=400).map("".join)
_YAML_PIECES = st.sampled_from(
    [
        "title: ",
        "tags: ",
        "summary: ",
        "category: ",
        "status: ",
        "updated: ",
        "&a ",
        "*a",
        "[",
        "]",
        "{",
        "}",
        ", ",
        "- ",
        "\n",
        "  ",
        '"',
        "'",
        "no",
        "0123",
        "2026-09-14",
        "x",
        "ไทย",
        "!!python/object",
        "<<: ",
        "|",
        ">",
    ]
)
yamlish = st.lists(_YAML_PIECES, max_size=60).map("".join)


def _timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    elapsed = time.perf_counter() - start
    assert elapsed < BOUND_S, f"{elapsed:.2f} s"
    return result


@_FUZZ
@given(st.text(max_size=2000))
def test_split_front_matter_returns_or_raises_value_error(text):
    try:
        fm, body, line = _timed(split_front_matter, text)
    except ValueError:
        return
    assert line >= 1 and body in text and (fm is None or fm in text)


@_FUZZ
@given(st.one_of(st.text(max_size=2000), yamlish), markdownish)
def test_parse_article_reports_problems_never_raises(front_matter, body):
    data = f"---\n{front_matter}\n---\n{body}".encode()
    article, problems = _timed(parse_article, "en", "x", "articles/en/x.md", data)
    assert article is not None or any(p.level == "error" for p in problems)
    assert all(len(str(p)) < 1000 for p in problems)  # never the input echoed back whole


@_FUZZ
@given(st.binary(max_size=2000))
def test_parse_article_takes_any_bytes(data):
    article, problems = _timed(parse_article, "en", "x", "articles/en/x.md", data)
    assert article is not None or problems


@_FUZZ
@given(markdownish)
def test_render_returns_or_raises_render_error(source):
    try:
        rendered = _timed(render, source)
    except RenderError as exc:
        assert str(exc)
        return
    assert isinstance(rendered.html, str) and "<script" not in rendered.html


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(["- ", "> ", "1. ", "    ", "## h {#a}\n", "*", "`", "[", "](x)", "| a |\n", "x\n"]),
        min_size=50,
        max_size=3000,
    ).map("".join)
)
def test_render_of_repetitive_structure_is_bounded(source):
    with contextlib.suppress(RenderError):
        _timed(render, source)
