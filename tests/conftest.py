"""Shared fixtures. Qt runs offscreen; every test gets its own data, log and settings folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED = Path(__file__).resolve().parents[2] / "shared"
"""The folder beside the checkout with the reference values and the files written by other tools."""


@pytest.fixture(autouse=True)
def _private_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    for variable, sub in (
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        monkeypatch.setenv(variable, str(home / sub))
    monkeypatch.delenv("ANNOTATOR_DB", raising=False)


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"the shared folder {SHARED} (reference values, other tools' files) is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def postgres_server():
    """The URL of a throw-away PostgreSQL server; skips where no server binaries are installed (fails in CI)."""
    from pg_server import running_server, server_binaries

    binaries = server_binaries()
    if binaries is None:
        message = "no PostgreSQL server binaries (initdb) found: install postgresql to run these tests"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with running_server(binaries) as url:
        yield url


@pytest.fixture
def team_project(postgres_server: str):  # type: ignore[no-untyped-def]
    """A project on the throw-away server with its team set up: an owner, a lead, two annotators and their
    layers (tests/team_project.py)."""
    from team_project import team_project

    return team_project(postgres_server)


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "project.db")
    from pg_server import fresh_database

    return fresh_database(request.getfixturevalue("postgres_server"))


# -- the count of PostgreSQL tests, shown at the end of every run (CI must show that they ran) -----------------

_POSTGRESQL_OUTCOMES: dict[str, str] = {}


def _uses_postgresql(item: pytest.Item) -> bool:
    callspec = getattr(item, "callspec", None)
    params = callspec.params.values() if callspec is not None else ()
    return "postgres_server" in getattr(item, "fixturenames", ()) or any(p == "postgresql" for p in params)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    report = (yield).get_result()
    if _uses_postgresql(item) and (report.when == "call" or not report.passed):
        outcome = "failed" if report.failed else report.outcome
        if _POSTGRESQL_OUTCOMES.get(item.nodeid) != "failed":
            _POSTGRESQL_OUTCOMES[item.nodeid] = outcome


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    if _POSTGRESQL_OUTCOMES:
        counts: dict[str, int] = {}
        for outcome in _POSTGRESQL_OUTCOMES.values():
            counts[outcome] = counts.get(outcome, 0) + 1
        figures = ", ".join(f"{counts[o]} {o}" for o in ("passed", "failed", "skipped") if o in counts)
        terminalreporter.write_line(f"PostgreSQL tests: {figures}")
