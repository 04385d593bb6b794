"""How many SQL statements one edit of the window costs the Store, pinned: each is a round trip inside the edit's
transaction, and the window waits for all of them (``benchmarks/README.md``, the large case). The counts are those
of a layer the window has read (start, then parts: the highest keys come with the read) and of the window's own
edits; a new statement on this path is a deliberate change of these numbers, not a silent one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy import event

from annotator.change import LayerChange, Reverts, fresh_keys
from annotator.errors import DataError, LayerChanged
from annotator.model import Document, Layer, LayerRecord, Relation, Span, Status
from db.store import Store

T = TypeVar("T")
TEXT = " ".join(f"word{n:04d}" for n in range(3000))


def _span(n: int, label: str) -> Span:
    return Span(f"s{n}", n * 9, n * 9 + 8, label)


@pytest.fixture
def store(database: str) -> Iterator[Store]:
    spans = [_span(n, ("CLAIM", "SPEAKER", "CUE")[n % 3]) for n in range(1, 900)]  # s1 a SPEAKER, s2 a CUE
    relations = [Relation(f"r{n}", f"s{n}", f"s{n + 1}", "ATTRIBUTED_TO") for n in range(3, 890, 6)]
    layer = Layer("long", "bea", Status.IN_PROGRESS, 0, tuple(spans), tuple(relations))
    with Store.open(database) as opened:
        opened.add_annotator("bea")
        opened.import_records([(1, LayerRecord(Document("long", TEXT, "Long"), layer))], source="sample")
        yield opened


class Counter:
    """The statements the Store sends to the database through SQLAlchemy, and on PostgreSQL the one that holds the
    layer's row, which SQLite needs none for: ``held`` is 1 there. BEGIN and COMMIT are not counted: SQLite's are
    sent on the driver's connection (``db.engine``), PostgreSQL's driver sends its own."""

    def __init__(self, store: Store) -> None:
        self.statements: list[str] = []
        self.held = 1 if store.engine.dialect.name == "postgresql" else 0
        event.listen(store.engine, "before_cursor_execute", self._seen)  # the write engine's too

    def _seen(self, _conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        self.statements.append(statement.split()[0])

    def count(self, edit: Callable[[], T]) -> tuple[int, T]:
        self.statements.clear()
        done = edit()
        return len(self.statements), done


def _read_as_the_window_does(store: Store) -> int:
    """The layer read as the window reads it: the first screen, then parts; the version it is at."""
    start = store.layer_start("long", "bea", before=900)
    assert start is not None
    part = None
    while part is None or not part.done:
        part = store.layer_part(start, part, limit=200)
        assert part is not None
    assert part.highest == (899, 885)  # the highest span and relation keys come with the read
    return start.version


def test_the_window_s_edits_cost_a_fixed_few_statements(database: str, store: Store) -> None:
    version = _read_as_the_window_does(store)
    counter = Counter(store)
    # (PostgreSQL holds the layer's row with a statement of its own: ``held`` more.)
    # A tag, its span keyed by the Store: the layer found, the span, the version moved on; the first edit of
    # a document reads its text's length too, once.
    for n, key, reads in ((0, "s900", 4), (1, "s901", 3)):
        span = Span("", 4 + n * 9, 8 + n * 9, "CLAIM", {"quote_type": "direct"})
        tag = LayerChange("long", "bea", version, version, added=(span,))
        count, tagged = counter.count(partial(store.apply, tag))
        assert (count, tagged.added[0].key) == (reads + counter.held, key)
        version = tagged.version_after
    # A tag that links (its keys named by the window): the ends of the links read once, the relations in one INSERT.
    new = fresh_keys(["s901"], "s")
    claim = Span(next(new), 20, 26, "CLAIM")
    links = (Relation("r886", claim.key, "s1", "ATTRIBUTED_TO"), Relation("r887", claim.key, "s2", "HAS_CUE"))
    tag = LayerChange("long", "bea", version, version, added=(claim,), linked=links)
    count, linked = counter.count(lambda: store.apply(tag))
    assert count == 5 + counter.held and linked.linked == links
    # Its undo: the span and its relations read in two statements, removed in two.
    reverts = Reverts()
    count, undone = counter.count(lambda: store.apply(reverts.inverse_at(linked, linked.version_after)))
    assert count == 6 + counter.held and sorted(r.key for r in undone.unlinked) == [r.key for r in links]
    # A link by key (Enter), named by the window (the undo took the highest relation key: a key the Store picked
    # would be read): both ends in one read, the head's relations in one (not read again to check the link), one
    # INSERT.
    count, link = counter.count(lambda: store.link("long", "bea", "s3", "s2", "HAS_CUE", key="r888"))
    assert count == 5 + counter.held and link.linked == (Relation("r888", "s3", "s2", "HAS_CUE"),)
    # A choice: the span read once (not again to store it), one UPDATE.
    count, chosen = counter.count(lambda: store.set_span_attributes("long", "bea", "s3", {"stance": "FAVOR"}))
    assert count == 4 + counter.held and chosen.modified[0][1].attrs == {"stance": "FAVOR"}
    # Nothing of it was less checked: an edit built on a version the layer has left is refused, and stores nothing.
    with pytest.raises(LayerChanged):
        store.apply(LayerChange("long", "bea", version, version, added=(Span("", 40, 44, "CLAIM"),)))
    layer, now = store.layer_and_version("long", "bea")
    assert now == chosen.version_after and layer is not None and len(layer.spans) == 901


def test_a_link_checked_against_what_it_read_once(store: Store) -> None:
    """A link reads its ends and its head's relations once, to build the change and to check it: the rules hold as
    when each step read them again (no link twice, the oldest of a head's most links gives way, both ends' labels)."""
    _read_as_the_window_does(store)
    counter = Counter(store)
    with pytest.raises(DataError, match="s3 is already linked to s4 by ATTRIBUTED_TO"):
        store.link("long", "bea", "s3", "s4", "ATTRIBUTED_TO", key="r900")
    with pytest.raises(DataError, match="needs a SPEAKER child, but s5 is a CUE"):
        store.link("long", "bea", "s3", "s5", "ATTRIBUTED_TO", key="r900")
    with pytest.raises(DataError, match="no span 's9999'"):
        store.link("long", "bea", "s3", "s9999", "ATTRIBUTED_TO", key="r900")
    # s3 has its one ATTRIBUTED_TO (r3, to s4): linked to s7, that one gives way; the link's five statements, and
    # the one that gave way read by its key and deleted.
    count, moved = counter.count(lambda: store.link("long", "bea", "s3", "s7", "ATTRIBUTED_TO", key="r900"))
    assert count == 7 + counter.held
    assert moved.unlinked == (Relation("r3", "s3", "s4", "ATTRIBUTED_TO"),)
    assert moved.linked == (Relation("r900", "s3", "s7", "ATTRIBUTED_TO"),)
    layer = store.layer("long", "bea")
    assert layer is not None
    assert [r for r in layer.relations if r.head == "s3"] == [Relation("r900", "s3", "s7", "ATTRIBUTED_TO")]


def test_a_key_the_window_names_below_what_it_read_is_still_looked_at(store: Store) -> None:
    """Keys above the highest the read found need no look; one below it does, and a taken one is refused."""
    version = _read_as_the_window_does(store)
    counter = Counter(store)
    taken = LayerChange("long", "bea", version, version, added=(Span("s5", 4, 8, "CLAIM"),))
    with pytest.raises(Exception, match="'s5' is taken"):
        store.apply(taken)
    free = LayerChange("long", "bea", version, version, added=(Span("s0", 4, 8, "CLAIM"),))
    count, done = counter.count(lambda: store.apply(free))  # its text's length was read by the refused one
    assert done.added[0].key == "s0" and count == 4 + counter.held  # the key looked at


def test_a_fresh_key_after_an_undo_is_read_again_and_takes_the_number_back(tmp_path: Path) -> None:
    with Store.open(tmp_path / "p.db") as store:
        store.add_annotator("bea")
        spans = tuple(_span(n, "CLAIM") for n in range(1, 50))
        layer = Layer("long", "bea", Status.IN_PROGRESS, 0, spans, ())
        store.import_records([(1, LayerRecord(Document("long", TEXT, "Long"), layer))], source="sample")
        _read_layer = store.layer_start("long", "bea", before=0)
        assert _read_layer is not None
        part = store.layer_part(_read_layer, None, limit=None)
        assert part is not None and part.highest == (49, 0)
        added = store.add_span("long", "bea", 600, 610, "CLAIM")
        assert added.added[0].key == "s50"
        store.revert(added)
        assert store.add_span("long", "bea", 600, 610, "CLAIM").added[0].key == "s50"
