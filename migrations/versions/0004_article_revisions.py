"""article revisions: who wrote which version of an article file, its diff and its text

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "article_revisions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lang", sa.String(16), nullable=False),
        sa.Column("slug", sa.String(120), nullable=False),
        sa.Column("username", sa.String(80), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("previous_revision", sa.String(64), nullable=False),
        sa.Column("revision", sa.String(64), nullable=False),
        sa.Column("diff", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
    )
    op.create_index("ix_article_revisions_lang", "article_revisions", ["lang"])
    op.create_index("ix_article_revisions_slug", "article_revisions", ["slug"])


def downgrade() -> None:
    op.drop_index("ix_article_revisions_slug", table_name="article_revisions")
    op.drop_index("ix_article_revisions_lang", table_name="article_revisions")
    op.drop_table("article_revisions")
