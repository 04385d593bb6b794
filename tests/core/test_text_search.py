"""Finding a term in a text a slice at a time gives what one search of the whole text gives."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from annotator.text_search import TextSearch


def test_a_search_is_case_insensitive_unless_asked_and_finds_matches_across_slices() -> None:
    text = "Said he. SAID she; said—they said 😀 said"
    search = TextSearch(text, "said")
    while not search.done:
        search.step(5)  # slices shorter than the term: matches across their edges are found once
    assert search.starts == [m.start() for m in re.finditer("said", text, re.IGNORECASE)]
    assert len(search.starts) == 5
    exact = TextSearch(text, "said", match_case=True)
    exact.run()
    assert [text[s : s + 4] for s in exact.starts] == ["said"] * 3
    assert search.index_from(text.index("she")) == 2
    assert search.between(text.index("😀"), len(text)) == [text.rindex("said")]
    assert search.between(2, 3) == [0]  # a match that overlaps the range from before it


def test_an_empty_term_finds_nothing_and_is_done() -> None:
    search = TextSearch("abc", "")
    assert search.done and search.starts == []


@given(st.text(alphabet="aAbß ẞ", max_size=60), st.text(alphabet="aAbß", min_size=1, max_size=3), st.integers(1, 7))
def test_slices_find_what_one_search_finds(text: str, term: str, size: int) -> None:
    search = TextSearch(text, term)
    while not search.done:
        search.step(size)
    assert search.starts == [m.start() for m in re.finditer(re.escape(term), text, re.IGNORECASE)]
