"""Words the cue lexicon holds used in another sense, each in a sentence of our own, beside a sentence where the
same word reports: ``Per`` as a first name, a participle after a determiner as an adjective, a participle alone
between commas as a barrister's role, ``add`` with an amount, ``declared the meeting closed``; and the present
forms of verbs that are also nouns, which report after a subject pronoun (``they estimate that``)."""

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


def test_present_form_of_a_noun_like_verb_after_a_pronoun_reports() -> None:
    text = "The engineers surveyed the dam. They estimate that repairs will cost 40 million euros."
    assert statements(text, run(text)) == [("repairs will cost 40 million euros", "They", "estimate")]
    text = "She claims that the ballots were never counted."
    assert statements(text, run(text)) == [("the ballots were never counted", "She", "claims")]


def test_present_form_of_a_noun_like_verb_without_that_is_left() -> None:
    text = "The estimate that engineers gave was too low, and what they call a repair is a patch."
    assert spans(text, run(text), "CUE") == []


def test_add_with_an_amount_is_an_increase() -> None:
    text = "Officials said the new lines add as much traffic as a motorway."
    assert statements(text, run(text)) == [("the new lines add as much traffic as a motorway", "Officials", "said")]


def test_add_with_a_clause_still_reports() -> None:
    text = "The mayor praised the plan and added that work would begin in June."
    assert ("work would begin in June", "The mayor", "added") in statements(text, run(text))


def test_declaring_a_meeting_closed_is_an_act() -> None:
    text = "The chairman thanked the delegates and declared the session closed."
    assert "declared" not in spans(text, run(text), "CUE")
    text = "The chairman declared that the session had been a success."
    assert statements(text, run(text)) == [("the session had been a success", "The chairman", "declared")]


def test_a_graded_participle_after_a_determiner_is_an_adjective() -> None:
    text = "The critic said it was a highly praised film."
    assert statements(text, run(text)) == [("it was a highly praised film", "The critic", "said")]


def test_a_participle_between_commas_after_a_verb_still_reports() -> None:
    text = "The minister said the talks had failed, adding, however, that a deal was still possible."
    assert statements(text, run(text)) == [
        ("the talks had failed", "The minister", "said"),
        ("a deal was still possible", "The minister", "adding"),
    ]
