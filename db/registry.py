"""The registry of speakers and the list of targets, as the Store adds to them."""

from __future__ import annotations

from sqlalchemy import Connection, insert, select, update

from db.models import SpeakerRow, TargetRow


def add_speakers(connection: Connection, speakers: list[tuple[str, list[str]]]) -> None:
    """Add canonical speakers to the registry, merging the aliases of those already there."""
    for name, aliases in speakers:
        row = connection.execute(select(SpeakerRow.id, SpeakerRow.aliases).where(SpeakerRow.name == name)).first()
        if row is None:
            connection.execute(insert(SpeakerRow), {"name": name, "aliases": aliases})
        elif set(aliases) - set(row.aliases or ()):
            merged = list(row.aliases or ()) + [a for a in aliases if a not in (row.aliases or ())]
            connection.execute(update(SpeakerRow).where(SpeakerRow.id == row.id).values(aliases=merged))


def add_targets(connection: Connection, names: list[str]) -> None:
    """Add targets to the project's list, leaving out those already there."""
    stored = set(connection.scalars(select(TargetRow.name).where(TargetRow.name.in_(names))))
    fresh = [name for name in dict.fromkeys(names) if name not in stored]
    if fresh:
        connection.execute(insert(TargetRow), [{"name": name} for name in fresh])
