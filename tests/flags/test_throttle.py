"""The evaluation throttle of services/flags: once a second per experiment, nothing lost."""

from __future__ import annotations

import time

from hypertuner.services.flags import _Throttle, _WatchedNames


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


def test_watched_names_are_kept_for_an_interval_and_pruned() -> None:
    watched = _WatchedNames(interval=0.2, max_tracked=2)
    assert watched.get(1) is None

    watched.put(1, frozenset({"val_loss"}))
    assert watched.get(1) == frozenset({"val_loss"})
    time.sleep(0.25)
    assert watched.get(1) is None  # a rule change shows within the interval

    watched.put(2, frozenset())
    watched.put(3, frozenset({"a"}))  # full: the stale entry of 1 goes, fresh ones stay
    assert watched.get(2) == frozenset() and watched.get(3) == frozenset({"a"})
    assert 1 not in watched._known


def test_a_pending_evaluation_is_reported() -> None:
    throttle = _Throttle(interval=60)
    assert throttle.ready(5, touched=True)
    assert not throttle.pending(5)
    assert throttle.early(5) and throttle.pending(5)  # a batch too soon leaves one waiting
