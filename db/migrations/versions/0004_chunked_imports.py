"""imports written in chunks: the imports under way and the documents and layers they hide until they finish

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("host", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.CheckConstraint("state IN ('running', 'failed')", name=op.f("ck_imports_state")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imports")),
        sqlite_autoincrement=True,
    )
    for table, column in (
        ("import_documents", "document_id"),
        ("import_layers", "layer_id"),
        ("import_annotators", "annotator_id"),
    ):
        op.create_table(
            table,
            sa.Column(column, sa.Integer(), autoincrement=False, nullable=False),
            sa.Column("import_id", sa.Integer(), nullable=False),
            sa.PrimaryKeyConstraint(column, name=op.f(f"pk_{table}")),
        )
        op.create_index(f"ix_{table}_import_id", table, ["import_id"])


def downgrade() -> None:
    for table in ("import_annotators", "import_layers", "import_documents"):
        op.drop_index(f"ix_{table}_import_id", table_name=table)
        op.drop_table(table)
    op.drop_table("imports")
