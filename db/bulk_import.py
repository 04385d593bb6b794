"""Writing imported documents and layers: Core statements in batches, inside the caller's one transaction.

Importing a document again (same id, same text) adds nothing; the same id with other text is an error. A layer
that is already stored is skipped when it is the same, and is an error when it differs (or, with
``replace=True``, is replaced).

With ``run`` (an import written in chunks, ``db.import_runs``), each document and layer written is listed beside the
import's row, which hides it; a document or layer of another unfinished import is refused, since that import may
still fail; a stored layer to replace is replaced at ``finish``, in the transaction that makes the file visible.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from itertools import islice
from typing import Any, cast

import orjson
from sqlalchemy import Connection, delete, func, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from annotator.checks import check_document, check_layer
from annotator.errors import DataError
from annotator.model import GOLD, ImportReport, Layer, LayerRecord
from annotator.schema import Schema
from db.models import (
    AnnotatorRow,
    DocumentRow,
    ImportedAnnotatorRow,
    ImportedDocumentRow,
    ImportedLayerRow,
    ImportRow,
    LayerRow,
    RelationRow,
    SpanRow,
    SpeakerRow,
    TargetRow,
)
from db.rows import canonical, layer_query, load_layers

BATCH = 500
_SPAN_COLUMNS = ("id", "layer_id", "key", "start", "end", "label", "attrs", "sources", "rule")
_RELATION_COLUMNS = ("layer_id", "key", "head_id", "child_id", "label")


def _dumps(value: object) -> str:
    return orjson.dumps(value).decode()


Numbered = tuple[int | None, LayerRecord]
"""A record with the line it came from (None where the source has no lines)."""


class Importer:
    """One import into one open transaction; feed it records with ``add``, then read ``report``."""

    def __init__(
        self, connection: Connection, schema: Schema, *, replace: bool = False, run: int | None = None
    ) -> None:
        self.connection = connection
        self.run = run
        self._elsewhere: dict[str, int] = {}  # doc_id -> the other unfinished import that is writing it
        self._deferred: list[tuple[Numbered, str]] = []  # layers that replace stored ones, written at ``finish``
        self.schema = schema
        self.replace = replace
        self.report = ImportReport()
        self._documents: dict[str, tuple[int, str]] = {}  # doc_id -> (row id, sha256)
        self._doc_ids: dict[int, str] = {}  # row id -> doc_id, of the documents in ``_documents``
        self._annotators = {name: id_ for id_, name in connection.execute(select(AnnotatorRow.id, AnnotatorRow.name))}
        self._registry_kinds = {a.name: a.kind for a in schema.attributes if a.kind in ("speaker", "target")}
        self._named: dict[str, set[str]] = {"speaker": set(), "target": set()}

    def add(self, records: Iterable[Numbered], source: str) -> None:
        """Check and write ``records``; a DataError names ``source`` and the record's line."""
        for batch in _batches(records, BATCH):
            self.add_batch(batch, source)
        self._add_registry_entries()

    def finish(self) -> None:
        """The end of an import in chunks, in the transaction that makes it visible: the stored layers it replaces,
        and the speakers and targets it names."""
        run, self.run = self.run, None
        now = datetime.now(UTC)
        for (line, record), source in self._deferred:
            self._add_layers([(line, record)], source, now)
        self.run = run
        self._add_registry_entries()

    def add_batch(self, batch: list[Numbered], source: str) -> None:
        """Check and write one batch of records (of a file named ``source``)."""
        self._known_documents([record.document.doc_id for _, record in batch])
        now = datetime.now(UTC)
        new_documents = []
        for line, record in batch:
            document = record.document
            known = self._documents.get(document.doc_id)
            try:
                if document.doc_id in self._elsewhere:
                    raise DataError(
                        f"document {document.doc_id!r} is being imported by another import under way "
                        f"(number {self._elsewhere[document.doc_id]})",
                        hint="import this file again once that import has ended",
                    )
                if known is None:
                    check_document(document)
                    self._documents[document.doc_id] = (-1, document.sha256)
                    new_documents.append(document)
                    self.report.documents += 1
                elif known[1] != document.sha256:
                    raise DataError(
                        f"document {document.doc_id!r} is already stored with a different text",
                        hint="a document's text never changes: give the new text another id",
                    )
                elif record.layer is None:
                    self.report.skipped_documents += 1
                if record.layer is not None:
                    check_layer(document.text, record.layer, self.schema)
            except DataError as error:
                raise error.located(source=source, line=line) from None
        if new_documents:
            rows = [
                {
                    "doc_id": d.doc_id,
                    "title": d.title,
                    "text": d.text,
                    "text_sha256": d.sha256,
                    "meta": d.meta,
                    "imported_at": now,
                }
                for d in new_documents
            ]
            ids = self._insert(DocumentRow, rows)
            self._hide(ImportedDocumentRow, ids)
            for document, id_ in zip(new_documents, ids, strict=True):
                self._documents[document.doc_id] = (id_, document.sha256)
                self._doc_ids[id_] = document.doc_id
        self._add_layers([(line, record) for line, record in batch if record.layer is not None], source, now)

    def _known_documents(self, doc_ids: list[str]) -> None:
        missing = list({doc_id for doc_id in doc_ids if doc_id not in self._documents})
        if missing:
            query = select(DocumentRow.doc_id, DocumentRow.id, DocumentRow.text_sha256, ImportRow.id)
            query = query.outerjoin(ImportedDocumentRow, ImportedDocumentRow.document_id == DocumentRow.id)
            query = query.outerjoin(ImportRow, ImportRow.id == ImportedDocumentRow.import_id)
            for doc_id, id_, sha, run in self.connection.execute(query.where(DocumentRow.doc_id.in_(missing))):
                self._documents[doc_id] = (id_, sha)
                self._doc_ids[id_] = doc_id
                if run is not None and run != self.run:
                    self._elsewhere[doc_id] = run

    def _annotator_id(self, name: str) -> int | None:
        if name == GOLD:
            return None
        if name not in self._annotators:
            row = {"name": name, "role": "annotator", "created_at": datetime.now(UTC)}
            new_id = self.connection.scalar(insert(AnnotatorRow).returning(AnnotatorRow.id), row)
            self._annotators[name] = cast(int, new_id)  # RETURNING gives the new row's id
            self._hide(ImportedAnnotatorRow, [self._annotators[name]])
        return self._annotators[name]

    def _add_layers(self, batch: list[Numbered], source: str, now: datetime) -> None:
        keyed = [
            (self._documents[r.document.doc_id][0], self._annotator_id(r.layer.annotator), line, r)
            for line, r in batch
            if r.layer is not None
        ]
        existing = self._existing_layers([(doc, annotator) for doc, annotator, _, _ in keyed])
        fresh = []
        for document_id, annotator_id, line, record in keyed:
            layer = record.layer
            assert layer is not None
            stored = existing.get((document_id, annotator_id))
            if stored is not None and stored[3] not in (None, self.run):
                raise DataError(
                    f"the {layer.annotator} layer of {layer.doc_id!r} is being imported by another import under way "
                    f"(number {stored[3]})",
                    source=source,
                    line=line,
                    hint="import this file again once that import has ended",
                )
            if stored is not None:
                same_layer = canonical(stored[1]) == canonical(layer)
                if same_layer or not self.replace:
                    if not same_layer:
                        raise DataError(
                            f"the {layer.annotator} layer of {layer.doc_id!r} is already stored and differs",
                            source=source,
                            line=line,
                            hint="import with --replace to overwrite it, or export it first",
                        )
                    self.report.skipped_layers += 1
                    continue
                if self.run is not None and stored[3] is None:  # visible: replaced when the file becomes visible
                    self._deferred.append(((line, record), source))
                    continue
                self.connection.execute(delete(LayerRow).where(LayerRow.id == stored[0]))
                self.connection.execute(delete(ImportedLayerRow).where(ImportedLayerRow.layer_id == stored[0]))
            # A replaced layer's version goes on from the old one's, so that no reader or writer holding the old
            # version takes the new layer for it (SQLite may even give the new row the old one's id).
            version = stored[2] + 1 if stored is not None else 1
            existing[(document_id, annotator_id)] = (-1, layer, version, self.run)
            fresh.append((document_id, annotator_id, layer, version))
        if not fresh:
            return
        rows = [
            {
                "document_id": doc,
                "annotator_id": annotator,
                "gold": annotator is None,
                "status": str(layer.status),
                "time_spent_ms": layer.time_spent_ms,
                "version": version,
                "updated_at": now,
            }
            for doc, annotator, layer, version in fresh
        ]
        layer_ids = self._insert(LayerRow, rows)
        self._hide(ImportedLayerRow, layer_ids)
        first_span = self._next_id(SpanRow)
        span_rows: list[tuple[Any, ...]] = []
        id_of: dict[tuple[int, str], int] = {}
        named = self._named
        kinds = self._registry_kinds
        # SQLite rows go to the driver as they are, so their JSON is written here.
        dump = _dumps if first_span else lambda value: value
        no_sources = dump([])
        for layer_id, (_, _, layer, _) in zip(layer_ids, fresh, strict=True):
            for span in layer.spans:
                id_ = first_span + len(span_rows) if first_span else None
                span_rows.append(
                    (
                        id_,
                        layer_id,
                        span.key,
                        span.start,
                        span.end,
                        span.label,
                        dump(span.attrs),
                        dump(list(span.sources)) if span.sources else no_sources,
                        span.rule,
                    )
                )
                for name, value in span.attrs.items():
                    if name in kinds:
                        named[kinds[name]].add(value)
        span_ids = self._insert_many(SpanRow, _SPAN_COLUMNS, span_rows)
        for row, id_ in zip(span_rows, span_ids, strict=True):
            id_of[(row[1], row[2])] = id_
        relation_rows = [
            (layer_id, r.key, id_of[(layer_id, r.head)], id_of[(layer_id, r.child)], r.label)
            for layer_id, (_, _, layer, _) in zip(layer_ids, fresh, strict=True)
            for r in layer.relations
        ]
        self._insert_many(RelationRow, _RELATION_COLUMNS, relation_rows)
        self.report.layers += len(fresh)
        self.report.spans += len(span_rows)
        self.report.relations += len(relation_rows)

    def _hide(
        self, table: type[ImportedDocumentRow] | type[ImportedLayerRow] | type[ImportedAnnotatorRow], ids: list[int]
    ) -> None:
        """List rows just written beside an import in chunks, which hides them until it finishes."""
        if self.run is not None and ids:
            column = {ImportedDocumentRow: "document_id", ImportedLayerRow: "layer_id"}.get(table, "annotator_id")
            sql = f"INSERT INTO {table.__tablename__} ({column}, import_id) VALUES (?, ?)"
            self.connection.exec_driver_sql(sql, [(id_, self.run) for id_ in ids])

    def _next_id(self, table: type[DocumentRow] | type[LayerRow] | type[SpanRow]) -> int | None:
        """On SQLite, the first free row id; elsewhere None (the database numbers the rows)."""
        if self.connection.dialect.name != "sqlite":
            return None
        # The transaction holds SQLite's write lock (BEGIN IMMEDIATE), so no one else takes ids meanwhile:
        # numbering the rows here lets executemany insert them at once, where RETURNING in parameter order
        # would run one statement per row.
        return (self.connection.scalar(select(func.max(table.id))) or 0) + 1

    def _insert(self, table: type[DocumentRow] | type[LayerRow], rows: list[dict[str, Any]]) -> list[int]:
        """Insert ``rows`` and return their ids, in order."""
        if not rows:
            return []
        first = self._next_id(table)
        if first is None:
            returning = insert(table).returning(table.id, sort_by_parameter_order=True)
            return list(self.connection.scalars(returning, rows))
        ids = list(range(first, first + len(rows)))
        for row, id_ in zip(rows, ids, strict=True):
            row["id"] = id_
        self.connection.execute(insert(table), rows)
        return ids

    def _insert_many(
        self, table: type[SpanRow] | type[RelationRow], columns: tuple[str, ...], rows: list[tuple[Any, ...]]
    ) -> list[int]:
        """Insert many plain rows (values in ``columns`` order; JSON already text on SQLite); returns span ids.

        On SQLite the rows already carry their ids and go straight to the driver's executemany: SQLAlchemy's
        per-row parameter handling would double the time of a large import.
        """
        if not rows:
            return []
        if self.connection.dialect.name != "sqlite":
            dicts = [dict(zip(columns, row, strict=True)) for row in rows]
            if table is SpanRow:
                for item in dicts:
                    del item["id"]
                returning = insert(table).returning(table.id, sort_by_parameter_order=True)
                return list(self.connection.scalars(returning, dicts))
            self.connection.execute(insert(table), dicts)
            return []
        names = ", ".join(f'"{name}"' for name in columns)
        sql = f"INSERT INTO {table.__tablename__} ({names}) VALUES ({', '.join('?' * len(columns))})"
        self.connection.exec_driver_sql(sql, rows)
        return [row[0] for row in rows] if table is SpanRow else []

    def _existing_layers(
        self, pairs: list[tuple[int, int | None]]
    ) -> dict[tuple[int, int | None], tuple[int, Layer, int, int | None]]:
        """The stored layers among ``pairs`` (document row id, annotator row id): row id, layer, version, and the
        unfinished import writing it (None for a visible layer)."""
        documents = list({doc for doc, _ in pairs if doc >= 0})
        if not documents:
            return {}
        query = layer_query(pending=True).add_columns(ImportRow.id.label("run"))
        query = query.outerjoin(ImportedLayerRow, ImportedLayerRow.layer_id == LayerRow.id)
        query = query.outerjoin(ImportRow, ImportRow.id == ImportedLayerRow.import_id)
        rows = self.connection.execute(query.where(LayerRow.document_id.in_(documents))).all()
        wanted = set(pairs)
        rows = [
            row for row in rows if (row.document_id, None if row.gold else self._annotators.get(row.name)) in wanted
        ]
        if not rows:
            return {}
        # Only the documents at hand: the whole map, built per batch, made an import's cost grow with its size.
        doc_ids = {row.document_id: self._doc_ids[row.document_id] for row in rows}
        layers = load_layers(self.connection, rows, doc_ids)
        return {
            (row.document_id, None if row.gold else self._annotators[row.name]): (
                row.id,
                layers[row.id],
                row.version,
                row.run,
            )
            for row in rows
        }

    def _add_registry_entries(self) -> None:
        for kind, table in (("speaker", SpeakerRow), ("target", TargetRow)):
            names = self._named[kind]
            if not names:
                continue
            stored = set(self.connection.scalars(select(table.name).where(table.name.in_(list(names)))))
            missing = sorted(names - stored)
            if missing:
                # On PostgreSQL an edit may add the same name meanwhile (imports lock no registry table).
                adding = (
                    pg_insert(table).on_conflict_do_nothing()
                    if self.connection.dialect.name == "postgresql"
                    else insert(table)
                )
                self.connection.execute(adding, [{"name": name} for name in missing])
            names.clear()


def _batches(records: Iterable[Numbered], size: int) -> Iterator[list[Numbered]]:
    iterator = iter(records)
    while batch := list(islice(iterator, size)):
        yield batch
