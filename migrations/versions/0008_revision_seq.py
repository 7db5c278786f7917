"""article revisions are numbered per article, unique: the compare-and-set of saves across hosts

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("article_revisions") as batch:
        batch.add_column(sa.Column("seq", sa.Integer(), nullable=True))
    # Rows written before: numbered in the order they were written.
    op.execute(
        "UPDATE article_revisions SET seq = (SELECT COUNT(*) FROM article_revisions r"
        " WHERE r.lang = article_revisions.lang AND r.slug = article_revisions.slug AND r.id <= article_revisions.id)"
    )
    with op.batch_alter_table("article_revisions") as batch:
        batch.alter_column("seq", existing_type=sa.Integer(), nullable=False)
        batch.create_unique_constraint("uq_article_revisions_seq", ["lang", "slug", "seq"])


def downgrade() -> None:
    with op.batch_alter_table("article_revisions") as batch:
        batch.drop_constraint("uq_article_revisions_seq", type_="unique")
        batch.drop_column("seq")
