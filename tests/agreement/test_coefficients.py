"""The coefficients against published worked examples, and where they are undefined."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from annotator.agreement import cohen_kappa, fleiss_kappa, krippendorff_alpha, krippendorff_alpha_figure, scott_pi
from annotator.agreement.coefficients import cohen_kappa_figure, fleiss_kappa_figure

REFERENCES = [
    "cohen_wikipedia_2x2",
    "fleiss_wikipedia_10x14",
    "kripp2011_4x12_nominal",
    "kripp2011_4x12_ordinal",
    "kripp2011_4x12_interval",
    "kripp2011_4x12_ratio",
]


def _compute(reference: dict) -> float:
    metric, data = reference["metric"], reference["data"]
    if metric.startswith("krippendorff_alpha_"):
        return krippendorff_alpha(data, level=metric.removeprefix("krippendorff_alpha_"))
    if metric == "cohen_kappa":
        return cohen_kappa(data[0], data[1])
    if metric == "fleiss_kappa":
        # The file gives counts per category for each subject; fleiss_kappa takes one label per rater.
        ratings = [[category for category, count in enumerate(row, 1) for _ in range(count)] for row in data]
        return fleiss_kappa(ratings)
    raise AssertionError(f"no test for the metric {metric!r}")


@pytest.mark.parametrize("name", REFERENCES)
def test_published_worked_examples_are_reproduced(shared: Path, name: str) -> None:
    reference = json.loads((shared / "reference" / "agreement" / f"{name}.json").read_text(encoding="utf-8"))
    assert reference["name"] == name
    assert _compute(reference) == pytest.approx(reference["expected"], abs=reference["tolerance"])


def test_every_published_example_in_the_shared_folder_has_a_test(shared: Path) -> None:
    assert sorted(path.stem for path in (shared / "reference" / "agreement").glob("*.json")) == sorted(REFERENCES)


def _table(cells: dict[tuple[str, str], int]) -> tuple[list[str], list[str]]:
    """Two coders' labels item by item, from a contingency table {(label of A, label of B): count}."""
    a: list[str] = []
    b: list[str] = []
    for (x, y), count in cells.items():
        a += [x] * count
        b += [y] * count
    return a, b


def test_artstein_and_poesio_2008_table_4_gives_pi_0_7995_and_kappa_0_8013() -> None:
    # Artstein & Poesio (2008), "Inter-coder agreement for computational linguistics", section 2.4, 100 utterances
    # coded Statement / Info-request / Check by two coders (rows coder B, columns coder A):
    #   Stat: 46  6  0 (52)   IReq: 0 32 0 (32)   Chck: 0 6 10 (16)   column totals 46, 44, 10.
    a, b = _table({("Stat", "Stat"): 46, ("IReq", "Stat"): 6, ("IReq", "IReq"): 32, ("IReq", "Chck"): 6})
    a_, b_ = _table({("Chck", "Chck"): 10})
    a, b = a + a_, b + b_
    # A_o = (46 + 32 + 10) / 100 = 0.88.
    # pi: pooled shares (46+52)/200 = .49, (44+32)/200 = .38, (10+16)/200 = .13; A_e = .2401 + .1444 + .0169 = .4014;
    #     pi = (.88 - .4014) / (1 - .4014) = .4786 / .5986 = 0.79953...
    # kappa: A_e = .46*.52 + .44*.32 + .10*.16 = .2392 + .1408 + .016 = .396; kappa = .484 / .604 = 0.80132...
    assert scott_pi(a, b) == pytest.approx(0.4786 / 0.5986, abs=1e-12)
    assert round(scott_pi(a, b), 4) == 0.7995
    assert cohen_kappa(a, b) == pytest.approx(0.484 / 0.604, abs=1e-12)
    assert round(cohen_kappa(a, b), 4) == 0.8013


def test_wikipedia_same_agreement_different_marginals() -> None:
    # Wikipedia, "Cohen's kappa", the two tables with 60 % agreement: 45/15/25/15 gives 0.1304, 25/35/5/35 gives 0.2593.
    # First: p_o = .6, A says yes 60, B says yes 70: p_e = .6*.7 + .4*.3 = .54, kappa = .06/.46 = 0.1304.
    a, b = _table({("yes", "yes"): 45, ("yes", "no"): 15, ("no", "yes"): 25, ("no", "no"): 15})
    assert round(cohen_kappa(a, b), 4) == 0.1304
    # Second: p_o = .6, A yes 60, B yes 30: p_e = .6*.3 + .4*.7 = .46, kappa = .14/.54 = 0.2593.
    a, b = _table({("yes", "yes"): 25, ("yes", "no"): 35, ("no", "yes"): 5, ("no", "no"): 35})
    assert round(cohen_kappa(a, b), 4) == 0.2593


def test_two_annotators_without_missing_values_give_alpha_close_to_pi() -> None:
    # Two coders, N items, nothing missing: alpha's expected disagreement is pi's times 2N / (2N - 1), so
    # 1 - alpha = (1 - pi) * (2N - 1) / (2N) (Krippendorff 2004, on pi and alpha).
    a, b = _table({("x", "x"): 6, ("x", "y"): 2, ("y", "y"): 4, ("y", "x"): 0})
    pi, n = scott_pi(a, b), len(a)
    assert krippendorff_alpha([a, b]) == pytest.approx(1 - (1 - pi) * (2 * n - 1) / (2 * n), abs=1e-12)


def test_perfect_agreement_is_one() -> None:
    data = [["FAVOR", "AGAINST", None, "NONE"], ["FAVOR", "AGAINST", "NONE", "NONE"]]
    assert krippendorff_alpha(data) == 1.0
    assert cohen_kappa(data[1], data[1]) == 1.0
    assert scott_pi(data[0], data[1]) == 1.0  # the item with a None is left out
    assert fleiss_kappa([["a", "a", "a"], ["b", "b", "b"]]) == 1.0


def test_undefined_coefficients_are_nan_with_a_reason() -> None:
    one_category = krippendorff_alpha_figure([["a", "a", None], ["a", "a", "a"]])
    assert math.isnan(one_category.value) and "single category" in one_category.reason
    nothing_paired = krippendorff_alpha_figure([["a", None], [None, "b"]])
    assert math.isnan(nothing_paired.value) and "nothing can be paired" in nothing_paired.reason
    assert math.isnan(krippendorff_alpha([[], []]))
    assert math.isnan(cohen_kappa(["yes", "yes"], ["yes", "yes"]))
    assert "single category" in cohen_kappa_figure(["yes"], ["yes"]).reason
    assert math.isnan(scott_pi([None], ["x"]))
    assert math.isnan(fleiss_kappa([["a", "a"], ["a", "a"]]))
    assert "at least two raters" in fleiss_kappa_figure([["a"], ["b"]]).reason


def test_malformed_input_is_refused() -> None:
    with pytest.raises(ValueError, match="differ in length"):
        krippendorff_alpha([[1, 2], [1]])
    with pytest.raises(ValueError, match="unknown level"):
        krippendorff_alpha([[1], [1]], level="cardinal")
    with pytest.raises(ValueError, match="different numbers of items"):
        cohen_kappa(["a"], ["a", "b"])
    with pytest.raises(ValueError, match="same number of ratings"):
        fleiss_kappa([["a", "b"], ["a", "b", "c"]])
