"""Reporting verbs by their class in the linguistics of reported speech, each in a sentence of our own: verbs of
judging and condemning with an object, directives and hints whose content needs "that", manners of speaking that
report only beside a quotation, ``as announced by X``; and the nouns the same words make (``the court's ruling``,
``ignored claims that``)."""

from __future__ import annotations

import pytest
from proposer_helpers import run, statements


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The minister proposed holding a second round of talks in the spring.",
            ("holding a second round of talks in the spring", "The minister", "proposed"),
        ),
        ("Campaigners decried the cuts to legal aid.", ("the cuts to legal aid", "Campaigners", "decried")),
        (
            "Opposition leaders denounced the decision as a betrayal of voters.",
            ("the decision as a betrayal of voters", "Opposition leaders", "denounced"),
        ),
        ("The coach hit out at the referee's decisions.", ("the referee's decisions", "The coach", "hit out at")),
        ("He spoke highly of the country's reforms.", ("the country's reforms", "He", "spoke highly of")),
        (
            "The president proclaimed that the war was over.",
            ("the war was over", "The president", "proclaimed"),
        ),
        (
            "A spokesman clarified that the offer remained open.",
            ("the offer remained open", "A spokesman", "clarified"),
        ),
        (
            "Prosecutors charged that the firm had hidden its losses.",
            ("the firm had hidden its losses", "Prosecutors", "charged"),
        ),
        (
            "The committee recommended that the tax be scrapped.",
            ("the tax be scrapped", "The committee", "recommended"),
        ),
        ("“We will not give up,” the statement read.", ("We will not give up", "the statement", "read")),
        ("“It is over,” she whispered.", ("It is over", "she", "whispered")),
        (
            "As announced by the ministry, the border will reopen on Monday.",
            ("the border will reopen on Monday", "the ministry", "As announced by"),
        ),
        (
            "The survey showed most farms were losing money.",
            ("most farms were losing money", "The survey", "showed"),
        ),
        (
            "The delegates highly appreciated the host country's efforts.",
            ("the host country's efforts", "The delegates", "highly appreciated"),
        ),
        (
            "The governor spoke at length about the new rail link.",
            ("the new rail link", "The governor", "spoke at length about"),
        ),
        (
            "The coach warned his players that nobody was safe.",
            ("nobody was safe", "The coach", "warned"),
        ),
        (
            "The mayor promised residents that the pool would reopen.",
            ("the pool would reopen", "The mayor", "promised"),
        ),
        (
            "The minister warned of a crisis that would hit farmers.",
            ("of a crisis that would hit farmers", "The minister", "warned"),
        ),
        (
            "The driver admitted falling asleep at the wheel.",
            ("falling asleep at the wheel", "The driver", "admitted"),
        ),
        (
            "The governor ruled out raising the fuel tax this year.",
            ("raising the fuel tax this year", "The governor", "ruled out"),
        ),
    ],
)
def test_a_verb_of_its_class_reports(text: str, expected: tuple[str, str, str]):
    assert statements(text, run(text)) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        # a directive with a bare object: no proposition is reported
        "The union demanded a meeting with the owners.",
        # "read" and "cry" report only beside a quotation
        "The minister read the report twice and cried.",
        # an -ing word after a possessive is a noun
        "The court's ruling was welcomed by the opposition.",
        "His warning went unheeded.",
        # a noun of saying after another verb is that verb's object
        "The ministry ignored claims that the vaccine had been rushed.",
        "Officials investigated reports that the dam had cracked.",
        # "add" with a noun phrase for its object is an increase, not words added
        "The museum's new wing adds three galleries and a reading room.",
        # "the ruling out of" a tax rise: a noun after a determiner
        "The ruling out of a tax rise surprised nobody.",
        # a verb of the clause's kind before a noun phrase and a subordinate clause: no clause of its own
        "The defendant showed no emotion as the verdict was read.",
        # speaking at length with no topic after it reports nothing
        "The governor spoke at length and then left.",
        # "admitted" with no clause and no gerund: a patient let in, no admission
        "The hospital admitted three patients during the morning.",
    ],
)
def test_the_same_words_report_nothing(text: str):
    assert statements(text, run(text)) == []
