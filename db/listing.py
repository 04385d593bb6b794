"""What the window's document list reads: a page of documents with the reader's own status and span count.

Pages are cut by offset in the documents' import order, so a list of 100,000 documents reads one page at a time.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select

from annotator.model import DocumentEntry, Status
from db.models import AnnotatorRow, DocumentRow, LayerRow, SpanRow
from db.visibility import visible


class Listing:
    """The document-list methods of the Store (mixed into ``db.store.Store``)."""

    def _read(self) -> AbstractContextManager[Connection]:  # pragma: no cover - provided by the Store
        raise NotImplementedError

    def document_entries(
        self,
        annotator: str,
        *,
        offset: int = 0,
        limit: int | None = None,
        text: str = "",
        status: Status | None = None,
    ) -> list[DocumentEntry]:
        """Documents in import order with ``annotator``'s status and span count, filtered by text and status."""
        spans = select(func.count()).where(SpanRow.layer_id == LayerRow.id).scalar_subquery()
        query = self._filtered(
            select(DocumentRow.doc_id, DocumentRow.title, LayerRow.status, spans), annotator, text, status
        )
        query = query.order_by(DocumentRow.id).offset(offset).limit(limit)
        with self._read() as connection:
            return [
                DocumentEntry(doc_id, title, Status(status or Status.TODO), count or 0)
                for doc_id, title, status, count in connection.execute(query)
            ]

    def document_entry_count(self, annotator: str, *, text: str = "", status: Status | None = None) -> int:
        query = self._filtered(select(func.count()), annotator, text, status)
        with self._read() as connection:
            return connection.scalar(query) or 0

    def progress(self, annotator: str) -> tuple[int, int]:
        """(documents ``annotator`` marked done, all documents)."""
        done = (
            select(func.count())
            .select_from(LayerRow)
            .join(AnnotatorRow, AnnotatorRow.id == LayerRow.annotator_id)
            .where(AnnotatorRow.name == annotator, LayerRow.status == Status.DONE.value, visible(LayerRow))
        )
        with self._read() as connection:
            total = connection.scalar(select(func.count()).select_from(DocumentRow).where(visible(DocumentRow))) or 0
            return connection.scalar(done) or 0, total

    def next_document(self, annotator: str, after: str | None = None) -> str | None:
        """The first document after ``after`` (in list order, wrapping round) that ``annotator`` has not done."""
        query = self._filtered(select(DocumentRow.doc_id), annotator, "", None)
        query = query.where(or_(LayerRow.status.is_(None), LayerRow.status != Status.DONE.value))
        with self._read() as connection:
            if after is not None:
                position = connection.scalar(select(DocumentRow.id).where(DocumentRow.doc_id == after))
                if position is not None:
                    later: str | None = connection.scalar(
                        query.where(DocumentRow.id > position).order_by(DocumentRow.id).limit(1)
                    )
                    if later is not None:
                        return later
            first: str | None = connection.scalar(query.order_by(DocumentRow.id).limit(1))
            return first

    @staticmethod
    def _filtered(query: Any, annotator: str, text: str, status: Status | None) -> Any:
        mine = select(AnnotatorRow.id).where(AnnotatorRow.name == annotator).scalar_subquery()
        query = query.select_from(DocumentRow).outerjoin(
            LayerRow, and_(LayerRow.document_id == DocumentRow.id, LayerRow.annotator_id == mine, visible(LayerRow))
        )
        query = query.where(visible(DocumentRow))
        if text:
            pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            query = query.where(
                or_(DocumentRow.title.ilike(pattern, escape="\\"), DocumentRow.doc_id.ilike(pattern, escape="\\"))
            )
        if status is Status.TODO:
            query = query.where(or_(LayerRow.status.is_(None), LayerRow.status == Status.TODO.value))
        elif status is not None:
            query = query.where(LayerRow.status == Status(status).value)
        return query
