"""A project this program may not write to is found when it is opened: it is read and exported, and every command
that writes says why it cannot, and what to do, in one line (exit 1), with the project unchanged. A full disk is
said the same way.

Root writes whatever the permissions say, so where the tests run as root, a read-only mount stands for them: a
bind mount made read-only in a mount namespace of the command alone (``unshare -m``), which refuses root too.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, text

from annotator.errors import ReadOnlyProject, StoreError
from annotator.formats import read_file
from db.store import Store

REPO = Path(__file__).resolve().parents[2]
WRITES = [
    ("import", "{article}"),
    ("annotators", "add", "bo"),
    ("schema", "set", str(REPO / "seeds" / "schema.toml")),
]


def _project(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "p.db"
    article = folder.parent / "article.txt"
    article.write_text("The minister said the talks would go on.\n", encoding="utf-8")
    with Store.open(db, user="lena") as store:
        store.import_records(read_file(article, "text", store.schema), source=str(article))
    for companion in (folder / "p.db-wal", folder / "p.db-shm"):
        companion.unlink(missing_ok=True)
    return db


def _digest(db: Path) -> str:
    return hashlib.sha256(db.read_bytes()).hexdigest()


def _can_mount() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, timeout=30)
    return probe.returncode == 0


def _annotator(db: Path, *args: str, read_only_mount: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``annotator --db DB ARGS``; with ``read_only_mount``, that file or folder is mounted read-only for it."""
    command = [sys.executable, "-m", "annotator", "--db", str(db), "--annotator", "lena", *args]
    if read_only_mount is not None:
        where = str(read_only_mount)
        script = 'mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" && shift && exec "$@"'
        command = ["unshare", "-m", "sh", "-c", script, "sh", where, *command]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def _long_documents(path: Path, count: int) -> Path:
    """``path``: a native file of ``count`` documents of about 82 kB each, without layers."""
    text_ = "The minister said the talks would go on. " * 2_000
    path.write_text(
        "".join(json.dumps({"doc_id": f"d{i}", "text": f"{i} {text_}"}) + "\n" for i in range(count)), encoding="utf-8"
    )
    return path


def _check_refusals(db: Path, said: str, **mount: Path) -> None:
    before = _digest(db)
    article = db.parent.parent / "article.txt"
    stats = _annotator(db, "stats", "--json", **mount)
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["documents"] == 1
    exported = _annotator(db, "export", "--status", "any", **mount)
    assert exported.returncode == 0 and '"doc_id":"article"' in exported.stdout
    for args in WRITES:
        result = _annotator(db, *(a.format(article=article) for a in args), **mount)
        assert result.returncode == 1, (args, result.stderr)
        assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"error: {db} is read-only"), result.stderr
        assert said in result.stderr and "you can read and export; to annotate," in result.stderr
    assert _digest(db) == before


@pytest.mark.skipif(not _can_mount(), reason="needs root and unshare -m to mount a folder read-only for a command")
def test_a_project_in_a_read_only_folder_is_read_and_refuses_writes(tmp_path: Path) -> None:
    db = _project(tmp_path / "project")
    _check_refusals(db, "read-only file system", read_only_mount=db.parent)
    new = _annotator(db.parent / "new.db", "stats", read_only_mount=db.parent)
    assert new.returncode == 1
    assert new.stderr == f"error: cannot create {db.parent / 'new.db'}: the folder {db.parent} is read-only; " + (
        f"choose another place with --db, or make it writable: chmod u+w {db.parent}\n"
    )


@pytest.mark.skipif(not _can_mount(), reason="needs root and unshare -m to mount a file read-only for a command")
def test_a_read_only_project_file_is_read_and_refuses_writes(tmp_path: Path) -> None:
    db = _project(tmp_path / "project")
    _check_refusals(db, "(a read-only mount)", read_only_mount=db)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes a file whatever its permissions: the mounts test it")
def test_file_and_folder_permissions_are_found_at_open(tmp_path: Path) -> None:
    db = _project(tmp_path / "project")
    db.chmod(0o444)
    try:
        _check_refusals(
            db, f"(file permissions): you can read and export; to annotate, make it writable: chmod u+w {db}"
        )
    finally:
        db.chmod(0o644)
    db.parent.chmod(0o555)
    try:
        _check_refusals(db, f"the folder {db.parent} is not writable")
    finally:
        db.parent.chmod(0o755)


def test_read_only_on_purpose_refuses_every_write_in_one_line(tmp_path: Path) -> None:
    db = _project(tmp_path / "project")
    before = _digest(db)
    with Store.open(db, user="lena", read_only=True) as store:
        assert store.read_only is not None and store.document_count() == 1
        for write in (lambda: store.add_target("peace"), lambda: store.set_status("article", "lena", "done")):
            with pytest.raises(ReadOnlyProject) as refused:
                write()
            assert str(refused.value) == (
                f"{db} is opened read-only (--read-only): you can read and export; "
                "to annotate, open it without --read-only"
            )
    result = _annotator(db, "--read-only", "annotators", "add", "bo")
    assert result.returncode == 1 and "opened read-only (--read-only)" in result.stderr
    assert _digest(db) == before


def test_a_full_disk_is_said_in_one_line_and_nothing_is_stored(tmp_path: Path) -> None:
    db = _project(tmp_path / "project")
    records = _long_documents(tmp_path / "big.jsonl", 200)
    store = Store.open(db, user="lena")
    try:
        store.engine.dispose()
        pages = int(create_engine(f"sqlite:///{db}").connect().execute(text("PRAGMA page_count")).scalar() or 0)

        @event.listens_for(store.engine, "connect")
        def _small_disk(connection, _record) -> None:  # type: ignore[no-untyped-def]
            connection.execute(f"PRAGMA max_page_count={pages + 20}")  # a disk with 80 kB left

        with pytest.raises(StoreError) as full:
            store.import_records(read_file(records, "native", store.schema), source=str(records))
        assert str(full.value) == (
            "the disk holding the project is full: nothing of this was stored; free some space and try again"
        )
        assert store.document_count() == 1
    finally:
        store.close()


@pytest.mark.skipif(not _can_mount(), reason="needs root and unshare -m to mount a small file system for a command")
def test_a_full_disk_on_the_command_line_is_one_line_and_exit_1(tmp_path: Path) -> None:
    db = _project(tmp_path / "project")
    records = _long_documents(tmp_path / "big.jsonl", 100)
    folder = db.parent
    size = db.stat().st_size + 300_000
    mount_small = 'mount -t tmpfs -o size=$2 tmpfs "$1"'
    script = f'cp "$1/p.db" "$1.copy" && {mount_small} && cp "$1.copy" "$1/p.db" && shift 2 && exec "$@"'
    command = [sys.executable, "-m", "annotator", "--db", str(db), "import", str(records)]
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", script, "sh", str(folder), str(size), *command],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr == (
        "error: the disk holding the project is full: nothing of this was stored; free some space and try again\n"
    )


def test_a_login_that_may_only_read_opens_the_project_read_only(postgres_server: str) -> None:
    import uuid

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
        connection.execute(text("DO $$ BEGIN CREATE ROLE viewer LOGIN; EXCEPTION WHEN duplicate_object THEN END $$"))
    admin.dispose()
    url = postgres_server.replace("/postgres?", f"/{name}?")
    with Store.open(url) as owner:
        owner.add_target("peace")
        owner.engine.dispose()
    grants = create_engine(url, isolation_level="AUTOCOMMIT")
    with grants.connect() as connection:
        connection.execute(text("GRANT SELECT ON ALL TABLES IN SCHEMA public TO viewer"))
    grants.dispose()
    viewer_url = url.replace("postgresql+psycopg://postgres@", "postgresql+psycopg://viewer@")
    with Store.open(viewer_url) as viewer:
        assert viewer.read_only is not None
        assert viewer.targets() == sorted(viewer.targets()) and "peace" in viewer.targets()
        with pytest.raises(ReadOnlyProject) as refused:
            viewer.add_target("war")
    assert "is read-only for viewer (database privileges: no INSERT on spans)" in str(refused.value)
    assert "you can read and export; to annotate, ask the database's owner" in str(refused.value)


def test_a_project_that_becomes_read_only_after_it_was_opened_is_said_in_one_line(tmp_path: Path) -> None:
    db = _project(tmp_path / "project")
    store = Store.open(db, user="lena")
    try:
        store.engine.dispose()

        @event.listens_for(store.engine, "connect")
        def _now_read_only(connection, _record) -> None:  # type: ignore[no-untyped-def]
            connection.execute("PRAGMA query_only=ON")  # SQLite's own "attempt to write a readonly database"

        with pytest.raises(ReadOnlyProject) as refused:
            store.add_target("peace")
        assert str(refused.value) == (
            "the project became read-only: nothing of this was stored; make its file and folder writable "
            "(chmod u+w) and open it again"
        )
    finally:
        store.close()
    with Store.open(db) as again:
        assert "peace" not in again.targets()
