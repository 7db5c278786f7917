"""What a site's clicks teach search (search/learning.py): the floor's raise and the dense weight."""

from __future__ import annotations

import numpy as np

from search.learning import best_factor, learned_raise


def test_the_learnt_raise_waits_for_enough_clicks_to_be_sure():
    # At 2% and 90% confidence the smallest of n values is safe once 0.98^n <= 0.1, i.e. n >= 114.
    assert learned_raise([0.5] * 113) == 0.0
    assert learned_raise([0.5] * 114) == 0.5
    assert learned_raise([0.5] * 500, share=0.0) == 0.0  # learning off
    assert learned_raise([]) == 0.0


def test_the_learnt_raise_stays_below_the_share_it_may_hide():
    values = [i / 1000 for i in range(1000)]  # the 2% quantile is 0.02
    raised = learned_raise(values)
    assert 0.005 < raised < 0.02
    assert learned_raise([i / 10_000 for i in range(10_000)]) > raised  # more clicks, closer to it
    assert learned_raise([-1.0 + i / 1000 for i in range(1000)]) == 0.0  # never below the calibrated floor


def test_the_learnt_raise_hides_about_the_share_it_was_given_on_fresh_searches():
    rng = np.random.default_rng(0)
    hidden = []
    for _ in range(200):
        raised = learned_raise(rng.normal(1.0, 0.3, 300).tolist())
        hidden.append(float((rng.normal(1.0, 0.3, 20_000) < raised).mean()))
    assert float(np.mean(np.array(hidden) > 0.02)) <= 0.15  # over the share in at most ~10% of sites
    assert np.median(hidden) > 0.003  # and the floor did rise


def test_the_best_factor_wins_and_a_tie_keeps_the_one_nearest_the_index_time_weight():
    clear = {0.25: [1.0] * 40 + [0.5] * 10, 0.5: [1.0] * 30 + [0.5] * 20, 1.0: [0.5] * 50, 2.0: [0.2] * 50}
    assert best_factor(clear) == 0.25
    assert best_factor({f: [0.6, 0.4] * 25 for f in (0.25, 0.5, 1.0, 2.0)}) == 1.0
    assert best_factor({0.25: [0.7] * 50, 0.5: [0.6] * 50, 2.0: [0.7] * 50}) == 2.0  # tied with 0.25, nearer 1 by ratio


def test_a_gain_within_one_standard_error_keeps_the_index_time_weight():
    rng = np.random.default_rng(1)
    at_one = rng.uniform(0, 1, 60)
    noisy = np.clip(at_one + rng.normal(0.01, 0.3, 60), 0, 1)  # better by chance, not by much
    assert noisy.mean() > at_one.mean()
    assert best_factor({1.0: at_one.tolist(), 2.0: noisy.tolist()}) == 1.0
    assert best_factor({1.0: at_one.tolist(), 2.0: np.clip(at_one + 0.2, 0, 1).tolist()}) == 2.0
