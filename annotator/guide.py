"""The schema in words, for the people who annotate: each label with its key, description, attributes and
relations (the legend's tooltips), and the whole as Markdown (the guidelines pane), followed by the project's own
guide (``Schema.guide``)."""

from __future__ import annotations

from annotator.schema import AttributeDef, RelationDef, Schema


def label_tip(schema: Schema, name: str) -> str:
    """What a label means, its attributes and the relations from and to it, one per line (plain text)."""
    label = schema.label(name)
    if label is None:
        return ""
    lines = [f"{label.name} (key {label.hotkey}): {label.description}".rstrip(": ")]
    lines += [f"  {attribute.name}: {_attribute_words(attribute)}" for attribute in schema.attributes_for(name)]
    lines += [f"  {_relation_words(r)}" for r in schema.relations if name in (r.head, r.child)]
    return "\n".join(lines)


def guidelines(schema: Schema) -> str:
    """The schema as Markdown: its labels, relations and attributes with their descriptions and keys, then the
    project's guide."""
    parts = [f"# {schema.name or 'Guidelines'}", "## Labels"]
    for label in schema.labels:
        parts.append(f"- **{label.name}** (key `{label.hotkey}`): {_escaped(label.description) or '(no description)'}")
    if schema.relations:
        parts.append("## Relations")
        parts += [f"- {_escaped(_relation_words(relation))}" for relation in schema.relations]
    if schema.attributes:
        parts.append("## Attributes")
        for attribute in schema.attributes:
            on = " / ".join(attribute.labels)
            parts.append(f"- **{attribute.name}** of {on}: {_escaped(_attribute_words(attribute))}")
    if schema.guide.strip():
        parts.append(schema.guide.strip())
    return "\n\n".join(parts) + "\n"


def _attribute_words(attribute: AttributeDef) -> str:
    keys = dict(zip(attribute.values, attribute.keys, strict=False))
    values = ", ".join(f"{value} (key {keys[value]})" if value in keys else value for value in attribute.values)
    kind = f"one of {values}" if values else f"a {attribute.kind}"
    return f"{attribute.description} {kind[0].upper()}{kind[1:]}." if attribute.description else kind


def _relation_words(relation: RelationDef) -> str:
    key = f", key {relation.hotkey}" if relation.hotkey else ""
    most = f", at most {relation.max_per_head} per {relation.head}" if relation.max_per_head else ""
    said = f": {relation.description}" if relation.description else ""
    return f"{relation.name} ({relation.head} → {relation.child}{key}{most}){said}"


def _escaped(text: str) -> str:
    """A description as Markdown shows it word for word (its ``*``, ``_`` and the like are no markup)."""
    return "".join(f"\\{c}" if c in "\\`*_[]<>#|" else c for c in text)
