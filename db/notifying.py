"""Changes to layers pushed by PostgreSQL (``LISTEN``/``NOTIFY``), for a window that shows the open document as
others change it.

A trigger on ``layers`` sends ``pg_notify('annotator_layers', <document id>)`` whenever a layer is made, its version
moves or it is removed: the id of the document only, never whose layer or what it holds, so that a notification
tells an annotator nothing row-level security hides (the window reads the layer again through its own permissions,
and finds its own layer unchanged where another's moved). PostgreSQL sends a notification when its transaction
commits, and once for the same document within one.

The trigger is made by whoever owns the tables: ``install`` runs in ``annotator team init`` and every ``db upgrade``
of a team (``db.team_rules``), and ``listen`` makes it where it is missing and the login owns ``layers`` (a project
of one login). An annotator of a team may create nothing: where the owner has not run either since, ``listen``
answers with ``pushed`` False and the window polls as on SQLite.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

CHANNEL = "annotator_layers"
TRIGGER, FUNCTION = "annotator_layers_notify", "annotator_notify_layer"
_INSTALL_WAIT_MS = 500  # making the trigger locks layers a moment: never wait long for writers to let go

log = logging.getLogger(__name__)


def install(connection: Connection) -> None:
    """Make (or make again) the trigger and its function, in the caller's transaction; the caller owns ``layers``."""
    connection.exec_driver_sql(
        f"""
        CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger
        LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
        DECLARE
            document integer := CASE WHEN TG_OP = 'DELETE' THEN OLD.document_id ELSE NEW.document_id END;
        BEGIN
            PERFORM pg_notify('{CHANNEL}', (SELECT d.doc_id FROM public.documents d WHERE d.id = document));
            RETURN NULL;
        END $$""".replace("%", "%%")
    )
    connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {TRIGGER} ON layers")
    connection.exec_driver_sql(
        f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR DELETE OR UPDATE OF version ON layers "
        f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()"
    )


def installed(connection: Connection) -> bool:
    """Whether the trigger is there (anyone may ask)."""
    query = "SELECT 1 FROM pg_trigger WHERE tgname = :name AND tgrelid = to_regclass('layers')"
    return connection.scalar(text(query), {"name": TRIGGER}) is not None


def _owns_layers(connection: Connection) -> bool:
    query = "SELECT pg_has_role(current_user, relowner, 'MEMBER') FROM pg_class WHERE oid = to_regclass('layers')"
    return bool(connection.scalar(text(query)))


def ensure(engine: Engine) -> bool:
    """Whether the trigger is there, made first where it is missing and this login owns ``layers``."""
    try:
        with engine.connect() as connection:
            if installed(connection):
                return True
            if not _owns_layers(connection):
                return False
        with engine.begin() as connection:
            connection.exec_driver_sql(f"SET LOCAL lock_timeout = {_INSTALL_WAIT_MS}")
            install(connection)
        return True
    except DBAPIError as error:  # busy, or not allowed after all: the window polls, as before
        log.info("changes to layers are not pushed: %s", error.orig)
        return False


class Listener:
    """A connection of its own, listening on ``CHANNEL``: ``fileno`` is its socket (readable when something came),
    ``received`` the documents changed since, read without waiting."""

    def __init__(self, connection: Any, pushed: bool) -> None:
        self._connection = connection  # psycopg's; loaded only for PostgreSQL
        self.pushed = pushed
        """Whether the database sends notifications (its trigger is there): if not, nothing will come."""

    def fileno(self) -> int:
        return int(self._connection.fileno())

    def received(self) -> set[str]:
        """The ids of the documents whose layers changed since the last call (none if the connection is lost:
        ``alive`` says so)."""
        ids: set[str] = set()
        pgconn = self._connection.pgconn
        try:
            pgconn.consume_input()
            while (notification := pgconn.notifies()) is not None:
                if notification.relname.decode() == CHANNEL:
                    ids.add(notification.extra.decode())
        except Exception as error:  # the server went or the connection broke: polling is left
            log.info("listening for changes stopped: %s", error)
            self.close()
        return ids

    @property
    def alive(self) -> bool:
        return not self._connection.closed

    def close(self) -> None:
        self._connection.close()


class Project(Protocol):
    """What ``listen`` needs of a Store (``db.store`` imports this module's neighbours, not the other way)."""

    @property
    def engine(self) -> Engine: ...

    @property
    def read_only(self) -> object: ...


def listen(store: Project) -> Listener | None:
    """A ``Listener`` for ``store``'s PostgreSQL database (the trigger made if missing and this login may); None on
    SQLite or when no connection can be had."""
    engine = store.engine
    if engine.dialect.name != "postgresql":
        return None
    pushed = ensure(engine) if store.read_only is None else _installed(engine)
    try:
        raw = engine.raw_connection()
        connection = raw.driver_connection
        raw.detach()  # a connection of its own, never back in the pool
        if connection is None:
            return None
        connection.rollback()
        connection.autocommit = True
        connection.execute(f"LISTEN {CHANNEL}")
    except Exception as error:  # the pool's (DBAPIError) or the driver's own: the window polls, as before
        log.info("changes to layers are not pushed: %r", error)
        return None
    return Listener(connection, pushed)


def _installed(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            return installed(connection)
    except DBAPIError:
        return False
