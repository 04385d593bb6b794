"""The label schema: span labels, relations, attributes, hotkeys and colours, read from TOML.

Its ``[statement]`` table says which of them make a statement (``StatementDef``); a file without one gets it
inferred from the default names, so older files keep working. Its ``guide`` is the project's guidelines in
Markdown, longer than the descriptions; ``guide_file`` names a file beside the schema file, which ``load_schema``
copies into the schema's text (``annotator.guide_file``), so that the text stored in the database holds it.

The schema is data: a project may load another TOML file and the whole tool follows it. A file that cannot
be used is refused with a ``SchemaError`` naming the file and the problem.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from annotator.errors import SchemaError
from annotator.guide_file import GUIDE_FILE, with_guide_file
from annotator.schema_toml import REGISTRY_NAME_MAX, read_toml
from annotator.schema_values import Problem, array, fields_of, hotkey_of, name_in, string, strings, unique


class AttributeKind(StrEnum):
    """What an attribute's value is: one of ``values`` (choice), a canonical Speaker's name (speaker), a Target's
    name (target), or free text."""

    CHOICE = "choice"
    SPEAKER = "speaker"
    TARGET = "target"
    TEXT = "text"


ATTRIBUTE_KINDS = tuple(kind.value for kind in AttributeKind)

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True, slots=True)
class LabelDef:
    name: str
    hotkey: str
    colour: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class RelationDef:
    name: str
    head: str
    child: str
    hotkey: str | None = None
    max_per_head: int | None = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class AttributeDef:
    name: str
    labels: tuple[str, ...]
    kind: AttributeKind
    values: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True, slots=True)
class SpeakerDef:
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StatementDef:
    """Which parts of the schema make a statement, the ``[statement]`` table: the label of the content (what is
    said), of its source mentions and of its cues, the relations from the content to each, and the attributes that
    hold the canonical speaker (on a source) and the stance, target and quote type (on the content). Only the
    content is required; a part the schema does not have is None."""

    content: str
    source: str | None = None
    cue: str | None = None
    source_relation: str | None = None
    cue_relation: str | None = None
    speaker: str | None = None
    stance: str | None = None
    target: str | None = None
    quote_type: str | None = None


@dataclass(frozen=True, slots=True)
class Schema:
    name: str
    labels: tuple[LabelDef, ...]
    relations: tuple[RelationDef, ...]
    attributes: tuple[AttributeDef, ...]
    targets: tuple[str, ...] = ()
    speakers: tuple[SpeakerDef, ...] = ()
    source_text: str = ""
    statement: StatementDef = field(kw_only=True)
    guide: str = field(default="", kw_only=True)  # the project's guidelines, Markdown
    # Lookups made once: importers ask them for every span.
    label_names: tuple[str, ...] = field(init=False, repr=False, compare=False)
    attribute_names: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _by_name: dict[tuple[str, str], Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "label_names", tuple(label.name for label in self.labels))
        # Every attribute, in the schema's order: the keys each exported span carries.
        set_(self, "attribute_names", tuple(attribute.name for attribute in self.attributes))
        by_name: dict[tuple[str, str], Any] = {}
        for kind, items in (("label", self.labels), ("relation", self.relations), ("attribute", self.attributes)):
            by_name.update({(kind, item.name): item for item in items})
        set_(self, "_by_name", by_name)

    def label(self, name: str) -> LabelDef | None:
        return self._by_name.get(("label", name))

    def relation(self, name: str) -> RelationDef | None:
        return self._by_name.get(("relation", name))

    def attribute(self, name: str) -> AttributeDef | None:
        return self._by_name.get(("attribute", name))

    def attributes_for(self, label: str) -> tuple[AttributeDef, ...]:
        return tuple(attribute for attribute in self.attributes if label in attribute.labels)

    def attribute_problem(self, label: str, name: str, value: object) -> str | None:
        """Why ``value`` cannot be attribute ``name`` of a span labelled ``label``; None when it can."""
        attribute = self.attribute(name)
        if attribute is None:
            return f"unknown attribute {name!r} (the schema has: {', '.join(self.attribute_names)})"
        if label not in attribute.labels:
            return f"attribute {name!r} does not apply to {label} (only to {', '.join(attribute.labels)})"
        if not isinstance(value, str) or not value.strip():
            return f"attribute {name!r} must be a non-empty string, not {value!r}"
        if attribute.kind == AttributeKind.CHOICE and value not in attribute.values:
            return f"{name} {value!r} is not one of {', '.join(attribute.values)}"
        if attribute.kind in (AttributeKind.SPEAKER, AttributeKind.TARGET) and len(value) > REGISTRY_NAME_MAX:
            return f"a {attribute.kind}'s name has {REGISTRY_NAME_MAX} characters at most"
        return None


@cache
def default_schema() -> Schema:
    """The schema bundled in ``seeds/schema.toml`` (read once: a schema is a value)."""
    return parse_schema(default_schema_text(), source="seeds/schema.toml")


def default_schema_text() -> str:
    return resources.files("seeds").joinpath("schema.toml").read_text(encoding="utf-8")


def load_schema(path: str | Path) -> Schema:
    """Read and check a schema file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SchemaError(f"{path}: cannot read the schema: {error}") from None
    return parse_schema(with_guide_file(text, path), source=str(path))


def parse_schema(text: str, *, source: str = "schema") -> Schema:
    """Parse and check schema TOML; ``source`` names the file in error messages."""
    data = read_toml(text, source)
    try:
        return _build(data, text)
    except Problem as problem:
        raise SchemaError(f"{source}: {problem}") from None


def _build(data: dict[str, Any], text: str) -> Schema:
    allowed = ("name", "relations", "attributes", "targets", "speakers", "statement", "guide", GUIDE_FILE)
    fields_of(data, "the schema", ("labels",), allowed)
    if GUIDE_FILE in data:
        raise Problem(f"{GUIDE_FILE} is read from a schema file only (annotator schema set FILE): give guide instead")
    taken: dict[str, str] = {}
    labels = []
    for i, raw in enumerate(array(data["labels"], "labels")):
        where = f"labels[{i}]"
        table = fields_of(raw, where, ("name", "hotkey", "colour"), ("description",))
        name = name_in(table["name"], f"{where}.name")
        colour = string(table["colour"], f"label {name}: colour")
        if not _COLOUR.match(colour):
            raise Problem(f"label {name}: colour {colour!r} must look like #1f77b4")
        hotkey = hotkey_of(table["hotkey"], f"label {name}: hotkey", taken)
        labels.append(LabelDef(name, hotkey, colour, string(table.get("description", ""), f"{where}.description")))
    if not labels:
        raise Problem("labels: the schema needs at least one label")
    unique([label.name for label in labels], "label")
    known = {label.name for label in labels}

    relations = []
    for i, raw in enumerate(array(data.get("relations", []), "relations")):
        table = fields_of(raw, f"relations[{i}]", ("name", "head", "child"), ("hotkey", "max_per_head", "description"))
        name = name_in(table["name"], f"relations[{i}].name")
        for end in ("head", "child"):
            if table[end] not in known:
                raise Problem(f"relation {name}: unknown label {table[end]!r} in {end!r} (labels: {', '.join(known)})")
        key = hotkey_of(table["hotkey"], f"relation {name}: hotkey", taken) if "hotkey" in table else None
        most = table.get("max_per_head")
        if most is not None and (not isinstance(most, int) or isinstance(most, bool) or most < 1):
            raise Problem(f"relation {name}: max_per_head must be a whole number of at least 1")
        relations.append(RelationDef(name, table["head"], table["child"], key, most, table.get("description", "")))
    unique([relation.name for relation in relations], "relation")

    attributes = []
    for i, raw in enumerate(array(data.get("attributes", []), "attributes")):
        table = fields_of(raw, f"attributes[{i}]", ("name", "labels", "kind"), ("values", "keys", "description"))
        name = name_in(table["name"], f"attributes[{i}].name")
        on = strings(table["labels"], f"attribute {name}: labels")
        for label in on:
            if label not in known:
                raise Problem(f"attribute {name}: unknown label {label!r} (labels: {', '.join(known)})")
        if table["kind"] not in ATTRIBUTE_KINDS:
            raise Problem(f"attribute {name}: unknown kind {table['kind']!r} (kinds: {', '.join(ATTRIBUTE_KINDS)})")
        kind = AttributeKind(table["kind"])
        values = strings(table.get("values", []), f"attribute {name}: values")
        if kind == AttributeKind.CHOICE and not values:
            raise Problem(f"attribute {name}: a choice needs values")
        if kind != AttributeKind.CHOICE and values:
            raise Problem(f"attribute {name}: only a choice has values")
        unique(list(values), f"value of attribute {name}:")
        given = strings(table.get("keys", []), f"attribute {name}: keys")
        if given and len(given) != len(values):
            raise Problem(f"attribute {name}: {len(given)} keys for {len(values)} values (give one per value)")
        keys = tuple(
            hotkey_of(key, f"attribute {name}: key of {value}", taken)
            for key, value in zip(given, values, strict=False)
        )
        attributes.append(AttributeDef(name, on, kind, values, keys, table.get("description", "")))
    unique([attribute.name for attribute in attributes], "attribute")

    targets = strings(data.get("targets", []), "targets")
    unique(list(targets), "target")
    speakers = []
    for i, raw in enumerate(array(data.get("speakers", []), "speakers")):
        table = fields_of(raw, f"speakers[{i}]", ("name",), ("aliases",))
        name = string(table["name"], f"speakers[{i}].name").strip()
        if not name:
            raise Problem(f"speakers[{i}]: the name is empty")
        speakers.append(SpeakerDef(name, strings(table.get("aliases", []), f"speaker {name}: aliases")))
    unique([speaker.name for speaker in speakers], "speaker")
    name = string(data.get("name", ""), "name")
    labels_only = StatementDef(labels[0].name)
    schema = Schema(
        name, tuple(labels), tuple(relations), tuple(attributes), targets, tuple(speakers), text, statement=labels_only
    )
    statement = _statement(data["statement"], schema) if "statement" in data else _inferred(schema)
    return replace(schema, statement=statement, guide=string(data.get("guide", ""), "guide"))


# -- the statement ----------------------------------------------------------------------------------------------

_STATEMENT_KEYS = tuple(part.name for part in fields(StatementDef))
_TOGETHER = (("source", "source_relation"), ("cue", "cue_relation"))
_DEFAULT_STATEMENT = StatementDef(
    "CLAIM", "SPEAKER", "CUE", "ATTRIBUTED_TO", "HAS_CUE", "speaker", "stance", "target", "quote_type"
)
"""The names of the default schema, which a file without a ``[statement]`` table gets where it has them."""


def _statement(raw: Any, schema: Schema) -> StatementDef:
    table = fields_of(raw, "statement", ("content",), _STATEMENT_KEYS[1:])
    statement = StatementDef(**{key: string(table[key], f"statement: {key}") for key in table})
    for one, other in (*_TOGETHER, *((b, a) for a, b in _TOGETHER), ("speaker", "source")):
        if one in table and other not in table:
            raise Problem(f"statement: {one} needs {other}")
    for key in _STATEMENT_KEYS:
        problem = _statement_problem(statement, key, schema)
        if problem:
            raise Problem(f"statement: {key} {getattr(statement, key)!r} {problem}")
    return statement


def _statement_problem(statement: StatementDef, key: str, schema: Schema) -> str | None:
    """Why part ``key`` of ``statement`` does not fit ``schema``; None when it fits (or is not given)."""
    name, content, source = getattr(statement, key), statement.content, statement.source
    if name is None:
        return None
    if key in ("content", "source", "cue"):
        if schema.label(name) is None:
            return f"is not a label (labels: {', '.join(schema.label_names)})"
        earlier = {"content": (), "source": (content,), "cue": (content, source)}[key]
        return "is the label of another part of the statement" if name in earlier else None
    if key in ("source_relation", "cue_relation"):
        relation, child = schema.relation(name), source if key == "source_relation" else statement.cue
        if relation is None:
            return f"is not a relation (relations: {', '.join(r.name for r in schema.relations) or 'none'})"
        if (relation.head, relation.child) != (content, child):
            return f"must lead from {content} to {child} (it leads from {relation.head} to {relation.child})"
        return "is the source_relation too" if key == "cue_relation" and name == statement.source_relation else None
    attribute, on = schema.attribute(name), source if key == "speaker" else content
    wanted = {"speaker": AttributeKind.SPEAKER, "target": AttributeKind.TARGET}.get(key, AttributeKind.CHOICE)
    if attribute is None:
        return f"is not an attribute (attributes: {', '.join(schema.attribute_names) or 'none'})"
    if attribute.kind != wanted or on not in attribute.labels:
        return (
            f"must be a {wanted} attribute of {on} (it is of kind {attribute.kind}, on {', '.join(attribute.labels)})"
        )
    return "is the stance too" if key == "quote_type" and name == statement.stance else None


def _inferred(schema: Schema) -> StatementDef:
    """The statement of a file without a ``[statement]`` table: each part under its default name where the file has
    it and it fits; else the content and its source that earlier versions found: the head and child of the first
    relation whose child carries a speaker attribute (the content is the first label when there is none)."""
    default = _DEFAULT_STATEMENT

    def speaker_of(label: str | None) -> str | None:
        return next((a.name for a in schema.attributes_for(label or "") if a.kind == AttributeKind.SPEAKER), None)

    found = next((r for r in schema.relations if r.head != r.child and speaker_of(r.child)), None)
    fallback = found.head if found else schema.labels[0].name
    statement = StatementDef(default.content if schema.label(default.content) else fallback)
    found_source = {"source": found.child, "source_relation": found.name} if found else {}
    default_source = {"source": default.source, "source_relation": default.source_relation}
    statement = _fit(statement, schema, default_source, found_source)
    statement = _fit(statement, schema, {"cue": default.cue, "cue_relation": default.cue_relation})
    statement = _fit(statement, schema, {"speaker": default.speaker}, {"speaker": speaker_of(statement.source)})
    for key in ("stance", "target", "quote_type"):
        statement = _fit(statement, schema, {key: getattr(default, key)})
    return statement


def _fit(statement: StatementDef, schema: Schema, *choices: Mapping[str, str | None]) -> StatementDef:
    """``statement`` with the first of ``choices`` that fits ``schema``, or as it is when none does."""
    for values in choices:
        given = {key: value for key, value in values.items() if value}
        if not given or len(given) < len(values):
            continue
        candidate = replace(statement, **given)
        if not any(_statement_problem(candidate, key, schema) for key in given):
            return candidate
    return statement
