"""The proposer's rules, one constructed sentence each: what it proposes, with the rule it names."""

from __future__ import annotations

import pytest
from proposer_helpers import one, run, statements

from annotator.proposal import Lexicon


def test_direct_quote_is_one_claim_per_sentence_without_marks_or_the_comma():
    text = "“Prices will fall. Wages will rise,” the finance minister said on Tuesday."
    proposals = run(text)
    assert statements(text, proposals) == [
        ("Prices will fall.", "the finance minister", "said"),
        ("Wages will rise", "the finance minister", "said"),
    ]
    claim = one(proposals, text, "CLAIM", "Prices will fall.")
    assert claim.rule == "claim: quoted sentence"
    assert claim.attrs == {"quote_type": "direct"}
    assert one(proposals, text, "CUE", "said").rule == "cue: reporting verb 'said'"


def test_straight_quotes_and_an_inverted_source_with_an_apposition_left_out():
    text = '"Rivers do not stop at borders," said Lena Vogel, a hydrologist at the university.'
    proposals = run(text)
    assert statements(text, proposals) == [("Rivers do not stop at borders", "Lena Vogel", "said")]
    assert one(proposals, text, "SPEAKER", "Lena Vogel").rule.startswith("speaker: name after the cue")


def test_a_quotation_that_never_closes_runs_to_the_end_of_its_paragraph():
    text = "Ana Ruiz, the mayor, said: “We will rebuild the bridge. It will take a year.\n\nOther news followed."
    proposals = run(text)
    assert statements(text, proposals) == [
        ("We will rebuild the bridge.", "Ana Ruiz", "said"),
        ("It will take a year.", "Ana Ruiz", "said"),
    ]
    assert one(proposals, text, "CLAIM", "It will take a year.").rule.endswith("the quotation never closes")
    assert one(proposals, text, "CLAIM", "It will take a year.").attrs["quote_type"] == "direct"


def test_a_quotation_reopened_in_the_next_paragraph_keeps_its_source():
    text = "The coach said: “We trained hard all winter.\n\n“Now the results will come.”"
    proposals = run(text)
    assert statements(text, proposals) == [
        ("We trained hard all winter.", "The coach", "said"),
        ("Now the results will come.", "The coach", "said"),
    ]
    assert one(proposals, text, "CLAIM", "Now the results will come.").rule.endswith("the quotation reopens")


def test_a_quote_after_the_attributed_quote_in_the_same_paragraph_has_the_same_source():
    text = "“We won,” she said. “Next year we will win again.”"
    proposals = run(text)
    assert statements(text, proposals) == [
        ("We won", "she", "said"),
        ("Next year we will win again.", "she", "said"),
    ]


def test_that_clause_excludes_the_full_stop_and_ends_at_the_next_attribution():
    text = "Prime Minister Jonas Berg stressed that taxes would not rise, adding that the budget was balanced."
    proposals = run(text)
    assert statements(text, proposals) == [
        ("taxes would not rise", "Prime Minister Jonas Berg", "stressed"),
        ("the budget was balanced", "Prime Minister Jonas Berg", "adding"),
    ]
    assert one(proposals, text, "CLAIM", "taxes would not rise").attrs == {"quote_type": "indirect"}


def test_clause_before_said_and_its_source():
    text = "The harvest is the best in a decade, said Farmers Union president Lea Moreau."
    proposals = run(text)
    assert statements(text, proposals) == [
        ("The harvest is the best in a decade", "Farmers Union president Lea Moreau", "said")
    ]
    text = "The harvest is the best in a decade, she noted."
    assert statements(text, run(text)) == [("The harvest is the best in a decade", "she", "noted")]
    text = "Prices rose sharply, she said, adding that wages did not."
    assert statements(text, run(text)) == [
        ("Prices rose sharply", "she", "said"),
        ("wages did not", "she", "adding"),
    ]
    text = "He said, however, that it rained."
    assert statements(text, run(text)) == [("it rained", "He", "said")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("According to him, the talks failed.", ("the talks failed", "him", "According to")),
        ("The talks failed, according to the mediators.", ("The talks failed", "the mediators", "according to")),
        ("As stated by the ministry, exports grew.", ("exports grew", "the ministry", "As stated by")),
    ],
)
def test_according_to_and_as_stated_by(text, expected):
    assert statements(text, run(text)) == [expected]


def test_reported_speech_reported_by_another_source_is_two_statements():
    text = "The minister noted that prices were stable, according to the agency."
    assert statements(text, run(text)) == [
        ("The minister noted that prices were stable", "the agency", "according to"),
        ("prices were stable", "The minister", "noted"),
    ]


def test_a_pronoun_next_to_the_cue_is_the_named_source_before_it():
    text = "Mayor Karin Holt opened the school. She said the town needed more teachers."
    proposals = run(text)
    assert statements(text, proposals) == [("the town needed more teachers", "She", "said")]
    she = one(proposals, text, "SPEAKER", "She")
    # Not linked to a statement, Karin Holt is no source, but the titled subject of the sentence before: the
    # pronoun resolves to her; so it does with a statement before.
    assert she.attrs == {"speaker": "Karin Holt"}
    assert "the person named before the pronoun" in she.rule
    text = "The mayor’s office opened the school. She said the town needed more teachers."
    assert "speaker" not in one(run(text), text, "SPEAKER", "She").attrs
    text = "Mayor Karin Holt said the school would open. She added that it would hire teachers."
    proposals = run(text)
    she = one(proposals, text, "SPEAKER", "She")
    assert she.rule.startswith("speaker: pronoun next to the cue")
    assert she.attrs == {"speaker": "Karin Holt"}
    assert one(proposals, text, "SPEAKER", "Mayor Karin Holt").attrs == {"speaker": "Karin Holt"}


def test_registry_alias_gives_the_canonical_speaker():
    text = "The head of state noted that trade had doubled."
    proposals = run(text)
    speaker = one(proposals, text, "SPEAKER", "The head of state")
    assert speaker.attrs == {"speaker": "Ilham Aliyev"}
    assert "registry alias 'the head of state'" in speaker.rule


def test_a_description_is_the_last_source_with_the_same_title():
    text = "Foreign Minister Ana Costa said ties were strong. The minister added that visas would be eased."
    proposals = run(text)
    assert one(proposals, text, "SPEAKER", "The minister").attrs == {"speaker": "Ana Costa"}


def test_noun_phrase_objects_and_coordinated_cues():
    text = "The sides stressed the importance of dialogue and exchanged views on trade. They praised the accord."
    proposals = run(text)
    assert statements(text, proposals) == [
        ("the importance of dialogue", "The sides", "stressed"),
        ("the accord", "They", "praised"),
    ]
    text = "She noted that rents had risen and emphasized the need for new housing."
    assert statements(text, run(text)) == [
        ("rents had risen", "She", "noted"),
        ("the need for new housing", "She", "emphasized"),
    ]


def test_an_opening_participle_has_the_main_clauses_subject():
    text = "Emphasizing that the border was calm, the general said troops would stay."
    assert statements(text, run(text)) == [
        ("the border was calm", "the general", "Emphasizing"),
        ("troops would stay", "the general", "said"),
    ]


def test_addressee_is_not_part_of_the_cue_or_the_claim():
    text = "The governor told reporters on Monday that the roads were open."
    assert statements(text, run(text)) == [("the roads were open", "The governor", "told")]
    text = "The governor told reporters about the roads."
    assert run(text).spans == ()


def test_headlines_bylines_and_passives_are_not_statements():
    text = "Minister says the economy is growing\n\nBy a staff writer\n\nThe city was declared a heritage site."
    assert run(text).spans == ()


def test_a_quoted_fragment_makes_reported_speech_mixed():
    text = "Costa said she was “cautiously optimistic” about the outcome."
    proposals = run(text)
    claim = one(proposals, text, "CLAIM", "she was “cautiously optimistic” about the outcome")
    assert claim.attrs["quote_type"] == "mixed"


def test_offsets_are_code_points_with_emoji_and_other_planes_before_the_statement():
    text = "🌍🎉 𝕏 news 😀.\n\n😀 “Water is life,” said Amina 𝒜 Diallo. Then 🌊 she added that 𝔸 rivers were dry."
    proposals = run(text)
    assert statements(text, proposals) == [
        ("Water is life", "Amina 𝒜 Diallo", "said"),
        ("𝔸 rivers were dry", "she", "added"),
    ]
    for span in proposals.spans:
        assert text[span.start : span.end] == text[span.start : span.end].strip()


def test_target_only_when_the_claim_names_one_and_never_a_stance():
    text = "He said Islamophobia was rising. She said both Islamophobia and the Non-Aligned Movement mattered."
    proposals = run(text)
    first = one(proposals, text, "CLAIM", "Islamophobia was rising")
    assert first.attrs == {"quote_type": "indirect", "target": "Islamophobia"}
    assert "target 'Islamophobia' named in the claim ('Islamophobia')" in first.rule
    second = one(proposals, text, "CLAIM", "both Islamophobia and the Non-Aligned Movement mattered")
    assert "target" not in second.attrs
    assert all("stance" not in span.attrs for span in proposals.spans)


def test_keys_follow_text_order_and_are_stable():
    text = "“We won,” she said. He noted that it rained."
    first, second = run(text), run(text)
    assert first == second
    assert [s.key for s in first.spans] == [f"p{i}" for i in range(1, len(first.spans) + 1)]
    assert [s.start for s in first.spans] == sorted(s.start for s in first.spans)
    assert {r.rule for r in first.relations} == {
        "link: closest source in the attribution",
        "link: cue in the attribution",
    }


def test_a_learned_cue_phrase_is_proposed_where_the_built_in_rules_miss_it():
    text = "Dana Levi mused that the meeting could have been an email."
    assert run(text).spans == ()
    proposals = run(text, lexicon=Lexicon(cues={"mused": 3}))
    assert statements(text, proposals) == [("the meeting could have been an email", "Dana Levi", "mused")]
    assert one(proposals, text, "CUE", "mused").rule == "cue: learned cue 'mused'"


def test_a_learned_source_phrase_and_its_speaker():
    text = "The office of the mayor in Lyon said the square would reopen."
    found = one(run(text), text, "SPEAKER", "The office of the mayor in Lyon")  # a place joined on: one source
    assert not found.rule.startswith("speaker: learned") and found.attrs.get("speaker") != "Lyon City Hall"
    lexicon = Lexicon(
        sources={"The office of the mayor in Lyon": 2}, speakers={"The office of the mayor in Lyon": "Lyon City Hall"}
    )
    proposals = run(text, lexicon=lexicon)
    source = one(proposals, text, "SPEAKER", "The office of the mayor in Lyon")
    assert source.rule.startswith("speaker: learned source phrase")
    assert source.attrs == {"speaker": "Lyon City Hall"}


def test_single_quotation_marks_with_apostrophes_inside():
    text = "‘We will win,’ he said. ‘The workers’ wages are too low.’"
    assert statements(text, run(text)) == [
        ("We will win", "he", "said"),
        ("The workers’ wages are too low.", "he", "said"),
    ]


def test_verbs_that_report_only_beside_a_quotation():
    text = "“Why now?” she asked. “Because,” she continued, “the time is right.”"
    assert statements(text, run(text)) == [
        ("Why now?", "she", "asked"),
        ("Because", "she", "continued"),
        ("the time is right.", "she", "continued"),
    ]
    assert run("The talks continued into the night and she asked for water.").spans == ()


def test_a_quotation_right_after_the_cue_and_a_parenthesis_before_it():
    text = "He said “we will win” and left."
    assert statements(text, run(text)) == [("we will win", "He", "said")]
    text = "Senator Jane Doe (Greens) said Monday that the bill had failed."
    assert statements(text, run(text)) == [("the bill had failed", "Senator Jane Doe", "said")]


def _speakers(text: str) -> list[tuple[str, str | None]]:
    return [(text[s.start : s.end], s.attrs.get("speaker")) for s in run(text).spans if s.label == "SPEAKER"]


def test_canonical_speakers_of_pronouns_titles_surnames_and_groups():
    text = (
        "Energy Minister Nils Berg said prices would fall. Mayor Eva Holm said the plan was costly. "
        "The Workers Union stated that wages lagged. She added that buses were late. "
        "“We will see,” he said. The two sides agreed that talks would go on."
    )
    assert _speakers(text) == [
        ("Energy Minister Nils Berg", "Nils Berg"),
        ("Mayor Eva Holm", "Eva Holm"),
        ("The Workers Union", "Workers Union"),
        ("She", "Eva Holm"),  # not the union, the last person
        ("he", "Nils Berg"),  # not Eva Holm, whom "She" named
        ("The two sides", "Nils Berg and Eva Holm"),  # in the order they were first named
    ]
    text = "Foreign Minister Leyla Aliyeva met the delegation. Later, Aliyeva said the visit went well."
    assert _speakers(text) == [("Aliyeva", "Leyla Aliyeva")]


def test_a_description_with_the_name_it_introduces_is_one_mention():
    text = "The mayor of Tromsø, Kari Lund, told reporters that the bridge would reopen."
    assert statements(text, run(text)) == [("the bridge would reopen", "The mayor of Tromsø, Kari Lund", "told")]
    assert _speakers(text) == [("The mayor of Tromsø, Kari Lund", "Kari Lund")]
    text = "Kari Lund, the mayor of Tromsø, said the bridge would reopen."
    assert _speakers(text) == [("Kari Lund", "Kari Lund")]
