"""Word lists of political news for the synthetic corpus: speakers, targets, claims and filler sentences.

Plain data. The non-ASCII characters are deliberate (curly quotes, accented names, an em dash, emoji with a
ZWJ sequence and a flag, Arabic): offsets of spans after them are where code-point and UTF-16 counts disagree.
"""

from __future__ import annotations

from typing import NamedTuple


class Speaker(NamedTuple):
    name: str
    """The canonical name, the value of a SPEAKER span's ``speaker`` attribute."""
    mentions: tuple[str, ...]
    """Ways an article names the speaker; the first is the full mention with title. Lower case where a
    description (``the head of state``): the generator capitalises at the start of a sentence."""
    pronoun: str
    """``he``, ``she`` or ``it``."""


SPEAKERS: tuple[Speaker, ...] = (
    Speaker("Ilham Aliyev", ("President Ilham Aliyev", "the head of state", "Mr. Ilham Aliyev"), "he"),
    Speaker("Jeyhun Bayramov", ("Foreign Minister Jeyhun Bayramov", "the Azerbaijani foreign minister"), "he"),
    Speaker("Mehriban Aliyeva", ("First Vice-President Mehriban Aliyeva", "the first vice-president"), "she"),
    Speaker("Sattar Mohbaliyev", ("MP Sattar Mohbaliyev", "the deputy of the Milli Majlis"), "he"),
    Speaker("Hissein Ibrahim Taha", ("OIC Secretary General Hissein Ibrahim Taha", "the Secretary General"), "he"),
    Speaker("Recep Tayyip Erdoğan", ("President Recep Tayyip Erdoğan", "the Turkish president"), "he"),
    Speaker("Hakan Fidan", ("Turkish Foreign Minister Hakan Fidan", "the Turkish foreign minister"), "he"),
    Speaker("Mevlüt Çavuşoğlu", ("former Foreign Minister Mevlüt Çavuşoğlu", "the former minister"), "he"),
    Speaker("Pedro Sánchez", ("Spanish Prime Minister Pedro Sánchez", "the Spanish prime minister"), "he"),
    Speaker("Gerd Müller", ("Development Minister Gerd Müller", "the German minister"), "he"),
    Speaker("Abdel Fattah al-Sisi", ("Egyptian President Abdel Fattah al-Sisi", "the Egyptian leader"), "he"),
    Speaker("Sameh Shoukry", ("Egyptian Foreign Minister Sameh Shoukry", "the Egyptian diplomat"), "he"),
    Speaker("Kubanychbek Omuraliev", ("OTS Secretary General Kubanychbek Omuraliev",), "he"),
    Speaker("Kassym-Jomart Tokayev", ("Kazakh President Kassym-Jomart Tokayev", "the Kazakh leader"), "he"),
    Speaker("Shavkat Mirziyoyev", ("Uzbek President Shavkat Mirziyoyev", "the Uzbek leader"), "he"),
    Speaker("Sadyr Japarov", ("Kyrgyz President Sadyr Japarov",), "he"),
    Speaker("Serdar Berdimuhamedov", ("Turkmen President Serdar Berdimuhamedov",), "he"),
    Speaker("Viktor Orbán", ("Hungarian Prime Minister Viktor Orbán", "the Hungarian prime minister"), "he"),
    Speaker("Péter Szijjártó", ("Hungarian Foreign Minister Péter Szijjártó",), "he"),
    Speaker("Ali Asadov", ("Prime Minister Ali Asadov", "the prime minister"), "he"),
    Speaker("Sahiba Gafarova", ("Speaker of the Milli Majlis Sahiba Gafarova", "the speaker of parliament"), "she"),
    Speaker("Hikmet Hajiyev", ("presidential aide Hikmet Hajiyev", "the presidential aide"), "he"),
    Speaker("Ayhan Hajizada", ("Foreign Ministry spokesperson Ayhan Hajizada", "the spokesperson"), "he"),
    Speaker("Mukhtar Babayev", ("Ecology Minister Mukhtar Babayev", "the COP29 president"), "he"),
    Speaker("Adil Karimov", ("Culture Minister Adil Karimov",), "he"),
    Speaker("António Guterres", ("UN Secretary-General António Guterres", "the UN chief"), "he"),
    Speaker("Josep Borrell", ("EU High Representative Josep Borrell", "the EU’s top diplomat"), "he"),
    Speaker("Charles Michel", ("European Council President Charles Michel",), "he"),
    Speaker("Ursula von der Leyen", ("Commission President Ursula von der Leyen",), "she"),
    Speaker("Ahmed Aboul Gheit", ("Arab League Secretary-General Ahmed Aboul Gheit",), "he"),
    Speaker("Shehbaz Sharif", ("Pakistani Prime Minister Shehbaz Sharif", "the Pakistani premier"), "he"),
    Speaker("Ishaq Dar", ("Pakistani Foreign Minister Ishaq Dar",), "he"),
    Speaker("Heydar Aliyev", ("national leader Heydar Aliyev", "the great leader"), "he"),
    Speaker("Emine Erdoğan", ("First Lady Emine Erdoğan",), "she"),
    Speaker("Rovshan Rzayev", ("MP Rovshan Rzayev", "the deputy of the Milli Majlis"), "he"),
    Speaker("Ganira Pashayeva", ("MP Ganira Pashayeva", "the deputy of the Milli Majlis"), "she"),
    Speaker("Fuad Muradov", ("Diaspora Committee Chairman Fuad Muradov",), "he"),
    Speaker("Tural Ganjaliyev", ("MP Tural Ganjaliyev",), "he"),
    Speaker("Azerbaijan Trade Unions Confederation", ("the Azerbaijan Trade Unions Confederation", "ATUC"), "it"),
    Speaker(
        "Ministry of Foreign Affairs of Azerbaijan",
        ("the Azerbaijani Foreign Ministry", "the ministry"),
        "it",
    ),
)

# The eight targets of seeds/schema.toml first, so that a project with the default schema knows most of them.
TARGETS: tuple[str, ...] = (
    "Islamic solidarity",
    "Azerbaijan's foreign policy",
    "Organization of Islamic Cooperation",
    "Organization of Turkic States",
    "Non-Aligned Movement",
    "Azerbaijan-Egypt relations",
    "Peace in the South Caucasus",
    "Islamophobia",
    "Baku Process",
    "Middle Corridor",
    "COP29 climate agenda",
    "Reconstruction of Karabakh",
)

# How a sentence names each target (same order as TARGETS).
TARGET_PHRASES: tuple[str, ...] = (
    "Islamic solidarity",
    "Azerbaijan’s balanced foreign policy",
    "the Organization of Islamic Cooperation",
    "the Organization of Turkic States",
    "the Non-Aligned Movement",
    "the partnership between Azerbaijan and Egypt",
    "lasting peace in the South Caucasus",
    "the fight against Islamophobia",
    "the Baku Process of intercultural dialogue",
    "the Middle Corridor through the Caspian Sea",
    "the climate agenda agreed at COP29",
    "the reconstruction of the liberated territories",
)

STANCES = ("FAVOR", "AGAINST", "NONE")
QUOTE_TYPES = ("direct", "indirect", "mixed")

CUES = ("said", "stressed", "noted", "emphasized", "underlined", "added", "pointed out", "stated", "recalled")

# Singular, so that every claim template agrees with them.
ACTORS = (
    "Azerbaijan",
    "our country",
    "the international community",
    "the Muslim world",
    "the Turkic world",
    "our government",
    "the region as a whole",
    "the Azerbaijani people",
)

# {a}: an actor, {t}: a target phrase.
CLAIMS: dict[str, tuple[str, ...]] = {
    "FAVOR": (
        "{a} will continue to make an important contribution to {t}",
        "{a} has always worked diligently for the sake of {t}",
        "{t} remains one of the main priorities for {a}",
        "{a} fully supports {t} and will defend it on every platform",
        "the role of {t} is constantly increasing, and {a} welcomes this",
        "{a} highly appreciates the results achieved in {t} over the past years",
    ),
    "AGAINST": (
        "{a} cannot accept the double standards applied to {t}",
        "the approach taken towards {t} has failed to bring the expected results",
        "{a} has serious concerns about the way {t} is being handled",
        "the decisions on {t} remained ineffective, and their implementation was not ensured",
        "{a} rejects the attempts to use {t} for narrow political purposes",
    ),
    "NONE": (
        "{t} will be discussed at the next meeting of the working group",
        "the delegations exchanged views on {t} and on the prospects for cooperation",
        "a report on {t} is to be presented to {a} before the end of the year",
        "the question of {t} was raised during the talks",
    ),
}

CLAIM_TAILS = (
    "",
    "",
    " in the coming years",
    ", and this position will not change",
    " despite the difficulties of the past",
    " on the basis of mutual respect",
    ", as the events of recent months have shown",
)

# A mixed quote: indirect speech that ends in a quoted phrase. {a}: an actor, {t}: a target phrase.
MIXED_LEADS = ("{a} regards {t} as", "{t} has become", "{a} described {t} as", "{a} considers {t} to be")
QUOTED_PHRASES = (
    "a manifestation of mutual support and respect",
    "a reliable bridge between East and West",
    "the cornerstone of stability in the region",
    "an example for the whole world",
    "a matter of principle for the whole nation",
)

# A claim that names another speaker ({S}, a SPEAKER span nested in the CLAIM), with the claim's stance.
NESTED_CLAIMS: tuple[tuple[str, str], ...] = (
    ("{S} had always supported {t}", "FAVOR"),
    ("{S} had repeatedly questioned {t}", "AGAINST"),
    ("{S} had raised the issue of {t} during the talks", "NONE"),
    ("{S} spoke highly of {t} at the last summit", "FAVOR"),
)

HEADLINES = (
    "{S} received a delegation in Baku",
    "Azerbaijan makes important contributions to {t}",
    "{S}: {a} will stand by its partners",
    "Strengthening of {t} is one of the main priorities",
    "Talks on {t} held in Baku",
    "{S} addressed the summit",
)

# Sentences without attribution, between the statements: {t} a target phrase, {c} a city, {n} a number.
FILLERS = (
    "The meeting was held in {c} on the initiative of the Azerbaijani side.",
    "The event — the first of its kind in the region — brought together delegations from {n} countries.",
    "Representatives of international organizations, diplomats and experts took part in the discussions.",
    "The sides signed several documents on cooperation in the fields of energy, transport and culture.",
    "A joint declaration on {t} was adopted at the end of the session.",
    "The delegation also visited the Alley of Martyrs and laid a wreath at the monument.",
    "Earlier this year, a forum on {t} took place in {c} with {n} participants.",
    "Journalists were briefed on the results of the talks after the plenary session.",
    "Azerbaijan’s delegation included the ministers of economy, energy and digital development.",
    "The programme of the visit — drawn up months in advance — includes meetings in {c} and Shusha.",
    "The next session of the commission is scheduled to take place in {c}.",
    "Exhibitions, presentations and other cultural events were organized on the sidelines of the summit.",
    "The heads of state posed for a family photo before the opening ceremony.",
    "According to official figures, trade turnover between the two countries grew by {n} per cent last year.",
    "The talks continued in an expanded format with the participation of the delegations.",
    "Both sides expressed satisfaction with the level of political dialogue.",
    "A memorandum on the establishment of a joint investment fund was also signed.",
    "The opening ceremony was followed by a panel discussion on {t}.",
    "More than {n} agreements have been signed between the two countries since independence.",
    "The guests were informed about the restoration work carried out in Aghdam, Fuzuli and Lachin.",
    "The summit in {c} ended with the adoption of a final communiqué.",
    "The parliamentary delegation arrived in {c} on an official visit on Monday.",
    "Students and young diplomats followed the session online from {c}.",
    "The ministers also discussed the situation in the Middle East and in Ukraine.",
    "A concert of Azerbaijani mugham was held in honour of the guests in the evening.",
    "The round table — organized by the Center of Analysis of International Relations — lasted three hours.",
    "The agenda included energy security, connectivity and humanitarian demining.",
    "The two presidents held a one-on-one meeting before the talks in an expanded format.",
    "The Baku International Humanitarian Forum has been held regularly since 2010.",
    "The country’s railway network is being extended to the border with Nakhchivan.",
)

# The first sentence of every article: an accented name ({p}), a city ({c}), an em dash and an apostrophe.
LEADS = (
    "The visit of {p} to {c} — announced only last week — drew attention to Azerbaijan’s growing role.",
    "Talks with {p} in {c} — the second round this year — focused on the region’s priorities.",
    "The remarks of {p} — made on the eve of the summit — were widely quoted in {c}’s press.",
    "A message from {p} was read out in {c} — a gesture the hosts welcomed as a sign of the partners’ trust.",
)
ACCENTED = tuple(s.mentions[0] for s in SPEAKERS if any(ord(ch) > 127 for ch in s.name))

CITIES = (
    "Baku",
    "Ankara",
    "Cairo",
    "Astana",
    "Tashkent",
    "Budapest",
    "Madrid",
    "Istanbul",
    "Jeddah",
    "Shusha",
)

# About one document in five carries this: a flag, a ZWJ family sequence, another emoji, and Arabic script.
EMOJI_SENTENCE = (
    "On social media, users shared the news with the 🇦🇿 flag, the 👩‍👩‍👧 family emoji and 🎉, and the "
    "banner at the entrance read “التضامن الإسلامي” (Islamic solidarity)."
)
EMOJI_IN_QUOTE = " 🇦🇿"
