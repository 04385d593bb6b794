"""Proposals computed off the GUI thread and, where the proposer can be sent there, in a process of its own: a long
article (the proposer may take 200 ms on 100,000 characters) never holds the event loop, and the first screen is
painted before the proposer even starts.

The proposer is a plain function of the text, the schema and the lexicon (``annotator.proposal.Proposer``): it
touches no Store, so nothing crosses but its arguments and its answer. A pool thread asks the Store for the lexicon,
sends the work and waits for the answer, which comes back by a queued signal; an answer for a document that is no
longer the one asked about last is dropped.

The proposer is Python. Run in the pool thread, it would hold the interpreter's lock while it works, and each time
the GUI thread comes back from Qt it would wait for the lock (up to 5 ms by default; every ``SWITCH`` seconds while
a job runs). So a proposer that can be sent to another process (a module's function, as the program's is) runs in
a worker process (``annotator.proposer.process``), started at the first request (after the first paint) and ended
with the window; the pool thread only waits for it. A closure (a test's) runs in the pool thread. A worker that dies
turns proposals off for the window, with a line in the status bar.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from annotator.logs import log_unexpected
from annotator.proposal import Lexicon, Proposals, Proposer
from annotator.proposer.process import ProposerFailed, ProposerProcess, ProposerStopped, sendable
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
        self.process = ProposerProcess(propose) if sendable(propose) else None
        self.propose, self.schema = self.process or propose, schema
        self.off = False  # the worker process died: no more proposals in this window
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
        if self.off:
            return
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
        """End the worker process and wait for a job running now (the window is closing: its answer would have no
        one to go to)."""
        self.forget()
        self.off = True  # what the ended worker makes the job say is no news
        if self.process is not None:
            self.process.close()
        self._pool.waitForDone()

    def _answered(self, number: int, proposals: Proposals) -> None:
        if number == self._number and self._doc_id is not None:
            self.ready.emit(self._doc_id, proposals)

    def _failed(self, number: int, error: Exception) -> None:
        if isinstance(error, ProposerStopped) and self.process is not None and not self.off:
            self.off = True  # whichever request it was: the worker is gone
            self.failed.emit(f"proposals are off: {error}; open the window again to have them back")
        elif number == self._number and not isinstance(error, ProposerStopped):
            path = log_unexpected(error)
            what = str(error) if isinstance(error, ProposerFailed) else f"{error.__class__.__name__}: {error}"
            self.failed.emit(f"no proposals: the proposer failed ({what}); see {path}")
