"""`annotator import` of several files (every file tried, each whole or refused) and the modes of exported files."""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import orjson
import pytest

from command_line import run_annotator


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_annotator(*args, ok=False)


def jsonl(path: Path, records: list[dict]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(record) + b"\n" for record in records))
    return path


def test_every_file_is_tried_and_a_refused_one_gives_exit_1_after_all(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    first = jsonl(tmp_path / "1.jsonl", [{"doc_id": "one", "text": "One."}])
    broken = tmp_path / "2.jsonl"
    broken.write_text('{"doc_id": "two", "text": "Two."}\n{"doc_id": "x", "text": \n', encoding="utf-8")
    last = jsonl(tmp_path / "3.jsonl", [{"doc_id": "three", "text": "Three."}])
    result = run("--db", str(db), "import", str(first), str(broken), str(last))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"error: {broken}:2:25: not valid JSON (unexpected end of data); each line must be one JSON object; "
        "nothing was imported from this file"
    ]
    assert result.stdout.strip().splitlines()[1:] == [
        "imported 2 document(s), 0 layer(s), 0 span(s), 0 relation(s) from 2 file(s); refused 1 file(s)",
        f"imported {first}: 1 document(s), 0 layer(s), 0 span(s), 0 relation(s)",
        f"refused {broken}:2:25: not valid JSON (unexpected end of data); each line must be one JSON object; "
        "nothing was imported from this file",
        f"imported {last}: 1 document(s), 0 layer(s), 0 span(s), 0 relation(s)",
    ]
    exported = run("--db", str(db), "export", "--status", "any", "--layer", "all")
    assert [orjson.loads(line)["doc_id"] for line in exported.stdout.splitlines()] == ["one", "three"]
    # The good files alone: exit 0, and everything already stored.
    again = run("--db", str(db), "import", str(first), str(last))
    assert again.returncode == 0, again.stderr


@contextmanager
def umask(mask: int) -> Iterator[None]:
    before = os.umask(mask)
    try:
        yield
    finally:
        os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077])
def test_exported_files_and_folders_get_the_mode_the_umask_gives(tmp_path: Path, mask: int) -> None:
    db = tmp_path / "p.db"
    run("--db", str(db), "import", str(jsonl(tmp_path / "in.jsonl", [{"doc_id": "one", "text": "One."}])))
    with umask(mask):  # the command inherits it, as from a shell
        native = run("--db", str(db), "export", "--status", "any", "--layer", "all", "--out", str(tmp_path / "o.jsonl"))
        studio = tmp_path / "ls.json"
        label_studio = run("--db", str(db), "export", "--format", "labelstudio", "--out", str(studio))
        brat = run("--db", str(db), "export", "--format", "brat", "--status", "any", "--out", str(tmp_path / "b"))
    for result in (native, label_studio, brat):
        assert result.returncode == 0, result.stderr
    for path in (tmp_path / "o.jsonl", studio, tmp_path / "ls.config.xml", tmp_path / "b" / "annotation.conf"):
        assert mode(path) == 0o666 & ~mask, path
    assert mode(tmp_path / "b") == 0o777 & ~mask
