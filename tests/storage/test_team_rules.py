"""A team's rules, enforced by the PostgreSQL server itself (db.team_rules): a hostile annotator, through the Store
and through raw SQL with their own login, is refused at every turn; the lead's work and the annotator's own work go
through. See docs/RELIABILITY.md, "Roles"."""

from __future__ import annotations

import base64
import subprocess
import sys
import uuid

import pytest
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.exc import DBAPIError
from team_project import Project, records

from annotator.errors import PermissionDenied, StoreError
from annotator.model import GOLD, Annotator, Role, Status
from annotator.schema import default_schema
from db import team
from db.store import Store
from db.team_rules import ROLE_FUNCTION, groups


@pytest.fixture
def project(team_project: Project) -> Project:
    return team_project


def _contents(project: Project) -> str:
    """Everything in the project, as its owner reads it."""
    with Store.open(project.url(project.owner)) as owner:
        records = owner.export_records(layer="all", status="any", with_empty=True)
        layers = [(r.document, r.layer) for r in records]
        return repr(layers) + repr(owner.annotators()) + owner.schema.source_text + repr(owner.speakers())


def _refused(connection: Connection, sql: str, **params: object) -> str:
    with pytest.raises(DBAPIError) as refused:
        connection.execute(text(sql), params)
    assert getattr(refused.value.orig, "sqlstate", None) == "42501", refused.value
    return str(refused.value.orig).splitlines()[0]


def test_with_their_own_login_an_annotator_is_refused_in_raw_sql(project: Project) -> None:
    before = _contents(project)
    bea, carl = project.annotator, project.other
    with project.raw(bea) as connection:
        assert "only a lead may update annotators" in _refused(
            connection, "UPDATE annotators SET role = 'lead' WHERE name = :me", me=bea
        )
        _refused(connection, "INSERT INTO annotators (name, role, created_at) VALUES ('eve', 'lead', now())")
        _refused(connection, f"SELECT {ROLE_FUNCTION}(:me, 'lead')", me=bea)
        _refused(connection, f"SELECT {ROLE_FUNCTION}(:other, 'lead')", other=carl)
        _refused(connection, f'SET ROLE "{groups(connection).lead}"')
        _refused(connection, "UPDATE settings SET value = ''")
        _refused(connection, "DELETE FROM documents")
        _refused(connection, "UPDATE documents SET text = 'x'")
        _refused(connection, "DELETE FROM speakers")
        _refused(connection, "UPDATE alembic_version SET version_num = '0000'")
        _refused(connection, "TRUNCATE spans")
        _refused(connection, "ALTER TABLE spans DISABLE ROW LEVEL SECURITY")
        _refused(connection, "DROP POLICY annotator_own_rows ON layers")
        _refused(connection, "DROP TRIGGER annotator_leads_only ON annotators")
        # Gold and the others' layers: not to be seen, written, or taken over.
        gold = project_layer(project, GOLD)
        theirs = project_layer(project, carl)
        mine = project_layer(project, bea)
        seen = set(connection.scalars(text("SELECT DISTINCT layer_id FROM spans")))
        assert seen == {mine}
        assert set(connection.scalars(text("SELECT id FROM layers"))) == {mine}
        assert connection.scalar(text("SELECT count(*) FROM relations WHERE layer_id <> :m"), {"m": mine}) == 0
        for layer in (gold, theirs):
            _refused(
                connection,
                'INSERT INTO spans (layer_id, key, start, "end", label, attrs, sources) '
                "VALUES (:l, 'evil', 0, 3, 'CLAIM', '{}', '[]')",
                l=layer,
            )
            _refused(
                connection,
                "INSERT INTO rejections (layer_id, label, start, \"end\") VALUES (:l, 'CLAIM', 0, 3)",
                l=layer,
            )
        _refused(connection, "UPDATE layers SET annotator_id = (SELECT id FROM annotators WHERE name = :o)", o=carl)
        _refused(
            connection,
            "INSERT INTO layers (document_id, annotator_id, gold, status, time_spent_ms, version, "
            "updated_at) SELECT document_id, NULL, true, 'done', 0, 1, now() FROM layers",
        )
        assert connection.execute(text("UPDATE layers SET time_spent_ms = 0 WHERE id <> :m"), {"m": mine}).rowcount == 0
        assert connection.execute(text("DELETE FROM spans WHERE layer_id <> :m"), {"m": mine}).rowcount == 0
        assert connection.execute(text("DELETE FROM layers WHERE id <> :m"), {"m": mine}).rowcount == 0
    assert _contents(project) == before


def project_layer(project: Project, owner: str) -> int:
    with project.raw(project.owner) as connection:
        query = "SELECT l.id FROM layers l LEFT JOIN annotators a ON a.id = l.annotator_id WHERE "
        query += "l.gold" if owner == GOLD else "a.name = :o"
        return int(connection.scalar(text(query), {"o": owner}))


def test_a_login_off_the_team_cannot_even_connect(project: Project, postgres_server: str) -> None:
    stranger = f"eve_{uuid.uuid4().hex[:8]}"
    server = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'CREATE ROLE "{stranger}" LOGIN'))
    server.dispose()
    with pytest.raises(StoreError, match="permission denied for database"):
        Store.open(project.url(stranger))


def test_an_annotator_cannot_be_someone_else_through_the_store(project: Project) -> None:
    before = _contents(project)
    bea, lena = project.annotator, project.lead
    with pytest.raises(PermissionDenied, match=f"you are connected as {bea}.*not as {lena}"):
        Store.open(project.url(bea), user=lena)
    with Store.open(project.url(bea)) as store:  # no user named: still bea, not a trusted caller
        assert store.user == Annotator(bea, Role.ANNOTATOR)
        for attempt in (
            lambda: store.layer("tricky", project.other),
            lambda: store.layer("tricky", GOLD),
            lambda: store.add_annotator(bea, Role.LEAD),
            lambda: store.set_schema(default_schema()),
            lambda: store.export_records(layer="all"),
            lambda: store.import_records(records(bea, project.other, doc_id="new"), source="theirs.jsonl"),
        ):
            with pytest.raises(PermissionDenied):
                attempt()
        figures = store.stats()
        assert list(figures["annotators"]) == [bea]
        assert sum(figures["layers"].values()) == 1
    assert _contents(project) == before


def test_an_annotators_own_work_goes_through(project: Project) -> None:
    bea = project.annotator
    with Store.open(project.url(bea), user=bea) as store:
        span = store.add_span("tricky", bea, 0, 7, "CLAIM").added[0]
        store.set_status("tricky", bea, Status.DONE, add_time_ms=1500)
        report = store.import_records(records(bea, doc_id="second"), source="mine.jsonl")
        assert (report.documents, report.layers) == (1, 1)
        assert [r.layer.annotator for r in store.export_records(layer=bea)] == [bea, bea]
    with Store.open(project.url(project.owner)) as owner:
        layer = owner.layer("tricky", bea)
        assert layer is not None and layer.status is Status.DONE and span.key in {s.key for s in layer.spans}


def test_the_leads_work_goes_through(project: Project) -> None:
    lena, bea = project.lead, project.annotator
    with Store.open(project.url(lena)) as store:
        assert store.user == Annotator(lena, Role.LEAD)
        assert store.layer("tricky", project.other) is not None
        gold = store.gold("tricky")
        store.set_gold_status("tricky", gold.version, Status.DONE)
        assert [r.layer.annotator for r in store.export_records(layer="all")] == [GOLD, bea, project.other]
        report = store.import_records(records(bea, GOLD, "ann_02", doc_id="third"), source="all.jsonl")
        assert report.layers == 3
        store.set_schema(default_schema())
        assert store.stats()["annotators"].keys() >= {lena, bea, project.other, "ann_02"}
        store.add_annotator(bea, Role.LEAD)  # through the role function: bea's login joins the lead group
    with Store.open(project.url(bea)) as store:
        assert store.user == Annotator(bea, Role.LEAD)
        assert store.layer("tricky", GOLD) is not None
    with project.raw(bea) as connection:
        assert connection.scalar(text("SELECT count(DISTINCT layer_id) FROM spans")) > 1


def test_team_commands_are_the_owners(project: Project) -> None:
    for login in (project.lead, project.annotator):
        with (
            Store.open(project.url(login)) as store,
            pytest.raises(PermissionDenied, match="only the database's owner"),
        ):
            team.add(store.engine, "mallory", Role.LEAD)
    with Store.open(project.url(project.owner)) as store:
        team.set_up(store.engine)  # again: nothing changes, nothing fails
        team.remove(store.engine, project.other)
        listed = {m.name: (m.role, m.login) for m in team.listing(store.engine)}
    assert listed[project.other] == (Role.ANNOTATOR, False)
    assert listed[project.lead] == (Role.LEAD, True)
    with pytest.raises(StoreError, match="permission denied for database"):  # CONNECT is the team's alone
        Store.open(project.url(project.other))


def test_the_password_verifier_is_the_one_postgresql_makes(postgres_server: str) -> None:
    name = f"v_{uuid.uuid4().hex[:8]}"
    server = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text("SET password_encryption = 'scram-sha-256'"))
        connection.execute(text(f"CREATE ROLE \"{name}\" LOGIN PASSWORD 'pencil: a passphrase'"))
        stored = connection.scalar(text("SELECT rolpassword FROM pg_authid WHERE rolname = :n"), {"n": name})
    server.dispose()
    salt = base64.b64decode(stored.split("$")[1].split(":")[1])
    assert team.scram_verifier("pencil: a passphrase", salt) == stored
    assert team.scram_verifier("pencil: a passphrase", salt) != team.scram_verifier("pencil", salt)


def test_db_upgrade_by_the_owner_puts_a_new_table_under_the_rules(project: Project) -> None:
    with project.raw(project.owner) as connection:  # as a migration would leave a table it adds: no rules on it
        connection.execute(text("ALTER TABLE rejections DISABLE ROW LEVEL SECURITY"))
        connection.execute(text("DROP POLICY annotator_own_rows ON rejections"))
    gold = project_layer(project, GOLD)
    with project.raw(project.annotator) as connection:
        connection.execute(
            text("INSERT INTO rejections (layer_id, label, start, \"end\") VALUES (:l, 'CLAIM', 0, 1)"), {"l": gold}
        )
    upgraded = subprocess.run(
        [sys.executable, "-m", "annotator", "--db", project.url(project.owner), "db", "upgrade"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert upgraded.returncode == 0 and "the team's rules are in place" in upgraded.stdout, upgraded.stderr
    with project.raw(project.annotator) as connection:
        assert connection.scalar(text("SELECT count(*) FROM rejections")) == 0  # gold's rejection: hidden again
        _refused(
            connection, "INSERT INTO rejections (layer_id, label, start, \"end\") VALUES (:l, 'CLAIM', 1, 2)", l=gold
        )
