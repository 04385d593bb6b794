"""Commands about the project itself: ``stats``, ``annotators``, ``db`` and ``schema``."""

from __future__ import annotations

from pathlib import Path

import click
import orjson
from rich.table import Table

from annotator.cli.base import Context, cli, out, pass_context
from annotator.model import Role
from annotator.schema import load_schema


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of tables.")
@pass_context
def stats(context: Context, as_json: bool) -> None:
    """Documents, layers by status, spans by label, and figures per annotator (with how many of their spans were
    accepted from proposals)."""
    with context.store() as store:
        figures = store.stats()
        where = store.where
    if as_json:
        click.echo(orjson.dumps(figures, option=orjson.OPT_INDENT_2).decode())
        return
    out.print(f"[bold]{figures['documents']}[/] document(s) in {where}")
    layers = figures["layers"]
    out.print("layers: " + ", ".join(f"{count} {status}" for status, count in layers.items()))
    table = Table("label", "spans")
    for label, count in figures["spans"].items():
        table.add_row(label, str(count))
    if figures["spans"]:
        out.print(table)
    people = Table("annotator", "role", "todo", "in progress", "done", "spans", "from proposals")
    for name, person in figures["annotators"].items():
        counts = [str(person["layers"].get(s, 0)) for s in ("todo", "in_progress", "done")]
        people.add_row(name, person["role"] or "-", *counts, str(person["spans"]), str(person["proposed"]))
    if figures["annotators"]:
        out.print(people)


@cli.group()
def annotators() -> None:
    """Register annotators and their roles."""


@annotators.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.ANNOTATOR.value, show_default=True)
@pass_context
def annotators_add(context: Context, name: str, role: str) -> None:
    """Add an annotator, or change an annotator's role.

    The first person to use a project is its lead; once it has one, only a lead gives or changes roles.
    """
    with context.store() as store:
        added = store.add_annotator(name, Role(role))
    out.print(f"{added.name}: {added.role}", markup=False)


@annotators.command("list")
@pass_context
def annotators_list(context: Context) -> None:
    """The annotators and their roles."""
    with context.store() as store:
        people = store.annotators()
    table = Table("name", "role")
    for person in people:
        table.add_row(person.name, person.role.value)
    out.print(table)


@cli.group("db")
def db_group() -> None:
    """The database itself."""


@db_group.command("upgrade")
@pass_context
def db_upgrade(context: Context) -> None:
    """Create the database, or migrate it to this version's schema (a SQLite file is backed up first)."""
    from db import migrate, team

    with context.store() as store:
        out.print(f"{store.where} is at schema {migrate.current_revision(store.engine)}", markup=False)
        if store.team and store.user is None:  # the owner, on a team's server: the rules cover any new table
            team.set_up(store.engine)
            out.print("the team's rules are in place", markup=False)


@cli.group()
def schema() -> None:
    """The project's label schema."""


@schema.command("show")
@pass_context
def schema_show(context: Context) -> None:
    """Print the project's schema (TOML)."""
    with context.store() as store:
        click.echo(store.schema.source_text, nl=False)


@schema.command("set")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@pass_context
def schema_set(context: Context, path: Path) -> None:
    """Make the TOML file at PATH the project's schema."""
    new = load_schema(path)
    with context.store() as store:
        store.set_schema(new)
    out.print(f"the schema of {path} is now the project's ({', '.join(new.label_names)})", markup=False)
