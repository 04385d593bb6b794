"""Progress on a team's PostgreSQL server: work periods are rows of their layer, under the layer's rules (an
annotator reads and writes their own, a lead every one), whoever connects and however."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from team_project import Project

from annotator.model import Status
from annotator.progress import WorkPeriod
from db.store import Store


@pytest.fixture
def project(team_project: Project) -> Project:
    bea = team_project.annotator
    with Store.open(team_project.url(bea), user=bea) as store:
        store.set_status("tricky", bea, Status.DONE, period=WorkPeriod(datetime.now(UTC), 60_000, 0))
    return team_project


def test_work_periods_are_read_as_their_layers_are(project: Project) -> None:
    count = "SELECT count(*) FROM work_periods"
    with project.raw(project.annotator) as bea, project.raw(project.other) as carl, project.raw(project.lead) as lena:
        assert bea.scalar(text(count)) == 1
        assert carl.scalar(text(count)) == 0  # bea's period is hidden from carl
        assert lena.scalar(text(count)) == 1


def test_an_annotator_cannot_write_a_period_on_anothers_layer(project: Project) -> None:
    with project.raw(project.owner) as owner:
        layer = owner.scalar(
            text("SELECT l.id FROM layers l JOIN annotators a ON a.id = l.annotator_id WHERE a.name = :n"),
            {"n": project.annotator},
        )
    with project.raw(project.other) as carl, pytest.raises(DBAPIError) as refused:
        carl.execute(
            text("INSERT INTO work_periods (layer_id, started_at, active_ms, statements) VALUES (:l, now(), 5, 0)"),
            {"l": layer},
        )
    assert getattr(refused.value.orig, "sqlstate", None) == "42501"


def test_progress_figures_show_a_login_their_own_and_a_lead_everyones(project: Project) -> None:
    bea, carl = project.annotator, project.other
    with Store.open(project.url(carl), user=carl) as store:
        mine = store.progress_figures(by_document=True)
    assert list(mine.annotators) == [carl]
    assert mine.annotators[carl].time_ms == 4200  # the imported layer's time, none of bea's
    with Store.open(project.url(project.lead), user=project.lead) as store:
        everyone = store.progress_figures()
    assert {bea, carl} <= set(everyone.annotators)
    assert everyone.annotators[bea].time_ms == 4200 + 60_000
    assert everyone.annotators[bea].done == 1 and everyone.annotators[bea].statements == 2
