"""The review's keys: one table, shown by F1 and (shortened) under the unit list, and the handler that the panes and
the unit list share. Keyboard first: every step of adjudication has a key.

A label's key tags gold only while text is selected in the gold pane; otherwise the review's own keys apply, so a
schema whose label keys are J, N or A loses nothing.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

from annotator.model import GOLD
from annotator.schema import Schema
from ui.errors import guarded

if TYPE_CHECKING:
    from ui.review.adjudicator import Adjudicator
    from ui.review.panes import LayerPanes
    from ui.review.rows import Row
    from ui.review.units import UnitsView

PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
SHIFT = (Qt.KeyboardModifier.ShiftModifier,)

KEYS = [
    ("J / ↓ / Tab", "next unit"),
    ("K / ↑ / Shift+Tab", "previous unit"),
    ("N / Shift+N", "next / previous unit that gold has nothing for yet"),
    ("click a span", "its unit, in any pane"),
    ("A", "accept every unanimous unit into gold"),
    ("1 … 9", "take that annotator's version of the unit into gold (the number is in the pane's header), then on"),
    ("Delete", "remove the unit's span from gold"),
    ("E or F2", "edit the gold span by hand: stance, target, quote type, speaker, links"),
    ("select text in gold, then a label's key", "a gold span by hand, in place of the unit's where they overlap"),
    ("G / Esc", "go to the gold pane / back to the unit list; Esc in the unit list closes the review"),
    ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo (each step is saved at once)"),
    ("Ctrl+Enter", "mark gold done and open the next document"),
    ("Ctrl+PgDown / Ctrl+PgUp", "next / previous document in the list"),
    ("Ctrl+D", "the document list (Enter opens the chosen one)"),
    ("F5", "read the layers, gold and figures again"),
    ("F1", "these keys"),
]


def help_line(annotators: list[str]) -> str:
    """The keys in one line, with the open document's annotators by number."""
    taken = " ".join(f"{n} {name}" for n, name in enumerate(annotators, 1)) or "1…9"
    return (
        f"J/K unit · N next open · A accept unanimous · {taken}: take version · Del remove · "
        "select in gold + label key · E edit · Ctrl+Z undo · Ctrl+Enter gold done · Esc close · F1 all keys"
    )


def keys_html(schema: Schema) -> str:
    labels = ", ".join(f"{label.hotkey} {label.name}" for label in schema.labels)
    rows = [*KEYS[:8], (KEYS[8][0], f"{KEYS[8][1]} ({labels})"), *KEYS[9:]]
    table = "".join(
        f"<tr><td align='right' style='padding:2px 14px'><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>"
        for k, v in rows
    )
    return f"<h2>Review keys</h2><table>{table}</table><p>Any key closes this.</p>"


class KeyTarget(Protocol):
    """What the keys act on: the review window's parts and steps (the window itself, in the running program)."""

    schema: Schema
    adjudicator: Adjudicator
    panes: LayerPanes
    units: UnitsView

    def current_row(self) -> Row | None: ...

    def step(self, delta: int) -> None: ...

    def step_open(self, *, forward: bool) -> None: ...

    def tag_selection(self, label: str) -> None: ...

    def edit_gold(self) -> None: ...

    def close(self) -> bool: ...


class ReviewKeys:
    def __init__(self, window: KeyTarget) -> None:
        self.window = window
        self.label_keys = {label.hotkey: label.name for label in window.schema.labels}

    @guarded
    def key(self, event: QKeyEvent) -> bool:
        window, adjudicator = self.window, self.window.adjudicator
        key, modifiers, text = event.key(), event.modifiers(), event.text()
        plain, shifted = modifiers in PLAIN, modifiers in SHIFT
        gold = window.panes.panes.get(GOLD)
        selecting = gold is not None and gold.hasFocus() and gold.textCursor().hasSelection()
        if selecting and plain and text in self.label_keys:
            window.tag_selection(self.label_keys[text])
        elif plain and key in (Qt.Key.Key_Down, Qt.Key.Key_Tab, Qt.Key.Key_J):
            window.step(1)
        elif (plain and key in (Qt.Key.Key_Up, Qt.Key.Key_K)) or key == Qt.Key.Key_Backtab:
            window.step(-1)
        elif key == Qt.Key.Key_N and (plain or shifted):
            window.step_open(forward=text != "N" and not shifted)
        elif key == Qt.Key.Key_A and plain:
            adjudicator.accept_unanimous()
        elif plain and len(text) == 1 and text in "123456789":
            if adjudicator.take(window.current_row(), int(text)):
                window.step(1)  # decided: on to the next unit
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and plain:
            adjudicator.remove(window.current_row())
        elif key in (Qt.Key.Key_E, Qt.Key.Key_F2) and plain:
            window.edit_gold()
        elif key == Qt.Key.Key_G and plain:
            if gold is not None:
                gold.setFocus()
        elif key == Qt.Key.Key_Escape:
            if selecting and gold is not None:
                cursor = gold.textCursor()
                cursor.clearSelection()
                gold.setTextCursor(cursor)
            elif window.units.hasFocus():
                window.close()
            else:
                window.units.setFocus()
        else:
            return False
        return True
