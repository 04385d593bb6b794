"""A throw-away PostgreSQL server for the tests, started from the installed server binaries.

It listens on a Unix socket in a temporary folder only (no TCP). initdb refuses to run as root, so as root the
server runs as the ``postgres`` user.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text


def server_binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@contextmanager
def running_server(binaries: Path) -> Iterator[str]:
    """Start a server; yields the SQLAlchemy URL of its ``postgres`` database, stops and removes it after."""
    root = Path(tempfile.mkdtemp(prefix="annotator-pg-"))
    data, sockets = root / "data", root / "sockets"
    sockets.mkdir()
    as_user: list[str] = []
    if os.geteuid() == 0:
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(root, "postgres")
        shutil.chown(sockets, "postgres")
        os.chmod(root, 0o755)
    run = lambda *args: subprocess.run([*as_user, *map(str, args)], check=True, capture_output=True, timeout=120)  # noqa: E731
    run(binaries / "initdb", "-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8")
    options = f"-k {sockets} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
    run(binaries / "pg_ctl", "-D", data, "-o", options, "-w", "-l", root / "log", "start")
    try:
        yield f"postgresql+psycopg://postgres@/postgres?host={sockets}"
    finally:
        subprocess.run(
            [*as_user, str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=120,
        )
        shutil.rmtree(root, ignore_errors=True)


def fresh_database(server: str, prefix: str = "t") -> str:
    """The URL of a new, empty database (named ``prefix`` and a random suffix) on the server whose ``postgres``
    database ``server`` is the URL of."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return server.replace("/postgres?", f"/{name}?")
