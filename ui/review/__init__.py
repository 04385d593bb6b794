"""The review view, for leads: agreement figures, the documents by disagreement, each annotator's layer side by side
with the units marked, and adjudication into the gold layer with undo.

``open_review(window)`` is what the main window's Review menu calls; it refuses anyone who is not a lead (and the
Store refuses them again, whatever opens the view).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from annotator.model import Role

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def open_review(window: MainWindow) -> None:
    """Open the review beside ``window`` (or bring it forward), as the annotator the window works as; refused with a
    message unless that annotator is a lead. The review is kept as ``window.review``."""
    name = window.session.annotator
    person = window.store.annotator(name)
    if person is None or person.role is not Role.LEAD:
        text = (
            f"Only a lead may open the review ({name} is {'an annotator' if person else 'not registered'}). "
            f"A lead can give {name} that right with `annotator annotators add {name} --role lead`."
        )
        window.show_message(text)
        box = QMessageBox(QMessageBox.Icon.Warning, "Review", text, QMessageBox.StandardButton.Ok, window)
        box.setObjectName("review-refused")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return
    from ui.review.window import ReviewWindow

    review: ReviewWindow | None = getattr(window, "review", None)
    if review is not None and (review.closed or review.lead != name):
        if not review.closed:
            review.close()
        review.deleteLater()
        review = None
    if review is None:
        review = ReviewWindow(window, window.open_store, name)
        window.review = review  # type: ignore[attr-defined]
    review.show()
    review.raise_()
    review.activateWindow()
