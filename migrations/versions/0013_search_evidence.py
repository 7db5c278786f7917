"""searches keep their relevance evidence and how many closest pages they showed: the floor learns from clicks

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("search_events") as batch:
        batch.add_column(sa.Column("evidence", sa.Float(), nullable=True))
        batch.add_column(sa.Column("closest", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("search_events") as batch:
        batch.drop_column("closest")
        batch.drop_column("evidence")
