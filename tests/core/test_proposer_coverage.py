"""The reporting structures of English news, each a rule in a sentence of our own (not from any article), with one
the rule must leave alone: verbs with particles, noun and prepositional sources, impersonal passives, reported
questions, ``as X put it``, and the person a pronoun or description refers to when named outside an attribution."""

from __future__ import annotations

import pytest
from proposer_helpers import run, statements

from annotator.proposal import ProposedSpan
from annotator.proposer.gender import pronoun_of


def _speaker(text: str, mention: str) -> str | None:
    proposals = run(text)
    found: list[ProposedSpan] = [
        s for s in proposals.spans if s.label == "SPEAKER" and text[s.start : s.end] == mention
    ]
    assert len(found) == 1, [text[s.start : s.end] for s in proposals.spans if s.label == "SPEAKER"]
    return found[0].attrs.get("speaker")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The treasurer laid out how the levy would be collected.",
            ("how the levy would be collected", "The treasurer", "laid out"),
        ),
        (
            "The inquiry concluded that the blaze had been started on purpose.",
            ("the blaze had been started on purpose", "The inquiry", "concluded"),
        ),
        (
            "The general was reported as saying that the troops would stay.",
            ("the troops would stay", "The general", "reported as saying"),
        ),
        (
            "In the view of the auditors, the accounts were sound.",
            ("the accounts were sound", "the auditors", "In the view of"),
        ),
        (
            "In the opinion of two engineers, the dam is safe.",
            ("the dam is safe", "two engineers", "In the opinion of"),
        ),
        ("Per the agency, the ship left port on Monday.", ("the ship left port on Monday", "the agency", "Per")),
        ("The ship left port on Monday, per the agency.", ("The ship left port on Monday", "the agency", "per")),
    ],
)
def test_particle_and_prepositional_cues(text: str, expected: tuple[str, str, str]):
    assert statements(text, run(text)) == [expected]


def test_per_as_a_rate_is_no_cue():
    text = "The fare is ten dollars per person, and it will rise next year."
    assert statements(text, run(text)) == []


def test_an_irregular_past_verb_ends_the_subject_before_a_participle():
    text = "The senator hit back at critics, saying the report was biased."
    assert statements(text, run(text)) == [("the report was biased", "The senator", "saying")]


def test_an_impersonal_passive_of_saying_has_a_cue_and_no_source():
    text = "It was announced that the factory would close in March."
    assert statements(text, run(text)) == [("the factory would close in March", "", "announced")]


def test_an_impersonal_passive_of_belief_is_the_writer_s_hedge():
    text = "It is believed that the factory will close in March."
    assert statements(text, run(text)) == []


def test_a_reported_question_keeps_its_question_word():
    text = "The reporters asked the mayor whether the plan had been approved."
    assert statements(text, run(text)) == [("whether the plan had been approved", "The reporters", "asked")]
    text = "The committee wanted to know if the funds had been spent."
    assert statements(text, run(text)) == [("if the funds had been spent", "The committee", "wanted to know")]


def test_a_question_put_to_the_subject_is_not_the_subject_s():
    text = "The mayor was asked whether the plan had been approved."
    assert statements(text, run(text)) == []


def test_as_x_put_it_on_either_side_of_the_content():
    text = "As the chief executive put it, the company had been asleep."
    assert statements(text, run(text)) == [("the company had been asleep", "the chief executive", "put it")]
    text = "The road will be finished in June, as the minister said."
    assert statements(text, run(text)) == [("The road will be finished in June", "the minister", "said")]
    text = "As the minister said, the road will be finished in June."
    assert statements(text, run(text)) == [("the road will be finished in June", "the minister", "said")]
    text = "“We will win,” as she put it."
    assert statements(text, run(text)) == [("We will win", "she", "put it")]


def test_put_it_without_as_or_a_quotation_is_no_cue():
    text = "She put it on the table and left."
    assert statements(text, run(text)) == []


def test_a_pronoun_refers_to_the_titled_subject_named_after_the_last_source():
    text = (
        "The union said the talks had failed. Mining minister Olu Bakare cancelled a visit on Friday. "
        "He said the strike was illegal."
    )
    assert _speaker(text, "He") == "Olu Bakare"


def test_a_pronoun_refers_to_a_sentence_opening_surname_after_another_source():
    text = (
        "Judge Ana Lima said the law was clear. Senator Paul Reyes said it was not. Later, Lima left the court. "
        "She said the ruling would stand."
    )
    assert _speaker(text, "She") == "Ana Lima"


def test_a_description_refers_to_the_name_its_role_was_given_with():
    text = "The visitors were led by captain Iván Soto. After the match, the captain said the pitch was poor."
    assert _speaker(text, "the captain") == "Iván Soto"
    text = "Marta Ruiz, the club’s goalkeeper, saved two penalties. The goalkeeper said she had guessed."
    assert _speaker(text, "The goalkeeper") == "Marta Ruiz"


def test_an_age_description_refers_to_the_named_subject_before_it():
    text = "Coach Rui Costa watched from the stands. Later the 52-year-old said the team had lost its nerve."
    assert _speaker(text, "the 52-year-old") == "Rui Costa"


def test_a_nationality_refers_to_the_last_person_named():
    text = "“We were lucky,” said Nuno Braga. The Portuguese added that the pitch had been poor."
    assert _speaker(text, "The Portuguese") == "Nuno Braga"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“That is simply false,” she hit back.", ("That is simply false", "she", "hit back")),
        (
            "“We did nothing wrong,” the minister shot back on Tuesday.",
            ("We did nothing wrong", "the minister", "shot back"),
        ),
        (
            "“The sums do not add up,” weighed in Paul Reyes, an economist.",
            ("The sums do not add up", "Paul Reyes", "weighed in"),
        ),
    ],
)
def test_particle_verbs_beside_a_quotation(text: str, expected: tuple[str, str, str]):
    assert statements(text, run(text)) == [expected]


def test_hit_back_without_a_quotation_is_no_cue():
    text = "The storm hit back roads in the north."
    assert statements(text, run(text)) == []


def test_after_a_dateline_the_source_is_the_name_before_its_apposition():
    text = "OSLO — Nordvik Shipping, the country’s largest ferry operator, said on Monday that fares would rise."
    assert statements(text, run(text)) == [("fares would rise", "Nordvik Shipping", "said")]


def test_said_c_and_that_d_is_two_clauses_even_without_an_auxiliary():
    text = "He said the firm expected orders to recover in May, and that it planned no job cuts."
    assert statements(text, run(text)) == [
        ("the firm expected orders to recover in May", "He", "said"),
        ("it planned no job cuts", "He", "said"),
    ]


def test_a_participle_after_a_clause_that_opens_with_an_adjunct():
    text = "In a note to clients, Ana Ruiz of Norte Capital cut her forecast, writing that demand had peaked."
    assert statements(text, run(text)) == [("demand had peaked", "Ana Ruiz of Norte Capital", "writing")]


def test_a_participle_after_its_noun_is_no_reporting_verb():
    text = "She said the 300 jobs promised to the region were safe."
    assert statements(text, run(text)) == [("the 300 jobs promised to the region were safe", "She", "said")]


def test_that_as_the_subject_of_the_reported_clause_is_kept():
    text = "The minister said that was a matter for the courts."
    assert statements(text, run(text)) == [("that was a matter for the courts", "The minister", "said")]


def test_a_sentence_opening_common_noun_is_no_name():
    text = "Not all economists agree. Economists said the rate was too high."
    assert _speaker(text, "Economists") is None


def test_a_family_name_that_comes_first_is_the_titled_full_name():
    text = "Finance Minister Lee Sang-hoon said rates would fall. Later Lee said the budget was balanced."
    assert _speaker(text, "Lee") == "Lee Sang-hoon"


def test_a_quotation_attributed_by_the_sentence_after_it():
    text = "“Cases are rising fast.” Dr Ana Lima, head of the fever unit, told a briefing in Lima."
    assert statements(text, run(text)) == [("Cases are rising fast.", "Dr Ana Lima", "told")]


def test_a_sentence_with_content_of_its_own_does_not_attribute_the_quotation_before():
    text = "“Cases are rising fast.” Dr Ana Lima told a briefing that schools would stay open."
    assert ("Cases are rising fast.", "Dr Ana Lima", "told") not in statements(text, run(text))


def test_a_source_with_an_age_and_a_relative_clause_before_the_cue():
    text = "Omar Haddad, 61, whose shop flooded twice, said the drains had not been cleared."
    assert statements(text, run(text)) == [("the drains had not been cleared", "Omar Haddad", "said")]


def test_an_organisation_named_in_a_headline_is_no_person_for_a_pronoun():
    text = (
        "Ministry of Health warns of fever\n\nThe Ministry of Health said cases had doubled. She said more would come."
    )
    assert _speaker(text, "She") is None


def test_a_chant_beside_a_quotation():
    text = "“No more lies!” the crowd chanted outside the court."
    assert statements(text, run(text)) == [("No more lies!", "the crowd", "chanted")]


def test_dismissed_reports_only_with_as():
    text = "The president dismissed the report as a fabrication. The club dismissed its coach on Monday."
    assert statements(text, run(text)) == [("the report as a fabrication", "The president", "dismissed")]


def test_a_bare_pronoun_object_is_anaphoric_but_a_demonstrative_phrase_is_content():
    text = "The students rejected that. Independent experts questioned that figure."
    assert statements(text, run(text)) == [("that figure", "Independent experts", "questioned")]


def test_but_that_joins_a_second_reported_clause_unless_that_is_a_subject():
    text = "Police said the march had been calm but that six people had been held."
    assert statements(text, run(text)) == [
        ("the march had been calm", "Police", "said"),
        ("six people had been held", "Police", "said"),
    ]
    text = "Police said six people had been held but that was all."
    assert statements(text, run(text)) == [("six people had been held but that was all", "Police", "said")]


def test_an_addressee_with_a_place_before_that():
    text = "Their leader told the crowd from the back of a lorry that they would march again."
    assert statements(text, run(text)) == [("they would march again", "Their leader", "told")]


def test_an_estimate_s_small_clause():
    text = "The ministry put the number at 23,000. Economists at the bank estimate the debts at two billion dollars."
    assert statements(text, run(text)) == [
        ("the number at 23,000", "The ministry", "put"),
        ("the debts at two billion dollars", "Economists at the bank", "estimate"),
    ]
    text = "She put the books at the back of the shelf."
    assert statements(text, run(text)) == []


def test_a_nameless_person_source_is_nearer_than_a_named_one_in_its_paragraph():
    text = "President Ana Costa said the law would pass. Their spokesman said it would not. “Never,” he said."
    assert _speaker(text, "he") is None


def test_a_registered_title_inside_a_named_mention_does_not_name_it():
    text = "President Aleksandar Novak said the vote would be held in May."
    assert _speaker(text, "President Aleksandar Novak") == "Aleksandar Novak"


def test_according_to_her_daughter_and_her_name():
    text = "The cause was a stroke, according to her daughter, Ana Roy."
    assert statements(text, run(text)) == [("The cause was a stroke", "her daughter, Ana Roy", "according to")]
    text = "According to her, the school would close."
    assert statements(text, run(text)) == [("the school would close", "her", "According to")]


def test_one_of_them_and_an_apposition_that_names_the_source():
    text = "Students remember her. One of them, the architect Marc Roy, said she had taught them to look."
    assert statements(text, run(text)) == [("she had taught them to look", "the architect Marc Roy", "said")]


def test_the_words_of_a_question_put_to_the_source_are_no_report():
    text = "Asked what she hoped for, she answered: “Nothing.”"
    assert statements(text, run(text)) == [("Nothing.", "she", "answered")]


def test_a_relative_clause_with_no_subject_of_its_own_stays_in_the_content():
    text = "She insisted the credit belonged to the tenants, who had spent two years arguing over the design."
    assert statements(text, run(text)) == [
        ("the credit belonged to the tenants, who had spent two years arguing over the design", "She", "insisted")
    ]


def test_a_pronoun_refers_to_the_person_a_profile_introduces_and_to_ms_with_a_surname():
    text = (
        "OTTAWA — Lise Roy, a judge who wrote on water law, died on Friday. The cause was cancer, according to "
        "her son, Paul Roy. Ms. Roy was born in 1940. She often said the law was too slow."
    )
    assert _speaker(text, "She") == "Lise Roy"


def test_agreed_to_is_an_act_and_a_list_of_names_is_no_clause():
    text = "Chile, Peru and Bolivia agreed on Friday to share the data."
    assert statements(text, run(text)) == []
    text = "The two sides agreed that the talks had been useful."
    assert statements(text, run(text)) == [("the talks had been useful", "The two sides", "agreed")]


def test_the_occasion_is_no_part_of_an_object():
    text = "The minister welcomed the deal in remarks carried by state television."
    assert statements(text, run(text)) == [("the deal", "The minister", "welcomed")]
    text = "She praised the support given in the post-war period."
    assert statements(text, run(text)) == [("the support given in the post-war period", "She", "praised")]


def test_quoted_x_as_saying():
    text = "The state news agency quoted him as saying that farmers had lost a fifth of the harvest."
    assert statements(text, run(text)) == [("farmers had lost a fifth of the harvest", "him", "quoted")]


def test_a_quotation_with_its_own_attribution_is_no_clause_before_according_to():
    text = "“We heat our homes with promises,” he said, according to a transcript."
    assert statements(text, run(text)) == [("We heat our homes with promises", "he", "said")]


def test_according_to_a_source_with_a_long_modifier():
    text = "According to a study published last year by a Kazakh research institute, the glaciers have shrunk."
    assert statements(text, run(text)) == [
        ("the glaciers have shrunk", "a study published last year by a Kazakh research institute", "According to")
    ]


def test_warned_for_years_that():
    text = "Scientists have warned for years that the glaciers are shrinking."
    assert statements(text, run(text)) == [("the glaciers are shrinking", "Scientists", "warned")]


def test_a_portfolio_before_a_title_is_no_part_of_the_name():
    text = "Deputy Energy Minister Aibek Toktosunov spoke first. “We wait,” he said."
    assert _speaker(text, "he") == "Aibek Toktosunov"


def test_a_titled_name_is_found_past_a_letter_whose_lower_case_is_longer():
    text = "İstanbul Mayor Ayşe Kaya spoke first. “We are ready,” she said."
    assert _speaker(text, "she") == "Ayşe Kaya"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The minister is said to have warned that the budget would be cut.",
            [("the budget would be cut", "The minister", "warned")],
        ),
        ("The minister is said to be furious about the budget.", []),
        (
            "The union's position is that the wage offer is too low.",
            [("the wage offer is too low", "The union", "position is")],
        ),
        (
            "The board’s view was that the sale had come too early.",
            [("the sale had come too early", "The board", "view was")],
        ),
        ("In Ms. Okafor's words, the merger was a mistake.", [("the merger was a mistake", "Ms. Okafor", "words")]),
        ("In other words, the merger was a mistake.", []),
    ],
)
def test_reports_framed_by_a_passive_or_a_noun_of_saying(text: str, expected: list[tuple[str, str, str]]):
    assert statements(text, run(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The book tells of a village that vanished under a lake.",
        "She told of her fear that the mine would close.",
        "The guards warned off the crowd that had gathered at the gate.",
        "The mayor signed the said agreement on Monday.",
        "The exhibition shows paintings of a village that vanished under a lake.",
        "The reporter was told to leave the building.",
    ],
)
def test_reporting_verbs_in_a_sense_that_reports_nothing(text: str):
    assert statements(text, run(text)) == []


def test_a_sentence_opening_plural_of_agents_names_no_speaker():
    text = "Scientists said the ice was thinning faster than expected."
    assert _speaker(text, "Scientists") is None
    text = "Maria Peters said the ice was thinning. Peters added that it was too late."
    assert _speaker(text, "Peters") == "Maria Peters"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("“Nobody should lose a job,” its chairman, Piotr Nowak, said on the radio.", "its chairman, Piotr Nowak"),
        ("“Nobody should lose a job,” Piotr Nowak, its chairman, said on the radio.", "Piotr Nowak"),
        ("“Nobody should lose a job,” Piotr Nowak, who has led the union since 2019, said.", "Piotr Nowak"),
    ],
)
def test_a_source_with_its_apposition_after_a_quotation(text: str, source: str):
    assert statements(text, run(text)) == [("Nobody should lose a job", source, "said")]


def test_a_caption_is_not_annotated():
    text = "The ferry sailed at noon.\n\nPhoto: A ferry leaves port. The company says its boats passed inspection.\n"
    assert statements(text, run(text)) == []
    text = "The ferry sailed at noon.\n\nThe company says its boats passed inspection.\n"
    assert statements(text, run(text)) == [("its boats passed inspection", "The company", "says")]


def test_an_ed_adjective_after_and_ends_no_noun_object():
    text = "The jury praised its brick arcades and shared gardens."
    assert statements(text, run(text)) == [("its brick arcades and shared gardens", "The jury", "praised")]
    text = "The minister welcomed the deal and thanked the negotiators."
    assert statements(text, run(text)) == [("the deal", "The minister", "welcomed")]


def test_a_pronoun_skips_a_person_the_text_calls_by_the_other_pronoun():
    text = (
        "Ana Lopes runs the clinic. She opened it in 2019.\n\nAna Lopes said the clinic would stay open. Paul Moreau,"
        " the director, said the budget was safe. He has led the hospital since 2015.\n\n“We will not close,” she"
        " said.\n"
    )
    assert _speaker(text, "she") == "Ana Lopes"
    # without the text's word for him, the nearer person is taken
    assert _speaker(text.replace("He has led", "Paul has led"), "she") == "Paul Moreau"


def test_a_pronoun_in_a_quotation_or_a_reported_clause_tells_nothing_of_the_name_before_it():
    assert (
        pronoun_of("Jean Roy, a planner, recalled that she had kept them late. “She was impossible.”", "Jean Roy")
        is None
    )
    assert pronoun_of("Marc Roy said she had taught a generation.", "Marc Roy") is None
    assert pronoun_of("Jean Roy left early. She said nothing.", "Jean Roy") == "she"
    assert pronoun_of("Mr. Roy left early.", "Jean Roy") == "he"


def test_coordinated_that_clauses_are_claims_of_the_one_reporting_verb():
    text = "The minister said that the plan would work, that the unions had agreed and that talks would end soon."
    assert statements(text, run(text)) == [
        ("the plan would work", "The minister", "said"),
        ("the unions had agreed", "The minister", "said"),
        ("talks would end soon", "The minister", "said"),
    ]


def test_a_claim_ends_before_a_concessive_clause_with_an_attribution_of_its_own():
    text = "The coach said his team had played well, though he admitted the defence had been slow."
    assert statements(text, run(text)) == [
        ("his team had played well", "The coach", "said"),
        ("the defence had been slow", "he", "admitted"),
    ]
    text = "The coach said his team had played well, though the defence had been slow."
    assert statements(text, run(text)) == [
        ("his team had played well, though the defence had been slow", "The coach", "said")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A lawyer for one of them, Rui Matos, said his client had broken two bones.",
            ("his client had broken two bones", "A lawyer for one of them, Rui Matos", "said"),
        ),
        (
            "“A recall is a start,” a lawyer for the family, Rui Matos, said.",
            ("A recall is a start", "a lawyer for the family, Rui Matos", "said"),
        ),
        (
            "One of them, the architect Marc Roy, said the plan was bold.",
            ("the plan was bold", "the architect Marc Roy", "said"),
        ),
    ],
)
def test_a_description_the_phrase_rules_do_not_join_is_one_mention_with_its_name(
    text: str, expected: tuple[str, str, str]
):
    assert statements(text, run(text)) == [expected]


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "The company said it would recall 300,000 cars, the largest recall in its history.",
            "it would recall 300,000 cars",
        ),
        ("The captain wrote that the radar was broken, a post that was shared 40,000 times.", "the radar was broken"),
        ("The coach said the team had lost, the first defeat of the season.", "the team had lost"),
        (
            "The mayor said the bridge would reopen in May, a month later than planned.",
            "the bridge would reopen in May, a month later than planned",
        ),
        (
            "The coach said the winner was Ana, a nurse who works in Lyon.",
            "the winner was Ana, a nurse who works in Lyon",
        ),
    ],
)
def test_a_writer_s_comment_after_the_reported_clause_is_no_part_of_it(text: str, claim: str):
    assert [c for c, _, _ in statements(text, run(text))] == [claim]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The union estimates that each could be due several thousand pounds.",
            [("each could be due several thousand pounds", "The union", "estimates")],
        ),
        ("Critics claim that the scheme favours landlords.", [("the scheme favours landlords", "Critics", "claim")]),
        ("The claims that were made in court have been withdrawn.", []),
        ("The Reuters reports that followed were brief.", []),
        ("The government’s claims that the scheme works are false.", []),
    ],
)
def test_the_present_of_a_verb_that_is_also_a_noun_reports_before_a_that_clause(
    text: str, expected: list[tuple[str, str, str]]
):
    assert statements(text, run(text)) == expected


def test_a_relative_clause_after_a_preposition_with_its_own_attribution_ends_the_content():
    text = "A tribunal ruled that riders are workers, in a case that lawyers say could affect 40,000 couriers."
    assert statements(text, run(text)) == [
        ("riders are workers", "A tribunal", "ruled"),
        ("could affect 40,000 couriers", "lawyers", "say"),
    ]


def test_an_ing_noun_before_a_quotation_is_no_cue():
    text = "The barrister called the ruling “a clear answer to a question the company has tried to blur”."
    proposals = run(text)
    assert statements(text, proposals) == [
        ("the ruling “a clear answer to a question the company has tried to blur”", "The barrister", "called")
    ]
    assert [s.attrs.get("quote_type") for s in proposals.spans if s.label == "CLAIM"] == ["mixed"]


@pytest.mark.parametrize(
    "text",
    [
        "She did not say how the plans would be paid for.",
        "She declined to say whether a ship may sail with one radar.",
        "The minister never said that the plan would work.",
    ],
)
def test_a_negated_report_says_nothing(text: str):
    assert statements(text, run(text)) == []


def test_per_before_a_lower_case_word_is_a_rate():
    text = "Soto had 46.8 per cent of the vote against 38.1 per cent for Vial, according to the electoral service."
    assert statements(text, run(text)) == [
        ("Soto had 46.8 per cent of the vote against 38.1 per cent for Vial", "the electoral service", "according to")
    ]


def test_the_addressee_of_told_may_be_long():
    text = (
        "Soto told several hundred supporters outside her office in the old harbour neighbourhood that it was theirs."
    )
    assert statements(text, run(text)) == [("it was theirs", "Soto", "told")]


def test_a_surname_opening_a_sentence_is_the_person_a_description_named():
    text = (
        "Javiera Soto won the race, ending the rule of the incumbent, Andrés Vial.\n\n"
        "Soto told supporters that the result was theirs. “We won,” she said.\n\n"
        "Vial conceded defeat shortly after ten. He said he had called Soto to congratulate her.\n\n"
        "The coalition's regional chairman, Felipe Undurraga, was less gracious. He said the defeat was unfair.\n"
    )
    proposals = run(text)
    speakers = [(text[s.start : s.end], s.attrs.get("speaker")) for s in proposals.spans if s.label == "SPEAKER"]
    assert speakers == [
        ("Soto", "Javiera Soto"),
        ("she", "Javiera Soto"),
        ("He", "Andrés Vial"),
        ("He", "Felipe Undurraga"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The institute called on state governments to add the pill to the free medicines.",
            [("state governments to add the pill to the free medicines", "The institute", "called on")],
        ),
        ("The minister called on his mother in hospital.", []),
        (
            "Some participants complained of side effects, mostly dizziness in the first weeks.",
            [("side effects, mostly dizziness in the first weeks", "Some participants", "complained of")],
        ),
        (
            "Jonathan Hale, a professor at the University of Bristol who was not involved in the research, said the"
            " results were hard to argue with.",
            [("the results were hard to argue with", "Jonathan Hale", "said")],
        ),
    ],
)
def test_urging_complaints_and_a_long_apposition_holding_a_relative_clause(
    text: str, expected: list[tuple[str, str, str]]
):
    assert statements(text, run(text)) == expected


def test_a_possessive_before_a_full_name_is_no_part_of_the_speaker():
    assert _speaker("Labour’s Tom Casey said the bill was weak.", "Labour’s Tom Casey") == "Tom Casey"
    text = "Labour’s Tom Casey spoke first. “It is weak,” Casey said."
    assert _speaker(text, "Casey") == "Tom Casey"
    text = "The Fishermen’s Association said the turbines would close fishing grounds."
    assert _speaker(text, "The Fishermen’s Association") == "Fishermen’s Association"
