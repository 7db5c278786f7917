"""votes remember a keyed hash of the client address, so fresh cookies cannot stuff one article

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("votes") as batch:
        batch.add_column(sa.Column("client", sa.String(64), nullable=True))
        batch.create_index("ix_votes_article_client", ["lang", "slug", "client", "created_at"])


def downgrade() -> None:
    with op.batch_alter_table("votes") as batch:
        batch.drop_index("ix_votes_article_client")
        batch.drop_column("client")
