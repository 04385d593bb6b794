# ruff: noqa: UP031  (JSON with braces of its own reads best with % formatting)
"""Values no database keeps exactly, in every reader's files and through the Store's own edits: each is refused in
one line naming the file and line, and the database is left as it was, on SQLite and on PostgreSQL alike.

Each case here once ended in a traceback (exit 3) or stored something else than the file said: a RecursionError
from deep metadata, an OverflowError from a 64-bit column, a UnicodeEncodeError from a lone surrogate,
PostgreSQL's DataError from a NUL character, a float for an integer past 64 bits, null for NaN.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_fuzz import _snapshot

import annotator.cli as cli_module
from annotator.errors import AnnotatorError, DataError, SchemaError
from annotator.formats import read_file
from annotator.schema import default_schema_text, parse_schema
from db.store import Store

TEXT = "The minister said the talks would go on."
DEEP = "[" * 300 + "]" * 300


def _native(**fields: Any) -> str:
    return json.dumps({"doc_id": "d1", "text": TEXT, **fields})


def _claim(**attrs: str) -> dict[str, Any]:
    return {"id": "s1", "start": 0, "end": 12, "label": "CLAIM", **attrs}


# (case, format, file name, content, what the one-line refusal says)
CASES: list[tuple[str, str, str, str, str]] = [
    ("native meta 300 deep", "native", "a.jsonl", _native(meta={"x": "@"}).replace('"@"', DEEP), "nested more than"),
    ("doccano meta 300 deep", "doccano", "a.jsonl", '{"text": "%s", "x": %s}' % (TEXT, DEEP), "nested more than"),
    ("spacy meta 300 deep", "spacy", "a.jsonl", '{"text": "%s", "meta": {"x": %s}}' % (TEXT, DEEP), "nested more"),
    ("labelstudio 300 deep", "labelstudio", "a.json", '[{"data": {"text": "%s", "x": %s}}]' % (TEXT, DEEP), "nested"),
    ("doccano int 2^70", "doccano", "a.jsonl", '{"text": "%s", "x": %d}' % (TEXT, 2**70), "past 64 bits"),
    ("native meta int 2^70", "native", "a.jsonl", _native(meta={"x": 2**70}), "past 64 bits"),
    ("native time 2^63", "native", "a.jsonl", _native(annotator="bo", time_spent_ms=2**63), "time spent must be"),
    ("native time 2^31", "native", "a.jsonl", _native(annotator="bo", time_spent_ms=2**31), "time spent must be"),
    ("spacy time 2^63", "spacy", "a.jsonl", json.dumps({"text": TEXT, "_time_spent_ms": 2**63}), "time spent"),
    ("doccano NaN", "doccano", "a.jsonl", '{"text": "%s", "x": NaN}' % TEXT, "is nan"),
    ("doccano Infinity", "doccano", "a.jsonl", '{"text": "%s", "x": -Infinity}' % TEXT, "is -inf"),
    ("doccano surrogate text", "doccano", "a.jsonl", '{"text": "%s \\ud800"}' % TEXT, "lone surrogate"),
    ("doccano surrogate id", "doccano", "a.jsonl", '{"text": "%s", "id": "\\ud800"}' % TEXT, "lone surrogate"),
    ("doccano surrogate meta", "doccano", "a.jsonl", '{"text": "%s", "k": "\\udfff"}' % TEXT, "lone surrogate"),
    ("labelstudio surrogate", "labelstudio", "a.json", '[{"data": {"text": "%s\\ud800"}}]' % TEXT, "surrogate"),
    ("labelstudio surrogate id", "labelstudio", "a.json", '[{"id": "\\ud800", "data": {"text": "T"}}]', "surrogate"),
    ("spacy surrogate id", "spacy", "a.jsonl", '{"text": "%s", "meta": {"doc_id": "\\ud800"}}' % TEXT, "surrogate"),
    ("spacy surrogate meta", "spacy", "a.jsonl", '{"text": "%s", "meta": {"k": ["\\ud800"]}}' % TEXT, "surrogate"),
    ("native NUL id", "native", "a.jsonl", _native().replace('"d1"', '"d\\u0000"'), "NUL character"),
    ("native NUL title", "native", "a.jsonl", _native(meta={"title": "t\x00"}), "NUL character"),
    ("native NUL meta key", "native", "a.jsonl", _native(meta={"k\x00": 1}), "NUL character"),
    ("native NUL annotator", "native", "a.jsonl", _native(annotator="b\x00o"), "NUL character"),
    ("native NUL target", "native", "a.jsonl", _native(annotator="bo", spans=[_claim(target="t\x00")]), "NUL"),
    ("native NUL span id", "native", "a.jsonl", _native(annotator="bo", spans=[{**_claim(), "id": "\x00"}]), "NUL"),
    ("doccano NUL id", "doccano", "a.jsonl", json.dumps({"text": TEXT, "doc_id": "a\x00"}), "NUL character"),
    ("native target 201", "native", "a.jsonl", _native(annotator="bo", spans=[_claim(target="t" * 201)]), "200"),
]


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_an_unstorable_value_is_refused_in_one_line_and_nothing_is_stored(
    case: tuple[str, str, str, str, str], database: str, tmp_path: Path
) -> None:
    _, fmt, name, content, said = case
    path = tmp_path / name
    path.write_text(content, encoding="utf-8", errors="surrogatepass")
    with Store.open(database, user="lena") as store:
        store.import_records(read_file(_ok_file(tmp_path), "native", store.schema), source="ok.jsonl")
        before = _snapshot(store)
        with pytest.raises(AnnotatorError) as refused:
            store.import_records(read_file(path, fmt, store.schema), source=str(path))
        assert _snapshot(store) == before
    message = str(refused.value)
    assert "\n" not in message and said in message, message
    assert message.startswith(f"{path}:1: "), message


def _ok_file(tmp_path: Path) -> Path:
    path = tmp_path / "ok.jsonl"
    path.write_text(_native(doc_id="ok", annotator="bo", spans=[_claim(target="peace")]) + "\n", encoding="utf-8")
    return path


def test_the_command_line_refuses_each_in_one_line_with_exit_1(tmp_path: Path) -> None:
    db = str(tmp_path / "p.db")
    for case, fmt, name, content, said in CASES:
        path = tmp_path / f"{len(case)}-{name}"
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
        result = CliRunner().invoke(cli_module.cli, ["--db", db, "import", "--format", fmt, str(path)])
        assert result.exit_code == 1, (case, result.output)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: {path}:1: ") and said in lines[0], (case, lines)


def test_values_that_fit_come_back_exactly(database: str, tmp_path: Path) -> None:
    meta = {"big": 2**63 - 1, "small": -(2**63), "float": 1.5e300, "deep": json.loads("[" * 31 + "]" * 31)}
    path = tmp_path / "fit.jsonl"
    path.write_text(_native(meta=meta, annotator="bo", time_spent_ms=2**31 - 1) + "\n", encoding="utf-8")
    with Store.open(database, user="lena") as store:
        store.import_records(read_file(path, "native", store.schema), source=str(path))
        assert store.document("d1").meta == meta
        [record] = store.export_records(layer="all", status="any")
        assert record.layer is not None and record.layer.time_spent_ms == 2**31 - 1


def test_the_store_refuses_a_nul_in_a_target_or_a_name_of_its_own_edits(database: str) -> None:
    with Store.open(database, user="lena") as store:
        for refused in (
            lambda: store.add_target("peace\x00"),
            lambda: store.add_speaker("Ilham\x00"),
            lambda: store.add_annotator("b\x00o"),
            lambda: store.add_target("t" * 201),
        ):
            with pytest.raises(DataError):
                refused()
        assert "peace\x00" not in store.targets()


SCHEMA = default_schema_text()


@pytest.mark.parametrize(
    ("case", "text", "said"),
    [
        ("nested 5,000 deep", "a = " + "[" * 5000 + "]" * 5000 + "\n" + SCHEMA, "nested too deeply"),
        ("a target of 201", SCHEMA.replace("targets = [", f'targets = ["{"t" * 201}", ', 1), "200 at most"),
        ("a speaker of 201", SCHEMA + f'\n[[speakers]]\nname = "{"s" * 201}"\n', "200 at most"),
        ("a NUL in a target", SCHEMA.replace("targets = [", 'targets = ["a\\u0000", ', 1), "NUL character"),
    ],
)
def test_a_schema_no_database_keeps_is_refused(case: str, text: str, said: str) -> None:
    with pytest.raises(SchemaError) as refused:
        parse_schema(text, source="s.toml")
    assert str(refused.value).startswith("s.toml: ") and said in str(refused.value)
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("start", "native"), ("text", "native"), ("tokens", "conll"), ("token_start", "spacy"), ("sources", "native")],
)
def test_a_schema_naming_what_a_format_uses_itself_is_refused_when_set(
    name: str, fmt: str, database: str, tmp_path: Path
) -> None:
    renamed = SCHEMA.replace('name = "stance"', f'name = "{name}"').replace('stance = "stance"', f'stance = "{name}"')
    if name == "tokens":  # a label: CoNLL writes a working file per label beside its tokens' file
        renamed = SCHEMA.replace('"CUE"', '"tokens"')
    schema = parse_schema(renamed, source="s.toml")
    with Store.open(database, user="lena") as store:
        before = store.schema.source_text
        with pytest.raises(SchemaError) as refused:
            store.set_schema(schema)
        assert store.schema.source_text == before
    assert f"{name!r}" in str(refused.value) and f"the {fmt} format" in str(refused.value)
    path = tmp_path / "s.toml"
    path.write_text(renamed, encoding="utf-8")
    result = CliRunner().invoke(cli_module.cli, ["--db", str(tmp_path / "new.db"), "schema", "set", str(path)])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and name in result.stderr
