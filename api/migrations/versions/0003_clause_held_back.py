"""Clauses keep the labels the document threshold held back (ClauseModel.held_back), so
that a row rebuilt after a correction still points the reviewer to a near 否 column.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('clauses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('held_back', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('clauses', schema=None) as batch_op:
        batch_op.drop_column('held_back')
