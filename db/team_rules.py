"""The rules a team's PostgreSQL database enforces itself: the project's group roles, their privileges, row-level
security on the layers and what hangs from them, the lead-only tables, and the one function that changes roles.

``install`` writes them (run by the database owner, again after every migration: it is idempotent). What a login may
do then holds in psql as in the program:

- the team group (every person) reads the documents, the schema, the registry and who is who; it writes only
  layers of its own annotator (``layers.annotator_id``) and the rows hanging from them (``layer_id``: spans,
  relations, rejections), may add documents and registry names, and nothing else;
- the lead group (a member of the team group) reads and writes every layer and gold, the annotators, the settings,
  documents and registry;
- a role changes only through ``annotator_set_role``, a SECURITY DEFINER function that checks its caller is a lead;
- assignments are a lead's to write; each person reads their own, a lead all; in mode ``only`` a layer is created
  only on a document assigned to its annotator (or by a lead).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import Connection, text

from annotator.assignment import MODE_KEY, Mode
from db import notifying
from db.models import Base

ROLE_FUNCTION = "annotator_set_role"
_GUARD_FUNCTION = "annotator_leads_only"
_OWN_POLICY, _LEAD_POLICY = "annotator_own_rows", "annotator_lead_rows"
_ROLE_NAME_MAX = 63  # PostgreSQL's NAMEDATALEN - 1

LAYER_TABLE = "layers"
ASSIGNMENT_TABLE = "assignments"
_ASSIGNED_POLICY = "annotator_assigned_only"
LEAD_ONLY = {"annotators": "INSERT OR UPDATE OR DELETE", "settings": "INSERT OR UPDATE OR DELETE"}
"""Tables whose writes only a lead makes, and which writes; every table not named here or owned by a layer is
lead-only for every write."""
ADD_ONLY = {"documents": "UPDATE OR DELETE", "speakers": "UPDATE OR DELETE", "targets": "UPDATE OR DELETE"}
"""Tables every person adds to (an annotator imports documents; an edit that names a new speaker or target registers
it) but only a lead changes or removes from."""
_OWN_LAYER = "annotator_id = (SELECT a.id FROM annotators a WHERE a.name = session_user)"
# Once a statement: the ids of the login's own layers, read through OWNER_INDEX, then looked up as rows pass. (A
# correlated EXISTS lets the planner look a layer up per row instead, which it did with a full scan of layers per
# row on a fresh project: a second for 27,000 spans.)
_IN_OWN_LAYER = (
    "layer_id IN (SELECT l.id FROM layers l WHERE"
    " l.annotator_id = (SELECT a.id FROM annotators a WHERE a.name = session_user))"
)
OWNER_INDEX = "annotator_layers_by_owner"
"""The layers by annotator, for the policies; the rules' own, made by ``install`` (the tables have none)."""


@dataclass(frozen=True)
class Groups:
    """The project's two group roles on the server. Several projects share a server: the names carry the
    database's."""

    lead: str
    team: str


def groups_of(database: str) -> Groups:
    """The group roles of the project in ``database``: ``annotator_DB_lead`` and ``annotator_DB_team``, the
    database's name shortened (with a hash of it) where the whole would pass PostgreSQL's 63 bytes."""
    stem = database
    if len(f"annotator_{stem}_lead".encode()) > _ROLE_NAME_MAX:
        digest = hashlib.sha256(database.encode()).hexdigest()[:8]
        stem = database.encode()[:40].decode(errors="ignore") + "_" + digest
    return Groups(lead=f"annotator_{stem}_lead", team=f"annotator_{stem}_team")


def groups(connection: Connection) -> Groups:
    return groups_of(str(connection.scalar(text("SELECT current_database()"))))


def quoted(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote_identifier(name)


def literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def rules_on(connection: Connection) -> bool:
    """Whether the database enforces a team's rules (``install`` has run): the layers' row-level security is on.
    Anyone may ask, member or not; always False on SQLite."""
    if connection.dialect.name != "postgresql":
        return False
    query = "SELECT relrowsecurity FROM pg_class WHERE oid = to_regclass('layers')"
    return bool(connection.scalar(text(query)))


def install(connection: Connection) -> Groups:
    """Create the group roles (if missing), the grants, the policies, the guard triggers and the role function, in
    the caller's transaction; the caller owns the database and may create roles. Running it again changes nothing
    but what a newer program adds (a table of a later migration)."""
    names = groups(connection)
    lead, team = quoted(connection, names.lead), quoted(connection, names.team)

    def run(sql: str) -> None:
        connection.exec_driver_sql(sql)

    for group in (names.team, names.lead):
        exists = connection.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": group})
        if not exists:
            run(f"CREATE ROLE {quoted(connection, group)} NOLOGIN")
    if not _member(connection, names.lead, names.team):
        run(f"GRANT {team} TO {lead}")
    database = quoted(connection, str(connection.scalar(text("SELECT current_database()"))))
    run(f"REVOKE CONNECT, TEMPORARY ON DATABASE {database} FROM PUBLIC")
    run(f"GRANT CONNECT ON DATABASE {database} TO {team}")
    run(f"GRANT USAGE ON SCHEMA public TO {team}")
    run(f"GRANT SELECT ON alembic_version TO {team}")
    _guard_function(connection, names)
    run(f"CREATE INDEX IF NOT EXISTS {OWNER_INDEX} ON {LAYER_TABLE} (annotator_id)")
    for table in Base.metadata.sorted_tables:
        name = table.name
        run(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {name} TO {team}")
        run(f"REVOKE TRUNCATE, REFERENCES, TRIGGER ON {name} FROM {team}")
        if name == LAYER_TABLE or "layer_id" in table.columns:
            _row_security(connection, name, _OWN_LAYER if name == LAYER_TABLE else _IN_OWN_LAYER, lead, team)
        else:
            if name == ASSIGNMENT_TABLE:  # each reads their own rows; the trigger below keeps the writes a lead's
                _row_security(connection, name, _OWN_LAYER, lead, team)
            writes = LEAD_ONLY.get(name) or ADD_ONLY.get(name) or "INSERT OR UPDATE OR DELETE"
            run(f"DROP TRIGGER IF EXISTS annotator_leads_only ON {name}")
            run(
                f"CREATE TRIGGER annotator_leads_only BEFORE {writes} ON {name} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {_GUARD_FUNCTION}()"
            )
    run(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {team}")
    _assigned_only(connection, names)
    _role_function(connection, names)
    notifying.install(connection)  # changes to layers pushed to the windows (db.notifying): annotators cannot make it
    return names


def _member(connection: Connection, member: str, group: str) -> bool:
    """Whether ``member`` is a direct member of ``group`` (not through superuser power, as ``pg_has_role`` says)."""
    query = (
        "SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member JOIN pg_roles g ON g.oid = m.roleid "
        "WHERE r.rolname = :member AND g.rolname = :group"
    )
    return connection.scalar(text(query), {"member": member, "group": group}) is not None


def is_member(connection: Connection, member: str, group: str) -> bool:
    return _member(connection, member, group)


def _row_security(connection: Connection, table: str, own: str, lead: str, team: str) -> None:

    def run(sql: str) -> None:
        connection.exec_driver_sql(sql)

    run(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    run(f"DROP POLICY IF EXISTS {_OWN_POLICY} ON {table}")
    run(f"CREATE POLICY {_OWN_POLICY} ON {table} TO {team} USING ({own}) WITH CHECK ({own})")
    run(f"DROP POLICY IF EXISTS {_LEAD_POLICY} ON {table}")
    run(f"CREATE POLICY {_LEAD_POLICY} ON {table} TO {lead} USING (true) WITH CHECK (true)")


def _assigned_only(connection: Connection, names: Groups) -> None:
    """In mode ``only`` (the ``assignment-mode`` setting, a lead's to change), a layer is created only on a document
    assigned to its annotator, unless a lead creates it: a restrictive policy, which every permissive one must
    pass too, so that no login gets round it with INSERT."""
    lead_member = f"pg_has_role(session_user, {literal(names.lead)}, 'MEMBER')"
    mode = f"(SELECT s.value FROM settings s WHERE s.key = {literal(MODE_KEY)})"
    assigned = (
        f"EXISTS (SELECT 1 FROM {ASSIGNMENT_TABLE} g WHERE g.document_id = {LAYER_TABLE}.document_id"
        f" AND g.annotator_id = {LAYER_TABLE}.annotator_id)"
    )
    check = f"{lead_member} OR {mode} IS DISTINCT FROM {literal(Mode.ONLY.value)} OR {assigned}"
    connection.exec_driver_sql(f"DROP POLICY IF EXISTS {_ASSIGNED_POLICY} ON {LAYER_TABLE}")
    connection.exec_driver_sql(
        f"CREATE POLICY {_ASSIGNED_POLICY} ON {LAYER_TABLE} AS RESTRICTIVE FOR INSERT "
        f"TO {quoted(connection, names.team)} WITH CHECK ({check})"
    )


def _guard_function(connection: Connection, names: Groups) -> None:
    # current_user, not session_user: inside the role function (SECURITY DEFINER) it is the owner, who may.
    _define(
        connection,
        f"""
        CREATE OR REPLACE FUNCTION {_GUARD_FUNCTION}() RETURNS trigger
        LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
        BEGIN
            IF pg_has_role(current_user, {literal(names.lead)}, 'MEMBER') OR pg_has_role(current_user,
                    (SELECT datdba FROM pg_database WHERE datname = current_database()), 'MEMBER') THEN
                RETURN NULL;
            END IF;
            RAISE EXCEPTION 'only a lead may % % (% is not a lead of this project)',
                lower(TG_OP), TG_TABLE_NAME, session_user USING ERRCODE = '42501';
        END $$""",
    )


def _role_function(connection: Connection, names: Groups) -> None:
    """``annotator_set_role(person, role)``: the only way a role changes. It runs as the owner and checks the
    caller (``session_user``) is a lead first; it moves the row and the login's membership of the lead group."""
    lead, team = literal(names.lead), literal(names.team)
    _define(
        connection,
        f"""
        CREATE OR REPLACE FUNCTION {ROLE_FUNCTION}(person text, new_role text) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        BEGIN
            IF NOT pg_has_role(session_user, {lead}, 'MEMBER') THEN
                RAISE EXCEPTION 'only a lead may make % %', person,
                    CASE new_role WHEN 'lead' THEN 'a lead' ELSE 'an annotator' END
                    || ' (' || session_user || ' is not a lead of this project)' USING ERRCODE = '42501';
            END IF;
            IF new_role NOT IN ('annotator', 'lead') THEN
                RAISE EXCEPTION 'no role %: a role is annotator or lead', new_role USING ERRCODE = '22023';
            END IF;
            UPDATE public.annotators SET role = new_role WHERE name = person;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'no annotator %: the database owner adds people with annotator team add', person
                    USING ERRCODE = '22023';
            END IF;
            IF EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member
                       JOIN pg_roles g ON g.oid = m.roleid WHERE r.rolname = person AND g.rolname = {team}) THEN
                IF new_role = 'lead' THEN
                    EXECUTE format('GRANT %I TO %I', {lead}, person);
                ELSE
                    EXECUTE format('REVOKE %I FROM %I', {lead}, person);
                END IF;
            END IF;
        END $$""",
    )
    function = f"{ROLE_FUNCTION}(text, text)"
    connection.exec_driver_sql(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
    connection.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {function} TO {quoted(connection, names.team)}")


def _define(connection: Connection, function: str) -> None:
    # The driver reads % as the start of a parameter, even in a statement without any: PL/pgSQL's are doubled.
    connection.exec_driver_sql(function.replace("%", "%%"))
