"""The agreement figures as one JSON-ready object (``annotator agreement --json``).

NaN is not JSON: an undefined figure is written as null, with ``NAME_reason`` beside it saying why.
"""

from __future__ import annotations

from typing import Any

from annotator.agreement.coefficients import Figure
from annotator.agreement.figures import DocumentScore, PairTally, Report


def _put(target: dict[str, Any], name: str, figure: Figure) -> None:
    target[name] = figure.as_json()
    if not figure.defined:
        target[f"{name}_reason"] = figure.reason


def as_json(report: Report) -> dict[str, Any]:
    """The report as plain values: ``labels.LABEL.f1_exact``, ``stance.alpha``, ``attribution.same_speaker``,
    ``attribution.relation_f1``, ``pairs`` (the counts behind them) and ``documents``, the most disagreement first."""
    labels: dict[str, Any] = {}
    for label in report.labels:
        labels[label] = {}
        _put(labels[label], "f1_exact", report.label_f1(label, "exact"))
        _put(labels[label], "f1_overlap", report.label_f1(label, "overlap"))
    stance: dict[str, Any] = {"level": "nominal", "units": report.stance_units}
    _put(stance, "alpha", report.stance_alpha)
    attribution: dict[str, Any] = {}
    _put(attribution, "same_speaker", report.same_speaker())
    _put(attribution, "relation_f1", report.relation_f1())
    return {
        "annotators": report.annotators,
        "labels": labels,
        "stance": stance,
        "attribution": attribution,
        "pairs": [_pair(tally, report) for tally in report.pair_list()],
        "documents": [_document(score) for score in report.documents],
    }


def _pair(tally: PairTally, report: Report) -> dict[str, Any]:
    labels: dict[str, Any] = {}
    for label in report.labels:
        counts = tally.label(label)
        labels[label] = {
            "spans_a": counts.spans_a,
            "spans_b": counts.spans_b,
            "matched_exact": counts.exact,
            "matched_overlap": counts.overlap,
        }
        _put(labels[label], "f1_exact", counts.f1(counts.exact, label))
        _put(labels[label], "f1_overlap", counts.f1(counts.overlap, label))
    stance: dict[str, Any] = {
        "claims": tally.claim_pairs,
        "confusion": {"values": report.stance_values, "counts": tally.confusion(report.stance_values)},
    }
    _put(stance, "kappa", tally.stance_kappa())
    attribution: dict[str, Any] = {
        "claim_pairs": tally.claim_pairs,
        "same": tally.same_speaker,
        "relations_a": tally.relations_a,
        "relations_b": tally.relations_b,
        "relations_matched": tally.relations_matched,
    }
    _put(attribution, "same_speaker", tally.same_speaker_share())
    _put(attribution, "relation_f1", tally.relation_f1())
    return {
        "a": tally.a,
        "b": tally.b,
        "documents": tally.documents,
        "labels": labels,
        "stance": stance,
        "attribution": attribution,
    }


def _document(score: DocumentScore) -> dict[str, Any]:
    item: dict[str, Any] = {"doc_id": score.doc_id, "annotators": list(score.annotators)}
    _put(item, "disagreement", score.disagreement)
    item["units"] = score.units
    item["kinds"] = score.kinds
    return item
