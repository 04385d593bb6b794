"""A dataset a lead can publish: a folder with one JSONL file per split (``data/SPLIT.jsonl``) and a dataset card
(``README.md``) in the Hugging Face form, so that ``datasets.load_dataset(FOLDER)`` loads every split with its
features.

``annotator export --format dataset --out DIR [--split train=0.8,dev=0.1,test=0.1] [--seed N]
[--records native|statements] [--language en]``. Rows are native records (``meta`` as a JSON string, as its keys
differ between documents) or statements rows; every layer of a document goes to the same split
(``dataset_split``). The card (``dataset_card``) states the schema, the counts per split and label, the
annotators and how gold was made, the agreement of the annotators' layers exported (``annotator.agreement``),
and the offset convention.

The records are read once: each row is written to a file in the new folder as it comes, with what the split and
the card need counted beside (a few numbers per document), and the agreement measured on the way; the rows are
then copied into their splits' files, a document at a time.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from annotator.agreement import DocumentLayers, measure
from annotator.errors import DataError
from annotator.formats.dataset_card import Facts, SplitFacts, card
from annotator.formats.dataset_split import assign, parse_seed, parse_splits
from annotator.formats.format import Choice, Format, Option, Progress
from annotator.formats.native import write_native
from annotator.formats.report import FormatReport
from annotator.formats.statements import write_statements
from annotator.model import Document, Layer, LayerRecord
from annotator.schema import Schema
from annotator.statement import stance_values

_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass(slots=True)
class _Document:
    """What one document put in the rows' file, and what the split and the card count of it."""

    doc_id: str
    ranges: list[tuple[int, int]] = field(default_factory=list)
    rows: int = 0
    layers: int = 0
    labels: Counter[str] = field(default_factory=Counter)
    relations: Counter[str] = field(default_factory=Counter)
    stances: Counter[str] = field(default_factory=Counter)


@dataclass(slots=True)
class _Gold:
    layers: int = 0
    spans: int = 0
    sources: Counter[int] = field(default_factory=Counter)
    """Gold spans by how many annotators' spans each was taken from (0: added in adjudication)."""


def check_language(value: str) -> list[str]:
    """``en`` or ``en,fr``: the languages of the texts, as ISO 639 codes."""
    codes = [code.strip() for code in value.split(",") if code.strip()]
    if not codes or not all(_LANGUAGE.match(code) for code in codes):
        raise DataError(f"--language: {value!r} is not a list of language codes", hint="as in en or en,fr")
    return codes


def write_dataset(
    records: Iterable[LayerRecord],
    out: Path,
    schema: Schema,
    report: FormatReport,
    progress: Progress | None = None,
    *,
    split: str = "train=0.8,dev=0.1,test=0.1",
    seed: str = "0",
    records_as: str = "native",
    language: str = "en",
) -> None:
    """Write the dataset into ``out``, a new empty folder: ``data/SPLIT.jsonl`` and ``README.md``."""
    splits, number, languages = parse_splits(split), parse_seed(seed), check_language(language)
    if records_as not in RECORDS.values:
        raise DataError(f"unknown --records {records_as!r}", hint=f"use {', '.join(RECORDS.values)}")
    data = out / "data"
    data.mkdir()
    rows_file = out / ".rows.jsonl"
    documents: dict[str, _Document] = {}
    annotators: Counter[str] = Counter()
    gold = _Gold()
    with rows_file.open("wb") as rows:
        writer = _Rows(rows, schema, report, records_as)
        layers = _read(records, writer, documents, annotators, gold, schema, progress)
        agreement = measure(
            layers, labels=schema.label_names, stance_values=stance_values(schema), statement=schema.statement
        )
    chosen = assign({d.doc_id: d.stances for d in documents.values()}, splits, number)
    facts = Facts(schema, records_as, languages, number, annotators, gold.layers, gold.spans, gold.sources, agreement)
    with rows_file.open("rb") as rows:
        for each in splits:
            members = [d for d in documents.values() if chosen[d.doc_id] == each.name]
            counts = SplitFacts(each.name, f"data/{each.name}.jsonl", len(members))
            if not members:
                report.note(f"split {each.name} has no documents: {len(documents)} document(s) are too few")
                facts.splits.append(counts)
                continue
            with (out / counts.path).open("wb") as target:
                for document in members:
                    counts.add(document.rows, document.layers, document.labels, document.relations, document.stances)
                    for start, end in document.ranges:
                        rows.seek(start)
                        counts.size += target.write(rows.read(end - start))
            facts.splits.append(counts)
    rows_file.unlink()
    (out / "README.md").write_text(card(facts), encoding="utf-8")
    report.note("load it with datasets.load_dataset(FOLDER); choose its licence in FOLDER/README.md before publishing")


class _Rows:
    """Writes a record's rows, native or statements, and says where they went and how many there are."""

    def __init__(self, out: io.BufferedWriter, schema: Schema, report: FormatReport, records_as: str) -> None:
        self._out, self._schema, self._report, self._as = out, schema, report, records_as

    def write(self, record: LayerRecord) -> tuple[int, int, int]:
        buffer = io.BytesIO()
        if self._as == "statements":
            write_statements([record], buffer, self._schema, self._report)
        else:
            write_native([record], buffer, self._schema)
            line = orjson.loads(buffer.getvalue())
            line["meta"] = orjson.dumps(line["meta"]).decode()
            buffer = io.BytesIO(orjson.dumps(line, option=orjson.OPT_APPEND_NEWLINE))
        raw = buffer.getvalue()
        start = self._out.tell()
        self._out.write(raw)
        return start, start + len(raw), raw.count(b"\n")


def _read(
    records: Iterable[LayerRecord],
    rows: _Rows,
    documents: dict[str, _Document],
    annotators: Counter[str],
    gold: _Gold,
    schema: Schema,
    progress: Progress | None,
) -> Iterator[DocumentLayers]:
    """Writes each record's rows and counts it; yields each document with its annotators' layers, to measure."""
    content, stance = schema.statement.content, schema.statement.stance or ""
    current: Document | None = None
    layers: dict[str, Layer] = {}
    for record in records:
        doc = record.document
        if doc is not current:
            if current is not None:
                yield DocumentLayers(current.doc_id, current.text, layers)
            current, layers = doc, {}
        counts = documents.get(doc.doc_id) or documents.setdefault(doc.doc_id, _Document(doc.doc_id))
        start, end, rows_written = rows.write(record)
        counts.ranges.append((start, end))
        counts.rows += rows_written
        layer = record.layer
        if layer is not None:
            counts.layers += 1
            counts.labels.update(span.label for span in layer.spans)
            counts.relations.update(relation.label for relation in layer.relations)
            counts.stances.update(
                value for span in layer.spans if span.label == content and (value := span.attrs.get(stance))
            )
            if layer.is_gold:
                gold.layers += 1
                gold.spans += len(layer.spans)
                gold.sources.update(len(span.sources) for span in layer.spans)
            else:
                annotators[layer.annotator] += 1
                layers[layer.annotator] = layer
        if progress:
            progress(1)
    if current is not None:
        yield DocumentLayers(current.doc_id, current.text, layers)


SPLIT = Option(
    "split",
    "the splits and their shares of the documents, as train=0.8,dev=0.1,test=0.1; a document's layers go together.",
    (),
    default="train=0.8,dev=0.1,test=0.1",
    check=parse_splits,
    metavar="NAME=SHARE,...",
    own_flag="split",
)
SEED = Option("seed", "the seed of the split: the same seed, the same split.", (), "0", parse_seed, "N", "seed")
RECORDS = Option(
    "records_as",
    "what a row is: a native record (a layer of a document) or a statement.",
    (Choice("native", "a row per layer of a document, as native JSONL"), Choice("statements", "a row per claim")),
    default="native",
    own_flag="records",
)
LANGUAGE = Option(
    "language", "the languages of the texts, for the card: en, or en,fr.", (), "en", check_language, "CODES", "language"
)

FORMAT = Format(
    "dataset",
    "a dataset to publish: a JSONL file per split and a Hugging Face dataset card",
    (".jsonl",),
    write_folder=write_dataset,
    options=(SPLIT, SEED, RECORDS, LANGUAGE),
)
