"""A schema's guidelines: the descriptions in words, a guide given in the file or in a Markdown file beside it,
stored with the schema so that every desktop reads the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.errors import SchemaError
from annotator.guide import guidelines, label_tip
from annotator.schema import default_schema, default_schema_text, load_schema, parse_schema
from db.store import Store

GUIDE = 'Tag *whole* claims.\n\nA "quoted" line, a back\\slash, a tab\tand """ three quotes.\n'


def test_the_seed_schema_describes_every_label_relation_and_attribute_and_has_a_guide() -> None:
    schema = default_schema()
    for part in (*schema.labels, *schema.relations, *schema.attributes):
        assert part.description, f"{part.name} has no description"
    text = guidelines(schema)
    assert "**CLAIM** (key `c`)" in text and "at most 1 per CLAIM" in text
    assert "One of FAVOR (key 1), AGAINST (key 2), NONE (key 3)." in text
    assert schema.guide.strip() and text.endswith(schema.guide.strip() + "\n")
    tip = label_tip(schema, "CLAIM")
    assert tip.startswith("CLAIM (key c): The attributed content")
    assert "stance: The speaker's stance" in tip and "HAS_CUE (CLAIM → CUE, key u)" in tip


def test_a_guide_file_beside_the_schema_is_copied_into_the_stored_schema(tmp_path: Path) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "guide.md").write_text(GUIDE, encoding="utf-8")
    text = default_schema_text()
    text = (
        text[: text.index("guide = ")]
        + 'guide_file = "guide.md"  # beside this file\n'
        + text[text.index("[[labels]]") :]
    )
    (folder / "schema.toml").write_text(text, encoding="utf-8")
    schema = load_schema(folder / "schema.toml")
    assert schema.guide == GUIDE
    assert 'guide_file = "guide.md"  # beside' not in schema.source_text and 'guide = """' in schema.source_text
    with Store.open(tmp_path / "x.db") as store:
        store.set_schema(schema)
    (folder / "guide.md").unlink()  # another desktop has no such file: the database holds the guide
    with Store.open(tmp_path / "x.db") as store:
        assert store.schema.guide == GUIDE
        assert guidelines(store.schema).endswith(GUIDE.strip() + "\n")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('guide_file = "missing.md"', "guide_file 'missing.md': cannot read"),
        ('guide_file = ""', "guide_file must name a file beside the schema"),
        ('guide_file = "g.md"\nguide = "x"', "give guide or guide_file, not both"),
        ("guide = 3", "guide must be a string"),
    ],
)
def test_a_wrong_guide_is_refused_naming_the_file(tmp_path: Path, line: str, message: str) -> None:
    (tmp_path / "g.md").write_text("x", encoding="utf-8")
    text = default_schema_text()
    text = text[: text.index("guide = ")] + line + "\n" + text[text.index("[[labels]]") :]
    path = tmp_path / "schema.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError) as refused:
        load_schema(path)
    assert str(refused.value).startswith(str(path)) and message in str(refused.value)


def test_a_guide_file_named_in_text_without_a_file_is_refused() -> None:
    with pytest.raises(SchemaError, match="guide_file is read from a schema file only"):
        parse_schema('guide_file = "g.md"\n[[labels]]\nname = "A"\nhotkey = "a"\ncolour = "#123456"\n')
