"""handover: handovers, their transcripts, chat updates for polling clients, the
handover a rating follows

Revision ID: 0008
Revises: 0007_regression
Create Date: 2026-12-05 01:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007_regression"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "handovers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("sender_id", sa.String(length=128), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("close_reason", sa.String(length=16), nullable=True),
        sa.Column("is_awaiting_message", sa.Boolean(), nullable=False),
        sa.Column("contact", sa.String(length=200), nullable=True),
        sa.Column("preview", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handovers")),
    )
    with op.batch_alter_table("handovers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_handovers_created_at"), ["created_at"])
        batch_op.create_index(batch_op.f("ix_handovers_sender_id"), ["sender_id"])
        batch_op.create_index(batch_op.f("ix_handovers_status"), ["status"])
    op.create_table(
        "handover_turns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("handover_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("who", sa.String(length=16), nullable=False),
        sa.Column("staff", sa.String(length=64), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["handover_id"], ["handovers.id"],
                                name=op.f("fk_handover_turns_handover_id_handovers")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover_turns")),
    )
    with op.batch_alter_table("handover_turns", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_handover_turns_handover_id"), ["handover_id"])
    op.create_table(
        "chat_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.String(length=128), nullable=False),
        sa.Column("author", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("buttons", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_chat_updates")),
    )
    with op.batch_alter_table("chat_updates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chat_updates_sender_id"), ["sender_id"])
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.add_column(sa.Column("handover_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_feedback_handover_id"), ["handover_id"])


def downgrade() -> None:
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_handover_id"))
        batch_op.drop_column("handover_id")
    op.drop_table("chat_updates")
    op.drop_table("handover_turns")
    op.drop_table("handovers")
