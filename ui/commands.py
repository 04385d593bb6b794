"""The one QUndoCommand of the window: a change to the reader's layer, as the Store made it.

The edit is made (one Store transaction) before its command joins the stack, so the stack's first ``redo`` has
nothing to do. ``undo`` applies the change's inverse; ``redo`` applies the inverse of what the undo stored. Each is
one transaction, refused when someone else has changed the layer since (then the window says so and reads the layer
again; see ``Session.revert``). A command remembers its document: undoing an edit made on another document opens
that document first.

An edit that waits for a busy project (``ui.waiting``) joins the stack at once, without its change: undo takes it
back (it is never stored), redo puts it back in the queue; once stored it is like any other.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from annotator.change import LayerChange
from annotator.errors import AnnotatorError
from ui.session import Session
from ui.waiting import Edit, Waiting, WaitingEdits


class LayerEdit(QUndoCommand):
    def __init__(
        self, session: Session, change: LayerChange | None, text: str, waiting: WaitingEdits | None = None
    ) -> None:
        super().__init__(text)
        self.session = session
        self.change = change  # as the layer holds it while the command is done; None while it waits
        self.undone: LayerChange | None = None  # what the last undo stored, while the command is undone
        self.waiting = waiting
        self.taken_back = False  # undone while it waited: never stored

    def wait(self, edit: Edit) -> None:
        """Wait in ``waiting`` (the project is busy) to be made by ``edit``; ``change`` is set once it is stored."""
        assert self.waiting is not None
        self._waiting = Waiting(self.text(), edit, self._stored, (self.session.doc_id, self.session.annotator))
        self.waiting.add(self._waiting)

    def _stored(self, change: LayerChange) -> None:
        self.change = change
        if change.empty:
            self.setObsolete(True)

    def undo(self) -> None:
        if self.isObsolete():  # stored as no change at all
            return
        if self.change is None:  # it waits: taken back, never stored; or it was given up
            assert self.waiting is not None
            self.taken_back = self.waiting.take_back(self._waiting)
            if not self.taken_back:
                self.setObsolete(True)  # given up: nothing to undo or redo, and the stack forgets it
            return
        undone = self._revert(self.change, "undo")
        if undone is not None:
            self.undone = undone

    def redo(self) -> None:
        if self.taken_back:  # redo of an edit taken back while it waited: it waits again, last
            assert self.waiting is not None
            self.taken_back = False
            self.waiting.add(self._waiting)
            return
        if self.undone is None:  # pushed: made already (or an undo was refused, and it is made still)
            return
        redone = self._revert(self.undone, "redo")
        if redone is not None:
            self.change, self.undone = redone, None

    def _revert(self, change: LayerChange, doing: str) -> LayerChange | None:
        session = self.session
        try:
            if session.doc_id != change.doc_id:
                session.open(change.doc_id)
            done = session.revert(change)
        except AnnotatorError as error:  # an undo stack cannot raise: the window reports it and reloads
            session.failed.emit(f"could not {doing} “{self.text()}”: {error}")
            return None
        shown = [span.key for span in done.added] + [after.key for _, after in done.modified]
        if shown:
            session.select(shown[0])
        return done
