"""project curation: stars, tags, notes, journal, production marks, import origins

Revision ID: 0003
Revises: 0001
Create Date: 2026-12-04 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
WHEN = sa.DateTime(timezone=True)


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    name = op.f(f"fk_{table}_{column}_{target.split('.')[0]}")
    return sa.ForeignKeyConstraint([column], [target], name=name, ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        "experiment_curations",
        sa.Column("experiment_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("starred", sa.Boolean(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("tags", JSON, nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", WHEN, nullable=False),
        _fk("experiment_curations", "experiment_id", "experiments.id", "CASCADE"),
        _fk("experiment_curations", "project_id", "projects.id", "CASCADE"),
        _fk("experiment_curations", "updated_by", "users.id", "SET NULL"),
        sa.PrimaryKeyConstraint("experiment_id", name=op.f("pk_experiment_curations")),
    )
    op.create_index(
        "ix_experiment_curations_project", "experiment_curations", ["project_id", "archived"]
    )

    op.create_table(
        "run_notes",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_by_name", sa.String(length=64), nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
        _fk("run_notes", "run_id", "runs.id", "CASCADE"),
        _fk("run_notes", "updated_by", "users.id", "SET NULL"),
        sa.PrimaryKeyConstraint("run_id", name=op.f("pk_run_notes")),
    )

    op.create_table(
        "journal_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("author", sa.String(length=64), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("updated_at", WHEN, nullable=True),
        _fk("journal_entries", "author_id", "users.id", "SET NULL"),
        _fk("journal_entries", "project_id", "projects.id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal_entries")),
    )
    op.create_index("ix_journal_entries_project_day", "journal_entries", ["project_id", "day"])

    op.create_table(
        "production_marks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("experiment_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("marked_by", sa.Integer(), nullable=True),
        sa.Column("marked_by_name", sa.String(length=64), nullable=False),
        sa.Column("marked_at", WHEN, nullable=False),
        _fk("production_marks", "experiment_id", "experiments.id", "SET NULL"),
        _fk("production_marks", "marked_by", "users.id", "SET NULL"),
        _fk("production_marks", "project_id", "projects.id", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_production_marks")),
    )
    op.create_index("ix_production_marks_project", "production_marks", ["project_id", "id"])

    op.create_table(
        "experiment_origins",
        sa.Column("experiment_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=1000), nullable=False),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.Column("source_id", sa.String(length=200), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("parent_id", sa.String(length=200), nullable=True),
        _fk("experiment_origins", "experiment_id", "experiments.id", "CASCADE"),
        _fk("experiment_origins", "run_id", "runs.id", "CASCADE"),
        sa.PrimaryKeyConstraint("experiment_id", name=op.f("pk_experiment_origins")),
    )
    op.create_index(
        op.f("ix_experiment_origins_run_id"), "experiment_origins", ["run_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_experiment_origins_run_id"), table_name="experiment_origins")
    op.drop_table("experiment_origins")
    op.drop_index("ix_production_marks_project", table_name="production_marks")
    op.drop_table("production_marks")
    op.drop_index("ix_journal_entries_project_day", table_name="journal_entries")
    op.drop_table("journal_entries")
    op.drop_table("run_notes")
    op.drop_index("ix_experiment_curations_project", table_name="experiment_curations")
    op.drop_table("experiment_curations")
