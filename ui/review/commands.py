"""The one QUndoCommand of adjudication: a change to gold, as the Store made it.

A command is done before it joins its document's stack (a refused change leaves no trace but a message), so the
stack's first ``redo`` has nothing to do. ``undo`` applies the change's inverse; ``redo`` applies the inverse of what
the undo stored; each is one Store transaction. An undo stack cannot raise: a step the Store refuses (another lead
changed gold meanwhile) is handed to ``failed``, which the window answers by reloading the document and clearing its
stack.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from annotator.change import LayerChange
from annotator.errors import AnnotatorError
from ui.review.document import ReviewDocument

Failed = Callable[[str, AnnotatorError], None]  # (document, error)


class GoldEdit(QUndoCommand):
    def __init__(self, review: ReviewDocument, text: str, change: LayerChange, failed: Failed) -> None:
        super().__init__(text)
        self.review = review
        self.failed = failed
        self.change = change  # as gold holds it while the command is done
        self.undone: LayerChange | None = None  # what the last undo stored, while the command is undone

    def undo(self) -> None:
        undone = self._revert(self.change)
        if undone is not None:
            self.undone = undone

    def redo(self) -> None:
        if self.undone is None:  # pushed: made already (or an undo was refused, and it is made still)
            return
        redone = self._revert(self.undone)
        if redone is not None:
            self.change, self.undone = redone, None

    def _revert(self, change: LayerChange) -> LayerChange | None:
        try:
            if self.review.doc_id != change.doc_id:  # pragma: no cover - each document has a stack of its own
                raise AnnotatorError(f"{change.doc_id} is not the document open in the review")
            return self.review.revert(change)
        except AnnotatorError as error:
            self.failed(change.doc_id, error)
            return None
