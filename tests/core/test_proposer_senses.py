"""Words the cue lexicon holds used in another sense, each in a sentence of our own, beside a sentence where the
same word reports: ``Per`` as a first name, a participle after a determiner as an adjective, a participle alone
between commas as a barrister's role."""

from __future__ import annotations

from proposer_helpers import run, spans, statements


def test_per_as_a_first_name_is_no_cue() -> None:
    text = "The port's harbour master, Per Olsen, said the quay would reopen in May."
    proposals = run(text)
    assert "Per" not in spans(text, proposals, "CUE")
    assert statements(text, proposals) == [
        ("the quay would reopen in May", "The port's harbour master, Per Olsen", "said")
    ]


def test_per_opening_a_sentence_still_reports() -> None:
    text = "Per the weather service, the storm will reach the coast by Friday."
    assert statements(text, run(text)) == [("the storm will reach the coast by Friday", "the weather service", "Per")]


def test_participle_after_a_determiner_is_an_adjective() -> None:
    text = "The mayor said the town would build the proposed bridge by 2030."
    proposals = run(text)
    assert spans(text, proposals, "CUE") == ["said"]
    assert statements(text, proposals) == [("the town would build the proposed bridge by 2030", "The mayor", "said")]


def test_participle_after_its_subject_still_reports() -> None:
    text = "The council proposed a new bridge over the river."
    assert statements(text, run(text)) == [("a new bridge over the river", "The council", "proposed")]


def test_participle_between_commas_is_a_role() -> None:
    text = "Tom Reid, prosecuting, told the jury that the van had been stolen."
    proposals = run(text)
    assert spans(text, proposals, "CUE") == ["told"]
    assert statements(text, proposals) == [("the van had been stolen", "Tom Reid", "told")]


def test_participle_after_a_comma_with_content_still_reports() -> None:
    text = "The union rejected the offer, saying that it fell short of inflation."
    assert ("it fell short of inflation", "The union", "saying") in statements(text, run(text))
