"""The statements export reads a project's statements alone (``Store.statement_records``: only the columns a
statement needs) and writes the same bytes, and reports the same counts and losses, as it does from whole layers
(``Store.export_records``), on SQLite and PostgreSQL, with the default names and with every part renamed."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import orjson
import pytest

from annotator.formats import export, export_statements
from annotator.formats.native import parse_record
from annotator.formats.report import FormatReport
from annotator.schema import parse_schema
from db.store import Store
from db.transfer import ExportChoices, export_file
from samples import TRICKY_TEXT, span

# The default schema's statement with more in it: two source mentions allowed per claim, a relation that is
# neither source nor cue, a claim attribute of its own (a column of the row) and one named as a key of the row
# (which the row cannot hold).
SCHEMA = """
name = "Varied"
targets = ["Peace", "Trade"]
[[labels]]
name = "CLAIM"
hotkey = "c"
colour = "#e8a33d"
[[labels]]
name = "SPEAKER"
hotkey = "s"
colour = "#3b82c4"
[[labels]]
name = "CUE"
hotkey = "v"
colour = "#4caf50"
[[relations]]
name = "ATTRIBUTED_TO"
head = "CLAIM"
child = "SPEAKER"
hotkey = "a"
[[relations]]
name = "HAS_CUE"
head = "CLAIM"
child = "CUE"
hotkey = "u"
[[relations]]
name = "CONTRADICTS"
head = "CLAIM"
child = "CLAIM"
hotkey = "x"
[[attributes]]
name = "speaker"
labels = ["SPEAKER"]
kind = "speaker"
[[attributes]]
name = "stance"
labels = ["CLAIM"]
kind = "choice"
values = ["FAVOR", "AGAINST", "NONE"]
[[attributes]]
name = "target"
labels = ["CLAIM"]
kind = "target"
[[attributes]]
name = "quote_type"
labels = ["CLAIM"]
kind = "choice"
values = ["direct", "indirect", "mixed"]
[[attributes]]
name = "certainty"
labels = ["CLAIM"]
kind = "text"
[[attributes]]
name = "context"
labels = ["CLAIM"]
kind = "text"
[statement]
content = "CLAIM"
source = "SPEAKER"
cue = "CUE"
source_relation = "ATTRIBUTED_TO"
cue_relation = "HAS_CUE"
speaker = "speaker"
stance = "stance"
target = "target"
quote_type = "quote_type"
"""
RENAMED = {
    "CLAIM": "CONTENT",
    "SPEAKER": "SOURCE",
    "CUE": "TRIGGER",
    "ATTRIBUTED_TO": "SAID_BY",
    "HAS_CUE": "INTRODUCED_BY",
    "speaker": "who",
    "stance": "position",
    "target": "topic",
    "quote_type": "form",
}
TEXT = (
    "The minister and her deputy said: “Trade will grow”, officials stressed.\n"
    "According to the envoy, peace is near; the envoy added that it is.\n"
    "Nobody said anything here."
)


def _varied(annotator: str, *, status: str = "done", time_spent_ms: int = 0) -> dict[str, Any]:
    """Two sources for one claim (r10 comes after r9), two cues for a claim and one cue for two, a source and a cue
    no claim links to, two claims at one position (s10 sorts before s9 as text), a relation of another kind, and
    (but on gold) spans accepted from proposals."""
    text = TEXT
    spans = [
        span(text, "s1", "The minister", "SPEAKER", speaker="Ceyhun Bayramov"),
        span(text, "s2", "her deputy", "SPEAKER", speaker="Deputy"),
        span(text, "s3", "said", "CUE"),
        span(text, "s4", "“Trade will grow”", "CLAIM", stance="FAVOR", target="Trade", certainty="high"),
        span(text, "s5", "stressed", "CUE"),
        span(text, "s6", "According to", "CUE"),
        span(text, "s7", "the envoy", "SPEAKER", speaker="Envoy"),
        span(text, "s9", "peace is near", "CLAIM", stance="NONE", context="kept out", quote_type="indirect"),
        span(text, "s10", "peace is near", "CLAIM", stance="AGAINST", target="Peace"),
        span(text, "s11", "said", "CUE", nth=1),
        span(text, "s12", "the envoy", "SPEAKER", 1),
        span(text, "s13", "it is", "CLAIM"),
        span(text, "s14", "added", "CUE"),
    ]
    relations = [
        ("r10", "s4", "s2", "ATTRIBUTED_TO"),
        ("r9", "s4", "s1", "ATTRIBUTED_TO"),
        ("r3", "s4", "s5", "HAS_CUE"),
        ("r2", "s4", "s3", "HAS_CUE"),
        ("r12", "s9", "s6", "HAS_CUE"),
        ("r4", "s9", "s7", "ATTRIBUTED_TO"),
        ("r11", "s10", "s6", "HAS_CUE"),
        ("r5", "s13", "s14", "HAS_CUE"),
        ("r6", "s13", "s12", "ATTRIBUTED_TO"),
        ("r7", "s13", "s4", "CONTRADICTS"),
    ]
    record = {
        "doc_id": "varied",
        "annotator": annotator,
        "status": status,
        "time_spent_ms": time_spent_ms,
        "text": text,
        "spans": spans,
        "relations": [{"id": i, "head": h, "child": c, "label": label} for i, h, c, label in relations],
    }
    if annotator == "gold":
        for item in spans[:5]:
            item["sources"] = ["ann_01", "ann_02"]
    else:  # a claim and a cue accepted from proposals: their rules are not written, and counted
        spans[7]["rule"] = "claim: reported clause after 'According to'"
        spans[5]["rule"] = "cue: fixed phrase 'According to'"
    return record


def _records() -> list[dict[str, Any]]:
    plain = {"doc_id": "plain", "annotator": "ann_01", "status": "todo", "text": TRICKY_TEXT, "spans": []}
    empty = {"doc_id": "empty", "text": "A document nobody annotated."}
    bare = {"doc_id": "bare", "annotator": "ann_02", "status": "done", "text": "Only a speaker here."}
    bare["spans"] = [span(bare["text"], "s1", "a speaker", "SPEAKER")]
    ann_02 = _varied("ann_02", status="in_progress", time_spent_ms=1200)
    ann_02["spans"] = [s for s in ann_02["spans"] if s["id"] != "s13"]
    ann_02["relations"] = [r for r in ann_02["relations"] if "s13" not in (r["head"], r["child"])]
    return [_varied("gold"), _varied("ann_01"), ann_02, _varied("lena"), plain, empty, bare]


def _renamed(value: Any) -> Any:
    """``value`` (a record, or the schema's text) with every statement part renamed (attribute kinds kept)."""
    text = value if isinstance(value, str) else orjson.dumps(value).decode()
    for name, other in RENAMED.items():
        text = text.replace(f'"{name}"', f'"{other}"').replace(f'kind = "{other}"', f'kind = "{name}"')
    return text if isinstance(value, str) else orjson.loads(text)


@pytest.fixture(params=["default", "renamed"])
def project(request: pytest.FixtureRequest, database: str) -> Store:
    renamed = request.param == "renamed"
    schema = parse_schema(_renamed(SCHEMA) if renamed else SCHEMA, source="varied.toml")
    store = Store.open(database)
    store.set_schema(schema)
    records = [_renamed(r) if renamed else r for r in _records()]
    store.import_records(((n, parse_record(r, schema)) for n, r in enumerate(records, 1)), source="varied.jsonl")
    yield store
    store.close()


def _both(store: Store, **chosen: Any) -> tuple[tuple[bytes, FormatReport], tuple[bytes, FormatReport]]:
    layers, alone = io.BytesIO(), io.BytesIO()
    whole = export(store.export_records(**chosen), layers, "statements", store.schema)
    read_alone = export_statements(store.statement_records(**chosen), alone, "statements", store.schema)
    return (layers.getvalue(), whole), (alone.getvalue(), read_alone)


CHOICES = [
    {"layer": "all", "status": "any", "with_empty": True},
    {"layer": "all", "status": "done"},
    {"layer": "gold", "status": "any"},
    {"layer": "ann_02", "status": "any"},
]


@pytest.mark.parametrize("chosen", CHOICES, ids=["everything", "done", "gold", "ann_02"])
def test_statements_read_alone_give_the_bytes_and_report_of_whole_layers(project: Store, chosen: dict) -> None:
    (whole, whole_report), (alone, alone_report) = _both(project, **chosen)
    assert alone == whole
    assert alone_report == whole_report
    assert whole_report.lost  # every kind of loss below is there to be counted


def test_the_varied_project_has_what_the_comparison_is_for(project: Store) -> None:
    """The comparison above is only worth its name if the project holds every case: checked on the output."""
    (data, report), _ = _both(project, layer="all", status="any", with_empty=True)
    rows = [orjson.loads(line) for line in data.splitlines()]
    assert (report.documents, report.layers) == (4, 6)
    ann_01 = [r for r in rows if r["annotator"] == "ann_01"]
    claim = next(r for r in ann_01 if r["claim_id"] == "s4")
    assert (claim["speaker"], claim["speaker_mention"]) == ("Ceyhun Bayramov", "The minister")  # r9 before r10
    assert (claim["cue"], claim["certainty"]) == ("said", "high")  # the first of its two cues in the text
    assert [r["claim_id"] for r in ann_01 if r["text"] == "peace is near"] == ["s10", "s9"]
    assert {r["annotator"] for r in rows} == {"gold", "ann_01", "ann_02", "lena"}
    source, cue = project.schema.statement.source, project.schema.statement.cue
    other = next(r.name for r in project.schema.relations if r.head == r.child)
    assert report.lost == {
        ("unlinked", cue): 4 + 1,  # s11 in each of the four layers, s14 where s13 is not
        ("unlinked", source): 1 + 1,  # s12 where s13 is not, and the speaker of "bare"
        ("relation", other): 3,
        ("sources", ""): 5,
        ("rule", ""): 2 * 3,  # a claim and a cue in each of the three annotators' layers
        ("cue", ""): 4,  # s4's second cue in each layer
        ("attribute", "context"): 4,
        ("time", ""): 1,
    }


def test_the_export_reads_statements_alone_unless_labels_are_chosen(
    project: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What an export to a file reads: statements alone for the statements format, whole layers with ``--label``
    (which takes spans out of them) and for every other format."""
    read: list[str] = []

    def noting(name: str) -> Any:
        real = getattr(Store, name)
        return lambda self, **chosen: read.append(name) or real(self, **chosen)

    for name in ("export_records", "statement_records"):
        monkeypatch.setattr(Store, name, noting(name))
    content = project.schema.statement.content
    export_file(project, ExportChoices("statements", "all", "any"), tmp_path / "a.jsonl")
    export_file(project, ExportChoices("statements", "all", "any", labels=(content,)), tmp_path / "b.jsonl")
    export_file(project, ExportChoices("native", "all", "any"), tmp_path / "c.jsonl")
    assert read == ["statement_records", "export_records", "export_records"]
    assert (tmp_path / "a.jsonl").read_bytes() != (tmp_path / "b.jsonl").read_bytes()  # no sources or cues in b
