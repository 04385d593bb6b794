"""What a layer leaves open before it is marked done, from the schema's statement and not from label names."""

from __future__ import annotations

from annotator.loose_ends import loose_ends
from annotator.model import Relation, Span
from annotator.schema import StatementDef, default_schema, parse_schema


def test_claims_without_speaker_cue_or_stance_and_unlinked_speakers_are_listed_in_text_order() -> None:
    spans = [
        Span("s1", 0, 10, "CLAIM", {"stance": "FAVOR"}),
        Span("s2", 11, 13, "SPEAKER"),
        Span("s3", 14, 18, "CUE"),
        Span("s4", 20, 30, "CLAIM"),
        Span("s5", 31, 35, "SPEAKER"),
        Span("s6", 40, 50, "CLAIM", {"stance": "NONE"}),
    ]
    relations = [
        Relation("r1", "s1", "s2", "ATTRIBUTED_TO"),
        Relation("r2", "s1", "s3", "HAS_CUE"),
        Relation("r3", "s6", "s3", "HAS_CUE"),
    ]
    found = loose_ends(default_schema().statement, spans, relations)
    assert [(end.span.key, end.lacks) for end in found] == [
        ("s4", ("no SPEAKER", "no CUE", "no stance")),
        ("s5", ("no CLAIM is linked to it",)),
        ("s6", ("no SPEAKER",)),
    ]
    # Linked and set, nothing is left open.
    relations += [
        Relation("r4", "s4", "s5", "ATTRIBUTED_TO"),
        Relation("r5", "s4", "s3", "HAS_CUE"),
        Relation("r6", "s6", "s2", "ATTRIBUTED_TO"),
    ]
    spans[3] = Span("s4", 20, 30, "CLAIM", {"stance": "AGAINST"})
    assert loose_ends(default_schema().statement, spans, relations) == []


def test_the_parts_come_from_the_statement_of_a_renamed_schema() -> None:
    schema = parse_schema(
        '[[labels]]\nname = "QUOTE"\nhotkey = "q"\ncolour = "#123456"\n'
        '[[labels]]\nname = "PERSON"\nhotkey = "p"\ncolour = "#654321"\n'
        '[[labels]]\nname = "CLAIM"\nhotkey = "c"\ncolour = "#654300"\n'
        '[[relations]]\nname = "SAID_BY"\nhead = "QUOTE"\nchild = "PERSON"\n'
        '[statement]\ncontent = "QUOTE"\nsource = "PERSON"\nsource_relation = "SAID_BY"\n'
    )
    spans = [Span("a", 0, 5, "QUOTE"), Span("b", 6, 8, "PERSON"), Span("c", 9, 12, "CLAIM"), Span("d", 13, 15, "QUOTE")]
    found = loose_ends(schema.statement, spans, [Relation("r", "a", "b", "SAID_BY")])
    # No cue and no stance in this statement: only the source is asked for; a CLAIM here is no content.
    assert [(end.span.key, end.lacks) for end in found] == [("d", ("no PERSON",))]
    assert loose_ends(StatementDef("QUOTE"), spans, []) == []
