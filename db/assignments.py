"""Assignments: who annotates which document (``annotator assign``), the project's mode, and its enforcement.

A lead assigns and unassigns, each in one transaction; the plan is ``annotator.assignment``'s. The mode is a project
setting (``MODE_KEY``). In mode ``only`` the Store refuses an annotator's new layer on a document not assigned to
them (``require_assigned``, called by the edits and the import where a layer would be created); on a team's
PostgreSQL server the layers' INSERT policy says the same (``db.team_rules``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy import Connection, and_, delete, exists, func, insert, literal, select

from annotator.assignment import MODE_KEY, Mode, Plan, Share, mode_of, plan
from annotator.errors import DataError, PermissionDenied
from annotator.model import GOLD, Role, Status
from db.bulk_import import Numbered
from db.conflicts import retrying
from db.models import AnnotatorRow, AssignmentRow, DocumentRow, LayerRow, Setting
from db.roles import own_layers_only, require_lead, role_of
from db.visibility import visible

# One statement: the setting, and whether anything is assigned (the default's question).
_MODE = select(
    select(Setting.value).where(Setting.key == MODE_KEY).scalar_subquery(),
    exists(select(AssignmentRow.id)),
)


def project_mode(connection: Connection) -> Mode:
    """The project's mode: its setting, else ``first`` where anything is assigned, else ``all``."""
    return mode_and_any(connection)[0]


def mode_and_any(connection: Connection) -> tuple[Mode, bool]:
    """The project's mode, and whether anything is assigned at all."""
    stored, any_assigned = connection.execute(_MODE).one()
    return mode_of(stored, any_assigned=bool(any_assigned)), bool(any_assigned)


def _not_assigned(doc_id: str, user: str) -> PermissionDenied:
    return PermissionDenied(
        f"{doc_id!r} is not assigned to {user}, and this project lets annotators work only on their assigned "
        "documents; ask a lead to assign it (`annotator assign`)"
    )


def require_assigned(connection: Connection, user: str | None, document_id: int, doc_id: str) -> None:
    """Refuse (``PermissionDenied``) an annotator's new layer on a document not assigned to them in mode ``only``.
    A lead and a trusted caller (None) are not held to it. Run only where a layer is about to be created."""
    if user is None or project_mode(connection) is not Mode.ONLY or role_of(connection, user) is Role.LEAD:
        return
    mine = (
        select(AssignmentRow.id)
        .join(AnnotatorRow, AnnotatorRow.id == AssignmentRow.annotator_id)
        .where(AssignmentRow.document_id == document_id, AnnotatorRow.name == user)
    )
    if connection.scalar(mine) is None:
        raise _not_assigned(doc_id, user)


def assigned_only(
    connection: Connection, user: str | None, records: Iterable[Numbered], source: str
) -> Iterator[Numbered]:
    """``records`` as they come, checked: in mode ``only`` an annotator's layer on a document not assigned to them
    is refused, inside the import's transaction (so nothing of the file is stored)."""
    if user is None or project_mode(connection) is not Mode.ONLY or role_of(connection, user) is Role.LEAD:
        yield from records
        return
    mine = set(
        connection.scalars(
            select(DocumentRow.doc_id)
            .join(AssignmentRow, AssignmentRow.document_id == DocumentRow.id)
            .join(AnnotatorRow, AnnotatorRow.id == AssignmentRow.annotator_id)
            .where(AnnotatorRow.name == user)
        )
    )
    for line, record in records:
        layer = record.layer
        if layer is not None and layer.annotator != GOLD and layer.doc_id not in mine:
            where = source if line is None else f"{source}:{line}"
            raise PermissionDenied(f"{where}: {_not_assigned(layer.doc_id, user)}") from None
        yield line, record


def checked_records(
    connection: Connection, user: str | None, records: Iterable[Numbered], source: str
) -> Iterator[Numbered]:
    """``records`` checked for an import by ``user``: their role (``db.roles.own_layers_only``), then the mode."""
    return assigned_only(connection, user, own_layers_only(connection, user, records, source), source)


class Assigning:
    """The assignment methods of the Store (mixed into ``db.store.Store``)."""

    _user_name: str | None = None

    def _read(self) -> AbstractContextManager[Connection]:  # pragma: no cover - provided by the Store
        raise NotImplementedError

    def _write(self) -> AbstractContextManager[Connection]:  # pragma: no cover - provided by the Store
        raise NotImplementedError

    @retrying
    def assign(
        self,
        annotators: Sequence[str],
        share: Share,
        *,
        documents: Sequence[str] | None = None,
        seed: int = 0,
        replace: bool = False,
    ) -> Plan:
        """Assign ``documents`` (all when None) to ``annotators`` as ``share`` says, balanced by text length
        (``annotator.assignment.plan``), in one transaction; a lead's to do. Documents already assigned keep their
        annotators unless ``replace``, which plans them again. Unknown names are refused, nothing stored. Returns
        the new assignments."""
        with self._write() as connection:
            require_lead(connection, self._user_name, "assign documents")
            people = _annotator_ids(connection, annotators)
            lengths = _lengths(connection, documents)
            if replace:
                ids = [row_id for row_id, _length in lengths.values()]
                for chunk in _chunks(ids):
                    connection.execute(delete(AssignmentRow).where(AssignmentRow.document_id.in_(chunk)))
            held, held_sizes = _held(connection)
            sizes = held_sizes | {doc_id: length for doc_id, (_row, length) in lengths.items()}
            # Every assignment counts in the loads; only the chosen documents nobody holds are planned.
            result = plan(sizes, list(people), share, seed=seed, kept=held)
            rows = [
                {"document_id": lengths[doc_id][0], "annotator_id": people[name]}
                for doc_id, holders in result.items()
                for name in holders
            ]
            if rows:
                connection.execute(insert(AssignmentRow), rows)
        return result

    @retrying
    def unassign(self, *, annotators: Sequence[str] = (), documents: Sequence[str] = ()) -> int:
        """Remove the assignments of ``annotators`` (all when none named) on ``documents`` (all when none named),
        in one transaction; a lead's to do. Layers already made stay. Returns how many were removed."""
        with self._write() as connection:
            require_lead(connection, self._user_name, "unassign documents")
            query = delete(AssignmentRow)
            if annotators:
                query = query.where(AssignmentRow.annotator_id.in_(_annotator_ids(connection, annotators).values()))
            if documents:
                ids = [row_id for row_id, _length in _lengths(connection, documents, measure=False).values()]
                query = query.where(AssignmentRow.document_id.in_(ids))
            return connection.execute(query).rowcount or 0

    def assignment_mode(self) -> Mode:
        """The project's mode (``annotator.assignment.Mode``)."""
        with self._read() as connection:
            return project_mode(connection)

    @retrying
    def set_assignment_mode(self, mode: Mode) -> None:
        """Make ``mode`` the project's; a lead's to do."""
        mode = Mode(mode)
        with self._write() as connection:
            require_lead(connection, self._user_name, "set the project's assignment mode")
            connection.execute(delete(Setting).where(Setting.key == MODE_KEY))
            connection.execute(insert(Setting), {"key": MODE_KEY, "value": mode.value})

    def assignment_overview(self) -> dict[str, Any]:
        """For ``assign --show``: the mode; per annotator their assigned documents, characters, and how many of those
        are done and in progress; per document who has it. An annotator sees their own only; a lead everyone's."""
        with self._read() as connection:
            only = None
            if self._user_name is not None and role_of(connection, self._user_name) is not Role.LEAD:
                only = self._user_name
            query = (
                select(DocumentRow.doc_id, AnnotatorRow.name, func.length(DocumentRow.text), LayerRow.status)
                .select_from(AssignmentRow)
                .join(DocumentRow, DocumentRow.id == AssignmentRow.document_id)
                .join(AnnotatorRow, AnnotatorRow.id == AssignmentRow.annotator_id)
                .outerjoin(
                    LayerRow,
                    and_(
                        LayerRow.document_id == AssignmentRow.document_id,
                        LayerRow.annotator_id == AssignmentRow.annotator_id,
                    ),
                )
                .order_by(DocumentRow.id, AnnotatorRow.name)
            )
            if only is not None:
                query = query.where(AnnotatorRow.name == only)
            people: dict[str, dict[str, int]] = {}
            documents: dict[str, list[str]] = {}
            for doc_id, name, length, status in connection.execute(query):
                person = people.setdefault(name, {"documents": 0, "characters": 0, "done": 0, "in_progress": 0})
                person["documents"] += 1
                person["characters"] += length or 0
                if status in (Status.DONE.value, Status.IN_PROGRESS.value):
                    person[status] += 1
                documents.setdefault(doc_id, []).append(name)
            return {
                "mode": project_mode(connection).value,
                "annotators": dict(sorted(people.items())),
                "documents": documents,
            }


def _annotator_ids(connection: Connection, names: Sequence[str]) -> dict[str, int]:
    wanted = list(dict.fromkeys(names))
    rows = connection.execute(select(AnnotatorRow.name, AnnotatorRow.id).where(AnnotatorRow.name.in_(wanted)))
    found = {name: row_id for name, row_id in rows}
    for name in wanted:
        if name not in found:
            raise DataError(
                f"no annotator {name!r} in the project", hint=f"add them with `annotator annotators add {name}`"
            )
    return {name: found[name] for name in wanted}


def _lengths(
    connection: Connection, doc_ids: Sequence[str] | None, *, measure: bool = True
) -> dict[str, tuple[int, int]]:
    """Document id -> (row id, text length), of ``doc_ids`` (every document when None); an unknown id refused."""
    length = func.length(DocumentRow.text) if measure else literal(0)
    query = select(DocumentRow.doc_id, DocumentRow.id, length).where(visible(DocumentRow))
    if doc_ids is None:
        return {doc_id: (row_id, size or 0) for doc_id, row_id, size in connection.execute(query)}
    wanted = list(dict.fromkeys(doc_ids))
    found: dict[str, tuple[int, int]] = {}
    for chunk in _chunks(wanted):
        rows = connection.execute(query.where(DocumentRow.doc_id.in_(chunk)))
        found.update({doc_id: (row_id, size or 0) for doc_id, row_id, size in rows})
    for doc_id in wanted:
        if doc_id not in found:
            raise DataError(f"no document {doc_id!r} in the project", hint="see the ids with `annotator assign --show`")
    return {doc_id: found[doc_id] for doc_id in wanted}


def _held(connection: Connection) -> tuple[dict[str, list[str]], dict[str, int]]:
    """Who holds each assigned document (document id -> annotator names), and those documents' lengths."""
    query = (
        select(DocumentRow.doc_id, AnnotatorRow.name, func.length(DocumentRow.text))
        .select_from(AssignmentRow)
        .join(DocumentRow, DocumentRow.id == AssignmentRow.document_id)
        .join(AnnotatorRow, AnnotatorRow.id == AssignmentRow.annotator_id)
    )
    held: dict[str, list[str]] = {}
    sizes: dict[str, int] = {}
    for doc_id, name, length in connection.execute(query):
        held.setdefault(doc_id, []).append(name)
        sizes[doc_id] = length or 0
    return held, sizes


def _chunks(values: list[Any], size: int = 500) -> Iterator[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
