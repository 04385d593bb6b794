"""Alt+Left / Alt+Right move the selected span's end by a word, Alt+Shift+Left / Alt+Shift+Right its start.

A move is one change and one undo step: the span is removed and added again under the same key, with its
attributes, and its links are removed and made again with theirs, so that what points at it still does. A move that
would leave the span empty, or find no word to go to, is refused with a message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from annotator.boundaries import moved
from annotator.change import LayerChange
from annotator.model import Span
from ui.naming import quoted
from ui.session import Session
from ui.unlinking import Do

ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


class BoundaryMoves:
    def __init__(self, session: Session, do: Do, message: Callable[[str], None]) -> None:
        self.session, self.do, self.message = session, do, message

    def key(self, event: QKeyEvent) -> bool:
        """Alt (+Shift) with Left or Right: move an end of the selected span; True when the key was one of these."""
        if event.key() not in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            return False
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers not in (ALT, ALT | SHIFT):
            return False
        self.move(edge="start" if modifiers & SHIFT else "end", forward=event.key() == Qt.Key.Key_Right)
        return True

    def move(self, *, edge: str, forward: bool) -> None:
        span = self.session.selected_span()
        if span is None or self.session.document is None:
            self.message("select a span first, then Alt+arrows move its end (with Shift: its start) by a word")
            return
        ends = moved(self.session.document.text, span.start, span.end, edge=edge, forward=forward)
        if ends is None:
            where = "further" if (edge == "end") == forward else "past its other end"
            said = f"the {edge} of {span.label} {quoted(self.session, span)} cannot move {where}"
            self.message(f"{said}: a span holds a word at least")
            return
        same = self.session.spans.find(*ends, span.label)
        if same is not None:
            self.message(f"a {span.label} is already there: the {edge} of {quoted(self.session, span)} stays")
            return
        if self.do(f"move the {edge} of {span.label}", lambda: self._change(span, *ends)) is not None:
            self.session.select(span.key)
            self.message(f"{span.label} now {quoted(self.session, self.session.spans[span.key], 60)}")

    def _change(self, span: Span, start: int, end: int) -> LayerChange:
        session = self.session
        links = tuple(r for r in session.relations.values() if span.key in (r.head, r.child))
        doc_id = session.doc_id or ""
        change = LayerChange(
            doc_id,
            session.annotator,
            session.version,
            session.version,
            removed=(span,),
            added=(replace(span, start=start, end=end, attrs=dict(span.attrs)),),
            unlinked=links,
            linked=links,
        )
        return session.apply(change)
