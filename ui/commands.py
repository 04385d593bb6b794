"""The one QUndoCommand of the window: a change to the reader's layer, as the Store made it.

The edit is made (one Store transaction) before its command joins the stack, so the stack's first ``redo`` has
nothing to do. ``undo`` applies the change's inverse; ``redo`` applies the inverse of what the undo stored. Each is
one transaction, refused when someone else has changed the layer since (then the window says so and reads the layer
again; see ``Session.revert``). A command remembers its document: undoing an edit made on another document opens
that document first.

An edit that waits for a busy project (``ui.waiting``) joins the stack at once, without its change: undo takes it
back (it is never stored), redo puts it back in the queue; once stored it is like any other.

An undo or a redo of a stored edit that meets a busy project (or edits that wait already) waits too, behind them: it
is shown at once (``Session.show_unstored``, at the version the copy holds), stored in order as soon as the
project is free, built then on the layer as it is. Its opposite step while it waits takes it back (a redo of a waiting
undo, an undo of a waiting redo): never stored, and the screen shows the stored layer again. Given up, it is taken off
the screen and the stack goes back to where the layer is (``line_up``).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.change import LayerChange
from annotator.errors import AnnotatorError, Busy
from annotator.model import Document
from ui.session import Session
from ui.waiting import Edit, Waiting, WaitingEdits


class LayerEdit(QUndoCommand):
    def __init__(
        self, session: Session, change: LayerChange | None, text: str, waiting: WaitingEdits | None = None
    ) -> None:
        super().__init__(text)
        self.session = session
        self.change = change  # as the layer holds it while the command is done; None while it waits
        self.undone: LayerChange | None = None  # what the last undo stored, while the command is undone
        self.waiting = waiting
        self.taken_back = False  # undone while it waited: never stored
        self.pending: Waiting | None = None  # its undo or redo, waiting for a busy project
        self.pending_undo = False  # which of the two waits
        self.given_up: str | None = None  # "undo" or "redo": a step given up, the layer as it was; the stack moves back
        self._shown: tuple[Document | None, LayerChange] | None = None  # the waiting step as shown, and where

    def wait(self, edit: Edit) -> None:
        """Wait in ``waiting`` (the project is busy) to be made by ``edit``; ``change`` is set once it is stored."""
        assert self.waiting is not None
        self._waiting = Waiting(self.text(), edit, self._stored, (self.session.doc_id, self.session.annotator))
        self.waiting.add(self._waiting)

    def _stored(self, change: LayerChange) -> None:
        self.change = change
        if change.empty:
            self.setObsolete(True)

    def undo(self) -> None:
        if self.isObsolete():  # stored as no change at all
            return
        if self.given_up == "redo":  # its redo was given up: the layer holds it undone, as the stack now says
            self.given_up = None
            return
        if self.pending is not None:  # an undo of a redo that waits: taken back
            self._take_back()
            return
        if self.change is None:  # it waits: taken back, never stored; or it was given up
            assert self.waiting is not None
            self.taken_back = self.waiting.take_back(self._waiting)
            if not self.taken_back:
                self.setObsolete(True)  # given up: nothing to undo or redo, and the stack forgets it
            return
        undone = self._revert(self.change, "undo")
        if undone is not None:
            self.undone = undone

    def redo(self) -> None:
        if self.given_up == "undo":  # its undo was given up: the layer holds it done, as the stack now says
            self.given_up = None
            return
        if self.pending is not None:  # a redo of an undo that waits: taken back
            self._take_back()
            return
        if self.taken_back:  # redo of an edit taken back while it waited: it waits again, last
            assert self.waiting is not None
            self.taken_back = False
            self.waiting.add(self._waiting)
            return
        if self.undone is None:  # pushed: made already (or an undo was refused, and it is made still)
            return
        redone = self._revert(self.undone, "redo")
        if redone is not None:
            self.change, self.undone = redone, None

    def _revert(self, change: LayerChange, doing: str) -> LayerChange | None:
        session = self.session
        try:
            if session.doc_id != change.doc_id:
                session.open(change.doc_id)
            if self.waiting is not None and self.waiting.busy:
                raise Busy  # edits wait already: this step waits behind them
            done = session.revert(change)
        except Busy:
            if self.waiting is None:
                session.failed.emit(f"could not {doing} “{self.text()}”: {Busy()}")
            else:
                self._wait_to_revert(change, doing)
            return None
        except AnnotatorError as error:  # an undo stack cannot raise: the window reports it and reloads
            session.failed.emit(f"could not {doing} “{self.text()}”: {error}")
            return None
        self._select(done)
        return done

    def _select(self, done: LayerChange) -> None:
        shown = [span.key for span in done.added] + [after.key for _, after in done.modified]
        if shown:
            self.session.select(shown[0])

    # -- an undo or redo that waits for a busy project ---------------------------------------------------------

    def _wait_to_revert(self, change: LayerChange, doing: str) -> None:
        assert self.waiting is not None
        session = self.session
        self.pending_undo = doing == "undo"
        self.pending = Waiting(
            f"{doing.capitalize()} of {self.text()}",
            lambda: self._store_revert(change),
            self._reverted,
            (session.doc_id, session.annotator),
            dropped=self._dropped,
            back="Ctrl+Z" if doing == "redo" else "Ctrl+Y",
        )
        self.waiting.add(self.pending)
        self._show(change.inverse())

    def _store_revert(self, change: LayerChange) -> LayerChange:
        """Made when the project is free, after the edits before it: the screen shows the stored layer again, then
        the step as stored (both in one turn of the event loop: nothing flickers)."""
        self._unshow()
        try:
            return self.session.revert(change)
        except Busy:  # taken again meanwhile: shown again, and it waits on
            self._show(change.inverse())
            raise
        except AnnotatorError:  # refused (the layer changed elsewhere): ui.waiting says why; nothing stored
            self.pending = None
            raise

    def _reverted(self, done: LayerChange) -> None:
        # Python attributes only: the command may have left the stack meanwhile (a new edit over an undone one).
        if self.pending_undo:
            self.undone = done
        else:
            self.change, self.undone = done, None
        self.pending = None
        if done.doc_id == self.session.doc_id:
            self._select(done)

    def _take_back(self) -> None:
        assert self.waiting is not None and self.pending is not None
        self.waiting.take_back(self.pending)
        self.pending = None
        self._unshow()

    def _dropped(self) -> None:
        """Given up: the stored layer shown again, and the stack to be lined up with it."""
        self.given_up = "undo" if self.pending_undo else "redo"
        self.pending = None
        self._unshow()

    def _show(self, step: LayerChange) -> None:
        session = self.session
        if step.doc_id == session.doc_id:  # at the version held: the copy's version stays the stored one
            session.show_unstored(replace(step, version_before=session.version, version_after=session.version))
            self._shown = (session.document, step)

    def _unshow(self) -> None:
        if self._shown is None:
            return
        document, preview = self._shown
        self._shown = None
        if document is not None and document is self.session.document:  # not read again meanwhile
            self._show(preview.inverse())
            self._shown = None


def line_up(stack: QUndoStack) -> None:
    """After waiting steps were given up: move the stack to where the layer is (a given-up undo done again, a
    given-up redo undone again, by the commands' own flags: nothing is stored)."""
    flagged = [(n, c) for n in range(stack.count()) if isinstance(c := stack.command(n), LayerEdit) and c.given_up]
    ups = [n for n, command in flagged if command.given_up == "undo" and n >= stack.index()]
    downs = [n for n, command in flagged if command.given_up == "redo" and n < stack.index()]
    if ups:
        stack.setIndex(max(ups) + 1)
    elif downs:
        stack.setIndex(min(downs))
