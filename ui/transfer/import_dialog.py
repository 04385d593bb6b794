"""File > Import: the choices of ``annotator import``, read off the GUI thread, one transaction per file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.formats import readers
from db.store import Store
from db.transfer import Cancelled, ImportJob
from ui.session import Session
from ui.transfer.dialog import (
    OptionField,
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

if TYPE_CHECKING:
    from annotator.formats import Source


def extensions() -> list[str]:
    """What the formats ``import`` reads end in."""
    return sorted({extension for fmt in readers().values() for extension in fmt.extensions})


def megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size / 1e3:.0f} kB"


def names(sources: list[Source], most: int = 4) -> str:
    shown = [str(source.path) for source in sources[:most]]
    more = len(sources) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more else "")


class ImportDialog(TransferDialog):
    imported = Signal(object)  # the ImportJob, once it has ended (whole or in part): the window reads again

    def __init__(self, parent: QWidget, open_store: StoreOpener, session: Session, tell: MessageSink) -> None:
        super().__init__(parent, open_store, session, tell, "Import", "Import")
        self.job: ImportJob | None = None
        self.paths = QPlainTextEdit()
        self.paths.setPlaceholderText(f"One file or folder a line ({', '.join(extensions())}, brat folders)")
        self.paths.setTabChangesFocus(True)
        self.paths.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.paths.setFixedHeight(self.paths.fontMetrics().lineSpacing() * 5 + 12)
        self.paths.setMinimumWidth(420)
        self.add_files = QPushButton("Add &files…")
        self.add_folder = QPushButton("Add f&older…")
        for button in (self.add_files, self.add_folder):
            button.setAutoDefault(False)
        self.add_files.clicked.connect(self._choose_files)
        self.add_folder.clicked.connect(self._choose_folder)
        chooser = QWidget()
        row = QHBoxLayout(chooser)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.paths, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_files)
        buttons.addWidget(self.add_folder)
        buttons.addStretch(1)
        row.addLayout(buttons)
        self.format = QComboBox()
        self.format.addItem("auto: tell each file's format", "auto")
        for name, fmt in readers().items():
            self.format.addItem(name, name)
            self.format.setItemData(self.format.count() - 1, ", ".join(fmt.extensions), Qt.ItemDataRole.ToolTipRole)
        self.format.setCurrentIndex(max(self.format.findData(remembered("import_format", "auto")), 0))
        self.as_layer = QComboBox()
        self.as_layer.setEditable(True)
        self.as_layer.setMinimumContentsLength(18)
        self.as_layer.addItems([person.name for person in session.store.annotators()])
        self.as_layer.setCurrentText(session.annotator)
        self.as_layer.setToolTip("The layer for files that name no annotator: doccano, Label Studio, Prodigy, brat")
        self.replace = QCheckBox("&Replace stored layers that differ from the imported ones")
        self.form.addRow("&Files and folders:", chooser)
        self.form.addRow("F&ormat:", self.format)
        self.form.addRow("Import &as:", self.as_layer)
        self.form.addRow("", self.replace)
        # The import options of each format (Label Studio's layer names by user id, doccano's offsets): shown
        # while their format, or auto, is chosen; only values other than the default are passed on.
        self.read_options: dict[tuple[str, str], OptionField] = {}
        for name, fmt in readers().items():
            for option in fmt.read_options:
                field = self.read_options[name, option.name] = option_field(option)
                self.form.addRow(f"{name} {option.own_flag or option.flag}:", field)
        self.format.currentIndexChanged.connect(self._format_changed)
        self._format_changed()

    def _format_changed(self) -> None:
        fmt = str(self.format.currentData())
        for (name, _), field in self.read_options.items():
            self.form.setRowVisible(field, fmt in ("auto", name))

    def options(self) -> dict[str, dict[str, str]]:
        """The import options chosen (not left at their default) of the formats the chosen format may read."""
        fmt = str(self.format.currentData())
        chosen: dict[str, dict[str, str]] = {}
        for name, reader in readers().items():
            for option in reader.read_options:
                value = option_value(self.read_options[name, option.name])
                if fmt in ("auto", name) and value != option.default:
                    chosen.setdefault(name, {})[option.name] = value
        return chosen

    def _append(self, paths: list[str]) -> None:
        text = self.paths.toPlainText().rstrip("\n")
        self.paths.setPlainText("\n".join([text, *paths] if text else paths))

    def _choose_files(self) -> None:
        kinds = f"Files annotator reads ({' '.join('*' + e for e in extensions())});;All files (*)"
        chosen, _ = QFileDialog.getOpenFileNames(self, "Import files", str(last_folder()), kinds)
        self._append(chosen)

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Import a folder", str(last_folder()))
        if chosen:
            self._append([chosen])

    def go(self) -> None:
        paths = [Path(line.strip()).expanduser() for line in self.paths.toPlainText().splitlines() if line.strip()]
        if not paths:
            self.tell(["Name a file or folder to import, or add them with the buttons."], bad=True)
            return
        fmt = str(self.format.currentData())
        layer = self.as_layer.currentText().strip() or self.session.annotator
        replace = self.replace.isChecked()
        options = self.options()
        remember("import_format", fmt)
        remember("folder", str(paths[0] if paths[0].is_dir() else paths[0].parent))
        self.job = None

        def task(store: Store, worker: Worker) -> ImportJob:
            # Planning reads folders and the start of JSON files: off the GUI thread too. The dialog reads the
            # job once the worker has ended.
            self.job = job = ImportJob.plan(paths, fmt, layer=layer, replace=replace, options=options)
            worker.size(job.size)
            job.run(store, progress=worker.step, cancelled=worker.cancelled)
            return job

        self.run(task)

    def describe(self, done: int, total: int) -> str:
        return f"{megabytes(done)} of {megabytes(total)} read" if total else "reading…"

    def succeeded(self, result: object) -> None:
        assert isinstance(result, ImportJob)
        # Every file was tried: the totals, then each file imported (with its counts) or refused (where and why).
        self.tell([_sentence(line) for line in result.lines()], bad=bool(result.refused), headline=1)
        self.imported.emit(result)

    def failed(self, error: BaseException) -> None:
        job = self.job
        if job is None:  # the files could not be planned: nothing was read
            self.tell(error_lines(error), bad=True)
            return
        if isinstance(error, Cancelled):
            lines = (
                [f"Import cancelled: nothing from {job.current.path} was imported (rolled back)."]
                if job.current is not None
                else ["Import cancelled."]
            )
        else:
            lines = error_lines(error)
        rest = job.unfinished[1:] if job.current is not None else job.unfinished
        if rest:
            lines.append(f"Not tried: {names(rest)}.")
        if job.outcomes:
            lines += [_sentence(line) for line in job.lines()[1:]]
        else:
            lines.append("Nothing was imported.")
        self.tell(lines, bad=not isinstance(error, Cancelled))
        self.imported.emit(job)


def _sentence(line: str) -> str:
    return line[:1].upper() + line[1:]


def import_dialog(parent: QWidget, open_store: StoreOpener, session: Session, tell: MessageSink) -> ImportDialog:
    """Open File > Import over ``parent`` (window-modal, not blocking); returns the dialog, whose ``imported``
    says when the work has ended."""
    dialog = ImportDialog(parent, open_store, session, tell)
    dialog.open()
    return dialog
