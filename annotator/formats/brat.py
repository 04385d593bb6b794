"""brat standoff: a folder with ``annotation.conf`` and, per layer, a folder of ``DOC.txt`` + ``DOC.ann``.

``OUT/annotation.conf`` declares the labels, relations and choice attributes; ``OUT/LAYER/DOC.txt`` holds the
document's text (UTF-8, ``\\n`` newlines) and ``OUT/LAYER/DOC.ann`` its spans (``T1<TAB>LABEL START END<TAB>text``,
code points, end exclusive), relations (``R1<TAB>LABEL Arg1:T3 Arg2:T1``), choice attributes
(``A1<TAB>stance T3 FAVOR``), the other attributes as normalisations (``N1<TAB>Reference T1 speaker:Ilham_Aliyev
<TAB>Ilham Aliyev``: the value is the text after the tab) and gold sources as a note (``#1<TAB>AnnotatorNotes
T1<TAB>sources: ann_01, ann_02``). Layer and document names are percent-encoded where they hold characters a file
name should not (``/``, ``%``, control characters, a leading dot). brat spans cannot cross a line, and the text
field holds no tab: a span over a tab or any character at which ``str.splitlines`` breaks a line (``\\n``, U+2028,
U+0085, ``\\v``...: brat reads ``.ann`` files with ``codecs``) is written in fragments (``T1<TAB>CLAIM 5 11;12 21``),
joined again on import. ``annotation.conf`` allows spans to nest, cross and coincide (``<OVERLAP>``), as a
project does. brat has no layer status, time spent, title or meta.

Reading: a folder of ``.txt`` and ``.ann`` files (a ``.txt`` without an ``.ann`` has no spans); the layer is the
name of the folder the files are in, below the folder named on the command line, else the name the import was
given (``--as``). Events, equivalences and other notes are counted as not imported.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote

from annotator.errors import DataError
from annotator.formats.foreign import SpanChecker, document
from annotator.formats.format import Format, Layout, Progress, Records, Source, visible_files
from annotator.formats.report import FormatReport
from annotator.model import Layer, LayerRecord, Relation, Span, Status
from annotator.schema import Schema
from annotator.text import decode

CONF = "annotation.conf"
SOURCES_NOTE = "sources: "
# brat reads an .ann file line by line through ``codecs``, which breaks lines where ``str.splitlines`` does (U+2028,
# U+2029, U+0085, \v, \f, \x1c-\x1e as well as \n and \r); a tab would end the line's text field.
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_FRAGMENT = re.compile(f"[^\t{LINE_BREAKS}]+")
_UNSAFE = re.compile(r'[%/\\:*?"<>|\x00-\x1f\x7f]')


def file_name(name: str) -> str:
    """``name`` as a file name: ``%XX`` for ``%``, path separators, control characters and a leading dot."""
    encoded = _UNSAFE.sub(lambda match: f"%{ord(match.group()):02X}", name)
    return "%2E" + encoded[1:] if encoded.startswith(".") else encoded


NAME_MAX = 200
"""The most bytes of a name brat's export gives a file or folder, before ``.ann``: file systems hold 255."""
DOCUMENTS = "documents"
"""The folder of the documents exported without a layer."""


class FileNames:
    """File names for layers and documents that always fit and never collide: ``file_name(name)`` where it is
    shorter than ``NAME_MAX`` bytes and not taken (by another name, the same but for case, or ``taken``), else its
    first bytes with ``~`` and a hash of the whole name. ``changed`` keeps what was renamed, for the report."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._given: dict[str, str] = {}
        self._used = {name.casefold() for name in taken}
        self.changed: list[tuple[str, str]] = []

    def __call__(self, name: str) -> str:
        given = self._given.get(name)
        if given is not None:
            return given
        encoded = file_name(name)
        if len(encoded.encode()) > NAME_MAX or encoded.casefold() in self._used:
            digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:12]
            head = encoded.encode()[: NAME_MAX - len(digest) - 1].decode("utf-8", "ignore")
            encoded = f"{re.sub(r'%[0-9A-F]?$', '', head)}~{digest}"  # not cut inside a %XX
            self.changed.append((name, encoded))
        self._used.add(encoded.casefold())
        self._given[name] = encoded
        return encoded


def _note_renamed(report: FormatReport, what: str, names: FileNames) -> None:
    if names.changed:
        shown = "; ".join(f"{_clip(name)!r} as {_clip(encoded)!r}" for name, encoded in names.changed[:3])
        more = f" and {len(names.changed) - 3} more" if len(names.changed) > 3 else ""
        report.note(f"{len(names.changed)} {what} name(s) too long or taken, written as: {shown}{more}")


def _clip(text: str, size: int = 40) -> str:
    return text if len(text) <= size else f"{text[: size - 14]}…{text[-12:]}"


def write_brat(
    records: Iterable[LayerRecord],
    out: Path,
    schema: Schema,
    report: FormatReport,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Write the records into the folder ``out`` (which exists and is empty)."""
    (out / CONF).write_text(annotation_conf(schema), encoding="utf-8")
    report.files += 1
    choice = {a.name for a in schema.attributes if a.kind == "choice"}
    layers, documents = FileNames(taken=(CONF, DOCUMENTS)), FileNames()
    for record in records:
        document_, layer = record.document, record.layer
        folder = out / (layers(layer.annotator) if layer else DOCUMENTS)
        folder.mkdir(exist_ok=True)
        stem = folder / documents(document_.doc_id)
        stem.with_name(stem.name + ".txt").write_text(document_.text, encoding="utf-8", newline="\n")
        lines = _ann_lines(document_.text, layer, choice, report) if layer else []
        stem.with_name(stem.name + ".ann").write_text("".join(lines), encoding="utf-8", newline="\n")
        report.files += 2
        first_line = document_.text.split("\n", 1)[0].strip()
        report.lose("title", "", int(document_.title != first_line))
        report.lose("meta", "", len(document_.meta))
        if layer:
            report.lose("status", str(layer.status), int(layer.status != Status.DONE))
            report.lose("time", "", int(layer.time_spent_ms > 0))
        if progress:
            progress(1)
    _note_renamed(report, "layer", layers)
    _note_renamed(report, "document", documents)


def _ann_lines(text: str, layer: Layer, choice: set[str], report: FormatReport) -> list[str]:
    lines, number = [], {}
    counts = {"A": 0, "N": 0, "#": 0}
    for n, span in enumerate(layer.spans, start=1):
        fragments = [(m.start(), m.end()) for m in _FRAGMENT.finditer(text, span.start, span.end)]
        if not fragments:  # a span of line breaks only: brat has no way to show it
            report.lose("blank", span.label)
            continue
        if (fragments[0][0], fragments[-1][1]) != (span.start, span.end):
            report.lose("edge", span.label)
        number[span.key] = f"T{n}"
        where = ";".join(f"{a} {b}" for a, b in fragments)
        shown = " ".join(text[a:b] for a, b in fragments)
        lines.append(f"T{n}\t{span.label} {where}\t{shown}\n")
        for name, value in span.attrs.items():
            kind = "A" if name in choice and not any(c.isspace() for c in value) else "N"
            counts[kind] += 1
            if kind == "A":
                lines.append(f"A{counts['A']}\t{name} T{n} {value}\n")
            else:
                lines.append(f"N{counts['N']}\tReference T{n} {name}:{_entry(value)}\t{value}\n")
        if span.sources:
            counts["#"] += 1
            lines.append(f"#{counts['#']}\tAnnotatorNotes T{n}\t{SOURCES_NOTE}{', '.join(span.sources)}\n")
        report.lose("rule", "", int(span.rule is not None))
    for n, relation in enumerate(layer.relations, start=1):
        if relation.head not in number or relation.child not in number:
            report.lose("relation", relation.label)
            continue
        lines.append(f"R{n}\t{relation.label} Arg1:{number[relation.head]} Arg2:{number[relation.child]}\t\n")
    return lines


def _entry(value: str) -> str:
    return re.sub(r"\s+", "_", value.strip()) or "_"


def annotation_conf(schema: Schema) -> str:
    """brat's ``annotation.conf`` for the schema: entities, relations and choice attributes."""
    lines = ["# Written by annotator from the project's schema.", "", "[entities]", ""]
    lines += [label.name for label in schema.labels]
    lines += ["", "[relations]", ""]
    lines += [f"{r.name}\tArg1:{r.head}, Arg2:{r.child}" for r in schema.relations]
    # A project's spans may nest, cross and coincide; without this line brat's validation flags every such pair.
    lines += ["<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>"]
    lines += ["", "[events]", "", "[attributes]", ""]
    for attribute in schema.attributes:
        if attribute.kind == "choice":
            lines.append(f"{attribute.name}\tArg:{'|'.join(attribute.labels)}, Value:{'|'.join(attribute.values)}")
    return "\n".join(lines) + "\n"


def read_brat(
    txt: Path, schema: Schema, *, layer: str, report: FormatReport
) -> Iterator[tuple[int | None, LayerRecord]]:
    """The document in ``txt`` with the layer in the ``.ann`` beside it (none when there is no ``.ann``).

    Only regular files are read: a pipe named ``DOC.ann`` would wait for a writer for ever (and the import hold
    the project's write lock meanwhile), so a document with such a file is skipped and counted in the report.
    """
    ann = txt.with_suffix(".ann")
    for path in (txt, ann):
        if path.exists() and not path.is_file():
            report.lose("irregular", path.name)
            return
    checker = SpanChecker(decode(txt.read_bytes(), str(txt)))
    try:
        doc = document(unquote(txt.stem), checker)
    except DataError as error:
        raise error.located(source=str(txt)) from None
    if not ann.exists():
        yield None, LayerRecord(doc, None)
        return
    source = str(ann)
    lines = decode(ann.read_bytes(), source).split("\n")
    spans: dict[str, Span] = {}
    relations: list[Relation] = []
    rest: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        try:
            if line.startswith("T"):
                span = _text_bound(line, checker)
                spans[span.key] = span
            else:
                rest.append((number, line))
        except DataError as error:
            raise error.located(source=source, line=number) from None
    for number, line in rest:
        try:
            _other(line, spans, relations, schema, report)
        except DataError as error:
            raise error.located(source=source, line=number) from None
    yield None, LayerRecord(doc, Layer(doc.doc_id, layer, Status.DONE, 0, tuple(spans.values()), tuple(relations)))


def _text_bound(line: str, checker: SpanChecker) -> Span:
    columns = line.split("\t")
    if len(columns) < 2 or " " not in columns[1]:
        raise DataError("expected T<n><TAB>LABEL START END<TAB>text", hint="see brat's standoff format")
    key = columns[0]
    label, _, where = columns[1].partition(" ")
    try:
        fragments = [tuple(int(x) for x in part.split()) for part in where.split(";")]
    except ValueError:
        raise DataError(f"offsets {where!r} are not whole numbers", span=key) from None
    if any(len(f) != 2 for f in fragments):
        raise DataError(f"offsets {where!r} are not START END pairs", span=key)
    start, end = fragments[0][0], fragments[-1][1]
    quoted = columns[2] if len(columns) > 2 else None
    text = checker.raw_text
    for (_, a_end), (b_start, _) in itertools.pairwise(fragments):
        if a_end > b_start or text[a_end:b_start].strip():
            raise DataError(
                "a discontinuous span (its fragments are apart)",
                span=f"{key} [{start}, {end})",
                hint="a project's spans are continuous: join the fragments in brat",
            )
    shown = None if quoted is None else " ".join(text[a:b] for a, b in fragments if 0 <= a <= b <= len(text))
    span = checker.span(key, start, end, label, quoted=quoted, same=lambda q, _p: q == shown)
    return span


def _other(line: str, spans: dict[str, Span], relations: list[Relation], schema: Schema, report: FormatReport) -> None:
    columns = line.split("\t")
    kind, fields = line[0], columns[1].split() if len(columns) > 1 else []
    if kind == "R" and len(fields) == 3:
        label, head, child = fields[0], fields[1].partition(":")[2], fields[2].partition(":")[2]
        for end in (head, child):
            if end not in spans:
                raise DataError(f"relation {columns[0]}: {end!r} is not a text-bound annotation of this file")
        relations.append(Relation(columns[0], head, child, label))
    elif kind in "AM" and len(fields) in (2, 3):
        if fields[1] not in spans or schema.attribute(fields[0]) is None:
            report.lose("attribute", fields[0])  # on an event, or not in the project's schema
            return
        spans[fields[1]].attrs[fields[0]] = fields[2] if len(fields) == 3 else "true"
    elif kind == "N" and len(fields) == 3 and fields[1] in spans and schema.attribute(fields[2].partition(":")[0]):
        spans[fields[1]].attrs[fields[2].partition(":")[0]] = columns[2] if len(columns) > 2 else ""
    elif kind == "#" and len(columns) > 2 and columns[2].startswith(SOURCES_NOTE) and fields[1:] and fields[1] in spans:
        names = columns[2][len(SOURCES_NOTE) :].split(",")
        spans[fields[1]].sources = tuple(n.strip() for n in names if n.strip())
    elif kind == "E":
        report.lose("event")
    elif kind == "*":
        report.lose("equivalence")
    elif kind in "#N":
        report.lose("note")
    else:
        raise DataError(f"cannot read the line {line[:40]!r}", hint="see brat's standoff format")


def _owns(path: Path) -> bool:
    """A folder with ``.ann`` files or ``annotation.conf``; an ``.ann`` file, or a ``.txt`` with one beside."""
    if path.is_dir():
        return bool(visible_files(path, (".ann",))) or (path / CONF).is_file()
    suffix = path.suffix.lower()
    return suffix == ".ann" or (suffix == ".txt" and path.with_suffix(".ann").is_file())


def _sources(path: Path, detected: bool) -> list[Source]:
    """A document per ``.txt`` (the layer: the folder below the one named); a file named is its ``.txt``."""
    if not path.is_dir():
        return [Source(path.with_suffix(".txt"), "brat", detected)]
    sources = []
    for txt in visible_files(path, (".txt",)):
        parts = txt.relative_to(path).parts
        layer = unquote(parts[0]) if len(parts) > 1 else None
        sources.append(Source(txt, "brat", detected, layer))
    return sources


def _read(
    path: Path, schema: Schema, *, layer: str, report: FormatReport, progress: Progress | None, **_options: str
) -> Records:
    if progress:
        progress(path.stat().st_size)
    yield from read_brat(path, schema, layer=layer, report=report)


FORMAT = Format(
    "brat",
    "a brat folder: annotation.conf, LAYER/DOC.txt and .ann",
    (".ann", ".txt"),
    read=_read,
    write_folder=write_brat,
    layout=Layout(_owns, _sources),
)
