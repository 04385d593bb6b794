"""Hostile files through every reader and into the Store: a clear one-line error or a correct import, never
another exception, never part of a file stored.

The cases are made from the readers' own example files (any file with a reader's extension in tests/, seeds/ or
the shared peer fixtures), mutated: random bytes, truncation, spliced bytes, huge lines, JSON values of the wrong
type, offsets out of range, deep nesting. Every format in ``annotator.formats.readers()`` is covered, including the
ones added later.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
from pathlib import Path
from typing import Any

import orjson
import pytest
from children import HEAVY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.errors import AnnotatorError
from annotator.formats import read_file, readers
from annotator.formats.native import write_native
from annotator.model import GOLD
from db.store import Store
from samples import tricky_record

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
"""Beside the checkout, where it is there: other tools' example files (peer-fixtures)."""
EXAMPLES = int(os.environ.get("ANNOTATOR_FUZZ_EXAMPLES", 1000 if HEAVY else 60))
DEEP = 5_000
_DEEP_MARK = "\x00deep\x00"
_NESTED_MARK = "\x00nested\x00"  # 300 levels: past the checks' limit, below the JSON readers' own
_NAN_MARK = "\x00nan\x00"  # NaN and Infinity, which the standard library reads and orjson does not write


def _seeds(fmt: str, tmp_path: Path) -> list[Path]:
    """Example files for ``fmt``: a native record of tricky text, and files with its extensions found nearby."""
    extensions = readers()[fmt].extensions
    native = tmp_path / "seed-native.jsonl"
    native.write_bytes(orjson.dumps(tricky_record()) + b"\n" + orjson.dumps(tricky_record(GOLD)) + b"\n")
    found = [native] if native.suffix in extensions else []
    for folder in (REPO / "tests", REPO / "seeds", SHARED / "peer-fixtures"):
        if folder.is_dir():
            found += sorted(
                p for p in folder.rglob("*") if p.suffix in extensions and p.is_file() and p.stat().st_size < 200_000
            )
    return found[:8]


def _hostile_value(draw: Any) -> Any:
    return draw(
        st.one_of(
            st.none(),
            st.booleans(),
            st.integers(-(2**70), 2**70),
            st.integers(-3, 300),
            st.floats(allow_nan=False),
            st.text(max_size=20),
            st.just("x" * 100_000),
            st.just([]),
            st.just({}),
            st.just([[0, 5, "CLAIM"]]),
            st.just(_DEEP_MARK),
            st.just(_NESTED_MARK),
            st.just(_NAN_MARK),
            st.sampled_from([2**63, 2**63 - 1, -(2**63) - 1, 2**31]),
            st.sampled_from(["\ud800", "a\udfffb", "\x00", "id\x00"]),  # lone surrogates, NUL characters
        )
    )


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _replace(value[path[0]], path[1:], new)
    return copy


def _shift_numbers(value: Any, delta: int) -> Any:
    """Every integer moved by ``delta``: offsets that fall outside their text, or in the middle of a character."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value + delta
    if isinstance(value, dict):
        return {key: _shift_numbers(item, delta) for key, item in value.items()}
    if isinstance(value, list):
        return [_shift_numbers(item, delta) for item in value]
    return value


def _dump(value: Any) -> bytes:
    try:
        raw = orjson.dumps(value)
    except TypeError:  # an integer past 64 bits or a lone surrogate, which orjson does not write: json does
        raw = json.dumps(value).encode()
    mark = json.dumps  # how either library writes a mark (both escape the NUL characters alike)
    return (
        raw.replace(mark(_DEEP_MARK).encode(), b"[" * DEEP + b"]" * DEEP)
        .replace(mark(_NESTED_MARK).encode(), b"[" * 300 + b"]" * 300)
        .replace(mark(_NAN_MARK).encode(), b"NaN")
    )


@st.composite
def hostile(draw: Any, seed: bytes) -> bytes:
    """``seed`` mutated in one of the ways a broken or malicious file differs from a good one."""
    kind = draw(st.sampled_from(["bytes", "truncate", "splice", "huge line", "json value", "offsets", "as is"]))
    if kind == "bytes":
        return draw(st.binary(max_size=4096))
    if kind == "truncate":
        return seed[: draw(st.integers(0, max(len(seed) - 1, 0)))]
    if kind in ("splice", "huge line"):
        at = draw(st.integers(0, len(seed)))
        piece = draw(st.binary(min_size=1, max_size=64)) if kind == "splice" else b"a\xc3\xa9" * 100_000
        return seed[:at] + piece + seed[at:]
    if kind in ("json value", "offsets"):
        lines = seed.split(b"\n")
        try:
            whole = [orjson.loads(seed)]
            lines = []
        except orjson.JSONDecodeError:
            whole = []
        parsed = whole or [orjson.loads(line) for line in lines if line.strip() and _is_json(line)]
        if not parsed:
            return seed
        index = draw(st.integers(0, len(parsed) - 1))
        if kind == "offsets":
            parsed[index] = _shift_numbers(parsed[index], draw(st.integers(-1_000_000, 1_000_000)))
        else:
            path = draw(st.sampled_from(_paths(parsed[index])))
            parsed[index] = _replace(parsed[index], path, _hostile_value(draw))
        return b"\n".join(_dump(item) for item in parsed) + b"\n"
    return seed


def _is_json(line: bytes) -> bool:
    try:
        orjson.loads(line)
    except orjson.JSONDecodeError:
        return False
    return True


def _snapshot(store: Store) -> str:
    """Everything the database holds that an import could change, as one digest."""
    trusted = Store(store.url)
    try:
        records = trusted.export_records(layer="all", status="any", with_empty=True)
        digest = hashlib.sha256(repr([(r.document, r.layer) for r in records]).encode())
        digest.update(repr((trusted.annotators(), trusted.speakers(), trusted.targets())).encode())
        return digest.hexdigest()
    finally:
        trusted.close()


def _counts(store: Store) -> tuple[int, int, int]:
    figures = store.stats()
    return figures["documents"], sum(figures["layers"].values()), sum(figures["spans"].values())


def _import_or_refuse(store: Store, path: Path, fmt: str) -> str:
    """The property: a correct import, or an AnnotatorError in one line and the database as it was."""
    before, counts = _snapshot(store), _counts(store)
    try:
        report = store.import_records(read_file(path, fmt, store.schema), source=str(path))
    except AnnotatorError as error:
        assert "\n" not in str(error), str(error)
        assert _snapshot(store) == before, f"a refused {fmt} file left something behind: {error}"
        return "refused"
    assert _counts(store) == (counts[0] + report.documents, counts[1] + report.layers, counts[2] + report.spans)
    return "imported"


@pytest.mark.parametrize("fmt", sorted(readers()))
def test_every_reader_refuses_hostile_files_cleanly(fmt: str, tmp_path: Path) -> None:
    seeds = _seeds(fmt, tmp_path)
    extensions = readers()[fmt].extensions
    store = Store.open(tmp_path / "fuzz.db", user="lena")  # the project's lead: every layer may be imported
    tried = {"count": 0, "refused": 0, "imported": 0}

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    )
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        seed = data.draw(st.sampled_from(seeds)) if seeds else None
        content = data.draw(hostile(seed.read_bytes() if seed else b""))
        case = tmp_path / f"case-{tried['count']}"
        case.mkdir()
        tried["count"] += 1
        name = seed.name if seed else f"case{extensions[0]}"
        if seed is not None:  # companions a reader may look for beside the file (brat: .txt beside .ann)
            for sibling in seed.parent.glob(f"{seed.stem}.*"):
                if sibling != seed:
                    shutil.copy(sibling, case / sibling.name)
        path = case / name
        path.write_bytes(content)
        try:
            tried[_import_or_refuse(store, path, fmt)] += 1
        finally:
            shutil.rmtree(case)

    try:
        check()
    finally:
        store.close()
    outcomes = f"{tried['refused']} refused, {tried['imported']} imported"
    print(f"{fmt}: {tried['count']} files from {len(seeds)} examples: {outcomes}")
    assert tried["count"] >= min(EXAMPLES, 10)


def test_a_100_megabyte_file_is_imported_or_refused_whole(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    text = "The minister said the talks would go on. " * 2_500_000  # 100 MB on one line
    path.write_bytes(orjson.dumps({"doc_id": "huge", "text": text, "meta": {"title": "huge"}}) + b"\n")
    assert path.stat().st_size > 100_000_000
    with Store.open(tmp_path / "p.db") as store:
        outcome = _import_or_refuse(store, path, "native")
        print(f"a 100 MB native file: {outcome}")
        assert store.document_count() == (outcome == "imported")
        if store.document_count():
            assert store.document("huge").text == text


def test_html_in_an_article_is_kept_as_literal_text(tmp_path: Path) -> None:
    html = 'Tags <b>stay</b> &amp; <script>alert("x")</script>\n<p>as text</p> &lt;i&gt;'
    article = tmp_path / "html-article.txt"
    article.write_text("A <b>title</b>\n" + html, encoding="utf-8")
    with Store.open(tmp_path / "p.db") as store:
        store.import_records(read_file(article, "text", store.schema), source=str(article))
        document = store.document("html-article")
        assert document.text == "A <b>title</b>\n" + html
        assert document.title == "A <b>title</b>"
        out = io.BytesIO()
        write_native(store.export_records(layer="all", status="any", with_empty=True), out, store.schema)
    assert orjson.loads(out.getvalue())["text"] == "A <b>title</b>\n" + html
    exported = tmp_path / "exported.jsonl"
    exported.write_bytes(out.getvalue())
    with Store.open(tmp_path / "again.db") as again:
        again.import_records(read_file(exported, "native", again.schema), source=str(exported))
        out_again = io.BytesIO()
        write_native(again.export_records(layer="all", status="any", with_empty=True), out_again, again.schema)
    assert out_again.getvalue() == out.getvalue()
