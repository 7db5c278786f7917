"""Markdown rendering: explicit anchors, sections, and sanitisation (RELIABILITY S1)."""
import random
from html import unescape
from html.parser import HTMLParser

import pytest

from kb.rendering import RenderError, render

XSS = [
    "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](&#106;avascript:alert(1))",
    "[x](javascript&colon;alert(1))", '<a href="  javascript:alert(1)">x</a>', "![x](javascript:alert(1))",
    "<img src=x onerror=alert(1)>", "<svg><script>alert(1)</script></svg>", "<details open ontoggle=alert(1)>",
    "<base href=//evil/>", "<form action=//evil><input></form>", "<object data=javascript:alert(1)>",
    "<a href=vbscript:msgbox(1)>x</a>", "<iframe src=//evil></iframe>", "<style>body{}</style>",
    "Click me\n{: onclick=\"alert(1)\" }", "[x](//evil.example/x)", "<math><mi>x</mi></math>",
    "<meta http-equiv=refresh content=0>", "<link rel=stylesheet href=//evil>", "<noscript>x</noscript>",
    "<template><script>1</script></template>", '<p style="color:red">x</p>', "<img srcset=x>",
    "[x](data:text/html;base64,PHNjcmlwdD4=)", "<frame src=x>", "<embed src=x>",
    "## Heading {#bad id\" onclick=x}", "<button formaction=javascript:alert(1)>x</button>", "[x](\\\\evil)",
]
BAD_TAGS = {"script", "style", "iframe", "object", "embed", "svg", "math", "form", "input", "base", "meta",
            "link", "noscript", "template", "frame", "button"}


class Checker(HTMLParser):
    def __init__(self):
        super().__init__()
        self.bad = []

    def handle_starttag(self, tag, attrs):
        if tag in BAD_TAGS:
            self.bad.append(tag)
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "srcset", "formaction"):
                self.bad.append(name)
            if name in ("href", "src") and value is not None:
                url = "".join(c for c in unescape(value).strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08 ")
                              if c not in "\t\n\r")
                if url.startswith("//") or (":" in url.split("/")[0] and
                                            url.split(":")[0].lower() not in ("http", "https", "mailto")):
                    self.bad.append(f"{name}={value}")


def unsafe(html: str) -> list:
    c = Checker()
    c.feed(html)
    return c.bad


@pytest.mark.parametrize("vector", XSS)
def test_named_xss_vectors_are_neutralised(vector):
    assert unsafe(render(vector).html) == []


def test_generated_hostile_markdown_renders_safe():
    rng = random.Random(1234)
    fragments = XSS + ["[", "](", ")", "**", "`", "\n\n", "<", ">", "&#x", "\x00", "\u2028", "%6A%61vascript:",
                       "## h {#a}", "| a | b |\n|---|---|\n", "> ", "- ", "```\n"]
    bad = 0
    for _ in range(2000):
        src = "".join(rng.choice(fragments) for _ in range(rng.randint(1, 12)))
        bad += bool(unsafe(render(src).html))
    assert bad == 0


def test_explicit_anchors_become_ids_and_sections():
    r = render("Intro.\n\n## Find it {#find-it}\n\nText one.\n\n### Sub {#sub}\n\nText two.\n\n## Other {#other}\n\nThree.")
    assert [(h.level, h.anchor, h.text) for h in r.headings] == [(2, "find-it", "Find it"), (3, "sub", "Sub"),
                                                                (2, "other", "Other")]
    assert 'id="find-it"' in r.html and "{#" not in r.html
    first = r.sections[0]
    assert first.text == "Text one." and first.subheadings == ("Sub",)  # sections are disjoint
    assert "Text two." in r.text
    assert r.intro == "Intro."
    assert r.problems == ()


def test_missing_or_invalid_anchor_is_a_problem():
    r = render("## No anchor\n\nx\n\n## Bad {#Not_ASCII_ü}\n\ny")
    assert len(r.problems) == 2


def test_raw_html_is_escaped_text():
    r = render("Hello <b>bold</b>")
    assert "<b>" not in r.html and "&lt;b&gt;" in r.html


def test_oversized_source_is_refused_fast():
    with pytest.raises(RenderError):
        render("[" * 300_000)
