"""Reporting structures the proposer reads by general rules (each found wanting on a text of our own the rules had
not seen): sources with their place, descriptions with their names, clauses joined to a report, relative clauses
and times that are not content, datelines, and a paragraph cut short by a quotation that never closes."""

from __future__ import annotations

from proposer_helpers import one, run, spans, statements


def test_a_source_with_its_place_is_one_mention():
    text = "Prices rose, as farmers in the valley said the wells were dry. An official at the ministry said it rained."
    assert statements(text, run(text)) == [
        ("the wells were dry", "farmers in the valley", "said"),
        ("it rained", "An official at the ministry", "said"),
    ]


def test_a_description_with_a_possessive_and_its_name_is_one_mention_and_her_after_said_is_no_source():
    text = "Her German counterpart, Thomas Weber, said her clients would wait."
    proposals = run(text)
    assert statements(text, proposals) == [("her clients would wait", "Her German counterpart, Thomas Weber", "said")]
    assert one(proposals, text, "SPEAKER", "Her German counterpart, Thomas Weber").attrs == {"speaker": "Thomas Weber"}


def test_said_with_a_finite_clause_and_a_second_clause_joined_by_and_that():
    text = "She said forty families had sold their land and moved away, and that the young had stayed."
    assert statements(text, run(text)) == [
        ("forty families had sold their land and moved away", "She", "said"),
        ("the young had stayed", "She", "said"),
    ]


def test_a_relative_clause_and_a_time_are_no_object_and_no_source():
    for text in (
        "The authority has licensed more water, a problem its own engineers first described in a report.",
        "She had not received the free seedlings the board promised two years ago.",
    ):
        assert run(text).spans == (), text


def test_a_relative_clause_with_its_own_attribution_ends_the_content():
    text = "The office said that nights had stayed hot, which doctors say is the worst part."
    assert statements(text, run(text)) == [
        ("nights had stayed hot", "The office", "said"),
        ("is the worst part", "doctors", "say"),
    ]


def test_a_verb_joined_by_but_belongs_to_the_reporting_verb():
    text = "It added that residents could apply for an exemption, but gave no details."
    assert statements(text, run(text)) == [("residents could apply for an exemption", "It", "added")]


def test_a_dateline_is_not_part_of_the_content():
    text = "NEW DELHI — Schools will close early, the city government said on Sunday."
    assert statements(text, run(text)) == [("Schools will close early", "the city government", "said")]


def test_a_paragraph_a_quotation_leaves_unclosed_without_a_stop_is_prose_not_a_headline():
    text = "“The body copes,” he explained. “When the night is hot, it never rests. Nobody counts them\n\nNext."
    assert spans(text, run(text), "CLAIM") == [
        "The body copes",
        "When the night is hot, it never rests.",
        "Nobody counts them",
    ]
    assert run("Ministers meet in Lisbon to talk about rivers\n\nBy our correspondent").spans == ()


def test_a_titled_persons_place_is_not_their_name_and_her_finds_its_antecedent():
    text = "“Nobody asked us,” Mayor Anna Nowak of Słubice said. According to her, the toll is unfair."
    proposals = run(text)
    assert one(proposals, text, "SPEAKER", "Mayor Anna Nowak of Słubice").attrs == {"speaker": "Anna Nowak"}
    assert one(proposals, text, "SPEAKER", "her").attrs == {"speaker": "Anna Nowak"}


def test_a_quotation_without_a_cue_follows_the_paragraphs_last_attribution():
    text = (
        "“Who will live here?” Valdivia asked.\n\n"
        "The lawyer, Camila Soto, said her clients would accept a limit. “We are not asking for the mine to close.”"
    )
    assert statements(text, run(text))[-1] == (
        "We are not asking for the mine to close.",
        "The lawyer, Camila Soto",
        "said",
    )


def test_a_source_before_a_relative_clause_may_follow_a_conjunction_that_opens_the_sentence():
    text = "But Councillor Joan Pike, who chairs the planning board, said the road would be widened."
    assert statements(text, run(text)) == [("the road would be widened", "Councillor Joan Pike", "said")]
    text = "But her rival, a former mayor, said nothing."
    assert statements(text, run(text)) == []  # said nothing: no content, and "But" no source


def test_adding_a_thing_is_an_act_inside_the_content_and_adding_a_clause_a_report():
    text = "The club said it had rebuilt the stand, adding 2,000 seats and widening the gates."
    assert statements(text, run(text)) == [
        ("it had rebuilt the stand, adding 2,000 seats and widening the gates", "The club", "said")
    ]
    text = "The coach praised the squad, adding the season would be hard."
    assert statements(text, run(text)) == [
        ("the squad", "The coach", "praised"),
        ("the season would be hard", "The coach", "adding"),
    ]


def test_a_participle_of_consequence_after_the_reported_clause_is_the_writer_s_comment():
    text = "The board said the plant would close in June, dealing a blow to the town, its largest employer gone."
    assert statements(text, run(text)) == [("the plant would close in June", "The board", "said")]
    text = "The mayor said the vote had been rigged, without giving any evidence."
    assert statements(text, run(text)) == [("the vote had been rigged", "The mayor", "said")]
    text = "The board said the plant would close in June, cutting 300 jobs."
    assert statements(text, run(text)) == [("the plant would close in June, cutting 300 jobs", "The board", "said")]
    text = "The bank said it would cut rates, raising its forecast for growth."
    assert statements(text, run(text)) == [("it would cut rates, raising its forecast for growth", "The bank", "said")]


def test_a_time_after_a_source_that_follows_its_verb_is_no_part_of_it():
    text = "The strike will go ahead, warned union leader Paul Grey last night."
    assert statements(text, run(text)) == [("The strike will go ahead", "union leader Paul Grey", "warned")]
    text = "The strike will go ahead, warned the leader of the Night Workers’ Union."
    assert statements(text, run(text)) == [
        ("The strike will go ahead", "the leader of the Night Workers’ Union", "warned")
    ]


def test_a_relative_clause_after_the_source_of_according_to_is_no_part_of_the_claim():
    text = "According to the water board, which runs the reservoir, the level fell by a third."
    assert statements(text, run(text)) == [("the level fell by a third", "the water board", "According to")]
    text = "According to a survey commissioned by the board, the level fell by a third."
    assert statements(text, run(text)) == [
        ("the level fell by a third", "a survey commissioned by the board", "According to")
    ]


def test_a_description_with_its_name_before_a_relative_clause_is_one_mention():
    text = "His old teacher, Maria Lenz, who taught him for six years, says he was always curious."
    assert statements(text, run(text)) == [("he was always curious", "His old teacher, Maria Lenz", "says")]
    text = "In Vienna, Maria Lenz, who taught him for six years, says he was always curious."
    assert statements(text, run(text)) == [("he was always curious", "Maria Lenz", "says")]


def test_a_collective_plural_without_an_s_stands_alone_as_a_source():
    text = "The road was closed, hours after police said a bridge had cracked."
    assert statements(text, run(text)) == [("a bridge had cracked", "police", "said")]
    text = "The road was closed, hours after a bridge cracked."
    assert statements(text, run(text)) == []


def test_a_standfirst_with_the_byline_on_its_line_is_no_prose():
    text = (
        "Dams fail the dry north\n\nA report finds the reservoirs half empty, but engineers say the pipes are to "
        "blame. By Ruth Adeyemi, Environment Editor\n\nThe minister said the dams would be repaired."
    )
    assert statements(text, run(text)) == [("the dams would be repaired", "The minister", "said")]
    text = "The minister said the dams would be repaired. By Friday the work had begun"
    assert statements(text, run(text)) == [("the dams would be repaired", "The minister", "said")]


def test_what_a_court_heard_is_a_claim_with_its_cue_and_no_source():
    text = "The van had been bought with the charity's money, the court heard."
    assert statements(text, run(text)) == [("The van had been bought with the charity's money", "", "heard")]
    text = "The jury heard that the van had been resprayed twice."
    assert statements(text, run(text)) == [("the van had been resprayed twice", "", "heard")]


def test_heard_with_a_hearer_that_is_no_hearing_reports_nothing():
    text = "Neighbours heard a loud bang, and the police arrived within minutes."
    assert statements(text, run(text)) == []


def test_a_long_participle_clause_between_the_source_and_its_verb_is_an_apposition():
    text = (
        "Moreau, speaking to farmers at a cattle fair in the hills above the old mill town on Friday, "
        "said prices would rise."
    )
    assert statements(text, run(text)) == [("prices would rise", "Moreau", "said")]


def test_a_long_lower_case_stretch_before_the_verb_is_no_apposition():
    text = (
        "Moreau, after a long and bitter dispute with the farmers at the cattle fair in the hills last week, "
        "said prices would rise."
    )
    assert statements(text, run(text)) == []


def test_a_verb_of_saying_with_the_reported_clause_s_tense_continues_the_clause():
    text = "The envoy said the two sides had met twice but had not agreed on a venue."
    assert statements(text, run(text)) == [
        ("the two sides had met twice but had not agreed on a venue", "The envoy", "said")
    ]
    text = "The coach said the team had failed and would put it right."
    assert statements(text, run(text)) == [("the team had failed and would put it right", "The coach", "said")]


def test_a_verb_of_saying_in_the_report_s_tense_starts_a_new_attribution():
    text = "The envoy said the two sides had met twice but warned that no venue was agreed."
    assert statements(text, run(text)) == [
        ("the two sides had met twice", "The envoy", "said"),
        ("no venue was agreed", "The envoy", "warned"),
    ]


def test_a_dateline_of_two_places_joined_by_a_slash_is_not_part_of_the_content():
    text = "LIMA/QUITO — Both capitals will ration water from June, officials said on Monday."
    assert statements(text, run(text)) == [("Both capitals will ration water from June", "officials", "said")]
    text = "The 24/7 helpline will close in June, officials said on Monday."
    assert statements(text, run(text)) == [("The 24/7 helpline will close in June", "officials", "said")]


def test_the_writer_s_doubt_and_a_refusal_to_say_more_end_the_reported_clause():
    text = "Police said 40 homes had been flooded, though it was not clear how many were empty."
    assert statements(text, run(text)) == [("40 homes had been flooded", "Police", "said")]
    text = "The manager said a new striker would arrive soon but would not be drawn on names."
    assert statements(text, run(text)) == [("a new striker would arrive soon", "The manager", "said")]


def test_a_contrast_inside_the_reported_clause_stays_in_it():
    text = "Police said 40 homes had been flooded, though most were empty."
    assert statements(text, run(text)) == [("40 homes had been flooded, though most were empty", "Police", "said")]


def test_a_noun_that_sums_up_the_content_with_a_relative_clause_of_its_own_ends_the_content():
    text = "The mayor promised free school meals, a pledge the city treasurer has called unaffordable."
    assert statements(text, run(text)) == [("free school meals", "The mayor", "promised")]
    text = (
        "The mayor promised to cut bus fares, a pledge that the city’s treasurer, Ola Berg, has said would cost "
        "millions."
    )
    assert statements(text, run(text)) == [
        ("to cut bus fares", "The mayor", "promised"),
        ("would cost millions", "the city’s treasurer, Ola Berg", "said"),
    ]


def test_a_list_after_a_comma_stays_in_the_content():
    text = "The mayor said the city would build a school, a library and a pool that the council had approved."
    assert statements(text, run(text)) == [
        ("the city would build a school, a library and a pool that the council had approved", "The mayor", "said")
    ]
