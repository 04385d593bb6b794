"""Whatever the text, proposals are well formed: spans inside the text, no empty or padded span, known labels,
relations between proposed spans of the schema's ends, one source link per content at most, valid attribute
values, and the same proposals for the same text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from proposer_helpers import run

from annotator.schema import default_schema

PIECES = [
    "said",
    "says",
    "told",
    "noted that",
    "according to",
    "As stated by",
    "Emphasizing that",
    ", adding that",
    "“",
    "”",
    '"',
    "„",
    "«",
    "»",
    ": ",
    ", ",
    ". ",
    "! ",
    "? ",
    "\n",
    "\n\n",
    " ",
    "he",
    "She",
    "They",
    "him",
    "President Ilham Aliyev",
    "the minister",
    "Mr. Smith",
    "the head of state",
    "and",
    "praised",
    "the plan",
    "was declared",
    "😀",
    "𝔸",
    "e\u0301",
    "\u2028",
    "\t",
    "...",
    "—",
    "(",
    ")",
    "It is good",
    "we will win",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_proposals_are_well_formed_for_any_text(pieces):
    text = "".join(pieces)
    schema = default_schema()
    proposals = run(text, schema)
    assert run(text, schema) == proposals
    keys = {span.key: span for span in proposals.spans}
    assert len(keys) == len(proposals.spans)
    for span in proposals.spans:
        assert 0 <= span.start < span.end <= len(text)
        words = text[span.start : span.end]
        assert words == words.strip(), span
        assert span.label in schema.label_names
        assert span.rule.split(":")[0] in ("claim", "speaker", "cue")
        for name, value in span.attrs.items():
            assert schema.attribute_problem(span.label, name, value) is None, (span, name, value)
    sources: dict[str, int] = {}
    for relation in proposals.relations:
        definition = schema.relation(relation.label)
        assert definition is not None
        assert keys[relation.head].label == definition.head
        assert keys[relation.child].label == definition.child
        if relation.label == schema.statement.source_relation:
            sources[relation.head] = sources.get(relation.head, 0) + 1
    assert all(count == 1 for count in sources.values())


@pytest.mark.parametrize(
    "text",
    [
        ("he said that " * 1000) + "“" * 300 + "”" * 10 + " and" * 500 + ".",
        "“We won,” he said. " * 2000,
        "He said: “" + "It is. " * 2000,
        "x" * 50_000,
    ],
    ids=["one sentence of cues", "many quotations", "a quotation that never closes", "no words"],
)
def test_long_odd_texts_are_read_whole(text):
    proposals = run(text)
    assert all(0 <= s.start < s.end <= len(text) for s in proposals.spans)
    if text.startswith("“We won"):
        assert len(proposals.spans) == 3 * 2000  # a claim, a pronoun and a cue per sentence
