"""File > Export: the choices of ``annotator export``, written off the GUI thread into a file or a new folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QWidget,
)

from annotator.formats import writers
from annotator.formats.format import in_words
from annotator.model import GOLD, Role
from db.store import Store
from db.transfer import Cancelled, ExportChoices, ExportOutcome, export_file
from ui.session import Session
from ui.transfer.dialog import (
    OptionField,
    PathField,
    TransferDialog,
    error_lines,
    last_folder,
    option_field,
    option_value,
    remember,
    remembered,
)
from ui.transfer.worker import Worker
from ui.wiring import MessageSink, StoreOpener


def default_name(fmt: str) -> str:
    return f"export-{fmt}{writers()[fmt].suffix}"


class ExportDialog(TransferDialog):
    def __init__(self, parent: QWidget, open_store: StoreOpener, session: Session, tell: MessageSink) -> None:
        super().__init__(parent, open_store, session, tell, "Export", "Export")
        self.target: Path | None = None
        store = session.store
        self.format = QComboBox()
        for name, writer in writers().items():
            self.format.addItem(name, name)
            self.format.setItemData(self.format.count() - 1, writer.what, Qt.ItemDataRole.ToolTipRole)
        self.what = QLabel()
        self.what.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # grey: it explains, it is no choice
        self.layer = QComboBox()
        self.layer.addItem("every layer", "all")
        self.layer.addItem("gold", GOLD)
        for person in store.annotators():
            lead = " (lead)" if person.role is Role.LEAD else ""
            self.layer.addItem(f"{person.name}{lead}", person.name)
        user = store.user
        mine = "all" if user is None or user.role is Role.LEAD else user.name
        self.layer.setCurrentIndex(self.layer.findData(mine))
        self.status = QComboBox()
        self.status.addItem("done only", "done")
        self.status.addItem("any status", "any")
        self.labels = QListWidget()
        for name in store.schema.label_names:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.labels.addItem(item)
        rows = min(max(self.labels.count(), 1), 6)
        self.labels.setFixedHeight(rows * self.labels.sizeHintForRow(0) + 2 * self.labels.frameWidth() + 4)
        # A box per option of each format, by (format, option): its row shows while its format is chosen. An
        # option without choices (the dataset's split) is a line of text, checked when the export starts.
        self.format_options: dict[tuple[str, str], OptionField] = {
            (name, option.name): option_field(option) for name, writer in writers().items() for option in writer.options
        }
        folders = in_words(name for name, writer in writers().items() if writer.folder)
        self.out = PathField(self._browse, f"the file to write, or the new folder for {folders}")
        self.form.addRow("&Format:", self.format)
        self.form.addRow("", self.what)
        self.form.addRow("&Layers:", self.layer)
        self.form.addRow("&Status:", self.status)
        self.form.addRow("La&bels:", self.labels)
        for name, writer in writers().items():
            for option in writer.options:
                self.form.addRow(f"&{name} {option.own_flag or option.name}:", self.format_options[name, option.name])
        self.form.addRow("Save &to:", self.out)
        fmt = remembered("export_format", "native")
        self.format.setCurrentIndex(max(self.format.findData(fmt), 0))
        self.out.edit.setText(str(last_folder() / default_name(self.fmt)))
        self._shown_fmt = self.fmt
        self.format.currentIndexChanged.connect(self._format_changed)
        self._format_changed()

    @property
    def fmt(self) -> str:
        return str(self.format.currentData())

    def _format_changed(self) -> None:
        fmt, before = self.fmt, self._shown_fmt
        writer = writers()[fmt]
        self.what.setText(writer.what + (" (a new folder)" if writer.folder else ""))
        for (name, _), box in self.format_options.items():
            self.form.setRowVisible(box, name == fmt)
        path = self.out.path()
        if path is not None and path.name and fmt != before:
            # Follow the format: the name made for the last one, or at least the extension.
            if path.name == default_name(before):
                path = path.with_name(default_name(fmt))
            elif path.suffix == writers()[before].suffix or (not path.suffix and writers()[before].folder):
                path = path.with_suffix(writer.suffix)
            self.out.edit.setText(str(path))
        self._shown_fmt = fmt

    def _browse(self, current: str) -> str:
        writer = writers()[self.fmt]
        start = current or str(last_folder() / default_name(self.fmt))
        caption = "Export to a new folder" if writer.folder else "Export to"
        kinds = "All files (*)" if writer.folder else f"{self.fmt} (*{writer.suffix});;All files (*)"
        # Asked in go(), for a typed path as well as a chosen one.
        chosen, _ = QFileDialog.getSaveFileName(
            self, caption, start, kinds, options=QFileDialog.Option.DontConfirmOverwrite
        )
        return chosen

    def ticked(self) -> list[str]:
        items = (self.labels.item(row) for row in range(self.labels.count()))
        return [item.text() for item in items if item.checkState() == Qt.CheckState.Checked]

    def choices(self) -> ExportChoices:
        ticked = self.ticked()
        labels = () if len(ticked) == self.labels.count() else tuple(ticked)  # all ticked: no filter
        options = {option: option_value(box) for (name, option), box in self.format_options.items() if name == self.fmt}
        return ExportChoices(self.fmt, str(self.layer.currentData()), str(self.status.currentData()), labels, options)

    def go(self) -> None:
        choices, path = self.choices(), self.out.path()
        if path is None:
            self.tell(["Name the file to write in “Save to”."], bad=True)
            return
        if self.labels.count() and not self.ticked():
            self.tell(["Tick at least one label."], bad=True)
            return
        if path.is_file() and not choices.writer.folder:
            asked = QMessageBox.question(self, "Export", f"{path} exists. Replace it?")
            if asked != QMessageBox.StandardButton.Yes:
                return
        remember("export_format", choices.fmt)
        remember("folder", str(path.parent))
        self.target = path

        def task(store: Store, worker: Worker) -> ExportOutcome:
            # Replacing a file was asked above; a database is never replaced (export_file refuses it).
            return export_file(store, choices, path, progress=worker.step, cancelled=worker.cancelled, overwrite=True)

        self.run(task)

    def describe(self, done: int, total: int) -> str:
        return f"{done} record(s) written"

    def succeeded(self, result: object) -> None:
        assert isinstance(result, ExportOutcome)
        self.tell([_sentence(line) for line in result.lines()])

    def failed(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            self.tell([f"Export cancelled: nothing was written to {self.target}."])
            return
        self.tell(error_lines(error), bad=True)


def _sentence(line: str) -> str:
    # The report's words are the command line's; in the window the filter is the labels ticked.
    line = line.replace("left out by --label", "left out by the labels ticked")
    return line[:1].upper() + line[1:]


def export_dialog(parent: QWidget, open_store: StoreOpener, session: Session, tell: MessageSink) -> ExportDialog:
    """Open File > Export over ``parent`` (window-modal, not blocking); returns the dialog."""
    dialog = ExportDialog(parent, open_store, session, tell)
    dialog.open()
    return dialog
