"""Edit > Undo and Redo, each followed by a status-bar message that says what it undid or redid ("undone: tag CLAIM
“…”"), so that no message of the edit itself ("… tagged") stays behind it. A refused undo says why itself
(``Session.failed``), and nothing is said over it. A step that waits for a busy project says so ("Undo of …:
waiting"), and ``ui.waiting`` says when it is stored."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QWidget

from annotator.model import Span
from ui.commands import LayerEdit
from ui.naming import quoted
from ui.session import Session
from ui.wiring import MessageSink


class UndoMessages:
    def __init__(self, stack: QUndoStack, session: Session, tell: MessageSink) -> None:
        self.stack, self.session, self.tell = stack, session, tell
        self._refused = False
        session.failed.connect(self._failed)

    def _failed(self, _text: str) -> None:
        self._refused = True

    def undo(self) -> None:
        self._step(self.stack.index() - 1, "undone", self.stack.undo)

    def redo(self) -> None:
        self._step(self.stack.index(), "redone", self.stack.redo)

    def _step(self, index: int, done: str, step: Callable[[], None]) -> None:
        if not 0 <= index < self.stack.count():
            self.tell(f"nothing to {'undo' if done == 'undone' else 'redo'}")
            return
        command = self.stack.command(index)
        what = command.text() if command is not None else ""
        if isinstance(command, LayerEdit) and (command.change is None or command.pending is not None):
            step()  # an edit, undo or redo still waiting for a busy project: ui.waiting says what became of it
            return
        self._refused = False
        step()
        if self._refused:
            return
        spans = _spans_of(command)
        named = f"{what}" + (f" {quoted(self.session, spans[0])}" if spans else "")
        if isinstance(command, LayerEdit) and command.pending is not None:  # it waits for a busy project, shown
            doing = "Undo" if done == "undone" else "Redo"
            self.tell(f"{doing} of {named}: waiting (the project is busy; stored as soon as it is free)")
        else:
            self.tell(f"{done}: {named}")


def undo_actions(parent: QWidget, stack: QUndoStack, session: Session, tell: MessageSink) -> tuple[QAction, QAction]:
    """Undo (Ctrl+Z) and Redo (Ctrl+Shift+Z, Ctrl+Y), named for the step they take, each saying what it did."""
    messages = UndoMessages(stack, session, tell)
    undo, redo = QAction("Undo", parent), QAction("Redo", parent)
    undo.setShortcut(QKeySequence("Ctrl+Z"))
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    undo.triggered.connect(messages.undo)
    redo.triggered.connect(messages.redo)
    stack.canUndoChanged.connect(undo.setEnabled)
    stack.canRedoChanged.connect(redo.setEnabled)
    stack.undoTextChanged.connect(lambda text: undo.setText(f"Undo {text}".strip()))
    stack.redoTextChanged.connect(lambda text: redo.setText(f"Redo {text}".strip()))
    undo.setEnabled(False)
    redo.setEnabled(False)
    undo.setData(messages)  # kept alive as long as the action
    return undo, redo


def _spans_of(command: object) -> list[Span]:
    """The spans an edit is about: as the open layer holds them now, else as the change had them."""
    if not isinstance(command, LayerEdit):
        return []
    change = command.undone or command.change
    session = command.session
    if change is None or session.document is None or change.doc_id != session.doc_id:  # None: an edit still waiting
        return []
    keys = [s.key for s in change.added] + [a.key for _, a in change.modified]
    keys += [r.head for r in (*change.linked, *change.unlinked)]
    held = [s for s in (session.spans.get(k) for k in keys) if s is not None]
    return held or list(change.removed) or list(change.added)  # added: an undo that waits, shown undone
