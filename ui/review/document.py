"""The document open in the review: every annotator's layer, the gold layer and its version, kept in step with the
Store.

Each change to gold is one Store call (one transaction) naming the version read; the ``LayerChange`` it returns is
then applied to this copy, so nothing is read again. Positions cross to Qt's UTF-16 here and nowhere else in the review.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from annotator.agreement import AutoResult, DocumentLayers
from annotator.change import LayerChange, Reverts, apply_to
from annotator.model import GOLD, Layer, Relation, Span, Status
from annotator.text import Utf16Index, snap_selection
from db.store import Store
from ui.highlighter import Mark
from ui.review.rows import Row, build_rows


class ReviewDocument(QObject):
    opened = Signal()  # another document, or the same one read again
    changed = Signal()  # gold changed here (rows and gold are new)

    def __init__(self, store: Store, status: str = "done") -> None:
        super().__init__()
        self.store = store
        self.status = status  # the annotators' layers compared: "done" or "any"
        self.layers: DocumentLayers | None = None
        self.title = ""
        self.annotators: list[str] = []
        self.gold: Layer | None = None
        self.version = 0
        self.rows: list[Row] = []
        self.positions = Utf16Index("")
        self._reverts = Reverts()

    @property
    def doc_id(self) -> str | None:
        return self.layers.doc_id if self.layers else None

    @property
    def text(self) -> str:
        return self.layers.text if self.layers else ""

    @property
    def gold_status(self) -> Status:
        return self.gold.status if self.gold is not None else Status.TODO

    # -- reading ------------------------------------------------------------------------------------------------

    def open(self, doc_id: str, title: str = "") -> None:
        """Read ``doc_id`` with its annotators' layers and its gold layer (a lead's to read: the Store checks)."""
        layers = self.store.document_layers(doc_id, status=self.status)
        self.layers = layers
        self.title = title or self.store.document(doc_id).title or doc_id
        self.annotators = sorted(layers.layers)
        self.gold, self.version = layers.gold, layers.gold_version
        self.positions = Utf16Index(layers.text)
        self._rebuild()
        self.opened.emit()

    def reload(self) -> None:
        if self.doc_id is not None:
            self.open(self.doc_id, self.title)

    def _rebuild(self) -> None:
        assert self.layers is not None
        now = DocumentLayers(self.layers.doc_id, self.layers.text, self.layers.layers, self.gold, self.version)
        self.rows = build_rows(now, self.annotators, self.store.schema.statement)

    def layer(self, name: str) -> Layer | None:
        if name == GOLD:
            return self.gold
        return self.layers.layers.get(name) if self.layers else None

    def spans(self, name: str) -> tuple[Span, ...]:
        layer = self.layer(name)
        return layer.spans if layer is not None else ()

    def row_of(self, key: tuple[str, str] | None) -> int:
        return next((i for i, row in enumerate(self.rows) if row.key == key), -1)

    def rows_at(self, name: str, position16: int) -> list[int]:
        """The rows whose span in layer ``name`` (an annotator or gold) covers a UTF-16 position, smallest first."""
        cp = self.positions.codepoint_at(position16)
        found = []
        for index, row in enumerate(self.rows):
            span = row.gold if name == GOLD else (row.unit.spans.get(name) if row.unit else None)
            if span is not None and span.start <= cp < span.end:
                found.append((span.end - span.start, index))
        return [index for _, index in sorted(found)]

    # -- positions ----------------------------------------------------------------------------------------------

    def mark(self, span: Span) -> Mark:
        to = self.positions.to_utf16
        return Mark(to(span.start), to(span.end), span.label, span.key)

    def extent(self, row: Row) -> Mark:
        """The whole row, for framing it where a layer has nothing there."""
        to = self.positions.to_utf16
        return Mark(to(row.start), to(row.end), "", f"{row.key[0]}:{row.key[1]}")

    def snap(self, start16: int, end16: int) -> tuple[int, int] | None:
        """A selection in Qt positions as code points, trimmed and widened to whole words; None if only space."""
        return snap_selection(self.text, self.positions.codepoint_at(start16), self.positions.codepoint_at(end16))

    # -- changing gold: each one Store call, one transaction --------------------------------------------------------

    def accept_unanimous(self) -> AutoResult:
        result = self.store.accept_unanimous(self._doc(), self.version, self.annotators, status=self.status)
        self._take(result.change)
        return result

    def adopt(self, row: Row, annotator: str) -> LayerChange:
        """Put ``annotator``'s span of ``row`` into gold, in place of gold's; its sources are those who agree."""
        assert row.unit is not None
        span = row.unit.spans[annotator]
        assert span is not None
        replace = [row.gold.key] if row.gold is not None else []
        change = self.store.adopt_span(
            self._doc(), self.version, annotator, span.key, sources=row.unit.agreeing(annotator), replace=replace
        )
        return self._take(change)

    def remove(self, keys: Sequence[str]) -> LayerChange:
        return self._take(self.store.remove_gold_spans(self._doc(), self.version, keys))

    def put(
        self, spans: Sequence[Span], relations: Sequence[Relation] = (), replace: Sequence[str] = ()
    ) -> LayerChange:
        return self._take(self.store.put_gold_spans(self._doc(), self.version, spans, relations, replace=replace))

    def set_status(self, status: Status) -> LayerChange:
        """Mark gold todo, in progress or done."""
        return self._take(self.store.set_gold_status(self._doc(), self.version, status))

    def revert(self, change: LayerChange) -> LayerChange:
        """Undo ``change`` (one made here, or an undo or a redo of one): one transaction, refused with
        ``GoldChanged`` when someone else has changed gold since (see ``annotator.change.Reverts``)."""
        self._doc()
        done = self._take(self.store.apply(self._reverts.inverse_at(change, self.version)))
        self._reverts.reverted(change, done)
        return done

    def relations_of(self, key: str) -> list[Relation]:
        """The gold relations that use the gold span ``key``, as head or child."""
        return [r for r in (self.gold.relations if self.gold else ()) if key in (r.head, r.child)]

    def _take(self, change: LayerChange) -> LayerChange:
        """Bring this copy of gold in step with ``change``, which the Store has just made."""
        if change.empty:
            return change
        self.gold = apply_to(self.gold, change)
        self.version = change.version_after
        self._rebuild()
        self.changed.emit()
        return change

    def _doc(self) -> str:
        if self.doc_id is None:
            raise RuntimeError("no document is open in the review")
        return self.doc_id
