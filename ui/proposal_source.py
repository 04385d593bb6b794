"""Proposals computed off the GUI thread: the window's proposer runs in a pool thread and its answer comes back by a
queued signal, so that a long article (the proposer may take 200 ms on 100,000 characters) never holds the event
loop, and the first screen is painted before the proposer even starts.

The proposer is a plain function of the text, the schema and the lexicon (``annotator.proposal.Proposer``): it
touches no Store, so nothing crosses threads but its arguments and its answer. An answer for a document that is no
longer the one asked about last is dropped.

The proposer is Python, and holds the interpreter's lock while it works: each time the GUI thread comes back from
Qt it waits for the lock, by default up to 5 ms, and a turn of the event loop comes back many times. While a job
runs, the lock changes hands every ``SWITCH`` seconds instead, so that the window answers as it does without one.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from annotator.logs import log_unexpected
from annotator.proposal import Lexicon, Proposals, Proposer
from annotator.schema import Schema

SWITCH = 0.0001


class _Relay(QObject):
    """Lives in the GUI thread: what a pool thread emits reaches its slots queued."""

    answered = Signal(int, object)  # request number, Proposals
    failed = Signal(int, object)  # request number, the exception


class _Job(QRunnable):
    def __init__(
        self, relay: _Relay, number: int, propose: Proposer, text: str, schema: Schema, teach: Callable[[], Lexicon]
    ):
        super().__init__()
        self.relay, self.number, self.propose = relay, number, propose
        self.text, self.schema, self.teach = text, schema, teach

    def run(self) -> None:
        interval = sys.getswitchinterval()
        sys.setswitchinterval(min(interval, SWITCH))  # one job at a time: nobody else sets it meanwhile
        try:
            proposals = self.propose(self.text, self.schema, self.teach())
        except Exception as error:  # reported in the window; the proposer is never trusted to keep the app up
            self.relay.failed.emit(self.number, error)
        else:
            self.relay.answered.emit(self.number, proposals)
        finally:
            sys.setswitchinterval(interval)


class ProposalSource(QObject):
    """Asks the proposer for a document's proposals, one request at a time (a later request voids the earlier)."""

    ready = Signal(str, object)  # doc id, Proposals: for the document asked about last
    failed = Signal(str)  # one line for the status bar

    def __init__(self, propose: Proposer, schema: Schema) -> None:
        super().__init__()
        self.propose, self.schema = propose, schema
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one document at a time; the machine's other cores stay the GUI's
        self._relay = _Relay(self)
        self._relay.answered.connect(self._answered)
        self._relay.failed.connect(self._failed)
        self._number = 0
        self._doc_id: str | None = None

    def request(self, doc_id: str, text: str, teach: Callable[[], Lexicon]) -> None:
        """Compute the proposals of ``text`` in a pool thread, with the lexicon ``teach`` gives (called in that
        thread: it may read the database); ``ready`` brings them (unless another request came first). A request
        still waiting for a thread is dropped."""
        self._number += 1
        self._doc_id = doc_id
        self._pool.clear()
        self._pool.start(_Job(self._relay, self._number, self.propose, text, self.schema, teach))

    def forget(self) -> None:
        """Drop the answer to the last request (the document was closed)."""
        self._number += 1
        self._doc_id = None
        self._pool.clear()

    def stop(self) -> None:
        """Wait for a job running now (the window is closing: its answer would have no one to go to)."""
        self.forget()
        self._pool.waitForDone()

    def _answered(self, number: int, proposals: Proposals) -> None:
        if number == self._number and self._doc_id is not None:
            self.ready.emit(self._doc_id, proposals)

    def _failed(self, number: int, error: Exception) -> None:
        if number == self._number:
            path = log_unexpected(error)
            self.failed.emit(f"no proposals: the proposer failed ({error.__class__.__name__}: {error}); see {path}")
