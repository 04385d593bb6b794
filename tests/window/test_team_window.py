"""The window on a team's PostgreSQL server: File > Switch annotator cannot make an annotator someone else."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QInputDialog
from team_project import Project

from annotator.cli.window import store_opener
from annotator.model import GOLD
from db.store import Store
from window.conftest import answer_dialog, shown_window


def test_switching_to_the_lead_is_refused_and_the_window_stays_hers(qtbot, team_project: Project) -> None:  # type: ignore[no-untyped-def]
    bea, lena = team_project.annotator, team_project.lead
    window = shown_window(qtbot, store_opener(team_project.url(bea)), bea)
    seen: list[tuple[str, str]] = []

    def type_the_leads_name() -> None:
        asked = QApplication.activeModalWidget()
        if not isinstance(asked, QInputDialog):
            QTimer.singleShot(20, type_the_leads_name)
            return
        line = asked.findChild(QComboBox).lineEdit()
        line.selectAll()
        qtbot.keyClicks(line, lena)
        answer_dialog(seen)  # the refusal that follows
        qtbot.keyClick(line, Qt.Key.Key_Return)

    QTimer.singleShot(0, type_the_leads_name)
    window.activateWindow()  # the offscreen platform needs the nudge for the window's shortcuts
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0][0].startswith(f"you are connected as {bea}")
    assert window.session.annotator == bea and not window.is_lead
    assert lena not in window.windowTitle()
    window.open_document("tricky")
    qtbot.waitUntil(lambda: not window.session.loading)
    assert window.session.has_layer and len(window.session.spans) > 0  # her own layer of it
    with Store.open(team_project.url(team_project.owner)) as owner:
        assert owner.layer("tricky", GOLD) is not None  # untouched; bea could not have read it
    window.close()
