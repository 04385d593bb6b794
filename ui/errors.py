"""Errors as a person meets them: a dialog that says what happened and what to do, and a log for the rest."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.errors import AnnotatorError
from annotator.logs import log_unexpected

F = TypeVar("F", bound=Callable[..., Any])

WHAT_TO_DO = [
    ("locked", "Another program is writing to it. Wait a moment and start again, or close the other program."),
    ("newer", "It was made by a newer annotator: install that version to open it."),
    ("not a database", "Choose another file with --db, or move this one aside."),
    ("readonly", "You may not write to this file: check its permissions, or copy it somewhere you can write."),
    ("read-only", "You may not write to this file: check its permissions, or copy it somewhere you can write."),
    ("does not exist", "Create the folder first, or choose another place with --db."),
    ("connection", "Check that the server is running and that the URL, user name and password are right."),
]


def what_to_do(message: str) -> str:
    lowered = message.lower()
    return next((advice for needle, advice in WHAT_TO_DO if needle in lowered), "")


def dialog(title: str, text: str, advice: str = "") -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok)
    if advice:
        box.setInformativeText(advice)
    box.exec()


def report(error: BaseException) -> None:
    """An expected error in one line with what to do; anything else logged with its traceback, and where said."""
    if isinstance(error, AnnotatorError):
        dialog("Not done", str(error), what_to_do(str(error)))
        return
    path = log_unexpected(error)
    dialog(
        "Something went wrong",
        f"Unexpected error: {error.__class__.__name__}: {error}",
        f"The details are in {path}. Your work so far is safe: every edit is stored as you make it.",
    )


def guarded(function: F) -> F:
    """Run a slot or event handler so that an error in it reaches the person as a dialog, not a crash."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except Exception as error:
            report(error)
            return True if function.__name__ == "key" else None

    return cast(F, wrapper)


def excepthook(kind: type[BaseException], error: BaseException, trace: Any) -> None:
    """For errors that escape every guard: reported the same way; the window goes on."""
    if isinstance(error, KeyboardInterrupt):
        QApplication.quit()
        return
    report(error.with_traceback(trace))
