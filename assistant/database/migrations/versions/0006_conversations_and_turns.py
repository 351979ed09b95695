"""conversations: recorded chats and their turns

Revision ID: 0006_conversations
Revises: 0005_staff
Create Date: 2026-12-05 02:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0006_conversations'
down_revision: str | None = '0005_staff'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('conversations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=32), nullable=False),
    sa.Column('sender_id', sa.String(length=128), nullable=False),
    sa.Column('feedback_key', sa.String(length=32), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('turns', sa.Integer(), nullable=False),
    sa.Column('last_intent', sa.String(length=64), nullable=True),
    sa.Column('is_fallback_ending', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conversations')),
    sa.UniqueConstraint('channel', 'sender_id', name=op.f('uq_conversations_channel'))
    )
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conversations_feedback_key'), ['feedback_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_conversations_last_at'), ['last_at'], unique=False)

    op.create_table('conversation_turns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('who', sa.String(length=8), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('intent', sa.String(length=64), nullable=True),
    sa.Column('confidence', sa.Float(), nullable=True),
    sa.Column('is_fallback', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], name=op.f('fk_conversation_turns_conversation_id_conversations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conversation_turns'))
    )
    with op.batch_alter_table('conversation_turns', schema=None) as batch_op:
        batch_op.create_index('ix_conversation_turns_conversation_at', ['conversation_id', 'at'], unique=False)
        batch_op.create_index(batch_op.f('ix_conversation_turns_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_conversation_turns_intent'), ['intent'], unique=False)


def downgrade() -> None:
    op.drop_table('conversation_turns')
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conversations_last_at'))
        batch_op.drop_index(batch_op.f('ix_conversations_feedback_key'))
    op.drop_table('conversations')
