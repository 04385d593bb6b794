"""The review view, for leads: agreement figures, the documents by disagreement, each annotator's layer side by side
with the units marked, and adjudication into the gold layer with undo.

``open_review`` is what the main window's Review menu calls; it refuses anyone who is not a lead (and the Store
refuses them again, whatever opens the view).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.model import Role
from ui.session import Session
from ui.wiring import MessageSink, StoreOpener

if TYPE_CHECKING:
    from ui.review.window import ReviewWindow


def open_review(
    parent: QWidget, open_store: StoreOpener, session: Session, tell: MessageSink, review: ReviewWindow | None
) -> ReviewWindow | None:
    """Open the review beside ``parent`` (or bring ``review``, the one opened before, forward), as the annotator
    ``session`` works as; refused with a message unless that annotator is a lead. The review now open, else
    ``review`` as it was."""
    name = session.annotator
    person = session.store.annotator(name)
    if person is None or person.role is not Role.LEAD:
        text = (
            f"Only a lead may open the review ({name} is {'an annotator' if person else 'not registered'}). "
            f"A lead can give {name} that right with `annotator annotators add {name} --role lead`."
        )
        tell(text)
        box = QMessageBox(QMessageBox.Icon.Warning, "Review", text, QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("review-refused")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return review
    from ui.review.window import ReviewWindow

    if review is not None and (review.closed or review.lead != name):
        if not review.closed:
            review.close()
        review.deleteLater()
        review = None
    if review is None:
        review = ReviewWindow(parent, open_store, name)
    review.show()
    review.raise_()
    review.activateWindow()
    return review
