"""search events, article views, votes, inquiries

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "search_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lang", sa.String(16), nullable=False),
        sa.Column("query", sa.String(200), nullable=False),
        sa.Column("results", sa.Integer(), nullable=False),
        sa.Column("fallback", sa.Boolean(), nullable=False),
        sa.Column("clicked_position", sa.Integer(), nullable=True),
    )
    op.create_index("ix_search_events_created_at", "search_events", ["created_at"])
    op.create_index("ix_search_events_lang", "search_events", ["lang"])
    op.create_table(
        "article_views",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lang", sa.String(16), nullable=False),
        sa.Column("shown_lang", sa.String(16), nullable=False),
        sa.Column("slug", sa.String(120), nullable=False),
    )
    op.create_index("ix_article_views_created_at", "article_views", ["created_at"])
    op.create_index("ix_article_views_lang", "article_views", ["lang"])
    op.create_index("ix_article_views_slug", "article_views", ["slug"])
    op.create_table(
        "votes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("lang", sa.String(16), nullable=False),
        sa.Column("slug", sa.String(120), nullable=False),
        sa.Column("visitor", sa.String(64), nullable=False),
        sa.Column("helpful", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.String(500), nullable=True),
        sa.UniqueConstraint("lang", "slug", "visitor", name="uq_vote_visitor"),
    )
    op.create_index("ix_votes_lang", "votes", ["lang"])
    op.create_index("ix_votes_slug", "votes", ["slug"])
    op.create_table(
        "inquiries",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("lang", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("suggestion_opened", sa.Boolean(), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=True, unique=True),
    )
    op.create_index("ix_inquiries_created_at", "inquiries", ["created_at"])
    op.create_index("ix_inquiries_channel", "inquiries", ["channel"])
    op.create_index("ix_inquiries_lang", "inquiries", ["lang"])


def downgrade() -> None:
    for table in ("inquiries", "votes", "article_views", "search_events"):
        op.drop_table(table)
