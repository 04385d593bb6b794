"""Where unexpected errors go: a log file with the traceback, whose path the message to the person names."""

from __future__ import annotations

import logging
from pathlib import Path

import platformdirs

from annotator import __version__

APP = "annotator"


def log_file() -> Path:
    return Path(platformdirs.user_log_dir(APP)) / "annotator.log"


def log_unexpected(error: BaseException) -> Path:
    """Write ``error`` with its traceback to the log file and return the file's path."""
    path = log_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    logger = logging.getLogger(APP)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    try:
        logger.error("unexpected error (annotator %s)", __version__, exc_info=error)
    finally:
        logger.removeHandler(handler)
        handler.close()
    return path
