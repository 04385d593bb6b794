"""Changes to layers pushed by PostgreSQL (db.notifying): the trigger made by the team's owner (an annotator cannot),
a notification for every stored change that names the document only, and nothing on SQLite."""

from __future__ import annotations

import time
from pathlib import Path

from team_project import Project

from db import notifying
from db.notifying import Listener, listen
from db.store import Store


def _wait_for(listener: Listener, seconds: float = 3.0) -> set[str]:
    """What comes within ``seconds`` (a notification is sent at the commit, and travels a socket)."""
    deadline, got = time.monotonic() + seconds, set[str]()
    while time.monotonic() < deadline and not got:
        got = listener.received()
        time.sleep(0.02)
    return got


def test_a_change_to_another_annotators_layer_tells_the_listener_its_document_only(team_project: Project) -> None:
    project = team_project
    with Store.open(project.url(project.annotator)) as bea, Store.open(project.url(project.other)) as carl:
        listener = listen(bea)
        assert listener is not None and listener.pushed  # made by `team init`: an annotator needs make nothing
        try:
            carl_before = carl.layer("tricky", project.other)
            assert carl_before is not None
            carl.remove_span("tricky", project.other, carl_before.spans[0].key)
            assert _wait_for(listener) == {"tricky"}  # the document's id: not whose layer, nor what changed
            bea_layer = bea.layer("tricky", project.annotator)
            assert bea_layer is not None and bea.layer_and_version("tricky", project.annotator)[1] == 1
            assert listener.received() == set()  # once per change
        finally:
            listener.close()


def test_where_the_trigger_is_missing_an_annotator_cannot_make_it_and_the_owner_makes_it_again(
    team_project: Project,
) -> None:
    project = team_project
    with project.raw(project.owner) as owner:
        owner.exec_driver_sql(f"DROP TRIGGER {notifying.TRIGGER} ON layers")
    with Store.open(project.url(project.annotator)) as bea:
        listener = listen(bea)
        assert listener is not None and not listener.pushed  # the window polls, as before
        listener.close()
        assert not notifying.ensure(bea.engine)
    with Store.open(project.url(project.owner)) as owner_store:
        listener = listen(owner_store)  # the owner's window makes it at once
        assert listener is not None and listener.pushed
        try:
            layer = owner_store.layer("tricky", project.annotator)
            assert layer is not None
            owner_store.remove_span("tricky", project.annotator, layer.spans[0].key)
            assert _wait_for(listener) == {"tricky"}
        finally:
            listener.close()


def test_nothing_is_pushed_on_sqlite(tmp_path: Path) -> None:
    with Store.open(tmp_path / "project.db") as store:
        assert listen(store) is None
