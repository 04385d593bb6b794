"""What the export and import dialogs share: a form, a progress bar with Cancel, the outcome, the worker."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import platformdirs
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from annotator.errors import AnnotatorError, DataError
from annotator.formats.format import Option
from annotator.logs import APP, log_unexpected
from db.store import Store
from db.transfer import Cancelled
from ui.errors import what_to_do
from ui.session import Session
from ui.transfer.worker import Worker
from ui.wiring import MessageSink, StoreOpener

Task = Callable[[Store, Worker], object]

OUTCOME_LINES = 6
"""The lines of the outcome shown at once; more scroll."""


def settings() -> QSettings:
    """Where the window remembers small things (the last folder and format), beside the other user settings."""
    return QSettings(str(Path(platformdirs.user_config_dir(APP)) / "window.ini"), QSettings.Format.IniFormat)


def last_folder() -> Path:
    folder = Path(str(settings().value("transfer/folder", "") or Path.home()))
    return folder if folder.is_dir() else Path.home()


def remember(key: str, value: str) -> None:
    settings().setValue(f"transfer/{key}", value)


def remembered(key: str, default: str) -> str:
    return str(settings().value(f"transfer/{key}", default) or default)


OptionField = QComboBox | QLineEdit


def option_field(option: Option) -> OptionField:
    """A format's option in a dialog: a box of its choices, or a line of text (checked when the work starts)."""
    if not option.choices:
        edit = QLineEdit(option.default)
        edit.setToolTip(option.help)
        return edit
    box = QComboBox()
    for choice in option.choices:
        box.addItem(f"{choice.value}: {choice.what}" if choice.what else choice.value, choice.value)
    box.setCurrentIndex(box.findData(option.default))
    box.setToolTip(option.help)
    return box


def option_value(field: OptionField) -> str:
    return field.text().strip() if isinstance(field, QLineEdit) else str(field.currentData())


def error_lines(error: BaseException) -> list[str]:
    """An expected error in its one line, with what to do; anything else logged, and the log file named."""
    if isinstance(error, AnnotatorError):
        text = str(error)
        # A DataError carries its own hint; the general advice is for the database's errors.
        advice = "" if isinstance(error, DataError) else what_to_do(text)
        return [text, advice] if advice else [text]
    path = log_unexpected(error)
    return [f"Unexpected error: {error.__class__.__name__}: {error}", f"The details are in {path}."]


class PathField(QWidget):
    """A path typed, or chosen with Browse… (``choose`` opens the file dialog and returns a path or "")."""

    def __init__(self, choose: Callable[[str], str], placeholder: str = "") -> None:
        super().__init__()
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setMinimumWidth(360)
        self.browse = QPushButton("Browse…")
        self.browse.setAutoDefault(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.browse)
        self.browse.clicked.connect(lambda: self._choose(choose))

    def _choose(self, choose: Callable[[str], str]) -> None:
        chosen = choose(self.edit.text())
        if chosen:
            self.edit.setText(chosen)

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text).expanduser() if text else None


class TransferDialog(QDialog):
    """A form, then the work in a ``Worker`` with a progress bar and Cancel, then what was done, in the dialog.

    Subclasses fill ``self.form``, start the work in ``go()`` with ``self.run(task)``, and say how it ended in
    ``succeeded`` and ``failed``. The work runs on a Store of its own from ``open_store``, as the person ``session``
    works as; ``tell`` shows the outcome's headline (in the main window's status bar).
    """

    def __init__(
        self, parent: QWidget, open_store: StoreOpener, session: Session, tell: MessageSink, title: str, action: str
    ) -> None:
        super().__init__(parent)
        self.open_store, self.session, self.show_message = open_store, session, tell
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.worker: Worker | None = None
        self.total = 0
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress_text = QLabel()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress_row = QWidget()
        row = QHBoxLayout(self.progress_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress, 1)
        row.addWidget(self.progress_text)
        row.addWidget(self.cancel_button)
        # Nothing moves as the work starts and ends: the progress row keeps its place while hidden, and the outcome
        # has a place of its own, a few lines high, that scrolls when it says more (a line for each file).
        kept = self.progress_row.sizePolicy()
        kept.setRetainSizeWhenHidden(True)
        self.progress_row.setSizePolicy(kept)
        self.progress_row.hide()
        self.outcome = QLabel()
        self.outcome.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome.setWordWrap(True)
        self.outcome.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.hide()
        self.outcome_area = QScrollArea()
        self.outcome_area.setWidget(self.outcome)
        self.outcome_area.setWidgetResizable(True)
        self.outcome_area.setFrameShape(QFrame.Shape.NoFrame)
        self.outcome_area.setFixedHeight(self.fontMetrics().lineSpacing() * OUTCOME_LINES + 4)
        self.buttons = QDialogButtonBox()
        self.action_button = self.buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.action_button.setDefault(True)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.go)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(self.form)
        column.addWidget(self.progress_row)
        column.addWidget(self.outcome_area)
        column.addStretch(1)
        column.addWidget(self.buttons)

    # -- for the subclasses ---------------------------------------------------------------------------------------

    def go(self) -> None:
        raise NotImplementedError

    def succeeded(self, result: object) -> None:
        raise NotImplementedError

    def failed(self, error: BaseException) -> None:
        raise NotImplementedError

    def describe(self, done: int, total: int) -> str:
        """The progress in words: ``done`` steps of ``total`` (0: not known)."""
        return str(done)

    @property
    def running(self) -> bool:
        return self.worker is not None

    def run(self, task: Task) -> None:
        """Start ``task`` in a new worker, with the form locked and the progress bar busy until it ends."""
        self.worker = Worker(self, self.open_store, self.session.annotator, task)
        self.worker.sized.connect(self._sized)
        self.worker.progressed.connect(self._progressed)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)
        self.total = 0
        self.progress.setRange(0, 0)
        self.progress_text.setText(self.describe(0, 0))
        self.progress_row.show()
        self.cancel_button.setEnabled(True)
        self.outcome.hide()
        self._lock(True)
        self.worker.start()

    def tell(self, lines: list[str], *, bad: bool = False, headline: int = 0) -> None:
        """Show what happened below the form, and its line ``headline`` in the window's status bar."""
        lines = [line for line in lines if line]
        self.outcome.setText("\n".join(lines))
        self.outcome.setStyleSheet("color: #b00020;" if bad else "")
        self.outcome.show()
        if lines:
            self.show_message(lines[min(headline, len(lines) - 1)])

    # -- the work ----------------------------------------------------------------------------------------------

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_text.setText("cancelling…")

    def reject(self) -> None:
        # Escape or Close while the work runs cancels it; the dialog stays to say what was undone.
        if self.running:
            self.cancel()
            return
        super().reject()

    def _lock(self, running: bool) -> None:
        for index in range(self.form.count()):
            item = self.form.itemAt(index)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setEnabled(not running)
        self.action_button.setEnabled(not running)
        self.close_button.setEnabled(not running)

    def _sized(self, total: int) -> None:
        self.total = total
        if total > 0:
            self.progress.setRange(0, 1000)

    def _progressed(self, done: int) -> None:
        if self.total > 0:
            self.progress.setValue(min(1000, done * 1000 // self.total))
        if self.worker is not None and not self.worker.cancelled():
            self.progress_text.setText(self.describe(done, self.total))

    def _ended(self, how: str | None) -> None:
        assert self.worker is not None
        self.worker.wait()  # it has sent its last signal: the thread is ending
        self.progress_text.setText(how or self.describe(self.worker.done, self.total))
        self.worker = None
        self.cancel_button.setEnabled(False)
        if self.progress.maximum() == 0:
            self.progress.setRange(0, 1)
        self._lock(False)

    def _succeeded(self, result: object) -> None:
        self._ended(None)
        self.progress.setValue(self.progress.maximum())
        self.succeeded(result)

    def _failed(self, error: BaseException) -> None:
        self._ended("cancelled" if isinstance(error, Cancelled) else "stopped")
        self.failed(error)
