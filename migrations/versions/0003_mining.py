"""mined suggestions, their review log, mining jobs; inquiry ticket, customer hash, reply

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "suggestions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("fingerprint", sa.String(64), nullable=False, unique=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("coverage", sa.String(16), nullable=False),
        sa.Column("lang", sa.String(16), nullable=False),
        sa.Column("priority", sa.String(32), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("recent", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("langs", sa.JSON(), nullable=False),
        sa.Column("channels", sa.JSON(), nullable=False),
        sa.Column("weekly", sa.JSON(), nullable=False),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.Column("examples", sa.JSON(), nullable=False),
        sa.Column("draft_answer", sa.Text(), nullable=False),
        sa.Column("nearest", sa.JSON(), nullable=False),
        sa.Column("coverage_score", sa.Float(), nullable=False),
        sa.Column("signals", sa.JSON(), nullable=False),
        sa.Column("article", sa.String(160), nullable=True),
        sa.Column("acted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("dismiss_reason", sa.String(500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("mined_at", sa.DateTime(timezone=True), nullable=False),
    )
    for col in ("status", "coverage", "lang", "priority", "score"):
        op.create_index(f"ix_suggestions_{col}", "suggestions", [col])
    op.create_table(
        "suggestion_actions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("suggestion_id", sa.Integer(), sa.ForeignKey("suggestions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("username", sa.String(80), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
    )
    op.create_index("ix_suggestion_actions_suggestion_id", "suggestion_actions", ["suggestion_id"])
    op.create_table(
        "mining_jobs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("username", sa.String(80), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("stage", sa.String(32), nullable=False),
        sa.Column("progress", sa.Float(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
    )
    with op.batch_alter_table("inquiries") as batch:
        batch.add_column(sa.Column("ticket", sa.String(64), nullable=True))
        batch.add_column(sa.Column("customer_hash", sa.String(64), nullable=True))
        batch.add_column(sa.Column("reply", sa.Text(), nullable=True))
        batch.add_column(sa.Column("suggestion_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_inquiries_suggestion", "suggestions", ["suggestion_id"], ["id"],
                                 ondelete="SET NULL")
        batch.create_index("ix_inquiries_suggestion_id", ["suggestion_id"])


def downgrade() -> None:
    with op.batch_alter_table("inquiries") as batch:
        batch.drop_index("ix_inquiries_suggestion_id")
        batch.drop_constraint("fk_inquiries_suggestion", type_="foreignkey")
        for col in ("suggestion_id", "reply", "customer_hash", "ticket"):
            batch.drop_column(col)
    op.drop_table("mining_jobs")
    op.drop_table("suggestion_actions")
    for col in ("status", "coverage", "lang", "priority", "score"):
        op.drop_index(f"ix_suggestions_{col}", "suggestions")
    op.drop_table("suggestions")
