"""Clauses keep the section heading above them (评价结果应用 对环保不良企业), which the
classifier reads with the clause.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('clauses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('heading', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('clauses', schema=None) as batch_op:
        batch_op.drop_column('heading')
