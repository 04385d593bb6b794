"""Light or dark: the window follows the system's colour scheme (``QStyleHints.colorScheme``, Qt 6.5+).

Where the platform reports a dark scheme but its style paints light (Fusion without a platform theme, as under a
bare X server), the window takes a dark palette of its own; back in a light scheme, the style's palette again.
Whoever draws in colours (the labels' styles) listens for ``changed`` and reads ``background``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ui.palette import luminance

Role = QPalette.ColorRole


def is_dark(palette: QPalette) -> bool:
    """Whether text is read light on dark in ``palette``."""
    return luminance(palette.color(Role.Base)) < 0.18


def dark_palette() -> QPalette:
    """A dark palette for a style that has none of its own."""
    palette = QPalette()
    for role, colour in (
        (Role.Window, "#2b2d31"),
        (Role.WindowText, "#e6e6e6"),
        (Role.Base, "#1e1f22"),
        (Role.AlternateBase, "#26282c"),
        (Role.Text, "#e6e6e6"),
        (Role.PlaceholderText, "#9a9ca3"),
        (Role.Button, "#33363b"),
        (Role.ButtonText, "#e6e6e6"),
        (Role.BrightText, "#ff6b6b"),
        (Role.Highlight, "#3d6fb4"),
        (Role.HighlightedText, "#ffffff"),
        (Role.ToolTipBase, "#33363b"),
        (Role.ToolTipText, "#e6e6e6"),
        (Role.Link, "#7ab0ff"),
        (Role.Mid, "#45484e"),
        (Role.Dark, "#17181a"),
        (Role.Light, "#4a4d53"),
    ):
        palette.setColor(role, QColor(colour))
    for role in (Role.Text, Role.WindowText, Role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7c7f86"))
    return palette


class Scheme(QObject):
    """The system's light or dark scheme, as the window paints it."""

    changed = Signal()  # the palette follows a new scheme: colours drawn by hand are to be made again

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ours = False  # whether the application's palette is the dark one set here
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(self.follow)
        self._apply(hints.colorScheme())

    def follow(self, scheme: Qt.ColorScheme) -> None:
        """Paint the window in ``scheme`` (the system's, when it changes)."""
        self._apply(scheme)
        self.changed.emit()

    def _apply(self, scheme: Qt.ColorScheme) -> None:
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        if scheme == Qt.ColorScheme.Dark and not is_dark(app.palette()):
            app.setPalette(dark_palette())
            self._ours = True
        elif scheme != Qt.ColorScheme.Dark and self._ours:
            app.setPalette(app.style().standardPalette())
            self._ours = False

    @staticmethod
    def background() -> QColor:
        """The colour the article's text is drawn on."""
        return QApplication.palette().color(Role.Base)
