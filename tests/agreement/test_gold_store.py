"""The Store's gold layer: adjudication edits checked against the version the caller read, on both backends."""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import event

from annotator.errors import DataError, GoldChanged, PermissionDenied
from annotator.formats.native import parse_record
from annotator.model import Relation, Role, Span, Status
from annotator.schema import default_schema
from db.store import Store


def _import(store: Store, records: list[dict[str, Any]]) -> None:
    schema = default_schema()
    store.import_records([(n, parse_record(r, schema)) for n, r in enumerate(records, 1)], source="example")


@pytest.fixture
def store(database: str, records: list[dict[str, Any]]):
    with Store.open(database) as opened:
        _import(opened, records)
        yield opened


def _texts(store: Store) -> list[tuple[str, str, tuple[str, ...]]]:
    gold = store.gold("d1").layer
    text = store.document("d1").text
    return [(s.key, text[s.start : s.end], s.sources) for s in gold.spans] if gold else []


def test_adopting_replacing_removing_and_undoing_in_gold(store: Store) -> None:
    assert (store.gold("d1").layer, store.gold("d1").version) == (None, 0)
    minister = store.adopt_span("d1", 0, "ann_a", "s7")
    assert [(s.key, s.sources, s.attrs) for s in minister.added] == [("s1", ("ann_a",), {"speaker": "Jeyhun Bayramov"})]
    claim = store.adopt_span("d1", minister.version_after, "ann_a", "s8", sources=["ann_a", "ann_b"])
    # ann_a's claim points to "The minister", which gold now has: the relation follows.
    assert [(r.head, r.child, r.label) for r in claim.linked] == [("s2", "s1", "ATTRIBUTED_TO")]
    assert store.gold("d1").version == claim.version_after > minister.version_after
    # Taking ann_b's "minister" instead, in place of s1: s1 goes with its relation.
    other = store.adopt_span("d1", claim.version_after, "ann_b", "s6", replace=["s1"])
    assert [s.key for s in other.removed] == ["s1"] and [r.key for r in other.unlinked] == ["r1"]
    assert _texts(store) == [("s3", "minister", ("ann_b",)), ("s2", "“Trade will grow.”", ("ann_a", "ann_b"))]
    assert store.gold("d1").layer.relations == ()  # ann_b's claim is not gold's claim: no relation follows
    undone = store.revert(other)
    assert _texts(store) == [("s1", "The minister", ("ann_a",)), ("s2", "“Trade will grow.”", ("ann_a", "ann_b"))]
    assert [(r.key, r.head, r.child) for r in store.gold("d1").layer.relations] == [("r1", "s2", "s1")]
    store.revert(undone)  # redo
    assert [key for key, _, _ in _texts(store)] == ["s3", "s2"]
    removed = store.remove_gold_spans("d1", store.gold("d1").version, ["s2"])
    assert [s.key for s in removed.removed] == ["s2"] and _texts(store) == [("s3", "minister", ("ann_b",))]


def test_hand_edits_are_checked_and_a_refused_change_stores_nothing(store: Store) -> None:
    text = store.document("d1").text
    start = text.index("Critics")
    speaker = Span("", start, start + len("Critics"), "SPEAKER", {"speaker": "Critics"})
    added = store.put_gold_spans("d1", 0, [speaker])
    assert [s.key for s in added.added] == ["s1"]
    cue = Span("c9", text.index("argued"), text.index("argued") + 6, "CUE")
    with pytest.raises(DataError, match="HAS_CUE needs a CLAIM head, but s1 is a SPEAKER"):
        store.put_gold_spans("d1", added.version_after, [cue], [Relation("r1", "s1", "c9", "HAS_CUE")])
    with pytest.raises(DataError, match="no span 'zz'"):
        store.remove_gold_spans("d1", added.version_after, ["zz"])
    with pytest.raises(DataError, match="no span 's9'"):
        store.adopt_span("d1", added.version_after, "ann_a", "s9")
    assert store.gold("d1").version == added.version_after
    assert [s.key for s in store.gold("d1").layer.spans] == ["s1"]


def test_accepting_unanimous_units_through_the_store(store: Store) -> None:
    review = store.document_layers("d1")
    assert (sorted(review.layers), review.gold, review.gold_version) == (["ann_a", "ann_b"], None, 0)
    result = store.accept_unanimous("d1", 0)
    assert [(key, sources) for key, _, sources in _texts(store)] == [
        (f"s{n}", ("ann_a", "ann_b")) for n in (1, 2, 3, 4)
    ]
    assert len(result.change.linked) == 1 and len(result.left) == 4
    again = store.accept_unanimous("d1", result.change.version_after)
    assert again.change.empty and again.change.version_after == result.change.version_after
    with pytest.raises(GoldChanged):
        store.accept_unanimous("d1", 0)


def test_two_leads_at_once_never_overwrite_each_other(database: str, records: list[dict[str, Any]]) -> None:
    with Store.open(database, user="lena") as lena:  # the project's first annotator: its lead
        _import(lena, records)
        lena.add_annotator("max", Role.LEAD)
        with Store.open(database, user="max") as max_:
            seen_by_lena, seen_by_max = lena.document_layers("d1"), max_.document_layers("d1")
            lena.adopt_span("d1", seen_by_lena.gold_version, "ann_a", "s7")
            with pytest.raises(GoldChanged) as refused:
                max_.adopt_span("d1", seen_by_max.gold_version, "ann_b", "s6")
            assert str(refused.value) == "the gold layer of d1 was changed by lena since you opened it; reload"
            assert [s.sources for s in max_.gold("d1").layer.spans] == [("ann_a",)]
            # Max reloads and goes on from what Lena did.
            max_.adopt_span("d1", max_.gold("d1").version, "ann_b", "s6", replace=["s1"])
            assert [s.sources for s in lena.gold("d1").layer.spans] == [("ann_b",)]


def test_two_leads_racing_on_the_same_version_one_wins(database: str, records: list[dict[str, Any]]) -> None:
    with Store.open(database) as first, Store.open(database) as second:
        _import(first, records)
        version = first.gold("d1").version
        start = threading.Barrier(2)
        outcomes: dict[str, object] = {}

        def adopt(name: str, store: Store, key: str) -> None:
            start.wait()
            try:
                outcomes[name] = store.adopt_span("d1", version, "ann_a", key)
            except GoldChanged as error:
                outcomes[name] = error

        threads = [
            threading.Thread(target=adopt, args=("first", first, "s1")),
            threading.Thread(target=adopt, args=("second", second, "s4")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert sorted(type(o).__name__ for o in outcomes.values()) == ["GoldChanged", "LayerChange"]
        assert len(first.gold("d1").layer.spans) == 1


def test_only_a_lead_reads_all_layers_and_changes_gold(database: str, records: list[dict[str, Any]]) -> None:
    with Store.open(database, user="lena") as lena:
        _import(lena, records)
    with Store.open(database, user="ann_a") as annotator:
        for attempt in (
            lambda: annotator.gold("d1"),
            lambda: annotator.adopt_span("d1", 0, "ann_a", "s1"),
            lambda: annotator.accept_unanimous("d1", 0),
            lambda: annotator.agreement_layers(),
            lambda: annotator.document_layers("d1"),
        ):
            with pytest.raises(PermissionDenied, match="only a lead may"):
                attempt()


def test_layers_are_read_in_bulk_not_one_query_per_document(store: Store, records: list[dict[str, Any]]) -> None:
    many = []
    for n in range(450):
        for record in records[:2]:
            many.append(record | {"doc_id": f"doc{n:03d}"})
    _import(store, many)
    statements: list[str] = []
    event.listen(store.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    documents = list(store.agreement_layers())
    assert len(documents) == 452
    assert {len(d.layers) for d in documents} == {1, 2}
    assert len(statements) < 25, f"{len(statements)} statements for {len(documents)} documents"
    chosen = list(store.agreement_layers(["doc007", "d2"], ["ann_a"], with_gold=True))
    assert [(d.doc_id, sorted(d.layers), d.gold_version) for d in chosen] == [
        ("d2", ["ann_a"], 0),
        ("doc007", ["ann_a"], 0),
    ]
    with pytest.raises(DataError, match="no annotator 'zoe'"):
        store.agreement_layers(annotators=["zoe"])


def test_gold_replaced_by_an_import_is_not_taken_for_the_gold_a_lead_opened(store: Store) -> None:
    first = store.adopt_span("d1", 0, "ann_a", "s7")
    gold = next(r for r in store.export_records(layer="gold", status="any") if r.document.doc_id == "d1")
    seen = store.gold("d1").version
    store.import_records([(1, gold)], source="gold.jsonl")  # the same layer: nothing to replace
    assert store.gold("d1").version == seen
    changed = replace(gold.layer, status=Status.DONE)
    store.import_records([(1, replace(gold, layer=changed))], source="gold.jsonl", replace=True)
    assert store.gold("d1").version > first.version_after  # a new row, but its version goes on from the old one's
    with pytest.raises(GoldChanged):
        store.adopt_span("d1", seen, "ann_b", "s6")
