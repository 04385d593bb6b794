"""The proposer in a process of its own, so that the program that asks (the window) never waits for it.

The proposer is Python: in a thread of the window's process it would hold the interpreter's lock while it works
(200 ms on 100,000 characters), and the window's thread would wait for the lock each time it comes back from Qt. In a
process of its own it has a lock of its own. ``ProposerProcess`` starts one long-lived worker (``spawn``: a fresh
interpreter, which shares nothing with the caller's threads) when first asked, sends it the text, the schema and
the lexicon, and gets the proposals back as plain values (pickled dataclasses). One request at a time. As with any
``spawn`` process, the worker imports the program's main module: a script that opens the window keeps its start
under ``if __name__ == "__main__":`` (the ``annotator`` command and ``python -m`` do).

A worker that dies (killed, out of memory, a crash in the interpreter) makes ``ProposerStopped``: the caller turns
proposals off and says so. An exception of the proposer's own comes back as ``ProposerFailed``, with its type and
message; the worker carries on.
"""

from __future__ import annotations

import multiprocessing
import pickle
import threading
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from annotator.proposal import Lexicon, Proposals, Proposer
from annotator.schema import Schema

STOP_SECONDS = 2.0
"""How long ``close`` waits for the worker to finish before it is killed."""


class ProposerStopped(Exception):
    """The proposer's process is gone: no proposals come from it any more."""


class ProposerFailed(Exception):
    """The proposer raised an exception in its process (its type and message are this one's message)."""


def sendable(propose: Proposer) -> bool:
    """Whether ``propose`` can be sent to another process: a module's function can, a closure (a test's) cannot."""
    try:
        pickle.dumps(propose)
    except Exception:  # pickling raises PicklingError, AttributeError or TypeError, by what it meets
        return False
    return True


def serve(requests: Connection, propose: Proposer) -> None:
    """The worker's loop: each (text, schema, lexicon) is answered with ("ok", Proposals) or ("error", what went
    wrong), until the other end closes the pipe."""
    while True:
        try:
            text, schema, lexicon = requests.recv()
        except (EOFError, OSError):
            return
        try:
            answer: tuple[str, object] = ("ok", propose(text, schema, lexicon))
        except Exception as error:  # the worker outlives a proposer's error, as the thread did
            answer = ("error", f"{error.__class__.__name__}: {error}")
        requests.send(answer)


class ProposerProcess:
    """A ``Proposer`` that runs ``propose`` in a worker process, started at the first call; ``close`` ends it."""

    def __init__(self, propose: Proposer) -> None:
        self.propose = propose
        self._process: BaseProcess | None = None
        self._pipe: Connection | None = None
        self._calling = threading.Lock()  # one request at a time on the pipe
        self._closed = False

    @property
    def pid(self) -> int | None:
        """The worker's process id, once it is started."""
        return self._process.pid if self._process is not None else None

    @property
    def alive(self) -> bool:
        """Whether the worker runs now."""
        return self._process is not None and self._process.is_alive()

    def start(self) -> None:
        """Start the worker now (else the first call does)."""
        if self._process is not None or self._closed:
            return
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(target=serve, args=(theirs, self.propose), name="annotator proposer", daemon=True)
        process.start()
        theirs.close()
        self._process, self._pipe = process, ours

    def __call__(self, text: str, schema: Schema, lexicon: Lexicon) -> Proposals:
        """The proposals of ``text``, computed in the worker; waits for them (call it off the event loop's thread)."""
        with self._calling:
            if self._closed:
                raise ProposerStopped("the proposer's process was stopped")
            self.start()
            assert self._pipe is not None
            try:
                self._pipe.send((text, schema, lexicon))
                kind, value = self._pipe.recv()
            except (EOFError, OSError):
                raise ProposerStopped(self._why()) from None
        if kind == "error":
            raise ProposerFailed(str(value))
        assert isinstance(value, Proposals)
        return value

    def _why(self) -> str:
        process = self._process
        if process is not None:
            process.join(STOP_SECONDS)
            if process.exitcode is not None:
                return f"the proposer's process stopped (exit code {process.exitcode})"
        return "the proposer's process stopped answering"

    def close(self) -> None:
        """End the worker: a call waiting for it ends with ``ProposerStopped``. Killed if it does not end at once."""
        self._closed = True
        process = self._process
        if process is None:
            return
        if process.is_alive():
            process.terminate()  # a request may be running: its answer has no one to go to
            process.join(STOP_SECONDS)
            if process.is_alive():
                process.kill()
                process.join(STOP_SECONDS)
        if self._calling.acquire(timeout=STOP_SECONDS):  # a call still waiting has seen the end of the pipe
            try:
                if self._pipe is not None:
                    self._pipe.close()
            finally:
                self._calling.release()
