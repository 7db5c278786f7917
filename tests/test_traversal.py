"""RELIABILITY S8: path traversal through language codes and slugs opens no file outside articles/.

The audit hook cannot be removed, so the check runs in its own Python process.
"""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SCRIPT = textwrap.dedent(r"""
    import json, os, sys, tempfile
    sys.path.insert(0, {root!r})
    from kb.web import create_app
    tmp = tempfile.mkdtemp()
    app = create_app({{"KB_ARTICLES_DIR": {articles!r}, "KB_INDEX_DIR": tmp + "/ix", "KB_EMBEDDING_MODEL": "none", "KB_MINING_MODEL": "none",
                      "KB_DATABASE_URL": "sqlite:///" + tmp + "/db.sqlite3", "KB_SECRET_KEY": "t", "KB_RATE_LIMITS": ""}})
    app.extensions["help_center"].rebuild(); app.extensions["help_center"].db.upgrade()
    client = app.test_client()
    client.get("/en/articles/refunds")  # load templates and the like before watching
    seen = []
    watching = [True]
    def hook(event, args):
        if watching[0] and event == "open" and isinstance(args[0], (str, bytes)):
            seen.append(os.fsdecode(args[0]))
    sys.addaudithook(hook)
    payloads = {payloads!r}
    codes = {{}}
    for lang, slug in payloads:
        for url in (f"/{{lang}}/articles/{{slug}}", f"/api/v1/articles/{{lang}}/{{slug}}", f"/{{lang}}/"):
            codes[url] = client.get(url).status_code
    watching[0] = False
    print(json.dumps({{"codes": codes, "opened": seen}}))
""")

SLUGS = [
    "../etc/passwd",
    "..%2f..%2fetc%2fpasswd",
    "%2e%2e/%2e%2e/etc/passwd",
    "..%252f..%252fetc",
    "..\\..\\win.ini",
    "/etc/passwd",
    "C:\\boot.ini",
    "x\x00.md",
    "%00",
    "．．／．．／etc",
    "\u2024\u2024/etc",
    "a" * 1000,
    "CON",
    ".git/config",
    "....//....//etc",
    "refunds/../../../etc/passwd",
    "refunds.md",
    "~root",
    "%c0%ae%c0%ae/",
    "-rf",
    ".",
    "..",
    "en/../../x",
    "..;/etc",
    "%2e%2e%5c%2e%2e%5cwin.ini",
    "..%c0%af",
    "..%ef%bc%8f",
    "%252e%252e%252f",
    "refunds%00.md",
    "refunds\x00",
    "PRN",
    "aux.md",
    "\\server\\share",
    "file:///etc/passwd",
    "refunds/",
    "refunds;rm",
    "*",
    "?",
    "%2f",
    "%5c",
    "\u202e",
    "<script>",
    "refunds#x",
]
LANGS = [
    "..",
    "en/..",
    "%2e%2e",
    "../en",
    "en%00",
    "xx",
    "EN",
    "e",
    "en-",
    "../../etc",
    "\\en",
    "en\\..",
    "．．",
    "C:",
    "",
    "en/refunds/..",
    "fa\u200c",
    "en\t",
]


def test_traversal_payloads_open_nothing_outside_articles(articles_dir):
    payloads = [("en", s) for s in SLUGS] + [(lang, "refunds") for lang in LANGS]
    assert len(payloads) >= 60
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(root=str(ROOT), articles=str(articles_dir), payloads=payloads)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert set(report["codes"].values()) <= {200, 308, 400, 404}, report["codes"]
    assert all(code != 200 for url, code in report["codes"].items() if "passwd" in url or "etc" in url)
    root = str(articles_dir.resolve())
    outside = [
        p
        for p in report["opened"]
        if p.startswith("/")
        and not str(Path(p).resolve()).startswith(root)
        and "site-packages" not in p
        and "/templates/" not in p
        and "/translations/" not in p
        and "/proc/" not in p
        and "python3" not in p
        and "/pythainlp" not in p
    ]
    assert outside == []
