"""The unlink key: remove links of the selected span, and only them (Delete removes the span with its links).

Shift+Delete with a span selected that has one link removes it. With several, the status bar numbers them and the
next key chooses: its number, a click on the other end, or Tab to the other end and Enter; Shift+Delete again removes
them all (one change, one undo step); Esc cancels, and any other key cancels and does what it does. Each removal is
one undo step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from annotator.change import LayerChange
from annotator.model import Relation, Span
from ui.naming import quoted
from ui.session import Session

MODIFIERS = (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta)
"""Keys pressed on the way to another (Shift before Delete): they neither choose nor cancel."""
Do = Callable[[str, Callable[[], LayerChange]], LayerChange | None]
"""Make an edit and put it on the undo stack (``Tagging.do``)."""


class Unlinking:
    def __init__(self, session: Session, do: Do, message: Callable[[str], None]) -> None:
        self.session, self.do, self.message = session, do, message
        self.span: str | None = None  # the span whose links are on offer, while the person chooses
        self.choices: list[Relation] = []
        # Another document, or any change (an undo meanwhile), and what was on offer may be gone.
        session.opened.connect(self._forget)
        session.changed.connect(self._forget)

    @property
    def active(self) -> bool:
        return self.span is not None

    def start(self) -> None:
        """Shift+Delete: remove the selected span's one link, or offer its links; pressed again, remove them all."""
        if self.span is not None:
            self._remove(self.span, self.choices)
            return
        span = self.session.selected_span()
        if span is None:
            self.message("select a span first, then press Shift+Delete to remove its links")
            return
        links = self.links_of(span)
        if not links:
            self.message(f"{span.label} {quoted(self.session, span)} has no links to remove")
            return
        if len(links) == 1:
            self._remove(span.key, links)
            return
        self.span, self.choices = span.key, links
        offered = " · ".join(f"{n} {self._describe(span.key, r)}" for n, r in enumerate(links, 1))
        self.message(f"unlink which? {offered} — its number, or click it (Tab, Enter); Shift+Delete: all; Esc cancels")

    def links_of(self, span: Span) -> list[Relation]:
        """The relations of the open layer that use ``span``, by where their other end is in the text."""
        spans = self.session.spans
        links = [r for r in self.session.relations.values() if span.key in (r.head, r.child)]
        return sorted(links, key=lambda r: (spans[_other(span.key, r)].start, r.label, r.key))

    def key(self, event: QKeyEvent) -> bool:
        """While choosing: True if the key was the choice (or Esc); any other key cancels and is not taken."""
        assert self.span is not None
        key, text = event.key(), event.text()
        if key in MODIFIERS:
            return False
        if key == Qt.Key.Key_Escape:
            self.cancel()
            return True
        if text.isdigit() and 1 <= int(text) <= len(self.choices):
            self._remove(self.span, [self.choices[int(text) - 1]])
            return True
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self._step(forward=key == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            selected = self.session.selected_span()
            self.click([selected] if selected is not None else [])
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            return False  # the unlink key again: ``start`` removes them all
        self.cancel(quietly=True)
        return False

    def click(self, here: Sequence[Span]) -> None:
        """A click (or Enter) while choosing: on the other end of some of the links, remove those; else cancel."""
        assert self.span is not None
        ends = {_other(self.span, r) for r in self.choices}
        chosen = next((span.key for span in here if span.key in ends), None)
        if chosen is None:
            self.cancel()
            return
        self._remove(self.span, [r for r in self.choices if _other(self.span, r) == chosen])

    def cancel(self, *, quietly: bool = False) -> None:
        if self.span is not None:
            self.span, self.choices = None, []
            if not quietly:
                self.message("unlinking cancelled")

    def _forget(self, *_args: object) -> None:
        self.cancel(quietly=True)

    def _step(self, *, forward: bool) -> None:
        assert self.span is not None
        ends = list(dict.fromkeys(_other(self.span, r) for r in self.choices))
        current = self.session.selected
        index = ends.index(current) + (1 if forward else -1) if current in ends else (0 if forward else -1)
        chosen = ends[index % len(ends)]
        self.session.select(chosen)
        links = [r for r in self.choices if _other(self.span, r) == chosen]
        self.message("Enter unlinks " + ", ".join(self._describe(self.span, r) for r in links) + "; Esc cancels")

    def _remove(self, key: str, relations: Sequence[Relation]) -> None:
        self.span, self.choices = None, []
        what = ", ".join(self._describe(key, r) for r in relations)
        labels = ", ".join(dict.fromkeys(r.label for r in relations))
        if self.do(f"unlink {labels}", lambda: self.session.unlink(relations)) is not None:
            self.session.select(key)
            self.message(f"unlinked {what} (Ctrl+Z puts {'it' if len(relations) == 1 else 'them'} back)")

    def _describe(self, key: str, relation: Relation) -> str:
        other = self.session.spans.get(_other(key, relation))
        text = self.session.text_of(other) if other else relation.child
        arrow = "→" if relation.head == key else "←"
        return f"{relation.label} {arrow} “{text if len(text) <= 40 else text[:39] + '…'}”"


def _other(key: str, relation: Relation) -> str:
    """The end of ``relation`` that is not the span ``key``."""
    return relation.child if relation.head == key else relation.head
