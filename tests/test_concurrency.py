"""RELIABILITY R1: concurrent writer processes and readers lose nothing and raise nothing."""

import os
import subprocess
import sys
import textwrap
import threading

import pytest

from search import Document, IndexStore

pytestmark = pytest.mark.slow

WRITER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from search import Document, IndexStore
    store = IndexStore({ix!r}, write_timeout=60)
    w = int(sys.argv[1])
    for i in range(int(sys.argv[2])):
        slug = f"w{{w}}-a{{i}}"
        store.replace_article("en", slug, [Document(lang="en", article=slug, title=f"title {{slug}}",
                                                    body=f"uniq{{w}}x{{i}} body text")])
""")


def test_writers_and_readers_together(tmp_path):
    ix = str(tmp_path / "ix")
    store = IndexStore(ix)
    store.build(
        {"en": [Document(lang="en", article=f"seed{i}", title="seed", body=f"seed text {i}") for i in range(50)]}
    )
    errors: list[BaseException] = []
    stop = threading.Event()
    searches = 0

    def reader():
        nonlocal searches
        li = IndexStore(ix).current().lexical("en")
        while not stop.is_set():
            try:
                li.search(["seed", "text"], limit=5)
                searches += 1
            except BaseException as exc:  # noqa: BLE001 - counting is the point
                errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    script = WRITER.format(root=os.getcwd(), ix=ix)
    procs = [subprocess.Popen([sys.executable, "-c", script, str(w), "8"]) for w in range(3)]
    codes = [p.wait(timeout=300) for p in procs]
    stop.set()
    for t in threads:
        t.join()
    assert codes == [0, 0, 0]
    assert errors == [] and searches > 0
    li = IndexStore(ix).current().lexical("en")
    assert li.doc_count() == 50 + 24
    for w in range(3):
        for i in range(8):
            assert [m.id for m in li.search([f"uniq{w}x{i}"], limit=2)] == [f"en/w{w}-a{i}"]
