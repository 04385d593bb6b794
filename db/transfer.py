"""One whole export or import, as the command line and the window run it: the choices in, a report out.

Both take ``progress``, called with the units done since its last call (records written, bytes read), and
``cancelled``, asked at every step: when it answers yes, ``Cancelled`` is raised from inside the work, so an
export's file or folder is removed whole and the file an import was reading is rolled back whole (the files
imported before it stay: one file is one transaction).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from annotator.errors import DataError, PermissionDenied
from annotator.formats import (
    Format,
    Source,
    check_options,
    export,
    export_statements,
    plan,
    read_source,
    readers,
    writers,
)
from annotator.formats.format import Sidecar
from annotator.formats.report import FormatReport
from annotator.formats.targets import atomic, new_folder
from annotator.model import ImportReport
from db.store import Store

Progress = Callable[[int], None]
Asked = Callable[[], bool]


class Cancelled(Exception):
    """The person asked to stop: the step under way was undone."""


def _steps(progress: Progress | None, cancelled: Asked | None) -> Progress | None:
    """``progress`` that also raises ``Cancelled`` once ``cancelled()`` says so."""
    if cancelled is None:
        return progress

    def step(count: int) -> None:
        if progress is not None:
            progress(count)
        if cancelled():
            raise Cancelled

    return step


def _check(cancelled: Asked | None) -> None:
    if cancelled is not None and cancelled():
        raise Cancelled


# -- export ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExportChoices:
    """What ``annotator export`` asks: the format, which layers, of which status, which labels, the format's options."""

    fmt: str = "native"
    layer: str = "all"
    """``gold``, ``all``, or an annotator's name."""
    status: str = "done"
    """``done`` or ``any``."""
    labels: tuple[str, ...] = ()
    """Only spans with these labels; every span when empty."""
    options: Mapping[str, str] = field(default_factory=dict)
    """The format's options by name (doccano's ``{"form": "label"}``); the writer's default for any not given."""

    @property
    def writer(self) -> Format:
        found = writers().get(self.fmt)
        if found is None:
            raise DataError(f"cannot export the {self.fmt} format", hint=f"use one of {', '.join(writers())}")
        return found


@dataclass
class ExportOutcome:
    """What an export to a file or folder wrote."""

    path: Path
    fmt: str
    report: FormatReport
    beside: list[tuple[Sidecar, Path]] = field(default_factory=list)
    """The files written beside it (Label Studio's labeling config), and where."""

    def lines(self) -> list[str]:
        """What was written, and what the format could not hold, in the command line's words."""
        lines = [f"wrote {self.report.written()} to {self.path} ({self.fmt})"]
        lines += [f"wrote the {sidecar.title} to {path}" for sidecar, path in self.beside]
        if self.report.lost:
            lines.append(f"{self.fmt} cannot hold, left out: {self.report.losses()}")
        lines += [f"{self.fmt}: {note}" for note in self.report.notes]
        return lines


def _exporter(store: Store, choices: ExportChoices) -> Callable[[Any, Progress | None], FormatReport]:
    """The export of ``choices`` to a target, once the Store has checked that the user may make it.

    A format that writes only statements is given them read alone, which is faster than whole layers; with
    labels selected, it is given the layers, which the selection takes spans out of.
    """
    # Every document, even one without a layer, goes out when everything of any status is asked for.
    with_empty = choices.layer == "all" and choices.status == "any"
    layer, status = choices.layer, choices.status
    fmt, schema, options = choices.fmt, store.schema, choices.options
    if choices.writer.write_statements is not None and not choices.labels:
        statements = store.statement_records(layer=layer, status=status, with_empty=with_empty)
        return lambda target, progress: export_statements(statements, target, fmt, schema, progress=progress, **options)
    records = store.export_records(layer=layer, status=status, with_empty=with_empty)
    labels = choices.labels
    return lambda target, progress: export(records, target, fmt, schema, labels=labels, progress=progress, **options)


def export_stream(
    store: Store, choices: ExportChoices, stream: IO[bytes], *, progress: Progress | None = None
) -> FormatReport:
    """Export to an open binary stream (a file format only); returns what was written and lost."""
    return _exporter(store, choices)(stream, progress)


def export_file(
    store: Store,
    choices: ExportChoices,
    path: Path,
    *,
    progress: Progress | None = None,
    cancelled: Asked | None = None,
    folder_hint: str = "choose a new folder",
    overwrite: bool = False,
    file_hint: str = "add --force to replace it",
) -> ExportOutcome:
    """Export to a file (or a new folder, for brat and conll) that appears whole at ``path``, or not at all.

    The Store checks the person's role before anything is written. The format's sidecar files (Label Studio's
    labeling config) are written beside, whole or not at all too. ``folder_hint`` says what to do when the folder
    is taken; an existing file is replaced only with ``overwrite`` (``file_hint`` says so), and a database never.
    """
    writer = choices.writer
    write = _exporter(store, choices)
    with ExitStack() as stack:
        if writer.folder:
            target: Any = stack.enter_context(new_folder(path, hint=folder_hint))
        else:
            target = stack.enter_context(atomic(path, overwrite=overwrite, hint=file_hint))
        beside = [(sidecar, sidecar.path(path)) for sidecar in writer.sidecars]
        for sidecar, where in beside:
            stack.enter_context(atomic(where, overwrite=overwrite, hint=file_hint)).write(sidecar.content(store.schema))
        _check(cancelled)
        report = write(target, _steps(progress, cancelled))
        _check(cancelled)
    return ExportOutcome(path, choices.fmt, report, beside)


# -- import ---------------------------------------------------------------------------------------------------


def read_as(sources: Iterable[Source]) -> str:
    """``2 file(s) as native (detected), 1 file(s) as brat``."""
    formats = Counter((s.fmt, s.detected) for s in sources)
    return ", ".join(
        f"{count} file(s) as {name}" + (" (detected)" if detected else "")
        for (name, detected), count in formats.items()
    )


@dataclass(frozen=True)
class FileOutcome:
    """How one file of an import ended: imported, with its counts, or refused, with where and why."""

    source: Source
    report: ImportReport | None = None
    refused: str | None = None
    """The file's first error, located (``FILE:LINE:COLUMN: why; what to do``); nothing of it was imported."""

    def line(self) -> str:
        if self.refused is not None:
            return f"refused {self.refused}; nothing was imported from this file"
        report = self.report or ImportReport()
        already = report.skipped_documents + report.skipped_layers
        return (
            f"imported {self.source.path}: {report.documents} document(s), {report.layers} layer(s), "
            f"{report.spans} span(s), {report.relations} relation(s)"
            + (f" ({already} already stored)" if already else "")
        )


@dataclass
class ImportJob:
    """An import of files and folders, one transaction per file. Every file is tried: a bad one is refused whole
    and the next is read. It keeps how each file ended, so that after a cancel the caller can say which files were
    imported and which were not."""

    sources: list[Source]
    layer: str
    """The layer for files that name no annotator (``--as``)."""
    replace: bool = False
    options: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Import options by format name (``{"labelstudio": {"as_map": "1=ann_a,2=ann_b"}}``)."""
    total: ImportReport = field(default_factory=ImportReport)
    left_out: FormatReport = field(default_factory=lambda: FormatReport("import"))
    """What the files held and a project has no place for (of the files imported)."""
    outcomes: list[FileOutcome] = field(default_factory=list)
    """Each file tried, in order: imported or refused."""
    current: Source | None = None
    """The file under way, or the file a cancel stopped in."""

    @classmethod
    def plan(
        cls,
        paths: Iterable[Path],
        fmt: str = "auto",
        *,
        layer: str,
        replace: bool = False,
        options: Mapping[str, Mapping[str, str]] | None = None,
    ) -> ImportJob:
        """The files to import from ``paths`` (files and folders), each with its format (told, under ``auto``).

        ``options`` (import options by format name) are checked here, before any file is read.
        """
        if fmt != "auto" and fmt not in readers():
            raise DataError(f"cannot import the {fmt} format", hint=f"use one of {', '.join(readers())}")
        for name, chosen in (options or {}).items():
            reader = readers().get(name)
            if reader is None:
                raise DataError(f"cannot import the {name} format", hint=f"use one of {', '.join(readers())}")
            check_options(name, reader.read_options, chosen)
        return cls(plan(list(paths), fmt), layer, replace, dict(options or {}))

    @property
    def size(self) -> int:
        """The bytes to read: what ``progress`` counts up to."""
        return sum(source.path.stat().st_size for source in self.sources)

    @property
    def finished(self) -> list[Source]:
        """The files imported."""
        return [outcome.source for outcome in self.outcomes if outcome.refused is None]

    @property
    def refused(self) -> list[FileOutcome]:
        """The files refused: nothing of them was imported."""
        return [outcome for outcome in self.outcomes if outcome.refused is not None]

    @property
    def unfinished(self) -> list[Source]:
        """The files not tried (yet): the one under way or that a cancel stopped in, and those after it."""
        return self.sources[len(self.outcomes) :]

    def run(self, store: Store, *, progress: Progress | None = None, cancelled: Asked | None = None) -> ImportReport:
        """Import the files not yet tried, in order, each in one transaction; returns the totals.

        A bad file is rolled back whole, its located error kept in ``outcomes``, and the next file is read; a
        cancel raises ``Cancelled`` with the file under way rolled back.
        """
        step = _steps(progress, cancelled)
        for source in self.unfinished:
            _check(cancelled)
            self.current = source
            lost = FormatReport(source.fmt)
            try:
                report = store.import_records(
                    read_source(
                        source, store.schema, layer=self.layer, report=lost, progress=step, options=self.options
                    ),
                    source=str(source.path),
                    replace=self.replace,
                )
            except (DataError, PermissionDenied) as error:  # PermissionDenied: another's layer, for an annotator
                said = str(error)
                self.outcomes.append(
                    FileOutcome(source, refused=said if str(source.path) in said else f"{source.path}: {said}")
                )
                continue
            self.total.add(report)
            self.left_out.lost.update(lost.lost)
            self.outcomes.append(FileOutcome(source, report))
        self.current = None
        return self.total

    def lines(self) -> list[str]:
        """What was read and imported, and what was left out, in the command line's words; then, when there were
        several files or one was refused, a line for each file."""
        total, finished = self.total, self.finished
        lines = [
            f"read {read_as(finished)}" if finished else "read no file",
            f"imported {total.documents} document(s), {total.layers} layer(s), {total.spans} span(s), "
            f"{total.relations} relation(s) from {len(finished)} file(s)"
            + (
                f"; already stored: {total.skipped_documents} document(s), {total.skipped_layers} layer(s)"
                if total.skipped_documents or total.skipped_layers
                else ""
            )
            + (f"; refused {len(self.refused)} file(s)" if self.refused else ""),
        ]
        if self.left_out.lost:
            lines.append(f"not imported (a project has no place for them): {self.left_out.losses()}")
        if len(self.outcomes) > 1 or self.refused:
            lines += [outcome.line() for outcome in self.outcomes]
        return lines
