"""Where the window remembers small things between runs (proposals shown, the article's font size, the paragraph's
links shown), beside the other user settings."""

from __future__ import annotations

from pathlib import Path

import platformdirs
from PySide6.QtCore import QSettings

from annotator.logs import APP


def settings() -> QSettings:
    """The window's settings file (``window.ini`` in the user's configuration folder)."""
    return QSettings(str(Path(platformdirs.user_config_dir(APP)) / "window.ini"), QSettings.Format.IniFormat)


def remembered_flag(name: str, default: bool) -> bool:
    """A yes/no setting as last stored, ``default`` when never stored."""
    return str(settings().value(name, "true" if default else "false")).lower() != "false"


def remember_flag(name: str, value: bool) -> None:
    settings().setValue(name, "true" if value else "false")
