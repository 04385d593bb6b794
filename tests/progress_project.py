"""A small project for the progress tests: a lead and two annotators, two documents, the tricky layer (7 spans, 2
statements: claims with a source) marked done by both on ``tricky``, one layer in progress, assignments."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert, select

from annotator.formats.native import parse_record
from annotator.model import Role
from annotator.schema import default_schema
from db.models import AnnotatorRow, AssignmentRow, DocumentRow
from db.store import Store
from samples import tricky_record


def built(path: Path) -> Path:
    """``path``: a new SQLite project that ``build`` has filled."""
    with Store.open(path) as store:
        build(store)
    return path


def build(store: Store) -> None:
    schema = default_schema()
    store.add_annotator("lea", Role.LEAD)
    for name in ("ann", "bob"):
        store.add_annotator(name)
    records = [
        tricky_record("ann", "tricky", "in_progress"),
        tricky_record("bob", "tricky", "in_progress"),
        tricky_record("ann", "second", "in_progress"),
    ]
    store.import_records([(n, parse_record(r, schema)) for n, r in enumerate(records, 1)], source="progress")
    for name in ("ann", "bob"):
        store.set_status("tricky", name, "done")  # done_at: now
    assign(store, {"ann": ["tricky", "second"], "bob": ["tricky"]})


def assign(store: Store, documents: dict[str, list[str]]) -> None:
    """Assignments as ``annotator assign`` stores them (its command is built elsewhere): rows of the table."""
    with store.engine.begin() as connection:
        for name, doc_ids in documents.items():
            annotator_id = connection.scalar(select(AnnotatorRow.id).where(AnnotatorRow.name == name))
            for doc_id in doc_ids:
                document_id = connection.scalar(select(DocumentRow.id).where(DocumentRow.doc_id == doc_id))
                connection.execute(
                    insert(AssignmentRow).values(
                        document_id=document_id, annotator_id=annotator_id, assigned_at=datetime.now(UTC)
                    )
                )
