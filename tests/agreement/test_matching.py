"""Span matching between layers: exact, by overlap after trimming, and units across several annotators."""

from __future__ import annotations

from annotator.agreement import match_exact, match_overlap, trim
from annotator.agreement.matching import cluster, place
from annotator.model import Span

TEXT = "Aliyev said: “Peace is near, and trade will grow.” The minister agreed."


def at(piece: str, label: str, key: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(piece, start + 1)
    return Span(key, start, start + len(piece), label)


def test_trimming_drops_white_space_and_punctuation_at_both_ends_only() -> None:
    start = TEXT.index("“")
    end = TEXT.index("”") + 1
    assert TEXT[slice(*trim(TEXT, start, end))] == "Peace is near, and trade will grow"
    assert trim(TEXT, TEXT.index(":"), TEXT.index(":") + 1) == (TEXT.index(":"), TEXT.index(":") + 1)  # all punctuation


def test_exact_matching_needs_the_same_offsets_and_label() -> None:
    a = [at("Aliyev", "SPEAKER", "s1"), at("said", "CUE", "s2"), at("Peace is near", "CLAIM", "s3")]
    b = [at("Aliyev", "SPEAKER", "t1"), at("said", "CLAIM", "t2"), at("Peace is near,", "CLAIM", "t3")]
    assert [(x.key, y.key) for x, y in match_exact(a, b)] == [("s1", "t1")]


def test_overlap_matching_is_one_to_one_largest_overlap_first_within_a_label() -> None:
    whole = at("“Peace is near, and trade will grow.”", "CLAIM", "s1")
    first = at("Peace is near", "CLAIM", "t1")
    both = at("Peace is near, and trade will grow.", "CLAIM", "t2")
    speaker = at("Peace", "SPEAKER", "t3")
    pairs = match_overlap(TEXT, [whole], [first, both, speaker])
    # Trimmed, s1 and t2 are the same 34 characters; t1 overlaps s1 by 13: s1 goes with t2, t1 stays alone.
    assert [(x.key, y.key) for x, y in pairs] == [("s1", "t2")]
    assert match_overlap(TEXT, [at("Aliyev", "SPEAKER", "s1")], [at("The minister", "SPEAKER", "t1")]) == []


def test_three_annotators_form_units_of_one_span_each_and_labels_join_only_when_nearly_the_same() -> None:
    layers = {
        "a": [at("Peace is near", "CLAIM", "a1"), at("The minister", "SPEAKER", "a2")],
        "b": [at("Peace is near, and trade", "CLAIM", "b1"), at("Peace", "CLAIM", "b2"), at("minister", "CUE", "b3")],
        "c": [at("is near", "CLAIM", "c1"), at("The minister", "CLAIM", "c2")],
    }
    placed = {name: place(TEXT, name, spans) for name, spans in layers.items()}
    units = [{name: p.span.key for name, p in unit.items()} for unit in cluster(placed, cross_labels=True)]
    # a1-b1 overlap 13, a1-c1 7, b1-c1 7, b2 overlaps a1 and b1 by 5 but b already has b1 in the unit.
    # a2 (SPEAKER) and c2 (CLAIM) cover the same 12 characters: one unit across labels; b3 covers 8 of 12, 2/3 >= 1/2.
    # Units come in order of their first span: "Peace" (b2) starts where a1 does and ends first.
    assert units == [{"b": "b2"}, {"a": "a1", "b": "b1", "c": "c1"}, {"a": "a2", "c": "c2", "b": "b3"}]
    same_label_only = [{n: p.span.key for n, p in unit.items()} for unit in cluster(placed)]
    assert {"a": "a2"} in same_label_only and {"c": "c2"} in same_label_only and {"b": "b3"} in same_label_only
