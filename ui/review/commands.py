"""Undo and redo of adjudication: one QUndoCommand per change to gold, each step one Store transaction.

A command is done before it joins its document's stack (a refused change leaves no trace but a message). Undoing
it is ``revert_gold`` of the change; redoing it is ``revert_gold`` of what the undo stored. An undo stack cannot
raise: a step the Store refuses (another lead changed gold meanwhile) is handed to ``failed``, which the window
answers by reloading the document and clearing its stack.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from annotator.agreement import GoldChange
from annotator.errors import AnnotatorError
from annotator.model import Status
from ui.review.document import ReviewDocument

Failed = Callable[[str, AnnotatorError], None]  # (document, error)


class ReviewEdit(QUndoCommand):
    def __init__(self, review: ReviewDocument, text: str, failed: Failed) -> None:
        super().__init__(text)
        self.review = review
        self.doc_id = review.doc_id or ""
        self.failed = failed
        self.fresh = True  # done already when pushed: the stack's first redo() does nothing

    def redo(self) -> None:
        if self.fresh:
            self.fresh = False
            return
        self._step(self.forward)

    def undo(self) -> None:
        self._step(self.back)

    def _step(self, step: Callable[[], None]) -> None:
        try:
            if self.review.doc_id != self.doc_id:  # pragma: no cover - each document has a stack of its own
                raise AnnotatorError(f"{self.doc_id} is not the document open in the review")
            step()
        except AnnotatorError as error:
            self.failed(self.doc_id, error)

    def forward(self) -> None:  # pragma: no cover - every command defines it
        raise NotImplementedError

    def back(self) -> None:  # pragma: no cover - every command defines it
        raise NotImplementedError


class GoldEdit(ReviewEdit):
    """A change to gold's spans and relations, as the Store returned it."""

    def __init__(self, review: ReviewDocument, text: str, change: GoldChange, failed: Failed) -> None:
        super().__init__(review, text, failed)
        self.change = change
        self.undone: GoldChange | None = None

    def back(self) -> None:
        self.undone = self.review.revert(self.change)

    def forward(self) -> None:
        assert self.undone is not None
        self.change = self.review.revert(self.undone)


class StatusEdit(ReviewEdit):
    """Gold marked todo, in progress or done."""

    def __init__(self, review: ReviewDocument, status: Status, before: Status, failed: Failed) -> None:
        super().__init__(review, f"mark gold {status.value.replace('_', ' ')}", failed)
        self.status, self.before = status, before

    def back(self) -> None:
        self.review.set_status(self.before)

    def forward(self) -> None:
        self.review.set_status(self.status)
