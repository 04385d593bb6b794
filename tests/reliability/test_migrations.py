"""A database made by the first release, with data in it, opens in this one: upgraded to the newest schema,
nothing lost; a SQLite file is copied aside first; a database from a newer release is refused, untouched."""

from __future__ import annotations

import json

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from annotator.errors import StoreError
from annotator.model import Role, Status, text_sha256
from annotator.schema import default_schema_text
from db import migrate
from db.engine import database_url, sqlite_path
from db.models import Base
from db.store import Store

FIRST = "0001"
TEXT = "The minister said the talks would go on. <b>Critics</b> disagreed."


def _made_by_the_first_release(url: str) -> None:
    """Tables at revision 0001, filled with plain SQL as that release wrote them (not with today's Store)."""
    engine = create_engine(url)
    config = migrate._config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, FIRST)
        now = "2026-01-01 00:00:00+00:00"
        rows = [
            ("INSERT INTO settings (key, value) VALUES ('schema', :v)", {"v": default_schema_text()}),
            ("INSERT INTO annotators (id, name, role, created_at) VALUES (1, 'lena', 'lead', :t)", {"t": now}),
            ("INSERT INTO annotators (id, name, role, created_at) VALUES (2, 'bea', 'annotator', :t)", {"t": now}),
            (
                "INSERT INTO documents (id, doc_id, title, text, text_sha256, meta, imported_at) "
                "VALUES (1, 'old-1', 'Talks', :text, :sha, :meta, :t)",
                {"text": TEXT, "sha": text_sha256(TEXT), "meta": json.dumps({"source": "x"}), "t": now},
            ),
            (
                "INSERT INTO layers (id, document_id, annotator_id, gold, status, time_spent_ms, version, updated_at) "
                "VALUES (1, 1, 2, false, 'done', 900, 3, :t)",
                {"t": now},
            ),
            (
                'INSERT INTO spans (id, layer_id, key, start, "end", label, attrs, sources) VALUES '
                "(1, 1, 's1', 4, 12, 'SPEAKER', :a1, '[]'), (2, 1, 's2', 21, 39, 'CLAIM', :a2, '[]')",
                {"a1": json.dumps({"speaker": "the minister"}), "a2": json.dumps({"stance": "FAVOR"})},
            ),
            (
                "INSERT INTO relations (id, layer_id, key, head_id, child_id, label) "
                "VALUES (1, 1, 'r1', 2, 1, 'ATTRIBUTED_TO')",
                {},
            ),
        ]
        for statement, values in rows:
            connection.execute(text(statement), values)
    engine.dispose()


def test_a_populated_first_release_database_upgrades_to_head_without_loss(database: str) -> None:
    url = database_url(database)
    _made_by_the_first_release(url)
    path = sqlite_path(url)
    with Store.open(database, user="lena") as store:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        with store.engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
        assert store.user is not None and store.user.role is Role.LEAD
        assert store.annotator("bea").role is Role.ANNOTATOR
        document = store.document("old-1")
        assert (document.text, document.title, document.meta) == (TEXT, "Talks", {"source": "x"})
        layer = store.layer("old-1", "bea")
        assert (layer.status, layer.time_spent_ms) == (Status.DONE, 900)
        assert [(s.key, s.start, s.end, s.label, s.attrs) for s in layer.spans] == [
            ("s1", 4, 12, "SPEAKER", {"speaker": "the minister"}),
            ("s2", 21, 39, "CLAIM", {"stance": "FAVOR"}),
        ]
        assert [(r.key, r.head, r.child, r.label) for r in layer.relations] == [("r1", "s2", "s1", "ATTRIBUTED_TO")]
        store.add_span("old-1", "bea", 41, 48, "SPEAKER")  # and it takes new edits
    if path is not None:
        backups = sorted(path.parent.glob(f"{path.name}.before-*.bak"))
        # The copy is made when there is something to migrate: from the second revision on.
        assert [b.name for b in backups] == (
            [] if migrate.head_revision() == FIRST else [f"{path.name}.before-{migrate.head_revision()}.bak"]
        )


def test_a_database_newer_than_the_program_is_refused_and_left_as_it_is(database: str) -> None:
    Store.open(database).close()
    engine = create_engine(database_url(database))
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match=r"made by a newer version of annotator \(schema 9999.*upgrade annotator"):
        Store.open(database, user="lena")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999"
        assert connection.execute(text("SELECT count(*) FROM annotators")).scalar() == 0
    engine.dispose()


def test_spans_of_a_first_release_database_have_no_rule_after_the_upgrade(database: str) -> None:
    """Revision 0002 added ``spans.rule`` (the proposal a span was accepted from): the spans made before it were all
    made by hand, and read back so; new spans may carry one."""
    url = database_url(database)
    _made_by_the_first_release(url)
    with Store.open(database, user="lena") as store:
        assert [(s.key, s.rule) for s in store.layer("old-1", "bea").spans] == [("s1", None), ("s2", None)]
        with store.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM spans WHERE rule IS NULL")).scalar() == 2
        store.add_span("old-1", "bea", 41, 48, "SPEAKER", rule="source: a name")
        assert [s.rule for s in store.layer("old-1", "bea").spans] == [None, None, "source: a name"]
        assert store.stats()["annotators"]["bea"] | {"layers": None} == {
            "role": "annotator",
            "layers": None,
            "spans": 3,
            "proposed": 1,
        }
