"""One published index generation, read-only: its manifest, and per language its Whoosh index,
its vectors and where its dense cosines sit (search/store.py writes generations)."""

from __future__ import annotations

import functools
import os
import threading
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from .bm25 import Weights
from .calibration import Calibration, second_key
from .lexical import LexicalIndex
from .vectors import VectorStore


@dataclass
class Generation:
    name: str
    path: str
    manifest: dict[str, Any]  # manifest.json
    weights: Weights
    _lex: dict[str, LexicalIndex] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def langs(self) -> list[str]:
        return sorted(self.manifest.get("langs", {}))

    @property
    def multilingual(self) -> bool:
        """Does the primary model place every language in one space?"""
        return bool(self.model_info(0).get("multilingual"))

    def lexical(self, lang: str) -> LexicalIndex:
        li = self._lex.get(lang)
        if li is None:
            if lang not in self.manifest.get("langs", {}):
                raise KeyError(lang)
            with self._lock:
                li = self._lex.setdefault(lang, LexicalIndex(os.path.join(self.path, "lex", lang), lang, self.weights))
        return li

    @functools.cached_property
    def vectors(self) -> VectorStore:
        """The primary model's vectors (the one space every language shares)."""
        return self.vector_store(0)

    def vector_store(self, slot: int) -> VectorStore:
        """Slot 0: the primary model; slot i: the i-th extra model (``manifest["extra_models"]``)."""
        stores: dict[int, VectorStore] = self.__dict__.setdefault("_vector_stores", {})
        if slot not in stores:
            stores[slot] = VectorStore(os.path.join(self.path, vector_dir(slot)))
        return stores[slot]

    def model_info(self, slot: int) -> dict[str, Any]:
        """The manifest's record of the model in ``slot`` ({} when it has none)."""
        if slot == 0:
            return self.manifest.get("model") or {}
        extra = self.manifest.get("extra_models") or []
        return extra[slot - 1] if slot - 1 < len(extra) else {}

    def lang_info(self, lang: str) -> dict[str, Any]:
        info: dict[str, Any] = self.manifest.get("langs", {}).get(lang, {})
        return info

    def calibration(self, lang: str) -> Calibration:
        """Where ``lang``'s dense cosines sit (search/calibration.py), read once per generation."""
        cache: dict[str, Calibration] = self.__dict__.setdefault("_calibrations", {})
        if lang not in cache:
            floors = {o: info.get("floor") or {} for o, info in self.manifest.get("langs", {}).items()}
            second = {}
            for slot in range(1, len(self.manifest.get("extra_models") or []) + 1):
                info = self.model_info(slot).get("langs", {}).get(lang, {})
                if (floor := info.get("floor")) and info.get("dense_weight", 0.0) > 0:
                    second[second_key(slot)] = (floor["dense_center"], floor["dense_spread"], info["dense_weight"])
            cache[lang] = Calibration.read(floors, lang, second)
        return cache[lang]

    @functools.cached_property
    def _query_centring(self) -> tuple[npt.NDArray[np.float32] | None, dict[str, npt.NDArray[np.float32]]]:
        model = self.model_info(0)
        offset = model.get("query_offset")
        means = {lang: np.asarray(m, dtype=np.float32) for lang, m in (model.get("query_means") or {}).items()}
        return (None if offset is None else np.asarray(offset, dtype=np.float32)), means

    def query_mean(self, lang: str) -> npt.NDArray[np.float32] | None:
        """Where the primary model places ``lang``'s questions (calibration.calibrate); None: unknown."""
        offset, means = self._query_centring
        if offset is None:
            return None
        if lang in self.manifest.get("langs", {}):
            vs = self.vectors.read(lang)  # its passages' mean follows article updates
            return None if vs is None or not vs.ids else vs.centring[0] + offset
        return means.get(lang)

    def close(self) -> None:
        for li in self._lex.values():
            li.close()


def vector_dir(slot: int) -> str:
    """The folder of the vectors of model ``slot`` inside a generation."""
    return "vectors" if slot == 0 else f"vectors-extra{slot}"
