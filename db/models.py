"""The tables, as typed SQLAlchemy 2 models. Only ``db`` sees them; the Store hands out ``annotator.model`` objects.

Every change here needs a migration in ``db/migrations/versions`` (a test compares the two).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# JSONB on PostgreSQL (indexable, compact), JSON text on SQLite.
JsonColumn = JSON().with_variant(JSONB(), "postgresql")

intpk = Annotated[int, mapped_column(primary_key=True)]
name_str = Annotated[str, mapped_column(String(200))]


def _now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    # Named constraints, so that migrations can refer to them on every backend.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_N_name)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JsonColumn,
        list[str]: JsonColumn,
        datetime: DateTime(timezone=True),
    }


class Setting(Base):
    """Project-wide settings; ``schema`` holds the project's schema as TOML text."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AnnotatorRow(Base):
    __tablename__ = "annotators"
    id: Mapped[intpk]
    name: Mapped[name_str] = mapped_column(unique=True)
    role: Mapped[str] = mapped_column(String(20), default="annotator")
    created_at: Mapped[datetime] = mapped_column(default=_now)
    __table_args__ = (CheckConstraint("role IN ('annotator', 'lead')", name="role"),)


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[intpk]
    doc_id: Mapped[str] = mapped_column(String(300), unique=True)
    title: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    text_sha256: Mapped[str] = mapped_column(String(64))
    meta: Mapped[dict[str, Any]] = mapped_column(default=dict)
    imported_at: Mapped[datetime] = mapped_column(default=_now)


class LayerRow(Base):
    """One annotator's layer of one document, or the document's gold layer (``gold``, no annotator)."""

    __tablename__ = "layers"
    id: Mapped[intpk]
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    annotator_id: Mapped[int | None] = mapped_column(ForeignKey("annotators.id", ondelete="RESTRICT"))
    gold: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(20), default="todo")
    time_spent_ms: Mapped[int] = mapped_column(default=0)
    # When the layer was last marked done (NULL while it is not done): the day it counts for in progress figures.
    done_at: Mapped[datetime | None] = mapped_column(default=None)
    # Bumped on every change: lets a writer notice that someone else changed the layer meanwhile.
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(default=_now, onupdate=_now)
    __table_args__ = (
        UniqueConstraint("document_id", "annotator_id"),
        CheckConstraint("status IN ('todo', 'in_progress', 'done')", name="status"),
        CheckConstraint("(gold AND annotator_id IS NULL) OR (NOT gold AND annotator_id IS NOT NULL)", name="owner"),
        Index(
            "uq_layers_gold_document",
            "document_id",
            unique=True,
            sqlite_where=text("gold"),
            postgresql_where=text("gold"),
        ),
    )


class SpanRow(Base):
    __tablename__ = "spans"
    id: Mapped[intpk]
    layer_id: Mapped[int] = mapped_column(ForeignKey("layers.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(100))
    start: Mapped[int]
    end: Mapped[int]
    label: Mapped[str] = mapped_column(String(100))
    attrs: Mapped[dict[str, Any]] = mapped_column(default=dict)
    sources: Mapped[list[str]] = mapped_column(default=list)
    # The rule of the proposal the span was accepted from (annotator.model.Span.rule); NULL when made by hand.
    rule: Mapped[str | None] = mapped_column(String(300), default=None)
    __table_args__ = (
        UniqueConstraint("layer_id", "key"),
        CheckConstraint('0 <= start AND start < "end"', name="offsets"),
        Index("ix_spans_layer_id_start", "layer_id", "start"),
    )


class RelationRow(Base):
    __tablename__ = "relations"
    id: Mapped[intpk]
    layer_id: Mapped[int] = mapped_column(ForeignKey("layers.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(100))
    head_id: Mapped[int] = mapped_column(ForeignKey("spans.id", ondelete="CASCADE"))
    child_id: Mapped[int] = mapped_column(ForeignKey("spans.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(100))
    __table_args__ = (
        UniqueConstraint("layer_id", "key"),
        Index("ix_relations_head_id", "head_id"),
        Index("ix_relations_child_id", "child_id"),
    )


class RejectionRow(Base):
    """A proposal the owner of a layer rejected: not proposed to that layer again. Not part of the layer's content
    (no version step)."""

    __tablename__ = "rejections"
    id: Mapped[intpk]
    layer_id: Mapped[int] = mapped_column(ForeignKey("layers.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(100))
    start: Mapped[int]
    end: Mapped[int]
    __table_args__ = (UniqueConstraint("layer_id", "label", "start", "end"),)


class SpeakerRow(Base):
    __tablename__ = "speakers"
    id: Mapped[intpk]
    name: Mapped[name_str] = mapped_column(unique=True)
    aliases: Mapped[list[str]] = mapped_column(default=list)


class TargetRow(Base):
    __tablename__ = "targets"
    id: Mapped[intpk]
    name: Mapped[name_str] = mapped_column(unique=True)


class AssignmentRow(Base):
    """A document given to an annotator by a lead (``annotator assign``)."""

    __tablename__ = "assignments"
    id: Mapped[intpk]
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id", ondelete="CASCADE"))
    assigned_at: Mapped[datetime] = mapped_column(default=_now)
    __table_args__ = (
        UniqueConstraint("document_id", "annotator_id"),
        Index("ix_assignments_annotator_id_document_id", "annotator_id", "document_id"),
    )


class WorkPeriodRow(Base):
    """A stretch of active work on a layer: the window active and the annotator not idle. ``statements`` is how
    many statements the layer gained during it (for time per statement)."""

    __tablename__ = "work_periods"
    id: Mapped[intpk]
    layer_id: Mapped[int] = mapped_column(ForeignKey("layers.id", ondelete="CASCADE"))
    started_at: Mapped[datetime] = mapped_column(default=_now)
    active_ms: Mapped[int] = mapped_column(default=0)
    statements: Mapped[int] = mapped_column(default=0)
    __table_args__ = (
        CheckConstraint("active_ms >= 0", name="active_ms"),
        Index("ix_work_periods_layer_id", "layer_id"),
    )


class ImportRow(Base):
    """An import under way in chunks, or one that failed and whose rows are still to be deleted (``db.import_runs``).

    The documents and layers it wrote are listed beside it (``ImportedDocumentRow``, ``ImportedLayerRow``) and are
    hidden from every reader (``db.visibility``) while this row exists: deleting it, one row, makes them all visible
    at once. Ids are never given twice (AUTOINCREMENT), so a finished import's id never hides anything again."""

    __tablename__ = "imports"
    id: Mapped[intpk]
    started_at: Mapped[datetime] = mapped_column(default=_now)
    pid: Mapped[int]
    host: Mapped[str] = mapped_column(String(200))
    state: Mapped[str] = mapped_column(String(20), default="running")
    __table_args__ = (
        CheckConstraint("state IN ('running', 'failed')", name="state"),
        {"sqlite_autoincrement": True},
    )


class ImportedDocumentRow(Base):
    """A document written by a chunked import: hidden while its import's row exists; cleared in chunks after."""

    __tablename__ = "import_documents"
    document_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    import_id: Mapped[int] = mapped_column(index=True)


class ImportedLayerRow(Base):
    """A layer written by a chunked import (of a new document or of one already stored), as ImportedDocumentRow."""

    __tablename__ = "import_layers"
    layer_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    import_id: Mapped[int] = mapped_column(index=True)


class ImportedAnnotatorRow(Base):
    """An annotator registered by a chunked import (a name that came with its layers), as ImportedDocumentRow; a
    failed import deletes it again unless something else uses it by then."""

    __tablename__ = "import_annotators"
    annotator_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    import_id: Mapped[int] = mapped_column(index=True)
