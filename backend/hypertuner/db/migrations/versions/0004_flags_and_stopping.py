"""flags, flag rules, roughness scores, stop records; early stopping per run

Revision ID: 0004
Revises: 0001
Create Date: 2026-12-03 20:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def _experiment_key() -> sa.Column[int]:
    return sa.Column("experiment_id", sa.Integer(), nullable=False)


def _experiment_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["experiment_id"],
        ["experiments.id"],
        name=op.f(f"fk_{table}_experiment_id_experiments"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("early_stopping", JSON, nullable=True))

    op.create_table(
        "flag_rules",
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("rules", JSON, nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name=op.f("fk_flag_rules_project_id_projects"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["updated_by"],
            ["users.id"],
            name=op.f("fk_flag_rules_updated_by_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("project_id", name=op.f("pk_flag_rules")),
    )

    op.create_table(
        "experiment_flags",
        _experiment_key(),
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("epoch", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("raised_at", sa.DateTime(timezone=True), nullable=False),
        _experiment_fk("experiment_flags"),
        sa.PrimaryKeyConstraint("experiment_id", "name", name=op.f("pk_experiment_flags")),
    )
    op.create_index(
        "ix_experiment_flags_name", "experiment_flags", ["name", "experiment_id"], unique=False
    )

    op.create_table(
        "curve_scores",
        _experiment_key(),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("metric", sa.String(length=200), nullable=False),
        sa.Column("roughness", sa.Float(), nullable=True),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        _experiment_fk("curve_scores"),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name=op.f("fk_curve_scores_run_id_runs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("experiment_id", name=op.f("pk_curve_scores")),
    )
    op.create_index(op.f("ix_curve_scores_run_id"), "curve_scores", ["run_id"], unique=False)

    op.create_table(
        "experiment_stops",
        _experiment_key(),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("rule", sa.String(length=64), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("epoch", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _experiment_fk("experiment_stops"),
        sa.PrimaryKeyConstraint("experiment_id", name=op.f("pk_experiment_stops")),
    )


def downgrade() -> None:
    op.drop_table("experiment_stops")
    op.drop_index(op.f("ix_curve_scores_run_id"), table_name="curve_scores")
    op.drop_table("curve_scores")
    op.drop_index("ix_experiment_flags_name", table_name="experiment_flags")
    op.drop_table("experiment_flags")
    op.drop_table("flag_rules")
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.drop_column("early_stopping")
