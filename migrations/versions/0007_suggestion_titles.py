"""suggestions keep their question in every language they were asked in

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("suggestions") as batch:
        batch.add_column(sa.Column("titles", sa.JSON(), nullable=False, server_default="{}"))  # rows mined before: none


def downgrade() -> None:
    with op.batch_alter_table("suggestions") as batch:
        batch.drop_column("titles")
