"""One module per external format, each described by one record (``FORMAT``, see ``annotator.formats.format``);
this one lists them, finds the files, tells their format, and runs a format's reader or writer.

Readers yield ``(line, LayerRecord)`` pairs, checking every span against its text before they yield it, and
raise a located ``DataError`` at the first bad one. Writers take ``(records, target, schema, report, progress)``
and the format's options: the target is a binary stream, or a new folder (``Format.folder``); they count in the
report what the format cannot hold.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import orjson

from annotator.errors import DataError, SchemaError
from annotator.formats import (
    brat,
    conll,
    dataset,
    docbin,
    doccano,
    labelstudio,
    native,
    plaintext,
    spacy_jsonl,
    statements,
)
from annotator.formats.format import Format, Likeness, Option, Progress, Records, Source, visible_files
from annotator.formats.json_stream import first_value
from annotator.formats.report import FormatReport, select_labels
from annotator.model import LayerRecord
from annotator.schema import Schema
from annotator.statement_rows import StatementsRecord

__all__ = [
    "FORMATS",
    "Format",
    "Source",
    "check_options",
    "check_schema_names",
    "detect",
    "expand",
    "export",
    "export_statements",
    "plan",
    "read_file",
    "read_source",
    "readers",
    "sniff",
    "writers",
]

FORMATS: list[Format] = [
    plaintext.FORMAT,
    native.FORMAT,
    statements.FORMAT,
    spacy_jsonl.FORMAT,
    docbin.FORMAT,
    doccano.FORMAT,
    labelstudio.FORMAT,
    brat.FORMAT,
    conll.FORMAT,
    dataset.FORMAT,
]
"""Every format, in the order they are offered. Adding a format is adding its module and a line here."""


def readers() -> dict[str, Format]:
    """The formats ``import`` reads, by name."""
    return {fmt.name: fmt for fmt in FORMATS if fmt.read is not None}


def writers() -> dict[str, Format]:
    """The formats ``export`` writes, by name."""
    return {fmt.name: fmt for fmt in FORMATS if fmt.writes}


def export(
    records: Iterable[LayerRecord],
    target: Any,
    fmt: str,
    schema: Schema,
    *,
    labels: Iterable[str] = (),
    progress: Progress | None = None,
    **options: str,
) -> FormatReport:
    """Write ``records`` (only spans with ``labels``, if given) in ``fmt`` to ``target``; returns the report.

    ``options`` are the format's (``form="label"`` for doccano); the writer's default stands for any not given.
    """
    report = FormatReport(fmt)
    labels = tuple(labels)
    for label in labels:
        if schema.label(label) is None:
            raise DataError(f"unknown label {label!r}", hint=f"the schema's labels are {', '.join(schema.label_names)}")
    if labels:
        records = select_labels(records, labels, report)
    writer = writers()[fmt]
    check_options(writer.name, writer.options, options)
    if writer.write_folder is not None:
        writer.write_folder(report.counted(records), target, schema, report, progress, **options)
    elif writer.write is not None:
        writer.write(report.counted(records), target, schema, report, progress, **options)
    return report


def export_statements(
    records: Iterable[StatementsRecord],
    target: Any,
    fmt: str,
    schema: Schema,
    *,
    progress: Progress | None = None,
    **options: str,
) -> FormatReport:
    """Write statements read alone (``Store.statement_records``) in ``fmt``, a format with ``write_statements``;
    returns the report, the same as ``export`` gives for the whole layers."""
    report = FormatReport(fmt)
    writer = writers()[fmt]
    check_options(writer.name, writer.options, options)
    if writer.write_statements is None:
        raise ValueError(f"the {fmt} format does not write statements alone")
    writer.write_statements(report.counted_statements(records), target, schema, report, progress, **options)
    return report


def check_schema_names(schema: Schema) -> None:
    """Refuses a schema that names a label, relation or attribute as a format names something of its own (an
    attribute ``start`` would take the place of native's span start): a ``SchemaError`` naming it and the format."""
    names = [
        *(("label", name) for name in schema.label_names),
        *(("relation", relation.name) for relation in schema.relations),
        *(("attribute", name) for name in schema.attribute_names),
    ]
    for fmt in FORMATS:
        for what, name in names:
            if name in fmt.reserved or name.lower() in fmt.reserved:
                raise SchemaError(
                    f"the schema's {what} {name!r} has a name the {fmt.name} format uses itself; rename it "
                    f"(the names {fmt.name} keeps: {', '.join(sorted(fmt.reserved))})"
                )


def check_options(fmt: str, declared: Iterable[Option], options: Mapping[str, str]) -> None:
    """Refuses an option ``fmt`` does not declare, or a value the option does not take."""
    known = {option.name: option for option in declared}
    for name, value in options.items():
        if name not in known:
            hint = f"its options are {', '.join(known)}" if known else "it takes none"
            raise DataError(f"the {fmt} format has no option {name!r}", hint=hint)
        refused = known[name].refused(value)
        if refused is not None:
            raise DataError(f"unknown {fmt} {name} {value!r}", hint=refused)


def plan(paths: Iterable[Path], fmt: str = "auto") -> list[Source]:
    """What to import from the files and folders named: each file with its format (told, under ``auto``)."""
    sources: list[Source] = []
    for path in paths:
        if path.is_dir():
            found = _folder(path, fmt)
            if not found:
                wanted = sorted({e for f in readers().values() if fmt in ("auto", f.name) for e in f.extensions})
                raise DataError(f"{path}: no files to import here", hint=f"expected {', '.join(wanted)}")
            sources.extend(found)
        elif path.is_file():
            sources.extend(_file(path, fmt))
        elif path.exists():  # reading a pipe would wait for a writer for ever
            raise DataError(f"{path}: not a regular file (a pipe, device or socket)", hint="name a file or a folder")
        else:
            raise DataError(f"{path}: no such file or folder")
    return sources


def _file(path: Path, fmt: str) -> list[Source]:
    if fmt == "auto":
        owner = _owner(path)
        if owner is not None and owner.layout is not None:
            return owner.layout.sources(path, True)
        return [_detected(path)]
    told = readers().get(fmt)
    if told is not None and told.layout is not None:
        return told.layout.sources(path, False)
    return [Source(path, fmt)]


def _folder(root: Path, fmt: str) -> list[Source]:
    if fmt == "auto":
        owner = _owner(root)
        if owner is not None and owner.layout is not None:
            return owner.layout.sources(root, True)
        detectable = {e for f in readers().values() if f.layout is None for e in f.extensions}
        return [_detected(p) for p in visible_files(root, detectable)]
    told = readers().get(fmt)
    if told is not None and told.layout is not None:
        return told.layout.sources(root, False)
    return [Source(p, fmt) for p in visible_files(root, told.extensions if told else ())]


def _detected(path: Path) -> Source:
    """A file with the format told from it; one whose format cannot be told carries why, to be refused alone."""
    try:
        return Source(path, detect(path), True)
    except DataError as error:
        said = str(error)
        return Source(path, "", True, problem=said if str(path) in said else f"{path}: {said}")


def _owner(path: Path) -> Format | None:
    """The format whose layout claims a file or folder (brat's ``.ann`` files), if any."""
    return next((f for f in readers().values() if f.layout is not None and f.layout.owns(path)), None)


def detect(path: Path) -> str:
    """The format of a file: by its extension, and by its first JSON value for .json and .jsonl."""
    suffix = path.suffix.lower()
    for fmt in readers().values():
        if fmt.sniff is None and fmt.layout is None and suffix in fmt.extensions:
            return fmt.name
    if any(suffix in fmt.extensions for fmt in FORMATS if fmt.sniff is not None):
        return sniff(path)
    known = ", ".join(sorted({e for fmt in readers().values() for e in fmt.extensions}))
    raise DataError(f"cannot tell the format of {path} from its extension", hint=f"use {known} or pass --format")


def sniff(path: Path) -> str:
    """Which JSON format a file is in, from its first JSON value."""
    try:
        with path.open("rb") as stream:
            first = stream.readline().removeprefix(b"\xef\xbb\xbf")
        value = orjson.loads(first) if first.strip() not in (b"", b"[", b"{") else None
    except orjson.JSONDecodeError:
        value = None
    except OSError as error:
        raise DataError(f"cannot read the file: {error.strerror or error}", source=str(path)) from None
    if value is None or isinstance(value, list):
        value = first_value(path, str(path))
    found = _likest(value)
    if found is None:
        raise DataError(
            "cannot tell the format of this JSON file", source=str(path), hint=f"pass --format ({', '.join(readers())})"
        )
    if found.read is None:
        raise DataError(
            f"a {found.name} file is an export only", source=str(path), hint="import the native export instead"
        )
    return found.name


def _likest(value: Any) -> Format | None:
    """The format a JSON value looks most like (the first listed on a tie), if any."""
    if not isinstance(value, dict):
        return None
    best, likeness = None, Likeness.NOT
    for fmt in FORMATS:
        if fmt.sniff is not None and (this := fmt.sniff(value)) > likeness:
            best, likeness = fmt, this
    return best


def read_source(
    source: Source,
    schema: Schema,
    *,
    layer: str,
    report: FormatReport,
    progress: Progress | None = None,
    options: Mapping[str, Mapping[str, str]] | None = None,
) -> Records:
    """The records of one source; ``layer`` names the layer where the file names none (``--as``).

    ``options`` are import options by format name (``{"labelstudio": {"as_map": "1=ann_a"}}``); a source gets
    its format's.
    """
    if source.problem is not None:
        raise DataError(source.problem)
    fmt = readers().get(source.fmt)
    if fmt is None or fmt.read is None:
        raise DataError(f"cannot import the {source.fmt} format", hint=f"use one of {', '.join(readers())}")
    chosen = dict((options or {}).get(fmt.name, {}))
    check_options(fmt.name, fmt.read_options, chosen)
    try:
        yield from fmt.read(
            source.path, schema, layer=source.layer or layer, report=report, progress=progress, **chosen
        )
    except OSError as error:
        raise DataError(f"cannot read the file: {error.strerror or error}", source=str(source.path)) from None


def read_file(
    path: Path, fmt: str, schema: Schema, *, progress: Progress | None = None, layer: str = "imported"
) -> Iterator[tuple[int | None, LayerRecord]]:
    """The records of one file, read in ``fmt`` (``auto``: told from the file)."""
    source = _file(path, fmt)[0]
    yield from read_source(source, schema, layer=layer, report=FormatReport(source.fmt), progress=progress)


def expand(paths: list[Path], fmt: str = "auto") -> list[Path]:
    """Files named, and the files in folders named (recursively, sorted, hidden ones skipped)."""
    return [source.path for source in plan(paths, fmt)]
