"""The dataset card (``README.md``) of a dataset export, in the Hugging Face form: a YAML header that tells
``datasets`` where each split's file is (``configs``) and what its features are (``dataset_info``: the nested
spans and relations keep one type in every row), then what a person needs to use the data well.

The licence is left for the lead to choose. Strings in the header are written as JSON strings, which YAML reads
as they are.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from annotator.agreement import Figure, Report
from annotator.formats.statements import columns
from annotator.schema import Schema
from annotator.statement import stance_values

_INTEGERS = frozenset(
    {"start", "end", "context_start", "context_end", "speaker_start", "speaker_end", "cue_start", "cue_end"}
)
_SIZES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"))

_NATIVE_FIELDS = {
    "doc_id": "the document's id",
    "annotator": 'the layer: an annotator\'s name, or "gold" for the adjudicated layer (null: a document without one)',
    "status": "the layer's status: todo, in_progress or done",
    "time_spent_ms": "the time the annotator spent on the layer, in milliseconds",
    "offset_unit": 'always "codepoint": see Offsets',
    "text": "the document's text (newlines normalised to \\n)",
    "text_sha256": "the SHA-256 of the text's UTF-8 bytes, to check a copy of the text",
    "meta": "the document's title and metadata, as a JSON object in a string (their keys differ between documents)",
    "spans": "the layer's spans: id, start, end, label, text, every attribute (null where it does not apply), "
    "sources (on gold: the annotators the span was taken from) and rule (the proposal rule it was accepted from)",
    "relations": "the layer's relations: id, head and child (span ids), label",
}
_STATEMENT_FIELDS = {
    "doc_id": "the document's id",
    "annotator": 'the layer: an annotator\'s name, or "gold"',
    "status": "the layer's status",
    "claim_id": "the id of the content span in its layer",
    "start": "where the content starts in the document's text",
    "end": "where it ends (exclusive)",
    "text": "the content",
    "context": "the paragraph (the line, or lines) the content is in",
    "context_start": "where the context starts in the text",
    "context_end": "where it ends",
    "speaker": "the canonical name of the speaker the content is attributed to",
    "speaker_mention": "the source mention it is attributed to",
    "speaker_start": "where the mention starts",
    "speaker_end": "where it ends",
    "cue": "the content's first cue (reporting verb or phrase)",
    "cue_start": "where the cue starts",
    "cue_end": "where it ends",
    "stance": "the stance towards the target",
    "target": "what the stance is about",
    "quote_type": "direct, indirect or mixed",
}


@dataclass(slots=True)
class SplitFacts:
    """One split's file and counts."""

    name: str
    path: str
    documents: int
    rows: int = 0
    size: int = 0
    """The file's bytes."""
    layers: int = 0
    labels: Counter[str] = field(default_factory=Counter)
    relations: Counter[str] = field(default_factory=Counter)
    stances: Counter[str] = field(default_factory=Counter)

    def add(self, rows: int, layers: int, labels: Counter[str], relations: Counter[str], stances: Counter[str]) -> None:
        self.rows += rows
        self.layers += layers
        self.labels.update(labels)
        self.relations.update(relations)
        self.stances.update(stances)


@dataclass(slots=True)
class Facts:
    """What the card states."""

    schema: Schema
    records_as: str
    languages: list[str]
    seed: int
    annotators: Counter[str]
    """Layers exported, by annotator (gold apart)."""
    gold_layers: int
    gold_spans: int
    gold_sources: Counter[int]
    agreement: Report
    splits: list[SplitFacts] = field(default_factory=list)


def card(facts: Facts) -> str:
    """The whole README.md."""
    return "\n".join([*_header(facts), *_body(facts)]) + "\n"


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _header(facts: Facts) -> list[str]:
    rows = sum(split.rows for split in facts.splits)
    size = next((name for limit, name in _SIZES if rows < limit), "1M<n<10M")
    kept = [split for split in facts.splits if split.rows]
    lines = [
        "---",
        "# Choose the licence before publishing: https://huggingface.co/docs/hub/repositories-licenses",
        'license: ""',
        "language:",
        *(f"- {_q(code)}" for code in facts.languages),
        f"pretty_name: {_q(facts.schema.name)}",
        "task_categories:",
        "- token-classification",
        "- text-classification",
        "size_categories:",
        f"- {_q(size)}",
        "configs:",
        "- config_name: default",
        "  data_files:",
    ]
    for split in kept:
        lines += [f"  - split: {_q(split.name)}", f"    path: {_q(split.path)}"]
    lines += ["dataset_info:", "  config_name: default", "  features:"]
    lines += _features(facts)
    lines.append("  splits:")
    for split in kept:
        lines += [f"  - name: {_q(split.name)}", f"    num_bytes: {split.size}", f"    num_examples: {split.rows}"]
    lines.append("---")
    return lines


def _features(facts: Facts) -> list[str]:
    """The ``dataset_info.features`` of the rows, indented under it."""
    if facts.records_as == "statements":
        return [
            line
            for name in columns(facts.schema)
            for line in (f"  - name: {_q(name)}", f"    dtype: {'int64' if name in _INTEGERS else 'string'}")
        ]
    lines: list[str] = []
    for name in _NATIVE_FIELDS:
        lines.append(f"  - name: {_q(name)}")
        if name == "spans":
            lines.append("    list:")
            fields = [("id", "string"), ("start", "int64"), ("end", "int64"), ("label", "string"), ("text", "string")]
            fields += [(attribute, "string") for attribute in facts.schema.attribute_names]
            for field_name, dtype in fields:
                lines += [f"    - name: {_q(field_name)}", f"      dtype: {dtype}"]
            lines += ['    - name: "sources"', "      list: string", '    - name: "rule"', "      dtype: string"]
        elif name == "relations":
            lines.append("    list:")
            for field_name in ("id", "head", "child", "label"):
                lines += [f"    - name: {_q(field_name)}", "      dtype: string"]
        else:
            lines.append(f"    dtype: {'int64' if name == 'time_spent_ms' else 'string'}")
    return lines


def _body(facts: Facts) -> list[str]:
    schema = facts.schema
    documents = sum(split.documents for split in facts.splits)
    rows = sum(split.rows for split in facts.splits)
    what = "a layer of a document (native records)" if facts.records_as == "native" else "a statement (a claim)"
    lines = [
        "",
        f"# {schema.name}",
        "",
        f"{documents} news document(s) annotated for who said what, and with which stance: {rows} row(s), "
        f"each {what}. Made with annotator.",
        "",
        "```python",
        "from datasets import load_dataset",
        'dataset = load_dataset("PATH/TO/THIS/FOLDER")',
        "```",
        "",
        "## Splits",
        "",
        f"By document: every layer of a document is in the same split. Drawn with seed {facts.seed} and stratified "
        "so that each split holds claims of every stance where the documents allow.",
        "",
        *_counts(facts),
        "",
        "## Offsets",
        "",
        "`start` and `end` count Unicode code points of the document's `text`, end exclusive: in Python "
        "`text[start:end]` is the span's text. Tools that count UTF-16 code units (JavaScript, Qt, doccano) differ "
        "after any character outside the Basic Multilingual Plane (emoji, flags).",
        "",
        "## Fields",
        "",
        "| field | what |",
        "|---|---|",
    ]
    fields = _STATEMENT_FIELDS if facts.records_as == "statements" else _NATIVE_FIELDS
    names = columns(schema) if facts.records_as == "statements" else tuple(fields)
    lines += [f"| `{name}` | {fields.get(name, f'the {name} attribute')} |" for name in names]
    lines += ["", "## Schema", "", "| label | what |", "|---|---|"]
    lines += [f"| {label.name} | {label.description} |" for label in schema.labels]
    lines += ["", "| relation | from | to | what |", "|---|---|---|---|"]
    lines += [f"| {r.name} | {r.head} | {r.child} | {r.description} |" for r in schema.relations]
    lines += ["", "| attribute | on | values | what |", "|---|---|---|---|"]
    for attribute in schema.attributes:
        values = ", ".join(attribute.values) if attribute.values else f"({attribute.kind})"
        lines.append(f"| {attribute.name} | {', '.join(attribute.labels)} | {values} | {attribute.description} |")
    lines += ["", *_people(facts), "", *_agreement(facts.agreement)]
    return lines


def _counts(facts: Facts) -> list[str]:
    labels = facts.schema.label_names
    given = {stance for split in facts.splits for stance in split.stances}
    stances = [s for s in stance_values(facts.schema) if s in given] + sorted(given - set(stance_values(facts.schema)))
    content = facts.schema.statement.content
    head = ["split", "file", "documents", "rows", "layers", *(f"{label} spans" for label in labels)]
    head += [f"{content} {stance}" for stance in stances]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for split in facts.splits:
        cells = [split.name, f"`{split.path}`" if split.rows else "(none)", split.documents, split.rows, split.layers]
        cells += [split.labels[label] for label in labels] + [split.stances[stance] for stance in stances]
        lines.append("| " + " | ".join(str(cell) for cell in cells) + " |")
    relations = [r.name for r in facts.schema.relations]
    if relations:
        lines += ["", "| split | " + " | ".join(relations) + " |", "|---|" + "---|" * len(relations)]
        for split in facts.splits:
            lines.append(f"| {split.name} | " + " | ".join(str(split.relations[r]) for r in relations) + " |")
    return lines


def _people(facts: Facts) -> list[str]:
    lines = ["## Annotators and gold", ""]
    if facts.annotators:
        named = ", ".join(f"{name} ({count} layer(s))" for name, count in sorted(facts.annotators.items()))
        lines.append(f"Annotators' layers in this dataset: {named}.")
    else:
        lines.append("No annotator's layer is in this dataset.")
    if facts.gold_layers:
        taken = ", ".join(
            f"{count} from {n} annotator(s)" for n, count in sorted(facts.gold_sources.items(), reverse=True) if n
        )
        added = facts.gold_sources[0]
        lines += [
            "",
            f'{facts.gold_layers} gold layer(s) (annotator "gold"), {facts.gold_spans} span(s), adjudicated by a lead: '
            "what every annotator marked alike (the same span, label, attributes, speaker and relations) was taken "
            "at once, and the lead decided the rest, with the annotators' layers side by side. Each gold span names "
            f"in `sources` the annotators whose spans it stands for: {taken or 'none'}; "
            f"{added} added by the lead (no source).",
        ]
    else:
        lines += ["", "No gold layer is in this dataset."]
    return lines


def _agreement(report: Report) -> list[str]:
    lines = ["## Agreement", ""]
    if not report.pairs:
        return [
            *lines,
            "Not measured: no document in this dataset has layers of two annotators (export every layer, "
            "`--layer all`, to include it).",
        ]
    pairs = report.pair_list()
    documents = sum(1 for score in report.documents if len(score.annotators) > 1)
    lines += [
        f"Between the annotators' layers in this dataset ({', '.join(report.annotators)}), on the {documents} "
        f"document(s) that two or more of them annotated; means over the {len(pairs)} pair(s) of annotators.",
        "",
        "| figure | value |",
        "|---|---|",
    ]
    for label in report.labels:
        lines.append(f"| {label} F1, exact span | {_figure(report.label_f1(label, 'exact'))} |")
        lines.append(f"| {label} F1, overlapping span | {_figure(report.label_f1(label, 'overlap'))} |")
    lines.append(
        f"| stance, Krippendorff's alpha (nominal, {report.stance_units} claims) | {_figure(report.stance_alpha)} |"
    )
    lines.append(f"| attribution, same speaker | {_figure(report.same_speaker())} |")
    lines.append(f"| {report.relation} F1 | {_figure(report.relation_f1())} |")
    return lines


def _figure(figure: Figure) -> str:
    return f"{figure.value:.3f}" if figure.defined else f"n/a ({figure.reason})"
