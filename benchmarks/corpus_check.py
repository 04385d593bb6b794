"""Checks a native JSONL file against every rule the corpus generator promises (``corpus --check FILE``).

It reads any native file, not only generated ones; the counts at the end show that the corpus has what a
benchmark needs (overlaps, nesting, emoji, differing annotators).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from annotator.formats.native import RECORD_KEYS

SPAN_KEYS = ["id", "start", "end", "label", "text", "speaker", "stance", "target", "quote_type", "sources"]
RELATION_KEYS = ["id", "head", "child", "label"]
RELATION_ENDS = {"ATTRIBUTED_TO": ("CLAIM", "SPEAKER"), "HAS_CUE": ("CLAIM", "CUE")}
STANCES = {"FAVOR", "AGAINST", "NONE"}
QUOTE_TYPES = {"direct", "indirect", "mixed"}
EMOJI = re.compile("[\U0001f300-\U0001faff\U0001f1e6-\U0001f1ff]")
ARABIC = re.compile("[\u0600-\u06ff]")
ACCENTED = re.compile("[\u00c0-\u024f]")
MAX_PROBLEMS = 50


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)
    speakers: set[str] = field(default_factory=set)
    targets: set[str] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, line: int, text: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(f"line {line}: {text}")
        self.counts["problems"] += 1

    def summary(self) -> str:
        c = self.counts
        docs = c["documents"] or 1
        lines = [
            f"records {c['records']:,}, documents {c['documents']:,}, spans {c['spans']:,}, "
            f"relations {c['relations']:,}",
            f"text: {c['text_chars'] / docs:,.0f} characters a document on average, "
            f"{c['text_bytes'] / 1e6:.1f} MB (UTF-8) over all documents",
            "labels: " + ", ".join(f"{k} {v:,}" for k, v in sorted(self.labels.items())),
            f"distinct speakers {len(self.speakers)}, targets {len(self.targets)}",
            f"documents with emoji {c['docs_emoji']:,}, with Arabic {c['docs_arabic']:,}, "
            f"with curly quotes {c['docs_curly']:,}, with an em dash {c['docs_dash']:,}, "
            f"with accented letters {c['docs_accented']:,}",
            f"layers in progress {c['in_progress']:,}; spans with an emoji {c['spans_emoji']:,}",
            f"overlapping CLAIM pairs {c['claim_overlaps']:,}, SPEAKER nested in a CLAIM {c['nested_speakers']:,}",
            f"documents whose layers differ: in spans {c['docs_differ_spans']:,}, "
            f"in the stance of a claim they share {c['docs_differ_stance']:,}",
        ]
        if self.problems:
            lines.append(f"PROBLEMS: {c['problems']:,} (first {len(self.problems)} below)")
            lines += ["  " + p for p in self.problems]
        else:
            lines.append("OK: every rule holds")
        return "\n".join(lines)


def _check_span(report: Report, n: int, text: str, span: dict[str, Any]) -> None:
    sid = span.get("id")
    if list(span) != SPAN_KEYS:
        report.problem(n, f"span {sid}: keys {list(span)}")
        return
    start, end, label = span["start"], span["end"], span["label"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        report.problem(n, f"span {sid}: offsets [{start}, {end}) outside the text of {len(text)}")
        return
    if text[start:end] != span["text"]:
        report.problem(n, f"span {sid}: text {span['text']!r} != text[{start}:{end}] {text[start:end]!r}")
    if text[start].isspace() or text[end - 1].isspace():
        report.problem(n, f"span {sid}: starts or ends on white space")
    if span["sources"] != []:
        report.problem(n, f"span {sid}: sources {span['sources']!r}")
    attrs = {a: span[a] for a in ("speaker", "stance", "target", "quote_type")}
    if label == "SPEAKER":
        ok = isinstance(attrs.pop("speaker"), str) and not any(attrs.values())
        report.speakers.add(span["speaker"])
    elif label == "CLAIM":
        ok = (
            attrs["speaker"] is None
            and attrs["stance"] in STANCES
            and isinstance(attrs["target"], str)
            and attrs["quote_type"] in QUOTE_TYPES
        )
        report.targets.add(span["target"])
    elif label == "CUE":
        ok = not any(v is not None for v in attrs.values())
    else:
        ok = False
    if not ok:
        report.problem(n, f"span {sid}: label {label} with attributes {attrs}")
    report.labels[label] += 1
    report.counts["spans_emoji"] += bool(EMOJI.search(span["text"]))


def _check_relations(report: Report, n: int, spans: dict[str, dict[str, Any]], relations: list[Any]) -> None:
    ids = [r.get("id") for r in relations]
    if len(set(ids)) != len(ids) or not all(isinstance(i, str) and re.fullmatch(r"r\d+", i) for i in ids):
        report.problem(n, f"relation ids {ids}")
    attributed: Counter[str] = Counter()
    for rel in relations:
        if list(rel) != RELATION_KEYS:
            report.problem(n, f"relation {rel.get('id')}: keys {list(rel)}")
            continue
        head, child = spans.get(rel["head"]), spans.get(rel["child"])
        ends = RELATION_ENDS.get(rel["label"])
        if head is None or child is None or ends is None or (head["label"], child["label"]) != ends:
            report.problem(n, f"relation {rel['id']}: {rel['label']} {rel['head']} -> {rel['child']}")
            continue
        if rel["label"] == "ATTRIBUTED_TO":
            attributed[rel["head"]] += 1
    for claim, count in attributed.items():
        if count > 1:
            report.problem(n, f"CLAIM {claim} has {count} ATTRIBUTED_TO relations")


def _check_record(report: Report, n: int, rec: dict[str, Any], spans_per_layer: int | None) -> None:
    if tuple(rec) != RECORD_KEYS:
        report.problem(n, f"record keys {list(rec)}")
        return
    text = rec["text"]
    if "\r" in text or "\x00" in text:
        report.problem(n, "text holds \\r or NUL")
    if rec["text_sha256"] != hashlib.sha256(text.encode("utf-8")).hexdigest():
        report.problem(n, "text_sha256 does not match the text")
    if rec["meta"] != {"title": text.split("\n", 1)[0]}:
        report.problem(n, f"meta {rec['meta']!r} is not the first line")
    if rec["offset_unit"] != "codepoint" or rec["status"] not in {"done", "in_progress"}:
        report.problem(n, f"offset_unit {rec['offset_unit']!r}, status {rec['status']!r}")
    if not re.fullmatch(r"ann_\d{2,}", rec["annotator"]) or not isinstance(rec["time_spent_ms"], int):
        report.problem(n, f"annotator {rec['annotator']!r}, time_spent_ms {rec['time_spent_ms']!r}")
    report.counts["in_progress"] += rec["status"] == "in_progress"
    spans = rec["spans"]
    if spans_per_layer is not None and len(spans) != spans_per_layer:
        report.problem(n, f"{len(spans)} spans, not {spans_per_layer}")
    ids = [s.get("id") for s in spans]
    if len(set(ids)) != len(ids) or not all(isinstance(i, str) and re.fullmatch(r"s\d+", i) for i in ids):
        report.problem(n, f"span ids {ids}")
    for span in spans:
        _check_span(report, n, text, span)
    by_id = {s["id"]: s for s in spans if list(s) == SPAN_KEYS}
    _check_relations(report, n, by_id, rec["relations"])
    report.counts["spans"] += len(spans)
    report.counts["relations"] += len(rec["relations"])
    claims = [s for s in spans if s["label"] == "CLAIM"]
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            if a["start"] < b["start"] < a["end"] < b["end"] or b["start"] < a["start"] < b["end"] < a["end"]:
                report.counts["claim_overlaps"] += 1
    for s in spans:
        if s["label"] == "SPEAKER" and any(c["start"] <= s["start"] and s["end"] <= c["end"] for c in claims):
            report.counts["nested_speakers"] += 1


def _check_document(report: Report, n: int, layers: list[dict[str, Any]]) -> None:
    """The layers of one document: one text, distinct annotators, and (counted) where they differ."""
    first = layers[0]
    if any(rec["text"] != first["text"] for rec in layers):
        report.problem(n, f"document {first['doc_id']}: layers with different texts")
    names = [rec["annotator"] for rec in layers]
    if len(set(names)) != len(names):
        report.problem(n, f"document {first['doc_id']}: annotators repeated {names}")
    text = first["text"]
    report.counts["documents"] += 1
    report.counts["text_chars"] += len(text)
    report.counts["text_bytes"] += len(text.encode("utf-8"))
    report.counts["docs_emoji"] += bool(EMOJI.search(text))
    report.counts["docs_arabic"] += bool(ARABIC.search(text))
    report.counts["docs_curly"] += "“" in text and "”" in text and "’" in text
    report.counts["docs_dash"] += "—" in text
    where = [{(s["start"], s["end"], s["label"]) for s in rec["spans"]} for rec in layers]
    stances = [{(s["start"], s["end"]): s["stance"] for s in rec["spans"] if s["label"] == "CLAIM"} for rec in layers]
    report.counts["docs_differ_spans"] += any(x != where[0] for x in where)
    report.counts["docs_differ_stance"] += any(
        other.get(claim, stance) != stance for other in stances[1:] for claim, stance in stances[0].items()
    )
    report.counts["docs_accented"] += bool(ACCENTED.search(text))


def check_file(path: Path, *, spans_per_layer: int | None = None) -> Report:
    """Every rule of the generated corpus, checked on ``path``; a document's layers are consecutive lines."""
    report = Report()
    seen: set[str] = set()
    group: list[dict[str, Any]] = []
    with path.open("rb") as lines:
        for n, line in enumerate(lines, 1):
            try:
                rec = orjson.loads(line)
            except orjson.JSONDecodeError as error:
                report.problem(n, f"not JSON: {error}")
                continue
            report.counts["records"] += 1
            _check_record(report, n, rec, spans_per_layer)
            if group and rec.get("doc_id") != group[0].get("doc_id"):
                _check_document(report, n - 1, group)
                group = []
            if not group:
                if rec.get("doc_id") in seen:
                    report.problem(n, f"document {rec.get('doc_id')} again after other documents")
                seen.add(rec.get("doc_id"))
            group.append(rec)
    if group:
        _check_document(report, report.counts["records"], group)
    return report
