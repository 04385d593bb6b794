"""The Store's methods for agreement and adjudication: every annotator's layers read in bulk, and the gold layer.

Each change to gold is one transaction that names the gold layer's version the caller read (``DocumentLayers``
and ``GoldLayer`` carry it) and is refused with ``GoldChanged`` if gold has moved on since: two leads adjudicating
one document at once never overwrite each other in silence. All of it is a lead's to do.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, exists, select

from annotator.agreement.gold import AutoResult, GoldLayer, adoption, unanimous_additions
from annotator.agreement.units import DocumentLayers
from annotator.change import LayerChange
from annotator.errors import DataError
from annotator.model import GOLD, Layer, Relation, Span, Status
from db.changes import write_change
from db.conflicts import retrying
from db.heap import frozen_heap
from db.layer_state import LayerAt, find_layer, refuse_if_moved
from db.models import AnnotatorRow, DocumentRow, LayerRow
from db.roles import require_lead
from db.rows import layer_query, load_layers
from db.visibility import visible

if TYPE_CHECKING:
    from annotator.schema import Schema

CHUNK = 200
"""Documents read per round of queries."""


class Adjudication:
    """Agreement and adjudication methods of the Store (mixed into ``db.store.Store``)."""

    _user_name: str | None = None

    @property
    def schema(self) -> Schema:  # pragma: no cover - provided by the Store
        raise NotImplementedError

    def _write(self) -> AbstractContextManager[Connection]:  # pragma: no cover - provided by the Store
        raise NotImplementedError

    def _read(self) -> AbstractContextManager[Connection]:  # pragma: no cover - provided by the Store
        raise NotImplementedError

    def _lead(self, connection: Connection, doing: str) -> None:
        require_lead(connection, getattr(self, "_user_name", None), doing)

    # -- reading ------------------------------------------------------------------------------------------------

    def agreement_layers(
        self,
        doc_ids: Sequence[str] | None = None,
        annotators: Sequence[str] | None = None,
        *,
        status: str = "done",
        with_gold: bool = False,
    ) -> Iterator[DocumentLayers]:
        """Documents with their annotators' layers, in import order, read a chunk of documents at a time.

        Only documents where one of ``annotators`` (default: anyone) has a layer of ``status`` (``done`` or
        ``any``) come out; ``with_gold`` adds each one's gold layer and its version. A lead's to read; unknown
        documents and annotators are refused before anything is read.
        """
        with self._read() as connection:
            self._lead(connection, "read every annotator's layers")
            _known(connection, doc_ids, annotators)
        return self._agreement_layers(doc_ids, annotators, status, with_gold)

    def _agreement_layers(
        self, doc_ids: Sequence[str] | None, annotators: Sequence[str] | None, status: str, with_gold: bool
    ) -> Iterator[DocumentLayers]:
        wanted = (
            select(LayerRow.id)
            .outerjoin(AnnotatorRow, AnnotatorRow.id == LayerRow.annotator_id)
            .where(LayerRow.document_id == DocumentRow.id, ~LayerRow.gold, visible(LayerRow))
        )
        if annotators:
            wanted = wanted.where(AnnotatorRow.name.in_(list(annotators)))
        if status != "any":
            wanted = wanted.where(LayerRow.status == Status(status).value)
        query = select(DocumentRow.id, DocumentRow.doc_id, DocumentRow.text).where(exists(wanted), visible(DocumentRow))
        chunks = [list(doc_ids[i : i + CHUNK]) for i in range(0, len(doc_ids), CHUNK)] if doc_ids else [None]
        with frozen_heap(), self._read() as connection:
            for names in chunks:
                chosen = query if names is None else query.where(DocumentRow.doc_id.in_(names))
                result = connection.execute(chosen.order_by(DocumentRow.id).execution_options(yield_per=CHUNK))
                for part in result.partitions():
                    yield from _documents(connection, part, annotators, status, with_gold)

    def document_layers(
        self, doc_id: str, annotators: Sequence[str] | None = None, *, status: str = "done"
    ) -> DocumentLayers:
        """One document with its annotators' layers, its gold layer and the gold version: what the review shows."""
        with self._read() as connection:
            self._lead(connection, "read every annotator's layers")
            _known(connection, [doc_id], annotators)
            row = connection.execute(
                select(DocumentRow.id, DocumentRow.doc_id, DocumentRow.text).where(DocumentRow.doc_id == doc_id)
            ).one()
            return next(_documents(connection, [row], annotators, status, True, keep_empty=True))

    def gold(self, doc_id: str) -> GoldLayer:
        """The gold layer of ``doc_id`` with its version, to name in the changes made after reading it."""
        with self._read() as connection:
            self._lead(connection, f"read the gold layer of {doc_id!r}")
            return _gold(connection, _document_id(connection, doc_id), doc_id)

    # -- changing gold ------------------------------------------------------------------------------------------

    @retrying
    def adopt_span(
        self,
        doc_id: str,
        version: int,
        annotator: str,
        key: str,
        *,
        sources: Sequence[str] | None = None,
        replace: Iterable[str] = (),
    ) -> LayerChange:
        """Put ``annotator``'s span ``key`` into gold, with its attributes, ``sources`` (default: the annotator)
        and its relations where the other end is in gold; the gold spans ``replace`` names go in the same change."""
        replace = tuple(replace)
        with self._write() as connection:
            layer, gold = self._gold_for_change(connection, doc_id, version)
            source = _one_layer(connection, layer.document_id, doc_id, annotator)
            try:
                span, relations = adoption(source, key, gold.layer, self.schema, sources=sources, replace=replace)
            except KeyError as error:
                raise DataError(str(error.args[0])) from None
            return self._apply(connection, layer, gold, remove=replace, add=[span], link=relations)

    @retrying
    def put_gold_spans(
        self,
        doc_id: str,
        version: int,
        spans: Sequence[Span],
        relations: Sequence[Relation] = (),
        *,
        replace: Iterable[str] = (),
    ) -> LayerChange:
        """Put spans edited by hand into gold (a span without a key gets a fresh one), with ``relations`` between
        gold spans, after removing the gold spans ``replace`` names: one change."""
        with self._write() as connection:
            layer, gold = self._gold_for_change(connection, doc_id, version)
            return self._apply(connection, layer, gold, remove=tuple(replace), add=spans, link=relations)

    @retrying
    def remove_gold_spans(self, doc_id: str, version: int, keys: Iterable[str]) -> LayerChange:
        """Remove gold spans and the relations that use them."""
        with self._write() as connection:
            layer, gold = self._gold_for_change(connection, doc_id, version)
            return self._apply(connection, layer, gold, remove=tuple(keys))

    @retrying
    def accept_unanimous(
        self, doc_id: str, version: int, annotators: Sequence[str] | None = None, *, status: str = "done"
    ) -> AutoResult:
        """Put every unanimous unit of ``doc_id`` that gold lacks into gold, with the relations every annotator
        made between such units; ``sources`` are the unit's annotators. Returns the change and all the units."""
        with self._write() as connection:
            layer, gold = self._gold_for_change(connection, doc_id, version)
            _known(connection, None, annotators)
            row = connection.execute(
                select(DocumentRow.id, DocumentRow.doc_id, DocumentRow.text).where(DocumentRow.id == layer.document_id)
            ).one()
            document = next(_documents(connection, [row], annotators, status, True, keep_empty=True))
            units, spans, relations = unanimous_additions(document, self.schema, annotators)
            result = AutoResult(LayerChange(doc_id, GOLD, layer.version, layer.version), tuple(units))
            if not spans and not relations:
                return result
            # Nothing left for the lead: this gold layer is complete, and an export of done layers carries it.
            complete = None if result.left else Status.DONE
            change = self._apply(connection, layer, gold, add=spans, link=relations, status=complete)
            return AutoResult(change, tuple(units))

    @retrying
    def set_gold_status(self, doc_id: str, version: int, status: Status | str) -> LayerChange:
        """Mark the gold layer of ``doc_id`` todo, in progress or done (``export --layer gold`` takes those done),
        checked against ``version`` as every change to gold is; a document without gold gets an empty gold layer.
        The change's ``status`` holds the status the layer had (todo when there was none) and the new one."""
        if status not in tuple(Status):
            raise DataError(f"unknown status {status!r}", hint="use todo, in_progress or done")
        with self._write() as connection:
            layer, gold = self._gold_for_change(connection, doc_id, version)
            return self._apply(connection, layer, gold, status=Status(status))

    def _gold_for_change(self, connection: Connection, doc_id: str, version: int) -> tuple[LayerAt, GoldLayer]:
        self._lead(connection, f"change the gold layer of {doc_id!r}")
        layer = find_layer(connection, doc_id, GOLD)
        refuse_if_moved(connection, layer, version)
        return layer, _gold(connection, layer.document_id, doc_id)

    def _apply(
        self,
        connection: Connection,
        layer: LayerAt,
        gold: GoldLayer,
        *,
        remove: tuple[str, ...] = (),
        add: Sequence[Span] = (),
        link: Sequence[Relation] = (),
        status: Status | None = None,
    ) -> LayerChange:
        """Write one change to gold (creating the layer; ``status``, if given, becomes its status), as
        ``db.changes`` checks and stores every change, and move its version on."""
        spans = {s.key: s for s in gold.layer.spans} if gold.layer else {}
        missing = [key for key in remove if key not in spans]
        if missing:
            raise DataError(f"no span {missing[0]!r} in the gold layer of {gold.doc_id!r}")
        change = LayerChange(
            gold.doc_id,
            GOLD,
            layer.version,
            layer.version,
            added=tuple(add),
            removed=tuple(spans[key] for key in remove),
            linked=tuple(link),
            status=(layer.status, status) if status is not None else None,
        )
        return write_change(connection, self.schema, layer, change, user=getattr(self, "_user_name", None))


def _known(connection: Connection, doc_ids: Sequence[str] | None, annotators: Sequence[str] | None) -> None:
    """Refuse documents and annotators the project does not have, naming the first."""
    if annotators:
        stored = set(connection.scalars(select(AnnotatorRow.name).where(AnnotatorRow.name.in_(list(annotators)))))
        for name in annotators:
            if name not in stored:
                raise DataError(f"no annotator {name!r}", hint="see `annotator annotators list`")
    wanted = list(doc_ids or ())
    for i in range(0, len(wanted), 500):
        chunk = wanted[i : i + 500]
        known = select(DocumentRow.doc_id).where(DocumentRow.doc_id.in_(chunk), visible(DocumentRow))
        stored = set(connection.scalars(known))
        for doc_id in chunk:
            if doc_id not in stored:
                raise DataError(f"no document {doc_id!r}")


def _documents(
    connection: Connection,
    rows: Sequence[Any],
    annotators: Sequence[str] | None,
    status: str,
    with_gold: bool,
    *,
    keep_empty: bool = False,
) -> Iterator[DocumentLayers]:
    """``DocumentLayers`` for document rows (id, doc_id, text): a few queries for all of them."""
    ids = {row.id: row for row in rows}
    query = layer_query().add_columns(LayerRow.version).where(LayerRow.document_id.in_(list(ids)))
    chosen = ~LayerRow.gold
    if annotators:
        chosen = chosen & AnnotatorRow.name.in_(list(annotators))
    if status != "any":
        chosen = chosen & (LayerRow.status == Status(status).value)
    query = query.where(chosen | LayerRow.gold) if with_gold else query.where(chosen)
    found = connection.execute(query).all()
    layers = load_layers(connection, found, {id_: row.doc_id for id_, row in ids.items()})
    by_document: dict[int, list[Any]] = {}
    for row in found:
        by_document.setdefault(row.document_id, []).append(row)
    for id_, document in ids.items():
        mine = by_document.get(id_, [])
        gold = next((row for row in mine if row.gold), None)
        others = {row.name: layers[row.id] for row in mine if not row.gold}
        if not others and not keep_empty:
            continue
        yield DocumentLayers(
            document.doc_id,
            document.text,
            others,
            layers[gold.id] if gold is not None else None,
            gold.version if gold is not None else 0,
        )


def _document_id(connection: Connection, doc_id: str) -> int:
    found = connection.scalar(select(DocumentRow.id).where(DocumentRow.doc_id == doc_id, visible(DocumentRow)))
    if found is None:
        raise DataError(f"no document {doc_id!r}")
    return found


def _gold(connection: Connection, document_id: int, doc_id: str) -> GoldLayer:
    rows = connection.execute(
        layer_query().add_columns(LayerRow.version).where(LayerRow.document_id == document_id, LayerRow.gold)
    ).all()
    if not rows:
        return GoldLayer(doc_id, None, 0)
    return GoldLayer(doc_id, load_layers(connection, rows, {document_id: doc_id})[rows[0].id], rows[0].version)


def _one_layer(connection: Connection, document_id: int, doc_id: str, annotator: str) -> Layer:
    rows = connection.execute(
        layer_query().where(LayerRow.document_id == document_id, AnnotatorRow.name == annotator, ~LayerRow.gold)
    ).all()
    if not rows:
        raise DataError(f"{annotator} has no layer on {doc_id!r}")
    return load_layers(connection, rows, {document_id: doc_id})[rows[0].id]
