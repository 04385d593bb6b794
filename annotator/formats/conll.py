"""CoNLL BIO: a folder of ``token<TAB>TAG`` files, one per group of labels whose spans never overlap.

Tokens come from :mod:`annotator.formats.tokens` (cut at every span boundary, so every span is whole tokens);
white-space tokens are not written. A document's layer opens with ``-DOCSTART-<TAB>O`` and a blank line; a line
break that no span crosses ends a sentence (a blank line). Tags are BIO (IOB2): ``B-LABEL`` on a span's first
token, ``I-LABEL`` on the others, ``O`` elsewhere. A span that starts or ends with white space is written without
it, and counted in the report as trimmed (a span of white space only, as not held).

Labels are grouped once the whole export is seen: each label joins the first group none of whose labels it
overlaps anywhere, so with the default schema CLAIM (which holds speakers and cues) gets a file of its own and
``SPEAKER+CUE.conll`` holds the rest (labels in the schema's order). Of the spans of one label that overlap each
other, the first (by start, the longer first) is written and the others are counted as not held.
``documents.tsv`` lists the layers in the files' order (doc id, annotator, status). BIO holds no relations,
attributes, sources, titles, meta or time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from annotator.formats.format import Format
from annotator.formats.report import FormatReport
from annotator.formats.tokens import Tokenizer
from annotator.model import LayerRecord, Span
from annotator.schema import Schema

DOCSTART = "-DOCSTART-"
INDEX = "documents.tsv"
_TOKENS = ".tokens.part"


def write_conll(
    records: Iterable[LayerRecord],
    out: Path,
    schema: Schema,
    report: FormatReport,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Write the records into the folder ``out`` (which exists and is empty)."""
    labels = list(schema.label_names)
    clashes: set[frozenset[str]] = set()
    tag_files: dict[str, IO[str]] = {}
    tokens_path = out / _TOKENS
    tokenizer = Tokenizer()
    with (
        tokens_path.open("w", encoding="utf-8", newline="\n") as tokens_out,
        (out / INDEX).open("w", encoding="utf-8", newline="\n") as index,
    ):
        index.write("doc_id\tannotator\tstatus\n")
        lines = 0
        for record in records:
            document, layer = record.document, record.layer
            spans = layer.spans if layer else ()
            for label in {s.label for s in spans} - set(labels):
                labels.append(label)
            kept = {label: _without_overlaps([s for s in spans if s.label == label], report) for label in labels}
            clashes |= _clashes([s for group in kept.values() for s in group])
            _count_trims(document.text, kept, report)
            token_lines, tags = _document_lines(document.text, spans, kept, report, tokenizer)
            for label in labels:
                if label not in tag_files:
                    tag_files[label] = (out / f".{label}.part").open("w", encoding="utf-8", newline="\n")
                    tag_files[label].write("\n" * lines)  # the lines before this label first appeared: all O
                tag_files[label].write("\n".join(tags[label]) + "\n")
            tokens_out.write("\n".join(token_lines) + "\n")
            lines += len(token_lines)
            name = layer.annotator if layer else ""
            status = str(layer.status) if layer else ""
            index.write(f"{_cell(document.doc_id)}\t{_cell(name)}\t{status}\n")
            _count_losses(record, report)
            if progress:
                progress(1)
    for stream in tag_files.values():
        stream.close()
    report.files += 1
    for group in _groups(labels, clashes):
        _merge(out, tokens_path, group)
        report.files += 1
    tokens_path.unlink()
    for label in labels:
        (out / f".{label}.part").unlink(missing_ok=True)


def _cell(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _without_overlaps(spans: list[Span], report: FormatReport) -> list[Span]:
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if kept and span.start < kept[-1].end:
            report.lose("overlap", span.label)
        else:
            kept.append(span)
    return kept


def _count_trims(text: str, kept: dict[str, list[Span]], report: FormatReport) -> None:
    """White space is not written as a token, so a span that starts or ends with some is written shorter."""
    for label, group in kept.items():
        for span in group:
            first, last = text[span.start], text[span.end - 1]
            if (first.isspace() or last.isspace()) and not text[span.start : span.end].isspace():
                report.lose("trimmed", label)


def _clashes(spans: list[Span]) -> set[frozenset[str]]:
    found: set[frozenset[str]] = set()
    active: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        active = [a for a in active if a.end > span.start]
        found.update(frozenset((a.label, span.label)) for a in active if a.label != span.label)
        active.append(span)
    return found


def _groups(labels: list[str], clashes: set[frozenset[str]]) -> list[list[str]]:
    groups: list[list[str]] = []
    for label in labels:
        for group in groups:
            if all(frozenset((label, other)) not in clashes for other in group):
                group.append(label)
                break
        else:
            groups.append([label])
    return groups


def _document_lines(
    text: str, spans: tuple[Span, ...], kept: dict[str, list[Span]], report: FormatReport, tokenizer: Tokenizer
) -> tuple[list[str], dict[str, list[str]]]:
    tokens = tokenizer(text, spans)
    inside = _covered(len(text), spans)
    token_lines = [f"{DOCSTART}\tO", ""]
    tags: dict[str, list[str]] = {label: ["", ""] for label in kept}
    at = dict.fromkeys(kept, 0)  # per label, the first kept span that does not end before the token
    begun = dict.fromkeys(kept, -1)  # per label, the last span given its B- tag
    for token in tokens:
        if token.is_space:
            if "\n" in token.text and not inside[token.start] and token_lines[-1] != "":
                token_lines.append("")
                for label in kept:
                    tags[label].append("")
            continue
        token_lines.append(token.text)
        for label, group in kept.items():
            i = at[label]
            while i < len(group) and group[i].end <= token.start:
                if begun[label] != i:  # white space only: no token to tag
                    report.lose("blank", label)
                i += 1
            at[label] = i
            if i < len(group) and group[i].start <= token.start:
                tags[label].append(f"I-{label}" if begun[label] == i else f"B-{label}")
                begun[label] = i
            else:
                tags[label].append("O")
    for label, group in kept.items():
        report.lose("blank", label, sum(1 for i in range(at[label], len(group)) if begun[label] != i))
    if token_lines[-1] != "":
        token_lines.append("")
        for label in kept:
            tags[label].append("")
    return token_lines, tags


def _covered(length: int, spans: tuple[Span, ...]) -> bytearray:
    """1 at each position strictly inside some span (a span crosses the character there)."""
    inside = bytearray(length + 1)
    for span in spans:
        inside[span.start + 1 : span.end] = b"\x01" * max(span.end - span.start - 1, 0)
    return inside


def _merge(out: Path, tokens_path: Path, group: list[str]) -> None:
    streams = [(out / f".{label}.part").open(encoding="utf-8", newline="\n") for label in group]
    try:
        with (
            tokens_path.open(encoding="utf-8", newline="\n") as tokens,
            (out / f"{'+'.join(group)}.conll").open("w", encoding="utf-8", newline="\n") as target,
        ):
            for line in tokens:
                tags = [next(s, "\n").rstrip("\n") for s in streams]
                token = line.rstrip("\n")
                if not token:
                    target.write("\n")
                elif token.startswith(DOCSTART + "\t"):
                    target.write(line)
                else:
                    tag = next((t for t in tags if t and t != "O"), "O")
                    target.write(f"{token}\t{tag}\n")
    finally:
        for stream in streams:
            stream.close()


def _count_losses(record: LayerRecord, report: FormatReport) -> None:
    layer, document = record.layer, record.document
    report.lose("title", "", int(document.title != document.text.split("\n", 1)[0].strip()))
    report.lose("meta", "", len(document.meta))
    if layer is None:
        return
    for span in layer.spans:
        for name in span.attrs:
            report.lose("attribute", name)
        report.lose("sources", "", int(bool(span.sources)))
        report.lose("rule", "", int(span.rule is not None))
    for relation in layer.relations:
        report.lose("relation", relation.label)
    report.lose("time", "", int(layer.time_spent_ms > 0))


FORMAT = Format(
    "conll",
    "a folder of CoNLL BIO files, one per group of labels",
    (".conll",),
    write_folder=write_conll,
    reserved=frozenset({"tokens"}),  # a label's working file would be its tokens' (_TOKENS)
)
