"""What readers see: documents and layers of an import still under way (or failed) are hidden.

A SQLite import of more than one chunk (``db.import_runs``) commits its rows a chunk at a time, listing each
document and layer it writes beside its ``imports`` row. Every read of documents or layers filters with
``visible(DocumentRow)`` / ``visible(LayerRow)``; spans and relations are reached through a visible layer. When the
import finishes, its one ``imports`` row is deleted and everything it wrote is visible at once; when it fails, its
rows are deleted in chunks and nothing of it was ever visible.

Annotators an import registers are hidden likewise in lists of names (``stats``, ``annotators list``). A new read
of documents or layers adds ``.where(visible(DocumentRow))`` (or the layer's), or, in an outer join,
puts it in the join's condition.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, exists

from db.models import (
    AnnotatorRow,
    DocumentRow,
    ImportedAnnotatorRow,
    ImportedDocumentRow,
    ImportedLayerRow,
    ImportRow,
    LayerRow,
)

_HIDDEN_DOCUMENT = exists().where(
    ImportedDocumentRow.document_id == DocumentRow.id, ImportedDocumentRow.import_id == ImportRow.id
)
_HIDDEN_LAYER = exists().where(ImportedLayerRow.layer_id == LayerRow.id, ImportedLayerRow.import_id == ImportRow.id)
_HIDDEN_ANNOTATOR = exists().where(
    ImportedAnnotatorRow.annotator_id == AnnotatorRow.id, ImportedAnnotatorRow.import_id == ImportRow.id
)
_HIDDEN = {DocumentRow: _HIDDEN_DOCUMENT, LayerRow: _HIDDEN_LAYER, AnnotatorRow: _HIDDEN_ANNOTATOR}
Table = type[DocumentRow] | type[LayerRow] | type[AnnotatorRow]


def visible(table: Table) -> ColumnElement[bool]:
    """The condition that a row of ``table`` (documents, layers, or annotators in lists of names) is not part of an
    unfinished import.

    Correlated to the table of the query it is put in: one lookup by primary key per row, in tables that are empty
    but during an import.
    """
    return ~hidden(table)


def hidden(table: Table) -> ColumnElement[bool]:
    """The opposite of ``visible``: the row belongs to an unfinished import (a writer meeting it waits for it)."""
    return _HIDDEN[table]
