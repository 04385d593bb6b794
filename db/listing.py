"""What the window's document list reads: a page of documents with the reader's own status and span count.

Pages are cut by offset in the documents' import order, so a list of 100,000 documents reads one page at a time.
Where documents are assigned (``db.assignments``), the list is in two groups, each in import order: the documents
assigned to the list's annotator, then the rest (mode ``first``); or the first group alone (mode ``only``, for an
annotator; a lead sees everything). A page may take the end of one group and the start of the other. A lead's list
names who has each document.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy import Connection, and_, exists, func, or_, select

from annotator.assignment import Mode
from annotator.model import DocumentEntry, Role, Status
from db.assignments import mode_and_any
from db.models import AnnotatorRow, AssignmentRow, DocumentRow, LayerRow, SpanRow
from db.roles import role_of
from db.visibility import visible

Groups = tuple[bool | None, ...]
"""The list's groups in order: True the assigned documents, False the rest, None all documents in one."""


class Listing:
    """The document-list methods of the Store (mixed into ``db.store.Store``)."""

    _user_name: str | None = None

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
        """Documents with ``annotator``'s status and span count, filtered by text and status, in list order: import
        order, the assigned documents first (or only those) where the project's mode says so."""
        spans = select(func.count()).where(SpanRow.layer_id == LayerRow.id).scalar_subquery()
        columns = select(DocumentRow.id, DocumentRow.doc_id, DocumentRow.title, LayerRow.status, spans)
        with self._read() as connection:
            groups, lead, anything = self._groups(connection)
            rows: list[Any] = []
            for group in groups:
                query = self._filtered(columns, annotator, text, status, group).order_by(_order(group))
                size = None
                if group is True and len(groups) > 1:  # where the next group starts
                    size = self._assigned_count(connection, annotator, text, status)
                    if offset >= size:
                        offset -= size
                        continue
                wanted = None if limit is None else limit - len(rows)
                rows += [(group, *row) for row in connection.execute(query.offset(offset).limit(wanted))]
                if (limit is not None and len(rows) >= limit) or size is None:
                    break
                offset = 0
            # Who has each: a lead's to see; the group tells an annotator's list what is theirs.
            holders = _holders(connection, [row[1] for row in rows]) if rows and anything and lead else {}
        return [
            DocumentEntry(
                doc_id,
                title,
                Status(state or Status.TODO),
                count or 0,
                assigned=group if group is not None else annotator in holders.get(row_id, ()),
                holders=tuple(holders.get(row_id, ())),
            )
            for group, row_id, doc_id, title, state, count in rows
        ]

    def shows_holders(self) -> bool:
        """Whether the list names who has each document: for a lead, once anything is assigned."""
        with self._read() as connection:
            _groups, lead, anything = self._groups(connection)
            return lead and anything

    def document_entry_count(self, annotator: str, *, text: str = "", status: Status | None = None) -> int:
        with self._read() as connection:
            groups, _lead, _anything = self._groups(connection)
            if groups != (True,):
                return connection.scalar(self._filtered(select(func.count()), annotator, text, status)) or 0
            return self._assigned_count(connection, annotator, text, status)

    def _assigned_count(self, connection: Connection, annotator: str, text: str, status: Status | None) -> int:
        """How many documents assigned to ``annotator`` the filter lets through; unfiltered, read from the
        annotator's index of assignments alone."""
        if not text and status is None:
            mine = select(AnnotatorRow.id).where(AnnotatorRow.name == annotator).scalar_subquery()
            query = select(func.count()).select_from(AssignmentRow).where(AssignmentRow.annotator_id == mine)
        else:
            query = self._filtered(select(func.count()), annotator, text, status, True)
        return connection.scalar(query) or 0

    def progress(self, annotator: str) -> tuple[int, int]:
        """(documents ``annotator`` marked done, all documents; in mode ``only``, of their assigned documents)."""
        done = (
            select(func.count())
            .select_from(LayerRow)
            .join(AnnotatorRow, AnnotatorRow.id == LayerRow.annotator_id)
            .where(AnnotatorRow.name == annotator, LayerRow.status == Status.DONE.value, visible(LayerRow))
        )
        total = select(func.count()).select_from(DocumentRow)
        with self._read() as connection:
            if self._groups(connection)[0] == (True,):  # both driven by the annotator's index
                done = done.where(_assigned(LayerRow.document_id, annotator))
                mine = select(AnnotatorRow.id).where(AnnotatorRow.name == annotator).scalar_subquery()
                total = (
                    select(func.count())
                    .select_from(AssignmentRow)
                    .join(DocumentRow, DocumentRow.id == AssignmentRow.document_id)
                    .where(AssignmentRow.annotator_id == mine)
                )
            return connection.scalar(done) or 0, connection.scalar(total.where(visible(DocumentRow))) or 0

    def next_document(self, annotator: str, after: str | None = None) -> str | None:
        """The first document after ``after`` (in list order, wrapping round) that ``annotator`` has not done."""
        with self._read() as connection:
            groups, _lead, _anything = self._groups(connection)

            def first(group: bool | None, beyond: int | None = None) -> str | None:
                query = self._filtered(select(DocumentRow.doc_id), annotator, "", None, group)
                query = query.where(or_(LayerRow.status.is_(None), LayerRow.status != Status.DONE.value))
                if beyond is not None:
                    query = query.where(DocumentRow.id > beyond)
                found: str | None = connection.scalar(query.order_by(_order(group)).limit(1))
                return found

            position = None
            if after is not None:
                position = connection.scalar(select(DocumentRow.id).where(DocumentRow.doc_id == after))
            if position is None:
                return next((doc for group in groups if (doc := first(group)) is not None), None)
            mine = connection.scalar(select(_assigned(DocumentRow.id, annotator)).where(DocumentRow.id == position))
            at = next((n for n, group in enumerate(groups) if group is None or group == bool(mine)), 0)
            later = first(groups[at], position)
            if later is not None:
                return later
            rotated = groups[at + 1 :] + groups[: at + 1]  # the following groups, then round to the start
            return next((doc for group in rotated if (doc := first(group)) is not None), None)

    def _groups(self, connection: Connection) -> tuple[Groups, bool, bool]:
        """The list's groups in the project's mode for the user, whether the user reads as a lead, and whether
        anything is assigned at all."""
        lead = self._user_name is None or role_of(connection, self._user_name) is Role.LEAD
        mode, anything = mode_and_any(connection)
        if mode is Mode.ONLY and not lead:
            return (True,), lead, anything
        if mode is Mode.ALL or not anything:
            return (None,), lead, anything
        return (True, False), lead, anything

    @staticmethod
    def _filtered(query: Any, annotator: str, text: str, status: Status | None, assigned: bool | None = None) -> Any:
        """``query`` over the documents with ``annotator``'s layers, filtered; ``assigned``: only the documents
        assigned to them (True) or only the others (False). Either is a probe of the assignments' unique index as
        the documents pass in import order, so a page near the top reads little."""
        mine = select(AnnotatorRow.id).where(AnnotatorRow.name == annotator).scalar_subquery()
        if assigned:  # driven by the annotator's index of assignments, in document order: no probe per document
            query = query.select_from(AssignmentRow).join(DocumentRow, DocumentRow.id == AssignmentRow.document_id)
            query = query.where(AssignmentRow.annotator_id == mine)
        else:
            query = query.select_from(DocumentRow)
        query = query.outerjoin(
            LayerRow, and_(LayerRow.document_id == DocumentRow.id, LayerRow.annotator_id == mine, visible(LayerRow))
        )
        query = query.where(visible(DocumentRow))
        if assigned is False:
            query = query.where(~_assigned(DocumentRow.id, annotator))
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


def _order(assigned: bool | None) -> Any:
    """The list's order, import order, as the group's query reads it: the assigned group from its index."""
    return AssignmentRow.document_id if assigned else DocumentRow.id


def _assigned(document_id: Any, annotator: str) -> Any:
    """Whether the document of ``document_id`` (a column) is assigned to ``annotator``."""
    mine = select(AnnotatorRow.id).where(AnnotatorRow.name == annotator).scalar_subquery()
    return exists().where(AssignmentRow.document_id == document_id, AssignmentRow.annotator_id == mine)


def _holders(connection: Connection, document_ids: list[int]) -> dict[int, list[str]]:
    """Who has each of these documents (by row id), in name order."""
    query = (
        select(AssignmentRow.document_id, AnnotatorRow.name)
        .join(AnnotatorRow, AnnotatorRow.id == AssignmentRow.annotator_id)
        .where(AssignmentRow.document_id.in_(document_ids))
        .order_by(AnnotatorRow.name)
    )
    holders: dict[int, list[str]] = {}
    for row_id, name in connection.execute(query):
        holders.setdefault(row_id, []).append(name)
    return holders
