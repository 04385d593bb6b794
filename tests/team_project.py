"""A project on the throw-away PostgreSQL server with its team set up (``annotator team``), for the tests of a
team's rules: the ``team_project`` fixture (tests/conftest.py)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, create_engine, text

from annotator.formats.native import parse_record
from annotator.model import GOLD, Role
from annotator.schema import default_schema
from db import team
from db.store import Store
from samples import tricky_record


@dataclass
class Project:
    url: Callable[[str], str]
    owner: str
    lead: str
    annotator: str
    other: str

    @contextmanager
    def raw(self, login: str) -> Iterator[Connection]:
        engine = create_engine(self.url(login), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as connection:
                yield connection
        finally:
            engine.dispose()


def records(*annotators: str, doc_id: str = "tricky") -> list:
    return [
        (line, parse_record(tricky_record(name, doc_id=doc_id), default_schema()))
        for line, name in enumerate(annotators, 1)
    ]


def team_project(postgres_server: str) -> Project:
    """A project on the server with its team set up: an owner, lena (lead), bea and carl (annotators), and one
    document with bea's, carl's and the gold layer. Logins are the server's, so each test names its own."""
    tag = uuid.uuid4().hex[:8]
    database, owner = f"p_{tag}", f"owner_{tag}"
    lena, bea, carl = f"lena_{tag}", f"bea_{tag}", f"carl_{tag}"
    server = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'CREATE ROLE "{owner}" LOGIN CREATEROLE'))
        connection.execute(text(f'CREATE DATABASE "{database}" OWNER "{owner}"'))
    server.dispose()
    project = Project(
        lambda login: postgres_server.replace("postgres@/postgres?", f"{login}@/{database}?"), owner, lena, bea, carl
    )
    with Store.open(project.url(owner)) as store:
        team.set_up(store.engine)
        team.add(store.engine, lena, Role.LEAD)
        for name in (bea, carl):
            team.add(store.engine, name, Role.ANNOTATOR)
        store.import_records(records(GOLD, bea, carl), source="sample")
    return project
