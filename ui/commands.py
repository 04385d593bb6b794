"""The one QUndoCommand of the window: a change to the reader's layer, as the Store made it.

The edit is made (one Store transaction) before its command joins the stack, so the stack's first ``redo`` has
nothing to do. ``undo`` applies the change's inverse; ``redo`` applies the inverse of what the undo stored. Each is
one transaction, refused when someone else has changed the layer since (then the window says so and reads the layer
again; see ``Session.revert``). A command remembers its document: undoing an edit made on another document opens
that document first.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from annotator.change import LayerChange
from annotator.errors import AnnotatorError
from ui.session import Session


class LayerEdit(QUndoCommand):
    def __init__(self, session: Session, change: LayerChange, text: str) -> None:
        super().__init__(text)
        self.session = session
        self.change = change  # as the layer holds it while the command is done
        self.undone: LayerChange | None = None  # what the last undo stored, while the command is undone

    def undo(self) -> None:
        undone = self._revert(self.change, "undo")
        if undone is not None:
            self.undone = undone

    def redo(self) -> None:
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
