"""The review view, as a lead uses it: a seed article annotated by two annotators is adjudicated into gold by keys
and clicks, and exported with ``--layer gold``. After each step the gold layer on disk is read through a second
connection, and what the view shows is checked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.cli import cli
from annotator.cli.base import load_seeds
from annotator.cli.window import store_opener
from annotator.model import GOLD, Role, Status
from db.store import Store
from ui.main_window import MainWindow
from ui.review.keys import help_line, keys_html
from ui.review.window import ReviewWindow
from window.conftest import FIRST, shown_window

CLAIM_1 = (
    "The importance of Azerbaijan in the system of international relations, which is developing day by day under "
    "the leadership of our head of state Mr. Ilham Aliyev, is constantly increasing"
)
PRESIDENT = "President Ilham Aliyev"
SATTAR = "Sattar Mohbaliyev"
EXPRESSED = "expressed these views"
ACCORDING = "According to"
HIM = "him"  # the first "him" after "According to"
CLAIM_2 = "Azerbaijan has already put an end to the occupation in the war of rights"
CLAIM_2B = "that Azerbaijan has already put an end to the occupation"
CLAIM_2_GOLD = "Azerbaijan has already put an end to the occupation"


def place(text: str, phrase: str, after: str | None = None) -> tuple[int, int]:
    start = text.index(phrase, text.index(after) if after else 0)
    return start, start + len(phrase)


def annotate(db: Path, who: str, spans: list[tuple[str, str, dict[str, str]]], links: list[tuple[str, str, str]]):
    """``who``'s layer on the first seed article, through the Store as ``who``, marked done."""
    with Store.open(db, user=who) as store:
        text = store.document(FIRST).text
        keys = {}
        for phrase, label, attrs in spans:
            start, end = place(text, phrase, ACCORDING if phrase == HIM else None)
            keys[phrase] = store.add_span(FIRST, who, start, end, label, attrs).added[0].key
        for head, child, label in links:
            store.link(FIRST, who, keys[head], keys[child], label)
        store.set_status(FIRST, who, Status.DONE)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project.db")


def make_project(path: Path) -> Path:
    """Lena made the project (its lead; max is one too); ann and bob annotated the first seed article.

    unit (text order)          ann                           bob                           kind
    CLAIM_1                    FAVOR -> Sattar               AGAINST -> Sattar             stance
    President Ilham Aliyev     -                             SPEAKER                       missing (ann)
    Sattar Mohbaliyev          SPEAKER                       SPEAKER                       agreed
    expressed these views      CUE                           CUE                           agreed
    According to               CUE                           -                             missing (bob)
    him                        SPEAKER                       CUE                           label
    CLAIM_2                    whole, -> him                 "that ... occupation"         boundaries
    """
    with Store.open(path, user="lena") as store:
        load_seeds(store)
        store.add_annotator("max", Role.LEAD)
    sattar = {"speaker": SATTAR}
    annotate(
        path,
        "ann",
        [
            (CLAIM_1, "CLAIM", {"stance": "FAVOR"}),
            (SATTAR, "SPEAKER", sattar),
            (EXPRESSED, "CUE", {}),
            (ACCORDING, "CUE", {}),
            (HIM, "SPEAKER", sattar),
            (CLAIM_2, "CLAIM", {"stance": "AGAINST"}),
        ],
        [(CLAIM_1, SATTAR, "ATTRIBUTED_TO"), (CLAIM_1, EXPRESSED, "HAS_CUE"), (CLAIM_2, HIM, "ATTRIBUTED_TO")],
    )
    annotate(
        path,
        "bob",
        [
            (CLAIM_1, "CLAIM", {"stance": "AGAINST"}),
            (PRESIDENT, "SPEAKER", {"speaker": "Ilham Aliyev"}),
            (SATTAR, "SPEAKER", sattar),
            (EXPRESSED, "CUE", {}),
            (HIM, "CUE", {}),
            (CLAIM_2B, "CLAIM", {"stance": "AGAINST"}),
        ],
        [(CLAIM_1, SATTAR, "ATTRIBUTED_TO"), (CLAIM_1, EXPRESSED, "HAS_CUE")],
    )
    return path


@pytest.fixture
def lead(qtbot, db: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    window = shown_window(qtbot, store_opener(db), "lena")
    yield window
    review = window.windows.review
    if review is not None and not review.closed:
        review.close()
    window.close()


@pytest.fixture
def disk(db: Path) -> Iterator[Store]:
    """A second, independent connection: what is on disk, not what the view remembers."""
    with Store.open(db) as other:
        yield other


def gold_on_disk(store: Store) -> dict[tuple[str, str], dict[str, object]]:
    """The gold layer on disk as {(label, text): {"attrs", "sources", "links"}}."""
    layer = store.gold(FIRST).layer
    text = store.document(FIRST).text
    if layer is None:
        return {}
    spans = {s.key: s for s in layer.spans}
    shown = {}
    for span in layer.spans:
        links = sorted(
            (r.label, text[spans[r.child].start : spans[r.child].end]) for r in layer.relations if r.head == span.key
        )
        shown[(span.label, text[span.start : span.end])] = {
            "attrs": dict(span.attrs),
            "sources": span.sources,
            "links": links,
        }
    return shown


def open_review(qtbot, window: MainWindow) -> ReviewWindow:  # type: ignore[no-untyped-def]
    """Ctrl+R, as the lead presses it; then wait for the figures and the ranked documents."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # a window's keys reach it when it is active
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    review = window.windows.review
    assert review is not None
    qtbot.waitExposed(review)
    qtbot.waitUntil(lambda: review.sidebar.model.rowCount() > 0, timeout=15000)
    return review


def click_document(qtbot, review: ReviewWindow, doc_id: str) -> None:  # type: ignore[no-untyped-def]
    model, view = review.sidebar.model, review.sidebar.ranking
    rect = view.visualRect(model.index(model.row_of(doc_id), 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: review.review.doc_id == doc_id)


def unit_rows(review: ReviewWindow) -> list[list[str]]:
    model = review.units_model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def current(review: ReviewWindow) -> list[str]:
    model, row = review.units_model, review.units.currentIndex().row()
    return [model.index(row, c).data() for c in range(model.columnCount())]


def go_to_unit(qtbot, review: ReviewWindow, phrase: str) -> None:  # type: ignore[no-untyped-def]
    """Press J (or K) until the current unit's text starts with ``phrase``."""
    texts = [row[1] for row in unit_rows(review)]
    target = next(i for i, text in enumerate(texts) if text.startswith(phrase[:40]))
    for _ in range(len(texts)):
        here = review.units.currentIndex().row()
        if here == target:
            return
        qtbot.keyClick(review.units, "j" if here < target else "k")
    assert review.units.currentIndex().row() == target


def select_by_keys(qtbot, pane, start: int, end: int) -> None:  # type: ignore[no-untyped-def]
    """Click near ``start`` in a pane, walk there with the arrow keys, then Shift+Right to ``end`` (the seed
    article has no character above U+FFFF: code points are UTF-16 positions here)."""
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=point_in(pane, start))
    for _ in range(5):
        here = pane.textCursor().position()
        if here == start:
            break
        qtbot.keyClick(pane, Qt.Key.Key_Left if here > start else Qt.Key.Key_Right)
    for _ in range(end - start):
        qtbot.keyClick(pane, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert (pane.textCursor().selectionStart(), pane.textCursor().selectionEnd()) == (start, end)


def painted(pane, position: int) -> QTextCharFormat | None:  # type: ignore[no-untyped-def]
    """The format a pane's highlighter gave the character at ``position``; None where it painted nothing."""
    block = pane.document().findBlock(position)
    offset = position - block.position()
    ranges = block.layout().formats()  # kept while the formats inside it are read
    found = [QTextCharFormat(r.format) for r in ranges if r.start <= offset < r.start + r.length]
    return found[0] if found else None


def point_in(pane, position16: int) -> QPoint:  # type: ignore[no-untyped-def]
    """A point on the character at UTF-16 ``position16`` of a pane, scrolled into view."""
    cursor = QTextCursor(pane.document())
    cursor.setPosition(position16)
    pane.setTextCursor(cursor)
    pane.ensureCursorVisible()
    left = pane.cursorRect(cursor)
    cursor.setPosition(position16 + 1)
    right = pane.cursorRect(cursor)
    if right.top() != left.top():
        return QPoint(left.left() + 3, left.center().y())
    return QPoint((left.left() + right.left()) // 2, left.center().y())


def test_adjudicating_a_seed_article_into_gold_by_keys_and_clicks(  # type: ignore[no-untyped-def]
    qtbot, qtmodeltester, lead: MainWindow, disk: Store, db: Path
) -> None:
    assert lead.review_action.isEnabled()
    review = open_review(qtbot, lead)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is review)
    assert "ann" in review.sidebar.figures.state.text()

    # The one document both annotated tops the list; a click opens it with each layer in a pane of its own.
    click_document(qtbot, review, FIRST)
    assert review.panes.names == ["ann", "bob", GOLD]
    assert review.panes.headers["ann"].text() == "1 · ann — done · 6 spans"
    assert review.panes.headers[GOLD].text().startswith("gold — todo · 0 spans · 7 unit(s) not in gold")
    units = unit_rows(review)
    assert [row[0] for row in units] == [
        "stance",
        "missing: ann",
        "agreed",
        "agreed",
        "missing: bob",
        "label; speaker",
        "boundaries; speaker",
    ]
    assert units[0][2:] == ["CLAIM FAVOR → Sattar Mohbaliyev", "CLAIM AGAINST → Sattar Mohbaliyev", "—"]
    assert units[5][2:] == ["SPEAKER Sattar Mohbaliyev", "CUE", "—"]
    assert gold_on_disk(disk) == {}
    qtmodeltester.check(review.units_model, force_py=True)  # and it watches the model through every change below

    # A: every unanimous unit into gold at once, each naming both annotators.
    qtbot.keyClick(review.units, "a")
    assert gold_on_disk(disk) == {
        ("SPEAKER", SATTAR): {"attrs": {"speaker": SATTAR}, "sources": ("ann", "bob"), "links": []},
        ("CUE", EXPRESSED): {"attrs": {}, "sources": ("ann", "bob"), "links": []},
    }
    assert [row[0] for row in unit_rows(review)][2:4] == ["✓ agreed", "✓ agreed"]
    assert unit_rows(review)[2][4] == "SPEAKER Sattar Mohbaliyev  ← ann, bob"
    assert review.panes.headers[GOLD].text().startswith("gold — in progress · 2 spans · 5 unit(s) not in gold")

    # The stance unit is the current one; 1 takes ann's claim (FAVOR), and its links follow to gold's speaker and cue.
    assert current(review)[0] == "stance"
    text = disk.document(FIRST).text
    claim_at = place(text, CLAIM_1)[0] + 5
    claim_colour = review.panes.styles["CLAIM"].tint.rgb()  # the fill is in the schema's own colour
    assert painted(review.panes.panes["ann"], claim_at).background().color().rgb() == claim_colour
    assert painted(review.panes.gold(), claim_at) is None
    qtbot.keyClick(review.units, "1")
    assert painted(review.panes.gold(), claim_at).background().color().rgb() == claim_colour
    claim = gold_on_disk(disk)[("CLAIM", CLAIM_1)]
    assert claim == {
        "attrs": {"stance": "FAVOR"},
        "sources": ("ann",),
        "links": [("ATTRIBUTED_TO", SATTAR), ("HAS_CUE", EXPRESSED)],
    }
    assert review.units_model.index(0, 2).data(Qt.ItemDataRole.FontRole).bold(), "ann's version is gold's"
    assert review.units_model.index(0, 3).data(Qt.ItemDataRole.FontRole) is None
    # Taking a version decides the unit: the next one is the current one. K goes back.
    assert review.units.currentIndex().row() == 1
    qtbot.keyClick(review.units, "k")
    assert current(review)[0] == "✓ stance"
    # Every pane outlines the current unit; gold's has it now too.
    start, end = place(text, CLAIM_1)
    for name in ("ann", "bob", GOLD):
        outlined = review.panes.panes[name].outlined
        assert (outlined.start, outlined.end, outlined.label) == (start, end, "CLAIM"), name

    # A click on "him" in bob's pane chooses that unit; 2 takes bob's version (a CUE) in place of nothing.
    bob = review.panes.panes["bob"]
    him = place(text, HIM, ACCORDING)
    qtbot.mouseClick(bob.viewport(), Qt.MouseButton.LeftButton, pos=point_in(bob, him[0]))
    assert current(review)[1] == "him"
    qtbot.keyClick(review.units, "2")
    assert gold_on_disk(disk)[("CUE", HIM)]["sources"] == ("bob",)
    assert ("SPEAKER", HIM) not in gold_on_disk(disk)
    assert current(review)[1] != "him"  # on to the next unit; K back
    qtbot.keyClick(review.units, "k")
    assert current(review)[1] == "him"

    # N goes to the next unit gold has nothing for (round the end): the claim whose boundaries differ, then
    # "President Ilham Aliyev", which only bob marked: 2 takes it. ann has nothing there: her pane frames the unit.
    qtbot.keyClick(review.units, "n")
    assert current(review)[0] == "boundaries; speaker"
    qtbot.keyClick(review.units, "n")
    assert current(review)[1] == PRESIDENT
    ghost = review.panes.panes["ann"].ghost
    assert ghost is not None and (ghost.start, ghost.end) == place(text, PRESIDENT)
    qtbot.keyClick(review.units, "2")
    assert gold_on_disk(disk)[("SPEAKER", PRESIDENT)]["sources"] == ("bob",)

    # "According to", only ann's: 1 takes it, Delete removes it again.
    go_to_unit(qtbot, review, ACCORDING)
    qtbot.keyClick(review.units, "1")
    assert ("CUE", ACCORDING) in gold_on_disk(disk)
    qtbot.keyClick(review.units, "k")
    qtbot.keyClick(review.units, Qt.Key.Key_Delete)
    assert ("CUE", ACCORDING) not in gold_on_disk(disk)
    assert current(review)[4] == "—"

    # The claim whose boundaries differ, by hand: select other words in the gold pane and press C; then E edits it.
    go_to_unit(qtbot, review, CLAIM_2B)
    gold = review.panes.gold()
    start, end = place(text, CLAIM_2_GOLD)
    qtbot.keyClick(review.units, "g")
    assert gold.hasFocus()
    select_by_keys(qtbot, gold, start + 2, end - 3)  # sloppy: snapping widens it to whole words
    qtbot.keyClick(gold, "c")
    by_hand = gold_on_disk(disk)[("CLAIM", CLAIM_2_GOLD)]
    assert by_hand == {"attrs": {}, "sources": (), "links": []}
    assert current(review)[4] == "CLAIM  ← by hand"
    qtbot.keyClick(review.units, "e")
    editor = review.editor
    qtbot.waitUntil(editor.isVisible)
    qtbot.keyClick(editor.fields["stance"], "2")  # "2  AGAINST"
    links = editor.links["ATTRIBUTED_TO"]
    links.setCurrentIndex(links.findText(f"“{SATTAR}”", Qt.MatchFlag.MatchStartsWith))
    qtbot.keyClick(editor.fields["stance"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editor.isVisible())
    edited = {"attrs": {"stance": "AGAINST"}, "sources": (), "links": [("ATTRIBUTED_TO", SATTAR)]}
    assert gold_on_disk(disk)[("CLAIM", CLAIM_2_GOLD)] == edited
    assert current(review)[4] == "CLAIM AGAINST  ← by hand"

    # Undo and redo, each a change on disk at once.
    qtbot.keyClick(review.units, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert gold_on_disk(disk)[("CLAIM", CLAIM_2_GOLD)] == by_hand
    qtbot.keyClick(review.units, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ("CLAIM", CLAIM_2_GOLD) not in gold_on_disk(disk)
    assert current(review)[4] == "—"
    for _ in range(2):
        qtbot.keyClick(
            review.units, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
    assert gold_on_disk(disk)[("CLAIM", CLAIM_2_GOLD)] == edited

    # Ctrl+Enter marks gold done (the last document of the list: nothing opens after it).
    assert disk.gold(FIRST).layer.status is Status.IN_PROGRESS
    qtbot.keyClick(review.units, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert disk.gold(FIRST).layer.status is Status.DONE
    assert review.panes.headers[GOLD].text().startswith("gold — done · 6 spans · 1 unit(s) not in gold")
    assert review.sidebar.model.index(0, 4).data() == "done"

    # The export of gold holds what the lead decided, with each span's sources.
    result = CliRunner().invoke(
        cli, ["--db", str(db), "--annotator", "lena", "export", "--format", "native", "--layer", "gold"]
    )
    assert result.exit_code == 0, result.output
    (record,) = [orjson.loads(line) for line in result.stdout.splitlines()]
    assert (record["doc_id"], record["annotator"], record["status"]) == (FIRST, GOLD, "done")
    exported = {(s["label"], s["text"]): (s["stance"], s["sources"]) for s in record["spans"]}
    assert exported == {
        ("SPEAKER", SATTAR): (None, ["ann", "bob"]),
        ("CUE", EXPRESSED): (None, ["ann", "bob"]),
        ("CLAIM", CLAIM_1): ("FAVOR", ["ann"]),
        ("CUE", HIM): (None, ["bob"]),
        ("SPEAKER", PRESIDENT): (None, ["bob"]),
        ("CLAIM", CLAIM_2_GOLD): ("AGAINST", []),
    }
    spans = {s["id"]: s["text"] for s in record["spans"]}
    assert sorted((r["label"], spans[r["head"]], spans[r["child"]]) for r in record["relations"]) == [
        ("ATTRIBUTED_TO", CLAIM_2_GOLD, SATTAR),
        ("ATTRIBUTED_TO", CLAIM_1, SATTAR),
        ("HAS_CUE", CLAIM_1, EXPRESSED),
    ]


def test_an_annotator_cannot_open_the_review_and_the_store_refuses_them(qtbot, db: Path) -> None:  # type: ignore[no-untyped-def]
    window = shown_window(qtbot, store_opener(db), "ann")
    # Ctrl+R says no: in the status bar and in a message box.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.windows.review is None
    assert window.statusBar().currentMessage().startswith("Only a lead may open the review (ann is an annotator)")
    box = window.findChild(QMessageBox, "review-refused")
    assert box is not None and box.isVisible()
    assert "annotator annotators add ann --role lead" in box.text()
    box.button(QMessageBox.StandardButton.Ok).click()
    # A review window made for ann anyway gets nothing from the Store.
    review = ReviewWindow(window, window.open_store, "ann")
    qtbot.addWidget(review)
    qtbot.waitUntil(lambda: "could not be measured" in review.sidebar.figures.state.text())
    assert "only a lead may read every annotator's layers" in review.sidebar.figures.state.text()
    review.open_document(FIRST)
    assert review.review.doc_id is None
    assert review.statusBar().currentMessage().startswith("only a lead may read every annotator's layers")
    review.close()
    window.close()


def test_when_another_lead_changes_gold_the_view_says_so_and_reads_it_again(  # type: ignore[no-untyped-def]
    qtbot, lead: MainWindow, disk: Store, db: Path
) -> None:
    review = open_review(qtbot, lead)
    click_document(qtbot, review, FIRST)
    qtbot.keyClick(review.units, "a")
    assert review.undo_group.canUndo()
    text = disk.document(FIRST).text
    president = next(s for s in disk.layer(FIRST, "bob").spans if text[s.start : s.end] == PRESIDENT)
    with Store.open(db, user="max") as other:
        other.adopt_span(FIRST, other.gold(FIRST).version, "bob", president.key)

    # Lena, not knowing, takes ann's claim: refused, told, and shown what gold holds now.
    assert current(review)[0] == "stance"
    qtbot.keyClick(review.units, "1")
    assert review.banner.isVisible()
    assert review.banner.text() == (
        f"max changed the gold layer of {FIRST} since you opened it. "
        "It has been read again; its undo history is cleared."
    )
    assert sorted(gold_on_disk(disk)) == [("CUE", EXPRESSED), ("SPEAKER", PRESIDENT), ("SPEAKER", SATTAR)]
    assert unit_rows(review)[1][4] == "SPEAKER Ilham Aliyev  ← bob"
    assert review.panes.headers[GOLD].text().startswith("gold — in progress · 3 spans")
    assert not review.undo_group.canUndo(), "her undo history of this document is gone"
    assert current(review)[0] == "stance", "the same unit stays the current one"

    # Now her change goes through, and the banner goes away.
    qtbot.keyClick(review.units, "1")
    assert ("CLAIM", CLAIM_1) in gold_on_disk(disk)
    assert not review.banner.isVisible()

    # An undo that gold has moved past is refused the same way.
    with Store.open(db, user="max") as other:
        key = next(s.key for s in other.gold(FIRST).layer.spans if s.label == "SPEAKER" and s.sources == ("bob",))
        other.remove_gold_spans(FIRST, other.gold(FIRST).version, [key])
    qtbot.keyClick(review.units, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(review.banner.isVisible)
    assert review.banner.text().startswith(f"max changed the gold layer of {FIRST}")
    assert ("CLAIM", CLAIM_1) in gold_on_disk(disk), "the undo was refused: nothing changed"
    assert ("SPEAKER", PRESIDENT) not in gold_on_disk(disk)
    assert unit_rows(review)[1][4] == "—"
    assert not review.undo_group.canUndo()


SECOND = "02-islamic-solidarity-foreign-policy-priority"
THIRD = "03-organization-of-turkic-states"
SECOND_CLAIM = "Strengthening of Islamic solidarity is one of the main priority issues of foreign policy for Azerbaijan"
THIRD_CLAIM = "His work as the chairman of the Non-Aligned Movement"


def claims(db: Path, who: str, doc_id: str, phrase: str, stance: str) -> None:
    with Store.open(db, user=who) as store:
        text = store.document(doc_id).text
        start = text.rindex(phrase)
        store.add_span(doc_id, who, start, start + len(phrase), "CLAIM", {"stance": stance})
        store.set_status(doc_id, who, Status.DONE)


@pytest.fixture
def claims_only(tmp_path: Path) -> Path:
    """Claims and nothing else: ann and bob differ in boundaries on the first article and agree on the second;
    ann alone has the third."""
    path = tmp_path / "claims.db"
    with Store.open(path, user="lena") as store:
        load_seeds(store)
    claims(path, "ann", FIRST, CLAIM_2, "AGAINST")
    claims(path, "bob", FIRST, CLAIM_2B, "AGAINST")
    for who in ("ann", "bob"):
        claims(path, who, SECOND, SECOND_CLAIM, "FAVOR")
    claims(path, "ann", THIRD, THIRD_CLAIM, "NONE")
    return path


def test_the_figures_the_heatmaps_and_the_documents_by_disagreement(  # type: ignore[no-untyped-def]
    qtbot, qtmodeltester, claims_only: Path
) -> None:
    window = shown_window(qtbot, store_opener(claims_only), "lena")
    review = open_review(qtbot, window)
    sidebar = review.sidebar
    figures = sidebar.figures

    # Documents, the most disagreement first; one annotator alone cannot disagree: n/a, and why.
    model = sidebar.model
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    with Store.open(claims_only) as store:
        titles = {doc_id: store.document(doc_id).title for doc_id in (FIRST, SECOND, THIRD)}
        third = store.document(THIRD).text.rindex(THIRD_CLAIM)
    assert rows == [
        [titles[FIRST], "1.00", "1", "1", ""],
        [titles[SECOND], "0.00", "1", "0", ""],
        [titles[THIRD], "n/a", "1", "0", ""],
    ]
    reason = model.index(2, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert reason == "undefined: fewer than two annotators have this document"
    qtmodeltester.check(model, force_py=True)

    # The figures: CLAIM F1 0.5 exact, 1.0 by overlap; no one marked a SPEAKER or a CUE: n/a, with the reason.
    summary = figures.summary.text()
    assert "&nbsp;0.50&nbsp;" in summary and "&nbsp;1.00&nbsp;" in summary
    assert "[1] SPEAKER F1 is undefined for every pair: neither annotator marked a SPEAKER span" in summary
    assert "[2] CUE F1 is undefined for every pair: neither annotator marked a CUE span" in summary
    assert "ATTRIBUTED_TO F1 n/a [3]" in summary
    assert "[3] ATTRIBUTED_TO F1 is undefined for every pair: neither annotator made ATTRIBUTED_TO" in summary
    claim = figures.heatmaps["CLAIM"]
    assert claim.cell("ann", "bob").figure.value == pytest.approx(0.5)
    assert claim.tooltip("bob", "ann").startswith("CLAIM, bob – ann: F1 0.500\n1 matched exactly")
    assert not figures.heatmaps["SPEAKER"].cell("ann", "bob").figure.defined
    figures.how.setCurrentIndex(figures.how.findData("overlap"))
    assert figures.heatmaps["CLAIM"].cell("ann", "bob").figure.value == pytest.approx(1.0)
    assert figures.heatmaps["stance κ"].cell("ann", "bob").note == "Cohen's κ over 2 claim(s) matched by overlap"

    # Keys: Ctrl+D goes to the list, Enter opens the current document, Ctrl+PgDown the next one.
    qtbot.keyClick(review.units, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert sidebar.ranking.hasFocus()
    qtbot.keyClick(sidebar.ranking, Qt.Key.Key_Down)
    qtbot.keyClick(sidebar.ranking, Qt.Key.Key_Return)
    assert review.review.doc_id == SECOND
    assert [row[0] for row in unit_rows(review)] == ["agreed"]
    qtbot.keyClick(review.units, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert review.review.doc_id == THIRD
    assert review.panes.names == ["ann", GOLD]
    assert unit_rows(review) == [["agreed", THIRD_CLAIM[:47] + "…", "CLAIM NONE", "—"]]
    # What the pointer is over is described, in the pane of each layer.
    assert review.panes.panes["ann"].describe(third + 3) == f"CLAIM “{THIRD_CLAIM}” NONE · agreed"
    assert review.panes.gold().describe(third + 3) == ""
    # Closed, the review opens anew with Ctrl+R.
    review.close()
    assert review.closed
    again = open_review(qtbot, window)
    assert again is not review and again.isVisible() and not again.closed
    again.close()
    window.close()


def test_esc_goes_back_to_the_unit_list_and_then_closes_the_review(qtbot, lead: MainWindow) -> None:  # type: ignore[no-untyped-def]
    review = open_review(qtbot, lead)
    click_document(qtbot, review, FIRST)
    qtbot.keyClick(review.units, "g")
    qtbot.waitUntil(review.panes.gold().hasFocus)
    qtbot.keyClick(review.panes.gold(), Qt.Key.Key_Escape)
    qtbot.waitUntil(review.units.hasFocus)
    assert review.isVisible()
    qtbot.keyClick(review.units, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not review.isVisible())
    # Its F1 help and the line under the unit list say so.
    assert "Esc in the unit list closes the review" in keys_html(lead.store.schema)
    assert "Esc close" in help_line(["ann", "bob"])
