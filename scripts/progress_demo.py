"""A project of several annotators three weeks into their work, for a look at Review > Progress (and its picture,
docs/progress.png): the five seed articles copied into 40 documents, each given to two annotators of four, their
layers pre-annotated by the proposer, each annotator leaving out some of it (as people disagree), most marked done
on days over three weeks, with the stretches of work the window would have timed.

    python scripts/progress_demo.py PROJECT.db [--open]

``--open`` opens the window as the lead with Review > Progress on top.
"""

from __future__ import annotations

import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select, update

import seeds
from annotator.cli import cli
from annotator.model import Document, LayerRecord, Role, Status
from annotator.progress import WorkPeriod
from db.models import AnnotatorRow, AssignmentRow, DocumentRow, LayerRow
from db.store import Store

PEOPLE = {"amira": 1.0, "bruno": 1.6, "chen": 0.8, "dana": 1.25}  # how slow each one is, roughly
DOCUMENTS = 40


def build(path: Path) -> None:
    rng = random.Random(17)
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(Path(seeds.__file__).parent.glob("*.txt"))]
    with Store.open(path) as store:
        store.add_annotator("lead", Role.LEAD)
        for name in PEOPLE:
            store.add_annotator(name)
        records = []
        for n in range(DOCUMENTS):
            stem, text = texts[n % len(texts)]
            title = text.split("\n", 1)[0]
            records.append((n + 1, LayerRecord(Document(f"{stem}-{n // len(texts) + 1}", text, title), None)))
        store.import_records(records, source="demo")
    names = list(PEOPLE)
    given: dict[str, list[str]] = {name: [] for name in names}
    for n, (_, record) in enumerate(records):
        for name in (names[n % 4], names[(n + 1) % 4]):
            given[name].append(record.document.doc_id)
    _assign(path, given)
    for name, doc_ids in given.items():  # the proposer's statements, as `annotator suggest` stores them
        cli(
            ["--db", str(path), "--annotator", "lead", "suggest", "--as", name, "--documents", ",".join(doc_ids)],
            standalone_mode=False,
        )
    with Store.open(path) as store:
        start = datetime.now(UTC) - timedelta(days=20)
        for n, (_, record) in enumerate(records):
            doc_id = record.document.doc_id
            for name in (names[n % 4], names[(n + 1) % 4]):
                layer = store.layer(doc_id, name)
                for span in layer.spans if layer else []:
                    if rng.random() < 0.18:  # left out, or never seen
                        store.remove_span(doc_id, name, span.key)
                statements = store.statement_count(doc_id, name)
                day = start + timedelta(days=min(19, n // 2 + rng.randint(0, 2)), hours=rng.randint(0, 6))
                minutes = PEOPLE[name] * rng.uniform(4, 12) * max(statements, 1) ** 0.5
                period = WorkPeriod(day, int(minutes * 60_000), 0)  # every statement gained in it
                store.set_status(doc_id, name, Status.IN_PROGRESS, period=period)
                if rng.random() < 0.8 or n < 30:
                    store.set_status(doc_id, name, Status.DONE)
                    _done_on(store, doc_id, name, day + timedelta(hours=1))


def _assign(path: Path, given: dict[str, list[str]]) -> None:
    """The assignments, as rows of their table (as a lead's `annotator assign` leaves them)."""
    with Store.open(path) as store, store.engine.begin() as connection:
        people = dict(connection.execute(select(AnnotatorRow.name, AnnotatorRow.id)).all())
        documents = dict(connection.execute(select(DocumentRow.doc_id, DocumentRow.id)).all())
        rows = [{"document_id": documents[d], "annotator_id": people[n]} for n, ids in given.items() for d in ids]
        connection.execute(insert(AssignmentRow), rows)


def _done_on(store: Store, doc_id: str, name: str, when: datetime) -> None:
    """As if it had been marked done on that day (the demo's three weeks pass in a second)."""
    with store.engine.begin() as connection:
        document = DocumentRow.__table__.c.id
        connection.execute(
            update(LayerRow)
            .where(
                LayerRow.document_id.in_(
                    DocumentRow.__table__.select().with_only_columns(document).where(DocumentRow.doc_id == doc_id)
                ),
                LayerRow.annotator_id.in_(
                    AnnotatorRow.__table__.select().with_only_columns(AnnotatorRow.id).where(AnnotatorRow.name == name)
                ),
            )
            .values(done_at=when)
        )


if __name__ == "__main__":
    target = Path(sys.argv[1])
    if not target.exists():
        build(target)
    if "--open" in sys.argv:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        from annotator.cli.window import store_opener
        from ui.app import build_main_window

        app = QApplication([])
        main = build_main_window(store_opener(target), "lead")
        main.show()
        QTimer.singleShot(500, main.windows.open_progress)
        app.exec()
