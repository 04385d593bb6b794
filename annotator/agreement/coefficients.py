"""Chance-corrected agreement coefficients: Krippendorff's alpha, Cohen's kappa, Scott's pi and Fleiss' kappa.

Written here rather than taken from a library: each is a few lines of arithmetic over counts, and the maintained
packages (``krippendorff``, MIT; ``statsmodels``) would bring numpy (and more) into a desktop install for
figures over a few thousand units, where plain Python takes milliseconds. The tests check every function against
published worked examples.

Each public function returns a float, NaN where the coefficient is undefined (no pairable unit, a single
category); the ``*_figure`` twins return the value with the reason, for reports that must say why.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

LEVELS = ("nominal", "ordinal", "interval", "ratio")


@dataclass(frozen=True, slots=True)
class Figure:
    """A coefficient or a share, NaN when undefined; ``reason`` then says why."""

    value: float
    reason: str | None = None

    @property
    def defined(self) -> bool:
        return not math.isnan(self.value)

    def as_json(self) -> float | None:
        """The value, or None (JSON null) where it is NaN."""
        return self.value if self.defined else None


def undefined(reason: str) -> Figure:
    return Figure(math.nan, reason)


def share(part: float, whole: float, reason: str) -> Figure:
    """``part / whole``, undefined (with ``reason``) when ``whole`` is 0."""
    return Figure(part / whole) if whole else undefined(reason)


# -- Krippendorff's alpha ---------------------------------------------------------------------------------------


def krippendorff_alpha(data: Sequence[Sequence[Any]], level: str = "nominal") -> float:
    """Krippendorff's alpha of ``data``: one sequence per annotator over the same units, None where missing.

    ``level`` is nominal, ordinal (values must sort), interval or ratio (values must be numbers).
    """
    return krippendorff_alpha_figure(data, level).value


def krippendorff_alpha_figure(data: Sequence[Sequence[Any]], level: str = "nominal") -> Figure:
    """``krippendorff_alpha`` with the reason where it is undefined."""
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r} (levels: {', '.join(LEVELS)})")
    lengths = {len(row) for row in data}
    if len(lengths) > 1:
        raise ValueError("every annotator needs one value (or None) per unit: the sequences differ in length")
    # The coincidences within each unit: o[c, k] = sum over units of n_c * (n_k - [c == k]) / (m_u - 1).
    coincidences: defaultdict[tuple[Any, Any], float] = defaultdict(float)
    for unit in zip(*data, strict=True):
        values = Counter(value for value in unit if value is not None)
        pairable = sum(values.values())
        if pairable < 2:
            continue
        for c, n_c in values.items():
            for k, n_k in values.items():
                pairs = n_c * (n_k - 1) if c == k else n_c * n_k
                if pairs:
                    coincidences[c, k] += pairs / (pairable - 1)
    if not coincidences:
        return undefined("no unit has values from two annotators, so nothing can be paired")
    totals: defaultdict[Any, float] = defaultdict(float)
    for (c, _k), count in coincidences.items():
        totals[c] += count
    if len(totals) < 2:
        return undefined(f"every value is {next(iter(totals))!r}: a single category leaves nothing to tell apart")
    delta = _metric(level, totals)
    n = sum(totals.values())
    observed = sum(count * delta(c, k) for (c, k), count in coincidences.items())
    categories = list(totals)
    expected = sum(totals[c] * totals[k] * delta(c, k) for c in categories for k in categories) / (n - 1)
    if expected == 0:
        return undefined("the values do not differ under this metric, so no disagreement is expected")
    return Figure(1 - observed / expected)


def _metric(level: str, totals: Mapping[Any, float]) -> Callable[[Any, Any], float]:
    """The squared difference function of ``level`` (Krippendorff 2011, section E)."""
    if level == "nominal":
        return lambda c, k: 0.0 if c == k else 1.0
    if level == "interval":
        return lambda c, k: float(c - k) ** 2
    if level == "ratio":
        return lambda c, k: ((c - k) / (c + k)) ** 2 if c + k else 0.0
    # Ordinal: the squared number of values between c and k (half of each end's own count).
    order = sorted(totals)
    cumulative: dict[Any, float] = {}
    running = 0.0
    for value in order:
        cumulative[value] = running + totals[value] / 2  # the mid-rank of the value's coincidences
        running += totals[value]
    return lambda c, k: (cumulative[k] - cumulative[c]) ** 2


# -- two annotators ---------------------------------------------------------------------------------------------


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Cohen's kappa of two annotators' labels over the same items (items with a None on either side are left out)."""
    return cohen_kappa_figure(a, b).value


def scott_pi(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Scott's pi of two annotators' labels over the same items (items with a None on either side are left out)."""
    return scott_pi_figure(a, b).value


def cohen_kappa_figure(a: Sequence[Hashable], b: Sequence[Hashable]) -> Figure:
    return _two(a, b, pooled=False)


def scott_pi_figure(a: Sequence[Hashable], b: Sequence[Hashable]) -> Figure:
    return _two(a, b, pooled=True)


def _two(a: Sequence[Hashable], b: Sequence[Hashable], *, pooled: bool) -> Figure:
    if len(a) != len(b):
        raise ValueError(f"the two annotators label different numbers of items ({len(a)} and {len(b)})")
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if x is not None and y is not None]
    if not pairs:
        return undefined("no item has a label from both annotators")
    n = len(pairs)
    observed = sum(x == y for x, y in pairs) / n
    count_a, count_b = Counter(x for x, _ in pairs), Counter(y for _, y in pairs)
    categories = set(count_a) | set(count_b)
    if len(categories) == 1:
        return undefined(f"both annotators gave every item {next(iter(categories))!r}: a single category")
    if pooled:  # Scott: one distribution for both annotators
        expected = sum(((count_a[c] + count_b[c]) / (2 * n)) ** 2 for c in categories)
    else:  # Cohen: each annotator's own distribution
        expected = sum(count_a[c] * count_b[c] for c in categories) / (n * n)
    return Figure((observed - expected) / (1 - expected))


# -- Fleiss' kappa ----------------------------------------------------------------------------------------------


def fleiss_kappa(ratings: Sequence[Sequence[Hashable]]) -> float:
    """Fleiss' kappa of ``ratings``: one row per unit, one category label per rater; every unit has as many
    ratings as the others (None, a missing rating, is not counted)."""
    return fleiss_kappa_figure(ratings).value


def fleiss_kappa_figure(ratings: Sequence[Sequence[Hashable]]) -> Figure:
    rows = [Counter(label for label in row if label is not None) for row in ratings]
    if not rows:
        return undefined("there are no units")
    raters = {sum(row.values()) for row in rows}
    if len(raters) > 1:
        raise ValueError(f"Fleiss' kappa needs the same number of ratings per unit, not {sorted(raters)}")
    n = raters.pop()
    if n < 2:
        return undefined("each unit needs ratings from at least two raters")
    per_unit = [(sum(count * count for count in row.values()) - n) / (n * (n - 1)) for row in rows]
    observed = sum(per_unit) / len(rows)
    totals: Counter[Hashable] = Counter()
    for row in rows:
        totals.update(row)
    if len(totals) == 1:
        return undefined(f"every rating is {next(iter(totals))!r}: a single category")
    all_ratings = n * len(rows)
    expected = sum((count / all_ratings) ** 2 for count in totals.values())
    return Figure((observed - expected) / (1 - expected))
