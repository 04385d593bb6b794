"""A hurried Store (the window's, ``Store.hurry``) waits only a moment for a lock another program holds, then says
``Busy`` with nothing stored; once the lock goes, the same write goes through. On SQLite the lock is the database's
write lock; on PostgreSQL a row lock on the layer (``lock_timeout``)."""

from __future__ import annotations

import sqlite3
import time

import pytest
from sqlalchemy import create_engine, text

import db.engine
from annotator.errors import Busy
from annotator.model import Document, LayerRecord
from db.engine import database_url
from db.store import Store


def test_a_hurried_write_says_busy_at_once_and_stores_nothing(database: str) -> None:
    with Store.open(database) as setup:
        setup.add_annotator("lena")  # the lead: bea is an annotator
        setup.add_annotator("bea")
        setup.import_records([(1, LayerRecord(Document("d1", "The minister said so."), None))], source="d.jsonl")
        setup.add_span("d1", "bea", 0, 3, "CLAIM")  # bea's layer exists: its row is what an edit locks
    url = database_url(database)
    with Store.open(database, user="bea") as store:
        store.hurry(50)
        if url.startswith("sqlite"):
            holder = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
            holder.execute("BEGIN EXCLUSIVE")
            release = lambda: holder.execute("ROLLBACK")  # noqa: E731
        else:
            engine = create_engine(url)
            connection = engine.connect()
            connection.execute(text("SELECT id FROM layers FOR UPDATE"))  # another program holds the layer's row
            release = connection.rollback
        try:
            began = time.perf_counter()
            try:
                store.add_span("d1", "bea", 4, 12, "SPEAKER")
            except Busy as busy:
                assert "busy" in str(busy) and "nothing was stored" in str(busy)
            else:
                raise AssertionError("the write did not wait for the lock")
            waited = time.perf_counter() - began
        finally:
            release()
        assert waited < 5, f"waited {waited:.1f} s, not a moment"  # 30 s without hurry
        layer = store.layer("d1", "bea")
        assert layer is not None and [s.label for s in layer.spans] == ["CLAIM"]
        store.add_span("d1", "bea", 4, 12, "SPEAKER")  # free again: at once
        layer = store.layer("d1", "bea")
        assert layer is not None and sorted(s.label for s in layer.spans) == ["CLAIM", "SPEAKER"]


def test_opening_that_must_write_says_busy_and_names_the_project(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "p.db"
    Store.open(path, user="lena").close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with Store.open(path, user="lena") as lena:  # registered: opening only reads, and waits for no one
            assert lena.document_count() == 0
        monkeypatch.setattr(db.engine, "BUSY_TIMEOUT_MS", 200)  # rather than 30 s
        with pytest.raises(Busy) as busy:
            Store.open(path, user="carl")  # a new name: registering him is a write, which waits for the lock
        assert str(busy.value).startswith(f"cannot open {path}: the project is busy")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Store.open(path) as store:
        assert store.annotator("carl") is None
