"""How complete the interface message catalogs (translations/<locale>/LC_MESSAGES/messages.po) are."""

from __future__ import annotations

import os
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
