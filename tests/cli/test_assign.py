"""`annotator assign` and `unassign` as a lead runs them: real processes, exit codes, what is stored afterwards."""

from __future__ import annotations

import json
from pathlib import Path

from test_cli import SEEDS, run


def _show(db: Path, who: str = "lena") -> dict:
    return json.loads(run("--db", str(db), "--annotator", who, "assign", "--show", "--json").stdout)


def _project(tmp_path: Path) -> Path:
    db = tmp_path / "p.db"
    run("--db", str(db), "--annotator", "lena", "import", str(SEEDS))
    for name in ("bea", "carl"):
        run("--db", str(db), "--annotator", "lena", "annotators", "add", name)
    return db


def test_a_lead_assigns_with_overlap_shows_it_and_an_annotator_sees_their_own(tmp_path: Path) -> None:
    db = _project(tmp_path)
    done = run("--db", str(db), "--annotator", "lena", "assign", "--annotators", "bea,carl", "--overlap", "0.4")
    assert "assigned 5 document(s), 7 assignment(s)" in done.stdout
    shown = _show(db)
    assert shown["mode"] == "first"
    assert sorted(len(names) for names in shown["documents"].values()) == [1, 1, 1, 2, 2]
    assert {name: figures["documents"] for name, figures in shown["annotators"].items()}.keys() == {"bea", "carl"}
    mine = _show(db, "bea")
    assert set(mine["annotators"]) == {"bea"}
    assert all(names == ["bea"] for names in mine["documents"].values())
    # The same command again: everything is assigned already, nothing changes.
    again = run("--db", str(db), "--annotator", "lena", "assign", "--annotators", "bea,carl", "--overlap", "0.4")
    assert "assigned 0 document(s)" in again.stdout and _show(db) == shown


def test_bad_names_and_annotators_are_refused_in_one_line_and_nothing_is_stored(tmp_path: Path) -> None:
    db = _project(tmp_path)
    cases = [
        ("lena", ["--annotators", "bea,bob", "--per-document", "1"], "error: no annotator 'bob' in the project"),
        ("lena", ["--annotators", "bea", "--per-document", "2"], "--per-document 2 needs at least 2 annotators"),
        ("lena", ["--annotators", "bea", "--per-document", "1", "--documents", "nope"], "no document 'nope'"),
        ("bea", ["--annotators", "bea", "--per-document", "1"], "only a lead may assign documents"),
        ("bea", ["--mode", "only"], "only a lead may set the project's assignment mode"),
    ]
    for who, args, message in cases:
        refused = run("--db", str(db), "--annotator", who, "assign", *args, ok=False)
        assert refused.returncode == 1 and message in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1 and "Traceback" not in refused.stderr
    assert _show(db) == {"mode": "all", "annotators": {}, "documents": {}}


def test_documents_from_a_file_the_mode_and_unassign(tmp_path: Path) -> None:
    db = _project(tmp_path)
    listed = tmp_path / "ids.txt"
    listed.write_text(
        "# the first two\n01-azerbaijan-islamic-solidarity\n\n02-islamic-solidarity-foreign-policy-priority\n"
    )
    lead = ("--db", str(db), "--annotator", "lena")
    run(*lead, "assign", "--annotators", "bea,carl", "--per-document", "2", "--documents-file", str(listed))
    run(*lead, "assign", "--mode", "only")
    shown = _show(db)
    assert shown["mode"] == "only" and len(shown["documents"]) == 2
    assert run(*lead, "unassign", "--annotators", "carl").stdout.strip() == "removed 2 assignment(s)"
    assert all(names == ["bea"] for names in _show(db)["documents"].values())
    assert run(*lead, "unassign", ok=False).returncode == 2  # removing everything takes --all
    assert run(*lead, "unassign", "--all").stdout.strip() == "removed 2 assignment(s)"
    missing = run(*lead, "assign", "--annotators", "bea", "--per-document", "1", "--documents-file", "no.txt", ok=False)
    assert missing.returncode == 1 and "no.txt: cannot read the documents file" in missing.stderr
