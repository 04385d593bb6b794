"""CoNLL writes no white-space token, so a span with white space at an edge comes out shorter: the report says so."""

from __future__ import annotations

from pathlib import Path

from annotator.formats import export
from annotator.model import Document, Layer, LayerRecord, Span, Status
from annotator.schema import default_schema

SCHEMA = default_schema()
TEXT = "He said: “ will continue the talks”, the minister added.\n\nend of story\u00a0 here"


def _span(key: str, piece: str, label: str) -> Span:
    start = TEXT.index(piece)
    return Span(key, start, start + len(piece), label)


def _record() -> LayerRecord:
    spans = (
        _span("s1", " will continue the talks”", "CLAIM"),  # leading space
        _span("s2", "\n\nend", "CLAIM"),  # leading line breaks
        _span("s3", "the minister ", "SPEAKER"),  # trailing space
        _span("s4", "said", "CUE"),  # whole tokens: unchanged
        _span("s5", "story\u00a0", "SPEAKER"),  # trailing no-break space
        _span("s6", "\n\n", "CUE"),  # white space only: not held at all
    )
    return LayerRecord(Document("trims", TEXT, "He said", {}), Layer("trims", "ann_01", Status.DONE, 0, spans, ()))


def _chunks(path: Path) -> list[tuple[str, str]]:
    """(label, the tokens joined by spaces) of each B-/I- chunk in a CoNLL file."""
    chunks: list[tuple[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("-DOCSTART-"):
            continue
        token, tag = line.rsplit("\t", 1)
        if tag.startswith("B-"):
            chunks.append((tag[2:], [token]))
        elif tag.startswith("I-"):
            chunks[-1][1].append(token)
    return [(label, " ".join(tokens)) for label, tokens in chunks]


def test_conll_counts_and_names_every_trimmed_span(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    report = export([_record()], out, "conll", SCHEMA)
    chunks = [chunk for path in sorted(out.glob("*.conll")) for chunk in _chunks(path)]
    assert ("CLAIM", "will continue the talks ”") in chunks
    assert ("CLAIM", "end") in chunks
    assert ("SPEAKER", "the minister") in chunks
    assert ("SPEAKER", "story") in chunks
    assert ("CUE", "said") in chunks
    assert report.lost[("trimmed", "CLAIM")] == 2
    assert report.lost[("trimmed", "SPEAKER")] == 2
    assert ("trimmed", "CUE") not in report.lost
    assert report.lost[("blank", "CUE")] == 1
    losses = report.losses()
    assert "2 CLAIM span(s) with white space at an edge (trimmed)" in losses
    assert "2 SPEAKER span(s) with white space at an edge (trimmed)" in losses
