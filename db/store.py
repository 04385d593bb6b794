"""The Store: the only way in or out of the database. It returns ``annotator.model`` objects, never rows.

Every method is one short transaction, committed before it returns: what it acknowledges is on disk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, text, update
from sqlalchemy.exc import DBAPIError

from annotator.checks import check_new_annotator_name, registry_name
from annotator.errors import Busy, DataError, PermissionDenied, ReadOnlyProject, StoreError
from annotator.formats import check_schema_names
from annotator.model import GOLD, Annotator, Document, DocumentSummary, ImportReport, Layer, LayerRecord, Role, Speaker
from annotator.schema import Schema, default_schema_text, parse_schema
from annotator.statement_rows import StatementsRecord
from db import migrate
from db.access import postgres_access, sqlite_access
from db.adjudication import Adjudication
from db.assignments import Assigning
from db.bulk_export import export_records
from db.bulk_import import Numbered
from db.bulk_statements import statement_records
from db.conflicts import reason, refusal, retrying
from db.edits import Edits
from db.engine import database_url, lock_tables, locking, make_engine, reading, sqlite_path, writing
from db.heap import frozen_heap
from db.import_runs import import_file, leftovers, sweep
from db.keys import remember_highest
from db.listing import Listing
from db.models import AnnotatorRow, DocumentRow, LayerRow, Setting, SpanRow, SpeakerRow, TargetRow
from db.probing import Probing
from db.progressing import Progressing
from db.proposing import Proposing
from db.registry import add_speakers, add_targets
from db.rejections import Rejections
from db.roles import has_lead, layer_name, register, require_lead
from db.rows import LayerPart as LayerPart  # re-exported: the window takes it from the Store's module
from db.rows import LayerStart as LayerStart  # re-exported: the window takes it from the Store's module
from db.rows import layer_part, layer_query, layer_rest, layer_start, one_layer
from db.team import working_as
from db.team_rules import ROLE_FUNCTION
from db.visibility import visible

SCHEMA_KEY = "schema"
_LAYERS_OF_DOCUMENT = layer_query().join(DocumentRow, DocumentRow.id == LayerRow.document_id)
_LAYERS_OF_DOCUMENT = _LAYERS_OF_DOCUMENT.where(DocumentRow.doc_id == bindparam("doc_id"), visible(DocumentRow))
_GOLD_LAYER = _LAYERS_OF_DOCUMENT.where(LayerRow.gold)
_ANNOTATOR_LAYER = _LAYERS_OF_DOCUMENT.where(AnnotatorRow.name == bindparam("name"))
_DOCUMENT = select(DocumentRow.text, DocumentRow.title, DocumentRow.meta).where(
    DocumentRow.doc_id == bindparam("doc_id"), visible(DocumentRow)
)  # built once: building it took more than half of a read of a document (about 0.5 ms of SQLAlchemy's Python)


class Store(Edits, Listing, Assigning, Adjudication, Rejections, Proposing, Probing, Progressing):
    """A project database. Open it with ``Store.open(path_or_url)``; close it with ``close()``.

    ``user`` is who is working: registered on first use (the first annotator of a project is its lead), and held to
    their role (``db.roles``): an annotator reads and changes only their own layers. Without a user the Store is a
    trusted caller (the tests, internal tools, scripts of a project's lead) and nothing is checked. On a team's
    PostgreSQL server (``db.team``) who works is the database login, a ``user`` naming anyone else is refused, and
    the database holds each login to its role itself; only its owner is a trusted caller there.
    """

    def __init__(self, url: str, *, upgrade: bool = True, user: str | None = None, read_only: bool = False) -> None:
        self.url = url
        path = sqlite_path(url)
        opened, self.read_only = sqlite_access(path, asked=read_only) if path else (None, None)
        """Why the project is open for reading only (``db.access``); None when this program may write to it."""
        self.engine = make_engine(opened or url)
        self._reader = reading(self.engine)
        self._writer = writing(self.engine)
        self._locking_writer = locking(self.engine)
        self._schema: Schema | None = None
        self._user_name = user
        self.team = False
        """Whether the database enforces a team's rules itself (``db.team_rules``)."""
        try:
            if upgrade and not self.read_only:
                migrate.upgrade(self.engine, url)
            elif migrate.check_revision(self.engine, url) != migrate.head_revision():
                hint = self.read_only.message() if self.read_only else "run `annotator db upgrade`"
                raise StoreError(f"{self.where} needs an upgrade: {hint}")
            with self.engine.connect() as connection:
                # On a team's server the login is who works (db.team); elsewhere the user named.
                self.team, self._user_name = working_as(connection, user)
                if path is None:
                    self.read_only = postgres_access(connection, self.where, asked=read_only)
            if self.read_only:
                return  # nothing to write: the schema falls back to the default where none is stored
            self._ensure_project()
            with self._read() as connection:  # what an import killed outright left hidden (db.import_runs)
                if path is not None and leftovers(connection):
                    sweep(self._write, path)
            if self._user_name is not None and not self.team:
                self._register(self._user_name)  # a team's people are registered by `annotator team add`
        except DBAPIError as error:
            self.engine.dispose()
            if isinstance(refusal(error), PermissionDenied):
                raise PermissionDenied(f"cannot open {self.where}: {reason(error)}") from None
            raise StoreError(f"cannot open {self.where}: {reason(error)}") from None
        except BaseException as error:
            self.engine.dispose()
            if isinstance(error, Busy):  # a write of the opening waited its time for another program's lock
                raise Busy(self.where) from None
            raise

    @classmethod
    def open(cls, db: str | Path, *, upgrade: bool = True, user: str | None = None, read_only: bool = False) -> Store:
        """Open (creating and migrating as needed) the database at a file path or SQLAlchemy URL, for ``user``
        (see the class), or for a trusted caller; for reading only when asked, or when this program may not write
        to it (``read_only`` then says why)."""
        url = database_url(db)
        path = sqlite_path(url)
        if path is not None and not path.parent.is_dir():
            raise StoreError(f"cannot create {path}: the folder {path.parent} does not exist")
        return cls(url, upgrade=upgrade, user=user, read_only=read_only)

    @property
    def where(self) -> str:
        path = sqlite_path(self.url)
        return str(path) if path else self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self, *, lock: tuple[str, ...] | None = None) -> Iterator[Connection]:
        """One write transaction: committed at the end of the block, rolled back on any error. On PostgreSQL,
        meeting another writer raises a ``db.conflicts.Conflict``, which methods marked ``@retrying`` run again
        (see ``db.engine.writing``); with ``lock``, the transaction holds those tables instead, for what cannot be
        run again (see ``db.engine.locking``). ``Busy``: see ``db.probing``. A read-only project refuses at once."""
        if self.read_only:
            raise ReadOnlyProject(self.read_only.message())
        try:
            with (self._writer if lock is None else self._locking_writer).begin() as connection:
                lock_tables(connection, lock or ())
                yield connection
        except DBAPIError as error:
            refused = refusal(error)
            if refused is None:
                raise
            raise refused from None

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """One read transaction, which sees the database as it was when it began (see ``db.engine.reading``)."""
        with self._reader.connect() as connection:
            yield connection

    # -- the project's schema ---------------------------------------------------------------------------------

    @retrying
    def _ensure_project(self) -> None:
        with self._read() as connection:  # the common case, read only: opening waits for no writer
            if connection.scalar(select(Setting.value).where(Setting.key == SCHEMA_KEY)) is not None:
                return
        with self._write() as connection:
            if connection.scalar(select(Setting.value).where(Setting.key == SCHEMA_KEY)) is None:
                self._install_schema(connection, parse_schema(default_schema_text(), source="seeds/schema.toml"))

    def _install_schema(self, connection: Connection, schema: Schema) -> None:
        connection.execute(delete(Setting).where(Setting.key == SCHEMA_KEY))
        connection.execute(insert(Setting), {"key": SCHEMA_KEY, "value": schema.source_text})
        self._add_speakers(connection, [(s.name, list(s.aliases)) for s in schema.speakers])
        self._add_targets(connection, list(schema.targets))
        self._schema = schema

    @property
    def schema(self) -> Schema:
        """The project's schema, as stored in the database."""
        if self._schema is None:
            with self._read() as connection:
                text = connection.scalar(select(Setting.value).where(Setting.key == SCHEMA_KEY))
            self._schema = parse_schema(text or default_schema_text(), source=f"the schema stored in {self.where}")
        return self._schema

    @retrying
    def set_schema(self, schema: Schema) -> None:
        """Make ``schema`` the project's (a lead's to do); refused while stored spans or relations use what it
        lacks, or that names something as a format names its own (``check_schema_names``)."""
        check_schema_names(schema)
        with self._write() as connection:
            require_lead(connection, self._user_name, "set the project's schema")
            labels = set(connection.scalars(select(SpanRow.label).distinct()))
            missing = sorted(labels - set(schema.label_names))
            if missing:
                raise DataError(f"the new schema lacks the label {missing[0]!r}, which stored spans use")
            self._install_schema(connection, schema)

    # -- annotators -------------------------------------------------------------------------------------------

    @property
    def user(self) -> Annotator | None:
        """Who is working, with their role as stored now; None for a trusted caller."""
        return None if self._user_name is None else self.annotator(self._user_name)

    @retrying
    def _register(self, name: str) -> None:
        check_new_annotator_name(name)
        if self.annotator(name) is None:  # read first: a registered person's opening waits for no writer
            with self._write(lock=("annotators",)) as connection:
                register(connection, name)

    @retrying
    def add_annotator(self, name: str, role: Role = Role.ANNOTATOR) -> Annotator:
        """Register ``name`` with ``role``, or change the role of an annotator already registered.

        Once the project has a lead, only a lead gives the lead role or changes anyone's role.
        """
        check_new_annotator_name(name)
        role = Role(role)
        with self._write(lock=("annotators",)) as connection:
            stored = connection.scalar(select(AnnotatorRow.role).where(AnnotatorRow.name == name))
            if (stored or Role.ANNOTATOR.value) != role.value and has_lead(connection):
                which = "a lead" if role is Role.LEAD else "an annotator"
                require_lead(connection, self._user_name, f"make {name} {which}")
            if stored is None:
                connection.execute(insert(AnnotatorRow), {"name": name, "role": role.value})
            elif self.team:  # the database checks the caller, and moves the login in or out of the lead group
                connection.execute(text(f"SELECT {ROLE_FUNCTION}(:name, :role)"), {"name": name, "role": role.value})
            else:
                connection.execute(update(AnnotatorRow).where(AnnotatorRow.name == name).values(role=role.value))
        return Annotator(name, role)

    def annotator(self, name: str) -> Annotator | None:
        with self._read() as connection:
            role = connection.scalar(select(AnnotatorRow.role).where(AnnotatorRow.name == name))
        return None if role is None else Annotator(name, Role(role))

    def annotators(self) -> list[Annotator]:
        with self._read() as connection:
            names = select(AnnotatorRow.name, AnnotatorRow.role).where(visible(AnnotatorRow))
            rows = connection.execute(names.order_by(AnnotatorRow.name))
            return [Annotator(name, Role(role)) for name, role in rows]

    # -- documents and layers ---------------------------------------------------------------------------------

    def document_count(self) -> int:
        with self._read() as connection:
            return connection.scalar(select(func.count()).select_from(DocumentRow).where(visible(DocumentRow))) or 0

    def documents(self, *, offset: int = 0, limit: int | None = None) -> list[DocumentSummary]:
        """Ids and titles in import order, without the texts."""
        query = select(DocumentRow.doc_id, DocumentRow.title).where(visible(DocumentRow))
        query = query.order_by(DocumentRow.id).offset(offset).limit(limit)
        with self._read() as connection:
            return [DocumentSummary(doc_id, title) for doc_id, title in connection.execute(query)]

    def document(self, doc_id: str) -> Document:
        with self._read() as connection:
            row = connection.execute(_DOCUMENT, {"doc_id": doc_id}).first()
        if row is None:
            raise DataError(f"no document {doc_id!r} in {self.where}")
        return Document(doc_id, row.text, row.title, row.meta or {})

    def layer(self, doc_id: str, annotator: str) -> Layer | None:
        """One annotator's layer (or the gold layer) of one document; None if there is none yet.

        Another's layer and gold are a lead's to read.
        """
        with self._read() as connection:
            row = self._layer_row(connection, doc_id, annotator)
            return None if row is None else one_layer(connection, row, doc_id)

    def layer_and_version(self, doc_id: str, annotator: str) -> tuple[Layer | None, int]:
        """What ``layer`` gives, and the layer's version (0 before its first change), read at one moment: what a
        change built on this read names as its ``version_before``."""
        with self._read() as connection:
            row = self._layer_row(connection, doc_id, annotator)
            return (None, 0) if row is None else (one_layer(connection, row, doc_id), row.version)

    def layer_start(self, doc_id: str, annotator: str, *, before: int) -> LayerStart | None:
        """What ``layer`` gives, as far as the spans that start before code point ``before``: what a window shows
        first. ``layer_rest`` reads the rest. None if there is no layer yet."""
        with self._read() as connection:
            row = self._layer_row(connection, doc_id, annotator)
            return None if row is None else layer_start(connection, row, doc_id, before)

    def layer_rest(self, start: LayerStart) -> Layer | None:
        """The whole layer that ``start`` began, reading only what it left out; None if the layer has changed since
        (read it with ``layer``)."""
        with self._read() as connection:
            return layer_rest(connection, start)

    def layer_part(self, start: LayerStart, after: LayerPart | None = None, *, limit: int | None) -> LayerPart | None:
        """The next part of the layer that ``start`` began, after ``after``: about ``limit`` spans, then ``limit``
        relations at a time (None: all that is left), so that a window reads a long layer in short steps. None if
        the layer has changed since ``start`` (read it again)."""
        with self._read() as connection:
            part = layer_part(connection, start, after, limit)
        if part is not None and part.done:
            remember_highest(self._writer, start.layer_id, start.version, dict(zip("sr", part.highest, strict=True)))
        return part

    def _layer_row(self, connection: Connection, doc_id: str, annotator: str) -> Any:
        """The ``layer_query`` row of one layer, once the user is found to be allowed to read it."""
        if self._user_name is not None and annotator != self._user_name:
            require_lead(connection, self._user_name, f"read {layer_name(annotator, doc_id)}")
        if annotator == GOLD:
            return connection.execute(_GOLD_LAYER, {"doc_id": doc_id}).first()
        return connection.execute(_ANNOTATOR_LAYER, {"doc_id": doc_id, "name": annotator}).first()

    # -- import and export ------------------------------------------------------------------------------------

    def import_records(self, records: Iterable[Numbered], *, source: str, replace: bool = False) -> ImportReport:
        """Check and store ``(line, record)`` pairs: all of them or nothing, as readers see it (``db.import_runs``).

        Documents and the user's own layers are anyone's to import (in mode ``only``, on their assigned documents);
        another's layers and gold, a lead's.
        """
        with frozen_heap():
            return import_file(
                self._write, records, self.schema, self._user_name, source, replace, sqlite_path(self.url)
            )

    def export_records(
        self, *, layer: str = "all", status: str = "done", with_empty: bool = False
    ) -> Iterator[LayerRecord]:
        """Stream documents with their layers (see ``db.bulk_export.export_records``).

        Only a lead exports gold, all layers or another's; that is checked at the call, before anything is read.
        """
        self._may_export(layer)
        return self._export(export_records, layer=layer, status=status, with_empty=with_empty)

    def statement_records(
        self, *, layer: str = "all", status: str = "done", with_empty: bool = False
    ) -> Iterator[StatementsRecord]:
        """What ``export_records`` gives, as statements read alone (``db.bulk_statements``), checked as it is."""
        self._may_export(layer)
        return self._export(statement_records, self.schema.statement, layer=layer, status=status, with_empty=with_empty)

    def _may_export(self, layer: str) -> None:
        if layer not in ("all", GOLD) and self.annotator(layer) is None:
            raise DataError(f"no annotator {layer!r} in {self.where}", hint="see `annotator annotators list`")
        if self._user_name is not None and layer != self._user_name:
            with self._read() as connection:
                which = "every layer" if layer == "all" else layer_name(layer)
                require_lead(connection, self._user_name, f"export {which}")

    def _export(self, read: Callable[..., Iterator[Any]], *args: Any, **choices: Any) -> Iterator[Any]:
        with frozen_heap(), self._read() as connection:
            yield from read(connection, *args, **choices)

    # -- speakers and targets ---------------------------------------------------------------------------------

    def speakers(self) -> list[Speaker]:
        with self._read() as connection:
            rows = connection.execute(select(SpeakerRow.name, SpeakerRow.aliases).order_by(SpeakerRow.name))
            return [Speaker(name, tuple(aliases or ())) for name, aliases in rows]

    @retrying
    def add_speaker(self, name: str, aliases: Iterable[str] = ()) -> Speaker:
        """Add a canonical speaker to the registry (the aliases are merged if it is already there)."""
        name = registry_name(name, "speaker")
        with self._write() as connection:
            self._add_speakers(connection, [(name, list(aliases))])
            stored = connection.scalar(select(SpeakerRow.aliases).where(SpeakerRow.name == name))
        return Speaker(name, tuple(stored or ()))

    def targets(self) -> list[str]:
        with self._read() as connection:
            return list(connection.scalars(select(TargetRow.name).order_by(TargetRow.name)))

    @retrying
    def add_target(self, name: str) -> str:
        name = registry_name(name, "target")
        with self._write() as connection:
            self._add_targets(connection, [name])
        return name

    _add_speakers = staticmethod(add_speakers)
    _add_targets = staticmethod(add_targets)
