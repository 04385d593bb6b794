"""Reports whose content is the object of a verb of attitude, each in a sentence of our own: ``expressed`` or
``voiced`` with a noun of attitude and its preposition (``expressed concern over X``), the topic of a verb with an
addressee (``briefed the committee on X``), and verbs of support and opposition (``backed the nominee``); and the
same words where they report nothing."""

from __future__ import annotations

import pytest
from proposer_helpers import run, statements


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The mayor expressed support for the new cycle lanes.",
            ("the new cycle lanes", "The mayor", "expressed support for"),
        ),
        (
            "Farmers voiced concern over the price of fertiliser.",
            ("the price of fertiliser", "Farmers", "voiced concern over"),
        ),
        (
            "The delegation expressed interest in a joint research centre.",
            ("a joint research centre", "The delegation", "expressed interest in"),
        ),
        (
            "The board expressed satisfaction with the audit.",
            ("the audit", "The board", "expressed satisfaction with"),
        ),
        (
            "The envoy expressed hope that the ceasefire would hold.",
            ("the ceasefire would hold", "The envoy", "expressed hope"),
        ),
    ],
)
def test_a_noun_of_attitude_takes_its_preposition_into_the_cue(text: str, expected: tuple[str, str, str]):
    assert statements(text, run(text)) == [expected]


def test_a_noun_of_attitude_with_an_addressee_reports_nothing():
    text = "The visitors expressed gratitude to their hosts."
    assert statements(text, run(text)) == []


def test_gratitude_for_hospitality_is_a_courtesy_and_gratitude_for_a_decision_a_view():
    text = "Expressing gratitude for the kind invitation, the envoy said trade had doubled."
    assert statements(text, run(text)) == [("trade had doubled", "the envoy", "said")]
    text = "The farmers expressed gratitude for the decision to delay the tax."
    assert statements(text, run(text)) == [("the decision to delay the tax", "The farmers", "expressed gratitude for")]


def test_a_verb_with_an_addressee_reports_its_topic_after_on_or_about():
    text = "The health secretary briefed the committee on the new waiting-list figures."
    assert statements(text, run(text)) == [("the new waiting-list figures", "The health secretary", "briefed")]


@pytest.mark.parametrize(
    "text",
    [
        "The coach briefed his players on Monday.",
        "Two officials briefed reporters on condition of anonymity.",
        "She spoke at a briefing that ran late into the night.",
        "The officers were briefed before the raid.",
    ],
)
def test_a_briefing_with_no_topic_reports_nothing(text: str):
    assert statements(text, run(text)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The teachers' union supported the plan for smaller classes.",
            ("the plan for smaller classes", "The teachers' union", "supported"),
        ),
        ("Two senators backed the nominee.", ("the nominee", "Two senators", "backed")),
        ("Local campaigners opposed the new runway.", ("the new runway", "Local campaigners", "opposed")),
        ("She endorsed the candidate.", ("the candidate", "She", "endorsed")),
        ("The council opposed the new runway.", ("the new runway", "The council", "opposed")),
    ],
)
def test_a_verb_of_support_or_opposition_reports_its_object(text: str, expected: tuple[str, str, str]):
    assert statements(text, run(text)) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The driver backed away from the edge of the cliff.",
        "The government backed down after a week of protests.",
        "Most residents are opposed to the plan.",
        "The bridge is supported by steel cables.",
        "A study backed by the charity was published.",
        # a subject that takes no side: things that hold something up or stand against it
        "Low interest rates supported the housing market last year.",
        "Strong exports backed the currency through the winter.",
        "Rising prices opposed any recovery in demand.",
    ],
)
def test_support_in_another_sense_reports_nothing(text: str):
    assert statements(text, run(text)) == []


def test_welcoming_people_is_a_courtesy_and_welcoming_a_decision_a_view():
    text = "Welcoming the visiting students, the headteacher said the school was proud of its exchange programme."
    assert statements(text, run(text)) == [
        ("the school was proud of its exchange programme", "the headteacher", "said")
    ]
    text = "Welcoming the ruling, the campaigners said it was long overdue."
    assert ("the ruling", "the campaigners", "Welcoming") in statements(text, run(text))


def test_a_verb_with_an_addressee_reports_a_clause_that_opens_with_a_subject_pronoun():
    text = "The landlord assured the tenants they would keep their flats."
    assert statements(text, run(text)) == [("they would keep their flats", "The landlord", "assured")]
    text = "The landlord told the tenants about the repairs."
    assert statements(text, run(text)) == []


def test_a_report_inside_a_quotation_after_just():
    text = "“The club has just told the fans it sold the ground,” she said."
    assert statements(text, run(text)) == [
        ("The club has just told the fans it sold the ground", "she", "said"),
        ("it sold the ground", "The club", "told"),
    ]
