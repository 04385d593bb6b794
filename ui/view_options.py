"""The View menu: the article's zoom, the paragraph's links, and the colours following the system's light or dark
scheme (each label's colour made again to stand out from the new background)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu, QWidget

from ui.article_view import ArticleView
from ui.legend import Legend
from ui.palette import LabelStyle, label_styles
from ui.proposal_marks import Ghosts
from ui.relation_arcs import RelationArcs
from ui.scheme import Scheme
from ui.session import Session
from ui.zoom import Zoom


class ViewOptions(QObject):
    def __init__(
        self,
        window: QWidget,
        session: Session,
        view: ArticleView,
        styles: dict[str, LabelStyle],
        legend: Legend,
        ghosts: Ghosts,
    ) -> None:
        super().__init__(window)
        self.session, self.view, self.styles, self.legend, self.ghosts = session, view, styles, legend, ghosts
        self.scheme = Scheme(self)
        self.scheme.changed.connect(self.restyle)
        self.zoom = Zoom(view, self)
        self.arcs = RelationArcs(session, view, styles, self)
        self.menu = QMenu("&View", window)
        self.menu.addActions(self.zoom.actions)
        self.menu.addSeparator()
        self.menu.addAction(self.arcs.toggle)
        window.addActions([*self.zoom.actions, self.arcs.toggle])
        self.restyle()

    def restyle(self) -> None:
        """Each label's colours made again for the background, and everything drawn in them drawn again."""
        self.styles.update(label_styles(self.session.schema, self.scheme.background()))
        self.legend.show_styles(self.styles)
        self.ghosts.restyle(self.styles)
        self.view.restyle()
        self.view.highlighter.restyle()
