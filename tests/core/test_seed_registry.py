"""The bundled speaker registry (seeds/schema.toml) against the bundled articles: each person one canonical speaker."""

from __future__ import annotations

import re

import pytest

import seeds
from annotator.schema import default_schema_text, parse_schema

SCHEMA = parse_schema(default_schema_text(), source="seeds/schema.toml")

NAME = r"(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+)+)"
TITLE = r"(?P<title>[Cc]hairman|[Dd]eputy|[Hh]ead) of (?:the )?[A-Z][\w ]+? \((?P<abbr>[A-Z]+)\)"
APPOSITIONS = (re.compile(rf"{NAME}, {TITLE}"), re.compile(rf"\b{TITLE}, (?:MP )?{NAME}"))
"""A person introduced with a title ("Sattar Mohbaliyev, chairman of the Azerbaijan Trade Unions Confederation
(ATUC)", "Chairman of ... (ATUC), MP Sattar Mohbaliyev"): the article then calls them "the chairman of ATUC"."""


def registry() -> dict[str, set[str]]:
    """Each name and alias, without case, with the canonical speakers it names."""
    named: dict[str, set[str]] = {}
    for speaker in SCHEMA.speakers:
        for phrase in (speaker.name, *speaker.aliases):
            named.setdefault(phrase.casefold(), set()).add(speaker.name)
    return named


def mentions(text: str) -> list[tuple[int, int, str]]:
    """Every registry phrase in ``text`` as whole words, without case; of overlapping ones the longest."""
    found = [
        (match.start(), match.end(), phrase)
        for phrase in registry()
        for match in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.IGNORECASE)
    ]
    found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    kept: list[tuple[int, int, str]] = []
    for start, end, phrase in found:
        if not any(s <= start and end <= e for s, e, _ in kept):
            kept.append((start, end, phrase))
    return kept


def test_no_mention_in_the_seed_articles_names_two_canonical_speakers() -> None:
    named = registry()
    seen = {phrase for article in seeds.articles() for _, _, phrase in mentions(article.read_text(encoding="utf-8"))}
    assert len(seen) > 10  # the registry's phrases are found in the articles at all
    assert {phrase: sorted(named[phrase]) for phrase in seen if len(named[phrase]) > 1} == {}
    assert {phrase: sorted(names) for phrase, names in named.items() if len(names) > 1} == {}


@pytest.mark.parametrize("article", seeds.articles(), ids=lambda path: path.name[:2])
def test_a_person_the_article_introduces_by_title_keeps_one_canonical_speaker(article) -> None:  # type: ignore[no-untyped-def]
    text = article.read_text(encoding="utf-8")
    named = registry()
    for pattern in APPOSITIONS:
        for match in pattern.finditer(text):
            person = named.get(match["name"].casefold())
            assert person is not None and len(person) == 1, f"{article.name}: {match['name']} is not in the registry"
            title = re.compile(rf"the {match['title'].lower()} of (?:the )?{match['abbr']}\b", re.IGNORECASE)
            for later in title.finditer(text):
                assert named.get(later[0].casefold()) == person, f"{article.name}: “{later[0]}” is not {person}"


def test_every_article_that_introduces_the_chairman_is_checked() -> None:
    introducing = [
        article.name[:2]
        for article in seeds.articles()
        if any(p.search(article.read_text(encoding="utf-8")) for p in APPOSITIONS)
    ]
    assert introducing == ["01", "03", "05"]
