"""The target list under the article: the project's targets, each with the one key that gives it to the selected
content span, the last used first.

The keys are the digits and letters that no other key of the window takes (``ui.help.target_keys``); a project with
more targets than free keys offers the rest by F3.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel

from annotator.change import LayerChange
from annotator.schema import AttributeKind
from ui.errors import guarded
from ui.help import target_keys
from ui.palette import TEXT_CONTRAST, standing_out
from ui.session import Session

KEY_COLOUR = QColor("#b5121b")  # made lighter where the window is dark


class TargetList(QLabel):
    """The targets as one wrapped line of rich text: ``key`` name · ``key`` name…, the selected span's in bold."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        schema = session.schema
        self.attribute = schema.attribute(schema.statement.target or "")
        if self.attribute is not None and self.attribute.kind is not AttributeKind.TARGET:
            self.attribute = None
        self.keys = target_keys(schema)
        self.order: list[str] = []  # the targets, the last used first
        self._shown: tuple[object, ...] = ()  # what the list shows now: the selected span's target, whether it
        # takes one, the window's colour, the order
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setVisible(self.attribute is not None)
        self._reading = QTimer(self)  # a zero timer: its turn comes after what was posted, the open's paint first
        self._reading.setSingleShot(True)
        self._reading.timeout.connect(guarded(self.read))
        # A selection's list is drawn a turn after the article: a key's change is shown where the key was pressed
        # first (its text laid out and drawn again costs about 1.4 ms, the enabled state changing with the span).
        self._showing = QTimer(self)
        self._showing.setSingleShot(True)
        self._showing.timeout.connect(guarded(self.show_list))
        session.opened.connect(self._opened)
        session.selection_changed.connect(self._selected)
        session.changed.connect(self._changed)
        self.read()

    def read(self) -> None:
        """The project's targets, read again (the ones used here first, as they were)."""
        stored = self.session.store.targets()
        self.order = [name for name in self.order if name in stored] + [n for n in stored if n not in self.order]
        self.show_list()

    def _selected(self, *_args: object) -> None:
        self._showing.start(0)

    def _opened(self) -> None:
        # The list as it stands, for a document with nothing selected, in the document's first paint; the project's
        # targets (another window may have added some) are read again in the next turn, after that paint.
        self.show_list()
        self._reading.start(0)

    def offered(self) -> list[tuple[str, str]]:
        """(key, target) for each target that has a key."""
        return list(zip(self.keys, self.order, strict=False))

    def target_of(self, key: str) -> str | None:
        return dict(self.offered()).get(key.lower())

    def applies(self) -> bool:
        """Whether the selected span takes a target."""
        span = self.session.selected_span()
        return self.attribute is not None and span is not None and span.label in self.attribute.labels

    def used(self, name: str) -> None:
        """``name`` was given to a span: it goes first."""
        self.order = [name] + [n for n in self.order if n != name]

    def _changed(self, change: LayerChange) -> None:
        if self.attribute is None:
            return
        name = self.attribute.name
        given = [
            after.attrs[name]
            for before, after in change.modified
            if after.attrs.get(name) not in (None, before.attrs.get(name))
        ]
        for value in given:
            if value not in self.order:
                self.read()
            self.used(value)
        self._showing.start(0)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "order"):  # a new scheme, once built
            self.show_list()

    def show_list(self, *_args: object) -> None:
        self._showing.stop()
        if self.attribute is None:
            return
        span = self.session.selected_span()
        applies = self.applies()
        current = span.attrs.get(self.attribute.name) if span is not None and applies else None
        background = self.palette().color(QPalette.ColorRole.Window)
        state = (current, applies, background.rgba(), tuple(self.order))
        if state == self._shown:  # every edit and selection asks: most change nothing the list shows
            return
        self._shown = state
        items = []
        red = standing_out(KEY_COLOUR, background, TEXT_CONTRAST).name()
        for key, name in self.offered():
            shown = f"<b style='color:{red}'>{escape(key)}</b>&nbsp;{escape(name)}"
            items.append(f"<u>{shown}</u>" if name == current else shown)
        rest = len(self.order) - len(self.keys)
        more = f" · {rest} more: F3" if rest > 0 else ""
        hint = "" if applies else f" <i>(select a {escape(self.session.schema.statement.content)})</i>"
        title = escape(self.attribute.name.replace("_", " "))
        self.setText(f"<b>{title}</b>{hint}: " + " · ".join(items) + more)
        self.setEnabled(applies)
