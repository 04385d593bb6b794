"""The Store's figures: ``stats`` (``db.progress``), and progress for leads (``db.progress_figures``) with agreement
so far (``db.progress_agreement``). An annotator sees their own figures only; a lead (and a trusted caller)
everyone's. On a team's PostgreSQL server the database hides the others' rows besides (work periods are the rows of
their layer, under the layer's rules)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, select

from annotator.model import Role
from annotator.progress import Agreement, Progress
from db.models import AnnotatorRow, DocumentRow, LayerRow
from db.progress import progress
from db.progress_agreement import cached, fingerprint, keep, layers_mark, measured
from db.progress_figures import figures, layer_statements, span_counts
from db.roles import role_of

if TYPE_CHECKING:
    from annotator.agreement import DocumentLayers
    from annotator.schema import Schema


class Progressing:
    """The figures methods of the Store (mixed into ``db.store.Store``)."""

    _user_name: str | None = None

    @property
    def schema(self) -> Schema:  # pragma: no cover - provided by the Store
        raise NotImplementedError

    @property
    def where(self) -> str:  # pragma: no cover - provided by the Store
        raise NotImplementedError

    def _read(self) -> AbstractContextManager[Connection]:  # pragma: no cover - provided by the Store
        raise NotImplementedError

    def _agreement_layers(
        self, doc_ids: list[str] | None, annotators: list[str] | None, status: str, with_gold: bool
    ) -> Iterator[DocumentLayers]:  # pragma: no cover - provided by the Store
        raise NotImplementedError

    def _only(self, connection: Connection) -> str | None:
        """Whose figures the reader may see: None for everyone's (a lead, a trusted caller), else their own name."""
        if self._user_name is not None and role_of(connection, self._user_name) is not Role.LEAD:
            return self._user_name
        return None

    def stats(self) -> dict[str, Any]:
        """Counts for ``annotator stats``: documents, layers by status, spans by label, per annotator. An annotator
        sees their own layers and progress only; a lead (and a trusted caller) everyone's. ``proposed`` counts an
        annotator's spans accepted from proposals."""
        with self._read() as connection:
            return progress(connection, self._only(connection))

    def progress_figures(self, *, by_document: bool = False, counts: bool = True, first: bool = False) -> Progress:
        """The progress figures of every annotator (an annotator: their own), and with ``by_document`` who has each
        document and its status. Agreement is not in them: ``agreement_so_far`` measures it. Without ``counts``
        spans and statements are None: ``span_counts`` counts them (it reads every span). ``first``: only the
        documents assigned and the layers by status, for a first look (two queries)."""
        with self._read() as connection:
            only = self._only(connection)
            progress = figures(
                connection, self.schema.statement, only, by_document=by_document, counts=False, first=first
            )
        if counts and not first:
            found = self.span_counts()
            for name, person in progress.annotators.items():
                person.spans, person.statements = found.get(name, (0, 0))
        return progress

    def span_counts(self) -> dict[str, tuple[int, int]]:
        """Spans and statements per annotator (an annotator: their own). Kept while no layer changes: asked again,
        it costs one query."""
        with self._read() as connection:
            only = self._only(connection)
            key, mark = ("counts", self.where, self._user_name or ""), layers_mark(connection)
            found: dict[str, tuple[int, int]] | None = cached(key, mark)
            if found is None:
                found = span_counts(connection, self.schema.statement, only)
                keep(key, mark, found)
            return found

    def agreement_so_far(self) -> Agreement | None:
        """F1 by overlap per label on the documents several annotators marked done, per annotator and per week;
        None for an annotator (agreement compares others' layers, which only a lead reads). Kept while no done
        layer changes: asked again, it costs one query."""
        with self._read() as connection:
            if self._only(connection) is not None:
                return None
            key, mark = ("agreement", self.where, self._user_name or ""), fingerprint(connection)
            found: Agreement | None = cached(key, mark)
            if found is not None:
                return found

            def read(doc_ids: list[str]) -> Iterator[DocumentLayers]:
                return self._agreement_layers(doc_ids, None, "done", False)

            return measured(connection, self.schema, read, key, mark)

    def statement_count(self, doc_id: str, annotator: str) -> int:
        """How many statements ``annotator``'s layer of ``doc_id`` holds (0 without a layer): what a work period's
        gain is counted from."""
        layer = (
            select(LayerRow.id)
            .join(DocumentRow, DocumentRow.id == LayerRow.document_id)
            .join(AnnotatorRow, AnnotatorRow.id == LayerRow.annotator_id)
            .where(DocumentRow.doc_id == doc_id, AnnotatorRow.name == annotator)
        )
        with self._read() as connection:
            layer_id = connection.scalar(layer)
            return 0 if layer_id is None else layer_statements(connection, self.schema.statement, layer_id)
