"""Errors that reach a person: what went wrong, where, and what to do."""

from __future__ import annotations

from annotator.model import GOLD


class AnnotatorError(Exception):
    """Base of the errors the program expects and reports in one line (exit status 1)."""


class DataError(AnnotatorError):
    """Bad input: a file, a line or a span that cannot be taken as it is.

    ``str(error)`` is the whole one-line message: ``FILE:LINE: span ID [START, END): PROBLEM; HINT``
    (``FILE:LINE:COLUMN`` where the column is known: a JSON syntax error).
    """

    def __init__(
        self,
        problem: str,
        *,
        source: str | None = None,
        line: int | None = None,
        span: str | None = None,
        hint: str | None = None,
        column: int | None = None,
    ) -> None:
        self.problem = problem
        self.source = source
        self.line = line
        self.column = column
        self.span = span
        self.hint = hint
        super().__init__(self.message())

    def message(self) -> str:
        where = ""
        if self.source is not None:
            where = self.source if self.line is None else f"{self.source}:{self.line}"
            where += f":{self.column}" if self.line is not None and self.column is not None else ""
        parts = [p for p in (where, f"span {self.span}" if self.span else "") if p]
        text = self.problem if not parts else f"{': '.join(parts)}: {self.problem}"
        return f"{text}; {self.hint}" if self.hint else text

    def located(self, *, source: str | None = None, line: int | None = None, column: int | None = None) -> DataError:
        """The same error with a file and line filled in where it had none."""
        return DataError(
            self.problem,
            source=self.source or source,
            line=self.line if self.line is not None else line,
            span=self.span,
            hint=self.hint,
            column=self.column if self.line is not None else column,
        )


class SchemaError(AnnotatorError):
    """A schema file that cannot be used; the message names the file and the problem."""


class StoreError(AnnotatorError):
    """The database cannot do what was asked: cannot be opened, is newer than the program, refuses a role."""


class ReadOnlyProject(StoreError):
    """The project is open for reading only (its file, its folder or the login's privileges): the message says why
    and what to do."""


class Busy(StoreError):
    """Another program held the project's write lock for longer than this write would wait: nothing was stored.

    The window waits only a moment on the spot (``Store.hurry``), then keeps the edit and tries again."""

    def __init__(self, where: str | None = None) -> None:
        busy = "the project is busy: another program is writing to it (it is locked), nothing was stored"
        super().__init__(f"cannot open {where}: {busy}" if where else busy)


class PermissionDenied(AnnotatorError):
    """The person working may not do this: only a lead adjudicates, exports gold or reads others' layers.

    The message says who may do it, and how a lead gives that right.
    """


class LayerChanged(AnnotatorError):
    """A layer moved on since the caller read it: a change (an undo, a redo, an edit built on what was read) names
    the version it was made against, and a stale one is refused, never merged in silence."""

    def __init__(self, doc_id: str, annotator: str, by: str | None = None) -> None:
        self.doc_id = doc_id
        self.annotator = annotator
        self.by = by
        which = "the gold layer" if annotator == GOLD else f"{annotator}'s layer"
        super().__init__(f"{which} of {doc_id} was changed by {by or 'someone else'} since you opened it; reload")


class GoldChanged(LayerChanged):
    """The gold layer moved on since the caller read it: someone else adjudicated the same document meanwhile.

    Every change to gold names the version it was made against; a stale one is refused, never merged in silence.
    """

    def __init__(self, doc_id: str, by: str | None = None) -> None:
        super().__init__(doc_id, GOLD, by)
