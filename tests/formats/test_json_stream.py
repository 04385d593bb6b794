"""JSON files read a value at a time: the same values as ``json.loads`` whatever the chunk size, the line each
value starts on, errors naming file, line and column, and a Label Studio file's tasks coming out before the file
has been read to its end."""

from __future__ import annotations

import json
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.errors import DataError
from annotator.formats import json_stream
from annotator.formats.json_stream import first_value, json_values
from annotator.formats.labelstudio import read_labelstudio
from annotator.formats.report import FormatReport

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12)
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of a few bytes, so that values, numbers, escapes and UTF-8 sequences are cut by their ends."""
    monkeypatch.setattr(json_stream, "CHUNK", 5)


@settings(max_examples=150, deadline=None)
@given(values=st.lists(_VALUES, max_size=6), chunk=st.integers(1, 40), indent=st.sampled_from([None, 1]))
def test_an_array_gives_the_values_json_loads_gives(values: list, chunk: int, indent: int | None) -> None:
    raw = json.dumps(values, indent=indent, ensure_ascii=False).encode()
    old = json_stream.CHUNK
    json_stream.CHUNK = chunk
    try:
        got = [value for _, value in json_values(raw, "f.json")]
        # JSON Lines of objects (a file whose first value is an array is read as that array).
        jsonl = b"\n".join(json.dumps({"v": v}).encode() for v in values)
        lines = [value["v"] for _, value in json_values(jsonl, "f.jsonl")]
    finally:
        json_stream.CHUNK = old
    assert got == json.loads(raw)  # floats exactly, big integers whole
    assert lines == values
    assert [type(v) for v in got] == [type(v) for v in json.loads(raw)]


def test_each_value_comes_with_the_line_it_starts_on(tmp_path: Path, small_chunks: None) -> None:
    path = tmp_path / "tasks.json"
    path.write_text('\ufeff[\n  {"a": 1},\n\n  {"b":\n   [2, 3]}, 4.25e3\n , "é🇦🇿"\n]\n', encoding="utf-8")
    assert list(json_values(path, str(path))) == [(2, {"a": 1}), (4, {"b": [2, 3]}), (5, 4250.0), (6, "é🇦🇿")]


def test_a_number_cut_by_the_end_of_a_chunk_is_read_whole(small_chunks: None) -> None:
    raw = b"[1234567890123, 1.5e-7, -0.25, true, null]"
    assert [v for _, v in json_values(raw, "f")] == [1234567890123, 1.5e-7, -0.25, True, None]


@pytest.mark.parametrize(
    ("raw", "line", "column", "problem"),
    [
        (b'[{"a": 1},\n {"a": 2}\n {"a": 3}]', 3, 2, "expected , or ]"),
        (b'[{"a": 1},\n  {"a": 2,, "b": 3}]', 2, 11, "not valid JSON (Expecting property name"),
        (b'{"a": 1}\n{"a": 2}\n  {"a": }\n', 3, 9, "not valid JSON (Expecting value)"),
        (b'[{"a": 1}] x', 1, 12, "text after the end of the JSON array"),
        (b'[{"a": "no end}]', 1, 8, "not valid JSON (Unterminated string"),
    ],
)
def test_a_syntax_error_names_file_line_and_column(
    raw: bytes, line: int, column: int, problem: str, small_chunks: None
) -> None:
    with pytest.raises(DataError) as caught:
        list(json_values(raw, "tasks.json"))
    message = str(caught.value)
    assert message.startswith(f"tasks.json:{line}:{column}: {problem}"), message


def test_a_column_is_counted_across_chunks_on_one_long_line(small_chunks: None) -> None:
    items = ", ".join(json.dumps({"n": n}) for n in range(200))
    raw = f"[{items}, {{oops}}]".encode()
    with pytest.raises(DataError) as caught:
        list(json_values(raw, "one-line.json"))
    column = raw.index(b"oops") + 1
    assert str(caught.value).startswith(f"one-line.json:1:{column}: not valid JSON (Expecting property name")


def test_bad_utf8_and_nul_are_named_by_byte_and_line(small_chunks: None) -> None:
    raw = b'[\n{"a": "\xc3\xa9\xc3\xa9"},\n{"a": "x\xc3(x"}]'
    with pytest.raises(DataError) as caught:
        list(json_values(raw, "f.json"))
    at = raw.index(b"\xc3(")
    assert str(caught.value).startswith(f"f.json:3: not valid UTF-8 at byte {at} (0xc3)")
    with pytest.raises(DataError, match=r"f\.json: contains a NUL character at line 2"):
        list(json_values(b'[1,\n"a\x00"]', "f.json"))


def test_the_first_value_is_read_without_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b'[{"data": {"text": "x"}},' + b" " * (3 * json_stream.CHUNK) + b"not json at all")
    assert first_value(path, str(path)) == {"data": {"text": "x"}}


def _task(n: int) -> dict:
    text = f"Task {n}: the minister said the talks go on. 🇦🇿" + " filler" * 300
    region = {"start": 10, "end": 22, "text": text[10:22], "labels": ["SPEAKER"]}
    result = [{"id": f"r{n}", "from_name": "label", "to_name": "text", "type": "labels", "value": region}]
    return {"id": n, "data": {"text": text}, "annotations": [{"id": n, "completed_by": 1, "result": result}]}


def test_label_studio_tasks_come_out_before_the_file_is_read_to_its_end(tmp_path: Path, schema) -> None:
    path = tmp_path / "project.json"
    with path.open("wb") as out:
        out.write(b"[")
        out.write(b",\n".join(orjson.dumps(_task(n)) for n in range(1, 3001)))
        out.write(b"]")
    size = path.stat().st_size
    assert size > 5 * json_stream.CHUNK
    read: list[int] = []
    records = read_labelstudio(
        path, schema, source=str(path), name="project", layer="ann", report=FormatReport("ls"), progress=read.append
    )
    line, first = next(records)
    assert (line, first.document.doc_id, first.layer.annotator) == (1, "1", "ann")
    assert first.layer.spans[0].label == "SPEAKER"
    assert sum(read) <= json_stream.CHUNK < size  # one chunk read for the first task
    rest = list(records)
    assert len(rest) == 2999 and rest[-1][1].document.doc_id == "3000"
    assert sum(read) == size
