"""The schema's statement: the [statement] table, what a file without one gets, and statements built from a layer."""

from __future__ import annotations

import pytest

from annotator.errors import SchemaError
from annotator.model import Relation, Span
from annotator.schema import StatementDef, default_schema, default_schema_text, parse_schema
from annotator.statement import canonical_speakers, layer_statements, stance_values, statement_of

DEFAULT = StatementDef(
    "CLAIM", "SPEAKER", "CUE", "ATTRIBUTED_TO", "HAS_CUE", "speaker", "stance", "target", "quote_type"
)


def without_table(text: str) -> str:
    start = text.index("[statement]")
    end = text.index("[[speakers]]")
    return text[:start] + text[end:]


def test_the_default_schema_names_its_statement_and_an_older_file_gets_the_same() -> None:
    assert default_schema().statement == DEFAULT
    older = without_table(default_schema_text())
    assert "[statement]" not in older
    assert parse_schema(older).statement == DEFAULT
    assert stance_values(default_schema()) == ("FAVOR", "AGAINST", "NONE")


def test_a_file_without_the_table_gets_each_default_part_it_has_and_nothing_else() -> None:
    # No HAS_CUE and no quote_type: the cue and the quote type are left out, the rest is found.
    text = without_table(default_schema_text())
    text = text.replace('name = "HAS_CUE"', 'name = "HAS_VERB"').replace('name = "quote_type"', 'name = "form"')
    assert parse_schema(text).statement == StatementDef(
        "CLAIM", "SPEAKER", None, "ATTRIBUTED_TO", None, "speaker", "stance", "target", None
    )
    # Other names: the claim is the head of the relation whose child has a speaker attribute, as before.
    quotes = (
        '[[labels]]\nname = "PERSON"\nhotkey = "p"\ncolour = "#123456"\n'
        '[[labels]]\nname = "QUOTE"\nhotkey = "q"\ncolour = "#654321"\n'
        '[[relations]]\nname = "SAID_BY"\nhead = "QUOTE"\nchild = "PERSON"\n'
        '[[attributes]]\nname = "who"\nlabels = ["PERSON"]\nkind = "speaker"\n'
    )
    assert parse_schema(quotes).statement == StatementDef("QUOTE", "PERSON", source_relation="SAID_BY", speaker="who")
    # Nothing that looks like a statement: the first label is the content, and that is all.
    event = parse_schema('[[labels]]\nname = "EVENT"\nhotkey = "e"\ncolour = "#123456"\n')
    assert event.statement == StatementDef("EVENT")
    assert stance_values(event) == ()


def test_a_renamed_schema_says_which_part_is_which() -> None:
    schema = parse_schema(
        '[[labels]]\nname = "CONTENT"\nhotkey = "c"\ncolour = "#123456"\n'
        '[[labels]]\nname = "SOURCE"\nhotkey = "s"\ncolour = "#654321"\n'
        '[[relations]]\nname = "SAID_BY"\nhead = "CONTENT"\nchild = "SOURCE"\n'
        '[[attributes]]\nname = "position"\nlabels = ["CONTENT"]\nkind = "choice"\nvalues = ["pro", "contra"]\n'
        '[statement]\ncontent = "CONTENT"\nsource = "SOURCE"\nsource_relation = "SAID_BY"\nstance = "position"\n'
    )
    assert schema.statement == StatementDef("CONTENT", "SOURCE", source_relation="SAID_BY", stance="position")
    assert stance_values(schema) == ("pro", "contra")


def _table(**parts: str) -> str:
    lines = "".join(f'{key} = "{value}"\n' for key, value in parts.items())
    return without_table(default_schema_text()) + "\n[statement]\n" + lines


FULL = {
    "content": "CLAIM",
    "source": "SPEAKER",
    "cue": "CUE",
    "source_relation": "ATTRIBUTED_TO",
    "cue_relation": "HAS_CUE",
    "speaker": "speaker",
    "stance": "stance",
    "target": "target",
    "quote_type": "quote_type",
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"content": "CLAIMS"}, "statement: content 'CLAIMS' is not a label (labels: CLAIM, SPEAKER, CUE)"),
        ({"source": "CLAIM"}, "statement: source 'CLAIM' is the label of another part of the statement"),
        ({"cue": "SPEAKER"}, "statement: cue 'SPEAKER' is the label of another part of the statement"),
        (
            {"source_relation": "HAS_CUE"},
            "statement: source_relation 'HAS_CUE' must lead from CLAIM to SPEAKER (it leads from CLAIM to CUE)",
        ),
        ({"cue_relation": "SAID"}, "statement: cue_relation 'SAID' is not a relation (relations: ATTRIBUTED_TO"),
        (
            {"stance": "target"},
            "statement: stance 'target' must be a choice attribute of CLAIM (it is of kind target, on CLAIM)",
        ),
        (
            {"speaker": "stance"},
            "statement: speaker 'stance' must be a speaker attribute of SPEAKER (it is of kind choice, on CLAIM)",
        ),
        ({"quote_type": "stance"}, "statement: quote_type 'stance' is the stance too"),
        ({"target": "topic"}, "statement: target 'topic' is not an attribute (attributes: speaker, stance"),
        ({"source": None}, "statement: source_relation needs source"),
        ({"cue_relation": None}, "statement: cue needs cue_relation"),
        ({"source": None, "source_relation": None}, "statement: speaker needs source"),
        ({"content": None}, "statement: missing 'content'"),
        ({"claim": "CLAIM"}, "statement: unknown key 'claim'"),
    ],
)
def test_a_wrong_statement_table_is_refused_with_the_file_and_the_problem(change: dict, message: str) -> None:
    parts = {key: value for key, value in (FULL | change).items() if value is not None}
    with pytest.raises(SchemaError) as caught:
        parse_schema(_table(**parts), source="project.toml")
    assert str(caught.value).startswith("project.toml: ")
    assert message in str(caught.value)


def test_statements_are_built_from_a_layer() -> None:
    definition = default_schema().statement
    spans = [
        Span("s1", 0, 5, "SPEAKER", {"speaker": "Ilham Aliyev"}),
        Span("s2", 6, 10, "CUE"),
        Span("s3", 11, 20, "CLAIM", {"stance": "FAVOR", "target": "Peace"}),
        Span("s4", 21, 25, "CUE"),
        Span("s5", 30, 40, "CLAIM", {"quote_type": "direct"}),
        Span("s6", 41, 45, "SPEAKER"),
    ]
    relations = [
        Relation("r1", "s3", "s1", "ATTRIBUTED_TO"),
        Relation("r2", "s3", "s4", "HAS_CUE"),
        Relation("r3", "s3", "s2", "HAS_CUE"),
        Relation("r4", "s5", "s2", "RELATED"),  # no part of a statement
    ]
    built = layer_statements(definition, spans, relations)
    first, second = built.statements
    assert (first.key, first.source, first.speaker, first.stance, first.target, first.quote_type) == (
        "s3",
        spans[0],
        "Ilham Aliyev",
        "FAVOR",
        "Peace",
        None,
    )
    assert first.cues == (spans[3], spans[1]) and first.cue == spans[1]  # the first cue in the text
    assert (second.key, second.source, second.cue, second.speaker, second.quote_type) == (
        "s5",
        None,
        None,
        None,
        "direct",
    )
    assert built.linked == {"s1", "s2", "s4"} and built.others == [relations[3]]
    # One statement on its own, as the window builds it, is the same.
    by_key = {span.key: span for span in spans}
    assert statement_of(definition, spans[2], by_key, relations) == first
    # Canonical speakers: a mention's own, a claim's that of its source; a claim without one is left out.
    assert canonical_speakers(definition, spans, relations) == {"s1": "Ilham Aliyev", "s3": "Ilham Aliyev"}
