"""The proposer names what it proposes as the schema's [statement] table does, and leaves out what a schema lacks."""

from __future__ import annotations

from proposer_helpers import renamed_schema, run, statements

from annotator.schema import default_schema, parse_schema

TEXT = (
    "Breaking: talks resume\n\n"
    "“We are close to a deal,” President Ilham Aliyev said. The OIC Secretary General noted that "
    "Islamophobia was a threat.\n"
)

MINIMAL = """
name = "minimal"
[[labels]]
name = "QUOTE"
hotkey = "q"
colour = "#e8a33d"
[[labels]]
name = "WHO"
hotkey = "w"
colour = "#3b82c4"
[[relations]]
name = "BY"
head = "QUOTE"
child = "WHO"
[statement]
content = "QUOTE"
source = "WHO"
source_relation = "BY"
"""


def _shape(proposals, schema):
    """The proposals with every name replaced by its part in the schema's statement: comparable across schemas."""
    statement = schema.statement
    parts = {
        statement.content: "content",
        statement.source: "source",
        statement.cue: "cue",
        statement.source_relation: "source_relation",
        statement.cue_relation: "cue_relation",
        statement.speaker: "speaker",
        statement.stance: "stance",
        statement.target: "target",
        statement.quote_type: "quote_type",
    }
    spans = [
        (s.key, s.start, s.end, parts[s.label], s.rule, {parts[k]: v for k, v in s.attrs.items()})
        for s in proposals.spans
    ]
    relations = [(r.head, r.child, parts[r.label], r.rule) for r in proposals.relations]
    return spans, relations


def test_a_renamed_schema_gets_the_same_proposals_under_its_own_names():
    default, renamed = default_schema(), renamed_schema()
    ours, theirs = run(TEXT, default), run(TEXT, renamed)
    assert {s.label for s in theirs.spans} == {"CONTENT", "SOURCE", "TRIGGER"}
    assert {r.label for r in theirs.relations} == {"SAID_BY", "INTRODUCED_BY"}
    assert {k for s in theirs.spans for k in s.attrs} == {"who", "form", "topic"}
    assert _shape(ours, default) == _shape(theirs, renamed)
    assert statements(TEXT, theirs, renamed) == [
        ("We are close to a deal", "President Ilham Aliyev", "said"),
        ("Islamophobia was a threat", "The OIC Secretary General", "noted"),
    ]
    secretary = next(s for s in theirs.spans if s.label == "SOURCE" and TEXT[s.start : s.end].endswith("General"))
    assert secretary.attrs == {"who": "Hissein Ibrahim Taha"}


def test_a_schema_without_a_cue_label_or_attributes_gets_contents_and_sources_only():
    schema = parse_schema(MINIMAL, source="minimal")
    proposals = run(TEXT, schema)
    assert {s.label for s in proposals.spans} == {"QUOTE", "WHO"}
    assert {r.label for r in proposals.relations} == {"BY"}
    assert all(s.attrs == {} for s in proposals.spans)
    assert statements(TEXT, proposals, schema) == [
        ("We are close to a deal", "President Ilham Aliyev", ""),
        ("Islamophobia was a threat", "The OIC Secretary General", ""),
    ]
