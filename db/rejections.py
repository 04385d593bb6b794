"""Proposals the owner of a layer rejected: kept beside the layer (not in it, so no version step), so that the same
proposal is not shown to that layer again, also after the document is opened again.

A rejection is named by the layer (document and annotator) and the proposed span's label and offsets, which are what
the proposer gives again for the same text. Rejecting on a document that has no layer yet creates the layer (in
progress, at version 0: no change has been made to it yet).
"""

from __future__ import annotations

from contextlib import AbstractContextManager

from sqlalchemy import Connection, bindparam, delete, insert, select

from annotator.errors import DataError
from annotator.model import GOLD, Status
from db.conflicts import retrying
from db.layer_state import LayerAt, find_layer
from db.models import AnnotatorRow, DocumentRow, LayerRow, RejectionRow
from db.roles import layer_name, require_owner

Rejection = tuple[str, int, int]
"""A rejected proposal: its label, start and end (code points, end exclusive)."""

# Built once, as db.rows builds its own: building a statement costs more than running it (the window reads the
# rejections of each document it opens).
_OF_DOCUMENT = (
    select(RejectionRow.label, RejectionRow.start, RejectionRow.end)
    .join(LayerRow, LayerRow.id == RejectionRow.layer_id)
    .join(DocumentRow, DocumentRow.id == LayerRow.document_id)
    .where(DocumentRow.doc_id == bindparam("doc_id"))
)
_OF_GOLD = _OF_DOCUMENT.where(LayerRow.gold)
_OF_ANNOTATOR = _OF_DOCUMENT.join(AnnotatorRow, AnnotatorRow.id == LayerRow.annotator_id).where(
    AnnotatorRow.name == bindparam("name")
)


class Rejections:
    """The rejection methods of the Store (mixed into ``db.store.Store``)."""

    _user_name: str | None = None
    """Who is working (None: a trusted caller); set by the Store."""

    def _write(self) -> AbstractContextManager[Connection]:  # pragma: no cover - provided by the Store
        raise NotImplementedError

    def _read(self) -> AbstractContextManager[Connection]:  # pragma: no cover - provided by the Store
        raise NotImplementedError

    @retrying
    def reject_proposal(self, doc_id: str, annotator: str, label: str, start: int, end: int) -> None:
        """Remember that the owner of the layer rejected the proposed ``label`` span at ``[start, end)`` (creating
        the layer if it has none yet), in one transaction; rejecting one again changes nothing."""
        _check(label, start, end)
        with self._write() as connection:
            require_owner(connection, self._user_name, annotator, f"change {layer_name(annotator, doc_id)}")
            layer_id = _layer_id(connection, find_layer(connection, doc_id, annotator))
            held = select(RejectionRow.id).where(
                RejectionRow.layer_id == layer_id,
                RejectionRow.label == label,
                RejectionRow.start == start,
                RejectionRow.end == end,
            )
            if connection.scalar(held) is None:
                connection.execute(insert(RejectionRow), {"layer_id": layer_id, "label": label} | _ends(start, end))

    @retrying
    def unreject_proposal(self, doc_id: str, annotator: str, label: str, start: int, end: int) -> None:
        """Forget a rejection (what undoing it does): the proposal may be shown to the layer again."""
        with self._write() as connection:
            require_owner(connection, self._user_name, annotator, f"change {layer_name(annotator, doc_id)}")
            layer = find_layer(connection, doc_id, annotator)
            if layer.id is None:
                return
            connection.execute(
                delete(RejectionRow).where(
                    RejectionRow.layer_id == layer.id,
                    RejectionRow.label == label,
                    RejectionRow.start == start,
                    RejectionRow.end == end,
                )
            )

    def rejections(self, doc_id: str, annotator: str) -> set[Rejection]:
        """The proposals rejected for the layer of ``annotator`` (or gold) on ``doc_id``, as (label, start, end)."""
        query, values = (_OF_GOLD, {}) if annotator == GOLD else (_OF_ANNOTATOR, {"name": annotator})
        with self._read() as connection:
            require_owner(connection, self._user_name, annotator, f"read {layer_name(annotator, doc_id)}")
            return {(label, start, end) for label, start, end in connection.execute(query, {"doc_id": doc_id} | values)}


def _check(label: str, start: int, end: int) -> None:
    if not label or not 0 <= start < end:
        raise DataError(f"a rejected proposal needs a label and offsets 0 <= start < end, not {label!r} {start}-{end}")


def _ends(start: int, end: int) -> dict[str, int]:
    return {"start": start, "end": end}


def _layer_id(connection: Connection, layer: LayerAt) -> int:
    """The layer's row, created (in progress, version 0) when the layer has none yet."""
    if layer.id is not None:
        return layer.id
    row = {"document_id": layer.document_id, "annotator_id": layer.annotator_id, "gold": layer.annotator_id is None}
    created = connection.execute(
        insert(LayerRow).returning(LayerRow.id), row | {"status": Status.IN_PROGRESS.value, "version": 0}
    )
    return int(created.scalar_one())
