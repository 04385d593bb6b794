"""Pre-annotation without a database: which proposals become a change to a layer, and which layers are left alone."""

from __future__ import annotations

from annotator.change import apply_to
from annotator.model import Layer, Relation, Span, Status
from annotator.pre_annotation import pre_annotation, proposals_record
from annotator.proposal import Proposals, ProposedRelation, ProposedSpan
from annotator.schema import default_schema

TEXT = "The minister said that talks would go on. Critics disagreed."
SCHEMA = default_schema()


def _at(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


PROPOSALS = Proposals(
    (
        ProposedSpan("p1", *_at("The minister"), "SPEAKER", "source: a title"),
        ProposedSpan("p2", *_at("said"), "CUE", "cue: reporting verb 'said'"),
        ProposedSpan("p3", *_at("talks would go on"), "CLAIM", "claim: that-clause", {"quote_type": "indirect"}),
    ),
    (
        ProposedRelation("p3", "p1", "ATTRIBUTED_TO", "source: subject of the cue"),
        ProposedRelation("p3", "p2", "HAS_CUE", "cue: governs the clause"),
    ),
)


def _held(layer: Layer | None) -> set[tuple[object, ...]]:
    assert layer is not None
    spans = {s.key: s for s in layer.spans}
    found: set[tuple[object, ...]] = {(TEXT[s.start : s.end], s.label, s.rule) for s in layer.spans}
    return found | {(TEXT[spans[r.head].start : spans[r.head].end], r.label) for r in layer.relations}


def test_a_layer_that_does_not_exist_gets_every_proposal_in_one_change_and_goes_in_progress() -> None:
    result = pre_annotation("d", "bea", None, 0, PROPOSALS, SCHEMA)
    change = result.change
    assert change is not None and (change.version_before, change.status) == (0, (Status.TODO, Status.IN_PROGRESS))
    assert [(s.key, s.label, s.rule, s.attrs) for s in change.added] == [
        ("s1", "SPEAKER", "source: a title", {}),
        ("s2", "CUE", "cue: reporting verb 'said'", {}),
        ("s3", "CLAIM", "claim: that-clause", {"quote_type": "indirect"}),
    ]
    assert change.linked == (Relation("r1", "s3", "s1", "ATTRIBUTED_TO"), Relation("r2", "s3", "s2", "HAS_CUE"))
    assert result.summary() == "d: added 3 span(s) (CLAIM 1, CUE 1, SPEAKER 1), 2 relation(s)"


def test_done_layers_and_layers_with_spans_are_left_alone_unless_replacing_proposed_spans() -> None:
    done = Layer("d", "bea", Status.DONE)
    assert pre_annotation("d", "bea", done, 4, PROPOSALS, SCHEMA, replace=True).left_alone == "done, left alone"
    hand = Span("s7", *_at("Critics"), "SPEAKER")
    old = Span("s8", *_at("talks"), "CLAIM", rule="claim: an old rule")
    layer = Layer(
        "d", "bea", Status.IN_PROGRESS, spans=(hand, old), relations=(Relation("r4", "s8", "s7", "ATTRIBUTED_TO"),)
    )
    kept = pre_annotation("d", "bea", layer, 5, PROPOSALS, SCHEMA)
    assert kept.change is None and kept.left_alone is not None and "has 2 span(s)" in kept.left_alone
    replaced = pre_annotation("d", "bea", layer, 5, PROPOSALS, SCHEMA, replace=True).change
    assert replaced is not None and replaced.removed == (old,) and replaced.status is None
    assert [s.key for s in replaced.added] == ["s9", "s10", "s11"]  # after every key the layer has
    after = apply_to(layer, replaced)
    assert _held(after) == {
        ("Critics", "SPEAKER", None),  # made by hand: kept
        ("The minister", "SPEAKER", "source: a title"),
        ("said", "CUE", "cue: reporting verb 'said'"),
        ("talks would go on", "CLAIM", "claim: that-clause"),
        ("talks would go on", "ATTRIBUTED_TO"),
        ("talks would go on", "HAS_CUE"),
    }


def test_rejected_proposals_and_spans_the_layer_holds_are_not_added_twice() -> None:
    rejected = {("CUE", *_at("said"))}
    speaker = Span("s1", *_at("The minister"), "SPEAKER", {"speaker": "Jeyhun Bayramov"})
    claim = Span("s2", *_at("talks would go on"), "CLAIM")
    other = Span("s3", *_at("Critics"), "SPEAKER")
    held = (Relation("r1", "s2", "s3", "ATTRIBUTED_TO"),)
    layer = Layer("d", "bea", Status.IN_PROGRESS, spans=(speaker, claim, other), relations=held)
    change = pre_annotation("d", "bea", layer, 2, PROPOSALS, SCHEMA, rejected=rejected, replace=True).change
    # The speaker and the claim are there by hand, the cue was rejected, and the hand-made claim has its one
    # ATTRIBUTED_TO already: nothing is left to add.
    assert change is None
    alone = Layer("d", "bea", Status.TODO, spans=(speaker,))
    change = pre_annotation("d", "bea", alone, 2, PROPOSALS, SCHEMA, rejected=rejected, replace=True).change
    assert change is not None and [s.label for s in change.added] == ["CLAIM"]
    assert change.linked == (Relation("r1", "s2", "s1", "ATTRIBUTED_TO"),)  # to the speaker made by hand
    assert change.status == (Status.TODO, Status.IN_PROGRESS)


def test_nothing_proposed_makes_no_change() -> None:
    result = pre_annotation("d", "bea", None, 0, Proposals(), SCHEMA)
    assert (result.change, result.summary()) == (None, "d: nothing proposed")


def test_the_json_record_has_offsets_labels_texts_attributes_and_rules_without_rejected_ones() -> None:
    record = proposals_record("d", TEXT, PROPOSALS, {("SPEAKER", *_at("The minister"))})
    assert record["doc_id"] == "d"
    assert [(s["text"], s["label"], s["attrs"], s["rule"]) for s in record["spans"]] == [
        ("said", "CUE", {}, "cue: reporting verb 'said'"),
        ("talks would go on", "CLAIM", {"quote_type": "indirect"}, "claim: that-clause"),
    ]
    assert [(s["start"], s["end"]) for s in record["spans"]] == [_at("said"), _at("talks would go on")]
    assert record["relations"] == [{"head": "p3", "child": "p2", "label": "HAS_CUE", "rule": "cue: governs the clause"}]
