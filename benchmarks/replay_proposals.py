"""The replay starting from the window's proposals: accept the right ones, correct, and do the rest by hand.

1. **Accept**: each proposed content span that is a gold one, in text order: a click on it (Tab or Shift+Tab until it
   is the current proposal where another is picked first), then Enter, which stores it with its proposed sources,
   cues, links and attributes in one change; then, while it is selected, its stance, target and quote type keys
   where the proposal has not the gold's.
2. **Correct**: every stored span that is not in the gold (a wrong source or cue that came with a claim): selected and
   Delete (its links go with it).
3. **By hand**: ``finish_by_hand``, which draws what is still missing, names speakers and gives each content span its
   links, stance, target and quote type; for an accepted statement these are its corrections.

A statement is *accepted* when its content span was accepted and needed nothing more, *corrected* when it was
accepted and needed more, *by hand* otherwise. Its actions are those that chose, accepted and finished its content
span; the others (wrong spans removed, sources and cues drawn, speakers named) go to by hand.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from PySide6.QtCore import QElapsedTimer, Qt
from PySide6.QtWidgets import QApplication

from benchmarks.replay import GoldLayer, Hands, Outcome, finish_attributes, finish_by_hand, outcome, select
from ui.main_window import MainWindow

WAIT_MS = 20_000


def wait_for_proposals(window: MainWindow) -> bool:
    """Let the event loop turn until the open document's proposals are indexed (or ``WAIT_MS`` passes)."""
    proposing, clock = window.proposing, QElapsedTimer()
    clock.start()
    while clock.elapsed() < WAIT_MS:
        QApplication.processEvents()
        ghosts = proposing.ghosts
        if ghosts.proposals.spans and ghosts.indexed >= len(ghosts.proposals.spans):
            return True
    return False


def choose(hands: Hands, proposal: Any) -> bool:
    """Make ``proposal`` the current one: a click on it, then Tab (or Shift+Tab, towards it) while it is not."""
    proposing, session = hands.window.proposing, hands.window.session
    wanted = (proposal.start, -proposal.end, proposal.label, proposal.key)
    hands.click(proposal)
    for _ in range(12):
        current, span = proposing.current(), session.selected_span()
        if current is not None and current.key == proposal.key:
            return True
        here = current or span
        if here is None:
            hands.key(Qt.Key.Key_Tab)
            continue
        back = wanted < (here.start, -here.end, here.label, here.key)
        hands.key(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier if back else Qt.KeyboardModifier.NoModifier)
    return False


def replay_with_proposals(window: MainWindow, gold: GoldLayer) -> Outcome:
    """Annotate ``gold``'s document from the window's proposals (see the module); the layer is compared with it."""
    hands = Hands(window)
    session, statement = window.session, window.store.schema.statement
    wait_for_proposals(window)
    wanted = {(s.start, s.end, s.label): s for s in gold.spans}
    accepted: set[str] = set()
    spent: Counter[str] = Counter()  # actions after its acceptance, by gold content span
    taking: Counter[str] = Counter()  # actions that accepted it
    hands.doing = "accept"
    proposals = sorted(window.proposing.ghosts.shown(), key=lambda p: (p.start, -p.end))
    for proposal in proposals:
        gold_span = wanted.get((proposal.start, proposal.end, proposal.label))
        if proposal.label != statement.content or gold_span is None:
            continue
        if session.spans.find(proposal.start, proposal.end, proposal.label) is not None:
            continue
        if not window.proposing.ghosts.shows(proposal.key):
            continue  # hidden since (an accepted claim holds words of it): done by hand
        start = hands.total
        if choose(hands, proposal):
            hands.key(Qt.Key.Key_Return)
        taking[gold_span.key] += hands.total - start
        stored = session.spans.find(proposal.start, proposal.end, proposal.label)
        if stored is not None:
            accepted.add(gold_span.key)
            before = hands.total
            finish_attributes(hands, gold_span, stored.key)  # while it is selected: stance, target, quote
            spent[gold_span.key] += hands.total - before
            hands.doing = "accept"
    hands.doing = "remove"
    for span in sorted(session.spans.values(), key=lambda s: (s.start, -s.end)):
        if (span.start, span.end, span.label) not in wanted and span.key in session.spans:
            select(hands, span.key)
            hands.key(Qt.Key.Key_Delete)

    def kind_of(content_key: str) -> str:
        return "corrected" if content_key in accepted else "by hand"

    finish_by_hand(hands, gold, kind_of=kind_of, spent=spent)
    result = outcome(hands, gold)
    contents = [s.key for s in gold.spans if s.label == statement.content]
    kinds = {
        key: ("accepted" if spent[key] == 0 else "corrected") if key in accepted else "by hand" for key in contents
    }
    result.statement_kinds = Counter(kinds.values())
    result.kinds = Counter()
    for key, kind in kinds.items():
        result.kinds[kind] += taking[key] + spent[key]
    result.kinds["by hand"] += result.actions - sum(result.kinds.values())  # and what no one statement took
    return result
