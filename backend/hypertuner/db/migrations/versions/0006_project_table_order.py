"""project table order: an index in the project table's order; joins the four heads

Revision ID: 0006
Revises: 0002, 0003, 0004, 0005
Create Date: 2026-12-04 03:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = ("0002", "0003", "0004", "0005")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_experiments_project_order",
        "experiments",
        ["project_id", "run_id", "index", "id"],
    )


def downgrade() -> None:
    op.drop_index("ix_experiments_project_order", table_name="experiments")
