"""Canonical speakers (``sources``), one constructed text each: the name a mention gives, the person or body a
description, pronoun or group stands for, and what must be left alone."""

from __future__ import annotations

from proposer_helpers import run


def _speakers(text: str) -> list[tuple[str, str | None]]:
    return [(text[s.start : s.end], s.attrs.get("speaker")) for s in run(text).spans if s.label == "SPEAKER"]


def test_a_name_after_a_title_and_the_body_it_names_is_the_name_alone():
    text = "Chair of the Regional Water Board Tomas Lind said the reservoir was full."
    assert _speakers(text) == [("Chair of the Regional Water Board Tomas Lind", "Tomas Lind")]
    text = "Governor of the Republic of Ostland Pia Kemp said the border would stay open."
    assert _speakers(text) == [("Governor of the Republic of Ostland Pia Kemp", "Pia Kemp")]
    text = "Director of the NRFA Sami Okonkwo said the figures were wrong."
    assert _speakers(text) == [("Director of the NRFA Sami Okonkwo", "Sami Okonkwo")]
    text = "Cllr Ben Adair said the road would be resurfaced. Later Cllr Adair said it would cost more."
    assert [s for _, s in _speakers(text)] == ["Ben Adair", "Ben Adair"]
    # a name of three words after its title stays whole
    text = "Envoy Maria Luisa Ortega said the talks would resume."
    assert _speakers(text) == [("Envoy Maria Luisa Ortega", "Maria Luisa Ortega")]
