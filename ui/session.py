"""The document open in the window and the reader's own layer of it, kept in step with the Store.

Every change goes to the Store first, in one transaction, and only then to this copy and the screen: what the
window shows as done is on disk. Positions cross to Qt's UTF-16 here and nowhere else in ui/.

A document opens with the spans of its first screen only (``first_screen``); the rest of the layer is read in parts
of ``PART`` spans or relations, one part each time the event loop is idle, so that the window answers meanwhile.
What needs the spans of a stretch of text (``marks``, ``spans_at``) reads the parts up to there; what asks for them
all (``spans``, ``relations``, any change) reads all the rest at once. ``loaded`` says when the layer is whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from itertools import chain

from PySide6.QtCore import QObject, QTimer, Signal

from annotator.change import LayerChange, Reverts, fresh_keys, highest_number, with_keys
from annotator.errors import Busy
from annotator.model import Document, Layer, Relation, Span, Status
from annotator.schema import AttributeKind
from annotator.text import Utf16Index, line_end, snap_selection
from db.heap import quiet_edit, spare_the_heap
from db.rows import KeyOrdering, key_order
from db.store import LayerPart, LayerStart, Store
from ui import idle_turn
from ui.errors import guarded
from ui.highlighter import Mark
from ui.span_table import SpanTable
from ui.speaker_names import SpeakerNames
from ui.work_clock import WorkClock, statements_held, statements_held_in_steps

PART, READ_COST, ORDER = 200, 0.003, 4000
"""Spans (or relations) read in one idle step, and about what it takes (2 ms quiet, 2 to 8 loaded; ``idle_turn``);
after the last part, the relations put in key order ``ORDER`` at a time."""


class Session(QObject):
    opened = Signal()  # a document was opened
    span_added = Signal(object)  # Span
    span_removed = Signal(object)  # Span
    span_changed = Signal(object)  # Span, its attributes changed
    relations_changed = Signal()
    status_changed = Signal(object)  # Status
    selection_changed = Signal(object)  # key or None
    changed = Signal(object)  # LayerChange: after the signals above, for whoever wants the whole change
    failed = Signal(str)  # an undo or redo the Store refused
    loaded = Signal()  # the open layer is read whole (at once after ``opened``, or once its last part is read)

    def __init__(self, store: Store, annotator: str) -> None:
        super().__init__()
        self.store, self.annotator, self.schema = store, annotator, store.schema
        self.document: Document | None = None
        self.first_screen: Callable[[], int] = lambda: 0  # about how many characters show at once; 0: read all
        self._spans = SpanTable()
        self._relations: dict[str, Relation] = {}
        self._highest: dict[str, int] = {}  # the highest number of the whole layer's keys, by prefix, once asked
        self._ends: dict[str, tuple[str, ...]] = {}  # span key: the keys of the relations at it, in key order
        self._rest: LayerStart | None = None  # while the layer is still being read
        self._order: KeyOrdering = KeyOrdering()  # the keys of its relations read (``_ordering``: put in order)
        self._ordering: Iterator[dict[str, Relation] | None] | None = None
        self._part: LayerPart | None = None  # the last part of it read
        self._loaded_to = 0  # code point: every span that starts before it is in ``_spans``
        self._step = QTimer(self)
        self._step.setSingleShot(True)
        self._step.timeout.connect(guarded(self._read_step))
        self.status, self.has_layer = Status.TODO, False
        self.version = 0  # the layer's version this copy holds: a change built on it names it
        self._reverts = Reverts()
        self.selected: str | None = None
        self.positions = Utf16Index("")
        self.clock = WorkClock(self, lambda: statements_held(self), self.loaded)  # counted once the layer is whole
        self.clock.counting = lambda: statements_held_in_steps(self)
        self.clock.ended.connect(guarded(self.record_time))  # a stretch ended by idleness or deactivation
        self._names = SpeakerNames(store)

    # -- opening --------------------------------------------------------------------------------------------

    @property
    def doc_id(self) -> str | None:
        return self.document.doc_id if self.document else None

    def open(self, doc_id: str) -> None:
        """Show ``doc_id`` with the reader's own layer (never anyone else's: annotation is blind)."""
        spare_the_heap()  # what lives now (the start-up heap above all): full passes need not walk it again
        self.record_time()
        document = self.store.document(doc_id)
        before = line_end(document.text, self.first_screen())
        if before < len(document.text):
            start, layer, version = self.store.layer_start(doc_id, self.annotator, before=before), None, 0
        else:
            start, (layer, version) = None, self.store.layer_and_version(doc_id, self.annotator)
        self._stop_reading()  # only now: a document that cannot be read leaves the open one as it was
        self.document = document
        self.positions = Utf16Index(document.text)
        self._take(layer, version) if start is None else self._begin(start)
        self.selected = None
        self.clock.start()
        self.opened.emit()
        if self._rest is None:
            self.loaded.emit()

    @property
    def loading(self) -> bool:
        """Whether the rest of the open layer is still being read."""
        return self._rest is not None

    @property
    def spans(self) -> SpanTable:
        """The open layer's spans by key (in document order too: see ``SpanTable``)."""
        self.complete()
        return self._spans

    @property
    def relations(self) -> dict[str, Relation]:  # in key order
        self.complete()
        return self._relations

    def relations_at(self, key: str) -> list[Relation]:
        """The relations with span ``key`` at either end, in key order: an index, not a scan of the layer."""
        self.complete()
        return [self._relations[k] for k in self._ends.get(key, ())]

    def complete(self) -> None:
        """Read at once all of the layer that is still to be read, if anything is."""
        if self._rest is not None:
            self._read(None)

    def _begin(self, start: LayerStart) -> None:
        """Hold the first part of a layer, and read the rest a part at a time when idle."""
        self._spans, self._relations, self._ends, self._highest = SpanTable(start.spans), {}, {}, {}
        self._order, self._ordering = KeyOrdering(), None
        self.status, self.has_layer, self.version = start.status, True, start.version
        self._rest, self._part, self._loaded_to = start, None, start.rest_from
        self._step.start(0)

    def _read_step(self) -> None:
        # If a read fails, the rest is still to come, and is asked for again the next time anything needs it.
        if self._rest is not None:
            idle_turn.run(READ_COST, lambda: self._read(PART))
            if self._rest is not None:
                self._step.start(0)

    def _load_to(self, position: int) -> None:
        """Read parts until every span that starts before code point ``position`` is held."""
        while self._rest is not None and self._loaded_to < position:
            self._read(PART)

    def _read(self, limit: int | None) -> None:
        """Read the next part of the layer (``limit`` None: all the rest); after the last, the layer is whole."""
        start, part = self._rest, self._part
        assert start is not None
        if part is None or not part.done:
            part = self.store.layer_part(start, self._part, limit=limit)
            if part is None:  # the layer changed since its first part was read: begin again, and show it again
                self._restart(start, whole=limit is None)
                return
            self._spans.extend(part.spans)
            spare_the_heap()  # these spans live as long as the document is open: full passes need not walk them
            self._relations.update((r.key, r) for r in part.relations)
            self._order.add(r.key for r in part.relations)  # their order worked out a part at a time
            self._index(part.relations)
            self._part, self._loaded_to = part, self._past_end() if part.spans_from is None else part.spans_from
            if limit is not None:  # after the last part, sorting every relation is a step of its own (below)
                return
        self._ordering = self._ordering or self._order.rebuilt(self._relations, ORDER)  # a part a step, then the end
        for ordered in self._ordering:
            if ordered is not None:
                self._relations = ordered
            elif limit is not None:
                return
        self._highest = dict(zip("sr", part.highest, strict=True))  # came with the read: a fresh key reads none
        self._stop_reading()
        self.loaded.emit()

    def _restart(self, start: LayerStart, *, whole: bool) -> None:
        self._stop_reading()
        if whole:
            self._take(*self.store.layer_and_version(start.doc_id, self.annotator))
        else:
            again = self.store.layer_start(start.doc_id, self.annotator, before=start.rest_from)
            if again is None:
                self._take(None, 0)
            else:
                self._begin(again)
        QTimer.singleShot(0, self, self._shown_again)

    def _shown_again(self) -> None:
        self.opened.emit()
        if self._rest is None:
            self.loaded.emit()

    def _stop_reading(self) -> None:
        self._rest, self._part = None, None
        self._step.stop()

    def _take(self, layer: Layer | None, version: int) -> None:
        self._spans = SpanTable(layer.spans if layer else ())
        self._relations = {r.key: r for r in layer.relations} if layer else {}
        self._ends, self._highest = {}, {}
        self._index(self._relations.values())
        self.status = layer.status if layer else Status.TODO
        self.has_layer = layer is not None
        self.version = version
        self._loaded_to = self._past_end()

    def _index(self, relations: Iterable[Relation], *, add: bool = True) -> None:
        """Take ``relations`` into (or out of) the index by the spans at their ends (tuples: no cost to the GC)."""
        ends = self._ends
        for relation in relations:
            key = relation.key
            for end in {relation.head, relation.child}:
                held = ends.get(end)
                if not add:
                    rest = tuple(k for k in held if k != key) if held else ()
                    if rest:
                        ends[end] = rest
                    else:
                        ends.pop(end, None)
                elif held is None:
                    ends[end] = (key,)
                elif key not in held:
                    ends[end] = tuple(sorted((*held, key), key=key_order))

    def _past_end(self) -> int:
        """A code point past every span's start."""
        return len(self.document.text) + 1 if self.document else 0

    def record_time(self) -> None:
        """Add the stretch of work the clock counted on the open document to its layer (when the reader has one)."""
        period = self.clock.take()
        if period and period.active_ms and self.document and self.has_layer and self.store.read_only is None:
            with suppress(Busy):  # another program writes: this stint goes uncounted, and the next document opens
                self.store.set_status(self.document.doc_id, self.annotator, self.status, period=period)

    # -- positions --------------------------------------------------------------------------------------------

    def mark(self, span: Span) -> Mark:
        to = self.positions.to_utf16
        return Mark(to(span.start), to(span.end), span.label, span.key)

    def marks(self, start: int = 0, end: int | None = None) -> list[Mark]:
        """The spans that start in ``[start, end)`` as marks (UTF-16 positions; ``end`` None: to the end)."""
        low = self.positions.to_codepoint(start)
        high = self.positions.to_codepoint(end) if end is not None else self.positions.utf16_length + 1  # past all
        self._load_to(high)
        spans = self._spans.starting_in(low, high)
        ends = self.positions.to_utf16_all([offset for span in spans for offset in (span.start, span.end)])
        return [Mark(ends[2 * n], ends[2 * n + 1], span.label, span.key) for n, span in enumerate(spans)]

    def snap(self, start16: int, end16: int, mouse: bool = False) -> tuple[int, int] | None:
        """A selection in Qt positions as code points, snapped (``snap_selection``); None if only space."""
        if self.document is None:
            return None
        at = self.positions.codepoint_at
        return snap_selection(self.document.text, at(start16), at(end16), mouse=mouse)

    def spans_at(self, position16: int) -> list[Span]:
        """The spans over a position, the shortest first (what a click picks)."""
        cp = self.positions.codepoint_at(position16)
        self._load_to(cp + 1)  # a span over ``cp`` starts at or before it
        return sorted(self._spans.covering(cp), key=lambda s: (s.end - s.start, s.start))

    def ordered(self) -> list[Span]:
        """Every span in document order: by start, the longest first, then by label and key."""
        return self.spans.ordered()

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
        return self._names.guess(text)

    def forget_speakers(self) -> None:
        self._names.forget()

    def guessed_attributes(self, start: int, end: int, label: str) -> dict[str, str]:
        """What a new span ``[start, end)`` of ``label`` gets at once: the speaker the registry knows by its text."""
        attrs: dict[str, str] = {}
        for attribute in self.schema.attributes_for(label):
            if attribute.kind is AttributeKind.SPEAKER and self.document is not None:
                guess = self.guess_speaker(self.document.text[start:end])
                if guess:
                    attrs[attribute.name] = guess
        return attrs

    def remove_span(self, key: str) -> LayerChange:
        return self._take_change(lambda: self.store.remove_span(self._doc(), self.annotator, key))

    def set_attributes(self, key: str, values: dict[str, str | None]) -> LayerChange:
        return self._take_change(lambda: self.store.set_span_attributes(self._doc(), self.annotator, key, values))

    def link(self, head: str, child: str, label: str) -> LayerChange:
        """Link ``head`` to ``child``; where the head has its most such links, the oldest gives way."""
        doc_id, key = self._doc(), next(self.fresh_keys("r"))  # named here: the Store need not look for a key
        return self._take_change(lambda: self.store.link(doc_id, self.annotator, head, child, label, key=key))

    def unlink(self, relations: Sequence[Relation]) -> LayerChange:
        """Remove ``relations`` (of the open layer), as one change."""
        doc_id = self._doc()
        return self.apply(LayerChange(doc_id, self.annotator, self.version, self.version, unlinked=tuple(relations)))

    def set_status(self, status: Status) -> LayerChange:
        period = self.clock.take()  # ends the stretch: the next input begins another
        return self._take_change(lambda: self.store.set_status(self._doc(), self.annotator, status, period=period))

    def apply(self, change: LayerChange) -> LayerChange:
        """Make a change built elsewhere: an undo's or a redo's, or a compound edit built on this copy (its
        ``version_before`` is ``version``; new spans and relations without a key get fresh ones, or keys from
        ``fresh_keys``). One transaction; refused with ``LayerChanged`` when the layer has moved on."""
        self._doc()  # the layer read whole: the highest keys known, the change's new spans and relations named here
        named = with_keys(change, self.fresh_keys("s"), self.fresh_keys("r"))
        return self._take_change(lambda: self.store.apply(named))

    def revert(self, change: LayerChange) -> LayerChange:
        """Undo ``change`` (one made here, or an undo or a redo of one) on the open document: one transaction,
        refused with ``LayerChanged`` when someone else has changed the layer since (see ``Reverts``)."""
        self._doc()
        done = self.apply(self._reverts.inverse_at(change, self.version))
        self._reverts.reverted(change, done)
        return done

    def fresh_keys(self, prefix: str = "s") -> Iterator[str]:
        """Keys the layer does not use (prefix ``s``: spans, ``r``: relations) for a compound change to name its new
        spans by; the highest number comes with the layer's read (else every key is read once), then is kept in step
        with every change."""
        self.complete()
        if (highest := self._highest.get(prefix)) is None:
            highest = self._highest[prefix] = highest_number(chain(self.spans, self.relations), prefix)
        return fresh_keys([f"{prefix}{highest}"], prefix)

    # -- internals --------------------------------------------------------------------------------------------

    def _doc(self) -> str:  # the open document's id, for a change: made against the whole layer
        if self.document is None:
            raise RuntimeError("no document is open")
        self.complete()
        return self.document.doc_id

    def _take_change(self, make: Callable[[], LayerChange]) -> LayerChange:
        with quiet_edit():  # no collector pass in an edit; what it leaves lives with the document (db.heap)
            return self._follow(make())

    def _follow(self, change: LayerChange) -> LayerChange:
        """Bring this copy in step with ``change``, which the Store has just made, and tell the screen: every change
        of the open layer comes through here."""
        if change.doc_id != self.doc_id or change.annotator != self.annotator or change.empty:
            return change
        if not self.has_layer:
            self.status, self.has_layer = Status.IN_PROGRESS, True
        for relation in change.unlinked:
            self.relations.pop(relation.key, None)
        self._index(change.unlinked, add=False)
        for span in change.removed:
            self.spans.pop(span.key, None)
            if self.selected == span.key:
                self.select(None)
            self.span_removed.emit(span)
        for span in change.added:
            self.spans[span.key] = span
            self.span_added.emit(span)
        speakers = {a.name for a in self.schema.attributes if a.kind is AttributeKind.SPEAKER}
        for before, after in change.modified:
            self.spans[after.key] = after
            if any(before.attrs.get(name) != after.attrs.get(name) for name in speakers):
                self.forget_speakers()
            self.span_changed.emit(after)
        for relation in change.linked:
            self.relations[relation.key] = relation
        self._index(change.linked)
        added = [*(s.key for s in change.added), *(r.key for r in change.linked)]
        self._highest = {p: max(h, highest_number(added, p)) for p, h in self._highest.items()}
        if change.unlinked or change.linked:
            self.relations_changed.emit()
        if change.status is not None:
            self.status = change.status[1]
            self.status_changed.emit(self.status)
        self.version = change.version_after
        self.changed.emit(change)
        return change

    show_unstored = _follow  # a change shown before it is stored: an undo that waits, at the version held (ui.commands)
