"""The layer a change goes to, as the change's transaction finds it (its row, version and status, held until the
transaction ends), and who made gold's latest change."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

import orjson
from sqlalchemy import Connection, Engine, bindparam, delete, func, insert, null, select

from annotator.errors import Busy, DataError, GoldChanged, LayerChanged
from annotator.model import GOLD, Status
from db.models import AnnotatorRow, DocumentRow, LayerRow, Setting
from db.roles import layer_name
from db.visibility import hidden, visible

if TYPE_CHECKING:
    from annotator.model import Relation, Span

EDITOR_KEY = "gold-editor:{layer_id}"
"""The setting that names who made a gold layer's latest change, and at which version (for ``GoldChanged``)."""

_ANNOTATOR_ID = select(AnnotatorRow.id).where(AnnotatorRow.name == bindparam("name")).scalar_subquery()
# One statement finds the document, the annotator and their layer. The document's row is not read: its id comes from
# the index on doc_id, and the text's length from a cache (reading a text_sha256 stored after a megabyte of text walks
# the text's pages, about 1 ms).
_OWN = (
    select(DocumentRow.id, _ANNOTATOR_ID.label("annotator_id"), LayerRow.id.label("layer_id"))
    .add_columns(LayerRow.version, LayerRow.status, hidden(LayerRow))
    .outerjoin(LayerRow, (LayerRow.document_id == DocumentRow.id) & (LayerRow.annotator_id == _ANNOTATOR_ID))
    .where(DocumentRow.doc_id == bindparam("doc_id"), visible(DocumentRow))
)
_GOLD = (
    select(DocumentRow.id, null().label("annotator_id"), LayerRow.id.label("layer_id"))
    .add_columns(LayerRow.version, LayerRow.status, hidden(LayerRow))
    .outerjoin(LayerRow, (LayerRow.document_id == DocumentRow.id) & LayerRow.gold)
    .where(DocumentRow.doc_id == bindparam("doc_id"), visible(DocumentRow))
)
# On PostgreSQL, hold the layer's row too: a second edit of the layer waits here, and then runs again on what the
# first one stored (see db.conflicts), instead of picking the same new span id. SQLite's write transactions hold the
# whole file already (BEGIN IMMEDIATE), so it needs no such statement.
_HOLD = (
    select(LayerRow.version, LayerRow.status)
    .where(LayerRow.id == bindparam("layer_id"))
    .with_for_update(key_share=True)
)
_LENGTH = select(func.length(DocumentRow.text)).where(DocumentRow.id == bindparam("document"))
_TEXT_LENGTHS: WeakKeyDictionary[Engine, dict[int, int]] = WeakKeyDictionary()
"""For each database, texts' lengths in code points by document row: SQL counts the characters of a text by reading
all of it, 2.5 ms for a text of 1 MB, which every change would pay. A document's text never changes once imported,
and its row is never deleted, so its row id always names the same text."""


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
    spans_read: dict[str, tuple[int, Span]] = field(default_factory=dict, compare=False, repr=False)
    """Spans this transaction has read, by key, with their row ids (``db.changes``): what an edit reads to build
    its change is not read again to store it."""
    links_read: dict[str, list[Relation]] = field(default_factory=dict, compare=False, repr=False)
    """The relations headed by a span, by the head's key, where this transaction has read them all (a link reads
    the head's to build its change, and checks the new one against them without reading them again)."""

    @property
    def name(self) -> str:
        return layer_name(self.annotator, self.doc_id)


def find_layer(connection: Connection, doc_id: str, annotator: str) -> LayerAt:
    """The layer of ``annotator`` (or gold) on ``doc_id``, held for this transaction; version 0 and todo if there is
    none yet. One statement on SQLite (two on PostgreSQL, which holds the layer's row)."""
    if annotator == GOLD:
        row = connection.execute(_GOLD, {"doc_id": doc_id}).first()
    else:
        row = connection.execute(_OWN, {"doc_id": doc_id, "name": annotator}).first()
    if row is None:
        raise DataError(f"no document {doc_id!r}")
    document_id, annotator_id, layer_id, version, status, importing = row
    if importing:  # an import under way is writing this layer: the edit waits for it as for any other writer
        raise Busy()
    if annotator != GOLD and annotator_id is None:
        raise DataError(f"no annotator {annotator!r}", hint="add one with `annotator annotators add NAME`")
    lengths = _TEXT_LENGTHS.setdefault(connection.engine, {})
    text_length = lengths.get(document_id)
    if text_length is None:
        text_length = lengths[document_id] = connection.scalar(_LENGTH, {"document": document_id}) or 0
    if layer_id is not None and connection.dialect.name == "postgresql":
        version, status = connection.execute(_HOLD, {"layer_id": layer_id}).one()
    if layer_id is None:
        return LayerAt(doc_id, annotator, document_id, annotator_id, text_length, None, 0, Status.TODO)
    return LayerAt(doc_id, annotator, document_id, annotator_id, text_length, layer_id, version, Status(status))


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
