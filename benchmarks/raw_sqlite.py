"""The raw baselines: native JSONL into and out of our tables with plain ``sqlite3`` and orjson, nothing else.

They do the work our importer and exporter do, written as directly as possible, so that the ratio of our time
to theirs measures what the layers in between (SQLAlchemy Core, domain objects, the schema) cost:

- ``import_file`` checks what ours checks (the text's SHA-256, no ``\\r`` or NUL, every span's offsets, text,
  label and attributes against the default schema, every relation's ends and the one ATTRIBUTED_TO per
  claim), assigns row ids itself and inserts with ``executemany`` in one transaction, with the Store's
  pragmas. It also adds unknown speakers and targets to the registry, as ours does.
- ``export_file`` streams documents in chunks, with their layers (gold first, then by annotator name),
  spans (by start, end, label, id) and relations (by id), builds the native records and writes them with
  orjson. Like ours it writes to a temporary file, syncs it and renames it into place.

The schema is the default one (seeds/schema.toml), written out here: a baseline does not read project code.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=30000",
    "PRAGMA synchronous=FULL",
)
BATCH = 500
"""Records parsed and checked before their rows are inserted."""
CHUNK = 200
"""Documents read per round of queries on export."""

ATTRIBUTES = ("speaker", "stance", "target", "quote_type")
ALLOWED = {"SPEAKER": {"speaker"}, "CLAIM": {"stance", "target", "quote_type"}, "CUE": set()}
CHOICES = {"stance": {"FAVOR", "AGAINST", "NONE"}, "quote_type": {"direct", "indirect", "mixed"}}
RELATIONS = {"ATTRIBUTED_TO": ("CLAIM", "SPEAKER", 1), "HAS_CUE": ("CLAIM", "CUE", 0)}
STATUSES = {"todo", "in_progress", "done"}
RECORD_KEYS = {
    "doc_id",
    "annotator",
    "status",
    "time_spent_ms",
    "offset_unit",
    "text",
    "text_sha256",
    "meta",
    "spans",
    "relations",
}
SPAN_KEYS = {"id", "start", "end", "label", "text", "sources", *ATTRIBUTES}
RELATION_KEYS = {"id", "head", "child", "label"}


class BaselineError(ValueError):
    """A record the baseline refuses; the message names the line."""


def connect(db: Path) -> sqlite3.Connection:
    """A connection with the Store's pragmas, in autocommit mode (transactions are begun explicitly)."""
    connection = sqlite3.connect(db, isolation_level=None, timeout=30)
    for pragma in PRAGMAS:
        connection.execute(pragma)
    return connection


def _timestamp() -> str:
    # The text SQLAlchemy writes for a DateTime on SQLite.
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _next_id(connection: sqlite3.Connection, table: str) -> int:
    return connection.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]


class _Rows:
    """Rows waiting to be inserted, with the ids the baseline gives them."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.documents: list[tuple[Any, ...]] = []
        self.layers: list[tuple[Any, ...]] = []
        self.spans: list[tuple[Any, ...]] = []
        self.relations: list[tuple[Any, ...]] = []
        self.next_document = _next_id(connection, "documents")
        self.next_layer = _next_id(connection, "layers")
        self.next_span = _next_id(connection, "spans")
        self.next_relation = _next_id(connection, "relations")
        self.doc_ids: dict[str, tuple[int, str]] = dict(
            (doc_id, (id_, sha))
            for id_, doc_id, sha in connection.execute("SELECT id, doc_id, text_sha256 FROM documents")
        )
        self.annotators = {name: id_ for id_, name in connection.execute("SELECT id, name FROM annotators")}
        self.layer_keys = set(connection.execute("SELECT document_id, annotator_id FROM layers"))
        self.speakers = {name for (name,) in connection.execute("SELECT name FROM speakers")}
        self.targets = {name for (name,) in connection.execute("SELECT name FROM targets")}

    def flush(self) -> None:
        c = self.connection
        c.executemany(
            "INSERT INTO documents (id, doc_id, title, text, text_sha256, meta, imported_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            self.documents,
        )
        c.executemany(
            "INSERT INTO layers (id, document_id, annotator_id, gold, status, time_spent_ms, version, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)",
            self.layers,
        )
        c.executemany(
            'INSERT INTO spans (id, layer_id, "key", start, "end", label, attrs, sources) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            self.spans,
        )
        c.executemany(
            'INSERT INTO relations (id, layer_id, "key", head_id, child_id, label) VALUES (?, ?, ?, ?, ?, ?)',
            self.relations,
        )
        self.documents.clear()
        self.layers.clear()
        self.spans.clear()
        self.relations.clear()

    def annotator(self, name: str, now: str) -> int | None:
        if name == "gold":
            return None
        id_ = self.annotators.get(name)
        if id_ is None:
            id_ = self.connection.execute(
                "INSERT INTO annotators (name, role, created_at) VALUES (?, 'annotator', ?)", (name, now)
            ).lastrowid
            self.annotators[name] = id_
        return id_


def _spans(rec: dict[str, Any], text: str, layer_id: int, rows: _Rows, gold: bool) -> dict[str, tuple[int, str]]:
    """Check the record's spans and queue their rows; returns span id -> (row id, label)."""
    keys: dict[str, tuple[int, str]] = {}
    length = len(text)
    for span in rec["spans"]:
        if span.keys() - SPAN_KEYS:
            raise BaselineError(f"span {span.get('id')!r}: unknown keys {sorted(span.keys() - SPAN_KEYS)}")
        key, start, end, label = span["id"], span["start"], span["end"], span["label"]
        if not key or key in keys:
            raise BaselineError(f"span {key!r}: empty or duplicate id")
        if not (type(start) is int and type(end) is int and 0 <= start < end <= length):
            raise BaselineError(f"span {key}: offsets [{start}, {end}) outside the text")
        if text[start:end] != span["text"]:
            raise BaselineError(f"span {key}: its text differs from the document's")
        allowed = ALLOWED.get(label)
        if allowed is None:
            raise BaselineError(f"span {key}: unknown label {label!r}")
        attrs = {}
        for name in ATTRIBUTES:
            value = span.get(name)
            if value is None:
                continue
            if name not in allowed or not isinstance(value, str) or not value.strip():
                raise BaselineError(f"span {key}: attribute {name} = {value!r} on a {label}")
            if name in CHOICES and value not in CHOICES[name]:
                raise BaselineError(f"span {key}: {name} {value!r} is not a choice")
            attrs[name] = value
        if "speaker" in attrs:
            rows.speakers.add(attrs["speaker"])
        if "target" in attrs:
            rows.targets.add(attrs["target"])
        sources = span.get("sources") or []
        if sources and not gold:
            raise BaselineError(f"span {key}: sources on a layer that is not gold")
        id_ = rows.next_span
        rows.next_span += 1
        rows.spans.append(
            (
                id_,
                layer_id,
                key,
                start,
                end,
                label,
                orjson.dumps(attrs).decode(),
                orjson.dumps(sources).decode(),
            )
        )
        keys[key] = (id_, label)
    return keys


def _relations(rec: dict[str, Any], layer_id: int, keys: dict[str, tuple[int, str]], rows: _Rows) -> None:
    seen: set[str] = set()
    links: set[tuple[str, str, str]] = set()
    per_head: dict[tuple[str, str], int] = {}
    for rel in rec["relations"]:
        if rel.keys() - RELATION_KEYS:
            raise BaselineError(f"relation {rel.get('id')!r}: unknown keys {sorted(rel.keys() - RELATION_KEYS)}")
        key, label, head_key, child_key = rel["id"], rel["label"], rel["head"], rel["child"]
        if not key or key in seen:
            raise BaselineError(f"relation {key!r}: empty or duplicate id")
        seen.add(key)
        definition = RELATIONS.get(label)
        head, child = keys.get(head_key), keys.get(child_key)
        if definition is None or head is None or child is None:
            raise BaselineError(f"relation {key}: unknown label or span")
        if (head[1], child[1]) != definition[:2] or (head_key, child_key, label) in links:
            raise BaselineError(f"relation {key}: wrong ends, or the same link twice")
        links.add((head_key, child_key, label))
        count = per_head[(head_key, label)] = per_head.get((head_key, label), 0) + 1
        if definition[2] and count > definition[2]:
            raise BaselineError(f"relation {key}: too many {label} for {head_key}")
        rows.relations.append((rows.next_relation, layer_id, key, head[0], child[0], label))
        rows.next_relation += 1


def _record(rec: dict[str, Any], rows: _Rows, now: str) -> None:
    if rec.keys() - RECORD_KEYS:
        raise BaselineError(f"unknown keys {sorted(rec.keys() - RECORD_KEYS)}")
    if rec.get("offset_unit", "codepoint") != "codepoint":
        raise BaselineError("the baseline reads code-point offsets only")
    text = rec["text"]
    if "\r" in text or "\x00" in text:
        raise BaselineError("the text holds \\r or NUL")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    given = rec.get("text_sha256")
    if given is not None and given != sha:
        raise BaselineError("text_sha256 does not match the text")
    doc_id = rec["doc_id"]
    known = rows.doc_ids.get(doc_id)
    if known is None:
        meta = dict(rec.get("meta") or {})
        title = meta.pop("title", None)
        title = text.split("\n", 1)[0].strip() if title is None else title
        known = rows.doc_ids[doc_id] = (rows.next_document, sha)
        rows.next_document += 1
        rows.documents.append((known[0], doc_id, title, text, sha, orjson.dumps(meta).decode(), now))
    elif known[1] != sha:
        raise BaselineError(f"document {doc_id!r} is already stored with another text")
    name = rec.get("annotator")
    if name is None:
        return
    if not isinstance(name, str) or not name.strip() or name != name.strip() or len(name) > 200:
        raise BaselineError(f"annotator name {name!r}")
    status, spent = rec.get("status", "done"), rec.get("time_spent_ms", 0)
    if status not in STATUSES or type(spent) is not int or spent < 0:
        raise BaselineError(f"status {status!r} or time_spent_ms {spent!r}")
    annotator_id = rows.annotator(name, now)
    if (known[0], annotator_id) in rows.layer_keys:
        raise BaselineError(f"the {name} layer of {doc_id!r} is already stored")
    rows.layer_keys.add((known[0], annotator_id))
    layer_id = rows.next_layer
    rows.next_layer += 1
    gold = annotator_id is None
    rows.layers.append((layer_id, known[0], annotator_id, int(gold), status, spent, now))
    keys = _spans(rec, text, layer_id, rows, gold)
    _relations(rec, layer_id, keys, rows)


def import_file(db: Path, corpus: Path) -> dict[str, int]:
    """Check and insert every record of ``corpus`` into ``db`` (tables already made) in one transaction."""
    connection = connect(db)
    try:
        connection.execute("BEGIN IMMEDIATE")
        rows = _Rows(connection)
        speakers, targets = set(rows.speakers), set(rows.targets)
        now = _timestamp()
        count = 0
        with corpus.open("rb") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    _record(orjson.loads(line), rows, now)
                except (BaselineError, KeyError, TypeError, orjson.JSONDecodeError) as error:
                    raise BaselineError(f"{corpus}:{number}: {error!r}") from None
                count += 1
                if count % BATCH == 0:
                    rows.flush()
        rows.flush()
        connection.executemany(
            "INSERT INTO speakers (name, aliases) VALUES (?, '[]')",
            [(name,) for name in sorted(rows.speakers - speakers)],
        )
        connection.executemany(
            "INSERT INTO targets (name) VALUES (?)", [(name,) for name in sorted(rows.targets - targets)]
        )
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    finally:
        connection.close()
    return {"records": count}


_LAYERS = (
    "SELECT l.id, l.document_id, l.gold, l.status, l.time_spent_ms, a.name FROM layers l "
    "LEFT JOIN annotators a ON a.id = l.annotator_id WHERE l.document_id IN ({}) "
    "ORDER BY l.document_id, l.gold DESC, a.name"
)
_SPANS = (
    'SELECT layer_id, "key", start, "end", label, attrs, sources FROM spans WHERE layer_id IN ({}) '
    'ORDER BY layer_id, start, "end", label, "key"'
)
_RELATIONS = (
    'SELECT r.layer_id, r."key", h."key", c."key", r.label FROM relations r '
    "JOIN spans h ON h.id = r.head_id JOIN spans c ON c.id = r.child_id "
    'WHERE r.layer_id IN ({}) ORDER BY r.layer_id, length(r."key"), r."key"'
)


def _in(query: str, ids: list[int]) -> str:
    return query.format(", ".join("?" * len(ids)))


def _write_chunk(connection: sqlite3.Connection, documents: list[tuple[Any, ...]], out: Any) -> int:
    doc_ids = [d[0] for d in documents]
    layers = connection.execute(_in(_LAYERS, doc_ids), doc_ids).fetchall()
    layer_ids = [layer[0] for layer in layers]
    spans: dict[int, list[dict[str, Any]]] = {id_: [] for id_ in layer_ids}
    relations: dict[int, list[dict[str, Any]]] = {id_: [] for id_ in layer_ids}
    texts = {d[0]: d[3] for d in documents}
    text_of = {layer[0]: texts[layer[1]] for layer in layers}
    if layer_ids:
        for layer_id, key, start, end, label, attrs, sources in connection.execute(_in(_SPANS, layer_ids), layer_ids):
            values = orjson.loads(attrs)
            spans[layer_id].append(
                {
                    "id": key,
                    "start": start,
                    "end": end,
                    "label": label,
                    "text": text_of[layer_id][start:end],
                    "speaker": values.get("speaker"),
                    "stance": values.get("stance"),
                    "target": values.get("target"),
                    "quote_type": values.get("quote_type"),
                    "sources": orjson.loads(sources),
                }
            )
        for layer_id, key, head, child, label in connection.execute(_in(_RELATIONS, layer_ids), layer_ids):
            relations[layer_id].append({"id": key, "head": head, "child": child, "label": label})
    by_document: dict[int, list[tuple[Any, ...]]] = {}
    for layer in layers:
        by_document.setdefault(layer[1], []).append(layer)
    count = 0
    for id_, doc_id, title, text, sha, meta in documents:
        head = {
            "text": text,
            "text_sha256": sha,
            "meta": {"title": title} | dict(sorted(orjson.loads(meta).items())),
        }
        for layer_id, _, gold, status, spent, name in by_document.get(id_) or [(None, id_, 0, None, None, None)]:
            record = {
                "doc_id": doc_id,
                "annotator": "gold" if gold else name,
                "status": status,
                "time_spent_ms": spent,
                "offset_unit": "codepoint",
                **head,
                "spans": spans.get(layer_id, []),
                "relations": relations.get(layer_id, []),
            }
            out.write(orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE))
            count += 1
    return count


def export_file(db: Path, path: Path) -> dict[str, int]:
    """Write every document of ``db`` with all its layers as native JSONL to ``path``."""
    connection = connect(db)
    temporary = path.with_name(f".{path.name}.part")
    count = 0
    try:
        documents = connection.execute("SELECT id, doc_id, title, text, text_sha256, meta FROM documents ORDER BY id")
        with temporary.open("wb") as out:
            while chunk := documents.fetchmany(CHUNK):
                count += _write_chunk(connection, chunk, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    finally:
        connection.close()
        temporary.unlink(missing_ok=True)
    return {"records": count}
