"""brat exports read as brat reads them: its line splitting (``codecs``, so ``str.splitlines``) and text check,
and its span overlap validation against the ``annotation.conf`` we write.

The two rules below are brat's (server/src/annotation.py ``_parse_ann_lines`` and ``_parse_textbound_annotation``;
server/src/verify_annotations.py ``verify_entity_overlap`` with projectconfig.py ``overlap_types``), written
again here from their description, so that the test needs no brat server.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from annotator.formats import export
from annotator.formats.brat import read_brat
from annotator.formats.native import parse_record
from annotator.formats.report import FormatReport
from annotator.model import Document, Layer, LayerRecord, Span, Status
from annotator.schema import default_schema

SCHEMA = default_schema()
_ID = re.compile(r"^([A-Za-z]+|#[A-Za-z]*)([0-9]+)(.*?)$")


class BratRejects(Exception):
    """brat would not load the line."""


def brat_textbounds(ann: Path, txt: Path) -> list[tuple[str, str, list[tuple[int, int]], str]]:
    """The text-bound annotations brat reads from ``ann``: (id, type, fragments, text); raises ``BratRejects``."""
    text = txt.read_text(encoding="utf-8")
    with codecs.open(str(ann), "r", encoding="utf8", errors="strict") as stream:
        lines = stream.readlines()  # codecs: read().splitlines(keepends=True)
    found = []
    for number, line in enumerate(lines, start=1):
        if "\t" not in line:
            raise BratRejects(f"line {number}: no tab: {line!r}")
        key, tail = line.split("\t", 1)
        if not _ID.match(key):
            raise BratRejects(f"line {number}: not an annotation id: {key!r}")
        if not key.startswith("T"):
            continue
        data, _, rest = tail.partition("\t")
        label, where = data.split(" ", 1)
        fragments = []
        for part in where.split(";"):
            start, end = part.split(" ", 2)
            fragments.append((int(start), int(end.rstrip())))
        for n, (start, end) in enumerate(fragments):
            if start > end or start < 0 or end > len(text):
                raise BratRejects(f"line {number}: offsets outside the text")
            if any(end >= a and start < b for a, b in fragments[:n]):
                raise BratRejects(f"line {number}: fragments overlap")
        reference = " ".join(text[a:b] for a, b in fragments)
        if rest[: len(reference)] != reference:
            raise BratRejects(f"line {number}: text {rest!r} is not {reference!r}")
        found.append((key, label, fragments, reference))
    return found


BREAKS = ["\u2028", "\u2029", "\u0085", "\v", "\f", "\x1c", "\x1d", "\x1e", "\n", "\t"]


def _record_with_breaks() -> LayerRecord:
    pieces = [f"she{b}said no" for b in BREAKS]
    text = "Then. " + " and ".join(pieces) + "."
    spans, at = [], 0
    for n, piece in enumerate(pieces, start=1):
        at = text.index(piece, at)
        spans.append(Span(f"s{n}", at, at + len(piece), "CLAIM"))
    spans.append(Span("edge", text.index("\u2028") - 3, text.index("\u2028") + 1, "CLAIM"))
    document = Document("breaks", text, "Then.", {})
    return LayerRecord(document, Layer("breaks", "ann_01", Status.DONE, 0, tuple(spans), ()))


def test_brat_reads_every_span_over_any_line_separator(tmp_path: Path) -> None:
    record = _record_with_breaks()
    out = tmp_path / "out"
    out.mkdir()
    report = export([record], out, "brat", SCHEMA)
    ann, txt = out / "ann_01" / "breaks.ann", out / "ann_01" / "breaks.txt"
    assert txt.read_text(encoding="utf-8") == record.document.text
    bounds = brat_textbounds(ann, txt)
    assert len(bounds) == len(record.layer.spans)
    text = record.document.text
    for (_, label, fragments, _), span in zip(bounds, record.layer.spans, strict=True):
        assert label == "CLAIM"
        covered = text[fragments[0][0] : fragments[-1][1]]
        assert covered == text[span.start : span.end].rstrip("".join(BREAKS))
        assert not any(ch in BREAKS for a, b in fragments for ch in text[a:b])
    # The span that ends on a line separator is written without it, and said so.
    assert report.lost[("edge", "CLAIM")] == 1
    assert "1 CLAIM span(s) with a line break or tab at an edge (trimmed)" in report.losses()
    # Our reader joins the fragments again.
    (_, read), *_ = read_brat(txt, SCHEMA, layer="ann_01", report=FormatReport("brat"))
    assert [(s.start, s.end) for s in read.layer.spans[:-1]] == [(s.start, s.end) for s in record.layer.spans[:-1]]


def test_the_reproduced_rule_rejects_a_line_separator_inside_a_line(tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text("she\u2028said no", encoding="utf-8")
    (tmp_path / "d.ann").write_text("T1\tCLAIM 0 11\tshe\u2028said no\n", encoding="utf-8")
    with pytest.raises(BratRejects):
        brat_textbounds(tmp_path / "d.ann", tmp_path / "d.txt")


def overlap_rules(conf: str) -> list[tuple[set[str], set[str], set[str]]]:
    """The ``<OVERLAP>`` lines of an annotation.conf's [relations]: (Arg1 types, Arg2 types, overlap kinds)."""
    rules, section = [], ""
    for line in conf.splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            section = line
        elif section == "[relations]" and line.startswith("<OVERLAP>"):
            fields = dict(part.strip().split(":", 1) for part in line.split(None, 1)[1].split(","))
            rules.append(
                (set(fields["Arg1"].split("|")), set(fields["Arg2"].split("|")), set(fields["<OVL-TYPE>"].split("|")))
            )
    return rules


def _kinds(rules, inner: str, outer: str) -> set[str]:
    found: set[str] = set()
    for first, second, kinds in rules:
        if (inner in first or "<ANY>" in first) and (outer in second or "<ANY>" in second):
            found |= kinds
    return found


def brat_overlap_errors(conf: str, spans: list[tuple[str, int, int]]) -> list[str]:
    """brat's validation of overlapping entities, as ``verify_entity_overlap`` does it, for (type, start, end)."""
    rules = overlap_rules(conf)

    def allowed(kind: str, a: str, b: str) -> bool:
        return bool({kind, "<ANY>"} & (_kinds(rules, a, b) | _kinds(rules, b, a)))

    errors = []
    for i, (t1, s1, e1) in enumerate(spans):
        for j, (t2, s2, e2) in enumerate(spans):
            if i == j or not (s2 < e1 and e2 > s1):
                continue
            if (s1, e1) == (s2, e2):
                ok = allowed("equal", t1, t2)
            elif s2 <= s1 and e1 <= e2:  # 2 contains 1
                ok = bool({"contain", "<ANY>"} & _kinds(rules, t1, t2)) or "<ANY>" in _kinds(rules, t2, t1)
            elif s1 <= s2 and e2 <= e1:
                ok = bool({"contain", "<ANY>"} & _kinds(rules, t2, t1)) or "<ANY>" in _kinds(rules, t1, t2)
            else:
                ok = allowed("cross", t1, t2)
            if not ok:
                errors.append(f"{t1} [{s1}, {e1}) with {t2} [{s2}, {e2})")
    return errors


def _layer_spans(folder: Path) -> list[list[tuple[str, int, int]]]:
    layers = []
    for ann in sorted(folder.rglob("*.ann")):
        bounds = brat_textbounds(ann, ann.with_suffix(".txt"))
        layers.append([(label, f[0][0], f[-1][1]) for _, label, f, _ in bounds])
    return layers


def test_annotation_conf_allows_nested_crossing_and_identical_spans(corpus, tmp_path: Path) -> None:
    text = "President Ilham Aliyev said peace is near."
    spans = (
        Span("a", 0, 22, "SPEAKER"),
        Span("b", 10, 22, "SPEAKER"),  # nested, same label
        Span("c", 0, 22, "CLAIM"),  # identical, other label
        Span("d", 16, 32, "CLAIM"),  # crossing
        Span("e", 16, 32, "CLAIM"),  # identical, same label
        Span("f", 23, 27, "CUE"),  # inside d and e
    )
    document = Document("nested", text, text, {})
    records = [*corpus, LayerRecord(document, Layer("nested", "ann_01", Status.DONE, 0, spans, ()))]
    out = tmp_path / "out"
    out.mkdir()
    export(records, out, "brat", SCHEMA)
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    layers = _layer_spans(out)
    assert sum(len(brat_overlap_errors("[relations]\n", layer)) for layer in layers) > 0  # the rule bites
    assert [brat_overlap_errors(conf, layer) for layer in layers] == [[] for _ in layers]


def test_seed_gold_passes_brat_validation(shared: Path, tmp_path: Path) -> None:
    import orjson

    gold = shared / "gold" / "seed-gold-02-04.jsonl"
    if not gold.exists():
        pytest.skip(f"{gold} is absent")
    records = [parse_record(orjson.loads(line), SCHEMA) for line in gold.read_bytes().splitlines() if line.strip()]
    out = tmp_path / "gold"
    out.mkdir()
    export(records, out, "brat", SCHEMA)
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    layers = _layer_spans(out)
    assert sum(len(brat_overlap_errors(conf.replace("<OVERLAP>", "#"), layer)) for layer in layers) > 0
    assert sum(len(brat_overlap_errors(conf, layer)) for layer in layers) == 0
