"""Calibration figures: read per reader language from a generation's manifest, with the mean of the
other languages for a language that has none, and the line that maps centred cross-language cosines."""

from __future__ import annotations

import pytest

from search.calibration import CROSS_LIFT, HYBRID_FLOOR, LEXICAL_FLOOR, Calibration, spread

FLOORS = {
    "en": {"dense_center": 0.80, "dense_spread": 0.04, "dense_center_cross": 0.76, "queries": 120},
    "fa": {
        "dense_center": 0.84,
        "dense_spread": 0.02,
        "dense_center_cross": 0.78,
        "centred_center_cross": 0.30,
        "centred_spread_cross": 0.08,
    },
    "lv": {},  # too few titles to measure
}


def test_a_language_reads_its_own_figures():
    cal = Calibration.read(FLOORS, "fa")
    assert (cal.dense_center, cal.dense_spread, cal.dense_center_cross) == (0.84, 0.02, 0.78)
    assert cal.lift == pytest.approx(0.06)


def test_a_language_without_figures_takes_the_mean_of_those_that_have_them():
    for lang in ("lv", "th"):  # measured nothing / has no articles at all
        cal = Calibration.read(FLOORS, lang)
        assert cal.dense_center == pytest.approx(0.82)
        assert cal.dense_center_cross == pytest.approx(0.77)
        assert cal.centred_center_cross == pytest.approx(0.30)  # only fa measured it


def test_each_figure_falls_back_on_its_own():
    cal = Calibration.read(FLOORS, "en")
    assert cal.dense_center == 0.80  # its own
    assert cal.centred_spread_cross == 0.08  # the others'


def test_centred_cosines_are_mapped_onto_the_readers_scale_by_centre_and_spread():
    cal = Calibration.read(FLOORS, "fa")
    intercept, scale = cal.centred_to_own_scale()
    assert scale == pytest.approx(0.02 / 0.08)
    # The centre of centred cross-language answers lands on the reader's own centre.
    assert intercept + 0.30 * scale == pytest.approx(0.84)


def test_uncalibrated_figures_leave_cosines_as_they_come():
    cal = Calibration.read({}, "en")
    assert cal == Calibration()
    assert cal.lift == 0.0
    assert cal.centred_to_own_scale() == (0.0, 1.0)


def test_an_index_of_one_language_lifts_by_the_gap_measured_elsewhere():
    # Nothing across languages to measure, but a query typed in another script still crosses one.
    cal = Calibration.read({"ru": {"dense_center": 0.87, "dense_spread": 0.02}}, "ru")
    assert cal.dense_center_cross is None
    assert cal.lift == CROSS_LIFT > 0


def test_a_second_models_key_reads_back_as_its_slot():
    from search.calibration import second_key, second_slot

    assert [second_slot(second_key(slot)) for slot in (1, 2, 12)] == [1, 2, 12]
    assert second_slot("dense") is None and second_slot("extra") is None and second_slot("lexical") is None


def test_spread_is_the_interquartile_range():
    assert spread([0.0, 1.0, 2.0, 3.0, 4.0]) == pytest.approx(2.0)
    assert spread([0.5] * 7) == 0.0


def _asked(rows: dict[str, list[list[float]]]):
    import numpy as np

    from search.vectors import VectorSet, unit

    ids = [f"en/{article}" for article, vs in rows.items() for _ in vs]
    matrix = np.array([unit(np.array(v, np.float32)) for vs in rows.values() for v in vs], np.float32)
    return VectorSet(ids, [str(i) for i in range(len(ids))], matrix)


def test_the_asked_centre_is_the_median_similarity_with_another_articles_nearest_question():
    from search.calibration import asked_center

    vs = _asked({"a": [[1, 0, 0], [1, 0.1, 0]], "b": [[0, 1, 0]], "c": [[0.6, 0.8, 0]]})
    # each question's nearest question of another article (plain cosines, no query mean known)
    row = vs.matrix @ vs.matrix.T
    expected = sorted(
        [max(row[0, 2], row[0, 3]), max(row[1, 2], row[1, 3]), max(row[2, 0], row[2, 1], row[2, 3]), max(row[3, :3])]
    )
    assert asked_center(vs, [vs], None) == pytest.approx((expected[1] + expected[2]) / 2, abs=1e-4)


def test_no_asked_centre_with_fewer_than_three_articles():
    from search.calibration import asked_center

    two = _asked({"a": [[1, 0, 0]], "b": [[0, 1, 0]]})
    assert asked_center(two, [two], None) is None


def test_the_floor_rises_by_what_clicks_taught_on_the_hybrid_path_only():
    cal = Calibration(dense_center=0.85)
    confidence = {"lexical": 0.5, "dense": 0.86, "lexical_any": 0.5}
    assert cal.evidence(confidence) == pytest.approx(0.5 + 8 * 0.01)
    assert cal.clears_floor(confidence, dense_used=True)
    assert not cal.clears_floor(confidence, dense_used=True, raised=0.6)
    # Lexical evidence alone (no vectors yet) keeps its own floor: clicks were weighed on the hybrid scale.
    assert LEXICAL_FLOOR <= 0.5
    assert cal.clears_floor(confidence, dense_used=False, raised=0.6)
    assert HYBRID_FLOOR == 0.0  # the learnt raise is measured from it


def test_a_second_model_is_a_second_witness_in_the_primary_models_spread():
    # e5-like primary (cosines packed tight) and a MiniLM-like extra model (scattered 5x wider).
    cal = Calibration(dense_center=0.85, dense_spread=0.02, second={"extra1": (0.45, 0.10, 1.0)})
    alone = {"lexical": 0.2, "dense": 0.86}
    assert cal.evidence(alone) == pytest.approx(0.2 + 8 * 0.01)  # the search did not run it: no term
    far = {**alone, "extra1": 0.25}  # the extra model finds nothing near: 0.2 below its centre
    assert cal.evidence(far) == pytest.approx(0.2 + 8 * 0.01 + 8 * (-0.20) * 0.02 / 0.10)
    assert not cal.clears_floor(far, dense_used=True)
    parts = cal.evidence_parts(far)  # what staff "explain" shows, witness by witness
    assert set(parts) == {"lexical", "dense", "extra1"} and sum(parts.values()) == pytest.approx(cal.evidence(far))
    assert parts["extra1"] < 0 < parts["dense"]
    near = {**alone, "extra1": 0.65}
    assert cal.clears_floor(near, dense_used=True)
    # At its weight in the language: a model that reads it partly counts partly.
    half = Calibration(dense_center=0.85, dense_spread=0.02, second={"extra1": (0.45, 0.10, 0.5)})
    assert half.evidence(far) - cal.evidence(alone) == pytest.approx((cal.evidence(far) - cal.evidence(alone)) / 2)
    # Without a spread of its own nothing is scaled: the term is left out.
    flat = Calibration(dense_center=0.85, dense_spread=0.02, second={"extra1": (0.45, 0.0, 1.0)})
    assert flat.evidence(far) == pytest.approx(cal.evidence(alone))


def test_reading_the_manifest_figures_leaves_the_second_models_to_the_generation():
    assert Calibration.read(FLOORS, "en").second == {}


def test_a_second_models_centre_is_measured_like_the_primary_ones():
    import numpy as np

    from search.calibration import calibration_questions, second_floors
    from search.documents import Document

    docs = [
        Document("en", a, f"How do I {a} my order?", f"Body of {a}.", section=f"Steps to {a} an order")
        for a in ("track", "return", "cancel", "change")
    ]
    assert len(calibration_questions(docs)) == 8  # titles and headings, each once
    assert calibration_questions(docs[:2]) == []  # fewer than three articles

    class Axes:  # each article's words on its own axis, so nearest-other cosines are known
        def encode_query(self, text):
            v = np.array([w in text for w in ("track", "return", "cancel", "change")], np.float32) + 0.5
            return v / np.linalg.norm(v)

    matrix = np.stack([Axes().encode_query(d.article) for d in docs])
    floors = second_floors(Axes(), {"en": docs, "th": []}, {"en": matrix, "th": np.zeros((0, 4), np.float32)})
    assert set(floors) == {"en"}
    other = float(matrix[0] @ matrix[1])  # every question's nearest other article
    assert floors["en"] == {"dense_center": pytest.approx(other, abs=1e-4), "dense_spread": 0.0}
