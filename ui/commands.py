"""One QUndoCommand per user edit. Doing, undoing and redoing are each one Store transaction.

A command remembers its document: undoing an edit made on another document opens that document first.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from annotator.errors import AnnotatorError
from annotator.model import Relation, Span, Status
from ui.session import Session


class Edit(QUndoCommand):
    def __init__(self, session: Session, text: str) -> None:
        super().__init__(text)
        self.session = session
        self.doc_id = session.doc_id
        self.done_once = False
        self.skip_redo = False  # set when the window did the edit itself before pushing it

    def _here(self) -> Session:
        if self.session.doc_id != self.doc_id and self.doc_id is not None:
            self.session.open(self.doc_id)
        return self.session

    def redo(self) -> None:
        if self.skip_redo:
            self.skip_redo = False
            return
        try:
            self.do()
        except AnnotatorError as error:  # an undo stack cannot raise: the window reports it and reloads
            self.session.failed.emit(f"could not redo “{self.text()}”: {error}")

    def do(self) -> None:
        """The edit itself; raises when the Store refuses it (then nothing changed)."""
        session = self._here()
        if self.done_once:
            self.again(session)
        else:
            self.first(session)
            self.done_once = True

    def first(self, session: Session) -> None:
        self.again(session)

    def again(self, session: Session) -> None:  # pragma: no cover - every command defines it
        raise NotImplementedError

    def undo(self) -> None:
        try:
            self.back(self._here())
        except AnnotatorError as error:
            self.session.failed.emit(f"could not undo “{self.text()}”: {error}")

    def back(self, session: Session) -> None:  # pragma: no cover - every command defines it
        raise NotImplementedError


class AddSpan(Edit):
    def __init__(self, session: Session, start: int, end: int, label: str) -> None:
        super().__init__(session, f"tag {label}")
        self.start, self.end, self.label = start, end, label
        self.span: Span | None = None

    def first(self, session: Session) -> None:
        self.span = session.create_span(self.start, self.end, self.label)
        session.select(self.span.key)

    def again(self, session: Session) -> None:
        assert self.span is not None
        session.apply(add_spans=[self.span])
        session.select(self.span.key)

    def back(self, session: Session) -> None:
        assert self.span is not None
        session.apply(remove_spans=[self.span.key])


class RemoveSpan(Edit):
    def __init__(self, session: Session, key: str) -> None:
        span = session.spans[key]
        super().__init__(session, f"remove {span.label}")
        self.key = key
        self.removed: tuple[Span, tuple[Relation, ...]] | None = None

    def first(self, session: Session) -> None:
        self.removed = session.remove_span(self.key)

    def again(self, session: Session) -> None:
        session.apply(remove_spans=[self.key])

    def back(self, session: Session) -> None:
        assert self.removed is not None
        span, relations = self.removed
        session.apply(add_spans=[span], add_relations=relations)
        session.select(span.key)


class SetAttributes(Edit):
    def __init__(self, session: Session, key: str, values: dict[str, str | None]) -> None:
        span = session.spans[key]
        names = ", ".join(values)
        super().__init__(session, f"set {names} of {span.label}")
        self.key = key
        self.values = values
        self.before: dict[str, str | None] = {name: span.attrs.get(name) for name in values}

    def again(self, session: Session) -> None:
        session.set_attributes(self.key, self.values)
        session.select(self.key)

    def back(self, session: Session) -> None:
        session.set_attributes(self.key, self.before)
        session.select(self.key)


class Link(Edit):
    def __init__(self, session: Session, head: str, child: str, label: str) -> None:
        super().__init__(session, f"link {label}")
        self.head, self.child, self.label = head, child, label
        self.made: tuple[Relation, tuple[Relation, ...]] | None = None

    def first(self, session: Session) -> None:
        self.made = session.link(self.head, self.child, self.label)

    def again(self, session: Session) -> None:
        assert self.made is not None
        relation, replaced = self.made
        session.apply(remove_relations=[r.key for r in replaced], add_relations=[relation])

    def back(self, session: Session) -> None:
        assert self.made is not None
        relation, replaced = self.made
        session.apply(remove_relations=[relation.key], add_relations=replaced)


class Unlink(Edit):
    def __init__(self, session: Session, relation: Relation) -> None:
        super().__init__(session, f"unlink {relation.label}")
        self.relation = relation

    def again(self, session: Session) -> None:
        session.apply(remove_relations=[self.relation.key])

    def back(self, session: Session) -> None:
        session.apply(add_relations=[self.relation])


class SetStatus(Edit):
    def __init__(self, session: Session, status: Status) -> None:
        super().__init__(session, f"mark {status.value.replace('_', ' ')}")
        self.status = status
        self.before = session.status

    def again(self, session: Session) -> None:
        session.set_status(self.status)

    def back(self, session: Session) -> None:
        session.set_status(self.before)
