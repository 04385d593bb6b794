"""The project most storage tests start from."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from annotator.formats.native import parse_record
from annotator.schema import default_schema
from db.store import Store
from samples import tricky_record


@pytest.fixture
def store(database: str) -> Iterator[Store]:
    """A project (SQLite, then PostgreSQL) holding the tricky document with ann_01's layer."""
    with Store.open(database) as opened:
        opened.import_records([(1, parse_record(tricky_record(), default_schema()))], source="sample")
        yield opened
