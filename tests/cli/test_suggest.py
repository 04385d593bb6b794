"""``annotator suggest`` as a person runs it (real processes, exit codes) on a project made from the seed articles,
with the real proposer; the database is read afterwards, on both backends."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from annotator.cli import load_seeds
from annotator.formats.native import parse_record
from annotator.model import GOLD, Layer, Role, Status
from annotator.proposal import Proposals
from annotator.proposer import propose
from command_line import run_annotator
from db.store import Store

REPO = Path(__file__).resolve().parents[2]
SEED_IDS = sorted(path.stem for path in (REPO / "seeds").glob("*.txt"))
FIRST, SECOND, THIRD, FOURTH, FIFTH = SEED_IDS


def run(db: str, *args: str, who: str = "lena", ok: bool = True) -> subprocess.CompletedProcess[str]:
    return run_annotator("--db", db, "--annotator", who, *args, ok=ok, timeout=300)


@pytest.fixture
def project(database: str) -> Iterator[str]:
    """The seed articles, lena (the lead) and bea (an annotator)."""
    with Store.open(database) as store:
        store.add_annotator("lena", Role.LEAD)
        store.add_annotator("bea")
        load_seeds(store)
    yield database


def _proposed(store: Store, doc_id: str, annotator: str = "bea") -> Proposals:
    """What the proposer gives for a document, taught by ``annotator``'s done layers (only theirs)."""
    return propose(store.document(doc_id).text, store.schema, store.lexicon(annotator))


def _content(layer: Layer) -> tuple[set[tuple[object, ...]], set[tuple[object, ...]]]:
    """A layer's spans (offsets, label, attributes, rule) and relations (by their ends' offsets), without keys."""
    spans = {s.key: s for s in layer.spans}
    where = {key: (s.start, s.end, s.label) for key, s in spans.items()}
    held = {(s.start, s.end, s.label, tuple(sorted(s.attrs.items())), s.rule) for s in layer.spans}
    return held, {(where[r.head], where[r.child], r.label) for r in layer.relations}


def _expected(proposals: Proposals) -> tuple[set[tuple[object, ...]], set[tuple[object, ...]]]:
    where = {s.key: (s.start, s.end, s.label) for s in proposals.spans}
    spans = {(s.start, s.end, s.label, tuple(sorted(s.attrs.items())), s.rule) for s in proposals.spans}
    return spans, {(where[r.head], where[r.child], r.label) for r in proposals.relations}


def _snapshot(database: str) -> tuple[object, ...]:
    with Store.open(database) as store:
        records = list(store.export_records(layer="all", status="any"))
        return store.stats(), [(r.document.doc_id, r.layer) for r in records], store.speakers(), store.targets()


def test_a_lead_pre_annotates_an_annotators_layers_with_every_proposal_one_change_each(project: str) -> None:
    with Store.open(project) as store:  # before: the speakers it stores join the registry the proposer is given
        expected = {doc_id: _proposed(store, doc_id) for doc_id in SEED_IDS}
    result = run(project, "suggest", "--as", "bea")
    lines = result.stdout.strip().split("\n")
    assert len(lines) == len(SEED_IDS) + 1
    assert all(line.startswith(f"{d}: added ") for d, line in zip(SEED_IDS, lines[:-1], strict=True))
    with Store.open(project) as store:
        total = 0
        for doc_id in SEED_IDS:
            layer, version = store.layer_and_version(doc_id, "bea")
            assert layer is not None and layer.status is Status.IN_PROGRESS
            assert version == 1, "one change, one version step per document"
            proposals = expected[doc_id]
            assert proposals.spans, f"the proposer proposes something in {doc_id}"
            assert _content(layer) == _expected(proposals)
            assert all(s.rule for s in layer.spans)
            total += len(layer.spans)
            assert store.layer(doc_id, "lena") is None and store.gold(doc_id).layer is None
        figures = store.stats()["annotators"]
    assert figures["bea"]["spans"] == figures["bea"]["proposed"] == total
    assert lines[-1].startswith(f"pre-annotated {len(SEED_IDS)} document(s) for bea: {total} span(s)")
    table = run(project, "stats").stdout
    assert "from proposals" in table and f"{total}" in table


def _word(store: Store, doc_id: str) -> tuple[int, int]:
    """The first word of a document: a span made by hand."""
    return 0, len(store.document(doc_id).text.split()[0])


def test_done_layers_hand_made_spans_gold_and_rejections_are_left_alone_and_replace_keeps_hand_work(
    project: str,
) -> None:
    with Store.open(project) as store:
        text = store.document(SECOND).text
        first = _proposed(store, FIRST).spans[0]
        store.reject_proposal(FIRST, "bea", first.label, first.start, first.end)
        store.add_span(THIRD, "bea", *_word(store, THIRD), "SPEAKER")  # by hand, in progress
        store.add_span(FOURTH, "bea", *_word(store, FOURTH), "SPEAKER")
        store.set_status(FOURTH, "bea", Status.DONE)
        gold = {"doc_id": SECOND, "annotator": GOLD, "text": text, "spans": [], "relations": [], "status": "done"}
        gold["spans"] = [{"id": "s1", "start": 0, "end": _word(store, SECOND)[1], "label": "SPEAKER"}]
        store.import_records([(1, parse_record(gold, store.schema))], source="gold")
        before = {doc_id: store.layer_and_version(doc_id, "bea") for doc_id in (THIRD, FOURTH)}
        gold_before = store.gold(SECOND)
    out = run(project, "suggest", who="bea").stdout  # an annotator, for herself
    assert f"{THIRD}: has 1 span(s), left alone" in out and f"{FOURTH}: done, left alone" in out
    assert "pre-annotated 3 document(s) for bea" in out and "2 left alone" in out
    # What bea's proposals are made with: what her own done layers teach (she may read no one else's).
    with Store.open(project, user="bea") as store:
        assert {doc_id: store.layer_and_version(doc_id, "bea") for doc_id in (THIRD, FOURTH)} == before
        held = {(s.label, s.start, s.end) for s in store.layer(FIRST, "bea").spans}
        assert (first.label, first.start, first.end) not in held, "a rejected proposal is not proposed again"
        assert held == {(s.label, s.start, s.end) for s in _proposed(store, FIRST).spans} - {
            (first.label, first.start, first.end)
        }
        fifth, fifth_version = store.layer_and_version(FIFTH, "bea")
        # Some work by hand on a pre-annotated layer: one proposed span removed, one span added by hand.
        proposed = next(s for s in fifth.spans if s.label == "CUE")
        store.remove_span(FIFTH, "bea", proposed.key)
        store.add_span(FIFTH, "bea", *_word(store, FIFTH), "SPEAKER")
    with Store.open(project) as store:
        assert store.gold(SECOND) == gold_before
    out = run(project, "suggest", "--replace", "--documents", f"{THIRD},{FOURTH},{FIFTH}", who="bea").stdout
    assert f"{FOURTH}: done, left alone" in out and f"{FIFTH}: added " in out and "replaced" in out
    with Store.open(project, user="bea") as store:
        assert store.layer_and_version(FOURTH, "bea") == before[FOURTH]
        for doc_id in (THIRD, FIFTH):
            hand = (*_word(store, doc_id), "SPEAKER", (), None)
            layer = store.layer(doc_id, "bea")
            # The span made by hand is kept; the proposals are all there (the removed cue too), from today's rules.
            assert [(s.start, s.end, s.label) for s in layer.spans if s.rule is None] == [hand[:3]]
            assert _content(layer)[0] - {hand} == _expected(_proposed(store, doc_id))[0]
        assert store.layer_and_version(FIFTH, "bea")[1] == fifth_version + 3, "two edits by hand, then one change"


def test_json_prints_the_proposals_and_stores_nothing(project: str) -> None:
    before = _snapshot(project)
    result = run(project, "suggest", "--json", "--as", "bea", "--documents", f"{FIRST},{SECOND}")
    lines = [orjson.loads(line) for line in result.stdout.strip().split("\n")]
    assert [line["doc_id"] for line in lines] == [FIRST, SECOND]
    with Store.open(project) as store:
        for line in lines:
            text = store.document(line["doc_id"]).text
            assert line["spans"] and all(s["text"] == text[s["start"] : s["end"]] and s["rule"] for s in line["spans"])
            ids = {s["id"] for s in line["spans"]}
            assert all(r["head"] in ids and r["child"] in ids and r["rule"] for r in line["relations"])
            expected = _expected(_proposed(store, line["doc_id"]))[0]
            given = {
                (s["start"], s["end"], s["label"], tuple(sorted(s["attrs"].items())), s["rule"]) for s in line["spans"]
            }
            assert given == expected
    assert _snapshot(project) == before


def test_bad_input_and_another_annotators_layers_are_refused_in_one_line_and_store_nothing(project: str) -> None:
    before = _snapshot(project)
    for args, who, words in (
        (("--documents", f"{FIRST},no-such-article"), "lena", "no document 'no-such-article'"),
        (("--as", "lena"), "bea", "only a lead may pre-annotate lena's layers (bea is an annotator)"),
        (("--as", GOLD), "lena", "never gold"),
        (("--as", "zoe"), "lena", "no annotator 'zoe'"),
    ):
        result = run(project, "suggest", *args, who=who, ok=False)
        assert result.returncode == 1 and result.stdout == ""
        assert result.stderr.count("\n") == 1 and words in result.stderr and "Traceback" not in result.stderr
    assert _snapshot(project) == before


def test_provenance_survives_a_native_export_and_import_of_a_pre_annotated_layer(tmp_path: Path) -> None:
    project = str(tmp_path / "p.db")
    with Store.open(project) as store:
        store.add_annotator("lena", Role.LEAD)
        load_seeds(store)
    run(project, "suggest", "--documents", SECOND)
    exported = tmp_path / "lena.jsonl"
    run(project, "export", "--layer", "lena", "--status", "any", "--out", str(exported))
    line = orjson.loads(exported.read_bytes())
    assert line["spans"] and all(s["rule"] for s in line["spans"])
    other = str(tmp_path / "other.db")
    run(other, "import", str(exported))
    with Store.open(project) as first, Store.open(other) as second:
        assert _content(second.layer(SECOND, "lena")) == _content(first.layer(SECOND, "lena"))


def test_speakers_and_targets_added_to_the_project_reach_the_proposer(project: str) -> None:
    """A speaker added to the registry through the Store (not in the schema file), with an alias, names the mention
    it is; a target added to the project's list is proposed where a claim names it."""
    text = "The Harbour Board chair said the river tunnel was overdue."
    record = {"doc_id": "harbour", "text": text, "annotator": "bea", "status": "todo", "spans": [], "relations": []}
    with Store.open(project) as store:
        store.import_records([(1, parse_record(record, store.schema))], source="test")

    def proposed() -> dict[str, dict[str, object]]:
        line = orjson.loads(run(project, "suggest", "--json", "--as", "bea", "--documents", "harbour").stdout)
        return {s["text"]: s for s in line["spans"]}

    before = proposed()
    assert "speaker" not in before["The Harbour Board chair"]["attrs"]
    assert "target" not in before["the river tunnel was overdue"]["attrs"]
    with Store.open(project) as store:
        store.add_speaker("Mia Lund", ["Harbour Board chair"])
        store.add_target("river tunnel")
    after = proposed()
    source, claim = after["The Harbour Board chair"], after["the river tunnel was overdue"]
    assert source["attrs"] == {"speaker": "Mia Lund"} and "registry alias 'Harbour Board chair'" in str(source["rule"])
    assert claim["attrs"] == {"quote_type": "indirect", "target": "river tunnel"}
    assert "target 'river tunnel' named in the claim ('river tunnel')" in str(claim["rule"])
