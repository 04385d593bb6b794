"""Progress figures as the Store counts them, on both backends: layers by status, assignments, spans, statements,
time from work periods, done per day, agreement so far; and what each reader may see."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from annotator.model import Status
from annotator.progress import WorkPeriod, held_statements, held_statements_in_steps
from db.models import LayerRow, WorkPeriodRow
from db.store import Store
from progress_project import build


@pytest.fixture
def store(database: str):
    with Store.open(database) as opened:
        build(opened)
        yield opened


def test_each_annotator_has_their_documents_spans_and_statements(store: Store) -> None:
    figures = store.progress_figures().annotators
    assert set(figures) == {"ann", "bob", "lea"}
    ann, bob, lea = figures["ann"], figures["bob"], figures["lea"]
    assert (ann.assigned, ann.in_progress, ann.done) == (2, 1, 1)
    assert (bob.assigned, bob.in_progress, bob.done) == (1, 0, 1)
    assert (lea.assigned, lea.layers) == (0, 0)
    assert (ann.spans, bob.spans) == (14, 7)
    # The tricky layer has four claims, two of them with a source: two statements a layer.
    assert (ann.statements, bob.statements) == (4, 2)
    today = datetime.now(UTC).date().isoformat()
    assert ann.done_per_day == {today: 1} and bob.done_per_day == {today: 1}


def test_statements_are_claims_with_a_source_whatever_else_they_have(store: Store) -> None:
    before = store.progress_figures().annotators["bob"].statements
    store.remove_relation("tricky", "bob", "r3")  # s6 loses its source: no longer a statement
    assert store.progress_figures().annotators["bob"].statements == before - 1
    store.remove_relation("tricky", "bob", "r2")  # s3 loses its cue only: still one
    assert store.progress_figures().annotators["bob"].statements == before - 1


def test_a_layer_read_counts_its_statements_as_the_store_does(store: Store) -> None:
    # The window counts its open layer's statements itself once it has read it (annotator.progress.held_statements)
    # instead of asking the Store: both must give the same number, or a work period's gain would be wrong.
    def held(doc_id: str, annotator: str) -> int:
        layer = store.layer(doc_id, annotator)
        assert layer is not None
        spans = {s.key: s for s in layer.spans}
        counted = held_statements(store.schema.statement, spans, layer.relations)
        # The window's count in idle turns, a part at a time (one relation a step here): the same number, last.
        steps = list(held_statements_in_steps(store.schema.statement, spans, layer.relations, step=1))
        assert steps[-1] == counted and all(step is None for step in steps[:-1])
        assert len(steps) > len(layer.relations)
        return counted

    for doc_id, annotator in (("tricky", "ann"), ("tricky", "bob"), ("second", "ann")):
        assert held(doc_id, annotator) == store.statement_count(doc_id, annotator) == 2
    store.remove_relation("tricky", "bob", "r3")  # s6 loses its source: no longer a statement
    store.remove_relation("tricky", "bob", "r2")  # s3 loses its cue only: still one
    assert held("tricky", "bob") == store.statement_count("tricky", "bob") == 1


def test_a_work_period_is_kept_with_the_statements_gained_and_the_time_added(store: Store) -> None:
    start = datetime.now(UTC) - timedelta(minutes=5)
    before = store.statement_count("second", "ann")
    store.remove_relation("second", "ann", "r1")
    store.remove_relation("second", "ann", "r3")
    empty = store.statement_count("second", "ann")
    assert (before, empty) == (2, 0)
    store.add_relation("second", "ann", "s3", "s1", "ATTRIBUTED_TO")  # one statement gained
    store.set_status("second", "ann", Status.IN_PROGRESS, period=WorkPeriod(start, 90_000, empty))
    with store.engine.connect() as connection:
        periods = connection.execute(select(WorkPeriodRow.active_ms, WorkPeriodRow.statements)).all()
        spent = connection.scalar(select(func.sum(LayerRow.time_spent_ms)))
    assert periods == [(90_000, 1)]
    assert spent == 4200 * 3 + 90_000  # each imported layer came with 4.2 s
    ann = store.progress_figures().annotators["ann"]
    assert ann.ms_per_statement == [90_000.0]
    assert ann.median_ms_per_statement == 90_000.0
    assert ann.median_ms_per_document == (4200 + 4200 + 90_000) / 2  # of the two layers: 4.2 s and 94.2 s
    assert ann.statements_per_day == {start.date().isoformat(): 1}


def test_done_at_is_set_when_marked_done_and_cleared_when_reopened(store: Store) -> None:
    def done_at() -> datetime | None:
        with store.engine.connect() as connection:
            return connection.scalar(
                text(
                    "SELECT l.done_at FROM layers l JOIN documents d ON d.id = l.document_id "
                    "JOIN annotators a ON a.id = l.annotator_id WHERE d.doc_id = 'second' AND a.name = 'ann'"
                )
            )

    assert done_at() is None
    store.set_status("second", "ann", Status.DONE)
    assert done_at() is not None
    store.set_status("second", "ann", Status.IN_PROGRESS)
    assert done_at() is None
    assert "second" not in str(store.progress_figures().annotators["ann"].done_per_day)


def test_per_document_who_has_it_and_its_status(store: Store) -> None:
    documents = {d.doc_id: d for d in store.progress_figures(by_document=True).documents or []}
    assert documents["tricky"].holders == (("ann", True, "done"), ("bob", True, "done"))
    assert documents["tricky"].status == "done"
    assert documents["second"].holders == (("ann", True, "in_progress"),)
    assert documents["second"].status == "in_progress"


def test_an_annotator_sees_only_their_own_progress(database: str, store: Store) -> None:
    with Store.open(database, user="bob") as bobs:
        figures = bobs.progress_figures(by_document=True)
        assert set(figures.annotators) == {"bob"}
        assert [d.holders for d in figures.documents or []] == [(("bob", True, "done"),)]
        assert bobs.agreement_so_far() is None  # agreement reads the others' layers


def test_agreement_so_far_per_label_and_week_and_kept_until_a_done_layer_changes(store: Store) -> None:
    first = store.agreement_so_far()
    assert first is not None and first.documents == 1
    assert first.by_annotator["ann"]["CLAIM"] == 1.0 and first.by_annotator["bob"]["SPEAKER"] == 1.0
    (week,) = first.by_week
    assert first.by_week[week]["CLAIM"] == 1.0
    assert store.agreement_so_far() is first  # nothing changed: the kept result
    store.remove_span("tricky", "bob", "s7")  # a claim only ann has now
    second = store.agreement_so_far()
    assert second is not first
    assert second is not None and second.by_annotator["ann"]["CLAIM"] == pytest.approx(2 * 3 / (4 + 3))
