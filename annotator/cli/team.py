"""``annotator team``: the database owner's commands for a team on a PostgreSQL server (see README.md, "Working as a
team"). Each is one transaction on the server, run with the owner's login."""

from __future__ import annotations

import click
from rich.table import Table

from annotator.cli.base import Context, Store, cli, default_database, out, pass_context
from annotator.model import Role
from db import team as teams


def _owner_store(context: Context) -> Store:
    """The project, opened (and migrated) by its owner, who is not one of its annotators."""
    return Store.open(context.db_given or default_database())


@cli.group()
def team() -> None:
    """A team on a PostgreSQL server: logins, their roles, and the rules the database enforces (the owner's)."""


@team.command("init")
@pass_context
def team_init(context: Context) -> None:
    """Create the project's group roles and make the database keep each login to its own layers (again: no change).

    Run it as the database's owner (a login that may create roles); again after every `annotator db upgrade`.
    """
    with _owner_store(context) as store:
        groups = teams.set_up(store.engine)
        where = store.where
    out.print(f"{where}: the team's rules are in place; groups {groups.lead} (leads) and {groups.team} (everyone)")
    out.print("add each person with `annotator team add NAME [--role lead]`", markup=False)


@team.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.ANNOTATOR.value, show_default=True)
@pass_context
def team_add(context: Context, name: str, role: str) -> None:
    """Give NAME a login on the project (a new one has a new password) with ROLE, and say how they connect."""
    with _owner_store(context) as store:
        password = teams.add(store.engine, name, Role(role))
        service, pgpass, url = teams.connection_files(store.url, name, password)
    made = "a new login with the password below" if password else "their login (its password is unchanged)"
    out.print(f"{name} is on the team as {role}, with {made}. Give {name} these, for their own machine:", markup=False)
    out.print("\n~/.pg_service.conf (HOST as your server's name in its certificate):", markup=False)
    out.print(service, markup=False)
    out.print("\n~/.pgpass (then `chmod 600 ~/.pgpass`):", markup=False)
    out.print(pgpass, markup=False)
    out.print(f"\nand then: export ANNOTATOR_DB='{url}'", markup=False)


@team.command("list")
@pass_context
def team_list(context: Context) -> None:
    """Every name registered in the project, its role, and whether it is a login of the team."""
    with _owner_store(context) as store:
        people = teams.listing(store.engine)
    table = Table("name", "role", "login")
    for person in people:
        table.add_row(person.name, person.role.value, "yes" if person.login else "no")
    out.print(table)


@team.command("remove")
@click.argument("name")
@pass_context
def team_remove(context: Context, name: str) -> None:
    """Take NAME's login out of the project: it no longer reads or writes it. Their layers stay."""
    with _owner_store(context) as store:
        teams.remove(store.engine, name)
    out.print(f"{name} is no longer on the team; their layers stay in the project", markup=False)
