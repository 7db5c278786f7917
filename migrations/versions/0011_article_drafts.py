"""pending drafts beside a published article: saving a draft no longer unpublishes the live page

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "article_drafts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("lang", sa.String(16), nullable=False),
        sa.Column("slug", sa.String(120), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("base_revision", sa.String(64), nullable=False),
        sa.Column("username", sa.String(80), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("lang", "slug", name="uq_article_drafts_article"),
    )


def downgrade() -> None:
    op.drop_table("article_drafts")
