"""The editor: permissions per route and language, CSRF, saving (validation, conflicts, atomic
writes, revisions, the index), preview cost, new articles, UI catalogs and a new site language."""

import html
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from kb import accounts
from kb.content import drafts
from kb.content.articles import ArticleStore, revision_of
from kb.content.authoring import ArticleConflict, save_article
from kb.translation.status import paragraph_hashes, paragraphs
from tests.conftest import DATA, copy_index, copy_sqlite, site_config

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "correct horse battery"
SOURCE = textwrap.dedent("""\
    ---
    title: "When will I get my refund?"
    summary: "Refund timing."
    category: returns-refunds
    ---

    We refund within 3 working days of your return arriving.

    ## How long it takes {#refund-timeline}

    Your bank needs another 2-10 working days.

    ## Where the money goes {#refund-destination}

    Refunds go back to the original payment method.
    """)
FA_BODY = textwrap.dedent("""\
    ظرف ۳ روز کاری پس از رسیدن مرسوله بازپرداخت می‌کنیم.

    ## چقدر طول می‌کشد {#refund-timeline}

    بانک شما ۲ تا ۱۰ روز کاری دیگر زمان نیاز دارد.

    ## پول به کجا برمی‌گردد {#refund-destination}

    بازپرداخت به همان روش پرداخت اولیه انجام می‌شود.
    """)
TH_BODY = textwrap.dedent("""\
    เราคืนเงินภายใน 3 วันทำการ

    ## ใช้เวลานานเท่าใด {#refund-timeline}

    ธนาคารของคุณต้องใช้เวลาอีก 2-10 วันทำการ

    ## เงินคืนไปที่ใด {#refund-destination}

    เงินคืนจะกลับไปยังวิธีชำระเงินเดิม
    """)


def translation(title: str, body: str, source: str = SOURCE) -> str:
    src_body = source.split("---\n", 2)[2]
    hashes = ", ".join(f'"{h}"' for h in paragraph_hashes(src_body))
    return (
        f'---\ntitle: "{title}"\ncategory: returns-refunds\nstatus: published\n'
        f'source_revision: "{revision_of(source.encode())}"\nsource_paragraphs: [{hashes}]\n---\n\n{body}'
    )


def write_tree(root: Path) -> Path:
    for lang, text in (
        ("en", SOURCE),
        ("fa", translation("بازپرداخت من کی انجام می‌شود؟", FA_BODY)),
        ("th", translation("ฉันจะได้รับเงินคืนเมื่อใด", TH_BODY)),
    ):
        (root / lang).mkdir(parents=True, exist_ok=True)
        (root / lang / "refunds.md").write_text(text, encoding="utf-8")
    return root


def site_app(tmp: Path):
    """The editor's site over tmp/articles, tmp/index and tmp/kb.sqlite3."""
    from kb.web import create_app

    return create_app(site_config(tmp / "articles", tmp))


def make_app(tmp: Path):
    write_tree(tmp / "articles")
    app = site_app(tmp)
    app.extensions["help_center"].rebuild()
    db = app.extensions["help_center"].db
    db.upgrade()
    for name, role, langs in (
        ("sup", "support", []),
        ("th_ed", "editor", ["th"]),
        ("fa_ed", "editor", ["fa"]),
        ("en_ed", "editor", ["en"]),
        ("adm", "admin", []),
    ):
        accounts.add_user(db, name, PASSWORD, role, langs)
    return app


@pytest.fixture(scope="module")
def site_template(tmp_path_factory) -> Path:
    """make_app's files (articles, index, database with the five accounts), made once per module."""
    tmp = tmp_path_factory.mktemp("site")
    make_app(tmp).extensions["help_center"].db.engine.dispose()
    return tmp


def copy_site(template: Path, tmp: Path):
    """What make_app(tmp) returns, from a copy of its files: no rebuild, migrations or password hashing."""
    shutil.copytree(template / "articles", tmp / "articles")
    copy_index(template / "index", tmp / "index")
    copy_sqlite(template / "kb.sqlite3", tmp / "kb.sqlite3")
    app = site_app(tmp)
    app.extensions["help_center"].store.current()  # opened, as after a rebuild
    return app


def token(client, url="/staff/login") -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)


def signed_in(app, name: str | None):
    client = app.test_client()
    if name:
        r = client.post("/staff/login", data={"csrf_token": token(client), "username": name, "password": PASSWORD})
        assert r.status_code == 302, name
    return client


@pytest.fixture
def site(tmp_path, site_template):
    return copy_site(site_template, tmp_path)


@pytest.fixture
def fa(site):
    return signed_in(site, "fa_ed")


def form(client, url: str) -> dict:
    html = client.get(url).get_data(as_text=True)
    fields = dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', html))
    text = re.search(r'<textarea id="text" name="text"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    import html as html_mod

    return {**fields, "text": html_mod.unescape(text), "follows_source": "1"}


# -- the permission matrix -------------------------------------------------------------------
@pytest.fixture(scope="module")
def matrix_site(tmp_path_factory, site_template):
    app = copy_site(site_template, tmp_path_factory.mktemp("perm"))
    store = app.extensions["help_center"].articles
    text = (store.root / "fa" / "refunds.md").read_text(encoding="utf-8")
    save_article(
        store, "fa", "refunds", text.replace("ظرف", "در"), db=app.extensions["help_center"].db, username="fa_ed"
    )
    clients = {
        who: signed_in(app, name)
        for who, name in (
            ("anonymous", None),
            ("support", "sup"),
            ("other_editor", "th_ed"),
            ("editor", "fa_ed"),
            ("admin", "adm"),
        )
    }
    clients["author"] = signed_in(app, "en_ed")
    return app, clients


# (method, url, language-specific?, what the allowed roles get, form data)
ROUTES = [
    ("GET", "/editor/", False, 200, None),
    ("GET", "/editor/translations.json", False, 200, None),
    ("GET", "/editor/catalogs", False, 200, None),
    ("GET", "/editor/catalogs.json", False, 200, None),
    ("POST", "/editor/preview", False, 200, {"text": "# hi"}),
    ("GET", "/editor/fa/refunds", True, 200, None),
    ("POST", "/editor/fa/refunds", True, 422, {"text": "no front matter", "action": "draft"}),
    ("GET", "/editor/fa/refunds/revisions", True, 200, None),
    ("GET", "/editor/fa/refunds/revisions.json", True, 200, None),
    ("GET", "/editor/fa/refunds/revisions/1", True, 200, None),
    ("POST", "/editor/fa/refunds/revisions/1/restore", True, 302, {"expected_revision": "000000000000"}),
    ("GET", "/editor/fa/export?slug=refunds&format=po", True, 200, None),
    ("GET", "/editor/fa/export?slug=refunds&format=xliff", True, 200, None),
    ("GET", "/editor/fa/import", True, 200, None),
    ("POST", "/editor/fa/import", True, 422, {}),
    ("GET", "/editor/new", "en", 200, None),
    ("POST", "/editor/new", "en", 422, {"slug": "../x", "text": ""}),
]


def test_the_matrix_covers_every_editor_route(matrix_site):
    app, _ = matrix_site
    rules = {r.rule for r in app.url_map.iter_rules() if r.endpoint.startswith("editor.")}
    covered = {re.sub(r"\?.*", "", url) for _, url, *_ in ROUTES}
    templates = {
        "/editor/<lang>/<slug>": "/editor/fa/refunds",
        "/editor/<lang>/<slug>/revisions": "/editor/fa/refunds/revisions",
        "/editor/<lang>/<slug>/revisions.<any(json):fmt>": "/editor/fa/refunds/revisions.json",
        "/editor/<lang>/<slug>/revisions/<int:rev_id>": "/editor/fa/refunds/revisions/1",
        "/editor/<lang>/<slug>/revisions/<int:rev_id>/restore": "/editor/fa/refunds/revisions/1/restore",
        "/editor/<lang>/export": "/editor/fa/export",
        "/editor/<lang>/import": "/editor/fa/import",
        "/editor/translations.<any(json):fmt>": "/editor/translations.json",
        "/editor/catalogs.<any(json):fmt>": "/editor/catalogs.json",
    }
    assert {templates.get(r, r) for r in rules} <= covered


@pytest.mark.parametrize("who", ["anonymous", "support", "other_editor", "editor", "admin"])
@pytest.mark.parametrize("method,url,specific,ok,data", ROUTES, ids=[f"{m} {u}" for m, u, *_ in ROUTES])
def test_permission_matrix(matrix_site, who, method, url, specific, ok, data):
    app, clients = matrix_site
    if specific == "en" and who == "editor":
        who = "author"  # the editor of this route's language is the default language's
    client = clients[who]
    before = {p: p.read_bytes() for p in Path(app.extensions["help_center"].settings.articles_dir).rglob("*.md")}
    if method == "GET":
        r = client.get(url)
    else:
        r = client.post(url, data={**data, "csrf_token": token(client, "/staff/login")})
    if who == "anonymous":
        assert r.status_code == 302 and "/staff/login" in r.headers["Location"]
    elif who == "support" or (who == "other_editor" and specific):
        assert r.status_code == 403
    else:
        assert r.status_code == ok, r.get_data(as_text=True)[:500]
        if ok == 302:
            assert "/staff/login" not in r.headers["Location"]
    assert {
        p: p.read_bytes() for p in Path(app.extensions["help_center"].settings.articles_dir).rglob("*.md")
    } == before


def test_every_editor_post_needs_a_csrf_token(matrix_site):
    _app, clients = matrix_site
    posts = [url for method, url, *_ in ROUTES if method == "POST"]
    assert len(posts) == 5
    for url in posts:
        assert clients["admin"].post(url, data={"text": "x"}).status_code == 400, url


def test_editor_pages_are_not_cached(matrix_site):
    _, clients = matrix_site
    assert clients["editor"].get("/editor/fa/refunds").headers["Cache-Control"] == "no-store"


def test_staff_nav_links_the_editor_for_editors_only(matrix_site):
    _, clients = matrix_site
    assert 'href="/editor/"' in clients["editor"].get("/staff/").get_data(as_text=True)
    assert 'href="/editor/"' not in clients["support"].get("/staff/").get_data(as_text=True)


# -- the side-by-side editor -----------------------------------------------------------------
def test_changed_source_paragraph_is_highlighted(site, fa):
    src = Path(site.extensions["help_center"].settings.articles_dir) / "en" / "refunds.md"
    src.write_text(src.read_text(encoding="utf-8").replace("another 2-10", "another 3-12"), encoding="utf-8")
    html = fa.get("/editor/fa/refunds").get_data(as_text=True)
    changed = re.findall(r'<div class="para changed" data-hash="([0-9a-f]{8})">', html)
    assert changed == [paragraph_hashes(SOURCE.split("---\n", 2)[2].replace("2-10", "3-12"))[2]]
    assert 'dir="rtl"' in html and 'lang="fa"' in html and "status outdated" in html
    assert "source_revision" not in re.search(r"<textarea.*?</textarea>", html, re.S).group(0)


def test_publish_updates_file_index_revision_and_status(site, fa):
    data = form(fa, "/editor/fa/refunds")
    data["text"] = data["text"].replace("بازپرداخت به همان روش", "بازپرداخت زرافه به همان روش")
    r = fa.post("/editor/fa/refunds", data={**data, "action": "publish"})
    assert r.status_code == 302 and "saved=publish" in r.headers["Location"], r.get_data(as_text=True)[:2000]
    store = ArticleStore(site.extensions["help_center"].settings.articles_dir)
    article = store.get("fa", "refunds")
    assert "زرافه" in article.body and article.published and article.source_paragraphs
    hits = site.extensions["help_center"].search("زرافه", "fa").hits
    assert [(h.lang, h.article) for h in hits] == [("fa", "refunds")]
    assert "زرافه" in site.test_client().get("/fa/articles/refunds").get_data(as_text=True)
    revs = fa.get("/editor/fa/refunds/revisions.json").get_json()["revisions"]
    assert [(r["username"], r["action"]) for r in revs] == [("fa_ed", "publish"), ("", "baseline")]
    assert revs[0]["revision"] == article.revision and revs[0]["previous_revision"] == revs[1]["revision"]
    diff = fa.get(revs[0]["url"]).get_data(as_text=True)
    assert "+" in diff and "زرافه" in diff


def test_source_edited_in_the_editor_shows_the_changed_words_to_translators(site, fa):
    en = signed_in(site, "en_ed")
    data = form(en, "/editor/en/refunds")
    assert "source_paragraphs" not in data and 'name="follows_source"' not in en.get("/editor/en/refunds").get_data(
        as_text=True
    )
    data["text"] = data["text"].replace("another 2-10 working days", "another 3-12 working days")
    assert en.post("/editor/en/refunds", data={**data, "action": "publish"}).status_code == 302
    html = fa.get("/editor/fa/refunds").get_data(as_text=True)
    assert html.count('class="para changed"') == 1
    diff = re.search(r'<p class="worddiff"[^>]*>(.*?)</p>', html, re.S).group(1)
    assert "<del>2</del><ins>3</ins>" in diff and "<del>10</del><ins>12</ins>" in diff


def test_the_baseline_before_the_first_edit_can_be_restored(site, fa):
    path = Path(site.extensions["help_center"].settings.articles_dir) / "fa" / "refunds.md"
    original = path.read_bytes()
    data = form(fa, "/editor/fa/refunds")
    fa.post("/editor/fa/refunds", data={**data, "text": data["text"] + "\nافزوده.", "action": "publish"})
    revs = fa.get("/editor/fa/refunds/revisions.json").get_json()["revisions"]
    page = fa.get(revs[-1]["url"]).get_data(as_text=True)
    expected = re.search(r'name="expected_revision" value="([0-9a-f]+)"', page).group(1)
    fa.post(
        revs[-1]["url"] + "/restore", data={"csrf_token": token(fa, revs[-1]["url"]), "expected_revision": expected}
    )
    assert path.read_bytes() == original


def test_a_file_that_does_not_validate_opens_with_its_problems_and_can_be_fixed(site, fa):
    path = Path(site.extensions["help_center"].settings.articles_dir) / "fa" / "refunds.md"
    broken = path.read_text(encoding="utf-8").replace("category: returns-refunds", "category: Returns & Refunds")
    path.write_text(broken, encoding="utf-8")
    html = fa.get("/editor/fa/refunds").get_data(as_text=True)
    assert "must be a category id" in html and "Returns &amp; Refunds" in html
    data = form(fa, "/editor/fa/refunds")
    assert data["expected_revision"] == revision_of(broken.encode())
    data["text"] = data["text"].replace("Returns & Refunds", "returns-refunds")
    assert fa.post("/editor/fa/refunds", data={**data, "action": "publish"}).status_code == 302
    assert (
        ArticleStore(site.extensions["help_center"].settings.articles_dir).get("fa", "refunds").category
        == "returns-refunds"
    )


@pytest.mark.parametrize(
    "lang,slug",
    [
        ("fa", "..%2f..%2fetc%2fpasswd"),
        ("fa", "%2e%2e"),
        ("..", "refunds"),
        ("fa", "CON"),
        ("fa", "refunds%00"),
        ("fa", "x" * 1000),
        ("fa", ".git"),
        ("fa", "%EF%BC%8E%EF%BC%8E"),
        ("fa\\..", "refunds"),
        ("xx", "refunds"),
    ],
)
def test_hostile_paths_are_404_never_500(site, fa, lang, slug):
    t = token(fa, "/editor/")
    for method, url in (
        ("GET", f"/editor/{lang}/{slug}"),
        ("POST", f"/editor/{lang}/{slug}"),
        ("GET", f"/editor/{lang}/{slug}/revisions"),
        ("GET", f"/editor/{lang}/export?slug={slug}"),
    ):
        r = fa.get(url) if method == "GET" else fa.post(url, data={"csrf_token": t, "text": "x", "action": "draft"})
        assert r.status_code in (400, 403, 404), (method, url, r.status_code)


def test_a_busy_index_does_not_lose_the_save(site, fa, monkeypatch):
    from search import WriterBusy

    hc = site.extensions["help_center"]
    rebuilds = []
    monkeypatch.setattr(hc, "update_article", lambda lang, slug: (_ for _ in ()).throw(WriterBusy("busy")))
    monkeypatch.setattr(hc, "rebuild_in_background", lambda **kw: rebuilds.append(1) or True)
    data = form(fa, "/editor/fa/refunds")
    data["text"] = data["text"].replace("بانک شما", "بانک شما امروز")
    assert fa.post("/editor/fa/refunds", data={**data, "action": "publish"}).status_code == 302
    assert "امروز" in ArticleStore(site.extensions["help_center"].settings.articles_dir).get(
        "fa", "refunds"
    ).body and rebuilds == [1]


def test_a_draft_of_a_published_translation_waits_beside_the_live_page(site, fa):
    # "Save draft" on a published translation used to unpublish it: customers lost the page.
    hc = site.extensions["help_center"]
    reader = site.test_client()

    def live_article() -> str:
        page = reader.get("/fa/articles/refunds").get_data(as_text=True)
        return re.search(r"<article.*?</article>", page, re.S).group(0)

    live = live_article()
    data = form(fa, "/editor/fa/refunds")
    draft = data["text"].replace("بانک شما", "بانک شما پیش‌نویس‌واژه").replace("\n", "\r\n")  # as browsers send it
    r = fa.post("/editor/fa/refunds", data={**data, "text": draft, "action": "draft"})
    assert r.status_code == 302 and "saved=draft" in r.headers["Location"]
    assert live_article() == live  # customers see no change
    assert hc.articles.get("fa", "refunds").published
    assert hc.search("پیش‌نویس‌واژه", "fa", fallback=False).hits == []  # search never sees the draft
    page = fa.get("/editor/fa/refunds").get_data(as_text=True)
    assert "Draft pending" in page and "پیش‌نویس‌واژه" in page
    diff = html.unescape(re.search(r'<pre class="diff"[^>]*>(.*?)</pre>', page, re.S).group(1))
    assert [ln[0] for ln in diff.splitlines() if ln[:1] in "+-" and ln[:3] not in ("+++", "---")] == ["-", "+"]
    data = form(fa, "/editor/fa/refunds")  # publishing the draft replaces the live version
    assert fa.post("/editor/fa/refunds", data={**data, "action": "publish"}).status_code == 302
    assert "پیش‌نویس‌واژه" in live_article()
    assert drafts.get(hc.db, "fa", "refunds") is None


def test_a_discarded_draft_leaves_the_live_page_as_it_was(site, fa):
    hc = site.extensions["help_center"]
    before = hc.articles.get("fa", "refunds").revision
    data = form(fa, "/editor/fa/refunds")
    fa.post("/editor/fa/refunds", data={**data, "text": data["text"] + "\nافزوده.", "action": "draft"})
    assert drafts.get(hc.db, "fa", "refunds") is not None
    r = fa.post("/editor/fa/refunds", data={**form(fa, "/editor/fa/refunds"), "action": "discard"})
    assert r.status_code == 302 and drafts.get(hc.db, "fa", "refunds") is None
    assert hc.articles.get("fa", "refunds").revision == before
    assert "Draft pending" not in fa.get("/editor/fa/refunds").get_data(as_text=True)


def test_a_draft_of_a_page_published_meanwhile_is_a_conflict(site, fa):
    data = form(fa, "/editor/fa/refunds")
    published = form(fa, "/editor/fa/refunds")
    published["text"] = published["text"].replace("بانک شما", "بانک شما اکنون")
    assert fa.post("/editor/fa/refunds", data={**published, "action": "publish"}).status_code == 302
    r = fa.post("/editor/fa/refunds", data={**data, "text": data["text"] + "\nدیر.", "action": "draft"})
    assert r.status_code == 409 and drafts.get(site.extensions["help_center"].db, "fa", "refunds") is None


def test_saving_marks_the_translation_current_only_when_it_follows_the_source(site, fa):
    root = Path(site.extensions["help_center"].settings.articles_dir)
    (root / "en" / "refunds.md").write_text(SOURCE.replace("another 2-10", "another 3-12"), encoding="utf-8")
    data = form(fa, "/editor/fa/refunds")
    fa.post(
        "/editor/fa/refunds", data={**{k: v for k, v in data.items() if k != "follows_source"}, "action": "publish"}
    )
    assert "status outdated" in fa.get("/editor/fa/refunds").get_data(as_text=True)
    # Ticking "follows the source" without a word translated used to mark it current: now refused.
    data = form(fa, "/editor/fa/refunds")
    r = fa.post("/editor/fa/refunds", data={**data, "action": "publish"})
    assert r.status_code == 422 and "source paragraphs 3 changed" in r.get_data(as_text=True)
    assert "status outdated" in fa.get("/editor/fa/refunds").get_data(as_text=True)
    # Translating the changed paragraph is enough.
    data = form(fa, "/editor/fa/refunds")
    data["text"] = data["text"].replace("۲ تا ۱۰", "۳ تا ۱۲")
    assert fa.post("/editor/fa/refunds", data={**data, "action": "publish"}).status_code == 302
    assert "status current" in fa.get("/editor/fa/refunds").get_data(as_text=True)


def test_a_changed_source_paragraph_can_be_confirmed_as_needing_no_change(site, fa):
    root = Path(site.extensions["help_center"].settings.articles_dir)
    (root / "en" / "refunds.md").write_text(SOURCE.replace("2-10 working", "2-10 business"), encoding="utf-8")
    page = fa.get("/editor/fa/refunds").get_data(as_text=True)
    changed = re.findall(r'name="unchanged" value="([0-9a-f]+)"', page)
    assert len(changed) == 1  # the walk-through offers exactly the paragraph that changed
    data = form(fa, "/editor/fa/refunds")
    assert fa.post("/editor/fa/refunds", data={**data, "action": "publish", "unchanged": changed}).status_code == 302
    assert "status current" in fa.get("/editor/fa/refunds").get_data(as_text=True)


@pytest.mark.parametrize(
    "text,message",
    [
        ("---\ntitle: [unclosed\n---\n\nBody.", "not valid YAML"),
        ('---\ntitle: ""\n---\n\nBody.', "title is required"),
        ('---\ntitle: "T"\ncategory: Not Valid!\n---\n\nBody.', "must be a category id"),
        ("Body without front matter.", "front matter"),
    ],
)
def test_invalid_text_is_refused_inline_and_nothing_is_written(site, fa, text, message):
    path = Path(site.extensions["help_center"].settings.articles_dir) / "fa" / "refunds.md"
    before = path.read_bytes()
    data = form(fa, "/editor/fa/refunds")
    r = fa.post("/editor/fa/refunds", data={**data, "text": text, "action": "publish"})
    html = r.get_data(as_text=True)
    assert r.status_code == 422 and message in html and 'role="alert"' in html
    assert ">" + text.split("\n")[-1] in html or text.split("\n")[-1] in html  # the editor keeps the text
    assert path.read_bytes() == before


def test_a_file_changed_since_opening_is_not_overwritten_and_both_versions_are_shown(site, fa):
    path = Path(site.extensions["help_center"].settings.articles_dir) / "fa" / "refunds.md"
    data = form(fa, "/editor/fa/refunds")  # opened
    theirs = path.read_text(encoding="utf-8").replace("ظرف", "حداکثر ظرف")
    path.write_text(theirs, encoding="utf-8")  # someone else saves meanwhile
    mine = data["text"].replace("بانک شما", "بانک شما (ویرایش من)")
    r = fa.post("/editor/fa/refunds", data={**data, "text": mine, "action": "publish"})
    html = r.get_data(as_text=True)
    assert r.status_code == 409 and "حداکثر ظرف" in html and "(ویرایش من)" in html
    assert path.read_text(encoding="utf-8") == theirs
    # The form now carries the revision on disk: saving again (after merging) goes through.
    again = dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', html))
    assert again["expected_revision"] == revision_of(theirs.encode())
    r = fa.post("/editor/fa/refunds", data={**data, **again, "text": mine, "action": "publish"})
    assert r.status_code == 302


def test_concurrent_saves_from_the_same_revision_one_wins(site):
    store = ArticleStore(site.extensions["help_center"].settings.articles_dir)
    opened = store.get("fa", "refunds")
    text = (store.root / "fa" / "refunds.md").read_text(encoding="utf-8")
    barrier = threading.Barrier(8)
    outcomes = []

    def writer(i: int) -> None:
        barrier.wait()
        try:
            save_article(store, "fa", "refunds", text.replace("ظرف", f"ظرف {i}"), expected_revision=opened.revision)
            outcomes.append("saved")
        except ArticleConflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict"] * 7 + ["saved"]


KILLED_WRITER = textwrap.dedent("""\
    import os, sys, time
    from kb.content import authoring
    from kb.content.articles import ArticleStore
    where = sys.argv[2]
    real_fsync, real_replace = os.fsync, os.replace
    def slow_fsync(fd):
        if where == "before-replace":
            print("writing", flush=True); time.sleep(60)
        real_fsync(fd)
    def replace_then_wait(a, b):
        real_replace(a, b)
        if where == "after-replace":
            print("replaced", flush=True); time.sleep(60)
    os.fsync, os.replace = slow_fsync, replace_then_wait
    store = ArticleStore(sys.argv[1])
    text = open(os.path.join(sys.argv[1], "fa", "refunds.md"), encoding="utf-8").read()
    authoring.save_article(store, "fa", "refunds", text + "\\n" + "پاراگراف تازه. " * 5000)
    """)


@pytest.mark.parametrize("where", ["before-replace", "after-replace"])
def test_a_killed_writer_leaves_the_old_file_or_the_new_one(site, where):
    root = Path(site.extensions["help_center"].settings.articles_dir)
    path = root / "fa" / "refunds.md"
    before = path.read_bytes()
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(root), where],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.stdout.readline().strip() in ("writing", "replaced")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    after = path.read_bytes()
    article = ArticleStore(root).get("fa", "refunds")
    assert after == (
        before if where == "before-replace" else (before.decode() + "\n" + "پاراگراف تازه. " * 5000).encode()
    )
    assert article.title and not [p for p in ArticleStore(root).check()[1] if p.level == "error"]


# -- preview and Markdown cost ---------------------------------------------------------------
def test_preview_is_the_sites_sanitised_html(fa):
    t = token(fa, "/editor/fa/refunds")
    r = fa.post(
        "/editor/preview",
        data={"text": "---\ntitle: x\n---\n\n## Hi {#hi}\n\n<script>alert(1)</script> [x](javascript:alert(1))"},
        headers={"X-CSRFToken": t},
    )
    html = r.get_json()["html"]
    assert '<h2 id="hi">Hi</h2>' in html and "<script" not in html and "javascript:" not in html


@pytest.mark.parametrize(
    "payload",
    ["[" * 8000, "![" * 4000, "[link](x)" * 8192, "a" + "`" * 2000 + "b", "[a](" * 1999, "(" * 8000, "x" * 1_100_000],
)
def test_hostile_markdown_is_answered_within_a_second(site, fa, payload):
    t = token(fa, "/editor/fa/refunds")
    data = form(fa, "/editor/fa/refunds")
    text = "---\ntitle: x\n---\n\n" + payload
    for url, fields in (
        ("/editor/preview", {"text": text}),
        ("/editor/fa/refunds", {**data, "text": text, "action": "draft"}),
    ):
        started = time.perf_counter()
        r = fa.post(url, data=fields, headers={"X-CSRFToken": t})
        assert time.perf_counter() - started < 2.0, url  # a hang bound: each is refused in ms
        assert r.status_code in (200, 302, 413, 422), (url, r.status_code)


# -- authors, restore ------------------------------------------------------------------------
def test_an_author_creates_an_article_in_the_default_language(site):
    en = signed_in(site, "en_ed")
    text = '---\ntitle: "Gift cards"\ncategory: payments\n---\n\nGift cards never expire.\n'
    t = token(en, "/editor/new")
    r = en.post("/editor/new", data={"csrf_token": t, "slug": "gift-cards", "text": text, "action": "publish"})
    assert r.status_code == 302, r.get_data(as_text=True)[:1000]
    assert ArticleStore(site.extensions["help_center"].settings.articles_dir).get("en", "gift-cards").published
    assert [h.article for h in site.extensions["help_center"].search("gift cards expire", "en").hits][:1] == [
        "gift-cards"
    ]
    again = en.post("/editor/new", data={"csrf_token": t, "slug": "gift-cards", "text": text, "action": "publish"})
    assert again.status_code == 409
    # The new article is "missing" in every translation now.
    m = site.test_client()
    fa = signed_in(site, "fa_ed")
    cells = fa.get("/editor/translations.json?lang=fa&status=missing").get_json()["todo"]
    assert [(c["lang"], c["slug"]) for c in cells] == [("fa", "gift-cards")]
    assert m.get("/fa/articles/gift-cards").status_code == 200  # English fallback for readers


def test_restore_an_old_revision(site, fa):
    path = Path(site.extensions["help_center"].settings.articles_dir) / "fa" / "refunds.md"
    for word in ("یک", "دو"):
        data = form(fa, "/editor/fa/refunds")
        data["text"] = data["text"].replace("بانک شما", f"بانک شما {word}", 1)
        assert fa.post("/editor/fa/refunds", data={**data, "action": "publish"}).status_code == 302
    revs = fa.get("/editor/fa/refunds/revisions.json").get_json()["revisions"]
    assert [r["action"] for r in revs] == ["publish", "publish", "baseline"]
    first = revs[1]
    page = fa.get(first["url"]).get_data(as_text=True)
    expected = re.search(r'name="expected_revision" value="([0-9a-f]+)"', page).group(1)
    r = fa.post(first["url"] + "/restore", data={"csrf_token": token(fa, first["url"]), "expected_revision": expected})
    assert r.status_code == 302
    assert revision_of(path.read_bytes()) == first["revision"]
    assert fa.get("/editor/fa/refunds/revisions.json").get_json()["revisions"][0]["action"] == "restore"
    assert site.extensions["help_center"].search("یک", "fa").hits[0].article == "refunds"


def test_a_revision_id_of_another_article_is_404(site, fa):
    th = signed_in(site, "th_ed")
    data = form(th, "/editor/th/refunds")
    th.post("/editor/th/refunds", data={**data, "action": "publish"})
    rev, _baseline = th.get("/editor/th/refunds/revisions.json").get_json()["revisions"]
    assert fa.get(f"/editor/fa/refunds/revisions/{rev['id']}").status_code == 404


def test_editor_json_twin_lists_the_units(site, fa):
    src = Path(site.extensions["help_center"].settings.articles_dir) / "en" / "refunds.md"
    src.write_text(SOURCE.replace("another 2-10", "another 3-12"), encoding="utf-8")
    data = fa.get("/editor/fa/refunds?format=json").get_json()
    assert data["status"] == "outdated" and data["changed"] == [2]
    assert [u["changed"] for u in data["units"]] == [False, False, True, False, False]
    assert data["units"][2]["translation"] == paragraphs(FA_BODY)[2]


def test_dashboard_html_and_json_agree(site, fa):
    html = fa.get("/editor/?lang=fa").get_data(as_text=True)
    data = fa.get("/editor/translations.json?lang=fa").get_json()
    assert data["counts"] == {"fa": {"current": 1, "outdated": 0, "missing": 0, "draft": 0}}
    assert 'href="/editor/fa/refunds"' in html and "status current" in html


# -- UI catalogs and a new site language -----------------------------------------------------
@pytest.fixture
def catalogs(tmp_path):
    import shutil

    dest = tmp_path / "translations"
    shutil.copytree(ROOT / "translations", dest)
    return dest


def test_catalog_completeness(site, fa, catalogs):
    hc = site.extensions["help_center"]
    hc.settings = hc.settings.replace(translations_dir=str(catalogs))
    before = {r["locale"]: r for r in fa.get("/editor/catalogs.json").get_json()["catalogs"]}
    po = catalogs / "th" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    first = re.search(r'msgid "([^"]+)"\nmsgstr "([^"]+)"', text)
    po.write_text(text.replace(first.group(0), f'msgid "{first.group(1)}"\nmsgstr ""', 1), encoding="utf-8")
    rows = {r["locale"]: r for r in fa.get("/editor/catalogs.json").get_json()["catalogs"]}
    assert {"th", "fa", "id", "lv"} <= set(rows)
    assert rows["th"]["translated"] == before["th"]["translated"] - 1 and rows["th"]["total"] == before["th"]["total"]
    assert rows["th"]["percent"] < 100 and "<meter" in fa.get("/editor/catalogs").get_data(as_text=True)


def test_adding_a_site_language(tmp_path, catalogs):
    """README "Adding a site language": catalog, articles folder, compile; the site shows it."""
    from kb.web import create_app

    articles = write_tree(tmp_path / "articles")
    app = create_app(
        {
            "TESTING": True,
            "KB_ARTICLES_DIR": str(articles),
            "KB_TRANSLATIONS_DIR": str(catalogs),
            "KB_INDEX_DIR": str(tmp_path / "index"),
            "KB_EMBEDDING_MODEL": "none",
            "KB_MINING_MODEL": "none",
            "KB_DATABASE_URL": f"sqlite:///{tmp_path / 'kb.sqlite3'}",
        }
    )
    runner = app.test_cli_runner()
    for args in (["translate", "extract"], ["translate", "init", "ms"], ["translate", "update"]):
        r = runner.invoke(args=args)
        assert r.exit_code == 0, (args, r.output)
    po = catalogs / "ms" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    assert 'msgid "Search"' in text
    po.write_text(text.replace('msgid "Search"\nmsgstr ""', 'msgid "Search"\nmsgstr "Cari"'), encoding="utf-8")
    assert runner.invoke(args=["translate", "compile"]).exit_code == 0
    assert (catalogs / "ms" / "LC_MESSAGES" / "messages.mo").is_file()
    (articles / "ms").mkdir()
    (articles / "ms" / "refunds.md").write_text(
        translation("Bilakah saya mendapat bayaran balik?", "Kami membayar balik dalam masa 3 hari bekerja.\n"),
        encoding="utf-8",
    )
    app.extensions["help_center"].rebuild()
    app.extensions["help_center"].db.upgrade()
    client = app.test_client()
    home = client.get("/ms/").get_data(as_text=True)
    assert '<html lang="ms" dir="ltr">' in home and ">Cari</button>" in home
    assert 'lang="ms"' in client.get("/en/").get_data(as_text=True)  # in every page's language list
    assert client.get("/ms/articles/refunds").status_code == 200
    assert "/ms/articles/refunds" in client.get("/sitemap.xml").get_data(as_text=True)
    assert runner.invoke(args=["translate", "init", "../x"]).exit_code == 1


def test_translate_commands_are_documented(site):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in site.cli.get_command(None, "translate").list_commands(None):
        assert f"flask translate {name}" in readme or f"/ `{name}`" in readme, name


@pytest.mark.parametrize("slug,lang", [("คืนเงิน", "th"), ("بازپرداخت-وجه", "fa")])
def test_export_of_a_non_ascii_slug_names_the_file_by_rfc_6266(site, slug, lang):
    from urllib.parse import quote, unquote

    src = site.extensions["help_center"].settings.articles_dir
    (Path(src) / "en" / f"{slug}.md").write_text(SOURCE, encoding="utf-8")
    client = signed_in(site, f"{lang}_ed")
    r = client.get(f"/editor/{lang}/export?slug={quote(slug)}&format=xliff")
    assert r.status_code == 200
    disposition = r.headers["Content-Disposition"]
    disposition.encode("latin-1")  # a header Werkzeug and every proxy can send
    assert f'filename="article.{lang}.xlf"' in disposition  # for clients that do not read filename*
    encoded = re.search(r"filename\*=UTF-8''(\S+)", disposition).group(1)
    assert unquote(encoded) == f"{slug}.{lang}.xlf"
    assert r.data.startswith(b"<?xml")


def test_a_new_slug_that_differs_only_in_case_is_refused(tmp_path):
    import shutil

    from kb.content.articles import ArticleStore
    from kb.content.authoring import ArticleInvalid

    shutil.copytree(DATA / "articles", tmp_path / "articles")
    store = ArticleStore(tmp_path / "articles")
    text = (tmp_path / "articles" / "en" / "refunds.md").read_text(encoding="utf-8")
    with pytest.raises(ArticleInvalid, match="only in case"):
        save_article(store, "en", "Refunds", text, create=True)
    assert not (tmp_path / "articles" / "en" / "Refunds.md").exists()


def test_the_dashboard_lists_drafts_made_from_customer_questions(site, tmp_path):
    from kb.review import decisions
    from tests.test_review import THAI_CSV, seed

    hc = site.extensions["help_center"]
    sid = seed(hc.db, tmp_path, THAI_CSV, lang="th", langs={"th": 2}, title="พัสดุยังไม่มาถึง")
    article = decisions.promote(hc.db, hc, sid, "sam", lang="th")
    th = signed_in(site, "th_ed")
    page = th.get("/editor/").get_data(as_text=True)
    assert "New from customer questions" in page and f"/editor/th/{article.slug}" in page
    assert th.get(f"/editor/th/{article.slug}").status_code == 200  # a Thai-only draft opens on its own


# -- editing comfort (issue 16 §4): links, direction, glossary -------------------------------
def test_preview_reports_broken_links_in_the_articles_language_and_direction(fa):
    t = token(fa, "/editor/fa/refunds")
    text = "---\ntitle: x\n---\n\n## Hi {#hi}\n\n[ok](#hi) [gone](/fa/articles/no-such-article)\n\n[bad](#nope)\n"
    r = fa.post("/editor/preview", data={"text": text, "lang": "fa", "slug": "refunds"}, headers={"X-CSRFToken": t})
    data = r.get_json()
    assert data["lang"] == "fa" and data["dir"] == "rtl"
    assert data["warnings"] == [
        "line 7: link '/fa/articles/no-such-article': no published article fa/no-such-article",
        "line 9: link '#nope': this article has no heading {#nope}",
    ]
    r = fa.post("/editor/preview", data={"text": text, "lang": "xx"}, headers={"X-CSRFToken": t})
    assert r.get_json()["dir"] == "ltr" and r.get_json()["lang"] == "en"


def test_the_edit_page_shows_broken_links_and_previews_right_to_left(site, fa):
    path = Path(site.extensions["help_center"].settings.articles_dir) / "fa" / "refunds.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n[قدیمی](/fa/articles/refunds#old-anchor)\n", encoding="utf-8")
    page = fa.get("/editor/fa/refunds").get_data(as_text=True)
    problems = re.search(r'<ul class="preview-problems"[^>]*>(.*?)</ul>', page, re.S).group(1)
    assert "link &#39;/fa/articles/refunds#old-anchor&#39;: this article has no heading {#old-anchor}" in problems
    assert re.search(r'<div id="preview" class="body preview" lang="fa" dir="rtl">', page)
    assert 'data-lang="fa" data-slug="refunds"' in page


def test_glossary_terms_are_highlighted_in_the_source_with_the_agreed_translation(site, fa):
    page = fa.get("/editor/fa/refunds").get_data(as_text=True)
    source = re.search(r'<section class="source".*?</section>', page, re.S).group(0)
    # SOURCE says "We refund within 3 working days": the bundled glossary.yml's terms, with the Persian beside them.
    assert '<mark class="term">refund</mark><span class="term-tr" lang="fa" dir="rtl">' in source
    assert '<span class="visually-hidden">agreed translation: </span>بازپرداخت</span>' in source
    assert '<mark class="term">working days</mark>' in source
    listed = re.search(r'<details class="glossary".*?</details>', source, re.S).group(0)
    assert '<dt lang="en" dir="ltr">refund</dt>' in listed and "روز کاری" in listed
    assert "order number" not in listed  # only the terms this article uses


def test_a_malformed_glossary_is_shown_as_a_message_not_a_500(site, fa, tmp_path):
    bad = tmp_path / "glossary.yml"
    bad.write_text("- term: refund\n  translations: {Persian: بازپرداخت}\n", encoding="utf-8")
    hc = site.extensions["help_center"]
    hc.settings = hc.settings.replace(glossary_file=str(bad))
    r = fa.get("/editor/fa/refunds")
    assert r.status_code == 200
    assert f"{bad}: entry 1 (&#39;refund&#39;): &#39;Persian&#39; is not a language code" in r.get_data(as_text=True)
