"""The team set-up of README.md ("Working as a team"), step by step, on a throw-away PostgreSQL server."""

from __future__ import annotations

import json
import subprocess
import sys

from sqlalchemy import create_engine, text


def _annotator(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "annotator", "--db", url, *args], capture_output=True, text=True, timeout=120
    )


def test_the_readme_team_setup_works(postgres_server: str) -> None:
    server = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        for statement in (
            "CREATE ROLE project_owner LOGIN",
            "CREATE DATABASE team_project OWNER project_owner",
            "CREATE ROLE lena LOGIN",
            "CREATE ROLE bea LOGIN",
            "GRANT CONNECT ON DATABASE team_project TO lena, bea",
        ):
            connection.execute(text(statement))
    server.dispose()
    url = lambda login: postgres_server.replace("postgres@/postgres?", f"{login}@/team_project?")  # noqa: E731
    upgraded = _annotator(url("project_owner"), "--annotator", "lena", "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    owner = create_engine(url("project_owner"), isolation_level="AUTOCOMMIT")
    with owner.connect() as connection:
        for statement in (
            "GRANT USAGE ON SCHEMA public TO lena, bea",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO lena, bea",
            "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO lena, bea",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO lena, bea",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO lena, bea",
        ):
            connection.execute(text(statement))
    owner.dispose()
    # bea connects with her own login, which names her; she is an annotator, lena the lead.
    listed = _annotator(url("bea"), "stats", "--json")
    assert listed.returncode == 0, listed.stderr
    people = json.loads(listed.stdout)["annotators"]
    assert {name: person["role"] for name, person in people.items()} == {"lena": "lead", "bea": "annotator"}
    refused = _annotator(url("bea"), "export", "--layer", "gold")
    assert refused.returncode == 1
    assert refused.stderr.strip().startswith("error: only a lead may export the gold layer (bea is an annotator)")
    assert _annotator(url("bea"), "annotators", "add", "bea", "--role", "lead").returncode == 1
    promoted = _annotator(url("lena"), "annotators", "add", "bea", "--role", "lead")
    assert promoted.returncode == 0, promoted.stderr
    assert _annotator(url("bea"), "export", "--layer", "gold").returncode == 0
