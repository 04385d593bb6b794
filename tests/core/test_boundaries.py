"""Moving a span's ends by a word (``annotator.boundaries.moved``)."""

from __future__ import annotations

from annotator.boundaries import moved

TEXT = "He said “we will go.” Then, it’s over."


def after(start: int, end: int, edge: str, forward: bool) -> str | None:
    ends = moved(TEXT, start, end, edge=edge, forward=forward)
    return TEXT[ends[0] : ends[1]] if ends else None


def span(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def test_the_end_moves_over_a_word_or_a_punctuation_mark() -> None:
    assert after(*span("said"), "end", True) == "said “"
    assert after(*span("we will"), "end", True) == "we will go"
    assert after(*span("we will go."), "end", False) == "we will go"
    assert after(*span("we will go"), "end", False) == "we will"


def test_the_start_moves_by_a_word_and_a_contraction_is_one_word() -> None:
    assert after(*span("will go"), "start", False) == "we will go"
    assert after(*span("we will go"), "start", True) == "will go"
    assert after(*span("it’s over."), "start", True) == "over."


def test_a_move_that_would_empty_the_span_or_find_no_word_is_refused() -> None:
    assert moved(TEXT, *span("said"), edge="end", forward=False) is None
    assert moved(TEXT, *span("said"), edge="start", forward=True) is None
    assert moved(TEXT, *span("He"), edge="start", forward=False) is None
    assert moved(TEXT, *span("over."), edge="end", forward=True) is None
