"""The keyboard map: one table, shown over the window by F1 and written into README.md."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from annotator.schema import AttributeDef, LabelDef, RelationDef, Schema

SHEET = "rgb(20, 24, 32)"
QUOTE_KEY = "q"
"""The key that steps the selected content span's quote type (unless the schema's keys take it)."""

FIXED_KEYS = [
    ("select text (mouse, or Shift+arrows)", "then press a label's key to tag it (a claim is linked as it is tagged)"),
    ("a label key with nothing selected", "tag every selection (every drag) with that label, until Esc"),
    ("click a span", "select it; click again to pick the next of nested spans"),
    ("Tab / Shift+Tab", "next / previous span or proposal (while linking: the next span that can be linked)"),
    ("Delete", "remove the selected span"),
    ("Alt+Left / Alt+Right", "move the selected span's end back / on by a word (links and attributes kept)"),
    ("Alt+Shift+Left / Alt+Shift+Right", "move the selected span's start back / on by a word"),
    ("Enter", "accept the proposal under the cursor (a claim with its speaker, cue, links and attributes)"),
    ("Enter while linking", "link the span Tab moved to (after a link key: press it, Tab to the span, Enter)"),
    ("Shift+Enter", "accept every proposal of the sentence"),
    ("Backspace / Delete on a proposal", "reject it (not proposed to you again)"),
    ("Ctrl+Shift+P", "show / hide proposals"),
    ("Ctrl+Shift+L", "show / hide the links of the paragraph (the selected span's and the pointed one's always show)"),
    ("Shift+Delete", "remove the selected span's links (of several: press its number, or click its other end)"),
    (
        "F2",
        "canonical speaker of the selected SPEAKER (or of the claim's speaker), offered from the text: Enter takes it; "
        "in the statements: edit the cell",
    ),
    ("F3", "target of the selected claim (while the find bar is open: the next match)"),
    ("Esc", "cancel linking or unlinking; stop tagging every selection; clear the selection"),
    ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo (every edit, each saved at once); the status bar says what was undone"),
    ("Ctrl+Enter", "mark the document done and open the next one not done (what is still open is listed first)"),
    ("Ctrl+PgDown / Ctrl+PgUp", "next / previous document"),
    ("Ctrl+F", "find in the article (F3 / Shift+F3: next / previous match)"),
    ("Ctrl+L", "filter the document list (Enter: open the first)"),
    ("Ctrl+1 / Ctrl+2", "go to the article / the statements"),
    ("Ctrl+= / Ctrl+- / Ctrl+0", "larger / smaller / default text in the article (also Ctrl+wheel; remembered)"),
    ("Ctrl+Shift+A", "switch annotator"),
    ("Ctrl+I / Ctrl+E", "import files / export a dataset"),
    ("Ctrl+R", "agreement and adjudication (leads; an annotator is told why not)"),
    ("Ctrl+Shift+R", "progress: figures and plots per annotator (an annotator sees their own)"),
    ("F1", "this help"),
    ("Shift+F1", "the guidelines: what each label, relation and attribute means, and the project's guide"),
]


def quote_key(schema: Schema) -> str | None:
    """``QUOTE_KEY``, unless the schema has no quote type or one of its keys is that key."""
    taken = {label.hotkey for label in schema.labels} | {r.hotkey for r in schema.relations if r.hotkey}
    taken |= {key for attribute in schema.attributes for key in attribute.keys}
    quote = schema.attribute(schema.statement.quote_type or "")
    return QUOTE_KEY if quote is not None and QUOTE_KEY not in taken else None


TARGET_KEYS = "4567890bdefghijklmnoprtwxyz"
"""The keys targets are given, in order: the digits after the stance keys' first, then the letters."""


def target_keys(schema: Schema) -> list[str]:
    """The keys of ``TARGET_KEYS`` that no other key of the window takes (compared without case)."""
    used = {label.hotkey.lower() for label in schema.labels}
    used |= {relation.hotkey.lower() for relation in schema.relations if relation.hotkey}
    used |= {key.lower() for attribute in schema.attributes for key in attribute.keys}
    used |= {QUOTE_KEY} if quote_key(schema) else set()
    return [key for key in TARGET_KEYS if key not in used]


def key_map(schema: Schema) -> list[tuple[str, str]]:
    """Every key of the window: the schema's first, then the fixed ones."""
    rows = [(label.hotkey, f"tag the selection as {label.name}") for label in schema.labels]
    for relation in schema.relations:
        if relation.hotkey:
            rows.append(
                (
                    relation.hotkey,
                    f"{relation.name}: link the selected {relation.head}, then click a {relation.child} "
                    f"(or Tab to it and press Enter)",
                )
            )
    for attribute in schema.attributes:
        for key, value in zip(attribute.keys, attribute.values, strict=False):
            rows.append((key, f"{attribute.name} {value} for the selected {' / '.join(attribute.labels)}"))
    statement, stepping = schema.statement, quote_key(schema)
    quote = schema.attribute(statement.quote_type or "")
    if stepping is not None and quote is not None:
        rows.append(
            (stepping, f"{quote.name}: the next of {' / '.join(quote.values)} for the selected {statement.content}")
        )
    target = schema.attribute(statement.target or "")
    if target is not None:
        keys = " ".join(target_keys(schema)[:3]) + "…"
        rows.append((keys, f"{target.name} of the selected {statement.content}: the key beside it under the article"))
    return rows + FIXED_KEYS


def schema_notes(schema: Schema) -> list[tuple[str, str]]:
    """What the schema says of each label, relation and attribute, for the help beside the keys."""
    parts: list[LabelDef | RelationDef | AttributeDef] = [*schema.labels, *schema.relations, *schema.attributes]
    return [(part.name, part.description) for part in parts if part.description]


class HelpOverlay(QLabel):
    """An opaque sheet over the window (nothing shows through it); any key or click closes it."""

    def __init__(self, parent: QWidget, schema: Schema) -> None:
        super().__init__(parent)
        # Two columns of keys side by side: the whole map fits the window's height.
        keys = key_map(schema)
        half = (len(keys) + 1) // 2
        cell = "<td align='right' style='padding:2px 10px 2px 24px'><b>{}</b></td><td width='33%'>{}</td>"
        rows = "".join(
            "<tr>"
            + "".join(cell.format(escape(key), escape(what)) for key, what in keys[number : len(keys) : half])
            + "</tr>"
            for number in range(half)
        )
        notes = "".join(
            f"<p style='margin:0 0 6px 0'><b>{escape(name)}</b>: {escape(what)}</p>"
            for name, what in schema_notes(schema)
        )
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setText(
            f"<h2>Keys</h2><table><tr><td valign='top'><table>{rows}</table></td>"
            f"<td valign='top' width='340' style='padding-left:24px; color:#c8d2e4'>{notes}"
            "<p>Shift+F1: the guidelines.</p></td></tr></table><p>Any key closes this.</p>"
        )
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet(f"QLabel {{ background: {SHEET}; color: white; font-size: 13px; }}")
        self.setAutoFillBackground(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.hide()

    def open(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()
        self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.hide()
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.hide()
