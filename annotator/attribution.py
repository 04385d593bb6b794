"""What a tag by hand links at once: the source and cue of a content span's attribution, and its quote type.

The rule (README.md, "Linking as you tag") goes by position only, so a person can tell what it will do:

- The *scope* of a content span is its sentence, or the content span it lies inside (a claim within a quoted claim
  looks for its attribution there). Sentences end at ``.``, ``!``, ``?`` (and any closing quotes) before white
  space, not after a title such as ``Mr.``; a line break ends one too, unless the line before it does not end
  like a sentence (a break in the middle of one).
- The *candidates* of a role (source or cue) are the spans of its label in the scope that do not overlap the content
  span and lie in no other content span than the one the scope is.
- Candidates on one side of the content span only: the nearest of them. On both sides, or none: no link.
- A quoted content span whose scope has no candidate continues the quotation before it: it takes the source (or cue)
  of the nearest content span before it on the same line that is quoted, lies in no other, and has one.
- From the other end: tagging a source or a cue links every content span that lacks that link and whose rule now
  chooses the new span.

Quote type: direct when a quotation is open where the content span starts (quotation marks counted from the start of
its line, or of the content span it lies in; a quote that never closes stays open to the end of its line) or when
the span itself begins with one; else indirect.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from annotator.model import Relation, Span
from annotator.schema import Schema

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "prof", "st", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "maj", "adm"}
    | {"jr", "sr", "vs", "no", "nos", "vol", "fig", "hon", "rev", "amb", "pres"}
)
"""Words whose full stop ends no sentence (a single letter's neither: an initial)."""
_ENDS = '.!?…:”»"’)]'
"""What the last character of a line that ends a sentence is."""
_SENTENCE_END = re.compile(r"[.!?…]+[”»\"’)\]]*(?=\s)")


@dataclass(frozen=True, slots=True)
class Roles:
    """The parts of the schema's statement the rule needs (None where the schema has no such part)."""

    content: str
    source: str | None
    cue: str | None
    source_relation: str | None
    cue_relation: str | None
    quote_type: str | None
    direct: str | None
    indirect: str | None

    @classmethod
    def of(cls, schema: Schema) -> Roles:
        """The roles of ``schema``'s statement; quote types are its values named direct and indirect, else its
        first and second."""
        statement = schema.statement
        attribute = schema.attribute(statement.quote_type or "")
        values = attribute.values if attribute is not None else ()
        direct = "direct" if "direct" in values else values[0] if values else None
        indirect = "indirect" if "indirect" in values else values[1] if len(values) > 1 else None
        return cls(
            statement.content,
            statement.source,
            statement.cue,
            statement.source_relation,
            statement.cue_relation,
            statement.quote_type,
            direct,
            indirect,
        )

    def parts(self) -> list[tuple[str, str]]:
        """(label, relation) of the source and the cue, where the schema has them."""
        return [(label, relation) for label, relation in self._pairs() if label and relation]

    def _pairs(self) -> list[tuple[str | None, str | None]]:
        return [(self.source, self.source_relation), (self.cue, self.cue_relation)]


# -- the text ------------------------------------------------------------------------------------------------------


def line_of(text: str, position: int) -> tuple[int, int]:
    """The line (between line breaks) that holds ``position``."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end < 0 else end


def paragraph_of(text: str, position: int) -> tuple[int, int]:
    """The lines around ``position`` that one sentence may run over: a line that does not end like a sentence (a
    break in the middle of one) runs on to the next line that holds text. Reads only the lines it looks at, never
    the whole text (a tag in a long article asks often)."""
    start, end = line_of(text, position)
    while start > 0:
        last = _text_before(text, start)
        if last < 0 or text[last] in _ENDS:
            break
        start = line_of(text, last)[0]
    while end < len(text):
        last = _text_before(text, end)
        if last < start or text[last] in _ENDS:
            break
        following = _text_from(text, end)
        if following >= len(text):
            break
        end = line_of(text, following)[1]
    return start, end


def _text_before(text: str, position: int) -> int:
    """Where the last character other than white space before ``position`` is (-1: none)."""
    while position > 0 and text[position - 1].isspace():
        position -= 1
    return position - 1


def _text_from(text: str, position: int) -> int:
    """Where the first character other than white space from ``position`` on is (``len(text)``: none)."""
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def sentence_of(text: str, position: int) -> tuple[int, int]:
    """The sentence that holds ``position``: ``[start, end)`` within its paragraph (``paragraph_of``)."""
    start, end = paragraph_of(text, position)
    cuts = [start]
    for match in _SENTENCE_END.finditer(text, start, end):
        word = re.search(r"(\w+)\W*$", text[max(start, match.start() - 12) : match.start()])
        if match.group().startswith(".") and word and _abbreviation(word.group(1)):
            continue
        cuts.append(match.end())
    cuts.append(end)
    for low, high in pairwise(cuts):
        if low <= position < high:
            return low, high
    return cuts[-2], end


def _abbreviation(word: str) -> bool:
    return word.casefold() in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def is_quoted(text: str, start: int, end: int, since: int | None = None) -> bool:
    """Whether ``[start, end)`` is quoted: a quotation is open where it starts (counted from ``since``, by default
    the start of its line), or it begins with a quotation mark."""
    if start < end and text[start] in OPENING + STRAIGHT:
        return True
    depth, straight = 0, False
    for char in text[line_of(text, start)[0] if since is None else since : start]:
        if char in OPENING:
            depth += 1
        elif char in CLOSING:
            depth = max(depth - 1, 0)
        elif char == STRAIGHT:
            straight = not straight
    return depth > 0 or straight


# -- the links -----------------------------------------------------------------------------------------------------


def _inside(inner: Span, outer: Span) -> bool:
    return (
        outer.start <= inner.start and inner.end <= outer.end and (inner.start, inner.end) != (outer.start, outer.end)
    )


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


class Attribution:
    """The rule over one layer's spans and relations, for the text they annotate."""

    def __init__(self, roles: Roles, text: str, spans: Iterable[Span], relations: Iterable[Relation]) -> None:
        self.roles, self.text = roles, text
        self.spans = list(spans)
        self.relations = list(relations)
        self.contents = [s for s in self.spans if s.label == roles.content]

    def scope(self, content: Span) -> tuple[int, int, Span | None]:
        """Where ``content`` looks for its source and cue, and the content span that is that scope, if one is."""
        around = [c for c in self.contents if _inside(content, c)]
        if around:
            inner = min(around, key=lambda c: c.end - c.start)
            return inner.start, inner.end, inner
        first, last = sentence_of(self.text, content.start), sentence_of(self.text, max(content.end - 1, content.start))
        return first[0], last[1], None

    def candidates(self, content: Span, label: str) -> list[Span]:
        low, high, within = self.scope(content)
        found = []
        for span in self.spans:
            if span.label != label or span.start < low or span.end > high or _overlap(span, content):
                continue
            held = [c for c in self.contents if c.key != content.key and _inside(span, c)]
            if all(within is not None and c.key == within.key for c in held):
                found.append(span)
        return found

    def choice(self, content: Span, label: str, relation: str) -> Span | None:
        """The span of ``label`` the rule links ``content`` to by ``relation``, if it chooses one."""
        candidates = self.candidates(content, label)
        before = [s for s in candidates if s.end <= content.start]
        after = [s for s in candidates if s.start >= content.end]
        if before and after:
            return None
        if before:
            return max(before, key=lambda s: (s.end, s.start))
        if after:
            return min(after, key=lambda s: (s.start, -s.end))
        return self._continued(content, relation)

    def _continued(self, content: Span, relation: str) -> Span | None:
        """A quoted content span with nothing in its scope: the link of the nearest quoted one before it on its
        line."""
        if not is_quoted(self.text, content.start, content.end):
            return None
        line_start = line_of(self.text, content.start)[0]
        earlier = sorted(
            (c for c in self.contents if line_start <= c.start and c.end <= content.start and c.key != content.key),
            key=lambda c: (c.start, c.end),
            reverse=True,
        )
        by_key = {s.key: s for s in self.spans}
        for other in earlier:
            if any(_inside(other, c) for c in self.contents) or not is_quoted(self.text, other.start, other.end):
                continue
            linked = [r.child for r in self.relations if r.head == other.key and r.label == relation]
            if linked and linked[0] in by_key:
                return by_key[linked[0]]
        return None

    def quote_type(self, content: Span) -> dict[str, str]:
        """The quote type attribute a new content span gets (empty when the schema has none): direct when quoted,
        counting quotation marks from the start of the content span it lies in, else of its line."""
        roles = self.roles
        if roles.quote_type is None or roles.direct is None or roles.indirect is None:
            return {}
        around = [c for c in self.contents if _inside(content, c)]
        since = min(around, key=lambda c: c.end - c.start).start if around else None
        quoted = is_quoted(self.text, content.start, content.end, since)
        return {roles.quote_type: roles.direct if quoted else roles.indirect}

    def has_link(self, head: str, relation: str) -> bool:
        return any(r.head == head and r.label == relation for r in self.relations)

    def links_for(self, new: Span) -> list[Relation]:
        """The links a tag of ``new`` (already among the spans) makes at once, without keys: a content span's source
        and cue, or the content spans a new source or cue is the choice of."""
        links = []
        if new.label == self.roles.content:
            for label, relation in self.roles.parts():
                chosen = self.choice(new, label, relation)
                if chosen is not None:
                    links.append(Relation("", new.key, chosen.key, relation))
            return links
        for label, relation in self.roles.parts():
            if new.label != label:
                continue
            for content in self.contents:
                if self.has_link(content.key, relation):
                    continue
                chosen = self.choice(content, label, relation)
                if chosen is not None and chosen.key == new.key:
                    links.append(Relation("", content.key, new.key, relation))
        return links


def links_for(
    roles: Roles, text: str, spans: Sequence[Span], relations: Iterable[Relation], new: Span
) -> list[Relation]:
    """The links the tag of ``new`` makes at once (``spans`` holds it too); see the module."""
    return Attribution(roles, text, spans, relations).links_for(new)


def offered_speaker(ordered: Sequence[Span], span: Span, attribute: str) -> str:
    """What F2 offers as the canonical speaker of ``span``: its own, else that of the nearest span of its label
    before it (in document order) that has one (a pronoun, a description), for Enter to take or typing to replace."""
    if span.attrs.get(attribute):
        return span.attrs[attribute]
    before = [s for s in ordered if s.start < span.start and s.label == span.label and s.attrs.get(attribute)]
    return before[-1].attrs[attribute] if before else ""
