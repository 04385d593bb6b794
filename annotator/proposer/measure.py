"""Proposals measured against a gold layer: precision, recall and F1 per label (exact, and by overlap as the
agreement figures match spans), relation F1 with spans matched by overlap, quote type on matched contents and the
canonical speaker on matched sources. ``benchmarks/bench_suggest.py`` and the tests read the figures from here."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from annotator.agreement.matching import match_exact, match_overlap
from annotator.model import Layer, Span
from annotator.proposal import Proposals
from annotator.schema import Schema


@dataclass(slots=True)
class Tally:
    """Counts summed over documents: true positives, proposed, in gold, for each measure."""

    hits: Counter[str] = field(default_factory=Counter)
    proposed: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)
    quote_right: int = 0
    quote_compared: int = 0
    speaker_right: int = 0
    speaker_compared: int = 0

    def f1(self, what: str) -> float:
        p, g = self.proposed[what], self.gold[what]
        return 2 * self.hits[what] / (p + g) if p + g else 1.0

    def precision(self, what: str) -> float:
        return self.hits[what] / self.proposed[what] if self.proposed[what] else 1.0

    def recall(self, what: str) -> float:
        return self.hits[what] / self.gold[what] if self.gold[what] else 1.0

    @property
    def quote_accuracy(self) -> float:
        return self.quote_right / self.quote_compared if self.quote_compared else 1.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_right / self.speaker_compared if self.speaker_compared else 1.0

    def measures(self) -> list[str]:
        return sorted(self.gold.keys() | self.proposed.keys())


def as_spans(proposals: Proposals) -> list[Span]:
    return [Span(p.key, p.start, p.end, p.label, dict(p.attrs)) for p in proposals.spans]


def tally(schema: Schema, pairs: Iterable[tuple[str, Layer, Proposals]]) -> Tally:
    """The figures of each document's proposals against its gold layer, summed."""
    counts = Tally()
    quote = schema.statement.quote_type
    for text, gold, proposals in pairs:
        ours = as_spans(proposals)
        for label in schema.label_names:
            g = [s for s in gold.spans if s.label == label]
            o = [s for s in ours if s.label == label]
            exact = match_exact(o, g)
            overlap = match_overlap(text, o, g)
            for what, hits in ((f"{label} exact", exact), (f"{label} overlap", overlap)):
                counts.hits[what] += len(hits)
                counts.proposed[what] += len(o)
                counts.gold[what] += len(g)
            speaker = schema.statement.speaker
            if label == schema.statement.source and speaker:
                for mine, theirs in overlap:
                    if theirs.attrs.get(speaker):
                        counts.speaker_compared += 1
                        counts.speaker_right += mine.attrs.get(speaker) == theirs.attrs.get(speaker)
            if label == schema.statement.content and quote:
                for mine, theirs in overlap:
                    if theirs.attrs.get(quote):
                        counts.quote_compared += 1
                        counts.quote_right += mine.attrs.get(quote) == theirs.attrs.get(quote)
        matched = {o.key: g.key for label in schema.label_names for o, g in _overlap_by_label(text, ours, gold, label)}
        gold_links = {(r.head, r.child, r.label) for r in gold.relations}
        ours_links = {(matched.get(r.head), matched.get(r.child), r.label) for r in proposals.relations}
        for relation in schema.relations:
            what = f"{relation.name} relation"
            g_set = {link for link in gold_links if link[2] == relation.name}
            o_list = [r for r in proposals.relations if r.label == relation.name]
            counts.gold[what] += len(g_set)
            counts.proposed[what] += len(o_list)
            counts.hits[what] += len({link for link in ours_links if link[2] == relation.name} & g_set)
    return counts


def _overlap_by_label(text: str, ours: list[Span], gold: Layer, label: str) -> list[tuple[Span, Span]]:
    return match_overlap(text, [s for s in ours if s.label == label], [s for s in gold.spans if s.label == label])
