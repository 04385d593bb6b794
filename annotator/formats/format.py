"""A format as one record: each format module exports ``FORMAT = Format(...)``, and ``annotator.formats.FORMATS``
lists them. What the command line, the dialogs and ``db.transfer`` offer is built from these records: the
``--format`` choices, each format's options, how a file's format is told, and the files an export writes beside.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import IO, Any, Protocol

from annotator.formats.report import FormatReport
from annotator.model import LayerRecord
from annotator.schema import Schema
from annotator.statement_rows import StatementsRecord

Progress = Callable[[int], None]
"""Called with the units done since its last call: records written, bytes read."""

Records = Iterator[tuple[int | None, LayerRecord]]
"""What a reader yields: each record with the line it starts on (None where the file has no lines)."""


class StreamWriter(Protocol):
    """Writes ``records`` to an open binary stream and counts in ``report`` what the format cannot hold.

    A format's options come as keyword arguments named as its ``Option``s (doccano's ``form="label"``).
    """

    def __call__(
        self,
        records: Iterable[LayerRecord],
        out: IO[bytes],
        schema: Schema,
        report: FormatReport,
        progress: Progress | None = None,
        /,
    ) -> None: ...


class FolderWriter(Protocol):
    """Writes ``records`` into ``out``, a new empty folder (made whole, or not at all, by the caller)."""

    def __call__(
        self,
        records: Iterable[LayerRecord],
        out: Path,
        schema: Schema,
        report: FormatReport,
        progress: Progress | None = None,
        /,
    ) -> None: ...


class StatementsWriter(Protocol):
    """Writes the statements of ``records``, read without the rest of their layers, to an open binary stream."""

    def __call__(
        self,
        records: Iterable[StatementsRecord],
        out: IO[bytes],
        schema: Schema,
        report: FormatReport,
        progress: Progress | None = None,
        /,
    ) -> None: ...


class Reader(Protocol):
    """Yields the records of one file, each span checked against its text first; raises a located ``DataError``
    at the first bad one. ``layer`` names the layer where the file names none; ``progress`` counts bytes read.

    The format's import options (``Format.read_options``) come as keyword arguments; a reader ignores others.
    """

    def __call__(
        self, path: Path, schema: Schema, *, layer: str, report: FormatReport, progress: Progress | None, **options: str
    ) -> Records: ...


class BytesReader(Protocol):
    """Reads the records of a whole file's bytes; ``name`` (the file's stem) makes ids where the file has none."""

    def __call__(
        self, raw: bytes, schema: Schema, *, source: str, name: str, layer: str, report: FormatReport, **options: str
    ) -> Records: ...


class StreamingReader(Protocol):
    """Reads the records of a file (its path; in tests also its bytes) a JSON value at a time, as
    ``json_stream.json_values`` gives them, so that no file is held whole; ``progress`` counts bytes read."""

    def __call__(
        self,
        data: bytes | Path,
        schema: Schema,
        *,
        source: str,
        name: str,
        layer: str,
        report: FormatReport,
        progress: Progress | None = None,
        **options: str,
    ) -> Records: ...


def streaming_reader(read: StreamingReader) -> Reader:
    """A ``Reader`` that hands ``read`` the file's path, to read as a stream."""

    def reader(
        path: Path, schema: Schema, *, layer: str, report: FormatReport, progress: Progress | None, **options: str
    ) -> Records:
        yield from read(
            path, schema, source=str(path), name=path.stem, layer=layer, report=report, progress=progress, **options
        )

    return reader


def bytes_reader(read: BytesReader) -> Reader:
    """A ``Reader`` of the file's bytes, read whole."""

    def reader(
        path: Path, schema: Schema, *, layer: str, report: FormatReport, progress: Progress | None, **options: str
    ) -> Records:
        raw = path.read_bytes()
        if progress:
            progress(len(raw))
        yield from read(raw, schema, source=str(path), name=path.stem, layer=layer, report=report, **options)

    return reader


class Likeness(IntEnum):
    """How much the first JSON value of a file looks like a format's: the likest format is the file's, the first
    in ``FORMATS`` on a tie."""

    NOT = 0
    SHAPE = 1
    """A shape other formats share: a ``data`` object, ``text`` with ``spans`` or with ``doc_id``."""
    KEYS = 2
    """Keys of its own that other tools' files may carry too (Prodigy's ``tokens``, ``answer``)."""
    LABELS = 3
    """Its own way of holding labels or rows (doccano's ``label``, a statement's ``claim_id``)."""
    TASK = 4
    """Its whole record (Label Studio's ``data`` with ``annotations``)."""


Sniff = Callable[[dict[str, Any]], Likeness]
"""How much a file's first JSON object looks like the format's."""


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    what: str = ""
    """What the value does, shown beside it in the export dialog."""


@dataclass(frozen=True, slots=True)
class Option:
    """A choice a writer (or, in ``Format.read_options``, a reader) takes, as a keyword argument of this name. The
    command line offers it as ``--FORMAT-NAME`` (``_`` as ``-``; its help prefixed with ``FORMAT:``), the export
    dialog a writer's as a row shown with the format.

    An option without ``choices`` takes free text, which ``check`` (if any) refuses with a ``DataError``.
    """

    name: str
    help: str
    choices: tuple[Choice, ...]
    default: str
    check: Callable[[str], object] | None = None
    metavar: str = "TEXT"
    own_flag: str = ""
    """The command line's flag without the format's name, for a format whose options are what its export is
    about (the dataset's ``--split``); ``--FORMAT-NAME`` when empty."""

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(choice.value for choice in self.choices)

    @property
    def flag(self) -> str:
        """The command line's word for it: ``as-map`` for ``as_map``."""
        return self.name.replace("_", "-")

    def flag_of(self, fmt: str) -> str:
        """The whole flag: ``--doccano-form``, or the own flag (``--split``)."""
        return f"--{self.own_flag}" if self.own_flag else f"--{fmt}-{self.flag}"

    def refused(self, value: str) -> str | None:
        """Why ``value`` is refused, or None; raises the ``check``'s ``DataError`` for free text."""
        if self.choices:
            return None if value in self.values else f"use {', '.join(self.values)}"
        if self.check is not None:
            self.check(value)
        return None


@dataclass(frozen=True, slots=True)
class Sidecar:
    """A file an export writes beside its file, made from the schema: ``NAME.config.xml`` beside ``NAME.json``."""

    suffix: str
    what: str
    """What it is, as the command line's help names it ("labeling config")."""
    title: str
    """What it is, as the report of an export names it ("Label Studio labeling config")."""
    content: Callable[[Schema], bytes]

    def path(self, beside: Path) -> Path:
        return beside.with_name(f"{beside.stem}{self.suffix}")


@dataclass(frozen=True, slots=True)
class Source:
    """One unit of an import (one transaction): a file in a format, or a brat document with its layer's name."""

    path: Path
    fmt: str
    detected: bool = False
    layer: str | None = None
    problem: str | None = None
    """Why its format could not be told (located, with what to do): the file is refused when its turn comes."""


@dataclass(frozen=True, slots=True)
class Layout:
    """How a format whose documents are several files in a tree of folders finds them (brat: ``DOC.txt`` beside
    ``DOC.ann``, a folder per layer), where the extension of a file does not tell."""

    owns: Callable[[Path], bool]
    """Whether a file or folder is in this format (asked before any extension, when the format is not given)."""
    sources: Callable[[Path, bool], list[Source]]
    """The sources in a file or folder; the flag says whether the format was detected."""


@dataclass(frozen=True, slots=True)
class Format:
    """One format: what ``import`` reads and ``export`` writes in it, and how."""

    name: str
    what: str
    """One line: what the format is (the command line's help, the export dialog)."""
    extensions: tuple[str, ...]
    """The extensions of its files (``import --format`` of a folder reads these); an export file gets the first."""
    read: Reader | None = None
    """None for a format that is only written."""
    write: StreamWriter | None = None
    write_folder: FolderWriter | None = None
    """For a format that is a folder of files (brat, conll): its export is a new folder."""
    write_statements: StatementsWriter | None = None
    """For a format that writes only statements: the writer an export of a project uses instead of ``write``
    (unless it selects labels), given the statements the Store reads alone (``Store.statement_records``), which
    is faster than reading whole layers. It must write the same bytes as ``write``."""
    sniff: Sniff | None = None
    """For JSON formats: told from a file's first JSON value (``.json``, ``.jsonl``, ``.ndjson``)."""
    layout: Layout | None = None
    options: tuple[Option, ...] = ()
    read_options: tuple[Option, ...] = ()
    """Options of ``import`` in this format (Label Studio's ``as_map``), passed to ``read`` as keywords."""
    sidecars: tuple[Sidecar, ...] = ()
    reserved: frozenset[str] = frozenset()
    """Names the format uses itself where a schema's names go (native's span keys beside the attributes, CoNLL's
    working files named by labels): a schema that gives a label, relation or attribute one of them is refused."""

    @property
    def writes(self) -> bool:
        return self.write is not None or self.write_folder is not None

    @property
    def folder(self) -> bool:
        """Whether an export is a new folder rather than a file."""
        return self.write_folder is not None

    @property
    def suffix(self) -> str:
        """The extension of an export's file, or "" for a folder."""
        return "" if self.folder else self.extensions[0]


def visible_files(root: Path, suffixes: Iterable[str]) -> list[Path]:
    """The files below ``root`` with one of ``suffixes``, sorted; hidden files and folders are skipped."""
    wanted = tuple(suffixes)
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and p.suffix.lower() in wanted
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


def in_words(names: Iterable[str]) -> str:
    """``brat and conll``; ``a, b and c``."""
    listed = list(names)
    return " and ".join([", ".join(listed[:-1]), listed[-1]] if len(listed) > 2 else listed)
