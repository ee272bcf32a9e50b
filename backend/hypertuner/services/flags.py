"""Flags: evaluated after metric batches, stored per experiment, read with every listing.

The rules are pure functions (`hypertuner.flags`). This module loads the curves they read,
stores what fired, keeps the roughness score that `noisy` compares within a run (decided
when read, since it depends on the other experiments), stops experiments whose run asked to
stop on a flag, and records which rule stopped an experiment.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from hypertuner import flags as rules_lib
from hypertuner.db.types import utcnow
from hypertuner.flags import FLAG_NAMES, Curve, FlagHit, FlagRules, Target
from hypertuner.flags.curves import Point
from hypertuner.models import (
    CurveScore,
    Experiment,
    ExperimentFlag,
    FlagRuleSet,
    MetricPoint,
    MetricSummary,
    Project,
    Run,
    StopKind,
    StopRecord,
    User,
)
from hypertuner.models.experiment import ACTIVE_STATUSES
from hypertuner.schemas.flags import FlagRead, FlagRulesRead, StoppedByRead

log = logging.getLogger(__name__)
EVALUATE_EVERY_SECONDS = 1.0
MAX_CURVE_POINTS = 20_000
CHUNK = 500


class _Throttle:
    """At most one evaluation per experiment per interval; a skipped one waits for the next
    batch (or the experiment's end), so the last data is always evaluated."""

    def __init__(self, interval: float, max_tracked: int = 10_000) -> None:
        self._interval = interval
        self._max_tracked = max_tracked
        self._last: dict[int, float] = {}
        self._pending: set[int] = set()
        self._lock = threading.Lock()

    def early(self, experiment_id: int) -> bool:
        """Too soon after the last evaluation: remember that data is waiting, and skip.

        Checked before anything is read, so most batches cost no query here.
        """
        now = time.monotonic()
        with self._lock:
            if now - self._last.get(experiment_id, -math.inf) < self._interval:
                self._pending.add(experiment_id)
                return True
            return False

    def ready(self, experiment_id: int, touched: bool) -> bool:
        now = time.monotonic()
        with self._lock:
            if not touched and experiment_id not in self._pending:
                return False
            if now - self._last.get(experiment_id, -math.inf) < self._interval:
                self._pending.add(experiment_id)
                return False

            self._last[experiment_id] = now
            self._pending.discard(experiment_id)
            if len(self._last) > self._max_tracked:
                old = [key for key, at in self._last.items() if now - at >= self._interval]
                for key in old:
                    if key not in self._pending:
                        del self._last[key]
            return True

    def pending(self, experiment_id: int) -> bool:
        with self._lock:
            return experiment_id in self._pending

    def forget(self, experiment_id: int) -> None:
        with self._lock:
            self._last.pop(experiment_id, None)
            self._pending.discard(experiment_id)


class _WatchedNames:
    """Each experiment's watched metric names, kept for an interval.

    Batches of metrics that no rule watches then cost no query at all; a rule change is
    seen within the interval (and `put_rules` re-evaluates everything anyway).
    """

    def __init__(self, interval: float, max_tracked: int = 10_000) -> None:
        self._interval = interval
        self._max_tracked = max_tracked
        self._known: dict[int, tuple[float, frozenset[str]]] = {}
        self._lock = threading.Lock()

    def get(self, experiment_id: int) -> frozenset[str] | None:
        with self._lock:
            found = self._known.get(experiment_id)
        if found is None or time.monotonic() - found[0] >= self._interval:
            return None
        return found[1]

    def put(self, experiment_id: int, names: frozenset[str]) -> None:
        now = time.monotonic()
        with self._lock:
            if len(self._known) >= self._max_tracked:
                self._known = {
                    key: entry
                    for key, entry in self._known.items()
                    if now - entry[0] < self._interval
                }
            self._known[experiment_id] = (now, names)


_throttle = _Throttle(EVALUATE_EVERY_SECONDS)
_watched = _WatchedNames(EVALUATE_EVERY_SECONDS)


# Rules of a project


def project_rules(session: Session, project_id: int) -> FlagRules:
    """The project's rules, or the defaults."""
    return _parse(session.get(FlagRuleSet, project_id))


def _parse(stored: FlagRuleSet | None) -> FlagRules:
    if stored is None:
        return FlagRules()
    try:
        return FlagRules.model_validate(stored.rules)
    except ValidationError:
        log.warning("project %s: stored flag rules are invalid; using defaults", stored.project_id)
        return FlagRules()


def read_rules(session: Session, project: Project) -> FlagRulesRead:
    stored = session.get(FlagRuleSet, project.id)
    return FlagRulesRead(
        project_id=project.id,
        rules=_parse(stored),
        custom=stored is not None,
        updated_at=stored.updated_at if stored else None,
    )


def put_rules(session: Session, project: Project, user: User, rules: FlagRules) -> FlagRulesRead:
    """Replace the project's rules and recompute the flags of all its experiments."""
    stored = session.get(FlagRuleSet, project.id)
    if stored is None:
        stored = FlagRuleSet(project_id=project.id)
        session.add(stored)
    stored.rules = rules.model_dump()
    stored.updated_by = user.id
    stored.updated_at = utcnow()
    session.flush()

    count = reevaluate_project(session, project.id, rules)
    log.info(
        "project %s: flag rules set by user %s, %d experiments re-evaluated",
        project.id,
        user.id,
        count,
    )
    return read_rules(session, project).model_copy(update={"reevaluated": count})


# Evaluation


def objective_of(run: Run) -> Target | None:
    if not run.objective_metric:
        return None
    return Target(run.objective_metric, "min" if run.objective_mode == "min" else "max")


def after_batch(session: Session, experiment_id: int, names: Collection[str]) -> None:
    """After a metric batch: evaluate if it touched a watched metric, at most once a second."""
    if _throttle.early(experiment_id):
        return
    known = _watched.get(experiment_id)
    if known is not None and known.isdisjoint(names) and not _throttle.pending(experiment_id):
        return

    experiment = session.get(Experiment, experiment_id)
    run = session.get(Run, experiment.run_id) if experiment is not None else None
    if experiment is None or run is None:
        return
    rules = project_rules(session, experiment.project_id)
    watched = frozenset(rules.watched(objective_of(run)))
    _watched.put(experiment_id, watched)

    touched = not watched.isdisjoint(names)
    if _throttle.ready(experiment_id, touched):
        _evaluate_safely(session, experiment, run, rules)


def after_finish(session: Session, experiment: Experiment) -> None:
    """The experiment ended: evaluate whatever arrived since the last evaluation."""
    _throttle.forget(experiment.id)
    run = session.get(Run, experiment.run_id)
    if run is not None:
        _evaluate_safely(session, experiment, run, project_rules(session, experiment.project_id))


def _evaluate_safely(session: Session, experiment: Experiment, run: Run, rules: FlagRules) -> None:
    try:
        with session.begin_nested():
            evaluate(session, [experiment], run, rules)
    except Exception:  # a flag problem must never cost a metric batch or an outcome
        log.exception("experiment %s: flag evaluation failed", experiment.id)


def evaluate(
    session: Session, experiments: Sequence[Experiment], run: Run, rules: FlagRules
) -> None:
    """Evaluate experiments of one run: store their flags and scores, stop on flags."""
    objective = objective_of(run)
    ids = [experiment.id for experiment in experiments]
    curves = _curves(session, ids, rules.watched(objective))
    stored = _stored_flags(session, ids)

    for experiment in experiments:
        found = rules_lib.evaluate(curves.get(experiment.id, {}), rules, objective)
        _store_hits(session, experiment.id, found.hits, stored.get(experiment.id, {}))
        _store_score(session, experiment, rules.noisy.metric, found)
        _stop_on_flags(session, experiment, run, rules, found.hits)


def reevaluate_project(session: Session, project_id: int, rules: FlagRules) -> int:
    """Recompute every experiment's flags of a project (after its rules changed)."""
    count = 0
    for run in session.scalars(select(Run).where(Run.project_id == project_id)).all():
        query = select(Experiment).where(Experiment.run_id == run.id).order_by(Experiment.id)
        found = list(session.scalars(query))
        for start in range(0, len(found), CHUNK):
            evaluate(session, found[start : start + CHUNK], run, rules)
        count += len(found)
    return count


def _curves(
    session: Session, experiment_ids: Sequence[int], names: Collection[str]
) -> dict[int, dict[str, Curve]]:
    """The curves of `names` for each experiment, one value per epoch.

    Curves longer than MAX_CURVE_POINTS are left out, so a per-step metric never makes
    every evaluation read a huge history: the rules are meant for epoch-level metrics.
    """
    if not experiment_ids or not names:
        return {}
    readable: dict[int, set[str]] = defaultdict(set)
    sizes = select(MetricSummary.experiment_id, MetricSummary.name).where(
        MetricSummary.experiment_id.in_(experiment_ids),
        MetricSummary.name.in_(sorted(names)),
        MetricSummary.count <= MAX_CURVE_POINTS,
    )
    for experiment_id, name in session.execute(sizes):
        readable[experiment_id].add(name)
    groups: dict[frozenset[str], list[int]] = defaultdict(list)
    for experiment_id, found in readable.items():
        groups[frozenset(found)].append(experiment_id)

    points: dict[int, dict[str, list[Point]]] = defaultdict(lambda: defaultdict(list))
    for group_names, members in groups.items():
        query = (
            select(
                MetricPoint.experiment_id,
                MetricPoint.name,
                MetricPoint.step,
                MetricPoint.epoch,
                MetricPoint.value,
            )
            .where(MetricPoint.experiment_id.in_(members), MetricPoint.name.in_(group_names))
            .order_by(MetricPoint.experiment_id, MetricPoint.name, MetricPoint.step, MetricPoint.id)
        )
        for experiment_id, name, step, epoch, value in session.execute(query):
            points[experiment_id][name].append((step, epoch, math.nan if value is None else value))
    return {
        experiment_id: {name: Curve.from_points(series) for name, series in by_name.items()}
        for experiment_id, by_name in points.items()
    }


def _stored_flags(
    session: Session, experiment_ids: Sequence[int]
) -> dict[int, dict[str, ExperimentFlag]]:
    stored: dict[int, dict[str, ExperimentFlag]] = defaultdict(dict)
    query = select(ExperimentFlag).where(ExperimentFlag.experiment_id.in_(experiment_ids))
    for row in session.scalars(query):
        stored[row.experiment_id][row.name] = row
    return stored


def _store_hits(
    session: Session,
    experiment_id: int,
    hits: dict[rules_lib.FlagName, FlagHit],
    stored: dict[str, ExperimentFlag],
) -> None:
    for name, old in stored.items():
        if name not in hits:
            session.delete(old)

    for name, hit in hits.items():
        row = stored.get(name)
        if row is not None:
            row.epoch, row.detail = hit.epoch, hit.detail
            continue
        values = {"experiment_id": experiment_id, "name": name, "epoch": hit.epoch}
        statement = _insert(session)(ExperimentFlag).values(
            **values, detail=hit.detail, raised_at=utcnow()
        )
        session.execute(statement.on_conflict_do_nothing())
        log.info("experiment %s flagged %s at %s: %s", experiment_id, name, hit.epoch, hit.detail)


def _store_score(
    session: Session, experiment: Experiment, metric: str, found: rules_lib.Evaluation
) -> None:
    values: dict[str, Any] = {
        "run_id": experiment.run_id,
        "metric": metric,
        "roughness": found.roughness,
        "points": found.roughness_points,
        "updated_at": utcnow(),
    }
    statement = _insert(session)(CurveScore).values(experiment_id=experiment.id, **values)
    session.execute(statement.on_conflict_do_update(index_elements=["experiment_id"], set_=values))


def _insert(session: Session) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT (SQLite and PostgreSQL both do)."""
    return (postgresql if session.get_bind().dialect.name == "postgresql" else sqlite).insert


# Stopping on flags


def stop_flags(run: Run) -> list[str]:
    """The flags the run stops its experiments on (empty unless early_stopping is flags)."""
    policy = run.early_stopping or {}
    names = policy.get("flags") if policy.get("kind") == "flags" else None
    return [str(name) for name in names] if isinstance(names, list) else []


def _stop_on_flags(
    session: Session,
    experiment: Experiment,
    run: Run,
    rules: FlagRules,
    hits: dict[rules_lib.FlagName, FlagHit],
) -> None:
    wanted = stop_flags(run)
    if not wanted or experiment.status not in ACTIVE_STATUSES or experiment.stop_requested:
        return

    found: dict[str, FlagHit] = {str(name): hit for name, hit in hits.items()}
    if "noisy" in wanted and rules.noisy.enabled:
        session.flush()
        noisy = _noisy_flags(session, [experiment], {experiment.project_id: rules})
        if experiment.id in noisy:
            found["noisy"] = noisy[experiment.id]

    name = next((name for name in wanted if name in found), None)
    if name is None:
        return
    hit = found[name]
    experiment.stop_requested = True
    record_stop(
        session,
        experiment.id,
        StopKind.FLAG,
        f"stopped early by flag {name}",
        rule=name,
        detail=hit.detail,
        epoch=hit.epoch,
    )
    log.info("experiment %s: stopping, flag %s raised (run %s)", experiment.id, name, run.id)


# Stop records


def record_stop(
    session: Session,
    experiment_id: int,
    kind: str,
    reason: str,
    *,
    rule: str | None = None,
    detail: str = "",
    epoch: int | None = None,
) -> None:
    """Record why an experiment is being stopped; an earlier record wins."""
    statement = _insert(session)(StopRecord).values(
        experiment_id=experiment_id,
        kind=kind,
        rule=rule,
        reason=reason,
        detail=detail,
        epoch=epoch,
        created_at=utcnow(),
    )
    session.execute(statement.on_conflict_do_nothing())


def settle_stop(session: Session, experiment: Experiment, reason: str | None) -> str:
    """The reason a stopped experiment keeps: its stop record's, else a request's."""
    record = session.get(StopRecord, experiment.id)
    if record is None:
        record = StopRecord(
            experiment_id=experiment.id,
            kind=StopKind.REQUEST,
            reason=reason or "stopped on request",
            detail="",
        )
        session.add(record)
    return record.reason


def stops_for(session: Session, experiment_ids: Sequence[int]) -> dict[int, StoppedByRead]:
    found: dict[int, StoppedByRead] = {}
    for start in range(0, len(experiment_ids), CHUNK):
        chunk = experiment_ids[start : start + CHUNK]
        for row in session.scalars(select(StopRecord).where(StopRecord.experiment_id.in_(chunk))):
            found[row.experiment_id] = StoppedByRead(
                kind=row.kind,
                rule=row.rule,
                reason=row.reason,
                detail=row.detail,
                epoch=row.epoch,
                at=row.created_at,
            )
    return found


# Reading


def flags_for(session: Session, experiments: Sequence[Experiment]) -> dict[int, list[FlagRead]]:
    """The raised flags of each experiment, `noisy` decided now against its run."""
    ids = [experiment.id for experiment in experiments]
    result: dict[int, list[FlagRead]] = {experiment_id: [] for experiment_id in ids}
    for start in range(0, len(ids), CHUNK):
        query = select(ExperimentFlag).where(
            ExperimentFlag.experiment_id.in_(ids[start : start + CHUNK])
        )
        for row in session.scalars(query):
            result[row.experiment_id].append(FlagRead.model_validate(row))

    rules = {pid: project_rules(session, pid) for pid in {e.project_id for e in experiments}}
    for experiment_id, hit in _noisy_flags(session, experiments, rules).items():
        result[experiment_id].append(FlagRead(name="noisy", epoch=None, detail=hit.detail))
    for found in result.values():
        found.sort(key=lambda flag: FLAG_NAMES.index(flag.name))
    return result


def _noisy_flags(
    session: Session, experiments: Iterable[Experiment], rules: dict[int, FlagRules]
) -> dict[int, FlagHit]:
    """Experiments whose roughness stands out in their run."""
    candidates = [e for e in experiments if rules[e.project_id].noisy.enabled]
    run_ids = sorted({experiment.run_id for experiment in candidates})
    scores: dict[tuple[int, str], dict[int, float]] = defaultdict(dict)
    for start in range(0, len(run_ids), CHUNK):
        query = select(CurveScore).where(
            CurveScore.run_id.in_(run_ids[start : start + CHUNK]),
            CurveScore.roughness.is_not(None),
        )
        for row in session.scalars(query):
            assert row.roughness is not None
            scores[(row.run_id, row.metric)][row.experiment_id] = row.roughness

    found: dict[int, FlagHit] = {}
    for experiment in candidates:
        rule = rules[experiment.project_id].noisy
        run_scores = scores.get((experiment.run_id, rule.metric), {})
        hit = rules_lib.noisy(experiment.id, run_scores, rule.metric, rule)
        if hit is not None:
            found[experiment.id] = hit
    return found
