"""A news-style text written for the proposer's tests (not from any article), annotated by hand by the conventions
of the project's gold (claims without quotation marks, speakers with attached titles, cues without addressees).

Markup in ``data/hand_annotated_news*.txt``: ``⟦C:id:source:cue:quote_type⟧…⟦/C⟧`` a claim with the ids of its
speaker and cue (empty where the text has none), ``⟦S:id:canonical speaker⟧…⟦/S⟧`` a speaker, ``⟦V:id⟧…⟦/V⟧`` a cue."""

from __future__ import annotations

import re
from pathlib import Path

from annotator.model import Layer, Relation, Span, Status

PATH = Path(__file__).parent / "data" / "hand_annotated_news.txt"
_TAG = re.compile(r"⟦(/?)([CSV])(?::([^⟧]*))?⟧")
_LABELS = {"C": "CLAIM", "S": "SPEAKER", "V": "CUE"}


def hand_annotated(path: Path = PATH) -> tuple[str, Layer]:
    """The plain text and its hand-made layer (status done, default schema's names)."""
    marked = path.read_text(encoding="utf-8")
    text: list[str] = []
    length = 0
    here = 0
    open_: list[tuple[str, list[str], int]] = []
    spans: list[Span] = []
    links: list[tuple[str, str, str]] = []
    for tag in _TAG.finditer(marked):
        chunk = marked[here : tag.start()]
        text.append(chunk)
        length += len(chunk)
        here = tag.end()
        closing, kind, fields = tag.group(1), tag.group(2), (tag.group(3) or "").split(":")
        if not closing:
            open_.append((kind, fields, length))
            continue
        kind_open, fields, start = open_.pop()
        assert kind_open == kind, f"unbalanced {kind} tag at {tag.start()}"
        attrs: dict[str, str] = {}
        if kind == "C":
            key, source, cue, quote = fields
            attrs["quote_type"] = quote
            # an empty id: no such mention in the text (She was blunt: “…” has no cue)
            links += [(key, child, label) for child, label in ((source, "ATTRIBUTED_TO"), (cue, "HAS_CUE")) if child]
        elif kind == "S":
            key, speaker = fields
            if speaker:
                attrs["speaker"] = speaker
        else:
            (key,) = fields
        spans.append(Span(key, start, length, _LABELS[kind], attrs))
    text.append(marked[here:])
    keys = {span.key for span in spans}
    missing = sorted({child for _, child, _ in links} - keys)
    assert not missing, f"{path.name}: claims name mentions that are not marked: {missing}"
    relations = tuple(Relation(f"r{i}", head, child, label) for i, (head, child, label) in enumerate(links, 1))
    layer = Layer("hand-annotated", "hand", Status.DONE, 0, tuple(sorted(spans, key=lambda s: s.start)), relations)
    return "".join(text), layer
