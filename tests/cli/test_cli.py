"""The `annotator` command as a person runs it: real processes, real exit codes, what is stored afterwards."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from command_line import run_annotator as run
from samples import tricky_record

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"


def stats(db: Path) -> dict:
    return json.loads(run("--db", str(db), "stats", "--json").stdout)


def snapshot(db: Path) -> tuple[dict, str]:
    """Everything a person could see of a database: its figures and a full export."""
    return stats(db), run("--db", str(db), "export", "--layer", "all", "--status", "any").stdout


def test_importing_the_seeds_twice_gives_five_documents(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    first = run("--db", str(db), "import", str(SEEDS))
    assert "imported 5 document(s)" in first.stdout
    assert stats(db)["documents"] == 5
    again = run("--db", str(db), "import", str(SEEDS))
    assert "already stored: 5 document(s)" in again.stdout
    figures = stats(db)
    assert figures["documents"] == 5
    assert isinstance(figures["documents"], int)


def test_the_default_database_is_created_and_filled_with_the_seeds_on_first_use(tmp_path: Path) -> None:
    data = tmp_path / "data"
    figures = json.loads(run("stats", "--json", env={"XDG_DATA_HOME": str(data)}).stdout)
    assert figures["documents"] == 5
    assert (data / "annotator" / "annotator.db").is_file()
    # ANNOTATOR_DB names another database: it is created empty.
    other = tmp_path / "team.db"
    figures = json.loads(run("stats", "--json", env={"XDG_DATA_HOME": str(data), "ANNOTATOR_DB": str(other)}).stdout)
    assert figures["documents"] == 0
    assert other.is_file()


def test_seed_documents_have_readable_ids_and_titles(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    run("--db", str(db), "import", str(SEEDS))
    lines = [orjson.loads(line) for line in run("--db", str(db), "export", "--status", "any").stdout.split("\n")[:-1]]
    assert [line["doc_id"] for line in lines] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert lines[0]["meta"]["title"] == "Azerbaijan has always worked diligently for the sake of Islamic solidarity"
    assert lines[0]["annotator"] is None and lines[0]["spans"] == []


def _assert_refused(db: Path, path: Path, *expected: str) -> None:
    before = snapshot(db)
    result = run("--db", str(db), "import", str(path), ok=False)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for piece in expected:
        assert piece in lines[0]
    assert snapshot(db) == before


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    db = tmp_path / "x.db"
    run("--db", str(db), "import", str(SEEDS))
    return db


def test_a_text_file_that_is_not_utf8_is_refused(seeded: Path, tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Title\nJosé said: «non».\n".encode("latin-1"))
    _assert_refused(seeded, path, f"{path}:2:", "not valid UTF-8 at byte 9", "UTF-8")


def test_a_jsonl_line_that_is_not_json_is_refused(seeded: Path, tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    good = orjson.dumps(tricky_record()).decode()
    path.write_text(good + "\n" + '{"doc_id": "x", "text": \n', encoding="utf-8")
    _assert_refused(seeded, path, f"{path}:2:", "not valid JSON", "nothing was imported from this file")


def test_a_span_outside_its_text_is_refused(seeded: Path, tmp_path: Path) -> None:
    record = tricky_record()
    record["spans"][1]["end"] = 10_000
    record["spans"][1].pop("text")
    path = tmp_path / "outside.jsonl"
    path.write_bytes(b"\n" + orjson.dumps(record) + b"\n")
    _assert_refused(seeded, path, f"{path}:2:", "span s2 [", "10000)", "offsets outside the text")


def test_a_span_whose_text_differs_from_the_document_is_refused(seeded: Path, tmp_path: Path) -> None:
    record = tricky_record()
    record["spans"][2]["text"] = "something else"
    path = tmp_path / "differs.jsonl"
    path.write_bytes(orjson.dumps(tricky_record(doc_id="fine")) + b"\n" + orjson.dumps(record) + b"\n")
    _assert_refused(seeded, path, f"{path}:2:", "span s3", "differs from the document's", "fix the offsets")


def test_native_jsonl_with_tricky_text_survives_import_export_reimport_export(tmp_path: Path) -> None:
    source = tmp_path / "tricky.jsonl"
    gold = tricky_record("gold")
    for item in gold["spans"]:
        item["sources"] = ["ann_01", "ann_02"]
    records = [tricky_record(), tricky_record("ann_02", status="in_progress"), gold]
    source.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    run("--db", str(tmp_path / "a.db"), "import", str(source))
    run("--db", str(tmp_path / "a.db"), "export", "--layer", "all", "--status", "any", "--out", str(first))
    run("--db", str(tmp_path / "b.db"), "import", str(first))
    run("--db", str(tmp_path / "b.db"), "export", "--layer", "all", "--status", "any", "--out", str(second))
    assert first.read_bytes() == second.read_bytes()
    lines = [orjson.loads(line) for line in first.read_bytes().split(b"\n")[:-1]]
    assert [line["annotator"] for line in lines] == ["gold", "ann_01", "ann_02"]
    for line in lines:
        assert line["offset_unit"] == "codepoint"
        assert "\r" not in line["text"]
        for item in line["spans"]:
            assert line["text"][item["start"] : item["end"]] == item["text"]
            assert list(item)[5:] == ["speaker", "stance", "target", "quote_type", "sources"]
    assert lines[0]["spans"][0]["sources"] == ["ann_01", "ann_02"]


def test_export_defaults_to_done_layers_and_goes_to_stdout(tmp_path: Path) -> None:
    source = tmp_path / "two.jsonl"
    source.write_bytes(orjson.dumps(tricky_record()) + b"\n" + orjson.dumps(tricky_record("b", status="todo")) + b"\n")
    db = str(tmp_path / "x.db")
    run("--db", db, "import", str(source))
    assert [orjson.loads(x)["annotator"] for x in run("--db", db, "export").stdout.split("\n")[:-1]] == ["ann_01"]
    assert len(run("--db", db, "export", "--layer", "b", "--status", "any").stdout.split("\n")[:-1]) == 1
    missing = run("--db", db, "export", "--layer", "zoe", ok=False)
    assert missing.returncode == 1 and "no annotator 'zoe'" in missing.stderr


def test_annotators_add_and_list(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    run("--db", db, "annotators", "add", "lena", "--role", "lead")
    run("--db", db, "annotators", "add", "bea")
    listing = run("--db", db, "annotators", "list").stdout
    assert "lena" in listing and "lead" in listing and "bea" in listing
    assert stats(Path(db))["annotators"]["lena"]["role"] == "lead"


def test_usage_errors_exit_2_and_db_upgrade_reports_the_revision(tmp_path: Path) -> None:
    assert run("--db", str(tmp_path / "x.db"), "export", "--status", "sometimes", ok=False).returncode == 2
    assert run("frobnicate", ok=False).returncode == 2
    upgraded = run("--db", str(tmp_path / "x.db"), "db", "upgrade")
    versions = Path(__file__).resolve().parents[2] / "db" / "migrations" / "versions"
    head = max(path.name[:4] for path in versions.glob("[0-9][0-9][0-9][0-9]_*.py"))
    assert f"is at schema {head}" in upgraded.stdout


def test_an_unopenable_database_is_one_line_and_exit_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_text("not a database" * 100)
    result = run("--db", str(bad), "stats", ok=False)
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: cannot open {bad}: file is not a database"


def test_an_unexpected_error_is_logged_with_its_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    import annotator.cli as cli_module

    def explode(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(cli_module.Store, "stats", explode)
    result = CliRunner().invoke(cli_module.cli, ["--db", str(tmp_path / "x.db"), "stats"])
    assert result.exit_code == 3
    log = cli_module.log_file()
    assert f"the details are in {log}" in result.stderr
    assert "Traceback" not in result.stderr
    logged = log.read_text(encoding="utf-8")
    assert "RuntimeError: disk on fire" in logged and "Traceback" in logged


def test_a_schema_file_can_replace_the_default(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    shown = run("--db", db, "schema", "show").stdout
    assert 'name = "ATTRIBUTED_TO"' in shown
    custom = tmp_path / "custom.toml"
    custom.write_text(shown.replace('hotkey = "v"', 'hotkey = "c"'), encoding="utf-8")
    refused = run("--db", db, "schema", "set", str(custom), ok=False)
    assert refused.returncode == 1
    assert refused.stderr.strip().startswith(f"error: {custom}: duplicate hotkey 'c'")
    custom.write_text(shown.replace('hotkey = "v"', 'hotkey = "q"'), encoding="utf-8")
    run("--db", db, "schema", "set", str(custom))
    assert 'hotkey = "q"' in run("--db", db, "schema", "show").stdout


def test_a_reader_that_stops_early_gets_no_error(tmp_path: Path) -> None:
    db, source = tmp_path / "x.db", tmp_path / "many.jsonl"
    # 2 MB of export: far more than a pipe holds, so the writer is still writing when the reader goes away.
    source.write_bytes(b"".join(orjson.dumps(tricky_record(doc_id=f"d{i}")) + b"\n" for i in range(2000)))
    run("--db", str(db), "import", str(source))
    process = subprocess.Popen(
        [sys.executable, "-m", "annotator", "--db", str(db), "export", "--status", "any"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout.read(20).startswith(b'{"doc_id":')
    process.stdout.close()  # as `| head -c 20` does
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 141
    assert stderr == ""
