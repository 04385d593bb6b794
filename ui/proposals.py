"""Proposals in the window: asked for once the first screen is painted, shown as ghost marks when ready, and
confirmed by keys.

Tab and Shift+Tab move through proposals and spans together, in text order. On a proposal, Enter accepts it (a
proposed claim with its speaker, cue, links and attributes: one change, one undo step), Backspace or Delete rejects
it (remembered for the layer, undoable); Shift+Enter accepts every proposal of the sentence. Keys that are not about a
proposal, and every key while linking or unlinking, go to ``Tagging`` as before. Proposals are never stored in a
layer until accepted, and are computed once per document, never on the GUI thread.
"""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QTextCursor, QUndoStack

from annotator.change import LayerChange
from annotator.errors import AnnotatorError
from annotator.model import Span, Status
from annotator.proposal import Lexicon, Proposals, ProposedSpan, Proposer
from annotator.proposer.stances import Evidence
from ui.article_view import ArticleView
from ui.errors import guarded
from ui.highlighter import Mark
from ui.palette import LabelStyle
from ui.proposal_changes import Rejection, acceptance, evidenced, rejection, sentence_around
from ui.proposal_commands import RejectProposal
from ui.proposal_marks import Ghosts, order_key
from ui.proposal_source import ProposalSource
from ui.remembered import remember_flag, remembered_flag
from ui.session import Session
from ui.span_table import order_key as span_order
from ui.tagging import PLAIN, Tagging

SHOWN_SETTING = "proposals/shown"
SLICE = 0.004  # seconds of indexing proposals per turn of the event loop, as the highlighter paints
RETURN = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
SHIFT = Qt.KeyboardModifier.ShiftModifier


class Proposing(QObject):
    message = Signal(str)  # for the status bar

    def __init__(
        self,
        session: Session,
        view: ArticleView,
        tagging: Tagging,
        stack: QUndoStack,
        styles: dict[str, LabelStyle],
        propose: Proposer | None,
    ) -> None:
        super().__init__()
        self.session, self.view, self.tagging, self.stack = session, view, tagging, stack
        self.ghosts = Ghosts(styles)
        self.ghosts.enabled = remembered_flag(SHOWN_SETTING, True)
        self.toggle = QAction("Show proposals", self)  # the window puts it in a menu
        self.toggle.setCheckable(True)
        self.toggle.setChecked(self.ghosts.enabled)
        self.toggle.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.toggle.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.toggle.triggered.connect(lambda: self.set_shown(self.toggle.isChecked()))
        # What the project taught the proposer (for whom): read when first asked, again after a layer is marked done.
        self.lexicon: tuple[str, Lexicon] | None = None
        self.source = ProposalSource(propose, session.schema) if propose is not None else None
        self._asked: str | None = None  # the document proposals were asked for
        self._answer: tuple[str, Proposals] | None = None  # proposals ready, held until the layer is read whole
        self._learned: Evidence = {}  # the stances the lexicon of the proposals shown taught
        self._evidenced: tuple[object, int, Proposals] | None = None  # the proposals shown, stances given now
        self._later = QTimer(self)  # asks even if the article is not painted (a hidden window)
        self._later.setSingleShot(True)
        self._later.setInterval(200)
        self._later.timeout.connect(self._ask)
        self._indexing = QTimer(self)
        self._indexing.setSingleShot(True)
        self._indexing.timeout.connect(self._index)
        self._unshown = False  # proposals are being indexed that no paint has shown yet
        view.ghosts = self.ghosts.frames
        view.key_handler = self.key
        view.clicked.connect(self._clicked)
        session.opened.connect(self._opened)
        session.loaded.connect(self._show_answer)
        session.changed.connect(self._changed)
        session.selection_changed.connect(self._selection_changed)
        if self.source is not None:
            self.source.ready.connect(self._ready)
            self.source.failed.connect(self.message.emit)

    # -- asking the proposer ---------------------------------------------------------------------------------

    def _opened(self) -> None:
        doc_id = self.session.doc_id
        if doc_id is not None and self._answer is not None and self._answer[0] == doc_id:
            self._show_answer()  # the same document read again: the same text, the same proposals
            return
        self.ghosts.clear()
        self._indexing.stop()
        self._answer, self._asked = None, None
        if self.source is not None:
            self.source.forget()
            self._later.start()
            self.view.viewport().installEventFilter(self)  # until the first paint: then not a call more per event

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The first paint of a new document asks for its proposals just after it: never before it, never in it.
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            if self._later.isActive():
                self._later.stop()
                QTimer.singleShot(0, self._ask)
        return False

    @guarded
    def _ask(self) -> None:
        self.view.viewport().removeEventFilter(self)
        document = self.session.document
        if self.source is not None and document is not None and self._asked != document.doc_id:
            self._asked = document.doc_id
            self.source.request(document.doc_id, document.text, self._taught)

    def _taught(self) -> Lexicon:
        """The source and cue phrases of the reader's done layers (``Store.taught``), learned once and again after a
        layer is marked done. Called in the proposer's thread, off the event loop."""
        session = self.session
        taught = self.lexicon
        if taught is None or taught[0] != session.annotator:
            taught = self.lexicon = (
                session.annotator,
                session.store.lexicon(session.annotator),
            )
        return taught[1]

    def _ready(self, doc_id: str, proposals: Proposals) -> None:
        if doc_id == self.session.doc_id:
            self._answer = (doc_id, proposals)
            self._show_answer()

    @guarded
    def _show_answer(self) -> None:
        """Show the proposals that came, once the layer is read whole (which of them it holds is known then)."""
        if self._answer is None or self._answer[0] != self.session.doc_id or self.session.loading:
            return
        doc_id, proposals = self._answer
        length = len(self.session.document.text) if self.session.document else 0
        proposals = _sound(proposals, self.session.schema.label_names, length)
        self._learned = self.lexicon[1].stances if self.lexicon is not None else {}
        self.ghosts.take(proposals, self.session.store.rejections(doc_id, self.session.annotator))
        self._unshown = True
        self._indexing.start(0)

    @guarded
    def _index(self) -> None:
        """Index the proposals' marks, and find the boxes of those in view (not in the paint that shows them: 30 ms),
        for at most ``SLICE`` seconds, then let the event loop turn; again until done."""
        to16, until = self.session.positions.to_utf16, time.perf_counter() + SLICE
        done = self.ghosts.index(
            self.session.spans, lambda p: Mark(to16(p.start), to16(p.end), p.label, p.key),
            self.view.highlighter.index.blocks_of, until,
        )  # fmt: skip
        ready = self.view.measure(until)
        if ready and (self._unshown or done):  # a repaint costs more than a slice: what is in view first, then all
            self._unshown, viewport = False, self.view.viewport()
            QTimer.singleShot(0, viewport, viewport.update)  # the paint in a turn of its own, not after this slice
        if not (done and ready):
            self._indexing.start(0)
        elif self.ghosts.proposals.spans and self.ghosts.enabled:
            self.message.emit(f"{len(self.ghosts.shown())} proposals: Tab to one, Enter accepts, Backspace rejects")

    def stop(self) -> None:
        """The window closes: wait for a proposer still running."""
        self._later.stop()
        if self.source is not None:
            self.source.stop()

    # -- following the layer ---------------------------------------------------------------------------------

    def _changed(self, change: LayerChange) -> None:
        if change.status is not None and Status.DONE in change.status:
            self.lexicon = None  # the done layers changed: what they teach is read again at the next request
        spans = [*change.added, *change.removed, *(after for _, after in change.modified)]
        if spans and self.ghosts.proposals.spans:  # the blocks of the spans and of the proposals over them change
            stretches, to = [(s.start, s.end) for s in spans], self.session.positions.to_utf16
            self.ghosts.recheck(self.session.spans, stretches)
            ends = [*stretches, *((p.start, p.end) for s in stretches for p in self.ghosts.overlapping(*s))]
            self.view.update_marks(Mark(to(start), to(end), "", "") for start, end in ends)

    def _selection_changed(self, key: str | None) -> None:
        if key is not None and self.ghosts.current is not None:
            self.ghosts.current = None
            self.view.viewport().update()

    def set_shown(self, shown: bool) -> None:
        """The toggle: show or hide the proposals (remembered for the next time)."""
        self.ghosts.enabled = shown
        self.toggle.setChecked(shown)
        remember_flag(SHOWN_SETTING, shown)
        if not shown:
            self.ghosts.current = None
        self.view.viewport().update()
        self.message.emit("proposals shown" if shown else "proposals hidden (Ctrl+Shift+P shows them)")

    # -- the current proposal --------------------------------------------------------------------------------

    def current(self) -> ProposedSpan | None:
        key = self.ghosts.current
        return self.ghosts.span(key) if key is not None and self.ghosts.shows(key) else None

    def choose(self, proposal: ProposedSpan | None, *, scroll: bool = True) -> None:
        self.session.select(None)
        self.ghosts.current = proposal.key if proposal is not None else None
        mark = self.ghosts.mark(proposal.key) if proposal is not None else None
        if proposal is not None and mark is not None:
            if scroll:
                cursor = QTextCursor(self.view.document())
                cursor.setPosition(mark.start)
                self.view.setTextCursor(cursor)
                self.view.ensureCursorVisible()
            self.message.emit(f"{self.describe_proposal(proposal)} · Enter accepts, Backspace rejects")
        self.view.viewport().update()

    def evidenced(self) -> Proposals:
        """The proposals shown with the stances the evidence gives now (``ui.proposal_changes.evidenced``)."""
        s, shown, held = self.session, self.ghosts.proposals, self._evidenced
        if held is None or held[0] is not shown or held[1] != s.version:
            given = evidenced(shown, s.schema, self._learned, s.doc_id or "", s.ordered(), s.relations.values())
            held = self._evidenced = (shown, s.version, given)
        return held[2]

    def describe_proposal(self, proposal: ProposedSpan) -> str:
        proposal = self.evidenced().span(proposal.key) or proposal
        text = self.session.document.text[proposal.start : proposal.end] if self.session.document else ""
        excerpt = text if len(text) <= 60 else text[:59] + "…"
        return f"proposed {proposal.label} “{excerpt}” — {proposal.rule}"

    def describe(self, position16: int) -> str:
        """The proposals over a position, for the tooltip."""
        at = self.session.positions.codepoint_at(position16)
        return "\n".join(self.describe_proposal(p) for p in self.ghosts.at(at))

    def with_proposals(self, describe: Callable[[int], str]) -> Callable[[int], str]:
        """``describe`` (what the spans over a position are) followed by the proposals there."""
        return lambda position16: "\n".join(filter(None, [describe(position16), self.describe(position16)]))

    @guarded
    def _clicked(self, position16: int, selecting: bool) -> None:
        if selecting or self.tagging.linking is not None or self.tagging.unlinking.active:
            return
        if self.session.selected is None:  # a stored span under the pointer is picked first
            here = self.ghosts.at(self.session.positions.codepoint_at(position16))
            if here or self.ghosts.current is not None:
                self.choose(here[0] if here else None, scroll=False)

    # -- keys ------------------------------------------------------------------------------------------------

    @guarded
    def key(self, event: QKeyEvent) -> bool:
        key, modifiers = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        tagging = self.tagging
        if tagging.linking is not None or tagging.unlinking.active or not self.ghosts.any_shown():
            return tagging.key(event)
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.step(forward=key == Qt.Key.Key_Tab and not modifiers & SHIFT)
            return True
        proposal = self.current()
        if key in RETURN and modifiers == SHIFT:
            self.accept_sentence()
            return True
        if key in RETURN and event.modifiers() in PLAIN:
            if proposal is None and self.session.selected is None:
                here = self.ghosts.at(self.session.positions.codepoint_at(self.view.textCursor().position()))
                proposal = here[0] if here else None
            if proposal is None:
                return tagging.key(event)
            self.accept([proposal.key], f"accept proposed {proposal.label}")
            return True
        if key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete) and event.modifiers() in PLAIN and proposal is not None:
            self.reject(proposal)
            return True
        if key == Qt.Key.Key_Escape and self.ghosts.current is not None:
            self.choose(None)
        return tagging.key(event)

    def step(self, forward: bool) -> None:
        """The next (or previous) proposal or span in text order, round at the ends."""
        spans = self.session.ordered()
        span, proposal = self.session.selected_span(), self.current()
        if span is not None:
            here = span_order(span)
        elif proposal is not None:
            here = order_key(proposal)
        elif forward:
            anchor = self.session.positions.codepoint_at(self.view.textCursor().position())
            here = (anchor, -(1 << 62), "", "")
        else:
            here = (1 << 62, 0, "", "")
        next_span = _neighbour(spans, here, forward)
        next_proposal = self.ghosts.after(here, forward)
        if next_span is None and next_proposal is None:  # round the end
            far = (-1, 0, "", "") if forward else (1 << 62, 0, "", "")
            next_span, next_proposal = _neighbour(spans, far, forward), self.ghosts.after(far, forward)
        if next_span is not None and (
            next_proposal is None or (span_order(next_span) < order_key(next_proposal)) == forward
        ):
            self.ghosts.current = None
            self.session.select(next_span.key)
        elif next_proposal is not None:
            self.choose(next_proposal)

    # -- accepting and rejecting -----------------------------------------------------------------------------

    def accept(self, keys: list[str], what: str) -> None:
        session, document = self.session, self.session.document
        if document is None:
            return
        made = acceptance(
            self.evidenced(),
            keys,
            spans=session.spans,
            relations=session.relations,
            rejected=self.ghosts.rejected,
            schema=session.schema,
            text=document.text,
            keys=session.fresh_keys("s"),
            guess_speaker=session.guess_speaker,
        )
        if made.empty:
            self.message.emit("the layer holds these proposals already")
            return
        change = LayerChange(
            document.doc_id, session.annotator, session.version, session.version, added=made.added,
            modified=made.modified, linked=made.linked,
        )  # fmt: skip
        if self.tagging.do(what, lambda: session.apply(change)) is None:
            return
        self.ghosts.current = None
        session.select(made.first)
        links = f", {len(made.linked)} link(s)" if made.linked else ""
        self.message.emit(f"{what}: {len(made.added)} span(s) added{links} (Ctrl+Z takes it back)")

    def accept_sentence(self) -> None:
        document = self.session.document
        if document is None:
            return
        anchor: Span | ProposedSpan | None = self.current() or self.session.selected_span()
        at = anchor.start if anchor else self.session.positions.codepoint_at(self.view.textCursor().position())
        start, end = sentence_around(document.text, at)
        keys = [p.key for p in self.ghosts.shown() if start <= p.start < end]
        if not keys:
            self.message.emit("no proposals in this sentence")
            return
        self.accept(keys, f"accept the sentence's {len(keys)} proposal(s)")

    def reject(self, proposal: ProposedSpan) -> None:
        session, doc_id = self.session, self.session.doc_id
        if doc_id is None:
            return
        rejected = rejection(proposal)
        try:
            session.store.reject_proposal(doc_id, session.annotator, *rejected)
        except AnnotatorError as error:
            self.message.emit(f"not done: {error}")
            return
        self.stack.push(RejectProposal(session, doc_id, rejected, self._rejected))
        self._rejected(doc_id, rejected, True)
        self.message.emit(f"proposed {proposal.label} rejected (Ctrl+Z brings it back)")
        self.step(forward=True)  # from where the rejected one was: the next proposal or span

    def _rejected(self, doc_id: str, rejected: Rejection, is_rejected: bool) -> None:
        if doc_id != self.session.doc_id:
            return
        if is_rejected:
            self.ghosts.rejected.add(rejected)
        else:
            self.ghosts.rejected.discard(rejected)
        current = self.current()
        if current is None:
            self.ghosts.current = None
        self.view.viewport().update()


def _sound(proposals: Proposals, labels: Iterable[str], length: int) -> Proposals:
    """The proposals of labels the schema has, within the text (a proposer's mistake shows nothing, breaks nothing)."""
    known = set(labels)
    spans = tuple(p for p in proposals.spans if p.label in known and 0 <= p.start < p.end <= length)
    if len(spans) == len(proposals.spans):
        return proposals
    keys = {p.key for p in spans}
    return Proposals(spans, tuple(r for r in proposals.relations if r.head in keys and r.child in keys))


def _neighbour(spans: list[Span], here: tuple[int, int, str, str], forward: bool) -> Span | None:
    if forward:
        index = bisect_right(spans, here, key=span_order)
        return spans[index] if index < len(spans) else None
    index = bisect_left(spans, here, key=span_order)
    return spans[index - 1] if index > 0 else None
