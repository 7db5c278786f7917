"""publishing that waits: for a second person's approval or for a date; who asked and who approved is logged

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("article_drafts") as t:
        t.add_column(sa.Column("ready_text", sa.Text(), nullable=False, server_default=""))
        t.add_column(sa.Column("requested_at", sa.DateTime(timezone=True), nullable=True))
        t.add_column(sa.Column("needs_review", sa.Boolean(), nullable=False, server_default=sa.false()))
        t.add_column(sa.Column("approved_by", sa.String(80), nullable=False, server_default=""))
        t.add_column(sa.Column("publish_at", sa.DateTime(timezone=True), nullable=True))
        t.add_column(sa.Column("problem", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("article_revisions") as t:
        t.add_column(sa.Column("requested_at", sa.DateTime(timezone=True), nullable=True))
        t.add_column(sa.Column("reviewed_by", sa.String(80), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("article_revisions") as t:
        t.drop_column("reviewed_by")
        t.drop_column("requested_at")
    with op.batch_alter_table("article_drafts") as t:
        for column in ("problem", "publish_at", "approved_by", "needs_review", "requested_at", "ready_text"):
            t.drop_column(column)
