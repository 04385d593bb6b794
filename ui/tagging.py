"""What keys and clicks do to the open document: tag (linking at once what ``annotator.attribution`` finds), select,
move between spans, remove, set choices and targets, link, unlink, move a span's ends.

Every edit is one Store transaction, made before its change joins the undo stack (``ui.commands.LayerEdit``), so
a refused edit leaves no trace but a message.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QUndoStack

from annotator.attribution import Attribution, Roles, paragraph_of
from annotator.change import LayerChange
from annotator.errors import AnnotatorError, Busy
from annotator.model import Relation, Span
from annotator.schema import RelationDef
from ui.article_view import ArticleView
from ui.boundary_moves import BoundaryMoves
from ui.commands import LayerEdit, line_up
from ui.errors import guarded
from ui.help import quote_key
from ui.naming import named, quoted
from ui.session import Session
from ui.target_keys import TargetList
from ui.unlinking import Unlinking
from ui.waiting import WaitingEdits

PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


class Tagging(QObject):
    message = Signal(str)  # for the status bar

    def __init__(self, session: Session, view: ArticleView, stack: QUndoStack) -> None:
        super().__init__()
        self.session, self.view, self.stack = session, view, stack
        self.schema = session.schema
        self.linking: tuple[str, RelationDef] | None = None  # (head key, relation) while waiting for the child
        self.edit_speaker: Callable[[Span], None] | None = None
        self.edit_target: Callable[[Span], None] | None = None
        self.label_keys = {label.hotkey: label.name for label in self.schema.labels}
        self.relation_keys = {r.hotkey: r for r in self.schema.relations if r.hotkey}
        self.choice_keys: dict[str, list[tuple[str, str]]] = {}
        for attribute in self.schema.attributes:
            for key, value in zip(attribute.keys, attribute.values, strict=False):
                self.choice_keys.setdefault(key, []).append((attribute.name, value))
        self.roles = Roles.of(self.schema)
        self.quote_key = quote_key(self.schema)
        self.armed: str | None = None  # a label that every new selection is tagged with, until Esc
        self.at_once = True  # a tag links and sets what annotator.attribution finds (off: a benchmark's baseline)
        self.unlinking = Unlinking(session, self.do, self.message.emit)
        self.moves = BoundaryMoves(session, self.do, self.message.emit)
        self.targets = TargetList(session)
        # Edits that wait while another program writes to the project; the Store is asked whether it is free.
        self.waiting = WaitingEdits(lambda: session.store.writable(), lambda: (session.doc_id, session.annotator))
        self.waiting.message.connect(self.message)
        self.waiting.given_up.connect(lambda: line_up(self.stack))
        view.key_handler = self.key
        view.clicked.connect(self.click)
        session.opened.connect(self.cancel_link)

    # -- doing ------------------------------------------------------------------------------------------------

    def do(self, text: str, edit: Callable[[], LayerChange]) -> LayerChange | None:
        """Make ``edit`` (one Store transaction) and put its change on the undo stack as ``text``; None if the Store
        refused it (the message says why), or if it waits for a busy project (``ui.waiting``, then made later)."""
        if not self.waiting.busy:
            try:
                change = edit()
            except Busy:
                pass  # another program holds the project: the edit waits, below
            except AnnotatorError as error:
                self.message.emit(f"not done: {named(self.session, str(error))}")
                return None
            else:
                self.waiting.banner.hide()  # a NOT-stored notice has been read: the project takes edits again
                if not change.empty:
                    self.stack.push(LayerEdit(self.session, change, text, self.waiting))
                return change
        command = LayerEdit(self.session, None, text, self.waiting)
        command.wait(edit)
        self.stack.push(command)
        return None

    def tag(self, label: str) -> None:
        cursor = self.view.textCursor()
        if not cursor.hasSelection():
            self.armed = label
            self.message.emit(f"{label}: every selection is now tagged {label} (Esc stops)")
            return
        snapped = self.session.snap(cursor.selectionStart(), cursor.selectionEnd(), self.view.selected_by_mouse)
        if snapped is None:
            self.message.emit("the selection holds only white space: nothing to tag")
            return
        start, end = snapped
        same = self.session.spans.find(start, end, label)
        if same is not None:
            self.session.select(same.key)
            self.message.emit(f"this {label} is already there")
            return
        change = self.do(f"tag {label}", lambda: self._tagged(start, end, label))
        if change is not None:
            cursor.clearSelection()
            self.view.setTextCursor(cursor)
            span = self.session.selected_span()
            if span is not None:
                self.message.emit(f"{label} “{_short(self.session.text_of(span))}” tagged{self._linked(change)}")

    def _tagged(self, start: int, end: int, label: str) -> LayerChange:
        """Tag ``[start, end)`` as ``label`` with what goes with it, as one change: a speaker the registry knows by
        the text, a content span's quote type, and the links ``annotator.attribution`` finds; select it."""
        session = self.session
        text = session.document.text if session.document is not None else ""
        # The new span is keyed "" while the rule looks (no span has that key); it gets a key of its own only when
        # a link must name it, else the Store gives one (a fresh key read from the layer costs a scan of every key).
        span = Span("", start, end, label, session.guessed_attributes(start, end, label))
        low, high = paragraph_of(text, start)
        high = max(high, paragraph_of(text, max(end - 1, start))[1])
        table = session.spans
        nearby = {s.key: s for s in [*table.covering(low), *table.starting_in(low, high)]}
        relations = list({r.key: r for key in nearby for r in session.relations_at(key)}.values())
        rule = Attribution(self.roles, text, [*nearby.values(), span], relations)
        if label == self.roles.content and self.at_once:
            span.attrs.update(rule.quote_type(span))
        links = rule.links_for(span) if self.at_once else []
        if links:
            span.key = next(session.fresh_keys())
            links = [Relation("", r.head or span.key, r.child or span.key, r.label) for r in links]
        change = session.apply(
            LayerChange(
                session.doc_id or "",
                session.annotator,
                session.version,
                session.version,
                added=(span,),
                linked=tuple(links),
            )
        )
        session.select(change.added[0].key)
        return change

    def _linked(self, change: LayerChange) -> str:
        """What a tag linked and set, for the status bar: "; linked to SPEAKER “He” and CUE “said”"."""
        new = {span.key for span in change.added}
        spans = self.session.spans
        ends = [
            spans[r.child if r.head in new else r.head] for r in change.linked if r.child in spans and r.head in spans
        ]
        said = " and ".join(f"{s.label} “{_short(self.session.text_of(s), 30)}”" for s in ends)
        quote = [s.attrs[self.roles.quote_type] for s in change.added if self.roles.quote_type in s.attrs]
        parts = [f"linked to {said}" if said else "", f"{self.roles.quote_type} {quote[0]}" if quote else ""]
        return "".join(f"; {part}" for part in parts if part)

    def remove(self) -> None:
        span = self.session.selected_span()
        if span is None:
            self.message.emit("select a span first (click it, or Tab to it)")
            return
        spans = self.session.spans
        after = spans.index_of(span) + 1
        following = spans.ordered()[after] if after < len(spans) else None
        if self.do(f"remove {span.label}", lambda: self.session.remove_span(span.key)) is not None:
            self.session.select(following.key if following else None)
            self.message.emit(f"{span.label} removed (Ctrl+Z puts it back)")

    def set_choice(self, key: str) -> bool:
        span = self.session.selected_span()
        if span is None:
            return False
        for name, value in self.choice_keys.get(key, []):
            if self.schema.attribute_problem(span.label, name, value) is None:
                values: dict[str, str | None] = {name: None if span.attrs.get(name) == value else value}
                if self.do(_setting(span, values), partial(self.session.set_attributes, span.key, values)) is not None:
                    shown = values[name] or "cleared"
                    self.message.emit(f"{name} of {span.label} {quoted(self.session, span)}: {shown}")
                return True
        return False

    def next_quote_type(self) -> None:
        """The quote key: the selected content span's quote type steps to the next of its values, round."""
        span, name = self.session.selected_span(), self.roles.quote_type
        attribute = self.schema.attribute(name or "")
        if span is None or name is None or attribute is None or span.label not in attribute.labels:
            self.message.emit(f"select a {self.roles.content} first, then {self.quote_key} steps its {name}")
            return
        values = attribute.values
        current = span.attrs.get(name)
        value = values[(values.index(current) + 1) % len(values)] if current in values else values[0]
        if self.do(_setting(span, {name: value}), partial(self.session.set_attributes, span.key, {name: value})):
            said = f"{name} of {span.label} {quoted(self.session, span)}: {value}"
            self.message.emit(f"{said} ({self.quote_key} again: the next)")

    def set_target(self, key: str) -> bool:
        """A target's key: give the selected span that target (pressed again: take it away)."""
        target, attribute = self.targets.target_of(key), self.targets.attribute
        span = self.session.selected_span()
        if target is None or attribute is None or span is None or not self.targets.applies():
            return False
        value = None if span.attrs.get(attribute.name) == target else target
        values: dict[str, str | None] = {attribute.name: value}
        if self.do(_setting(span, values), partial(self.session.set_attributes, span.key, values)) is not None:
            self.message.emit(f"{attribute.name} of {span.label} {quoted(self.session, span)}: {value or 'cleared'}")
        return True

    @guarded
    def set_attributes(self, key: str, values: dict[str, str | None]) -> None:
        span = self.session.spans[key]
        self.do(_setting(span, values), lambda: self.session.set_attributes(key, values))

    # -- linking ------------------------------------------------------------------------------------------------

    def start_link(self, relation: RelationDef) -> None:
        span = self.session.selected_span()
        if span is None or span.label != relation.head:
            self.message.emit(f"select a {relation.head} first, then press {relation.hotkey} to link it")
            return
        self.linking = (span.key, relation)
        self.message.emit(f"{relation.name}: click the {relation.child} (or Tab to it and press Enter); Esc cancels")

    def finish_link(self, child: Span) -> None:
        assert self.linking is not None
        head, relation = self.linking
        self.linking = None
        if child.label != relation.child:
            self.message.emit(f"{relation.name} links a {relation.head} to a {relation.child}, not to a {child.label}")
            return
        if any(r.head == head and r.label == relation.name for r in self.session.relations_at(child.key)):
            said = named(self.session, f"{head} is already linked to {child.key} by {relation.name}")
            self.message.emit(said)
            return
        if self.do(f"link {relation.name}", lambda: self.session.link(head, child.key, relation.name)) is not None:
            self.session.select(head)
            self.message.emit(f"{relation.name}: “{_short(self.session.text_of(child))}”")

    def cancel_link(self) -> None:
        if self.linking is not None:
            self.linking = None
            self.message.emit("linking cancelled")

    # -- moving -------------------------------------------------------------------------------------------------

    def step(self, forward: bool) -> None:
        """The next span (or the previous), or while linking the next one that can be linked; round at the ends."""
        table = self.session.spans
        spans = table.ordered()
        wanted = self.linking[1].child if self.linking is not None else None
        current = self.session.selected_span()
        if current is None or wanted not in (None, current.label):
            anchor = self.session.positions.codepoint_at(self.view.textCursor().position())
            # Forward: the first at or after the cursor, else the first of all; backward: the last of all.
            order = spans[table.first_from(anchor) :] + spans if forward else spans[::-1]
        else:
            here = table.index_of(current)
            order = spans[here + 1 :] + spans[: here + 1] if forward else spans[:here][::-1] + spans[here:][::-1]
        chosen = next((span for span in order if wanted in (None, span.label)), None)
        if chosen is not None:
            self.session.select(chosen.key)

    @guarded
    def click(self, position: int, selecting: bool) -> None:
        if selecting:
            if self.armed is not None and not self.unlinking.active and self.linking is None:
                self.tag(self.armed)
            return
        here = self.session.spans_at(position)
        if self.unlinking.active:
            self.unlinking.click(here)
            return
        if self.linking is not None:
            wanted = [s for s in here if s.label == self.linking[1].child]
            if wanted:
                self.finish_link(wanted[0])
            else:
                self.cancel_link()
            return
        if not here:
            self.session.select(None)
            return
        keys = [s.key for s in here]
        # A second click on nested spans picks the next one out: the smallest first.
        if self.session.selected in keys:
            self.session.select(keys[(keys.index(self.session.selected) + 1) % len(keys)])
        else:
            self.session.select(keys[0])

    # -- keys ---------------------------------------------------------------------------------------------------

    @guarded
    def key(self, event: QKeyEvent) -> bool:
        key, modifiers, text = event.key(), event.modifiers(), event.text()
        plain = modifiers in PLAIN
        if self.unlinking.active and self.unlinking.key(event):
            return True
        shifted = modifiers & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.ShiftModifier
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and shifted:
            self.cancel_link()
            self.unlinking.start()
            return True
        if self.moves.key(event):
            return True
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.step(forward=key == Qt.Key.Key_Tab and not modifiers & Qt.KeyboardModifier.ShiftModifier)
            return True
        if key == Qt.Key.Key_Escape:
            if self.linking is not None:
                self.cancel_link()
            elif self.armed is not None:
                self.message.emit(f"{self.armed}: selections are no longer tagged")
                self.armed = None
            else:
                self.session.select(None)
                cursor = self.view.textCursor()
                cursor.clearSelection()
                self.view.setTextCursor(cursor)
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and plain:
            self.remove()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain and self.linking is not None:
            span = self.session.selected_span()
            if span is not None:
                self.finish_link(span)
            return True
        if key == Qt.Key.Key_F2 and plain:
            return self._edit(self.edit_speaker)
        if key == Qt.Key.Key_F3 and plain:
            return self._edit(self.edit_target)
        if not plain or not text or not text.isprintable():
            return False
        if text in self.label_keys:
            self.tag(self.label_keys[text])
            return True
        if text in self.relation_keys:
            self.start_link(self.relation_keys[text])
            return True
        if text in self.choice_keys:
            if not self.set_choice(text):
                self.message.emit("select a span this key applies to first")
            return True
        if text == self.quote_key:
            self.next_quote_type()
            return True
        return self.set_target(text)

    def _edit(self, editor: Callable[[Span], None] | None) -> bool:
        span = self.session.selected_span()
        if span is None or editor is None:
            self.message.emit("select a span first")
        else:
            editor(span)
        return True


def _setting(span: Span, values: dict[str, str | None]) -> str:
    return f"set {', '.join(values)} of {span.label}"


def _short(text: str, size: int = 50) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"
