"""learn(): the source and cue phrases of done layers become the lexicon, and proposals improve with it."""

from __future__ import annotations

from proposer_helpers import run, statements

from annotator.model import Layer, Relation, Span, Status
from annotator.proposal import Lexicon
from annotator.proposer import learn
from annotator.proposer.measure import tally
from annotator.schema import default_schema

TAUGHT = "The office of the mayor in Lyon mused that parking was free. The office of the mayor in Lyon said so."
NEW = "Later, the office of the mayor in Lyon mused that the buses were late."


def _layer(text: str, status: Status, marks: list[tuple[str, str, dict[str, str]]]) -> Layer:
    spans = []
    for i, (label, words, attrs) in enumerate(marks, 1):
        start = text.index(words)
        spans.append(Span(f"s{i}", start, start + len(words), label, attrs))
    return Layer("d1", "ann", status, 0, tuple(spans), ())


def _taught() -> Layer:
    return _layer(
        TAUGHT,
        Status.DONE,
        [
            ("SPEAKER", "The office of the mayor in Lyon", {"speaker": "Lyon City Hall"}),
            ("CUE", "mused", {}),
            ("CLAIM", "parking was free", {}),
            ("CUE", "said", {}),
        ],
    )


def test_every_source_and_cue_phrase_of_a_done_layer_is_an_entry_with_its_count_and_speaker():
    definition = default_schema().statement
    in_progress = _layer("Bo Lin joked that it rained.", Status.IN_PROGRESS, [("CUE", "joked", {})])
    lexicon = learn([(TAUGHT, _taught()), ("Bo Lin joked that it rained.", in_progress)], definition)
    assert lexicon.sources == {"The office of the mayor in Lyon": 1}
    assert lexicon.cues == {"mused": 1, "said": 1}
    assert lexicon.speakers == {"The office of the mayor in Lyon": "Lyon City Hall"}
    twice = learn([(TAUGHT, _taught()), (TAUGHT, _taught())], definition)
    assert twice.cues == {"mused": 2, "said": 2}


def test_proposals_improve_with_the_learned_lexicon():
    schema = default_schema()
    gold_marks = [
        ("SPEAKER", "the office of the mayor in Lyon", {"speaker": "Lyon City Hall"}),
        ("CUE", "mused", {}),
        ("CLAIM", "the buses were late", {"quote_type": "indirect"}),
    ]
    gold = _layer(NEW, Status.DONE, gold_marks)
    gold = Layer(
        "d2", "gold", Status.DONE, 0, gold.spans,
        (Relation("r1", "s3", "s1", "ATTRIBUTED_TO"), Relation("r2", "s3", "s2", "HAS_CUE")),
    )  # fmt: skip
    before = run(NEW)
    assert statements(NEW, before) == []
    lexicon = learn([(TAUGHT, _taught())], schema.statement)
    after = run(NEW, lexicon=lexicon)
    assert statements(NEW, after) == [("the buses were late", "the office of the mayor in Lyon", "mused")]
    assert next(s for s in after.spans if s.label == "SPEAKER").attrs == {"speaker": "Lyon City Hall"}
    was, now = tally(schema, [(NEW, gold, before)]), tally(schema, [(NEW, gold, after)])
    for what in ("CLAIM exact", "SPEAKER exact", "CUE exact", "ATTRIBUTED_TO relation", "HAS_CUE relation"):
        assert was.f1(what) == 0.0
        assert now.f1(what) == 1.0


def test_a_learned_source_phrase_is_found_by_its_last_words_after_a_mark_and_never_inside_a_word():
    lexicon = Lexicon(sources={"the office of the mayor in Lyon": 1, "mayor in Lyon": 1})
    text = (
        "Buses ran late, and—The Office of the  Mayor in Lyon said that fares would fall. "
        "The vice-mayor in Lyon said that trams ran."
    )
    found = {text[s.start : s.end]: s.rule for s in run(text, lexicon=lexicon).spans if s.label == "SPEAKER"}
    # the longest phrase, opening after a dash and across two spaces; none opening inside "vice-mayor"
    assert found["The Office of the  Mayor in Lyon"].startswith("speaker: learned source phrase")
    assert "speaker: learned source phrase" not in [rule for words, rule in found.items() if "vice" in words]
    assert any("vice" in words for words in found)
