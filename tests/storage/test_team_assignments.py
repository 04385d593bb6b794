"""Assignments under a team's rules on PostgreSQL (db.team_rules): a lead writes them, each annotator reads only
their own, and in mode ``only`` the database itself refuses an annotator's layer on a document not assigned to them,
through the program and through raw SQL with their own login."""

from __future__ import annotations

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError
from team_project import Project

from annotator.assignment import Mode, Share
from annotator.errors import PermissionDenied
from annotator.model import Document, LayerRecord, Status
from db.store import Store


@pytest.fixture
def project(team_project: Project) -> Project:
    """The team's project with two more documents; bea has 'mine' and carl 'theirs', in mode only."""
    with Store.open(team_project.url(team_project.owner)) as owner:
        records = [
            (n, LayerRecord(Document(d, f"Text of {d}. It is short.", d), None))
            for n, d in enumerate(["mine", "theirs"])
        ]
        owner.import_records(records, source="docs")
    with Store.open(team_project.url(team_project.lead)) as lena:
        lena.assign([team_project.annotator], Share(per_document=1), documents=["mine"])
        lena.assign([team_project.other], Share(per_document=1), documents=["theirs"])
        lena.set_assignment_mode(Mode.ONLY)
    return team_project


def _refused(connection: Connection, sql: str, **params: object) -> str:
    with pytest.raises(DBAPIError) as refused:
        connection.execute(text(sql), params)
    assert getattr(refused.value.orig, "sqlstate", None) == "42501", refused.value
    return str(refused.value.orig).splitlines()[0]


def _document_id(connection: Connection, doc_id: str) -> int:
    return int(connection.scalar(text("SELECT id FROM documents WHERE doc_id = :d"), {"d": doc_id}))


def test_an_annotator_reads_only_their_own_assignments_and_cannot_write_any(project: Project) -> None:
    bea = project.annotator
    with project.raw(bea) as connection:
        mine = connection.scalar(text("SELECT id FROM annotators WHERE name = :me"), {"me": bea})
        assert set(connection.scalars(text("SELECT annotator_id FROM assignments"))) == {mine}
        theirs = _document_id(connection, "theirs")
        assert "only a lead may insert assignments" in _refused(
            connection,
            "INSERT INTO assignments (document_id, annotator_id, assigned_at) VALUES (:d, :a, now())",
            d=theirs,
            a=mine,
        )
        _refused(connection, "DELETE FROM assignments")
        _refused(connection, "UPDATE settings SET value = 'all' WHERE key = 'assignment-mode'")
    with Store.open(project.url(bea)) as store:
        assert list(store.assignment_overview()["documents"]) == ["mine"]
        with pytest.raises(PermissionDenied, match="only a lead may assign documents"):
            store.assign([bea], Share(per_document=1), documents=["theirs"])
    with project.raw(project.lead) as connection:  # a lead reads every row
        assert connection.scalar(text("SELECT count(*) FROM assignments")) == 2


def test_in_mode_only_the_database_refuses_a_layer_on_a_document_not_assigned(project: Project) -> None:
    bea = project.annotator
    with Store.open(project.url(bea)) as store:
        with pytest.raises(PermissionDenied, match="'theirs' is not assigned to"):
            store.add_span("theirs", bea, 0, 4, "CLAIM")
        store.set_status("mine", bea, Status.IN_PROGRESS)
        assert [e.doc_id for e in store.document_entries(bea)] == ["mine"]
    with project.raw(bea) as connection:
        me = connection.scalar(text("SELECT id FROM annotators WHERE name = :me"), {"me": bea})
        insert = "INSERT INTO layers (document_id, annotator_id, gold, status, time_spent_ms, version,"
        insert += " updated_at) VALUES (:d, :a, false, 'todo', 0, 0, now())"
        refused = _refused(connection, insert, d=_document_id(connection, "theirs"), a=me)
        assert "annotator_assigned_only" in refused or "row-level security" in refused
    with Store.open(project.url(project.lead)) as lena:  # a lead is not held to it, and can open it up
        lena.add_span("theirs", project.lead, 0, 4, "CLAIM")
        lena.set_assignment_mode(Mode.FIRST)
    with project.raw(bea) as connection:
        me = connection.scalar(text("SELECT id FROM annotators WHERE name = :me"), {"me": bea})
        connection.execute(text(insert), {"d": _document_id(connection, "theirs"), "a": me})
    with Store.open(project.url(project.owner)) as owner:
        assert owner.layer("theirs", bea) is not None and owner.layer("mine", bea) is not None
