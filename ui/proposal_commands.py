"""Undoing a rejection of a proposal: its own command, since a rejection is kept beside the layer and is no
``LayerChange`` (it moves no version). As with ``LayerEdit``, the rejection is made before the command joins the
stack; undo forgets it (the proposal shows again), redo rejects it again, each one Store transaction.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from annotator.errors import AnnotatorError
from ui.proposal_changes import Rejection
from ui.session import Session


class RejectProposal(QUndoCommand):
    def __init__(
        self, session: Session, doc_id: str, rejected: Rejection, shown: Callable[[str, Rejection, bool], None]
    ) -> None:
        """``shown(doc_id, rejected, is_rejected)`` tells the window's proposals what the Store holds now."""
        super().__init__(f"reject proposed {rejected[0]}")
        self.session, self.doc_id, self.rejected, self.shown = session, doc_id, rejected, shown
        self.annotator = session.annotator
        self._pushed = True

    def undo(self) -> None:
        self._set(False)

    def redo(self) -> None:
        if self._pushed:  # made already, before the command joined the stack
            self._pushed = False
            return
        self._set(True)

    def _set(self, rejected: bool) -> None:
        label, start, end = self.rejected
        store = self.session.store
        try:
            if rejected:
                store.reject_proposal(self.doc_id, self.annotator, label, start, end)
            else:
                store.unreject_proposal(self.doc_id, self.annotator, label, start, end)
        except AnnotatorError as error:  # an undo stack cannot raise: the window says why
            self.session.failed.emit(f"could not {'redo' if rejected else 'undo'} “{self.text()}”: {error}")
            return
        self.shown(self.doc_id, self.rejected, rejected)
