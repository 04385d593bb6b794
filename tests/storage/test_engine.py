"""Database URLs, and the consistent copy a SQLite file gets before it is migrated."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import alembic.command
import pytest

from annotator.errors import StoreError
from db import migrate
from db.engine import database_url, sqlite_path
from db.store import Store


def test_paths_and_urls_become_sqlalchemy_urls(tmp_path: Path) -> None:
    assert database_url(tmp_path / "p.db") == f"sqlite:///{tmp_path / 'p.db'}"
    assert database_url("sqlite:///relative.db") == "sqlite:///relative.db"
    assert database_url("postgresql://ann:secret@db.example/project") == (
        "postgresql+psycopg://ann:secret@db.example/project"
    )
    assert sqlite_path(database_url(tmp_path / "p.db")) == tmp_path / "p.db"
    assert sqlite_path("postgresql+psycopg://h/p") is None
    assert sqlite_path("sqlite://") is None
    with pytest.raises(StoreError, match="'mysql' databases are not supported"):
        database_url("mysql://h/p")


def test_the_backup_before_a_migration_holds_what_the_wal_held(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    with Store.open(path) as store:
        store.add_annotator("bea")  # committed to the WAL; the main file may not have it yet
        backup = tmp_path / "copy.bak"
        migrate._copy_sqlite(store.engine, backup)
    with sqlite3.connect(backup) as connection:
        assert connection.execute("SELECT name FROM annotators").fetchall() == [("bea",)]
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_an_older_database_is_backed_up_then_upgraded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.db"
    with Store.open(path) as store:
        store.add_annotator("bea")
    # Pretend the file was made at an earlier revision, which this program still knows.
    monkeypatch.setattr(migrate, "check_revision", lambda engine, url: "0000-older")
    calls = []
    monkeypatch.setattr(alembic.command, "upgrade", lambda config, target: calls.append(target))
    with Store.open(path):
        pass
    backups = list(tmp_path.glob("p.db.before-*.bak"))
    assert [b.name for b in backups] == [f"p.db.before-{migrate.head_revision()}.bak"]
    assert calls == ["head"]
    with sqlite3.connect(backups[0]) as connection:
        assert connection.execute("SELECT name FROM annotators").fetchall() == [("bea",)]


def test_opening_without_upgrade_refuses_a_database_that_needs_one(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()
    with pytest.raises(StoreError, match="needs an upgrade: run `annotator db upgrade`"):
        Store(database_url(path), upgrade=False)
    Store.open(path).close()
    with Store(database_url(path), upgrade=False) as store:
        assert store.document_count() == 0


def test_the_head_constant_is_the_newest_migration() -> None:
    assert migrate.script_head() == migrate.HEAD


def test_an_up_to_date_database_opens_without_loading_alembic(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    Store.open(path).close()  # created and migrated: Alembic runs
    probe = (
        "import sys; from db.store import Store; Store.open(sys.argv[1]).close(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako', 'pygments')))"
    )
    shown = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "[]"
