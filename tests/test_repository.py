"""The project's own contract: the layers, the README's commands, CI, and what the package ships."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_the_import_layers_hold() -> None:
    lint = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    result = subprocess.run(
        [lint, "--config", str(REPO / "pyproject.toml")], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 6 kept, 0 broken." in result.stdout


def test_the_window_opens_stores_only_with_the_opener_it_is_given() -> None:
    """ui/ names no database: the composition root (annotator.cli) hands it a StoreOpener, and every Store of the
    window, the review and the workers comes from that."""
    opening = [str(p.relative_to(REPO)) for p in (REPO / "ui").rglob("*.py") if "Store.open(" in p.read_text("utf-8")]
    assert opening == []


def test_the_types_check() -> None:
    """mypy, strict on annotator/, db/ and ui/ as pyproject.toml sets it (its cache makes a second run quick)."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "annotator", "db", "ui"], capture_output=True, text=True, cwd=REPO, timeout=240
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("command", [["check", "."], ["format", "--check", "."]], ids=["check", "format"])
def test_ruff_finds_nothing_to_change(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _readme_commands() -> dict[str, str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return dict(re.findall(r"<!-- (run|test) -->\n```sh\n(.+?)\n```", text))


def test_ci_runs_exactly_the_test_command_of_the_readme() -> None:
    commands = _readme_commands()
    assert set(commands) == {"run", "test"}
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert commands["test"] in ci
    assert commands["test"].endswith("pytest")


def test_the_package_ships_the_seed_articles_and_the_default_schema() -> None:
    import seeds

    names = [entry.name for entry in seeds.articles()]
    assert len(names) == 5
    assert all(re.fullmatch(r"\d\d-[a-z0-9-]+\.txt", name) for name in names)
    assert resources.files("seeds").joinpath("schema.toml").is_file()
    for name in names:
        text = resources.files("seeds").joinpath(name).read_text(encoding="utf-8")
        assert len(text) > 1000 and "\r" not in text


def test_the_migrations_ship_with_the_package() -> None:
    versions = resources.files("db").joinpath("migrations", "versions")
    assert any(entry.name.startswith("0001") for entry in versions.iterdir())


@pytest.mark.parametrize("package", ["annotator", "db", "ui"])
def test_modules_stay_small(package: str) -> None:
    root = Path(resources.files(package))  # type: ignore[arg-type]
    for path in root.rglob("*.py"):
        if "versions" in path.parts:
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 400, f"{path} has {lines} lines: split it by what it holds"
