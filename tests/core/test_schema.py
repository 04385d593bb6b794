"""The schema file: the default loads, and every kind of mistake is refused with a message naming it."""

from __future__ import annotations

import pytest

from annotator.errors import SchemaError
from annotator.schema import default_schema, default_schema_text, load_schema, parse_schema


def test_default_schema_has_the_labels_relations_and_attributes_of_the_project() -> None:
    schema = default_schema()
    assert schema.label_names == ("CLAIM", "SPEAKER", "CUE")
    assert [(r.name, r.head, r.child, r.max_per_head) for r in schema.relations] == [
        ("ATTRIBUTED_TO", "CLAIM", "SPEAKER", 1),
        ("HAS_CUE", "CLAIM", "CUE", None),
    ]
    assert schema.attribute_names == ("speaker", "stance", "target", "quote_type")
    assert schema.attribute("stance").values == ("FAVOR", "AGAINST", "NONE")
    assert schema.attribute("quote_type").values == ("direct", "indirect", "mixed")
    assert [a.name for a in schema.attributes_for("CLAIM")] == ["stance", "target", "quote_type"]
    assert schema.attribute("speaker").kind == "speaker"
    assert {label.hotkey for label in schema.labels} == {"c", "s", "v"}
    assert all(label.colour.startswith("#") and len(label.colour) == 7 for label in schema.labels)
    assert "Ilham Aliyev" in {speaker.name for speaker in schema.speakers}
    assert "Islamic solidarity" in schema.targets


def test_attribute_problem_explains_each_refusal() -> None:
    schema = default_schema()
    assert schema.attribute_problem("CLAIM", "stance", "FAVOR") is None
    assert "not one of FAVOR, AGAINST, NONE" in schema.attribute_problem("CLAIM", "stance", "PRO")
    assert "does not apply to SPEAKER" in schema.attribute_problem("SPEAKER", "stance", "FAVOR")
    assert "unknown attribute 'polarity'" in schema.attribute_problem("CLAIM", "polarity", "x")
    assert "non-empty string" in schema.attribute_problem("CLAIM", "target", 3)


def _with(old: str, new: str) -> str:
    text = default_schema_text()
    assert old in text, old
    return text.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('head = "CLAIM"', 'head = "CLAIMS"', "relation ATTRIBUTED_TO: unknown label 'CLAIMS' in 'head'"),
        ('hotkey = "s"', 'hotkey = "c"', "duplicate hotkey 'c': label SPEAKER: hotkey and label CLAIM: hotkey"),
        ('hotkey = "s"', 'hotkey = "C"', "duplicate hotkey 'C'"),
        ('keys = ["1", "2", "3"]', 'keys = ["1", "2", "c"]', "duplicate hotkey 'c'"),
        ('keys = ["1", "2", "3"]', 'keys = ["1", "2"]', "attribute stance: 2 keys for 3 values"),
        ('values = ["FAVOR", "AGAINST", "NONE"]', 'values = ["FAVOR", "FAVOR", "NONE"]', "duplicate value"),
        ('kind = "target"', 'kind = "topic"', "attribute target: unknown kind 'topic'"),
        ('labels = ["SPEAKER"]', 'labels = ["SOURCE"]', "attribute speaker: unknown label 'SOURCE'"),
        ('colour = "#e8a33d"', 'colour = "orange"', "label CLAIM: colour 'orange' must look like #1f77b4"),
        ("max_per_head = 1", "max_per_head = 0", "max_per_head must be a whole number of at least 1"),
        ('hotkey = "v"', 'hotkey = "ve"', "must be one printable character"),
        ('name = "CUE"', 'name = "CLAIM"', "duplicate label 'CLAIM'"),
        ('description = "Who the claim comes from."', 'colour = "#000000"', "unknown key 'colour'"),
        ('name = "Who said', "name = Who said", "not valid TOML"),
    ],
)
def test_a_bad_schema_is_refused_with_a_message_that_names_the_problem(old: str, new: str, message: str) -> None:
    with pytest.raises(SchemaError) as caught:
        parse_schema(_with(old, new), source="project.toml")
    assert str(caught.value).startswith("project.toml: ")
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_invalid_toml_names_the_line(tmp_path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('[[labels]]\nname = "A"\nhotkey = \n', encoding="utf-8")
    with pytest.raises(SchemaError, match=r"broken.toml: not valid TOML: .*line 3"):
        load_schema(path)


def test_a_schema_needs_a_label() -> None:
    with pytest.raises(SchemaError, match="at least one label"):
        parse_schema("labels = []")


def test_a_small_custom_schema_is_followed() -> None:
    schema = parse_schema(
        '[[labels]]\nname = "EVENT"\nhotkey = "e"\ncolour = "#123456"\n'
        '[[attributes]]\nname = "certainty"\nlabels = ["EVENT"]\nkind = "choice"\nvalues = ["sure", "unsure"]\n'
    )
    assert schema.label_names == ("EVENT",)
    assert schema.relations == ()
    assert schema.attribute_problem("EVENT", "certainty", "sure") is None
