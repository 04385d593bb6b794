"""The tokenizer behind spaCy, DocBin and CoNLL: whole words and emoji, cut at every span boundary, exact text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.formats.tokens import tokenize
from samples import FAMILY, FLAG_AZ, PIECES, THUMB_MEDIUM


def _rebuilt(tokens) -> str:
    return "".join(t.text + (" " if t.ws else "") for t in tokens)


def test_words_emoji_sequences_and_combining_marks_stay_whole() -> None:
    text = f"Aliyev’s {FAMILY} {FLAG_AZ}{THUMB_MEDIUM} cafe\u0301, don't 3.5\n\nقال الرئيس"
    tokens = tokenize(text)
    assert [t.text for t in tokens] == [
        "Aliyev’s",
        FAMILY,
        FLAG_AZ,
        THUMB_MEDIUM,
        "cafe\u0301",
        ",",
        "don't",
        "3.5",
        "\n",
        "\n",
        "قال",
        "الرئيس",
    ]
    assert [t.ws for t in tokens] == [True, True, False, True, False, True, True, False, False, False, True, False]
    assert _rebuilt(tokens) == text


def test_a_second_space_a_tab_and_a_space_before_a_combining_mark_are_tokens() -> None:
    text = "a  b\t\u0301c"
    tokens = tokenize(text)
    assert [(t.text, t.start, t.end, t.ws) for t in tokens] == [
        ("a", 0, 1, True),
        (" ", 2, 3, False),
        ("b", 3, 4, False),
        ("\t", 4, 5, False),
        ("\u0301", 5, 6, False),  # UAX #29 keeps it with the tab, and the tab with nothing else
        ("c", 6, 7, False),
    ]


def test_span_boundaries_cut_tokens_and_keep_their_spaces() -> None:
    text = "President Ilham Aliyev said"
    # A span inside a word, a span that starts on a space, a span that ends on a space.
    spans = [(2, 5), (9, 15), (16, 23)]
    tokens = tokenize(text, spans)
    assert [t.text for t in tokens] == ["Pr", "esi", "dent", " ", "Ilham", "Aliyev", " ", "said"]
    assert _rebuilt(tokens) == text
    starts, ends = {t.start for t in tokens}, {t.end for t in tokens}
    assert all(s in starts and e in ends for s, e in spans)


texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), min_size=1, max_size=30).map("".join)


@st.composite
def text_and_spans(draw):
    text = draw(texts.filter(bool))
    cuts = draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))), max_size=8))
    return text, [(min(a, b), max(a, b)) for a, b in cuts if a != b]


@settings(max_examples=300, deadline=None)
@given(text_and_spans())
def test_tokens_give_back_the_text_and_align_with_every_span(case) -> None:
    text, spans = case
    tokens = tokenize(text, spans)
    assert _rebuilt(tokens) == text
    assert all(t.text for t in tokens)
    for token in tokens:
        assert text[token.start : token.end] == token.text
        assert token.text.isspace() or not any(c.isspace() for c in token.text)
        assert not token.ws or text[token.end] == " "
    starts, ends = {t.start for t in tokens}, {t.end for t in tokens}
    for start, end in spans:
        assert start in starts and end in ends


@settings(max_examples=150, deadline=None)
@given(text_and_spans())
def test_spacy_rebuilds_the_text_and_finds_every_span(case) -> None:
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc

    text, spans = case
    tokens = tokenize(text, spans)
    if "vocab" not in _VOCAB:
        _VOCAB["vocab"] = spacy.blank("en").vocab
    doc = Doc(_VOCAB["vocab"], [t.text for t in tokens], [t.ws for t in tokens])
    assert doc.text == text
    for start, end in spans:
        found = doc.char_span(start, end)
        assert found is not None and found.text == text[start:end]


_VOCAB: dict = {}
