"""assignments, work periods and the time a layer was done

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("layers") as batch:
        batch.add_column(sa.Column("done_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("annotator_id", sa.Integer(), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_assignments_document_id_documents"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["annotator_id"],
            ["annotators.id"],
            name=op.f("fk_assignments_annotator_id_annotators"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignments")),
        sa.UniqueConstraint("document_id", "annotator_id", name=op.f("uq_assignments_document_id_annotator_id")),
    )
    op.create_index("ix_assignments_annotator_id_document_id", "assignments", ["annotator_id", "document_id"])
    op.create_table(
        "work_periods",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("layer_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("active_ms", sa.Integer(), nullable=False),
        sa.Column("statements", sa.Integer(), nullable=False),
        sa.CheckConstraint("active_ms >= 0", name=op.f("ck_work_periods_active_ms")),
        sa.ForeignKeyConstraint(
            ["layer_id"], ["layers.id"], name=op.f("fk_work_periods_layer_id_layers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_work_periods")),
    )
    op.create_index("ix_work_periods_layer_id", "work_periods", ["layer_id"])


def downgrade() -> None:
    op.drop_index("ix_work_periods_layer_id", table_name="work_periods")
    op.drop_table("work_periods")
    op.drop_index("ix_assignments_annotator_id_document_id", table_name="assignments")
    op.drop_table("assignments")
    with op.batch_alter_table("layers") as batch:
        batch.drop_column("done_at")
