"""The figures of ``annotator stats``: documents, layers by status, spans by label, and each annotator's progress
(with ``proposed``: how many of their spans were accepted from proposals, ``Span.rule`` set)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from annotator.model import GOLD
from db.models import AnnotatorRow, DocumentRow, LayerRow, SpanRow
from db.visibility import visible


def progress(connection: Connection, only: str | None = None) -> dict[str, Any]:
    """Counts over every layer, or over ``only``'s layers when it names an annotator: an annotator sees their own
    progress, nobody else's (on a team's PostgreSQL server the database hides the others' rows besides)."""
    owner = func.coalesce(AnnotatorRow.name, GOLD)

    def mine(query: Any) -> Any:
        return query if only is None else query.where(AnnotatorRow.name == only)

    def by_owner(query: Any) -> Any:
        return mine(query.outerjoin(AnnotatorRow, AnnotatorRow.id == LayerRow.annotator_id).where(visible(LayerRow)))

    documents = connection.scalar(select(func.count()).select_from(DocumentRow).where(visible(DocumentRow))) or 0
    statuses = by_owner(select(LayerRow.status, func.count()).select_from(LayerRow)).group_by(LayerRow.status)
    labels = select(SpanRow.label, func.count()).select_from(SpanRow).join(LayerRow, LayerRow.id == SpanRow.layer_id)
    by_status: dict[str, int] = dict(connection.execute(statuses).all())
    by_label: dict[str, int] = dict(connection.execute(by_owner(labels).group_by(SpanRow.label)).all())
    layers = by_owner(select(owner, LayerRow.status, func.count()).select_from(LayerRow)).group_by(
        owner, LayerRow.status
    )
    spans = by_owner(
        select(owner, func.count(), func.count(SpanRow.rule))
        .select_from(SpanRow)
        .join(LayerRow, LayerRow.id == SpanRow.layer_id)
    ).group_by(owner)
    names = mine(select(AnnotatorRow.name, AnnotatorRow.role).where(visible(AnnotatorRow)))
    roles: dict[str, str] = dict(connection.execute(names).all())
    people: dict[str, dict[str, Any]] = {
        name: {"role": role, "layers": {}, "spans": 0, "proposed": 0} for name, role in roles.items()
    }
    for name, status, count in connection.execute(layers):
        people.setdefault(name, {"role": None, "layers": {}, "spans": 0, "proposed": 0})["layers"][status] = count
    for name, count, proposed in connection.execute(spans):
        people[name] |= {"spans": count, "proposed": proposed}
    return {
        "documents": documents,
        "layers": {status: by_status.get(status, 0) for status in ("todo", "in_progress", "done")},
        "spans": dict(sorted(by_label.items())),
        "annotators": dict(sorted(people.items())),
    }
