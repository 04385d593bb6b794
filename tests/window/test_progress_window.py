"""Review > Progress as a lead and as an annotator opens it: by keys, its tables matching the Store's figures,
filtered and sorted by hand, agreement measured after the first paint, and pyqtgraph loaded only then."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

from annotator.cli.window import store_opener
from annotator.progress import format_ms
from db.store import Store
from progress_project import built
from ui.main_window import MainWindow
from ui.review.progress_window import ProgressWindow
from window.conftest import shown_window

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return built(tmp_path / "project.db")


def open_as(qtbot, db: Path, name: str) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    main = shown_window(qtbot, store_opener(db), name)
    return main


def progress_window(qtbot, main: MainWindow) -> ProgressWindow:  # type: ignore[no-untyped-def]
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)  # a window's keys reach it when it is active
    qtbot.keyClick(main, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, ProgressWindow) and w.isVisible()]
    assert len(found) == 1
    qtbot.waitExposed(found[0])
    return found[0]


def cells(view: QTableView) -> dict[str, list[str]]:
    model = view.model()
    rows = {}
    for row in range(model.rowCount()):
        texts = [str(model.index(row, column).data()) for column in range(model.columnCount())]
        rows[texts[0]] = texts
    return rows


def test_a_lead_sees_everyones_figures_as_the_store_counts_them(qtbot, db: Path) -> None:  # type: ignore[no-untyped-def]
    main = open_as(qtbot, db, "lea")
    window = progress_window(qtbot, main)
    with Store.open(db) as store:
        expected = store.progress_figures().annotators
    # Spans, statements and agreement come after the first paint, counted and measured in a thread.
    qtbot.waitUntil(lambda: "CLAIM 1.00" in cells(window.people_view)["ann"][-1], timeout=20_000)
    shown = cells(window.people_view)
    assert set(shown) == set(expected)
    for name, person in expected.items():
        row = shown[name]
        assert row[1:6] == [str(v) for v in (person.assigned, person.in_progress, person.done)] + [
            str(person.spans),
            str(person.statements),
        ]
        assert row[6] == format_ms(person.time_ms or None)
    assert "shared document" in window.summary.text()
    # Sorted by a click on a column's header: most statements first.
    header = window.people_view.horizontalHeader()
    x = header.sectionPosition(5) + header.sectionSize(5) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().center().__class__(x, 5))
    order = lambda: [r[0] for r in cells(window.people_view).values()]  # noqa: E731
    by_statements = sorted(expected, key=lambda n: expected[n].statements)
    assert order() in (by_statements, by_statements[::-1])
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible()
    main.close()


def test_documents_are_listed_with_who_has_them_and_filtered_by_typing(qtbot, db: Path) -> None:  # type: ignore[no-untyped-def]
    main = open_as(qtbot, db, "lea")
    window = progress_window(qtbot, main)
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())  # the Documents tab
    qtbot.waitUntil(lambda: window.documents_view.model().rowCount() == 2)
    shown = cells(window.documents_view)
    assert shown["tricky"][2:] == ["done", "ann (done, assigned), bob (done, assigned)"]
    assert shown["second"][2:] == ["in_progress", "ann (in_progress, assigned)"]
    window.documents_filter.setFocus()
    qtbot.keyClicks(window.documents_filter, "bob")
    assert list(cells(window.documents_view)) == ["tricky"]
    main.close()


def test_an_annotator_sees_their_own_figures_only(qtbot, db: Path) -> None:  # type: ignore[no-untyped-def]
    main = open_as(qtbot, db, "bob")
    window = progress_window(qtbot, main)
    assert list(cells(window.people_view)) == ["bob"]
    qtbot.waitUntil(lambda: cells(window.people_view)["bob"][5] == "2")  # statements, counted after the first paint
    assert "measuring" not in window.summary.text()
    main.close()


def test_the_window_starts_without_pyqtgraph_and_loads_it_with_progress(db: Path) -> None:
    """The main window starts without pyqtgraph; the progress window loads it once its figures have come."""
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from annotator.cli.window import store_opener\n"
        "from ui.app import build_main_window\n"
        f"main = build_main_window(store_opener({str(db)!r}), 'lea')\n"
        "main.show(); app.processEvents()\n"
        "before = 'pyqtgraph' in sys.modules\n"
        "main.windows.open_progress(); app.processEvents()\n"
        "import time\n"
        "deadline = time.monotonic() + 60\n"
        "while 'pyqtgraph' not in sys.modules and time.monotonic() < deadline:\n"
        "    app.processEvents()\n"
        "print(before, 'pyqtgraph' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]
