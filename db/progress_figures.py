"""The figures of ``annotator progress`` and the progress window, counted in SQL (no layer is read whole): layers by
status, assignments, spans and statements per annotator, the time of layers and of their work periods, and what was
done per day. ``db.progress_agreement`` adds agreement so far.

A statement is counted as the schema's statement roles define it (``annotator.statement``): a content span with a
source relation to a source mention (with no source relation in the schema, every content span).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, distinct, exists, func, insert, select
from sqlalchemy.orm import aliased

from annotator.progress import AnnotatorProgress, DocumentProgress, Progress, WorkPeriod, median, per_day
from annotator.schema import Schema, StatementDef
from db.layer_state import LayerAt
from db.models import AnnotatorRow, AssignmentRow, DocumentRow, LayerRow, RelationRow, SpanRow, WorkPeriodRow
from db.visibility import visible


def statements_query(definition: StatementDef, *layer_filter: Any) -> Any:
    """``(layer_id, statements)`` for the layers ``layer_filter`` picks (on ``SpanRow``): content spans with a source
    relation, found by the index on relations' heads."""
    content = select(SpanRow.layer_id, func.count()).where(SpanRow.label == definition.content, *layer_filter)
    if definition.source_relation:
        linked = select(RelationRow.id).where(
            RelationRow.head_id == SpanRow.id, RelationRow.label == definition.source_relation
        )
        content = content.where(exists(linked))
    return content.group_by(SpanRow.layer_id)


def layer_statements(connection: Connection, definition: StatementDef, layer_id: int) -> int:
    """How many statements one layer holds now."""
    row = connection.execute(statements_query(definition, SpanRow.layer_id == layer_id)).first()
    return int(row[1]) if row else 0


def figures(
    connection: Connection,
    definition: StatementDef,
    only: str | None = None,
    *,
    by_document: bool = False,
    counts: bool = True,
    first: bool = False,
) -> Progress:
    """Every annotator's figures (``only``: one annotator's), and with ``by_document`` who has each document.
    Without ``counts``, spans and statements are left uncounted (None): they read every span (``span_counts``).
    ``first``: only what a first look needs (assigned, layers by status), the rest left None or empty."""
    names: dict[int | None, str] = {}
    people: dict[str, AnnotatorProgress] = {}
    wanted = select(AnnotatorRow.id, AnnotatorRow.name, AnnotatorRow.role).where(visible(AnnotatorRow))
    if only is not None:
        wanted = wanted.where(AnnotatorRow.name == only)
    for annotator_id, name, role in connection.execute(wanted):
        names[annotator_id] = name
        people[name] = AnnotatorProgress(name, role)
    if not people:
        return Progress({}, [] if by_document else None)

    def mine(column: Any) -> Any:
        return column.in_(list(names)) if only is not None else column.is_not(None)

    for annotator_id, count in connection.execute(
        select(AssignmentRow.annotator_id, func.count())
        .where(mine(AssignmentRow.annotator_id))
        .group_by(AssignmentRow.annotator_id)
    ):
        people[names[annotator_id]].assigned = int(count or 0)
    statuses = select(LayerRow.annotator_id, LayerRow.status, func.count()).where(
        mine(LayerRow.annotator_id), visible(LayerRow)
    )
    for owner, status, count in connection.execute(statuses.group_by(LayerRow.annotator_id, LayerRow.status)).all():
        setattr(people[names[owner]], status, int(count or 0))
    if first:
        for person in people.values():
            person.spans = person.statements = None
        return Progress(dict(sorted(people.items())))
    found = span_counts(connection, definition, only) if counts else {}
    for name, person in people.items():
        person.spans, person.statements = found.get(name, (0, 0)) if counts else (None, None)
    _layers(connection, names, people, mine)
    gained = (
        select(LayerRow.annotator_id, func.date(WorkPeriodRow.started_at), func.sum(WorkPeriodRow.statements))
        .join(LayerRow, LayerRow.id == WorkPeriodRow.layer_id)
        .where(mine(LayerRow.annotator_id), visible(LayerRow))
        .group_by(LayerRow.annotator_id, func.date(WorkPeriodRow.started_at))
    )
    for name, days in per_day((names[a], day, n or 0) for a, day, n in connection.execute(gained)).items():
        people[name].statements_per_day = {day: n for day, n in days.items() if n}
    documents = _documents(connection, names, mine) if by_document else None
    return Progress(dict(sorted(people.items())), documents)


def span_counts(
    connection: Connection, definition: StatementDef, only: str | None = None
) -> dict[str, tuple[int, int]]:
    """Spans and statements per annotator (``only``: one annotator's): spans counted per layer on the index of their
    layer, statements as the distinct contents with a source relation, found from the relations (one pass each)."""
    owners = (
        select(LayerRow.id, AnnotatorRow.name)
        .join(AnnotatorRow, AnnotatorRow.id == LayerRow.annotator_id)
        .where(visible(LayerRow))
    )
    if only is not None:
        owners = owners.where(AnnotatorRow.name == only)
    owner_of = dict(connection.execute(owners).all())
    found = {name: [0, 0] for name in owner_of.values()}
    mine = (SpanRow.layer_id.in_(list(owner_of)),) if only is not None else ()
    for layer_id, count in connection.execute(
        select(SpanRow.layer_id, func.count()).where(*mine).group_by(SpanRow.layer_id)
    ):
        if layer_id in owner_of:
            found[owner_of[layer_id]][0] += count
    if definition.source_relation:
        head = aliased(SpanRow)
        linked = (
            select(RelationRow.layer_id, func.count(distinct(RelationRow.head_id)))
            .join(head, (head.id == RelationRow.head_id) & (head.label == definition.content))
            .where(RelationRow.label == definition.source_relation)
        )
        if only is not None:
            linked = linked.where(RelationRow.layer_id.in_(list(owner_of)))
        statements = connection.execute(linked.group_by(RelationRow.layer_id))
    else:
        statements = connection.execute(statements_query(definition, *mine))
    for layer_id, count in statements:
        if layer_id in owner_of:
            found[owner_of[layer_id]][1] += count
    return {name: (spans, statements) for name, (spans, statements) in found.items()}


def _layers(
    connection: Connection, names: dict[int | None, str], people: dict[str, AnnotatorProgress], mine: Any
) -> None:
    """Done per day (grouped by the database), time per document (each layer's time spent) and per statement (a
    layer's active time over the statements it gained in its work periods), as medians."""
    day = func.date(LayerRow.done_at)
    done = select(LayerRow.annotator_id, day, func.count()).where(
        mine(LayerRow.annotator_id), LayerRow.done_at.is_not(None), LayerRow.status == "done", visible(LayerRow)
    )
    rows = connection.execute(done.group_by(LayerRow.annotator_id, day)).all()
    for name, days in per_day((names[a], d, n) for a, d, n in rows).items():
        people[name].done_per_day = days
    spent: dict[int | None, list[int]] = defaultdict(list)
    timed = select(LayerRow.annotator_id, LayerRow.time_spent_ms).where(
        mine(LayerRow.annotator_id), LayerRow.time_spent_ms > 0, visible(LayerRow)
    )
    for owner, ms in connection.execute(timed).all():
        spent[owner].append(ms)
    for owner, times in spent.items():
        people[names[owner]].time_ms = sum(times)
        people[names[owner]].median_ms_per_document = median(times)
    periods = (
        select(WorkPeriodRow.layer_id, func.sum(WorkPeriodRow.active_ms).label("ms"))
        .add_columns(func.sum(WorkPeriodRow.statements).label("gained"))
        .group_by(WorkPeriodRow.layer_id)
        .subquery()
    )
    rates = (
        select(LayerRow.annotator_id, periods.c.ms * 1.0 / periods.c.gained)
        .join(periods, periods.c.layer_id == LayerRow.id)
        .where(mine(LayerRow.annotator_id), periods.c.gained > 0, visible(LayerRow))
    )
    per_statement: dict[int | None, list[float]] = defaultdict(list)
    for owner, rate in connection.execute(rates).all():
        per_statement[owner].append(float(rate))
    for owner, values in per_statement.items():
        values.sort()
        people[names[owner]].ms_per_statement = values
        people[names[owner]].median_ms_per_statement = median(values)


def _documents(connection: Connection, names: dict[int | None, str], mine: Any) -> list[DocumentProgress]:
    """Every document someone has (a layer or an assignment), in import order, with its holders."""
    holders: dict[int, dict[str, list[Any]]] = defaultdict(dict)
    given = select(AssignmentRow.document_id, AssignmentRow.annotator_id).where(mine(AssignmentRow.annotator_id))
    for document_id, annotator_id in connection.execute(given):
        holders[document_id][names[annotator_id]] = [True, None]
    layers = select(LayerRow.document_id, LayerRow.annotator_id, LayerRow.status).where(
        mine(LayerRow.annotator_id), visible(LayerRow)
    )
    for document_id, owner, status in connection.execute(layers):
        holders[document_id].setdefault(names[owner], [False, None])[1] = status
    titles = select(DocumentRow.id, DocumentRow.doc_id, DocumentRow.title).where(visible(DocumentRow))
    titles = titles.order_by(DocumentRow.id)
    return [
        DocumentProgress(doc_id, title, tuple((n, h[0], h[1]) for n, h in sorted(holders[row_id].items())))
        for row_id, doc_id, title in connection.execute(titles)
        if row_id in holders
    ]


def keep_period(connection: Connection, schema: Schema, layer: LayerAt, owner: Any, period: WorkPeriod) -> None:
    """Store ``period`` as a work period of ``layer`` (found by its document and ``owner``), with the statements
    the layer gained since it began, in the caller's transaction."""
    layer_id = connection.scalar(select(LayerRow.id).where(LayerRow.document_id == layer.document_id, owner))
    if layer_id is None:
        return
    gained = layer_statements(connection, schema.statement, layer_id) - period.statements_before
    connection.execute(
        insert(WorkPeriodRow).values(
            layer_id=layer_id, started_at=period.started_at, active_ms=period.active_ms, statements=max(gained, 0)
        )
    )
