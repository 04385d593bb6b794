"""Provenance: a span accepted from a proposal keeps its rule (``Span.rule``) wherever the layer goes, on both
backends: every read, undo and redo, adjudication into gold, native export and import, the figures; and the phrases
of done layers that teach the proposer, read as the user may read them."""

from __future__ import annotations

from collections.abc import Iterator

import orjson
import pytest

from annotator.change import LayerChange, fresh_keys
from annotator.errors import DataError
from annotator.formats.native import parse_record, read_native, write_native
from annotator.model import GOLD, Relation, Role, Span, Status
from annotator.proposer import learn
from annotator.schema import default_schema
from db.store import Store
from samples import tricky_record

SAID = "cue: reporting verb 'said'"
NAME = "source: name with a title"


@pytest.fixture
def store(database: str) -> Iterator[Store]:
    with Store.open(database) as opened:
        opened.import_records([(1, parse_record(tricky_record(), default_schema()))], source="sample")
        opened.add_annotator("bea")
        opened.add_annotator("cat")
        yield opened


def _place(store: Store, phrase: str) -> tuple[int, int]:
    start = store.document("tricky").text.index(phrase)
    return start, start + len(phrase)


def _accept(store: Store, annotator: str = "bea") -> LayerChange:
    """A proposed statement accepted as one change: a speaker and a cue from proposals, a claim by hand."""
    layer, version = store.layer_and_version("tricky", annotator)
    keys = fresh_keys([s.key for s in layer.spans] if layer else [], "s")
    speaker = Span(
        next(keys), *_place(store, "President Ilham Aliyev"), "SPEAKER", {"speaker": "Ilham Aliyev"}, (), NAME
    )
    cue = Span(next(keys), *_place(store, "said"), "CUE", rule=SAID)
    claim = Span(next(keys), *_place(store, "Islamic solidarity"), "CLAIM", {"stance": "FAVOR"})
    links = (Relation("", claim.key, speaker.key, "ATTRIBUTED_TO"), Relation("", claim.key, cue.key, "HAS_CUE"))
    change = LayerChange("tricky", annotator, version, version, added=(speaker, cue, claim), linked=links)
    return store.apply(change)


def _rules(spans: tuple[Span, ...] | list[Span]) -> dict[str, str | None]:
    return {s.label: s.rule for s in spans}


def test_every_read_of_a_layer_gives_each_span_its_rule(store: Store) -> None:
    done = _accept(store)
    assert _rules(done.added) == {"SPEAKER": NAME, "CUE": SAID, "CLAIM": None}
    assert _rules(store.layer("tricky", "bea").spans) == _rules(done.added)
    assert _rules(store.layer_and_version("tricky", "bea")[0].spans) == _rules(done.added)
    # The window's reads in parts: the first screen, then the rest, then parts of one span.
    start = store.layer_start("tricky", "bea", before=_place(store, "said")[0])
    assert start is not None and _rules(start.spans) == {"SPEAKER": NAME}
    assert _rules(store.layer_rest(start).spans) == _rules(done.added)
    part = store.layer_part(start, limit=1)
    assert part is not None and _rules(part.spans) == {"CUE": SAID}
    exported = next(r.layer for r in store.export_records(layer="bea", status="any"))
    assert _rules(exported.spans) == _rules(done.added)
    # Hand-made spans, and the spans of a layer imported before provenance existed, have none.
    assert {s.rule for s in store.layer("tricky", "ann_01").spans} == {None}


def test_undo_and_redo_keep_the_rule_and_so_do_attribute_edits(store: Store) -> None:
    accepted = _accept(store)
    undone = store.revert(accepted)
    assert store.layer("tricky", "bea").spans == ()
    store.revert(undone)  # redo
    assert _rules(store.layer("tricky", "bea").spans) == {"SPEAKER": NAME, "CUE": SAID, "CLAIM": None}
    cue = next(s for s in accepted.added if s.label == "CUE")
    removed = store.remove_span("tricky", "bea", cue.key)
    assert removed.removed[0].rule == SAID  # the change holds the span as stored, rule and all
    store.revert(removed)
    assert next(s for s in store.layer("tricky", "bea").spans if s.label == "CUE").rule == SAID
    speaker = next(s for s in accepted.added if s.label == "SPEAKER")
    edited = store.set_span_attributes("tricky", "bea", speaker.key, {"speaker": "Someone Else"})
    assert [(b.rule, a.rule) for b, a in edited.modified] == [(NAME, NAME)]
    assert next(s for s in store.layer("tricky", "bea").spans if s.label == "SPEAKER").rule == NAME
    by_hand = store.add_span("tricky", "bea", *_place(store, "stressed"), "CUE", rule="cue: reporting verb 'stressed'")
    assert store.layer("tricky", "bea").spans[-1].rule == by_hand.added[0].rule == "cue: reporting verb 'stressed'"


def test_a_rule_the_database_cannot_hold_is_refused_and_nothing_is_stored(store: Store) -> None:
    with pytest.raises(DataError, match="rule must be a text of 1 to 300 characters"):
        store.add_span("tricky", "bea", *_place(store, "said"), "CUE", rule="x" * 301)
    assert store.layer("tricky", "bea") is None


def test_the_figures_count_each_annotators_spans_from_proposals(store: Store) -> None:
    _accept(store)
    _accept(store, "cat")
    store.remove_span("tricky", "cat", "s2")
    people = store.stats()["annotators"]
    assert (people["bea"]["spans"], people["bea"]["proposed"]) == (3, 2)
    assert (people["cat"]["spans"], people["cat"]["proposed"]) == (2, 1)
    assert (people["ann_01"]["spans"], people["ann_01"]["proposed"]) == (7, 0)


def test_adjudication_keeps_the_rule_of_the_span_gold_takes(store: Store) -> None:
    _accept(store)
    _accept(store, "cat")
    bea = store.layer("tricky", "bea")
    cue = next(s for s in bea.spans if s.label == "CUE")
    adopted = store.adopt_span("tricky", 0, "bea", cue.key)
    assert adopted.added[0].rule == SAID and store.gold("tricky").layer.spans[0].rule == SAID
    # Unanimous units: a rule where every annotator accepted the same proposal, none where one made it by hand.
    store.set_status("tricky", "bea", Status.DONE)
    store.set_status("tricky", "cat", Status.DONE)
    result = store.accept_unanimous("tricky", adopted.version_after, ["bea", "cat"])
    gold = {(s.label, s.start): s.rule for s in store.gold("tricky").layer.spans}
    assert gold[("SPEAKER", _place(store, "President Ilham Aliyev")[0])] == NAME
    assert gold[("CLAIM", _place(store, "Islamic solidarity")[0])] is None
    assert len(result.change.added) == 2  # the speaker and the hand-made claim; the cue was in gold already


def test_native_export_writes_the_rule_only_where_there_is_one_and_import_reads_it_back(
    store: Store, database: str, tmp_path
) -> None:
    _accept(store)
    schema = store.schema
    records = list(store.export_records(layer="all", status="any"))
    first = tmp_path / "first.jsonl"
    with first.open("wb") as out:
        write_native(records, out, schema)
    lines = [orjson.loads(line) for line in first.read_bytes().split(b"\n")[:-1]]
    bea = next(line for line in lines if line["annotator"] == "bea")
    assert {s["label"]: s.get("rule") for s in bea["spans"]} == {"SPEAKER": NAME, "CUE": SAID, "CLAIM": None}
    assert [("rule" in s) for s in bea["spans"] if s["label"] == "CLAIM"] == [False]  # no key on a hand-made span
    assert not any("rule" in s for line in lines if line["annotator"] == "ann_01" for s in line["spans"])
    # Into an empty project and out again: the same bytes, the same rules.
    with Store.open(tmp_path / "again.db") as again:
        with first.open("rb") as stream:
            again.import_records(read_native(stream, schema, source=str(first)), source=str(first))
        assert _rules(again.layer("tricky", "bea").spans) == _rules(store.layer("tricky", "bea").spans)
        second = tmp_path / "second.jsonl"
        with second.open("wb") as out:
            write_native(list(again.export_records(layer="all", status="any")), out, schema)
    assert second.read_bytes() == first.read_bytes()


def test_a_native_span_whose_rule_is_not_a_text_is_refused() -> None:
    record = tricky_record()
    record["spans"][1]["rule"] = 7
    with pytest.raises(DataError, match="span s2: rule must be a non-empty string or null, not 7"):
        parse_record(record, default_schema())


def test_the_proposer_is_taught_by_the_source_and_cue_phrases_of_done_layers(database: str) -> None:
    with Store.open(database) as trusted:
        trusted.add_annotator("lena", Role.LEAD)
        schema = trusted.schema
        trusted.import_records([(1, parse_record(tricky_record(), schema))], source="sample")
        unfinished = tricky_record("bea", status="in_progress")
        trusted.import_records([(1, parse_record(unfinished, schema))], source="sample")
        own = tricky_record("zoe", doc_id="other")
        trusted.import_records([(1, parse_record(own, schema))], source="sample")
    with Store.open(database, user="lena") as lead:
        taught = {(layer.doc_id, layer.annotator): (text, layer) for text, layer in lead.taught()}
        assert sorted(taught) == [("other", "zoe"), ("tricky", "ann_01")]  # done layers only, bea's is not
        text, layer = taught[("tricky", "ann_01")]
        assert [(s.label, text[s.start : s.end], s.attrs) for s in layer.spans] == [
            ("SPEAKER", "President Ilham Aliyev", {"speaker": "Ilham Aliyev"}),
            ("CUE", "said", {}),
            ("SPEAKER", "The head of state", {"speaker": "Ilham Aliyev"}),
            ("CLAIM", "", {"stance": "FAVOR", "target": "Islamic solidarity"}),  # only a claim with both, no words
        ]
        claim, by_key = layer.spans[-1].key, {s.key: s for s in layer.spans}
        said = [(r.head, text[by_key[r.child].start : by_key[r.child].end], r.label) for r in layer.relations]
        assert said == [(claim, "President Ilham Aliyev", "ATTRIBUTED_TO")]
        assert layer.status is Status.DONE
        learned = learn(lead.taught(), schema.statement)
        assert learned.stances == {("Ilham Aliyev", "Islamic solidarity"): (("FAVOR", "tricky"), ("FAVOR", "other"))}
        # Proposals for one annotator learn from their layers alone: nothing of another's work reaches them.
        assert [(layer.doc_id, layer.annotator) for _, layer in lead.taught("zoe")] == [("other", "zoe")]
        assert lead.taught("bea") == []
    with Store.open(database, user="zoe") as annotator:
        assert [(layer.doc_id, layer.annotator) for _, layer in annotator.taught()] == [("other", "zoe")]
        assert [(layer.doc_id, layer.annotator) for _, layer in annotator.taught("ann_01")] == [("other", "zoe")]
    with Store.open(database) as trusted:
        gold = tricky_record(GOLD)
        trusted.import_records([(1, parse_record(gold, schema))], source="gold")
        assert GOLD in {layer.annotator for _, layer in trusted.taught()}
