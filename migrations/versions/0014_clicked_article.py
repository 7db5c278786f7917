"""searches keep the article their reader opened: each language's dense weight learns from clicks

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("search_events") as batch:
        batch.add_column(sa.Column("clicked_article", sa.String(120), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("search_events") as batch:
        batch.drop_column("clicked_article")
