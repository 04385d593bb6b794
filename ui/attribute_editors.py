"""The editors the article's keys open for the selected span: its canonical speaker (F2) and its target (F3)."""

from __future__ import annotations

from collections.abc import Callable

from annotator.attribution import offered_speaker
from annotator.model import Span
from annotator.proposer.naming import offered_name
from annotator.schema import AttributeKind, SpeakerDef
from ui.errors import guarded
from ui.session import Session
from ui.speaker_editor import SpeakerEditor
from ui.statements import StatementsModel
from ui.statements_view import StatementsView
from ui.tagging import Tagging


class AttributeEditors:
    def __init__(
        self,
        session: Session,
        tagging: Tagging,
        statements: StatementsView,
        speaker_editor: SpeakerEditor,
        show_message: Callable[[str], None],
    ) -> None:
        self.session, self.tagging, self.statements = session, tagging, statements
        self.speaker_editor, self.show_message = speaker_editor, show_message
        tagging.edit_speaker, tagging.edit_target = self.edit_speaker, self.edit_target

    @property
    def model(self) -> StatementsModel:
        model = self.statements.model()
        assert isinstance(model, StatementsModel)
        return model

    @guarded
    def edit_speaker(self, span: Span) -> None:
        session = self.session
        speaker_attr = next((a for a in session.store.schema.attributes if a.kind is AttributeKind.SPEAKER), None)
        if speaker_attr is None:
            return
        if span.label not in speaker_attr.labels:
            linked = [
                session.spans[r.child]
                for r in session.relations_at(span.key)
                if r.head == span.key
                and r.child in session.spans
                and session.spans[r.child].label in speaker_attr.labels
            ]
            if not linked:
                self.show_message(f"link a {'/'.join(speaker_attr.labels)} to this {span.label} first")
                return
            span = linked[0]
        names = [s.name for s in session.store.speakers()]

        def commit(name: str) -> None:
            if name != span.attrs.get(speaker_attr.name, ""):
                self.tagging.set_attributes(span.key, {speaker_attr.name: name or None})

        title = f"Canonical speaker of “{session.text_of(span)}”"
        offered = (
            span.attrs.get(speaker_attr.name)
            or self._named(span)
            or offered_speaker(session.ordered(), span, speaker_attr.name)
        )
        self.speaker_editor.open(title, offered, names, commit)

    def _named(self, span: Span) -> str | None:
        """The canonical speaker the proposer's rules give ``span`` from the text (its name without titles, the
        person its pronoun or description refers to), read from the sources marked before it."""
        session = self.session
        if session.document is None:
            return None
        registry = (*session.store.schema.speakers, *(SpeakerDef(s.name, s.aliases) for s in session.store.speakers()))
        sources = [(s.start, s.end) for s in session.ordered() if s.label == span.label and s.start <= span.start]
        return offered_name(session.document.text, sources, (span.start, span.end), registry)

    @guarded
    def edit_target(self, span: Span) -> None:
        model = self.model
        model.complete()
        row = model.row_of(span.key)
        column = next(
            (
                i
                for i, c in enumerate(model.columns)
                if c.attribute is not None and c.attribute.kind is AttributeKind.TARGET
            ),
            -1,
        )
        if row < 0 or column < 0:
            self.show_message(f"select a {model.claim} first")
            return
        index = model.index(row, column)
        self.statements.setCurrentIndex(index)
        self.statements.setFocus()
        self.statements.edit(index)
