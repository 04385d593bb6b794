"""Canonical speakers (``sources``), one constructed text each: the name a mention gives, the person or body a
description, pronoun or group stands for, and what must be left alone."""

from __future__ import annotations

from proposer_helpers import run, statements


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
    text = "Speaker of the National Assembly Vera Holm opened the session. She said the budget would pass."
    assert _speakers(text) == [("She", "Vera Holm")]
    # a name of three words after its title stays whole
    text = "Envoy Maria Luisa Ortega said the talks would resume."
    assert _speakers(text) == [("Envoy Maria Luisa Ortega", "Maria Luisa Ortega")]


def test_a_registered_plain_description_yields_to_the_person_the_text_names():
    # the default registry names Ilham Aliyev "the President" and "the head of state"; this text never names him
    text = (
        "President of the Republic of Ostland Pia Kemp said the border would stay open. "
        "The head of state added that trade had grown. The President said talks would go on."
    )
    assert [s for _, s in _speakers(text)] == ["Pia Kemp", "Pia Kemp", "Pia Kemp"]
    # a possessor names whose president it is
    assert _speakers("The union’s president said that the strike would go on.")[0][1] is None
    # with no one else to be, and where the text names him, the registry's person
    assert _speakers("The head of state noted that trade had doubled.") == [("The head of state", "Ilham Aliyev")]
    text = "President Ilham Aliyev met the envoy. The President said that ties were strong."
    assert _speakers(text)[-1] == ("The President", "Ilham Aliyev")


def test_a_description_by_the_country_of_its_title_is_the_person_named_with_both():
    text = (
        "President of Ostland Pia Kemp met President of the Republic of Valmora Ivo Rask. "
        "The President of Valmora said the border would open. "
        "The Ostlandian leader said trade had grown. The Valmoran president said talks would go on."
    )
    assert [s for _, s in _speakers(text)] == ["Ivo Rask", "Pia Kemp", "Ivo Rask"]
    # a body's name after the place is no person
    text = (
        "President Ivo Rask said the talks went well. The president opened the Valmora Harbour Authority on Monday. "
        "The Valmoran president said that exports had grown."
    )
    assert _speakers(text)[-1] == ("The Valmoran president", "Ivo Rask")
    # a country no one was named with leaves the description to its title alone
    text = "President Ivo Rask spoke first. The Norlandic president said that ties were strong."
    assert _speakers(text)[-1] == ("The Norlandic president", "Ivo Rask")


def test_a_body_a_description_names_is_itself_not_the_person_in_it():
    text = "The office of the Governor of Ostland said the roads would reopen."
    assert _speakers(text) == [("The office of the Governor of Ostland", "office of the Governor of Ostland")]


def test_a_body_keeps_the_title_words_of_its_own_name_and_is_no_person_for_she():
    text = (
        "The National Rowing Federation said in a statement that the rules had changed. She said the rules had changed."
    )
    assert _speakers(text) == [("The National Rowing Federation", "National Rowing Federation"), ("She", None)]


def test_a_person_before_of_and_a_body_after_a_title_is_the_person():
    text = "Opposition leader Ines Carver of the Green Alliance said the vote was rushed."
    assert _speakers(text) == [("Opposition leader Ines Carver of the Green Alliance", "Ines Carver")]
    text = "The Marine Society of Cornwall said the beaches were clean."
    assert _speakers(text)[0][1] != "Marine Society"


def test_a_pronoun_with_no_source_before_it_is_the_person_the_text_names_as_a_subject():
    text = (
        "In a quiet gym in Bray, Nora Quill is lacing her boots before training. Quill won two titles at 19.\n\n"
        "“I nearly gave it up,” she says."
    )
    assert _speakers(text) == [("she", "Nora Quill")]
    # a name never shortened to its last word is no person's (a place's, a firm's)
    text = "Across the bay, Port Ellen is quiet in winter.\n\n“It is home,” she says."
    assert _speakers(text) == [("she", None)]
    # a sentence opening with a conjunction and a pronoun inside a quotation names no one
    text = "“But I’d never quit,” she says."
    assert _speakers(text) == [("she", None)]


def test_a_spokesperson_with_no_name_speaks_for_the_body_and_a_bare_body_is_the_last_of_its_kind():
    text = "A spokesman for Dunmore Harbour Trust said the pier would reopen. He added that fees would rise."
    assert _speakers(text) == [
        ("A spokesman for Dunmore Harbour Trust", "Dunmore Harbour Trust"),
        ("He", "Dunmore Harbour Trust"),
    ]
    text = "The Supreme Court of Ostland said the law was void. The court added that it would not sit again."
    assert _speakers(text)[-1] == ("The court", "Supreme Court of Ostland")
    text = "The Ostlandian finance ministry said the deficit had narrowed."
    assert _speakers(text) == [("The Ostlandian finance ministry", "Ostlandian finance ministry")]
    # no body of that kind named before: no one
    assert _speakers("The court said the law was void.") == [("The court", None)]


def test_a_word_of_a_body_introduced_earlier_is_the_body_and_a_byline_is_no_part_of_a_name():
    text = (
        "By Lena Ford, Health Correspondent\n\n"
        "Tallow Medical, the maker of hearing aids, cut 300 jobs on Monday. Tallow said the cuts were needed."
    )
    assert _speakers(text) == [("Tallow", "Tallow Medical")]
    # a name no sentence introduced stays as the text gives it
    assert _speakers("Tallow said the cuts were needed.") == [("Tallow", "Tallow")]


def test_they_after_a_sentence_about_the_two_people_named_is_the_two():
    text = (
        "Mayor Ivo Rask said the bridge would open. Governor Pia Kemp said it would cost less.\n\n"
        "The two officials toured the site. They agreed that work would start in May."
    )
    assert _speakers(text)[-1] == ("They", "Ivo Rask and Pia Kemp")
    # after a sentence about another plural, no one named
    text = (
        "Mayor Ivo Rask said the bridge would open. Governor Pia Kemp said it would cost less.\n\n"
        "Engineers at the firm doubt the figures. They argue that steel prices will rise."
    )
    assert _speakers(text)[-1] == ("They", None)


def test_the_leaders_after_a_summit_are_every_head_of_state_or_government_named():
    text = (
        "President Ivo Rask said the summit would last two days. Prime Minister Pia Kemp said trade came first. "
        "President Lars Onn said roads mattered more. Secretary General Ana Dorn said funds were ready. "
        "The leaders said that a fund would be set up."
    )
    assert _speakers(text)[-1] == ("The leaders", "Ivo Rask, Pia Kemp and Lars Onn")
    # two leaders: the two, as with the sides
    text = (
        "President Ivo Rask said trade would grow. Prime Minister Pia Kemp said it would. "
        "The leaders agreed that the fund would grow."
    )
    assert _speakers(text)[-1] == ("The leaders", "Ivo Rask and Pia Kemp")


def test_a_nationality_and_a_title_with_no_one_named_so_is_the_description():
    assert _speakers("The Ostlandian envoy said the talks had stalled.") == [
        ("The Ostlandian envoy", "Ostlandian envoy")
    ]
    # an indefinite one, or one with a place after it, may be someone the text names later
    assert _speakers("A federal judge in Valmora said the law was void.")[0][1] is None


def test_a_bare_body_is_the_last_body_of_that_kind_the_running_text_names():
    text = (
        "The Dock and Harbour Workers’ Union, which represents 900 porters, disagreed.\n\n"
        "The union said the offer was too low."
    )
    assert _speakers(text) == [("The union", "Dock and Harbour Workers’ Union")]
    text = (
        "The Dock and Harbour Workers’ Union, which represents 900 porters, disagreed.\n\n"
        "The union is seeking a rise of 9 per cent. It argues that prices have climbed."
    )
    assert _speakers(text) == [("It", "Dock and Harbour Workers’ Union")]
    # after a sentence about something else, it is no body the text named
    text = "The Dock and Harbour Workers’ Union disagreed.\n\nThe weather was poor. It said that rain had fallen."
    assert _speakers(text)[-1][1] != "Dock and Harbour Workers’ Union"
    # an indefinite one is no body the text names (a study by an institute)
    text = "A study published last year by an Ostlandian research institute found that fees deterred patients."
    assert all(speaker is None for _, speaker in _speakers(text))


def test_a_time_after_the_name_is_no_part_of_it():
    from annotator.proposer.names import trailing_name

    assert trailing_name(["Health", "Minister", "Ana", "Costa", "last", "night"]) == "Ana Costa"
    assert trailing_name(["Health", "Minister", "Ana", "Costa"]) == "Ana Costa"
    assert trailing_name(["the", "minister", "last", "night"]) is None


def test_its_spokesperson_is_the_last_body_named():
    text = "Oxfam believes the deal is weak. “It is too little,” its spokesperson said."
    assert _speakers(text)[-1] == ("its spokesperson", "Oxfam")
    # no body named before: no one
    text = "Mayor Ivo Rask said the deal was weak. “It is too little,” its spokesperson said."
    assert _speakers(text)[-1] == ("its spokesperson", None)


def test_a_spokesperson_for_a_titled_person_speaks_for_the_person():
    from annotator.proposer.names import spoken_for

    assert spoken_for(["A", "spokesman", "for", "Governor", "Pia", "Kemp"]) == "Pia Kemp"
    assert spoken_for(["a", "spokesman", "for", "the", "governor"]) is None


def test_a_relative_clause_with_commas_of_its_own_is_left_out_of_the_source():
    text = "After the hearing, Anna Berg, whose brother, Lars, worked at the mill for years, said the fine was too low."
    assert statements(text, run(text)) == [("the fine was too low", "Anna Berg", "said")]


def test_an_apposition_without_a_relative_clause_still_gives_the_name_before_it():
    text = "Anna Berg, a lawyer for the family, said the fine was too low."
    assert statements(text, run(text)) == [("the fine was too low", "Anna Berg", "said")]


def test_a_long_official_title_with_particles_in_the_name_is_one_source():
    text = "Minister of Trade and Industry of the Republic of Osterra Karim bin Yusuf Al-Amin said exports had doubled."
    assert statements(text, run(text)) == [
        (
            "exports had doubled",
            "Minister of Trade and Industry of the Republic of Osterra Karim bin Yusuf Al-Amin",
            "said",
        )
    ]


def test_a_clause_before_a_long_title_is_no_part_of_it():
    text = "Talks ended and the Minister of Trade and Industry of the Republic of Osterra said exports had doubled."
    assert statements(text, run(text)) == [
        ("exports had doubled", "the Minister of Trade and Industry of the Republic of Osterra", "said")
    ]
