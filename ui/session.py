"""The document open in the window and the reader's own layer of it, kept in step with the Store.

Every change goes to the Store first, in one transaction, and only then to this copy and the screen: what the
window shows as done is on disk. Positions cross to Qt's UTF-16 here and nowhere else in ui/.

A document opens with the spans of its first screen only (``first_screen``); the rest of the layer is read when the
event loop is next idle, or at once when anything asks for it (``spans``, ``relations``, any change).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from annotator.model import Document, Layer, Relation, Span, Status
from annotator.text import Utf16Index, snap_selection
from db.store import LayerStart, Store
from ui.errors import guarded
from ui.highlighter import Mark


class Session(QObject):
    opened = Signal()  # a document was opened
    span_added = Signal(object)  # Span
    span_removed = Signal(object)  # Span
    span_changed = Signal(object)  # Span, its attributes changed
    relations_changed = Signal()
    status_changed = Signal(object)  # Status
    selection_changed = Signal(object)  # key or None
    failed = Signal(str)  # an undo or redo the Store refused

    def __init__(self, store: Store, annotator: str) -> None:
        super().__init__()
        self.store = store
        self.annotator = annotator
        self.schema = store.schema
        self.document: Document | None = None
        self.first_screen: Callable[[], int] = lambda: 0  # about how many characters show at once; 0: read all
        self._spans: dict[str, Span] = {}
        self._relations: dict[str, Relation] = {}
        self._rest: LayerStart | None = None  # while the layer is read only as far as the first screen
        self.status = Status.TODO
        self.has_layer = False
        self.selected: str | None = None
        self.positions = Utf16Index("")
        self._clock = QElapsedTimer()
        self._aliases: dict[str, str] | None = None

    # -- opening --------------------------------------------------------------------------------------------

    @property
    def doc_id(self) -> str | None:
        return self.document.doc_id if self.document else None

    def open(self, doc_id: str) -> None:
        """Show ``doc_id`` with the reader's own layer (never anyone else's: annotation is blind)."""
        self._rest = None
        self.record_time()
        document = self.store.document(doc_id)
        before = _line_end(document.text, self.first_screen())
        if before < len(document.text):
            start, layer = self.store.layer_start(doc_id, self.annotator, before=before), None
        else:
            start, layer = None, self.store.layer(doc_id, self.annotator)
        self.document = document
        self.positions = Utf16Index(document.text)
        if start is None:
            self._take(layer)
        else:
            self._spans, self._relations = {s.key: s for s in start.spans}, {}
            self.status, self.has_layer, self._rest = start.status, True, start
            QTimer.singleShot(0, self, guarded(self.complete))
        self.selected = None
        self._clock.start()
        self.opened.emit()

    @property
    def spans(self) -> dict[str, Span]:
        """The open layer's spans by key."""
        self.complete()
        return self._spans

    @property
    def relations(self) -> dict[str, Relation]:
        self.complete()
        return self._relations

    def complete(self) -> None:
        """Read the part of the layer that ``open`` left for later, if it did."""
        start = self._rest
        if start is None:
            return
        # If a read fails, the rest is still to come, and is asked for again the next time anything needs it.
        layer = self.store.layer_rest(start)
        changed = layer is None
        if changed:  # the layer changed since its first part was read: read it whole, and show it again
            layer = self.store.layer(start.doc_id, self.annotator)
        self._rest = None
        self._take(layer)
        if changed:
            QTimer.singleShot(0, self, self.opened.emit)

    def _take(self, layer: Layer | None) -> None:
        self._spans = {s.key: s for s in layer.spans} if layer else {}
        self._relations = {r.key: r for r in layer.relations} if layer else {}
        self.status = layer.status if layer else Status.TODO
        self.has_layer = layer is not None

    def record_time(self) -> None:
        """Add the time spent on the open document to its layer (when the reader has one)."""
        if self.document is None or not self._clock.isValid():
            return
        elapsed = self._clock.restart()
        if elapsed > 0 and self.has_layer:
            self.store.set_status(self.document.doc_id, self.annotator, self.status, add_time_ms=elapsed)

    # -- positions --------------------------------------------------------------------------------------------

    def mark(self, span: Span) -> Mark:
        to = self.positions.to_utf16
        return Mark(to(span.start), to(span.end), span.label, span.key)

    def marks(self, start: int = 0, end: int | None = None) -> list[Mark]:
        """The spans that start in ``[start, end)`` as marks (UTF-16 positions; ``end`` None: to the end)."""
        low = self.positions.to_codepoint(start)
        high = self.positions.to_codepoint(end) if end is not None else self.positions.utf16_length  # past any start
        if self._rest is not None and high > self._rest.rest_from:
            self.complete()
        spans = [span for span in self._spans.values() if low <= span.start < high]
        ends = self.positions.to_utf16_all([offset for span in spans for offset in (span.start, span.end)])
        return [Mark(ends[2 * n], ends[2 * n + 1], span.label, span.key) for n, span in enumerate(spans)]

    def snap(self, start16: int, end16: int) -> tuple[int, int] | None:
        """A selection in Qt positions as code points, trimmed and widened to whole words; None if only space."""
        if self.document is None:
            return None
        to = self.positions.to_codepoint
        return snap_selection(self.document.text, to(outside_pair(self, start16)), to(outside_pair(self, end16)))

    def spans_at(self, position16: int) -> list[Span]:
        cp = self.positions.to_codepoint(outside_pair(self, position16))
        found = [s for s in self.spans.values() if s.start <= cp < s.end]
        return sorted(found, key=lambda s: (s.end - s.start, s.start))

    def ordered(self) -> list[Span]:
        return sorted(self.spans.values(), key=lambda s: (s.start, -s.end, s.label, s.key))

    def text_of(self, span: Span) -> str:
        return self.document.text[span.start : span.end] if self.document else ""

    # -- selection --------------------------------------------------------------------------------------------

    def select(self, key: str | None) -> None:
        if key is not None and key not in self.spans:
            key = None
        if key != self.selected:
            self.selected = key
            self.selection_changed.emit(key)

    def selected_span(self) -> Span | None:
        return self.spans.get(self.selected) if self.selected else None

    # -- changes: each one Store call, one transaction --------------------------------------------------------

    def guess_speaker(self, text: str) -> str | None:
        """The canonical speaker a mention names, where the registry knows the name or an alias exactly."""
        if self._aliases is None:
            self._aliases = {}
            for speaker in self.store.speakers():
                for name in (speaker.name, *speaker.aliases):
                    self._aliases.setdefault(name.casefold(), speaker.name)
        return self._aliases.get(text.strip().casefold())

    def forget_speakers(self) -> None:
        self._aliases = None

    def create_span(self, start: int, end: int, label: str) -> Span:
        attrs: dict[str, str] = {}
        for attribute in self.schema.attributes_for(label):
            if attribute.kind == "speaker" and self.document is not None:
                guess = self.guess_speaker(self.document.text[start:end])
                if guess:
                    attrs[attribute.name] = guess
        span = self.store.add_span(self._doc(), self.annotator, start, end, label, attrs)
        self._added([span], [])
        return span

    def remove_span(self, key: str) -> tuple[Span, tuple[Relation, ...]]:
        span, relations = self.store.remove_span(self._doc(), self.annotator, key)
        self._removed([span], [r.key for r in relations])
        return span, relations

    def set_attributes(self, key: str, values: dict[str, str | None]) -> Span:
        span = self.store.set_span_attributes(self._doc(), self.annotator, key, values)
        if any(self.schema.attribute(n) and self.schema.attribute(n).kind == "speaker" for n in values):
            self.forget_speakers()
        self.spans[key] = span
        self.span_changed.emit(span)
        return span

    def link(self, head: str, child: str, label: str) -> tuple[Relation, tuple[Relation, ...]]:
        relation, replaced = self.store.link(self._doc(), self.annotator, head, child, label)
        for old in replaced:
            self.relations.pop(old.key, None)
        self.relations[relation.key] = relation
        self.relations_changed.emit()
        return relation, replaced

    def apply(
        self,
        *,
        remove_relations: Sequence[str] = (),
        remove_spans: Sequence[str] = (),
        add_spans: Sequence[Span] = (),
        add_relations: Sequence[Relation] = (),
    ) -> None:
        """Undo and redo: several changes in one transaction (see ``Store.apply``)."""
        self.store.apply(
            self._doc(),
            self.annotator,
            remove_relations=remove_relations,
            remove_spans=remove_spans,
            add_spans=add_spans,
            add_relations=add_relations,
        )
        for key in remove_relations:
            self.relations.pop(key, None)
        gone = [self.spans[key] for key in remove_spans if key in self.spans]
        dropped = [r.key for r in self.relations.values() if r.head in remove_spans or r.child in remove_spans]
        self._removed(gone, dropped)
        self._added(list(add_spans), list(add_relations))
        if remove_relations and not (gone or add_spans or add_relations):
            self.relations_changed.emit()

    def set_status(self, status: Status) -> None:
        elapsed = self._clock.restart() if self._clock.isValid() else 0
        self.store.set_status(self._doc(), self.annotator, status, add_time_ms=max(elapsed, 0))
        self.status, self.has_layer = status, True
        self.status_changed.emit(status)

    # -- internals --------------------------------------------------------------------------------------------

    def _doc(self) -> str:
        """The open document's id, for a change: the change is made against the whole layer."""
        if self.document is None:
            raise RuntimeError("no document is open")
        self.complete()
        return self.document.doc_id

    def _added(self, spans: list[Span], relations: list[Relation]) -> None:
        if spans and not self.has_layer:
            self.status, self.has_layer = Status.IN_PROGRESS, True
        for span in spans:
            self.spans[span.key] = span
            self.span_added.emit(span)
        for relation in relations:
            self.relations[relation.key] = relation
        if relations:
            self.relations_changed.emit()

    def _removed(self, spans: list[Span], relation_keys: list[str]) -> None:
        for key in relation_keys:
            self.relations.pop(key, None)
        for span in spans:
            self.spans.pop(span.key, None)
            if self.selected == span.key:
                self.select(None)
            self.span_removed.emit(span)
        if relation_keys:
            self.relations_changed.emit()


def _line_end(text: str, at: int) -> int:
    """Just past the line break that ends the line holding code point ``at``, or the end of ``text``."""
    end = text.find("\n", at) if at > 0 else -1
    return len(text) if end < 0 else end + 1


def outside_pair(session: Session, position16: int) -> int:
    """Qt accepts a position between the halves of a surrogate pair; move such a one back to the pair's start."""
    try:
        session.positions.to_codepoint(position16)
    except ValueError:
        return max(position16 - 1, 0)
    return position16
