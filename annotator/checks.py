"""Checking a layer against its document's text and the schema, before anything is stored.

Every importer and the Store call ``check_layer``; the first problem is raised as a ``DataError`` that names
the span or relation, so that the caller can add the file and line.
"""

from __future__ import annotations

from collections import Counter

from annotator.errors import DataError
from annotator.model import GOLD, Document, Layer, Relation, Span, Status
from annotator.schema import Schema
from annotator.schema_toml import REGISTRY_NAME_MAX
from annotator.values import check_json, check_text, text_problem

# The longest names the database holds (db/models.py): checked here, so that every backend refuses alike.
ANNOTATOR_NAME_MAX = 200
DOC_ID_MAX = 300
KEY_MAX = 100
RULE_MAX = 300
TIME_SPENT_MAX = 2**31 - 1
"""Milliseconds a layer's time spent holds: the column is a 32-bit integer (24 days)."""


def check_document(document: Document) -> None:
    """A document id the database can hold, a text with something in it, a title and metadata that every backend
    stores and gives back exactly (``annotator.values``)."""
    if not document.doc_id or len(document.doc_id) > DOC_ID_MAX:
        raise DataError(f"a document id must have 1 to {DOC_ID_MAX} characters, not {len(document.doc_id)}")
    check_text(document.doc_id, "the document id")
    if not document.text:
        raise DataError(f"document {document.doc_id!r} has no text")
    check_text(document.text, f"the text of document {document.doc_id!r}")
    check_text(document.title, f"the title of document {document.doc_id!r}")
    check_json(document.meta, "meta")


def check_annotator_name(name: object) -> str:
    """An annotator's name as given, or a DataError saying why it cannot be one."""
    if not isinstance(name, str) or not name.strip() or name != name.strip():
        raise DataError(f"annotator name {name!r} must be a non-empty string without surrounding spaces")
    if len(name) > ANNOTATOR_NAME_MAX:
        raise DataError(f"annotator name is longer than {ANNOTATOR_NAME_MAX} characters")
    return check_text(name, f"annotator name {name!r}")


def check_new_annotator_name(name: str) -> None:
    """A name a new annotator may take: an annotator's name, and not the gold layer's."""
    check_annotator_name(name)
    if name == GOLD:
        raise DataError(f"{GOLD!r} names the adjudicated layer and cannot be an annotator's name")


def registry_name(name: str, what: str) -> str:
    """The name of a speaker or target (``what``) as stored: stripped, at most ``REGISTRY_NAME_MAX`` characters."""
    if not isinstance(name, str) or not name.strip():
        raise DataError(f"a {what} needs a name")
    if len(name.strip()) > REGISTRY_NAME_MAX:
        raise DataError(f"a {what}'s name has {REGISTRY_NAME_MAX} characters at most")
    return check_text(name.strip(), f"the {what} name")


def check_span(text_length: int, span: Span, schema: Schema, *, gold: bool) -> None:
    """Offsets inside a text of ``text_length`` code points, a known label, attributes the schema allows."""
    if not span.key or len(span.key) > KEY_MAX:
        raise DataError(f"a span id must have 1 to {KEY_MAX} characters", hint="give every span a short id")
    check_text(span.key, f"span id {span.key!r}")
    where = f"{span.key} [{span.start}, {span.end})"
    if not (0 <= span.start < span.end <= text_length):
        raise DataError(
            f"offsets outside the text (0 <= start < end <= {text_length} code points)",
            span=where,
            hint="check the offset unit (code points, end exclusive)",
        )
    if schema.label(span.label) is None:
        raise DataError(
            f"unknown label {span.label!r}",
            span=where,
            hint=f"the schema's labels are {', '.join(schema.label_names)}",
        )
    for name, value in span.attrs.items():
        problem = schema.attribute_problem(span.label, name, value)
        if not problem and isinstance(value, str) and text_problem(value):
            problem = f"attribute {name!r} {text_problem(value)}"
        if problem:
            raise DataError(problem, span=where)
    if span.sources and not gold:
        raise DataError("only spans of the gold layer name sources", span=where)
    if span.rule is not None and (not isinstance(span.rule, str) or not span.rule or len(span.rule) > RULE_MAX):
        raise DataError(f"a span's rule must be a text of 1 to {RULE_MAX} characters, or null", span=where)
    for text in (*span.sources, span.rule or ""):
        if text_problem(text):
            raise DataError(f"its sources or rule {text_problem(text)}", span=where)


def check_layer(text: str, layer: Layer, schema: Schema) -> None:
    """Every span and relation of ``layer`` against ``text`` and ``schema``; raises the first problem."""
    if layer.status not in tuple(Status):
        raise DataError(f"unknown status {layer.status!r}", hint="use todo, in_progress or done")
    if not 0 <= layer.time_spent_ms <= TIME_SPENT_MAX:
        raise DataError(f"time spent must be 0 to {TIME_SPENT_MAX} milliseconds, not {layer.time_spent_ms}")
    if layer.annotator != GOLD:
        check_annotator_name(layer.annotator)
    spans: dict[str, Span] = {}
    for span in layer.spans:
        if span.key in spans:
            raise DataError("duplicate span id", span=span.key, hint="span ids must be unique in a layer")
        check_span(len(text), span, schema, gold=layer.is_gold)
        spans[span.key] = span
    keys: set[str] = set()
    links: set[tuple[str, str, str]] = set()
    per_head: Counter[tuple[str, str]] = Counter()
    for relation in layer.relations:
        problem = _relation_problem(relation, spans, schema, keys, links, per_head)
        if problem:
            raise DataError(f"relation {relation.key}: {problem[0]}", hint=problem[1])


def _relation_problem(
    relation: Relation,
    spans: dict[str, Span],
    schema: Schema,
    keys: set[str],
    links: set[tuple[str, str, str]],
    per_head: Counter[tuple[str, str]],
) -> tuple[str, str | None] | None:
    """What is wrong with one relation, given those before it (which it joins), and what to do; None if fine."""
    if not relation.key or relation.key in keys or len(relation.key) > KEY_MAX:
        return "empty, duplicate or too long relation id", f"relation ids are unique in a layer, {KEY_MAX} at most"
    if text_problem(relation.key):
        return f"its id {text_problem(relation.key)}", "remove it from the file"
    keys.add(relation.key)
    definition = schema.relation(relation.label)
    if definition is None:
        names = ", ".join(r.name for r in schema.relations) or "none"
        return f"unknown relation {relation.label!r}", f"the schema's relations: {names}"
    for end, key, label in (("head", relation.head, definition.head), ("child", relation.child, definition.child)):
        span = spans.get(key)
        if span is None:
            return f"its {end} {key!r} is not a span of this layer", None
        if span.label != label:
            return f"{relation.label} needs a {label} {end}, but {key} is a {span.label}", None
    link = (relation.head, relation.child, relation.label)
    if link in links:
        return f"the same {relation.label} link appears twice", None
    links.add(link)
    per_head[(relation.head, relation.label)] += 1
    if definition.max_per_head and per_head[(relation.head, relation.label)] > definition.max_per_head:
        return (
            f"{relation.head} has more than {definition.max_per_head} {relation.label} relation(s)",
            "remove the extra relations",
        )
    return None
