"""Curation: stars, archive flags, tags and notes of experiments, run notes, the project
journal and the production choice with its history."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from hypertuner.core.errors import NotFound
from hypertuner.db.types import utcnow
from hypertuner.models import (
    Experiment,
    ExperimentCuration,
    JournalEntry,
    ProductionMark,
    Project,
    Run,
    RunNote,
    User,
)
from hypertuner.schemas.curation import (
    BulkCuration,
    CurationRead,
    CurationUpdate,
    JournalCreate,
    JournalUpdate,
    ProductionMarkRead,
    ProductionRead,
)
from hypertuner.services import audit, experiments

log = logging.getLogger(__name__)
CHUNK = 900  # ids per IN (...), under SQLite's oldest limit on bound parameters
HISTORY_LIMIT = 500


def chunks(ids: Sequence[int], size: int = CHUNK) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def read_curation(session: Session, experiment: Experiment) -> CurationRead:
    row = session.get(ExperimentCuration, experiment.id)
    if row is None:
        return CurationRead(experiment_id=experiment.id)
    return CurationRead.model_validate(row)


def update_curation(
    session: Session, user: User, experiment: Experiment, data: CurationUpdate
) -> CurationRead:
    """Change the fields sent (PATCH semantics)."""
    row = session.get(ExperimentCuration, experiment.id) or _new_row(experiment)
    session.add(row)
    if data.starred is not None:
        row.starred = data.starred
    if data.archived is not None:
        row.archived = data.archived
    if data.tags is not None:
        row.tags = unique(data.tags)
    if data.note is not None:
        row.note = data.note
    row.updated_by, row.updated_at = user.id, utcnow()
    session.flush()

    if data.archived is not None:
        _audit_archive(session, user, experiment.project_id, [experiment.id], data.archived)
    log.info("experiment %s curated by user %s: %s", experiment.id, user.id, _changes(data))
    return CurationRead.model_validate(row)


def _new_row(experiment: Experiment) -> ExperimentCuration:
    return ExperimentCuration(
        experiment_id=experiment.id,
        project_id=experiment.project_id,
        starred=False,
        archived=False,
        tags=[],
        note="",
    )


def _changes(data: CurationUpdate | BulkCuration) -> str:
    return ", ".join(sorted(data.model_fields_set - {"experiment_ids", "note"})) or "note"


def unique(tags: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(tags))


def bulk_update(session: Session, user: User, project: Project, data: BulkCuration) -> int:
    """Apply one change to many experiments; every id must belong to the project."""
    ids = list(dict.fromkeys(data.experiment_ids))
    _check_in_project(session, project, ids)

    existing: dict[int, ExperimentCuration] = {}
    for chunk in chunks(ids):
        query = select(ExperimentCuration).where(ExperimentCuration.experiment_id.in_(chunk))
        existing.update((row.experiment_id, row) for row in session.scalars(query))

    now = utcnow()
    for experiment_id in ids:
        row = existing.get(experiment_id)
        if row is None:
            row = ExperimentCuration(
                experiment_id=experiment_id, project_id=project.id, tags=[], note=""
            )
            row.starred = row.archived = False
            session.add(row)
        _apply_bulk(row, data)
        row.updated_by, row.updated_at = user.id, now
    session.flush()

    if data.archived is not None:
        _audit_archive(session, user, project.id, ids, data.archived)

    log.info(
        "%d experiments of project %s curated by user %s: %s",
        len(ids),
        project.id,
        user.id,
        _changes(data),
    )
    return len(ids)


def _audit_archive(
    session: Session, user: User, project_id: int, ids: Sequence[int], archived: bool
) -> None:
    action = "experiment.archive" if archived else "experiment.restore"
    shown = ", ".join(str(i) for i in ids[:20]) + (" …" if len(ids) > 20 else "")
    audit.record(
        session,
        user,
        action,
        project_id=project_id,
        target=f"{len(ids)} experiments",
        summary=f"{'archived' if archived else 'restored'} experiments {shown}",
        details={"experiment_ids": list(ids[:1000])},
    )


def _apply_bulk(row: ExperimentCuration, data: BulkCuration) -> None:
    if data.starred is not None:
        row.starred = data.starred
    if data.archived is not None:
        row.archived = data.archived
    if data.add_tags or data.remove_tags:
        removed = set(data.remove_tags)
        row.tags = [tag for tag in unique([*row.tags, *data.add_tags]) if tag not in removed]


def _check_in_project(session: Session, project: Project, ids: Sequence[int]) -> None:
    check_experiments(session, Experiment.project_id == project.id, ids, f"project {project.id}")


def check_experiments(
    session: Session, scope: ColumnElement[bool], ids: Sequence[int], where: str
) -> None:
    """NotFound, naming the missing ids, unless every id is an experiment within `scope`."""
    found: set[int] = set()
    for chunk in chunks(ids):
        found.update(session.scalars(select(Experiment.id).where(scope, Experiment.id.in_(chunk))))
    missing = [experiment_id for experiment_id in dict.fromkeys(ids) if experiment_id not in found]
    if missing:
        shown = ", ".join(str(i) for i in missing[:10])
        raise NotFound(
            f"{len(missing)} experiments not found in {where}: {shown}",
            field="experiment_ids",
            details={"missing": missing[:1000]},
        )


def read_run_note(session: Session, run: Run) -> RunNote:
    return session.get(RunNote, run.id) or RunNote(run_id=run.id, note="", updated_by_name="")


def write_run_note(session: Session, user: User, run: Run, note: str) -> RunNote:
    row = session.get(RunNote, run.id) or RunNote(run_id=run.id)
    session.add(row)
    row.note = note
    row.updated_by, row.updated_by_name, row.updated_at = user.id, user.username, utcnow()
    session.flush()
    log.info("note of run %s written by user %s", run.id, user.id)
    return row


def list_journal(session: Session, project: Project) -> list[JournalEntry]:
    """Newest day first; entries of one day newest first."""
    query = (
        select(JournalEntry)
        .where(JournalEntry.project_id == project.id)
        .order_by(JournalEntry.day.desc(), JournalEntry.id.desc())
    )
    return list(session.scalars(query))


def add_journal_entry(
    session: Session, user: User, project: Project, data: JournalCreate
) -> JournalEntry:
    entry = JournalEntry(
        project_id=project.id,
        day=data.day or utcnow().date(),
        body=data.body,
        author_id=user.id,
        author=user.username,
    )
    session.add(entry)
    session.flush()
    log.info("journal entry %s added to project %s by user %s", entry.id, project.id, user.id)
    return entry


def get_journal_entry(session: Session, project: Project, entry_id: int) -> JournalEntry:
    entry = session.get(JournalEntry, entry_id)
    if entry is None or entry.project_id != project.id:
        raise NotFound(f"journal entry {entry_id} not found in project {project.id}")
    return entry


def update_journal_entry(
    session: Session, user: User, entry: JournalEntry, data: JournalUpdate
) -> JournalEntry:
    if data.body is not None:
        entry.body = data.body
    if data.day is not None:
        entry.day = data.day
    entry.updated_at = utcnow()
    session.flush()
    log.info("journal entry %s edited by user %s", entry.id, user.id)
    return entry


def delete_journal_entry(session: Session, user: User, entry: JournalEntry) -> None:
    session.delete(entry)
    log.info("journal entry %s deleted by user %s", entry.id, user.id)


def mark_production(
    session: Session, user: User, project: Project, experiment: Experiment | None, note: str
) -> ProductionMark:
    """Record a new production choice (or, with no experiment, that there is none)."""
    if experiment is not None and experiment.project_id != project.id:
        raise NotFound(
            f"experiment {experiment.id} not found in project {project.id}", field="experiment_id"
        )
    mark = ProductionMark(
        project_id=project.id,
        experiment_id=experiment.id if experiment else None,
        note=note,
        marked_by=user.id,
        marked_by_name=user.username,
        marked_at=utcnow(),
    )
    session.add(mark)
    session.flush()
    audit.record(
        session,
        user,
        "production.mark",
        project_id=project.id,
        target=f"experiment {mark.experiment_id}" if experiment else "none",
        summary=note[:500],
        details={"experiment_id": mark.experiment_id},
    )
    log.info(
        "production choice of project %s set to experiment %s by user %s",
        project.id,
        mark.experiment_id,
        user.id,
    )
    return mark


def current_production(session: Session, project: Project) -> ProductionMark | None:
    """The newest mark, unless it cleared the choice."""
    query = (
        select(ProductionMark)
        .where(ProductionMark.project_id == project.id)
        .order_by(ProductionMark.id.desc())
        .limit(1)
    )
    mark = session.scalar(query)
    return mark if mark is not None and mark.experiment_id is not None else None


def production_history(session: Session, project: Project) -> list[ProductionMark]:
    query = (
        select(ProductionMark)
        .where(ProductionMark.project_id == project.id)
        .order_by(ProductionMark.id.desc())
        .limit(HISTORY_LIMIT)
    )
    return list(session.scalars(query))


def describe_production(session: Session, mark: ProductionMark | None) -> ProductionRead:
    """A mark with the experiment it names (both null when there is no choice)."""
    if mark is None:
        return ProductionRead(mark=None, experiment=None)
    found = session.get(Experiment, mark.experiment_id) if mark.experiment_id else None
    experiment = experiments.read_many(session, [found])[0] if found else None
    return ProductionRead(mark=ProductionMarkRead.model_validate(mark), experiment=experiment)
