"""The units of one document across its annotators' layers: what the review shows and adjudication takes from.

A unit is a group of spans, at most one per annotator, that mark the same thing (see ``matching.cluster``).
Each unit says what its annotators agree on, and how they differ: label, boundaries, stance, speaker, other
attributes, or that someone has no span there at all. Which attribute is the stance, and where a span's canonical
speaker comes from, is the schema's statement (``annotator.statement``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from annotator.agreement.matching import CROSS_LABEL_SHARE, Candidate, Placed, cluster, greedy, place
from annotator.model import GOLD, Layer, Span
from annotator.schema import StatementDef
from annotator.statement import canonical_speakers


class Kind(StrEnum):
    """How a unit's spans agree; a unit with several differences shows the first of ``DIFFERENCES``."""

    AGREED = "agreed"
    MISSING = "missing"
    LABEL = "label"
    BOUNDARIES = "boundaries"
    STANCE = "stance"
    SPEAKER = "speaker"
    ATTRIBUTES = "attributes"


DIFFERENCES = (Kind.MISSING, Kind.LABEL, Kind.BOUNDARIES, Kind.STANCE, Kind.SPEAKER, Kind.ATTRIBUTES)


@dataclass(frozen=True, slots=True)
class DocumentLayers:
    """One document's text with the annotators' layers on it (by annotator name) and its gold layer, if any.

    ``gold_version`` is the gold layer's version when it was read (0: no gold layer yet): every change to gold
    names it, and is refused if gold has moved on since.
    """

    doc_id: str
    text: str
    layers: Mapping[str, Layer]
    gold: Layer | None = None
    gold_version: int = 0


# Not frozen: agreement over a project makes one per unit (see ``model.Span``).
@dataclass(slots=True, eq=False)
class Unit:
    """Spans of several annotators that mark the same thing.

    ``spans`` has every annotator compared on the document, in order, None where one has no span here;
    ``speakers`` the canonical speaker of each span (a claim's that of its source, a source mention's own: see
    ``statement.canonical_speakers``); ``gold`` the gold span that stands for this unit, if there is one.
    """

    index: int
    spans: dict[str, Span | None]
    speakers: dict[str, str | None]
    differences: frozenset[Kind]
    gold: Span | None = None

    @property
    def kind(self) -> Kind:
        return next((kind for kind in DIFFERENCES if kind in self.differences), Kind.AGREED)

    @property
    def unanimous(self) -> bool:
        """Two annotators or more, each with a span here, and all the same (offsets, label, attributes, speaker)."""
        return len(self.spans) >= 2 and not self.differences

    @property
    def present(self) -> tuple[str, ...]:
        return tuple(name for name, span in self.spans.items() if span is not None)

    @property
    def start(self) -> int:
        return min(span.start for span in self.spans.values() if span is not None)

    @property
    def end(self) -> int:
        return max(span.end for span in self.spans.values() if span is not None)

    @property
    def label(self) -> str:
        """The label most annotators gave (the first annotator's among equals)."""
        labels = Counter(span.label for span in self.spans.values() if span is not None)
        return labels.most_common(1)[0][0]

    def agreeing(self, annotator: str) -> tuple[str, ...]:
        """The annotators whose span here is the same as ``annotator``'s: the ``sources`` of a gold span taken
        from it."""
        mine = self.spans.get(annotator)
        if mine is None:
            raise KeyError(f"{annotator} has no span in this unit")
        same = _signature(mine, self.speakers.get(annotator))
        return tuple(
            name
            for name, span in self.spans.items()
            if span is not None and _signature(span, self.speakers.get(name)) == same
        )


def _signature(span: Span, speaker: str | None) -> tuple[object, ...]:
    return (span.start, span.end, span.label, tuple(sorted(span.attrs.items())), speaker)


def document_units(
    document: DocumentLayers, annotators: Sequence[str] | None = None, *, statement: StatementDef
) -> list[Unit]:
    """The units of ``document`` over ``annotators`` (default: every layer it has, by name); an annotator
    without a layer on the document is not compared. Each unit has the gold span that stands for it, if any."""
    names = [name for name in (annotators or sorted(document.layers)) if name in document.layers and name != GOLD]
    placed = {name: place(document.text, name, document.layers[name].spans) for name in names}
    speakers = {name: layer_speakers(document.layers[name], statement) for name in names}
    gold = place(document.text, GOLD, document.gold.spans) if document.gold is not None else []
    return build_units(cluster(placed, cross_labels=True), names, speakers, gold, statement=statement)


def layer_speakers(layer: Layer, statement: StatementDef) -> dict[str, str | None]:
    """The canonical speaker of each span of ``layer`` that has one."""
    return canonical_speakers(statement, layer.spans, layer.relations)


def build_units(
    groups: Sequence[Mapping[str, Placed]],
    names: Sequence[str],
    speakers: Mapping[str, Mapping[str, str | None]],
    gold: Sequence[Placed] = (),
    *,
    statement: StatementDef,
) -> list[Unit]:
    """Units from groups of placed spans (``matching.cluster``) of the annotators ``names``, with the gold spans
    that stand for them."""
    gold_of = _gold_for(groups, gold) if gold else {}
    units = []
    for index, group in enumerate(groups):
        spans: dict[str, Span | None] = {}
        said: dict[str, str | None] = {}
        for name in names:
            found = group.get(name)
            spans[name] = found.span if found is not None else None
            said[name] = speakers[name].get(found.span.key) if found is not None else None
        units.append(Unit(index, spans, said, _differences(spans, said, statement), gold_of.get(index)))
    return units


_NONE: frozenset[Kind] = frozenset()


def _differences(
    spans: Mapping[str, Span | None], speakers: Mapping[str, str | None], statement: StatementDef
) -> frozenset[Kind]:
    present = [(span, speakers[name]) for name, span in spans.items() if span is not None]
    return differences(present, len(spans), statement)


def group_kind(
    group: Mapping[str, Placed],
    names: Sequence[str],
    speakers: Mapping[str, Mapping[str, str | None]],
    statement: StatementDef,
) -> Kind:
    """The kind of the unit a group of placed spans makes (``Unit.kind``), without making the unit."""
    present = [(p.span, speakers[name].get(p.span.key)) for name, p in group.items()]
    found = differences(present, len(names), statement)
    return next((kind for kind in DIFFERENCES if kind in found), Kind.AGREED)


def differences(
    present: Sequence[tuple[Span, str | None]], annotators: int, statement: StatementDef
) -> frozenset[Kind]:
    """How the spans (each with its canonical speaker) of a unit of ``annotators`` annotators differ; the stance
    and the canonical speaker are the attributes ``statement`` names."""
    first, said = present[0]
    if len(present) == annotators and all(
        s.start == first.start
        and s.end == first.end
        and s.label == first.label
        and s.attrs == first.attrs
        and w == said
        for s, w in present
    ):
        return _NONE
    found = set()
    if len(present) < annotators:
        found.add(Kind.MISSING)
    if len({span.label for span, _ in present}) > 1:
        found.add(Kind.LABEL)
    if len({(span.start, span.end) for span, _ in present}) > 1:
        found.add(Kind.BOUNDARIES)
    stance, speaker_name = statement.stance, statement.speaker
    if stance and len({span.attrs.get(stance) for span, _ in present}) > 1:
        found.add(Kind.STANCE)
    if len({speaker for _, speaker in present}) > 1:  # a claim without a speaker differs from one with
        found.add(Kind.SPEAKER)
    held = (stance, speaker_name)
    others = {tuple(sorted((k, v) for k, v in span.attrs.items() if k not in held)) for span, _ in present}
    if len(others) > 1:
        found.add(Kind.ATTRIBUTES)
    return frozenset(found)


def _gold_for(groups: Sequence[Mapping[str, Placed]], gold: Sequence[Placed]) -> dict[int, Span]:
    """Pair gold spans with units, one-to-one, the largest overlap with any of the unit's spans first."""
    candidates: list[Candidate] = []
    for index, group in enumerate(groups):
        stand_in = Placed(str(index), next(iter(group.values())).span, 0, 0)
        for g in gold:
            best = 0
            for p in group.values():
                overlap = min(p.end, g.end) - max(p.start, g.start)
                union = max(p.end, g.end) - min(p.start, g.start)
                if overlap > 0 and (p.span.label == g.span.label or overlap >= CROSS_LABEL_SHARE * union):
                    best = max(best, overlap)
            if best:
                candidates.append(
                    (-best, g.start, g.end, index, 0, "", "", g.span.key, "", len(candidates), g, stand_in)
                )
    return {int(unit.annotator): g.span for g, unit in greedy(sorted(candidates))}


def unanimous_relations(units: Sequence[Unit], layers: Mapping[str, Layer]) -> list[tuple[int, int, str]]:
    """Relations (head unit, child unit, label) that every annotator of the units made between the same units."""
    names = list(units[0].spans) if units else []
    made: Counter[tuple[int, int, str]] = Counter()
    for name in names:
        unit_of = {span.key: unit.index for unit in units if (span := unit.spans[name]) is not None}
        links = {
            (unit_of[r.head], unit_of[r.child], r.label)
            for r in layers[name].relations
            if r.head in unit_of and r.child in unit_of
        }
        made.update(links)
    return sorted(link for link, count in made.items() if count == len(names) >= 2)
