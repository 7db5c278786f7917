"""one mining job at a time across hosts: a lease table, and jobs that show they are alive

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "leases",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("holder", sa.String(64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    )
    with op.batch_alter_table("mining_jobs") as batch:
        batch.add_column(sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("upload", sa.String(64), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("mining_jobs") as batch:
        batch.drop_column("upload")
        batch.drop_column("heartbeat_at")
    op.drop_table("leases")
