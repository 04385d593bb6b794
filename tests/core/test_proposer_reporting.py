"""Rules of reported speech found missing on texts the rules had not seen (texts 11 to 15 of tests/core/data): each
test states one rule in a sentence of its own, and one that the rule must leave alone."""

from __future__ import annotations

from proposer_helpers import run, spans, statements


def test_a_longer_adjunct_before_that():
    text = "The governor said in an interview with a radio station that rates would stay high."
    assert statements(text, run(text)) == [("rates would stay high", "The governor", "said")]


def test_went_on_to_say_and_conceded_are_cues():
    text = "She went on to say that the plan had failed. He conceded the figures were wrong."
    assert statements(text, run(text)) == [
        ("the plan had failed", "She", "went on to say"),
        ("the figures were wrong", "He", "conceded"),
    ]


def test_said_or_added_followed_by_to_has_no_content():
    text = "Asked what he would say to the workers, he smiled. The tariff added to the cost of bread."
    assert statements(text, run(text)) == []


def test_a_first_person_hedge_inside_a_quotation_is_no_report():
    text = "“I would say that the market is calm,” she said."
    assert statements(text, run(text)) == [("I would say that the market is calm", "she", "said")]
    text = "“They said that the market is calm,” she said."
    assert ("the market is calm", "They", "said") in statements(text, run(text))


def test_a_court_rules_and_orders():
    text = "The judge ruled that the contract was void. She ordered the firm to repay its clients."
    assert statements(text, run(text)) == [
        ("the contract was void", "The judge", "ruled"),
        ("the firm to repay its clients", "She", "ordered"),
    ]


def test_called_reports_only_with_its_small_clause():
    text = "The mayor called the decision a mistake. The mayor called a meeting for Friday."
    assert statements(text, run(text)) == [("the decision a mistake", "The mayor", "called")]
    text = "He called the offer “an insult”."
    proposals = run(text)
    assert statements(text, proposals) == [("the offer “an insult”", "He", "called")]
    assert [s.attrs.get("quote_type") for s in proposals.spans if s.label == "CLAIM"] == ["mixed"]


def test_a_reported_clause_ends_before_while_and_another_attribution():
    text = "The union said the offer was too low, while the company called the talks a success."
    assert statements(text, run(text)) == [
        ("the offer was too low", "The union", "said"),
        ("the talks a success", "the company", "called"),
    ]


def test_we_believe_inside_a_quotation_is_the_quoted_speaker_s_own_claim():
    text = "“We respect the vote, but we believe it was unfair,” the party said."
    assert spans(text, run(text), "CLAIM") == ["We respect the vote, but we believe it was unfair"]


def test_a_contracted_first_person_inside_a_quotation_reports_nothing_of_its_own():
    text = "“I’ve told the board that twice, and I’m saying it again now,” the manager said."
    proposals = run(text)
    assert spans(text, proposals, "CUE") == ["said"]
    assert statements(text, proposals) == [
        ("I’ve told the board that twice, and I’m saying it again now", "the manager", "said")
    ]


def test_a_thought_or_an_object_inside_a_quotation_is_the_quoted_speaker_s_story():
    text = "“Mum thought the doctor was right,” her son said. “Two years ago he promised a new ward.”"
    proposals = run(text)
    assert spans(text, proposals, "CUE") == ["said"]
    assert [claim for claim, _, _ in statements(text, proposals)] == [
        "Mum thought the doctor was right",
        "Two years ago he promised a new ward.",
    ]


def test_a_third_person_inside_a_quotation_still_reports():
    text = "“The board told us that the plant would stay open,” the shop steward said."
    assert ("the plant would stay open", "The board", "told") in statements(text, run(text))


def test_an_age_as_the_subject_and_a_possessive_description_with_its_name():
    text = "The 61-year-old admitted the vote had been close."
    assert statements(text, run(text)) == [("the vote had been close", "The 61-year-old", "admitted")]
    text = "Lisbon’s deputy mayor, Rui Matos, said the tunnel would open in May."
    assert statements(text, run(text)) == [("the tunnel would open in May", "Lisbon’s deputy mayor, Rui Matos", "said")]


def test_a_short_clause_before_a_colon_introduces_the_quotation_without_a_cue():
    text = "Ana Lopes was blunt: “The plan is dead. Nobody will build it.”"
    assert statements(text, run(text)) == [
        ("The plan is dead.", "Ana Lopes", ""),
        ("Nobody will build it.", "Ana Lopes", ""),
    ]
    text = "The message was plain: “Stay at home.”"
    assert statements(text, run(text)) == [("Stay at home.", "", "")]


def test_an_attitude_in_a_longer_clause_before_a_colon_introduces_the_quotation():
    text = "Okafor was far less forgiving of the referees: “They cost us the game.”"
    assert statements(text, run(text)) == [("They cost us the game.", "Okafor", "")]
    text = "Okafor was far less happy with the pitch at the stadium: “It was a bog.”"
    assert statements(text, run(text)) == [("It was a bog.", "", "")]


def test_a_study_finds_or_shows_a_clause_but_finding_a_thing_is_no_report():
    text = "The survey found that most farms were in debt. The data showed prices had risen. Police found a car."
    assert statements(text, run(text)) == [
        ("most farms were in debt", "The survey", "found"),
        ("prices had risen", "The data", "showed"),
    ]


def test_a_postposed_description_with_its_modifiers_and_a_dateline_with_its_country():
    text = "OSLO, Norway — Salmon farms lose a fifth of their fish, a report published on Monday by the agency found."
    assert statements(text, run(text)) == [
        (
            "Salmon farms lose a fifth of their fish",
            "a report published on Monday by the agency",
            "found",
        )
    ]


def test_a_person_of_an_organisation_is_the_person():
    text = "Mia Berg of the Nordic Fisheries Council said quotas were too high."
    proposals = run(text)
    source = next(s for s in proposals.spans if s.label == "SPEAKER")
    assert text[source.start : source.end] == "Mia Berg of the Nordic Fisheries Council"
    assert source.attrs == {"speaker": "Mia Berg"}


def test_a_cue_without_content_is_no_attribution_for_the_next_verb():
    text = "She noted that samples taken after the flood showed lead in the water, and called the delay a scandal."
    assert statements(text, run(text)) == [
        ("samples taken after the flood showed lead in the water", "She", "noted"),
        ("the delay a scandal", "She", "called"),
    ]


def test_then_went_on_to_say_ends_the_object_before_it():
    text = "He accused the board of hiding the losses, then went on to say that he would resign."
    assert statements(text, run(text)) == [
        ("the board of hiding the losses", "He", "accused"),
        ("he would resign", "He", "went on to say"),
    ]


def test_a_question_quoted_before_a_name_and_its_cue():
    text = "“Who will pay for it?” Okafor asked. “Not the ministry.”"
    assert statements(text, run(text)) == [
        ("Who will pay for it?", "Okafor", "asked"),
        ("Not the ministry.", "Okafor", "asked"),
    ]


def test_a_post_on_social_media_with_an_adjunct_before_the_colon():
    text = "The union posted on Facebook: “The strike goes on.” The firm posted a loss."
    assert statements(text, run(text)) == [("The strike goes on.", "The union", "posted")]


def test_said_the_same_thing_has_no_content_of_its_own():
    text = "The group replied within minutes that critics had said the same thing about every reform."
    assert statements(text, run(text)) == [
        ("critics had said the same thing about every reform", "The group", "replied")
    ]


def test_a_reported_clause_ends_before_but_gave_and_the_journalist_s_words_after_it():
    text = "Police said two men had been arrested but gave no names."
    assert spans(text, run(text), "CLAIM") == ["two men had been arrested"]
    text = "The clinic said it had treated 40 people, most of them children."
    assert spans(text, run(text), "CLAIM") == ["it had treated 40 people"]


def test_a_present_verb_that_is_also_a_noun_reports_after_a_quotation_closed_by_a_comma():
    text = "“The river rose in an hour,” the ferryman recalls."
    assert statements(text, run(text)) == [("The river rose in an hour", "the ferryman", "recalls")]
    text = "“The vote is final.” The clerk’s notes were lost in the fire."
    assert spans(text, run(text), "CUE") == []


def test_a_quotation_in_single_marks_inside_a_quotation_is_direct_speech_without_its_marks():
    text = "“He came in and said, ‘Sit down.’ Then he left,” she recalls."
    proposals = run(text)
    assert ("Sit down.", "He", "said") in statements(text, proposals)
    assert ("‘Sit down.’", "He", "said") not in statements(text, proposals)
    text = "“He said the players’ wages were too high,” she recalls."
    assert ("the players’ wages were too high", "He", "said") in statements(text, run(text))


def test_a_longer_clause_of_a_manner_of_speaking_introduces_the_quotation_after_its_colon():
    text = "Ms Okafor is frank about the years she spent in the city: “I hated every day of it.”"
    assert statements(text, run(text)) == [("I hated every day of it.", "Ms Okafor", "")]
    text = "Ms Okafor moved back to the village where she grew up: “I hated every day of it.”"
    assert statements(text, run(text)) == [("I hated every day of it.", "", "")]
