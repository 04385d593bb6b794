"""Reading documents and layers out in bulk: streamed in chunks of documents, a few queries per chunk."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from typing import Any, TypeVar

from sqlalchemy import Connection, Select, select

from annotator.model import GOLD, Document, LayerRecord, Status
from db.models import AnnotatorRow, DocumentRow, LayerRow
from db.rows import layer_query, load_layers
from db.visibility import visible

CHUNK = 200


def export_records(
    connection: Connection, *, layer: str = "all", status: str = "done", with_empty: bool = False
) -> Iterator[LayerRecord]:
    """Documents in import order, each with its matching layers (gold first, then by annotator name).

    ``layer`` is ``all``, ``gold`` or an annotator's name; ``status`` is ``done`` or ``any``. With ``with_empty``,
    a document without any layer is yielded once with ``layer=None``, so that an export can carry every document.
    """
    query = select(DocumentRow.id, DocumentRow.doc_id, DocumentRow.title, DocumentRow.text, DocumentRow.meta)
    query = query.where(visible(DocumentRow))
    # yield_per on the statement, not the connection: the queries inside the loop must not be buffered.
    result = connection.execute(query.order_by(DocumentRow.id).execution_options(yield_per=CHUNK))
    for chunk in result.partitions():
        documents = {row.id: Document(row.doc_id, row.text, row.title, row.meta or {}) for row in chunk}
        rows = layers_of(connection, list(documents), layer=layer, status=status)
        layers = load_layers(connection, rows, {id_: d.doc_id for id_, d in documents.items()})
        by_document = {doc: list(group) for doc, group in groupby(rows, key=lambda row: row.document_id)}
        empty = without_layers(connection, list(documents)) if with_empty else set()
        for id_, document in documents.items():
            if id_ in empty:
                yield LayerRecord(document, None)
            for row in by_document.get(id_, ()):
                yield LayerRecord(document, layers[row.id])


def layers_of(connection: Connection, documents: list[int], *, layer: str, status: str) -> list[Any]:
    """The rows of ``layer_query`` for ``documents`` (row ids) that ``layer`` and ``status`` choose (as in
    ``export_records``), in its order."""
    query = layer_query().where(LayerRow.document_id.in_(documents))
    return list(connection.execute(chosen(query, layer=layer, status=status)).all())


Query = TypeVar("Query", bound=Select[*tuple[Any, ...]])


def chosen(query: Query, *, layer: str, status: str) -> Query:
    """``query`` (of layers joined to their annotators) with only the layers that ``layer`` and ``status`` choose."""
    if layer == GOLD:
        query = query.where(LayerRow.gold)
    elif layer != "all":
        query = query.where(AnnotatorRow.name == layer)
    if status != "any":
        query = query.where(LayerRow.status == Status(status).value)
    return query


def without_layers(connection: Connection, documents: list[int]) -> set[int]:
    """Which of ``documents`` (row ids) have no layer at all."""
    having = select(LayerRow.document_id).where(LayerRow.document_id.in_(documents), visible(LayerRow)).distinct()
    return set(documents) - set(connection.scalars(having))
