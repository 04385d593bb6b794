"""One module per external format; this one finds the files, tells their format, and picks a reader or writer.

Readers yield ``(line, LayerRecord)`` pairs, checking every span against its text before they yield it, and
raise a located ``DataError`` at the first bad one. Writers take ``(records, target, schema, report, progress)``:
the target is a binary stream, or a folder (``Writer.directory``); they count in the report what the format
cannot hold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import orjson

from annotator.errors import DataError
from annotator.formats import brat, conll, docbin, doccano, labelstudio, native, plaintext, spacy_jsonl, statements
from annotator.formats.foreign import json_values
from annotator.formats.report import FormatReport, select_labels
from annotator.model import LayerRecord
from annotator.schema import Schema

Progress = Callable[[int], None]

READERS = {
    "text": plaintext.EXTENSIONS,
    "native": native.EXTENSIONS,
    "doccano": doccano.EXTENSIONS,
    "spacy": spacy_jsonl.EXTENSIONS,
    "labelstudio": labelstudio.EXTENSIONS,
    "brat": (".ann", ".txt"),
}
"""The formats ``import`` reads, with the file extensions each reads."""

_JSON = (".jsonl", ".ndjson", ".json")


def _native_writer(records: Iterable[LayerRecord], out: Any, schema: Schema, report: FormatReport, progress=None):
    native.write_native(records, out, schema, progress)


@dataclass(frozen=True, slots=True)
class Writer:
    write: Callable[..., None]
    suffix: str
    """The file extension of the output, or "" for a folder."""
    what: str

    @property
    def directory(self) -> bool:
        return not self.suffix


WRITERS = {
    "native": Writer(_native_writer, ".jsonl", "native JSONL: lossless, offsets in code points"),
    "statements": Writer(statements.write_statements, ".jsonl", "one JSONL row per CLAIM with its context"),
    "spacy": Writer(spacy_jsonl.write_spacy, ".jsonl", "spaCy/Prodigy JSONL with tokens, spans, relations"),
    "docbin": Writer(docbin.write_docbin, ".spacy", "a spaCy DocBin (needs the spacy extra)"),
    "doccano": Writer(doccano.write_doccano, ".jsonl", "doccano JSONL, UTF-16 offsets, stance in the label"),
    "labelstudio": Writer(labelstudio.write_labelstudio, ".json", "Label Studio tasks (JSON)"),
    "brat": Writer(brat.write_brat, "", "a brat folder: annotation.conf, LAYER/DOC.txt and .ann"),
    "conll": Writer(conll.write_conll, "", "a folder of CoNLL BIO files, one per group of labels"),
}
"""The formats ``export`` writes."""


def export(
    records: Iterable[LayerRecord],
    target: Any,
    fmt: str,
    schema: Schema,
    *,
    labels: Iterable[str] = (),
    progress: Progress | None = None,
    **options: Any,
) -> FormatReport:
    """Write ``records`` (only spans with ``labels``, if given) in ``fmt`` to ``target``; returns the report."""
    report = FormatReport(fmt)
    labels = tuple(labels)
    for label in labels:
        if schema.label(label) is None:
            raise DataError(f"unknown label {label!r}", hint=f"the schema's labels are {', '.join(schema.label_names)}")
    if labels:
        records = select_labels(records, labels, report)
    WRITERS[fmt].write(report.counted(records), target, schema, report, progress, **options)
    return report


@dataclass(frozen=True, slots=True)
class Source:
    """One unit of an import (one transaction): a file in a format, or a brat document with its layer's name."""

    path: Path
    fmt: str
    detected: bool = False
    layer: str | None = None


def plan(paths: Iterable[Path], fmt: str = "auto") -> list[Source]:
    """What to import from the files and folders named: each file with its format (told, under ``auto``)."""
    sources: list[Source] = []
    for path in paths:
        if path.is_dir():
            found = _folder(path, fmt)
            if not found:
                wanted = sorted({e for n, exts in READERS.items() if fmt in ("auto", n) for e in exts})
                raise DataError(f"{path}: no files to import here", hint=f"expected {', '.join(wanted)}")
            sources.extend(found)
        elif path.is_file():
            if fmt == "brat" or (fmt == "auto" and _is_brat_file(path)):
                sources.append(Source(path.with_suffix(".txt"), "brat", fmt == "auto"))
            else:
                sources.append(Source(path, detect(path) if fmt == "auto" else fmt, fmt == "auto"))
        else:
            raise DataError(f"{path}: no such file or folder")
    return sources


def _visible(root: Path, suffixes: tuple[str, ...]) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and p.suffix.lower() in suffixes
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


def _folder(root: Path, fmt: str) -> list[Source]:
    if fmt == "brat" or (fmt == "auto" and (_visible(root, (".ann",)) or (root / brat.CONF).is_file())):
        sources = []
        for txt in _visible(root, (".txt",)):
            parts = txt.relative_to(root).parts
            layer = unquote(parts[0]) if len(parts) > 1 else None
            sources.append(Source(txt, "brat", fmt == "auto", layer))
        return sources
    if fmt == "auto":
        return [Source(p, detect(p), True) for p in _visible(root, (*plaintext.EXTENSIONS, *_JSON))]
    return [Source(p, fmt) for p in _visible(root, READERS.get(fmt, ()))]


def _is_brat_file(path: Path) -> bool:
    suffix = path.suffix.lower()
    return suffix == ".ann" or (suffix == ".txt" and path.with_suffix(".ann").is_file())


def detect(path: Path) -> str:
    """The format of a file: by its extension, and by its first JSON value for .json and .jsonl."""
    suffix = path.suffix.lower()
    if suffix in plaintext.EXTENSIONS:
        return "text"
    if suffix in _JSON:
        return sniff(path)
    known = ", ".join(sorted({".txt", ".ann", *_JSON}))
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
        value = next((v for _, v in json_values(path.read_bytes(), str(path))), None)
    name = _json_kind(value)
    if name is None:
        raise DataError(
            "cannot tell the format of this JSON file", source=str(path), hint=f"pass --format ({', '.join(READERS)})"
        )
    if name == "statements":
        raise DataError(
            "a statements file is an export only", source=str(path), hint="import the native export instead"
        )
    return name


def _json_kind(value: Any) -> str | None:
    if not isinstance(value, dict):
        return None
    keys = value.keys()
    if isinstance(value.get("data"), dict) and keys & {"annotations", "predictions", "completions", "id"}:
        return "labelstudio"
    if "claim_id" in keys and "context" in keys:
        return "statements"
    if keys & {"entities", "label", "labels"}:
        return "doccano"
    if keys & {"tokens", "_input_hash", "_annotator_id", "answer"}:
        return "spacy"
    if "doc_id" in keys and "text" in keys:
        return "native"
    if "spans" in keys and "text" in keys:
        return "spacy"
    if isinstance(value.get("data"), dict):
        return "labelstudio"
    return None


def read_source(
    source: Source, schema: Schema, *, layer: str, report: FormatReport, progress: Progress | None = None
) -> Iterator[tuple[int | None, LayerRecord]]:
    """The records of one source; ``layer`` names the layer where the file names none (``--as``)."""
    path, fmt, where = source.path, source.fmt, str(source.path)
    try:
        if fmt == "native":
            with path.open("rb") as stream:
                yield from native.read_native(stream, schema, source=where, progress=progress)
            return
        if fmt == "brat":
            if progress:
                progress(path.stat().st_size)
            yield from brat.read_brat(path, schema, layer=source.layer or layer, report=report)
            return
        raw = path.read_bytes()
        if progress:
            progress(len(raw))
        if fmt == "text":
            yield from plaintext.read_text(raw, name=path.name, source=where)
            return
        readers = {
            "doccano": doccano.read_doccano,
            "spacy": spacy_jsonl.read_spacy,
            "labelstudio": labelstudio.read_labelstudio,
        }
        if fmt not in readers:
            raise DataError(f"cannot import the {fmt} format", hint=f"use one of {', '.join(READERS)}")
        yield from readers[fmt](raw, schema, source=where, name=path.stem, layer=layer, report=report)
    except OSError as error:
        raise DataError(f"cannot read the file: {error.strerror or error}", source=where) from None


def read_file(
    path: Path, fmt: str, schema: Schema, *, progress: Progress | None = None, layer: str = "imported"
) -> Iterator[tuple[int | None, LayerRecord]]:
    """The records of one file, read in ``fmt`` (``auto``: told from the file)."""
    if fmt == "auto":
        fmt = "brat" if _is_brat_file(path) else detect(path)
    source = Source(path.with_suffix(".txt") if fmt == "brat" else path, fmt)
    yield from read_source(source, schema, layer=layer, report=FormatReport(fmt), progress=progress)


def expand(paths: list[Path], fmt: str = "auto") -> list[Path]:
    """Files named, and the files in folders named (recursively, sorted, hidden ones skipped)."""
    return [source.path for source in plan(paths, fmt)]
