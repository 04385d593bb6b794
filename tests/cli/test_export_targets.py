"""Where an export may write: never over a database (the open project, another project, their logs), and over
another existing file only when asked (``--force``; the export dialog asks before it replaces a file)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import annotator.cli as cli_module
from annotator.errors import DataError
from annotator.formats.targets import check_target
from db.store import Store


def _cli(*args: str) -> Result:
    return CliRunner().invoke(cli_module.cli, list(args))


def _project(tmp_path: Path) -> Path:
    db = tmp_path / "p.db"
    article = tmp_path / "article.txt"
    article.write_text("The minister said the talks would go on.\n", encoding="utf-8")
    assert _cli("--db", str(db), "import", str(article)).exit_code == 0
    return db


def _documents(db: Path) -> int:
    with Store.open(db, user="lena") as store:
        return store.document_count()


def test_an_export_over_the_open_project_is_refused_and_the_project_kept(tmp_path: Path) -> None:
    db = _project(tmp_path)
    for extra in ((), ("--force",)):
        result = _cli("--db", str(db), "export", "--status", "any", "--out", str(db), *extra)
        assert result.exit_code == 1
        assert result.stderr.strip() == (
            f"error: {db} is a SQLite database (a project, or its log), which an export never replaces; "
            "name another file"
        )
    assert _documents(db) == 1


def test_an_export_over_a_new_project_named_by_both_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.db"  # not there yet: opening it makes it, then the export would replace it
    result = _cli("--db", str(db), "export", "--out", str(db))
    assert result.exit_code == 1 and "is a SQLite database" in result.stderr
    assert sqlite3.connect(db).execute("SELECT count(*) FROM documents").fetchone() == (0,)


def test_an_export_over_another_project_or_a_log_beside_one_is_refused(tmp_path: Path) -> None:
    db, other = _project(tmp_path), tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    for target in (other, tmp_path / "p.db-wal", tmp_path / "p.db-shm", tmp_path / "p.db-journal"):
        result = _cli("--db", str(db), "export", "--force", "--out", str(target))
        assert result.exit_code == 1 and str(target) in result.stderr and result.stderr.count("\n") == 1
    assert sqlite3.connect(other).execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]


def test_an_existing_file_is_replaced_only_with_force(tmp_path: Path) -> None:
    db, out = _project(tmp_path), tmp_path / "out.jsonl"
    out.write_text("keep me\n", encoding="utf-8")
    refused = _cli("--db", str(db), "export", "--status", "any", "--out", str(out))
    assert refused.exit_code == 1
    assert refused.stderr.strip() == f"error: {out} already exists; add --force to replace it"
    assert out.read_text(encoding="utf-8") == "keep me\n"
    forced = _cli("--db", str(db), "export", "--status", "any", "--out", str(out), "--force")
    assert forced.exit_code == 0, forced.output
    assert '"doc_id":"article"' in out.read_text(encoding="utf-8")


def test_a_sidecar_is_not_replaced_without_force(tmp_path: Path) -> None:
    db, out = _project(tmp_path), tmp_path / "ls.json"
    config = tmp_path / "ls.config.xml"
    config.write_text("<mine/>", encoding="utf-8")
    result = _cli("--db", str(db), "export", "--format", "labelstudio", "--out", str(out))
    assert result.exit_code == 1 and str(config) in result.stderr
    assert config.read_text(encoding="utf-8") == "<mine/>" and not out.exists()


def test_check_target_protects_a_database_whatever_is_asked(tmp_path: Path) -> None:
    db = _project(tmp_path)
    with pytest.raises(DataError, match="SQLite database"):
        check_target(db, overwrite=True)
    check_target(tmp_path / "new.jsonl", overwrite=False)  # nothing there: nothing to protect
