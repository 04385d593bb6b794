"""Canonical speakers (``sources``), one constructed text each: the name a mention gives, the person or body a
description, pronoun or group stands for, and what must be left alone."""

from __future__ import annotations

import re

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


def test_a_particle_inside_a_name_stays_in_it_and_a_rank_is_a_title():
    from annotator.proposer.names import trailing_name

    assert trailing_name(["Envoy", "Yusuf", "bin", "Hamad", "Al-Qasimi"]) == "Yusuf bin Hamad Al-Qasimi"
    assert trailing_name(["Minister", "of", "Trade", "of", "Ostland", "Jan", "van", "Holt"]) == "Jan van Holt"
    assert trailing_name(["Army", "spokesman", "Colonel", "Pia", "Kemp"]) == "Pia Kemp"
    assert trailing_name(["Detective", "Inspector", "Ben", "Adair"]) == "Ben Adair"
    # a particle opens no name
    assert trailing_name(["Envoy", "de", "Pia", "Kemp"]) == "Pia Kemp"
    text = (
        "Envoy of the Republic of Ostland Yusuf bin Hamad Al-Qasimi arrived on Monday. "
        "Al-Qasimi said the border would stay open."
    )
    assert _speakers(text) == [("Al-Qasimi", "Yusuf bin Hamad Al-Qasimi")]
    # a name with no particle is found as before
    text = "Mayor of Dunmere Ivo Rask arrived on Monday. Rask said the road would be resurfaced."
    assert _speakers(text) == [("Rask", "Ivo Rask")]


def test_a_name_after_a_title_and_a_body_with_two_complements_is_the_name_alone():
    text = "President of the Ostland Guild of Bakers and Millers Tomas Lind said flour prices would rise."
    assert _speakers(text) == [("President of the Ostland Guild of Bakers and Millers Tomas Lind", "Tomas Lind")]
    # a body's own name, no person's, stays whole
    from annotator.proposer.names import after_body

    assert after_body(["Ministry", "of", "Health"]) == ["Ministry", "of", "Health"]


def test_a_pronoun_with_its_verb_is_no_name():
    from annotator.proposer.phrases import Phrase
    from annotator.proposer.sources import Resolver

    text = "Coach Ivo Rask said the side had been poor. “But I’m staying,” he said. “I’ve no doubt,” he added."
    resolver = Resolver([], {}, text)
    found = []
    for mention in ("Coach Ivo Rask", "I’m", "he", "I’ve", "he"):
        at = text.index(mention, found[-1][0] + 1 if found else 0)
        resolved = resolver.resolve(Phrase(at, at + len(mention), mention))
        found.append((at, resolved.speaker if resolved else None))
    assert [s for _, s in found] == ["Ivo Rask", None, "Ivo Rask", None, "Ivo Rask"]


def test_a_description_by_its_country_is_the_name_with_its_particles_after_the_title():
    text = (
        "Minister of Trade of the Kingdom of Ostland Yusuf bin Hamad Al-Qasimi opened the fair on Monday. "
        "The Ostlandic minister said exports had doubled."
    )
    assert _speakers(text) == [("The Ostlandic minister", "Yusuf bin Hamad Al-Qasimi")]
    # a name without particles, as before
    text = (
        "Minister of Trade of the Kingdom of Ostland Yusuf Al-Qasimi opened the fair on Monday. "
        "The Ostlandic minister said exports had doubled."
    )
    assert _speakers(text) == [("The Ostlandic minister", "Yusuf Al-Qasimi")]


def test_a_title_of_title_words_alone_names_no_person():
    text = (
        "Deputy Foreign Minister of the Republic of Ostland Ivo Rask, who led the delegation, said the fund was "
        "welcome. “We want roads,” he added."
    )
    assert [s for _, s in _speakers(text)] == ["Ivo Rask", "Ivo Rask"]


def test_a_spokesperson_with_a_body_named_before_the_title_speaks_for_it():
    from annotator.proposer.names import spoken_for

    assert spoken_for(["A", "Harbury", "Foods", "spokeswoman"]) == "Harbury Foods"
    assert spoken_for(["the", "Kremlin", "spokesman"]) == "Kremlin"
    assert spoken_for(["a", "Marlow", "Institute", "poll"]) == "Marlow Institute"
    assert spoken_for(["a", "new", "poll"]) is None
    # a nationality, or a body in lower case, is no body's name
    assert spoken_for(["A", "French", "spokesman"]) is None
    assert spoken_for(["A", "government", "spokesman"]) is None
    text = "Vantor recalled 9,000 heaters on Monday. A Vantor spokeswoman said the recall was a precaution."
    assert _speakers(text)[-1] == ("A Vantor spokeswoman", "Vantor")


def test_a_bare_body_is_the_name_the_text_gave_right_after_its_word():
    text = (
        "The clinic run by the aid group Relief Now is the last one open. The group said its stocks would last a week."
    )
    assert _speakers(text) == [("The group", "Relief Now")]
    # the word with no name after it: no body
    text = "The clinic run by an aid group is the last one open. The group said its stocks would last a week."
    assert _speakers(text) == [("The group", None)]


def test_a_description_is_the_name_after_its_title_and_the_title_s_complement():
    text = (
        "Secretary General of the Northern Transit Forum Ana Costa opened the meeting on Monday. "
        "“Trade needs trust,” the Secretary General said."
    )
    assert _speakers(text) == [("the Secretary General", "Ana Costa")]
    # a title with its name right after it, as before
    text = "Secretary General Ana Costa opened the meeting on Monday. “Trade needs trust,” the Secretary General said."
    assert _speakers(text) == [("the Secretary General", "Ana Costa")]


def _resolved(text: str, mentions: tuple[str, ...]) -> list[str | None]:
    """The canonical speakers of ``mentions``, each the next place of its words (whole) in ``text``."""
    from annotator.proposer.phrases import Phrase
    from annotator.proposer.sources import Resolver

    resolver = Resolver([], {}, text)
    found: list[str | None] = []
    at = 0
    for mention in mentions:
        place = re.compile(rf"(?<!\w){re.escape(mention)}(?!\w)").search(text, at)
        assert place is not None
        at = place.start()
        resolved = resolver.resolve(Phrase(at, at + len(mention), mention))
        found.append(resolved.speaker if resolved else None)
        at += len(mention)
    return found


def test_a_kinship_word_used_as_a_name_is_its_own_gender():
    text = "Vera Holm said the home had failed them. “Dad believed them,” she said."
    assert _resolved(text, ("Vera Holm", "Dad", "she")) == ["Vera Holm", "Dad", "Vera Holm"]
    text = "Ivo Rask said the home had failed them. “Mum believed them,” he said."
    assert _resolved(text, ("Ivo Rask", "Mum", "he")) == ["Ivo Rask", "Mum", "Ivo Rask"]


def test_a_pronoun_after_a_sentence_opened_by_a_title_and_its_complement_is_the_name_after_them():
    text = (
        "Secretary General of the Northern Transit Forum Ana Costa opened the meeting on Monday. "
        "“Trade needs trust,” she said."
    )
    assert _speakers(text) == [("she", "Ana Costa")]
    # the complement with no name after it: no one
    text = "The Secretary General of the Northern Transit Forum opened the meeting. “Trade needs trust,” she said."
    assert _speakers(text) == [("she", None)]


def test_the_company_is_the_name_introduced_as_a_maker_and_no_he_or_she():
    text = (
        "Vantor Systems, the heat-pump maker, cut 900 jobs on Monday. "
        "The company said the cuts were needed. Union leader Vera Holm said the cuts came late. "
        "“It is a sad day,” she said."
    )
    assert _speakers(text) == [
        ("The company", "Vantor Systems"),
        ("Union leader Vera Holm", "Vera Holm"),
        ("she", "Vera Holm"),
    ]
    # the body is no she
    text = "Vantor Systems, the heat-pump maker, cut 900 jobs. The company said so. “It is sad,” she said."
    assert _resolved(text, ("The company", "she")) == ["Vantor Systems", None]
    # a name given with no trade: no company
    text = "Vantor Systems, which employs 2,000 people, cut 900 jobs. The company said the cuts were needed."
    assert _speakers(text) == [("The company", None)]
    # a person named with the body they belong to stays a person
    text = "Envoy Ana Costa of the Transit Organization said trade would grow. “We are ready,” she said."
    assert _resolved(text, ("Envoy Ana Costa of the Transit Organization", "she")) == ["Ana Costa", "Ana Costa"]


def test_a_bare_body_is_the_body_named_with_that_word_and_its_complement():
    text = (
        "The Council of Harbour Towns met in Dunmere on Monday. "
        "In its closing statement, the Council said the ports needed new cranes."
    )
    assert _speakers(text)[-1] == ("the Council", "Council of Harbour Towns")
    # the word with no complement or name: no body
    text = "The town council met in Dunmere on Monday. Later the Council said the ports needed new cranes."
    assert _speakers(text)[-1] == ("the Council", None)


def test_a_role_noun_before_a_name_is_no_part_of_it():
    from annotator.proposer.names import trailing_name

    assert trailing_name(["Goalkeeper", "Tom", "Hale"]) == "Tom Hale"
    text = "DUNMERE — Challenger Vera Holm has moved ahead in the polls. Holm said the lead would hold."
    assert _speakers(text) == [("Holm", "Vera Holm")]
    # a role noun that is the name's last word stays
    assert trailing_name(["Ana", "Campaigner"]) == "Ana Campaigner"


def test_a_pronoun_inside_a_quotation_tells_nothing_of_its_speaker_s_gender():
    text = (
        "Vera Holm said the mayor had failed. “Eight years ago he promised homes,” she said. "
        "“He built none,” Holm added. Later she said rents must fall."
    )
    found = _resolved(text, ("Vera Holm", "he", "she"))
    assert found[-1] == "Vera Holm"
    # a pronoun outside a quotation names its speaker's gender as before
    text = "Vera Holm said the mayor had failed. Then he said rents must fall. Later she said so too."
    assert _resolved(text, ("Vera Holm", "he", "she")) == ["Vera Holm", "Vera Holm", None]


def test_a_secretariat_is_a_body_and_no_nameless_person_between_a_name_and_its_pronoun():
    from annotator.proposer.names import organisation

    assert organisation("Forum Secretariat")
    text = "Minister Ivo Rask said Ostland would host the secretariat of the fund. He added that talks would go on."
    assert _resolved(text, ("Minister Ivo Rask", "the secretariat", "He")) == ["Ivo Rask", None, "Ivo Rask"]
    # a nameless person between them is nearer, as before
    text = (
        "Minister Ivo Rask said Ostland would host the fund. Their spokesman agreed. He added that talks would go on."
    )
    assert _resolved(text, ("Minister Ivo Rask", "Their spokesman", "He")) == ["Ivo Rask", None, None]


def test_a_word_alone_is_the_proper_name_earlier_that_opens_with_it():
    text = "Fans queued outside the ground of Dunmere Rovers on Friday. Dunmere said all tickets had been sold."
    assert _speakers(text) == [("Dunmere", "Dunmere Rovers")]
    # no longer name before it: the word itself
    text = "Fans queued outside the ground in Dunmere on Friday. Dunmere said all tickets had been sold."
    assert _speakers(text) == [("Dunmere", "Dunmere")]


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
