"""The agreement figures of a project, or of a selection of documents and annotators.

- Per label, per pair of annotators: F1 = 2 * matched / (spans of A + spans of B), exact and by overlap; a pair
  counts only the documents both annotated. The project figure is the mean over the pairs where it is defined.
- Stance: Krippendorff's alpha (nominal) over claim units (claims matched by overlap across the annotators form
  one unit; an annotator without a claim there is missing); per pair, a confusion table and Cohen's kappa of the
  matched claims.
- Attribution, per pair, over claims matched by overlap: ``same_speaker``, the share of them whose sources have
  the same canonical speaker (no speaker on either side counts as different); ``relation_f1``, F1 of source
  relations whose two ends both match by overlap.
- Per document: the share of its units (``units.group_kind``) that are not agreed, for ranking.

A claim is the statement's content, its speaker the canonical speaker of its source, its stance the stance
attribute, all as the schema's statement names them (``annotator.statement``).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from annotator.agreement.coefficients import Figure, cohen_kappa_figure, krippendorff_alpha_figure, share, undefined
from annotator.agreement.matching import Grouping, Placed, candidates_between, greedy, place
from annotator.agreement.units import DocumentLayers, Kind, group_kind, layer_speakers
from annotator.model import GOLD
from annotator.schema import StatementDef


@dataclass(slots=True)
class LabelTally:
    """What two annotators marked with one label on the documents both annotated."""

    spans_a: int = 0
    spans_b: int = 0
    exact: int = 0
    overlap: int = 0

    def f1(self, matched: int, label: str) -> Figure:
        return share(2 * matched, self.spans_a + self.spans_b, f"neither annotator marked a {label} span")


@dataclass(slots=True)
class PairTally:
    """Everything counted for one pair of annotators."""

    a: str
    b: str
    relation: str = ""  # the source relation's name, for saying why its F1 is undefined
    documents: int = 0
    labels: dict[str, LabelTally] = field(default_factory=dict)
    stances: list[tuple[str | None, str | None]] = field(default_factory=list)
    same_speaker: int = 0
    relations_a: int = 0
    relations_b: int = 0
    relations_matched: int = 0

    def label(self, name: str) -> LabelTally:
        found = self.labels.get(name)
        if found is None:
            found = self.labels[name] = LabelTally()
        return found

    @property
    def claim_pairs(self) -> int:
        return len(self.stances)

    def stance_kappa(self) -> Figure:
        if not self.stances:
            return undefined("no claims matched between the two annotators")
        return cohen_kappa_figure([a for a, _ in self.stances], [b for _, b in self.stances])

    def same_speaker_share(self) -> Figure:
        return share(self.same_speaker, self.claim_pairs, "no claims matched between the two annotators")

    def relation_f1(self) -> Figure:
        return share(
            2 * self.relations_matched, self.relations_a + self.relations_b, f"neither annotator made {self.relation}"
        )

    def confusion(self, values: Sequence[str | None]) -> list[list[int]]:
        """Counts of matched claims: rows the stance A gave, columns B's, in the order of ``values``."""
        counts = Counter(self.stances)
        return [[counts[a, b] for b in values] for a in values]


@dataclass(frozen=True, slots=True)
class DocumentScore:
    """How much the annotators of one document disagree: the share of its units that are not agreed."""

    doc_id: str
    annotators: tuple[str, ...]
    disagreement: Figure
    units: int
    kinds: dict[str, int]


@dataclass(slots=True)
class Report:
    """The figures of ``measure``; ``pairs`` hold the counts behind them."""

    annotators: list[str]
    labels: list[str]
    pairs: dict[tuple[str, str], PairTally]
    stance_alpha: Figure
    stance_units: int
    stance_values: list[str | None]
    documents: list[DocumentScore]
    relation: str = ""  # the source relation whose F1 ``relation_f1`` is (ATTRIBUTED_TO in the default schema)

    def pair_list(self) -> list[PairTally]:
        return [tally for _, tally in sorted(self.pairs.items())]

    def label_f1(self, label: str, how: str) -> Figure:
        """The mean over the pairs of annotators of their F1 for ``label``, ``how`` is exact or overlap."""
        return _mean([t.label(label).f1(getattr(t.label(label), how), label) for t in self.pair_list()], f"{label} F1")

    def same_speaker(self) -> Figure:
        return _mean([t.same_speaker_share() for t in self.pair_list()], "same speaker")

    def relation_f1(self) -> Figure:
        return _mean([t.relation_f1() for t in self.pair_list()], f"{self.relation} F1")


def _mean(figures: list[Figure], what: str) -> Figure:
    defined = [f.value for f in figures if f.defined]
    if defined:
        return Figure(math.fsum(defined) / len(defined))
    if not figures:
        return undefined("no two annotators have a document in common")
    return undefined(f"{what} is undefined for every pair: {figures[0].reason}")


def measure(
    documents: Iterable[DocumentLayers],
    *,
    annotators: Sequence[str] | None = None,
    labels: Sequence[str] = (),
    stance_values: Sequence[str] = (),
    statement: StatementDef,
) -> Report:
    """The agreement figures over ``documents`` (each with its annotators' layers), between ``annotators``
    (default: everyone with a layer), of the statements ``statement`` defines; ``labels`` and ``stance_values``
    give the order to report them in."""
    wanted = list(annotators) if annotators else None
    content, stance = statement.content, statement.stance or ""
    relation = statement.source_relation or "a source relation"  # its name, to show
    seen: set[str] = set()
    label_order = list(labels)
    pairs: dict[tuple[str, str], PairTally] = {}
    claim_units: list[dict[str, str | None]] = []
    scores: list[DocumentScore] = []
    for document in documents:
        names = [n for n in (wanted or sorted(document.layers)) if n in document.layers and n != GOLD]
        seen.update(names)
        placed = {n: place(document.text, n, document.layers[n].spans) for n in names}
        for spans in placed.values():
            label_order += sorted({p.span.label for p in spans} - set(label_order))
        speakers = {n: layer_speakers(document.layers[n], statement) for n in names}
        found = candidates_between(placed)
        counts = {n: _Counts(spans) for n, spans in placed.items()}
        for (a, b), (same, _) in found.items():
            tally = pairs.get((a, b)) or pairs.setdefault((a, b), PairTally(a, b, relation))
            _count_pair(tally, document, counts[a], counts[b], greedy(same), speakers[a], speakers[b], statement)
        grouping = Grouping(placed)
        grouping.join(sorted(c for same, _ in found.values() for c in same))
        claim_units += [{n: p.span.attrs.get(stance) for n, p in unit.items()} for unit in grouping.units(content)]
        grouping.join(sorted(c for _, other in found.values() for c in other))
        kinds = Counter(group_kind(group, names, speakers, statement).value for group in grouping.units())
        scores.append(_score(document.doc_id, names, kinds))
    everyone = wanted or sorted(seen)
    data = [[unit.get(name) for unit in claim_units] for name in everyone]
    alpha = krippendorff_alpha_figure(data) if claim_units else undefined(f"no {content} spans to compare")
    given = {value for tally in pairs.values() for pair in tally.stances for value in pair}
    values: list[str | None] = list(stance_values)
    values += sorted(v for v in given if v is not None and v not in values)
    if None in given:  # a matched claim without a stance
        values.append(None)
    scores.sort(key=_rank)
    return Report(everyone, label_order, pairs, alpha, len(claim_units), values, scores, relation)


class _Counts:
    """One annotator's spans on one document, counted by label and by place (offsets and label)."""

    __slots__ = ("labels", "places")

    def __init__(self, spans: list[Placed]) -> None:
        self.labels = Counter(p.span.label for p in spans)
        self.places = Counter((p.span.start, p.span.end, p.span.label) for p in spans)


def _count_pair(
    tally: PairTally,
    document: DocumentLayers,
    a: _Counts,
    b: _Counts,
    matched: list[tuple[Placed, Placed]],
    speakers_a: dict[str, str | None],
    speakers_b: dict[str, str | None],
    statement: StatementDef,
) -> None:
    """Add one document's counts to the pair's; ``matched`` are the pair's spans matched by overlap."""
    tally.documents += 1
    for label, count in a.labels.items():
        tally.label(label).spans_a += count
    for label, count in b.labels.items():
        tally.label(label).spans_b += count
    for where, count in a.places.items():
        other = b.places.get(where)
        if other:
            tally.label(where[2]).exact += min(count, other)
    claims: dict[str, str] = {}
    speakers: dict[str, str] = {}
    for label, count in Counter(x.span.label for x, _ in matched).items():
        tally.label(label).overlap += count
    content, source, stance = statement.content, statement.source, statement.stance or ""
    for x, y in matched:
        label = x.span.label
        if label == content:
            claims[x.span.key] = y.span.key
            tally.stances.append((x.span.attrs.get(stance), y.span.attrs.get(stance)))
            said = speakers_a.get(x.span.key)
            tally.same_speaker += said is not None and said == speakers_b.get(y.span.key)
        elif label == source:
            speakers[x.span.key] = y.span.key
    relation = statement.source_relation
    links_a = {(r.head, r.child) for r in document.layers[tally.a].relations if r.label == relation}
    links_b = {(r.head, r.child) for r in document.layers[tally.b].relations if r.label == relation}
    tally.relations_a += len(links_a)
    tally.relations_b += len(links_b)
    tally.relations_matched += sum((claims.get(h), speakers.get(c)) in links_b for h, c in links_a)


def _score(doc_id: str, names: list[str], kinds: Counter[str]) -> DocumentScore:
    units = sum(kinds.values())
    if len(names) < 2:
        figure = undefined("fewer than two annotators have this document")
    else:
        figure = Figure(1 - kinds[Kind.AGREED.value] / units) if units else Figure(0.0)
    return DocumentScore(doc_id, tuple(names), figure, units, dict(sorted(kinds.items())))


def _rank(score: DocumentScore) -> tuple[bool, float, int, str]:
    value = score.disagreement.value if score.disagreement.defined else 0.0
    return (not score.disagreement.defined, -value, -(score.units - score.kinds.get("agreed", 0)), score.doc_id)
