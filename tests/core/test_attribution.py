"""The rule a tag by hand links by (``annotator.attribution``): sentences, quotation, candidates on one side."""

from __future__ import annotations

import re

from annotator.attribution import Attribution, Roles, is_quoted, links_for, sentence_of
from annotator.model import Relation, Span
from annotator.schema import default_schema

ROLES = Roles.of(default_schema())


def spans_of(text: str, *parts: tuple[str, str]) -> list[Span]:
    """A span for each (phrase, label), a whole word found left to right, keyed s1, s2..."""
    spans, at = [], 0
    for number, (phrase, label) in enumerate(parts, 1):
        found = re.compile(rf"\b{re.escape(phrase)}(?!\w)").search(text, at)
        assert found is not None, phrase
        start = found.start()
        spans.append(Span(f"s{number}", start, start + len(phrase), label))
        at = start
    return spans


def linked(text: str, spans: list[Span], new: str, relations: tuple[Relation, ...] = ()) -> list[tuple[str, str, str]]:
    """The links the tag of span ``new`` makes, as (relation, head text, child text)."""
    by_key = {s.key: s for s in spans}

    def said(key: str) -> str:
        return text[by_key[key].start : by_key[key].end]

    return sorted((r.label, said(r.head), said(r.child)) for r in links_for(ROLES, text, spans, relations, by_key[new]))


def test_sentences_end_at_full_stops_but_not_after_titles_and_run_over_a_break_in_the_middle() -> None:
    text = "Mr. Smith said so. Dr. Jones disagreed!\nShe described\n\nit as a success. Next"
    assert text[slice(*sentence_of(text, 5))] == "Mr. Smith said so."
    assert text[slice(*sentence_of(text, 22))] == " Dr. Jones disagreed!"
    assert text[slice(*sentence_of(text, text.index("success")))] == "She described\n\nit as a success."
    assert text[slice(*sentence_of(text, len(text) - 1))] == " Next"


def test_quoted_is_inside_open_quotation_marks_of_the_line_even_one_that_never_closes() -> None:
    text = "“We will win,” he said. “And more. We go on\nBut not here."
    assert is_quoted(text, 1, 12)
    assert not is_quoted(text, text.index("he said"), text.index("he said") + 2)
    assert is_quoted(text, text.index("We go"), text.index("We go") + 5)  # never closed on its line
    assert not is_quoted(text, text.index("But"), len(text))
    assert is_quoted(text, 0, 12), "a span that begins with the quotation mark"
    assert is_quoted('He said "yes, we can" today', 9, 20)


def test_one_speaker_and_one_cue_in_the_sentence_are_linked() -> None:
    text = "Later, he stressed that taxes will fall. Others disagreed."
    spans = spans_of(text, ("he", "SPEAKER"), ("stressed", "CUE"), ("taxes will fall", "CLAIM"))
    assert linked(text, spans, "s3") == [
        ("ATTRIBUTED_TO", "taxes will fall", "he"),
        ("HAS_CUE", "taxes will fall", "stressed"),
    ]


def test_candidates_on_both_sides_link_none_and_on_one_side_the_nearest() -> None:
    text = "Noting that prices rose, the minister said that wages will follow."
    spans = spans_of(
        text,
        ("Noting", "CUE"),
        ("prices rose", "CLAIM"),
        ("the minister", "SPEAKER"),
        ("said", "CUE"),
        ("wages will follow", "CLAIM"),
    )
    assert linked(text, spans, "s2") == [("ATTRIBUTED_TO", "prices rose", "the minister")]  # a cue each side
    assert linked(text, spans, "s5") == [
        ("ATTRIBUTED_TO", "wages will follow", "the minister"),
        ("HAS_CUE", "wages will follow", "said"),  # nearer than "Noting"
    ]


def test_nothing_in_another_sentence_and_nothing_inside_the_claim() -> None:
    text = "The mayor spoke. Roads will be built, said Ann."
    spans = spans_of(text, ("The mayor", "SPEAKER"), ("Roads will be built", "CLAIM"))
    assert linked(text, spans, "s2") == []
    text = "Ann said that Bob said nothing."
    spans = spans_of(text, ("Ann", "SPEAKER"), ("said", "CUE"), ("Bob said nothing", "CLAIM"), ("Bob", "SPEAKER"))
    assert linked(text, spans, "s3") == [
        ("ATTRIBUTED_TO", "Bob said nothing", "Ann"),
        ("HAS_CUE", "Bob said nothing", "said"),
    ]


def test_a_claim_inside_a_quoted_claim_looks_inside_it_and_is_indirect() -> None:
    text = "“The council says that the plan works,” he said."
    spans = spans_of(
        text,
        ("The council says that the plan works", "CLAIM"),
        ("The council", "SPEAKER"),
        ("says", "CUE"),
        ("the plan works", "CLAIM"),
        ("he", "SPEAKER"),
        ("said", "CUE"),
    )
    assert linked(text, spans, "s4") == [
        ("ATTRIBUTED_TO", "the plan works", "The council"),
        ("HAS_CUE", "the plan works", "says"),
    ]
    assert linked(text, spans, "s1") == [
        ("ATTRIBUTED_TO", "The council says that the plan works", "he"),
        ("HAS_CUE", "The council says that the plan works", "said"),
    ]
    rule = Attribution(ROLES, text, spans, ())
    assert rule.quote_type(spans[0]) == {"quote_type": "direct"}
    assert rule.quote_type(spans[3]) == {"quote_type": "indirect"}


def test_a_quoted_claim_with_no_attribution_in_its_sentence_continues_the_quote_before() -> None:
    text = "“We won,” she said. “We will win again.”\n“Here nobody said it.”"
    spans = spans_of(
        text,
        ("We won", "CLAIM"),
        ("she", "SPEAKER"),
        ("said", "CUE"),
        ("We will win again.", "CLAIM"),
        ("Here nobody said it.", "CLAIM"),
    )
    relations = (Relation("r1", "s1", "s2", "ATTRIBUTED_TO"), Relation("r2", "s1", "s3", "HAS_CUE"))
    assert linked(text, spans, "s4", relations) == [
        ("ATTRIBUTED_TO", "We will win again.", "she"),
        ("HAS_CUE", "We will win again.", "said"),
    ]
    assert linked(text, spans, "s5", relations) == [], "another paragraph"


def test_a_source_or_cue_tagged_after_links_the_claims_that_choose_it() -> None:
    text = "Prices will rise, said the bank. It added that rates stay."
    spans = spans_of(
        text,
        ("Prices will rise", "CLAIM"),
        ("said", "CUE"),
        ("the bank", "SPEAKER"),
        ("It", "SPEAKER"),
        ("added", "CUE"),
        ("rates stay", "CLAIM"),
    )
    assert linked(text, spans, "s3") == [("ATTRIBUTED_TO", "Prices will rise", "the bank")]
    taken = (Relation("r1", "s1", "s3", "ATTRIBUTED_TO"),)
    assert linked(text, spans, "s3", taken) == [], "a claim that has its source keeps it"
    assert linked(text, spans, "s5") == [("HAS_CUE", "rates stay", "added")]


def test_quote_types_named_otherwise_are_the_first_and_second_values() -> None:
    schema = default_schema()
    roles = Roles.of(schema)
    assert (roles.direct, roles.indirect) == ("direct", "indirect")
    renamed = Roles("C", "S", "V", "BY", "CUE", "form", "verbatim", "reported")
    text = "“Yes.” No."
    spans = [Span("s1", 1, 5, "C"), Span("s2", 7, 10, "C")]
    rule = Attribution(renamed, text, spans, ())
    assert rule.quote_type(spans[0]) == {"form": "verbatim"} and rule.quote_type(spans[1]) == {"form": "reported"}
