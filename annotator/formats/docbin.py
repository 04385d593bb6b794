"""spaCy DocBin (``.spacy``): one ``Doc`` per (document, layer), for ``spacy train``. Needs the ``spacy`` extra.

Each Doc is built from :mod:`annotator.formats.tokens` (``Doc(vocab, words, spaces)``, so ``doc.text`` is the
document's text) with a blank vocabulary: no model is loaded. Every span is in ``doc.spans["sc"]`` (spans may
overlap, so they do not go in ``doc.ents``), with the span's id as ``Span.id``. ``doc.user_data`` holds
``doc_id``, ``title``, ``annotator`` and ``status``. A DocBin has no place for relations, attribute values, gold
sources, time spent or document meta: the report counts them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import IO

from annotator.errors import DataError
from annotator.formats.format import Format
from annotator.formats.report import FormatReport
from annotator.formats.tokens import Tokenizer
from annotator.model import LayerRecord
from annotator.schema import Schema

EXTENSIONS = (".spacy",)
SPAN_KEY = "sc"


def write_docbin(
    records: Iterable[LayerRecord],
    out: IO[bytes],
    schema: Schema,
    report: FormatReport,
    progress: Callable[[int], None] | None = None,
) -> None:
    """Write the records as one DocBin."""
    try:
        from spacy.tokens import Doc, DocBin
        from spacy.vocab import Vocab
    except ImportError:
        raise DataError(
            "the docbin format needs spaCy", hint='install it with: pip install "annotator[spacy]"'
        ) from None
    vocab = Vocab()
    docs = DocBin(attrs=["ORTH", "SPACY"], store_user_data=True)
    tokenizer = Tokenizer()
    for record in records:
        document, layer = record.document, record.layer
        spans = layer.spans if layer else ()
        tokens = tokenizer(document.text, spans)
        doc = Doc(vocab, words=[t.text for t in tokens], spaces=[t.ws for t in tokens])
        group = []
        for span in spans:
            piece = doc.char_span(span.start, span.end, label=span.label, span_id=span.key)
            if piece is None:  # cannot happen: the tokens are cut at every span boundary
                raise DataError(f"span {span.key} does not fit the tokens of {document.doc_id}")
            group.append(piece)
            for name in span.attrs:
                report.lose("attribute", name)
            if span.sources:
                report.lose("sources")
            if span.rule is not None:
                report.lose("rule")
        doc.spans[SPAN_KEY] = group
        doc.user_data.update(
            {
                "doc_id": document.doc_id,
                "title": document.title,
                "annotator": layer.annotator if layer else None,
                "status": str(layer.status) if layer else None,
            }
        )
        if layer:
            for relation in layer.relations:
                report.lose("relation", relation.label)
            report.lose("time", "", int(layer.time_spent_ms > 0))
        report.lose("meta", "", len(document.meta))
        docs.add(doc)
        if progress:
            progress(1)
    out.write(docs.to_bytes())


FORMAT = Format("docbin", "a spaCy DocBin (needs the spacy extra)", EXTENSIONS, write=write_docbin)
