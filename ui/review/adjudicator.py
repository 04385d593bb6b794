"""What the lead's keys do to gold: accept the unanimous units, take one annotator's version of a unit, remove a
unit from gold, tag gold by hand, edit a gold span, mark gold done. Each is one Store call and one undo command on
the open document's own stack.

A gold span's ``sources`` are the annotators whose span it equals exactly (offsets, label, attributes): taking
ann's version when bob marked the same names both; a span changed by hand names those it still equals, or none.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoGroup, QUndoStack

from annotator.change import LayerChange, fresh_keys
from annotator.errors import AnnotatorError, GoldChanged
from annotator.model import Relation, Span, Status
from ui.errors import guarded
from ui.review.commands import GoldEdit
from ui.review.document import ReviewDocument
from ui.review.rows import Row, same_span


class Adjudicator(QObject):
    message = Signal(str)
    refused = Signal(str, object)  # (document, AnnotatorError): gold moved on, or the Store refused an undo

    def __init__(self, review: ReviewDocument, group: QUndoGroup) -> None:
        super().__init__()
        self.review, self.group = review, group
        self.stacks: dict[str, QUndoStack] = {}
        self.made: str | None = None  # the key of the gold span the last change made, for the window to select

    # -- stacks -------------------------------------------------------------------------------------------------

    def activate(self, doc_id: str) -> None:
        stack = self.stacks.get(doc_id)
        if stack is None:
            stack = self.stacks[doc_id] = QUndoStack(self.group)
        self.group.setActiveStack(stack)

    def forget(self, doc_id: str) -> None:
        """Gold moved on under this document's undo history: it no longer applies."""
        if doc_id in self.stacks:
            self.stacks[doc_id].clear()

    def _failed(self, doc_id: str, error: AnnotatorError) -> None:
        # Called from inside an undo or redo: the stack must not be cleared before that call has returned.
        QTimer.singleShot(0, lambda: self.refused.emit(doc_id, error))

    def _do(self, text: str, action: Callable[[], LayerChange | None]) -> bool:
        doc_id = self.review.doc_id
        if doc_id is None:
            self.message.emit("open a document first: choose one in the list on the left")
            return False
        self.made = None
        try:
            change = action()
        except GoldChanged as error:
            self.refused.emit(doc_id, error)
            return False
        except AnnotatorError as error:
            self.message.emit(f"not done: {error}")
            return False
        if change is None or change.empty:
            return False
        self.made = change.added[0].key if len(change.added) == 1 else None
        stack = self.group.activeStack()
        assert stack is not None
        stack.push(GoldEdit(self.review, text, change, self._failed))
        return True

    # -- the changes ----------------------------------------------------------------------------------------------

    @guarded
    def accept_unanimous(self) -> None:
        results = []

        def accept() -> LayerChange:
            results.append(self.review.accept_unanimous())
            return results[0].change

        done = self._do("accept the unanimous units", accept)
        if not results:
            return
        change, left = results[0].change, len(results[0].left)
        if done:
            self.message.emit(
                f"put {len(change.added)} unanimous span(s) and {len(change.linked)} relation(s) into gold; "
                f"{left} unit(s) left to decide"
            )
        else:
            self.message.emit(f"gold has every unanimous unit already; {left} unit(s) left to decide")

    @guarded
    def take(self, row: Row | None, number: int) -> bool:
        """Take annotator ``number``'s version of ``row`` into gold; whether gold now holds it (the unit is decided)."""
        annotators = self.review.annotators
        if not 1 <= number <= len(annotators):
            self.message.emit(f"there is no annotator {number} here: 1 to {len(annotators)}")
            return False
        name = annotators[number - 1]
        if row is None or row.unit is None:
            self.message.emit("choose a unit first (J / K, or click it)" if row is None else "no annotator has this")
            return False
        gold = row.gold
        if row.unit.spans.get(name) is None:
            if gold is None:
                self.message.emit(f"{name} has nothing here, and neither has gold")
                return True
            if self._do(f"take {name}'s version (none)", lambda: self.review.remove([gold.key])):
                self.message.emit(f"{name} has nothing here: removed from gold")
                return True
            return False
        if gold is not None and row.taken_from(name) and set(gold.sources) == set(row.unit.agreeing(name)):
            self.message.emit(f"gold has {name}'s version already")
            return True
        if self._do(f"take {name}'s version", lambda: self.review.adopt(row, name)):
            others = [other for other in row.unit.agreeing(name) if other != name]
            self.message.emit(f"took {name}'s version" + (f", the same as {', '.join(others)}'s" if others else ""))
            return True
        return False

    @guarded
    def remove(self, row: Row | None) -> None:
        if row is None or row.gold is None:
            self.message.emit("gold has nothing here to remove" if row else "choose a unit first")
            return
        key = row.gold.key
        if self._do(f"remove {row.gold.label} from gold", lambda: self.review.remove([key])):
            self.message.emit("removed from gold (Ctrl+Z puts it back)")

    @guarded
    def tag(self, row: Row | None, label: str, start16: int, end16: int) -> bool:
        """A gold span by hand from a selection in the gold pane; it takes the place of the current unit's gold span
        where the two overlap (keeping its attributes and links when the label is the same)."""
        snapped = self.review.snap(start16, end16)
        if snapped is None:
            self.message.emit("the selection holds only white space: nothing to tag")
            return False
        start, end = snapped
        if any((s.start, s.end, s.label) == (start, end, label) for s in self.review.spans("gold")):
            self.message.emit(f"gold has this {label} already")
            return False
        old = row.gold if row is not None and row.gold is not None else None
        if old is not None and not (old.start < end and start < old.end):
            old = None
        kept = old if old is not None and old.label == label else None
        span = Span(kept.key if kept else "", start, end, label, dict(kept.attrs) if kept else {})
        span = Span(span.key, start, end, label, span.attrs, _sources(row, span))
        relations = self.review.relations_of(kept.key) if kept else []
        replace = [old.key] if old is not None else []
        if self._do(f"tag {label} in gold", lambda: self.review.put([span], relations, replace)):
            self.message.emit(f"{label} in gold by hand" + (" in place of the unit's" if old else ""))
            return True
        return False

    @guarded
    def edit(self, row: Row, values: Mapping[str, str | None], links: Mapping[str, str | None]) -> None:
        """Change the attributes of the row's gold span, and which gold span each named relation leads to."""
        old = row.gold
        assert old is not None
        attrs = {name: value for name, value in {**old.attrs, **values}.items() if value is not None}
        span = Span(old.key, old.start, old.end, old.label, attrs)
        span = Span(old.key, old.start, old.end, old.label, attrs, _sources(row, span), old.rule)  # same offsets
        relations = [r for r in self.review.relations_of(old.key) if not (r.head == old.key and r.label in links)]
        gold = self.review.gold
        keys = fresh_keys([r.key for r in gold.relations] if gold else [], "r")
        relations += [Relation(next(keys), old.key, child, name) for name, child in links.items() if child]
        if self._do(f"edit gold {old.label}", lambda: self.review.put([span], relations, [old.key])):
            self.message.emit(f"gold {old.label} changed by hand")

    @guarded
    def mark_done(self) -> bool:
        """Mark the open document's gold done (the export of gold takes it); True if it is done now."""
        if self.review.doc_id is None:
            return False
        if self.review.gold_status is Status.DONE:
            return True
        return self._do("mark gold done", lambda: self.review.set_status(Status.DONE))


def _sources(row: Row | None, span: Span) -> tuple[str, ...]:
    """The annotators of the row's unit whose span ``span`` equals."""
    if row is None or row.unit is None:
        return ()
    return tuple(name for name, mine in row.unit.spans.items() if same_span(mine, span))
