"""staff sessions named by a random per-account token instead of id:version (ids are reused on SQLite)

Revision ID: 0005
Revises: 0004
"""
import secrets

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

users = sa.table("users", sa.column("id", sa.Integer()), sa.column("session_token", sa.String(64)))


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("session_token", sa.String(64), nullable=True))
    conn = op.get_bind()
    for (user_id,) in conn.execute(sa.select(users.c.id)).all():
        conn.execute(users.update().where(users.c.id == user_id).values(session_token=secrets.token_urlsafe(32)))
    with op.batch_alter_table("users") as batch:
        batch.alter_column("session_token", existing_type=sa.String(64), nullable=False)
        batch.create_unique_constraint("uq_users_session_token", ["session_token"])
        batch.drop_column("session_version")  # every cookie issued before names no one now: all sign in again


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("session_version", sa.Integer(), nullable=False, server_default="1"))
    with op.batch_alter_table("users") as batch:
        batch.alter_column("session_version", existing_type=sa.Integer(), server_default=None)
        batch.drop_constraint("uq_users_session_token", type_="unique")
        batch.drop_column("session_token")
