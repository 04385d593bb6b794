"""A small two-annotator example, worked by hand in the tests that use it."""

from __future__ import annotations

from typing import Any

import pytest

TEXT = (
    "Ilham Aliyev said that peace is near. Critics argued that the talks failed. "
    "The minister stressed: “Trade will grow.”"
)
LONE = "Second story\n\nThe mayor said the bridge will open soon. Residents doubt that the bridge will open."


def _span(text: str, key: str, piece: str, label: str, **attrs: str) -> dict[str, Any]:
    start = text.index(piece)
    return {"id": key, "start": start, "end": start + len(piece), "label": label, "text": piece, **attrs}


def _link(key: str, head: str, child: str, label: str = "ATTRIBUTED_TO") -> dict[str, str]:
    return {"id": key, "head": head, "child": child, "label": label}


def hand_worked() -> list[dict[str, Any]]:
    """Native records: document d1 annotated by ann_a and ann_b, document d2 by ann_a alone.

    On d1:                                   ann_a                          ann_b
      SPEAKER  Ilham Aliyev (Ilham Aliyev)   same                           same
      CUE      said                          same                           same
      CLAIM    peace is near                 FAVOR, -> Ilham Aliyev         same
      SPEAKER  Critics (Critics)             same                           same
      CUE      argued                        marked                         not marked
      CLAIM    the talks failed              AGAINST, -> Critics            "that the talks failed", NONE, no speaker
      SPEAKER  The minister                  "The minister", Jeyhun B.      "minister", Hikmet Hajiyev
      CLAIM    Trade will grow               "“Trade will grow.”", FAVOR    "Trade will grow.", FAVOR
                                             -> The minister                -> minister
    """
    a_spans = [
        _span(TEXT, "s1", "Ilham Aliyev", "SPEAKER", speaker="Ilham Aliyev"),
        _span(TEXT, "s2", "said", "CUE"),
        _span(TEXT, "s3", "peace is near", "CLAIM", stance="FAVOR"),
        _span(TEXT, "s4", "Critics", "SPEAKER", speaker="Critics"),
        _span(TEXT, "s5", "argued", "CUE"),
        _span(TEXT, "s6", "the talks failed", "CLAIM", stance="AGAINST"),
        _span(TEXT, "s7", "The minister", "SPEAKER", speaker="Jeyhun Bayramov"),
        _span(TEXT, "s8", "“Trade will grow.”", "CLAIM", stance="FAVOR"),
    ]
    b_spans = [
        _span(TEXT, "s1", "Ilham Aliyev", "SPEAKER", speaker="Ilham Aliyev"),
        _span(TEXT, "s2", "said", "CUE"),
        _span(TEXT, "s3", "peace is near", "CLAIM", stance="FAVOR"),
        _span(TEXT, "s4", "Critics", "SPEAKER", speaker="Critics"),
        _span(TEXT, "s5", "that the talks failed", "CLAIM", stance="NONE"),
        _span(TEXT, "s6", "minister", "SPEAKER", speaker="Hikmet Hajiyev"),
        _span(TEXT, "s7", "Trade will grow.", "CLAIM", stance="FAVOR"),
    ]
    lone = [
        _span(LONE, "s1", "The mayor", "SPEAKER", speaker="Mayor"),
        _span(LONE, "s2", "the bridge will open soon", "CLAIM", stance="FAVOR"),
        _span(LONE, "s3", "Residents", "SPEAKER", speaker="Residents"),
    ]
    record = {"doc_id": "d1", "status": "done", "text": TEXT, "meta": {"title": "Aliyev on peace"}}
    return [
        record
        | {
            "annotator": "ann_a",
            "spans": a_spans,
            "relations": [_link("r1", "s3", "s1"), _link("r2", "s6", "s4"), _link("r3", "s8", "s7")],
        },
        record
        | {"annotator": "ann_b", "spans": b_spans, "relations": [_link("r1", "s3", "s1"), _link("r2", "s7", "s6")]},
        {"doc_id": "d2", "annotator": "ann_a", "status": "done", "text": LONE, "spans": lone, "relations": []},
    ]


@pytest.fixture
def records() -> list[dict[str, Any]]:
    return hand_worked()
