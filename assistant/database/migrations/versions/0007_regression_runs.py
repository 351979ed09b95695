"""regression: stored runs of the labelled sets

Revision ID: 0007_regression
Revises: 0006_conversations
Create Date: 2026-12-05 02:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0007_regression'
down_revision: str | None = '0006_conversations'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('regression_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('model', sa.String(length=255), nullable=False),
    sa.Column('started_by', sa.String(length=64), nullable=False),
    sa.Column('scores', sa.JSON(), nullable=False),
    sa.Column('failures', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_regression_runs'))
    )
    with op.batch_alter_table('regression_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_regression_runs_started_at'), ['started_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('regression_runs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_regression_runs_started_at'))
    op.drop_table('regression_runs')
