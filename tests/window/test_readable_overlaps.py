"""Every label is seen in every nesting (claim ⊃ speaker ⊃ cue, crossing pairs) at 100 % and 200 %, light and dark:
the claim's bar along the top of its lines, the speaker's thick underline, the cue's box, read from the pixels.
Each label's colour stands out from the background by at least 3:1 (WCAG) in both schemes."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from annotator.schema import default_schema
from ui.main_window import MainWindow
from ui.palette import MARK_CONTRAST, TEXT_CONTRAST, contrast, label_styles, standing_out
from window.conftest import drag
from window.painted import boxed, stroked

PARAGRAPH = "chairman of the Azerbaijan Trade Unions Confederation (ATUC), member of the Milli Majlis"


@pytest.fixture
def light_again(window: MainWindow) -> Iterator[None]:
    """The application's palette is shared by every window of the process: back to light whatever happens."""
    yield
    window.options.scheme.follow(Qt.ColorScheme.Light)


def tag(qtbot, window: MainWindow, phrase: str, key: str, within: str = PARAGRAPH) -> int:  # type: ignore[no-untyped-def]
    text = window.session.document.text  # type: ignore[union-attr]
    start = text.index(within) + within.index(phrase)
    drag(qtbot, window, start, start + len(phrase))
    qtbot.keyClick(window.view, key)
    return start


def seen(window: MainWindow, at: dict[str, int]) -> dict[str, bool]:
    """Which of each label's strokes show where ``at`` says (a code point inside a span of that label)."""
    styles = window.styles
    found = {}
    if "claim" in at:
        found["claim"] = stroked(window, at["claim"], styles["CLAIM"].colour, "top")
    if "speaker" in at:
        found["speaker"] = stroked(window, at["speaker"], styles["SPEAKER"].colour, "bottom")
    if "cue" in at:
        found["cue"] = boxed(window, at["cue"], styles["CUE"].colour)
    return found


def test_every_label_shows_in_every_nesting_at_100_and_200_percent_light_and_dark(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, light_again: None
) -> None:
    tag(qtbot, window, "chairman of the Azerbaijan Trade Unions Confederation", "c")
    tag(qtbot, window, "the Azerbaijan Trade Unions", "s")
    trade = tag(qtbot, window, "Trade", "v")
    milli = tag(qtbot, window, "member of the Milli", "s")
    tag(qtbot, window, "Milli Majlis", "v")
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)  # nothing selected: no outline over the strokes
    places = [
        {"claim": trade + 1, "speaker": trade + 2, "cue": trade},  # claim ⊃ speaker ⊃ cue
        {"speaker": milli + len("member of the ") + 2, "cue": milli + len("member of the ")},  # crossing
    ]
    default = window.view.font().pointSizeF()
    for scheme in (Qt.ColorScheme.Light, Qt.ColorScheme.Dark):
        window.options.scheme.follow(scheme)
        qtbot.keyClick(window.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
        for place in places:
            qtbot.waitUntil(lambda place=place: all(seen(window, place).values()))
        while window.view.font().pointSizeF() < 2 * default:
            qtbot.keyClick(window.view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
        for place in places:
            qtbot.waitUntil(lambda place=place: all(seen(window, place).values()))
    # Without the spans, none of it: the pixels read are the spans'.
    window.options.scheme.follow(Qt.ColorScheme.Light)
    qtbot.keyClick(window.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    for _ in range(5):
        qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    for place in places:
        qtbot.waitUntil(lambda place=place: not any(seen(window, place).values()))


def test_each_labels_colour_stands_out_from_the_background_in_both_schemes(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, light_again: None
) -> None:
    backgrounds = []
    for scheme in (Qt.ColorScheme.Light, Qt.ColorScheme.Dark):
        window.options.scheme.follow(scheme)
        qtbot.waitUntil(lambda: window.view.palette().base().color() == window.options.scheme.background())
        background = window.view.palette().base().color()
        backgrounds.append(background.name())
        for style in window.styles.values():
            assert contrast(style.colour, background) >= MARK_CONTRAST, (scheme, style.label)
            assert contrast(style.text, background) >= TEXT_CONTRAST, (scheme, style.label)
        legend = window.legend.text()
        assert all(style.colour.name() in legend for style in window.styles.values())
        # The target keys under the article are read on the window's own background.
        targets = window.tagging.targets
        qtbot.waitUntil(lambda: window.tagging.targets.palette().window() == window.palette().window())
        key_colour = QColor(re.search(r"color:(#[0-9a-f]{6})", targets.text()).group(1))  # type: ignore[union-attr]
        assert contrast(key_colour, targets.palette().window().color()) >= TEXT_CONTRAST
    assert contrast(QColor(backgrounds[0]), QColor(backgrounds[1])) > 10  # a light and a dark one indeed


def test_a_pale_or_dark_schema_colour_is_adjusted_keeping_its_hue() -> None:
    white, dark = QColor("white"), QColor("#1e1f22")
    pale = QColor("#ffe680")
    assert contrast(pale, white) < MARK_CONTRAST
    adjusted = standing_out(pale, white)
    assert contrast(adjusted, white) >= MARK_CONTRAST
    assert abs(adjusted.hslHue() - pale.hslHue()) <= 2
    navy = QColor("#1a237e")
    assert contrast(standing_out(navy, dark), dark) >= MARK_CONTRAST
    assert standing_out(QColor("#3b82c4"), white) == QColor("#3b82c4")  # one that stands out already is kept
    styles = label_styles(default_schema(), dark)
    assert all(contrast(style.colour, dark) >= MARK_CONTRAST for style in styles.values())
