"""The banner over the window of a project open for reading only: why, and what to do to annotate it.

The Store finds it when the project is opened (``db.access``); every edit it is then asked for is refused with the
same words, which the tagging keys show in the status bar.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QToolBar

from db.store import Store


def add_read_only_banner(window: QMainWindow, store: Store) -> QLabel | None:
    """Show ``store``'s read-only reason in a bar across the top of ``window``; None when it may be written."""
    if store.read_only is None:
        return None
    banner = QLabel(store.read_only.message())
    banner.setObjectName("read-only banner")
    banner.setTextFormat(Qt.TextFormat.PlainText)
    banner.setWordWrap(True)
    banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # the command can be copied
    banner.setStyleSheet("QLabel { background: #fff3cd; color: #664d03; padding: 6px; border: 1px solid #ffe69c; }")
    bar = QToolBar("Read-only", window)
    bar.setObjectName("read-only bar")
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setEnabled(False)  # not hidden by the toolbar menu
    bar.addWidget(banner)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return banner
