"""What accepting proposals makes of a layer, and where a sentence ends: worked out without a window."""

from __future__ import annotations

from itertools import count

from annotator.model import Relation, Span
from annotator.proposal import Proposals, ProposedRelation, ProposedSpan
from annotator.schema import default_schema
from ui.proposal_changes import acceptance, sentence_around
from ui.span_table import SpanTable

TEXT = "The minister said the talks went well. Mr. Smith, an envoy, told reporters: “We are close.”"


def at(phrase: str, label: str, key: str, rule: str = "r", **attrs: str) -> ProposedSpan:
    start = TEXT.index(phrase)
    return ProposedSpan(key, start, start + len(phrase), label, rule, attrs)


PROPOSALS = Proposals(
    (
        at("The minister", "SPEAKER", "p1", "source: title"),
        at("said", "CUE", "p2", "cue: reporting verb 'said'"),
        at("the talks went well", "CLAIM", "p3", "claim: that-clause", quote_type="indirect", stance="MAYBE"),
    ),
    (
        ProposedRelation("p3", "p1", "ATTRIBUTED_TO", "source"),
        ProposedRelation("p3", "p2", "HAS_CUE", "cue"),
    ),
)


def accept(keys: list[str], spans: list[Span] = (), relations: list[Relation] = (), rejected=()):  # type: ignore[no-untyped-def,assignment]
    return acceptance(
        PROPOSALS,
        keys,
        spans=SpanTable(spans),
        relations={r.key: r for r in relations},
        rejected=set(rejected),
        schema=default_schema(),
        text=TEXT,
        keys=(f"s{n}" for n in count(10)),
        guess_speaker=lambda words: "The Minister" if words == "The minister" else None,
    )


def test_a_claim_comes_with_its_statement_and_its_rules() -> None:
    made = accept(["p3"])
    assert [(s.key, TEXT[s.start : s.end], s.label, s.attrs, s.rule) for s in made.added] == [
        ("s10", "The minister", "SPEAKER", {"speaker": "The Minister"}, "source: title"),
        ("s11", "said", "CUE", {}, "cue: reporting verb 'said'"),
        ("s12", "the talks went well", "CLAIM", {"quote_type": "indirect"}, "claim: that-clause"),  # no bad stance
    ]
    links = [(r.head, r.child, r.label) for r in made.linked]
    assert links == [("s12", "s10", "ATTRIBUTED_TO"), ("s12", "s11", "HAS_CUE")]
    assert made.first == "s12" and made.modified == ()


def test_a_span_the_layer_holds_is_linked_to_and_keeps_its_values() -> None:
    start = TEXT.index("minister")  # the annotator's own, shorter boundary
    own = Span("s1", start, start + len("minister"), "SPEAKER", {"speaker": "Someone"})
    claim_start = TEXT.index("the talks")
    claim = Span("s2", claim_start, claim_start + len("the talks went well"), "CLAIM", {"stance": "FAVOR"})
    made = accept(["p3"], [own, claim])
    assert [TEXT[s.start : s.end] for s in made.added] == ["said"]
    assert [(before.attrs, after.attrs) for before, after in made.modified] == [
        ({"stance": "FAVOR"}, {"stance": "FAVOR", "quote_type": "indirect"})
    ]
    assert [(r.head, r.child) for r in made.linked] == [("s2", "s1"), ("s2", "s10")]
    assert made.first == "s2"


def test_rejected_proposals_and_links_past_the_schemas_room_are_left_out() -> None:
    claim_start = TEXT.index("the talks")
    claim = Span("s2", claim_start, claim_start + len("the talks went well"), "CLAIM")
    other = Span("s3", TEXT.index("Mr. Smith"), TEXT.index("Mr. Smith") + 9, "SPEAKER")
    linked = Relation("r1", "s2", "s3", "ATTRIBUTED_TO")  # ATTRIBUTED_TO: at most one per claim
    made = accept(["p2"], [claim, other], [linked], rejected=[("SPEAKER", 0, 12)])
    assert [TEXT[s.start : s.end] for s in made.added] == ["said"]
    assert [(r.head, r.child, r.label) for r in made.linked] == [("s2", "s10", "HAS_CUE")], "a cue links to its claim"
    assert accept(["p1"], rejected=[("SPEAKER", 0, 12)]).empty


def test_a_sentence_ends_at_its_full_stop_but_not_at_a_title() -> None:
    first_end = TEXT.index(". Mr.") + 1
    assert sentence_around(TEXT, TEXT.index("talks")) == (0, first_end)
    assert sentence_around(TEXT, TEXT.index("envoy")) == (first_end, len(TEXT))
    assert sentence_around("One line\nAnother line", 12) == (9, 21)
