"""The layer a change goes to, as the change's transaction finds it (its row, version and status, held until the
transaction ends), and who made gold's latest change."""

from __future__ import annotations

from dataclasses import dataclass

import orjson
from sqlalchemy import Connection, bindparam, delete, func, insert, select

from annotator.errors import DataError, GoldChanged, LayerChanged
from annotator.model import GOLD, Status
from db.models import AnnotatorRow, DocumentRow, LayerRow, Setting
from db.roles import layer_name

EDITOR_KEY = "gold-editor:{layer_id}"
"""The setting that names who made a gold layer's latest change, and at which version (for ``GoldChanged``)."""

_DOCUMENT = select(DocumentRow.id, DocumentRow.text_sha256).where(DocumentRow.doc_id == bindparam("doc_id"))
_LENGTH = select(func.length(DocumentRow.text)).where(DocumentRow.id == bindparam("document"))
_TEXT_LENGTHS: dict[str, int] = {}
"""Texts' lengths in code points by their SHA-256 (a text does not change under its hash): SQL counts the characters
of a text by reading all of it, 2.5 ms for a text of 1 MB, which every change would pay."""
_ANNOTATOR = select(AnnotatorRow.id).where(AnnotatorRow.name == bindparam("name"))
_LAYER = select(LayerRow.id, LayerRow.version, LayerRow.status).where(LayerRow.document_id == bindparam("document"))
# On PostgreSQL, hold the layer's row first: a second edit of the layer waits here, and then runs again on what
# the first one stored (see db.conflicts), instead of picking the same new span id. SQLite ignores it.
_GOLD_LAYER = _LAYER.where(LayerRow.gold).with_for_update(key_share=True)
_OWN_LAYER = _LAYER.where(LayerRow.annotator_id == bindparam("annotator")).with_for_update(key_share=True)


@dataclass(frozen=True, slots=True)
class LayerAt:
    """A layer as a change finds it: its row (``id`` None before the layer's first change), version and status."""

    doc_id: str
    annotator: str
    document_id: int
    annotator_id: int | None
    text_length: int
    id: int | None
    version: int
    status: Status

    @property
    def name(self) -> str:
        return layer_name(self.annotator, self.doc_id)


def find_layer(connection: Connection, doc_id: str, annotator: str) -> LayerAt:
    """The layer of ``annotator`` (or gold) on ``doc_id``, held for this transaction; version 0 and todo if there is
    none yet."""
    document = connection.execute(_DOCUMENT, {"doc_id": doc_id}).first()
    if document is None:
        raise DataError(f"no document {doc_id!r}")
    document_id, sha256 = document
    text_length = _TEXT_LENGTHS.get(sha256)
    if text_length is None:
        text_length = connection.scalar(_LENGTH, {"document": document_id}) or 0
        if len(_TEXT_LENGTHS) >= 10_000:
            _TEXT_LENGTHS.clear()
        _TEXT_LENGTHS[sha256] = text_length
    annotator_id = None
    if annotator != GOLD:
        annotator_id = connection.scalar(_ANNOTATOR, {"name": annotator})
        if annotator_id is None:
            raise DataError(f"no annotator {annotator!r}", hint="add one with `annotator annotators add NAME`")
    if annotator_id is None:
        row = connection.execute(_GOLD_LAYER, {"document": document_id}).first()
    else:
        row = connection.execute(_OWN_LAYER, {"document": document_id, "annotator": annotator_id}).first()
    if row is None:
        return LayerAt(doc_id, annotator, document_id, annotator_id, text_length, None, 0, Status.TODO)
    return LayerAt(doc_id, annotator, document_id, annotator_id, text_length, row.id, row.version, Status(row.status))


def refuse_if_moved(connection: Connection, layer: LayerAt, version: int) -> None:
    """Raise ``LayerChanged`` (``GoldChanged`` for gold, naming who changed it) unless ``layer`` is at ``version``."""
    if layer.version == version:
        return
    if layer.annotator == GOLD:
        raise GoldChanged(layer.doc_id, editor(connection, layer.id, layer.version))
    raise LayerChanged(layer.doc_id, layer.annotator)


def editor(connection: Connection, layer_id: int | None, version: int) -> str | None:
    """Who made the gold layer's change that brought it to ``version``, where the Store recorded it."""
    if layer_id is None:
        return None
    value = connection.scalar(select(Setting.value).where(Setting.key == EDITOR_KEY.format(layer_id=layer_id)))
    record = orjson.loads(value) if value else {}
    return record.get("by") if record.get("version") == version else None


def set_editor(connection: Connection, layer_id: int, version: int, name: str | None) -> None:
    # No column of the layers table names who changed a layer last; until one does, a project setting per gold
    # layer keeps it, with the version it is true for (an edit made elsewhere moves the version on and so voids it).
    key = EDITOR_KEY.format(layer_id=layer_id)
    connection.execute(delete(Setting).where(Setting.key == key))
    connection.execute(insert(Setting), {"key": key, "value": orjson.dumps({"version": version, "by": name}).decode()})
