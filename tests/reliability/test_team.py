"""The team set-up of README.md ("Working as a team"), step by step, on a throw-away PostgreSQL server: a bare
server, an owner, `annotator team init`, three people added with `team add`, each connecting with the files it
prints, and a hostile annotator refused at the command line."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from sqlalchemy import create_engine, text

from command_line import run_annotator

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _annotator(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_annotator(*args, env=env, ok=False)


def _person(printed: str, home: Path) -> dict[str, str]:
    """What ``team add`` told the owner to give a person, put where libpq reads it; the environment they work in."""
    service = re.search(r"^(\[.*?)\n\n", printed, re.S | re.M)
    pgpass = re.search(r"^~/.pgpass.*\n(.*)$", printed, re.M)
    url = re.search(r"export ANNOTATOR_DB='(.*)'", printed)
    assert service and pgpass and url, printed
    home.mkdir()
    (home / ".pg_service.conf").write_text(service.group(1) + "\n")
    (home / ".pgpass").write_text(pgpass.group(1) + "\n")
    (home / ".pgpass").chmod(0o600)
    assert "password" not in url.group(1) and ":" not in url.group(1).split("://")[1]
    return {
        "PGSERVICEFILE": str(home / ".pg_service.conf"),
        "PGPASSFILE": str(home / ".pgpass"),
        "ANNOTATOR_DB": url.group(1),
    }


def test_the_readme_team_setup_works(postgres_server: str, tmp_path: Path) -> None:
    server = create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text("CREATE ROLE project_owner LOGIN CREATEROLE"))
        connection.execute(text("CREATE DATABASE team_project OWNER project_owner"))
    server.dispose()
    owner = ["--db", postgres_server.replace("postgres@/postgres?", "project_owner@/team_project?")]
    for _ in range(2):  # idempotent
        init = _annotator(*owner, "team", "init")
        assert init.returncode == 0, init.stderr
    people = {}
    for name, role in (("lena", "lead"), ("bea", "annotator"), ("carl", "annotator")):
        added = _annotator(*owner, "team", "add", name, "--role", role)
        assert added.returncode == 0, added.stderr
        assert "new login" in added.stdout and "sslmode=verify-full" in added.stdout
        people[name] = _person(added.stdout, tmp_path / name)
    lena, bea, carl = people["lena"], people["bea"], people["carl"]
    assert _annotator("import", str(SEEDS), env=lena).returncode == 0
    # bea works as herself, with what she was given; nothing more.
    mine = tmp_path / "mine.jsonl"
    doc = {"doc_id": "bea-1", "text": "The minister said so.", "annotator": "bea", "status": "done"}
    mine.write_text(json.dumps({**doc, "spans": [{"id": "s1", "start": 4, "end": 12, "label": "SPEAKER"}]}) + "\n")
    own = _annotator("import", str(mine), env=bea)
    assert own.returncode == 0, own.stderr
    figures = json.loads(_annotator("stats", "--json", env=bea).stdout)
    assert list(figures["annotators"]) == ["bea"] and figures["annotators"]["bea"]["spans"] == 1
    for attempt, says in (
        (["--annotator", "lena", "stats"], "error: you are connected as bea"),
        (["schema", "set", str(SEEDS / "schema.toml")], "error: only a lead may set the project's schema"),
        (["export", "--layer", "gold"], "error: only a lead may export the gold layer (bea is an annotator)"),
        (["annotators", "add", "bea", "--role", "lead"], "error: only a lead may make bea a lead"),
        (["team", "add", "mallory", "--role", "lead"], "error: only the database's owner may add mallory"),
    ):
        refused = _annotator(*attempt, env=bea)
        assert refused.returncode == 1, (attempt, refused.stderr)
        assert refused.stderr.startswith(says) and refused.stderr.count("\n") == 1, refused.stderr
    lead_figures = json.loads(_annotator("stats", "--json", env=lena).stdout)
    assert set(lead_figures["annotators"]) == {"lena", "bea", "carl"}
    assert _annotator("annotators", "add", "bea", "--role", "lead", env=lena).returncode == 0
    assert _annotator("export", "--layer", "gold", env=bea).returncode == 0
    listed = _annotator(*owner, "team", "list")
    assert re.search(r"bea\s+│\s+lead\s+│\s+yes", listed.stdout), listed.stdout
    assert _annotator(*owner, "team", "remove", "carl").returncode == 0
    gone = _annotator("stats", env=carl)
    assert gone.returncode == 1 and "permission denied for database" in gone.stderr
