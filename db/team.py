"""A team on a PostgreSQL server: who a connection is, and the database owner's commands (``annotator team``).

Once the owner has run ``set_up`` (``db.team_rules``), a person is their database login (``session_user``): the
Store works for that login and refuses to work for anyone else, and the database itself keeps each login to its
own rows. Before, a project keeps working as it always has (one login owning everything, ``--annotator`` naming
who works).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, insert, select, text, update
from sqlalchemy.engine import make_url

from annotator.checks import check_annotator_name
from annotator.errors import DataError, PermissionDenied, StoreError
from annotator.model import Role
from db.models import AnnotatorRow
from db.team_rules import Groups, groups, install, is_member, quoted, rules_on

_SCRAM_ITERATIONS = 4096  # PostgreSQL's own default (scram_iterations)


def login(connection: Connection) -> str:
    return str(connection.scalar(text("SELECT session_user")))


def owns_database(connection: Connection) -> bool:
    """Whether the login owns the database (or is a superuser): it runs migrations and the team commands, and the
    rows' security does not apply to it."""
    query = "SELECT pg_has_role(session_user, datdba, 'MEMBER') FROM pg_database WHERE datname = current_database()"
    return bool(connection.scalar(text(query)))


def working_as(connection: Connection, user: str | None) -> tuple[bool, str | None]:
    """Whether the database enforces a team's rules, and whom a Store opened for ``user`` works for.

    Under a team's rules that is the login, whatever ``user`` says: ``user`` naming anyone else is refused. The
    database's owner is a trusted caller (None), as a Store opened without a user. Without the rules, ``user``."""
    if not rules_on(connection):
        return False, user
    me = login(connection)
    if user is not None and user != me:
        raise PermissionDenied(
            f"you are connected as {me}, and on this project's server a person works as their own login: "
            f"not as {user}; connect with {user}'s login to work as {user}"
        )
    if owns_database(connection):
        return True, None
    names = groups(connection)
    registered = connection.scalar(select(AnnotatorRow.id).where(AnnotatorRow.name == me))
    if registered is None or not connection.scalar(
        text("SELECT pg_has_role(:me, :g, 'MEMBER')"), {"me": me, "g": names.team}
    ):
        raise PermissionDenied(
            f"{me} is not on this project's team; the database owner adds people with `annotator team add {me}`"
        )
    return True, me


@dataclass(frozen=True)
class Member:
    name: str
    role: Role
    login: bool  # False: a name with layers but no login (an import's), or a login removed from the team


def _owner_only(connection: Connection, doing: str) -> None:
    if connection.dialect.name != "postgresql":
        raise StoreError(
            f"a team works on a PostgreSQL server; to {doing}, open the project there (a SQLite file has no logins)"
        )
    if not owns_database(connection):
        raise PermissionDenied(f"only the database's owner may {doing} (you are connected as {login(connection)})")


def set_up(engine: Engine) -> Groups:
    """``annotator team init``: the team's group roles and rules, in one transaction; the registered leads and
    annotators that have logins join them. Running it again changes nothing but what is missing."""
    with engine.begin() as connection:
        _owner_only(connection, "set up the team")
        names = install(connection)
        for member in members(connection, names):
            if member.login:
                _join(connection, names, member.name, member.role)
    return names


def is_set_up(engine: Engine) -> bool:
    with engine.connect() as connection:
        return rules_on(connection)


def add(engine: Engine, name: str, role: Role) -> str | None:
    """``annotator team add``: a login for ``name`` (made with a new password, which is returned; None when the
    login was there already and keeps its own), in the team, registered with ``role``."""
    check_annotator_name(name)
    with engine.begin() as connection:
        _owner_only(connection, f"add {name} to the team")
        if not rules_on(connection):
            raise StoreError("the team is not set up yet: run `annotator team init` first")
        names = groups(connection)
        if name in (names.lead, names.team) or owns_database_named(connection, name) or _superuser(connection, name):
            raise DataError(f"{name!r} is a role of the project or the server itself, not a person")
        password = None
        if connection.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}) is None:
            password = secrets.token_urlsafe(18)
            verifier = scram_verifier(password)  # the server sees no password, only what checks one
            connection.exec_driver_sql(f"CREATE ROLE {quoted(connection, name)} LOGIN PASSWORD '{verifier}'")
        stored = connection.scalar(select(AnnotatorRow.role).where(AnnotatorRow.name == name))
        if stored is None:
            connection.execute(insert(AnnotatorRow), {"name": name, "role": role.value})
        else:
            connection.execute(update(AnnotatorRow).where(AnnotatorRow.name == name).values(role=role.value))
        _join(connection, names, name, role)
    return password


def remove(engine: Engine, name: str) -> None:
    """``annotator team remove``: the login leaves the project's groups (it can no longer read or write the
    project; other projects on the server keep it). Their layers stay, as an annotator's."""
    with engine.begin() as connection:
        _owner_only(connection, f"remove {name} from the team")
        names = groups(connection)
        if connection.scalar(select(AnnotatorRow.id).where(AnnotatorRow.name == name)) is None:
            raise DataError(f"no annotator {name!r} in this project", hint="see `annotator team list`")
        person = quoted(connection, name)
        for group in (names.lead, names.team):
            if is_member(connection, name, group):
                connection.exec_driver_sql(f"REVOKE {quoted(connection, group)} FROM {person}")
        connection.execute(update(AnnotatorRow).where(AnnotatorRow.name == name).values(role=Role.ANNOTATOR.value))


def listing(engine: Engine) -> list[Member]:
    """``annotator team list``: every registered name, its role, and whether a login of the team goes with it."""
    with engine.connect() as connection:
        _owner_only(connection, "list the team")
        return members(connection, groups(connection))


def members(connection: Connection, names: Groups) -> list[Member]:
    rows = connection.execute(select(AnnotatorRow.name, AnnotatorRow.role).order_by(AnnotatorRow.name)).all()
    return [Member(name, Role(role), is_member(connection, name, names.team)) for name, role in rows]


def owns_database_named(connection: Connection, name: str) -> bool:
    query = (
        "SELECT 1 FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba "
        "WHERE datname = current_database() AND rolname = :n"
    )
    return connection.scalar(text(query), {"n": name}) is not None


def _superuser(connection: Connection, name: str) -> bool:
    return bool(connection.scalar(text("SELECT rolsuper FROM pg_roles WHERE rolname = :n"), {"n": name}))


def _join(connection: Connection, names: Groups, name: str, role: Role) -> None:
    person = quoted(connection, name)
    if connection.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :n AND rolcanlogin"), {"n": name}) is None:
        return
    if not is_member(connection, name, names.team):
        connection.exec_driver_sql(f"GRANT {quoted(connection, names.team)} TO {person}")
    lead = is_member(connection, name, names.lead)
    if role is Role.LEAD and not lead:
        connection.exec_driver_sql(f"GRANT {quoted(connection, names.lead)} TO {person}")
    elif role is not Role.LEAD and lead:
        connection.exec_driver_sql(f"REVOKE {quoted(connection, names.lead)} FROM {person}")


def scram_verifier(password: str, salt: bytes | None = None) -> str:
    """What PostgreSQL stores for ``password`` (SCRAM-SHA-256, RFC 5802/7677; a random salt unless given): given
    this, the server checks the password without ever receiving it, so that it is in no statement, log or
    history."""
    salt = os.urandom(16) if salt is None else salt
    salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, _SCRAM_ITERATIONS)
    client_key = hmac.new(salted, b"Client Key", "sha256").digest()
    server_key = hmac.new(salted, b"Server Key", "sha256").digest()
    stored = _b64(hashlib.sha256(client_key).digest())
    return f"SCRAM-SHA-256${_SCRAM_ITERATIONS}:{_b64(salt)}${stored}:{_b64(server_key)}"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def connection_files(url: str, name: str, password: str | None) -> tuple[str, str, str]:
    """How ``name`` connects to the project at ``url`` with libpq's own files: their ``~/.pg_service.conf``
    section, their ``~/.pgpass`` line, and the ``ANNOTATOR_DB`` URL, which names the service and holds no
    password."""
    parsed = make_url(url)
    host = parsed.query.get("host") or parsed.host or "HOST"
    host = host if isinstance(host, str) else host[0]
    port = str(parsed.port or 5432)
    database = parsed.database or "postgres"
    service = "\n".join(
        [f"[{database}]", f"host={host}", f"port={port}", f"dbname={database}", f"user={name}", "sslmode=verify-full"]
    )
    pgpass = f"{host}:{port}:{database}:{name}:{password or 'THE PASSWORD YOU WERE GIVEN'}"
    return service, pgpass, f"postgresql+psycopg:///?service={database}"
