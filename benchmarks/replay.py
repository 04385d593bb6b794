"""A gold article annotated again through the real window by simulated hands, every key press, click and drag counted.

``Hands`` sends Qt's test events (``QTest``, as pytest-qt does) to the window and counts them; ``replay_by_hand``
annotates one gold layer with them the way the README's keys allow, as a person who knows the answer would:

1. the cues: the cue label's key with nothing selected (every drag is a cue from then on), then a drag over each;
2. the sources: the source label's key, a drag over each; where the canonical speaker is not the one the registry
   fills in, F2 and Enter when F2 offers it (the speaker of the mention before), else F2, the shortest part of the
   name the completion offers it first for, Down and Enter;
3. the content spans, in text order: the content label's key, a drag over each (linked and given a quote type as it
   is tagged), then for each link the tag did not make as the gold has it, the relation's key and a click on the other
   end (a wrong one goes first: Shift+Delete, and its number when the span has several links); the stance key; the
   target's key in the list under the article; the quote key until the quote type is the gold's.

Opening the document is not counted. A mode that starts from proposals (Enter accepts, Backspace rejects) adds a
step before 1 that accepts the proposals that are right and rejects the rest; the three steps then do what is left.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.model import Relation, Span
from annotator.schema import AttributeKind
from ui.main_window import MainWindow

NO = Qt.KeyboardModifier.NoModifier


@dataclass
class GoldLayer:
    """One gold record of native JSONL: the document's id and text, its spans and relations."""

    doc_id: str
    text: str
    spans: list[Span]
    relations: list[Relation]
    attributes: tuple[str, ...] = ()

    @classmethod
    def read(cls, path: Path, attributes: tuple[str, ...]) -> list[GoldLayer]:
        layers = []
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if not line.strip():
                    continue
                record = json.loads(line)
                spans = [
                    Span(s["id"], s["start"], s["end"], s["label"], {a: s[a] for a in attributes if s.get(a)})
                    for s in record["spans"]
                ]
                relations = [Relation(r["id"], r["head"], r["child"], r["label"]) for r in record["relations"]]
                layers.append(cls(record["doc_id"], record["text"], spans, relations, attributes))
        return layers

    def values(self, name: str) -> set[str]:
        return {span.attrs[name] for span in self.spans if name in span.attrs}


@dataclass
class Hands:
    """Keys, clicks and drags on the window, each counted under what it was for."""

    window: MainWindow
    counts: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    doing: str = "spans"  # what the next actions are for
    kind: str = "by hand"  # and for which kind of statement (with proposals: accepted, corrected, by hand)

    def _count(self) -> None:
        self.counts[self.doing] += 1
        self.kinds[self.kind] += 1

    def _settle(self) -> None:
        QApplication.processEvents()

    def point(self, cp: int) -> QPoint:
        """Where the gap before code point ``cp`` is drawn; scrolls there first when it is out of view."""
        view = self.window.view
        cursor = QTextCursor(view.document())
        cursor.setPosition(self.window.session.positions.to_utf16(cp))
        rect = view.cursorRect(cursor)
        if not view.viewport().rect().contains(rect.center()):
            block = cursor.block()
            line = block.firstLineNumber() + block.layout().lineForTextPosition(cursor.positionInBlock()).lineNumber()
            view.verticalScrollBar().setValue(max(line - 3, 0))
            self._settle()
            rect = view.cursorRect(cursor)
        return QPoint(rect.left() + 1, rect.center().y())

    def drag(self, start: int, end: int) -> None:
        viewport = self.window.view.viewport()
        self.point(end)
        here, there = self.point(start), self.point(end)  # both in view, the second look after any scroll
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, NO, here)
        QTest.mouseMove(viewport, there)
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, NO, there)
        self._count()
        self._settle()

    def click(self, span: Span) -> None:
        """A click on the middle of ``span``'s first character."""
        viewport = self.window.view.viewport()
        left, right = self.point(span.start), self.point(span.start + 1)
        at = QPoint((left.x() + right.x()) // 2, left.y()) if right.y() == left.y() else QPoint(left.x() + 3, left.y())
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, NO, at)
        self._count()
        self._settle()

    def key(self, key: str | Qt.Key, modifiers: Qt.KeyboardModifier = NO, widget: Any = None) -> None:
        target = widget if widget is not None else self.window.view
        if isinstance(key, str) and not key.isascii():
            # a letter no ASCII key makes (ž, ’): one key press that types it, as a keyboard layout with it does
            for action in (QTest.KeyAction.Press, QTest.KeyAction.Release):
                QTest.sendKeyEvent(action, target, Qt.Key.Key_unknown, key, modifiers)
        else:
            QTest.keyClick(target, key, modifiers)
        self._count()
        self._settle()

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Outcome:
    doc_id: str
    statements: int
    counts: Counter[str]  # actions by what they were for
    differences: list[str]
    kinds: Counter[str] = field(default_factory=Counter)  # actions by the kind of statement they went to
    statement_kinds: Counter[str] = field(default_factory=Counter)  # statements by kind (with proposals)

    @property
    def actions(self) -> int:
        return sum(self.counts.values())


def replay_by_hand(window: MainWindow, gold: GoldLayer) -> Outcome:
    """Annotate ``gold``'s document by hand in ``window`` (it must be open) and compare what is stored with it."""
    hands = Hands(window)
    finish_by_hand(hands, gold)
    return outcome(hands, gold)


def outcome(hands: Hands, gold: GoldLayer) -> Outcome:
    content = hands.window.store.schema.statement.content
    statements = sum(1 for s in gold.spans if s.label == content)
    return Outcome(gold.doc_id, statements, hands.counts, compare(hands.window, gold), hands.kinds)


def finish_by_hand(
    hands: Hands,
    gold: GoldLayer,
    *,
    kind_of: Callable[[str], str] = lambda _key: "by hand",
    spent: Counter[str] | None = None,
) -> None:
    """Draw the gold's spans the layer lacks, label by label (cues, sources, content spans); name the sources'
    speakers; give each content span its links, stance, target and quote type. What the layer holds already (spans
    accepted from proposals) is not drawn again, only finished: ``kind_of`` says which kind of statement a gold
    content span's actions go to, and ``spent`` counts them by its key."""
    window = hands.window
    schema, session = window.store.schema, window.session
    statement = schema.statement
    keys = {label.name: label.hotkey for label in schema.labels}
    made: dict[str, str] = {}  # gold key -> stored key
    armed: str | None = None
    for label in (statement.cue, statement.source, statement.content):
        if label is None:
            continue
        spans = sorted((s for s in gold.spans if s.label == label), key=lambda s: (s.start, -s.end))
        for span in spans:
            hands.kind = "by hand"
            stored = session.spans.find(span.start, span.end, label)
            if stored is None:
                hands.doing = "spans"
                if armed != label:
                    hands.key(keys[label])  # with nothing selected: every drag is a span of this label now
                    armed = label
                hands.drag(span.start, span.end)
                stored = session.spans.find(span.start, span.end, label)
                if stored is None:
                    continue  # told as a difference at the end
            made[span.key] = stored.key
            if label == statement.source:
                _name_speaker(hands, stored, span, statement.speaker)  # F2 names the selected span
            if label == statement.content:
                hands.kind, before = kind_of(span.key), hands.total
                _finish_content(hands, gold, span, made)
                if spent is not None:
                    spent[span.key] += hands.total - before
    if armed:
        hands.doing, hands.kind = "spans", "by hand"
        hands.key(Qt.Key.Key_Escape)  # no longer tagging every selection


def _name_speaker(hands: Hands, stored: Span, span: Span, attribute: str | None) -> None:
    """F2 and the registry's completion, where the canonical speaker is not the one filled in."""
    wanted = span.attrs.get(attribute or "")
    if attribute is None or stored.attrs.get(attribute) == wanted:
        return
    window = hands.window
    _select(hands, stored.key)  # a span accepted from a proposal is not selected by its drawing
    hands.doing = "speaker names"
    hands.key(Qt.Key.Key_F2)
    line = window.speaker_editor.line
    if wanted is None:  # a name proposed where the gold has none: the editor opens with it selected
        hands.key(Qt.Key.Key_Backspace, widget=line)
        hands.key(Qt.Key.Key_Return, widget=line)
        return
    if line.text() != wanted:  # F2 offers the speaker of the mention before: else type a part of the name
        names = [speaker.name for speaker in window.store.speakers()]
        for char in shortest_part(wanted, names):
            hands.key(char, widget=line)
        completer = line.completer()
        popup = completer.popup() if completer else None
        if popup is not None and popup.isVisible() and popup.model().data(popup.model().index(0, 0)) == wanted:
            hands.key(Qt.Key.Key_Down, widget=popup)
            hands.key(Qt.Key.Key_Return, widget=popup)  # takes it, and the editor closes with it
    if window.speaker_editor.isVisible():
        hands.key(Qt.Key.Key_Return, widget=line)


def shortest_part(wanted: str, names: list[str]) -> str:
    """The shortest part of ``wanted`` that the completion (any part, any case, in the registry's order) offers
    ``wanted`` first for; the whole name when it is not registered."""
    folded = [name.casefold() for name in names]
    for size in range(1, len(wanted) + 1):
        for start in range(len(wanted) - size + 1):
            part = wanted[start : start + size].casefold()
            first = next((n for n, f in zip(names, folded, strict=True) if part in f), None)
            if first == wanted and part.strip() == part:
                return wanted[start : start + size]
    return wanted


def _finish_content(hands: Hands, gold: GoldLayer, span: Span, made: dict[str, str]) -> None:
    """The links, stance, target and quote type of a content span (selected first where something is to be done)."""
    window = hands.window
    session, schema = window.session, window.store.schema
    statement = schema.statement
    key = made[span.key]
    for relation_name in (statement.source_relation, statement.cue_relation):
        definition = schema.relation(relation_name or "")
        if definition is None:
            continue
        wanted = {made.get(r.child) for r in gold.relations if r.head == span.key and r.label == definition.name}
        hands.doing = "links"
        for wrong in [r for r in _links(window, key, definition.name) if r.child not in wanted]:
            _select(hands, key)
            links = window.tagging.unlinking.links_of(session.spans[key])
            hands.key(Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
            if len(links) > 1:
                hands.key(str(links.index(wrong) + 1))
        for child in sorted(wanted - {r.child for r in _links(window, key, definition.name)} - {None}):
            if definition.hotkey is None or child is None:
                continue
            _select(hands, key)
            hands.key(definition.hotkey)
            hands.click(session.spans[child])
    finish_attributes(hands, span, key)


def finish_attributes(hands: Hands, span: Span, key: str) -> None:
    """The stance, target and quote type of the stored content span ``key`` as the gold ``span`` has them."""
    window = hands.window
    session, schema = window.session, window.store.schema
    statement = schema.statement
    hands.doing = "attributes"
    has = session.spans[key].attrs  # a key pressed for the value a span has takes it away: only where it differs
    for name in (statement.stance,):
        attribute = schema.attribute(name or "")
        value = span.attrs.get(name or "")
        if attribute is not None and value in attribute.values and attribute.keys and has.get(name or "") != value:
            _select(hands, key)
            hands.key(attribute.keys[attribute.values.index(value)])
    target_name = statement.target
    if target_name and target_name in span.attrs and has.get(target_name) != span.attrs[target_name]:
        offered = {name: k for k, name in window.tagging.targets.offered()}
        if span.attrs[target_name] in offered:
            _select(hands, key)
            hands.key(offered[span.attrs[target_name]])
    quote = schema.attribute(statement.quote_type or "")
    wanted_quote = span.attrs.get(statement.quote_type or "")
    if quote is not None and wanted_quote in quote.values and window.tagging.quote_key:
        for _ in range(len(quote.values)):
            if session.spans[key].attrs.get(quote.name) == wanted_quote:
                break
            _select(hands, key)
            hands.key(window.tagging.quote_key)


def _select(hands: Hands, key: str) -> None:
    """``select``, counted as a selection, where ``key`` is not selected already."""
    doing, hands.doing = hands.doing, "select"
    select(hands, key)
    hands.doing = doing


def select(hands: Hands, key: str) -> None:
    """Click the span ``key`` unless it is selected; again while nested spans there are picked first."""
    session = hands.window.session
    for _ in range(4):
        if session.selected == key:
            return
        hands.click(session.spans[key])


def _links(window: MainWindow, head: str, label: str) -> list[Relation]:
    return [r for r in window.session.relations.values() if r.head == head and r.label == label]


def compare(window: MainWindow, gold: GoldLayer) -> list[str]:
    """What the stored layer has that the gold has not, and the other way round: spans with their attributes (every
    one, targets included), and relations by where their ends are."""
    layer = window.store.layer(gold.doc_id, window.session.annotator)
    stored_spans = list(layer.spans) if layer else []
    stored_relations = list(layer.relations) if layer else []

    def spans(items: list[Span]) -> Counter[tuple[Any, ...]]:
        return Counter((s.start, s.end, s.label, tuple(sorted(s.attrs.items()))) for s in items)

    def relations(items: list[Relation], of: list[Span]) -> Counter[tuple[Any, ...]]:
        at = {s.key: (s.start, s.end, s.label) for s in of}
        return Counter((r.label, at.get(r.head), at.get(r.child)) for r in items)

    found = []
    for what, ours, theirs in (
        ("span", spans(stored_spans), spans(gold.spans)),
        ("relation", relations(stored_relations, stored_spans), relations(gold.relations, gold.spans)),
    ):
        found += [f"stored, not in the gold: {what} {item}" for item in (ours - theirs)]
        found += [f"in the gold, not stored: {what} {item}" for item in (theirs - ours)]
    return found


def registry_of(layers: list[GoldLayer], schema_attributes: dict[str, AttributeKind]) -> tuple[set[str], set[str]]:
    """The speakers and targets the gold names: the project's registry and target list are given them first."""
    speakers = {
        v
        for layer in layers
        for name, kind in schema_attributes.items()
        if kind is AttributeKind.SPEAKER
        for v in layer.values(name)
    }
    targets = {
        v
        for layer in layers
        for name, kind in schema_attributes.items()
        if kind is AttributeKind.TARGET
        for v in layer.values(name)
    }
    return speakers, targets


def statements_in(layers: list[GoldLayer], content: str) -> Iterator[Span]:
    for layer in layers:
        yield from (span for span in layer.spans if span.label == content)
