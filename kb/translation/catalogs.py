"""How complete the interface message catalogs (translations/<locale>/LC_MESSAGES/messages.po) are."""

from __future__ import annotations

import os
import re
from pathlib import Path


def catalogs_status(translations_dir: str | os.PathLike) -> list[dict]:
    """Completeness of every UI catalog against the template (messages.pot) when there is one."""
    from babel.messages.pofile import read_po

    root = Path(translations_dir)
    template_ids: set | None = None
    pot = root / "messages.pot"
    if pot.is_file():
        with pot.open("rb") as fh:
            template_ids = {m.id for m in read_po(fh) if m.id}
    out = []
    for po_path in sorted(root.glob("*/LC_MESSAGES/messages.po")):
        with po_path.open("rb") as fh:
            catalog = read_po(fh)
        messages = [m for m in catalog if m.id]
        done = {
            m.id
            for m in messages
            if m.string and (all(m.string) if isinstance(m.string, tuple) else True) and not m.fuzzy
        }
        ids = template_ids if template_ids is not None else {m.id for m in messages}
        total = len(ids)
        translated = len(ids & done)
        out.append(
            {
                "locale": po_path.parent.parent.name,
                "total": total,
                "translated": translated,
                "fuzzy": sum(1 for m in messages if m.fuzzy),
                "missing": sorted(str(i) for i in ids - done)[:50],
                "percent": round(100 * translated / total, 1) if total else 100.0,
            }
        )
    return out


_PLACEHOLDER = re.compile(r"%\([^)]*\)[sd]|%[sd]|\{[^}]*\}|<[^>]*>")


def interface_strings(translations_dir: str | os.PathLike, *, min_chars: int = 8) -> dict[str, list[str]]:
    """Per locale, the translated interface strings (placeholders and markup removed, fuzzy ones left out).

    They are real text in each language the site speaks, articles or not: search uses them to place
    a reader's language in the multilingual model's space (search.calibration.calibrate).
    """
    from babel.messages.pofile import read_po

    out: dict[str, list[str]] = {}
    for po_path in sorted(Path(translations_dir).glob("*/LC_MESSAGES/messages.po")):
        with po_path.open("rb") as fh:
            catalog = read_po(fh)
        texts = []
        for m in catalog:
            forms = m.string if isinstance(m.string, (tuple, list)) else (m.string,)
            for form in forms:
                text = " ".join(_PLACEHOLDER.sub(" ", str(form or "")).split())
                if m.id and not m.fuzzy and len(text) >= min_chars:
                    texts.append(text)
        if texts:
            out[po_path.parent.parent.name.replace("_", "-").lower()] = list(dict.fromkeys(texts))
    return out
