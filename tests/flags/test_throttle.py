"""The evaluation throttle of services/flags: once a second per experiment, nothing lost."""

from __future__ import annotations

import time

from hypertuner.services.flags import _Throttle


def test_a_touched_batch_runs_at_most_once_per_interval_and_is_caught_up() -> None:
    throttle = _Throttle(interval=0.2)

    assert throttle.ready(1, touched=True)
    assert not throttle.ready(1, touched=True)  # too soon: now pending
    assert throttle.ready(2, touched=True)  # other experiments are independent
    assert not throttle.ready(3, touched=False)  # nothing watched, nothing pending

    time.sleep(0.25)
    assert throttle.ready(1, touched=False)  # the pending evaluation, on any later batch
    assert not throttle.ready(1, touched=False)


def test_forgetting_an_experiment_clears_its_state() -> None:
    throttle = _Throttle(interval=60)
    assert throttle.ready(7, touched=True)
    throttle.forget(7)
    assert throttle.ready(7, touched=True)


def test_old_entries_are_pruned_but_pending_ones_kept() -> None:
    throttle = _Throttle(interval=0.05, max_tracked=3)
    for experiment_id in range(3):
        assert throttle.ready(experiment_id, touched=True)
    assert not throttle.ready(0, touched=True)  # pending

    time.sleep(0.06)
    assert throttle.ready(9, touched=True)  # a fourth entry triggers pruning
    assert throttle.ready(0, touched=False)  # the pending one survived it
