"""dashboard locks and selections

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03 19:36:28.537480
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:

    op.create_table(
        "range_locks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("low", sa.Float(), nullable=True),
        sa.Column("high", sa.Float(), nullable=True),
        sa.Column("values", JSON, nullable=True),
        sa.Column("locked_by", sa.Integer(), nullable=True),
        sa.Column("locked_by_name", sa.String(length=64), nullable=False),
        sa.Column("locked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["locked_by"],
            ["users.id"],
            name=op.f("fk_range_locks_locked_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name=op.f("fk_range_locks_run_id_runs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_range_locks")),
        sa.UniqueConstraint("run_id", "name", name=op.f("uq_range_locks_run_id")),
    )
    with op.batch_alter_table("range_locks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_range_locks_run_id"), ["run_id"], unique=False)

    op.create_table(
        "saved_selections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("state", JSON, nullable=False),
        sa.Column("experiment_ids", JSON, nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_by_name", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["users.id"],
            name=op.f("fk_saved_selections_created_by_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["runs.id"],
            name=op.f("fk_saved_selections_run_id_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_selections")),
        sa.UniqueConstraint("run_id", "name", name=op.f("uq_saved_selections_run_id")),
    )
    with op.batch_alter_table("saved_selections", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_saved_selections_run_id"), ["run_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("saved_selections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_saved_selections_run_id"))

    op.drop_table("saved_selections")
    with op.batch_alter_table("range_locks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_range_locks_run_id"))

    op.drop_table("range_locks")
