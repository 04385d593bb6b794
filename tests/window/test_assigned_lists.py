"""The document list as two annotators and their lead see it once documents are assigned: assigned ones first and
marked (or alone), who has each in the lead's list, and a refused first edit named in the status bar."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.assignment import Mode, Share
from annotator.cli.base import load_seeds
from annotator.cli.window import store_opener
from annotator.model import Role
from db.store import Store
from ui.main_window import MainWindow
from window.conftest import drag_select, shown_window

SEEDS = [
    "01-azerbaijan-islamic-solidarity",
    "02-islamic-solidarity-foreign-policy-priority",
    "03-organization-of-turkic-states",
    "04-aliyev-receives-oic-secretary-general",
    "05-aliyev-visit-to-egypt",
]
BEA, CARL = [SEEDS[1], SEEDS[3]], [SEEDS[2], SEEDS[4]]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    db = tmp_path / "team.db"
    with Store.open(db, user="lena") as lena:
        load_seeds(lena)
        for name in ("bea", "carl"):
            lena.add_annotator(name, Role.ANNOTATOR)
        lena.assign(["bea"], Share(per_document=1), documents=BEA)
        lena.assign(["carl"], Share(per_document=1), documents=CARL)
    return db


@pytest.fixture
def open_window(qtbot, project: Path) -> Iterator:  # type: ignore[no-untyped-def]
    opened: list[MainWindow] = []

    def open_as(name: str) -> MainWindow:
        window = shown_window(qtbot, store_opener(project), name)
        opened.append(window)
        return window

    yield open_as
    for window in opened:
        window.close()


def _rows(window: MainWindow) -> list[str]:
    model = window.documents.model
    return [model.index(row, 0).data(Qt.ItemDataRole.UserRole) for row in range(model.rowCount())]


def _marked(window: MainWindow) -> list[str]:
    model = window.documents.model
    rows = range(model.rowCount())
    return [
        model.index(r, 0).data(Qt.ItemDataRole.UserRole)
        for r in rows
        if model.index(r, 0).data(Qt.ItemDataRole.DecorationRole)
    ]


def test_each_annotator_s_list_starts_with_their_documents_marked_and_the_keys_walk_it(
    qtbot, open_window, project: Path
) -> None:  # type: ignore[no-untyped-def]
    bea = open_window("bea")
    assert _rows(bea) == [*BEA, SEEDS[0], SEEDS[2], SEEDS[4]]
    assert _marked(bea) == BEA and bea.documents.model.columnCount() == 3  # no "assigned to" for an annotator
    assert bea.session.doc_id == BEA[0]  # where bea starts: her first assigned document not done
    assert "assigned to you" in bea.documents.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    # The keys walk the list as before: Ctrl+L, Down opens the first, Down in the table the next.
    qtbot.keyClick(bea, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(bea.documents.filter, Qt.Key.Key_Down)
    table = bea.documents.table
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bea.session.doc_id == BEA[1])
    carl = open_window("carl")
    assert _rows(carl)[:2] == CARL and _marked(carl) == CARL
    lead = open_window("lena")
    model = lead.documents.model
    assert model.headerData(3, Qt.Orientation.Horizontal) == "assigned to"
    assigned = {model.index(r, 0).data(Qt.ItemDataRole.UserRole): model.index(r, 3).data() for r in range(5)}
    assert assigned == {SEEDS[0]: "", BEA[0]: "bea", BEA[1]: "bea", CARL[0]: "carl", CARL[1]: "carl"}


def test_in_mode_only_an_annotator_lists_their_documents_alone_and_a_refused_tag_is_a_line(
    qtbot, open_window, project: Path
) -> None:  # type: ignore[no-untyped-def]
    carl = open_window("carl")
    qtbot.mouseClick(
        carl.documents.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=carl.documents.table.visualRect(carl.documents.model.index(2, 0)).center(),
    )
    qtbot.waitUntil(lambda: carl.session.doc_id == SEEDS[0])  # not his, and still open while the mode was first
    with Store.open(project, user="lena") as lena:
        lena.set_assignment_mode(Mode.ONLY)
    text = carl.session.document.text
    start = text.index("Azerbaijan")
    drag_select(qtbot, carl, start, start + len("Azerbaijan"))
    qtbot.keyClick(carl.view, "c")
    message = carl.statusBar().currentMessage()
    assert message.startswith("not done: ") and f"'{SEEDS[0]}' is not assigned to carl" in message
    with Store.open(project) as trusted:
        assert trusted.layer(SEEDS[0], "carl") is None
    again = open_window("carl")
    assert _rows(again) == CARL and again.documents.progress.text() == "0 / 2 done"
    assert again.session.doc_id == CARL[0]
    start = again.session.document.text.index(" ") + 1
    drag_select(qtbot, again, 0, start - 1)
    qtbot.keyClick(again.view, "c")
    with Store.open(project) as trusted:
        layer = trusted.layer(CARL[0], "carl")
        assert layer is not None and [s.label for s in layer.spans] == ["CLAIM"]
