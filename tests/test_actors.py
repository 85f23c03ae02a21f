"""The actor dictionary: mentions, titles by date, user files, bad files, canonical names."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tracker.analysis.actors import _FOLD_TABLE, ActorDictionary, fold
from tracker.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures"
ACTORS = ActorDictionary.default()
JUNE_2016 = dt.date(2016, 6, 1)
APRIL_2016 = dt.date(2016, 4, 1)

# (name, text, date, expected mentions as (surface, actor or None, side))
MENTIONS = [
    ("plain name", "Putin spoke.", None, [("Putin", "Vladimir Putin", "Russia")]),
    ("full name", "Recep Tayyip Erdogan arrived.", None,
     [("Recep Tayyip Erdogan", "Recep Tayyip Erdogan", "Turkey")]),
    ("diacritics", "Erdoğan met Çavuşoğlu and Yıldırım.", None,
     [("Erdoğan", "Recep Tayyip Erdogan", "Turkey"), ("Çavuşoğlu", "Mevlut Cavusoglu", "Turkey"),
      ("Yıldırım", "Binali Yildirim", "Turkey")]),
    ("curly possessive", "Turkey’s stance", None, [("Turkey", "Turkey", "Turkey")]),
    ("straight possessive", "Russia's stance", None, [("Russia", "Russia", "Russia")]),
    ("adjective and demonym", "Turkish and Russian diplomats met Americans", None,
     [("Turkish", "Turkey", "Turkey"), ("Russian", "Russia", "Russia"),
      ("Americans", "United States", "West")]),
    ("hyphenated pair", "Turkish-Russian trade", None,
     [("Turkish", "Turkey", "Turkey"), ("Russian", "Russia", "Russia")]),
    ("US but not us", "Putin told us the US would object.", None,
     [("Putin", "Vladimir Putin", "Russia"), ("US", "United States", "West")]),
    ("dotted U.S.", "The U.S. and NATO objected.", None,
     [("U.S.", "United States", "West"), ("NATO", "NATO", "West")]),
    ("Theresa May, not modal may", "Talks may resume, Theresa May said.", None,
     [("Theresa May", "Theresa May", "West")]),
    ("Mrs May", "Mrs May may travel.", None, [("Mrs May", "Theresa May", "West")]),
    ("longest match wins", "Alexander Baunov of the Carnegie Moscow Center", None,
     [("Carnegie Moscow Center", "Carnegie Moscow Center", "other")]),
    ("outlet name is not a place", "He told the Washington Post.", None,
     [("Washington Post", "Washington Post", "other")]),
    ("word boundaries", "Russians, not Russia-bashing or Prussia", None,
     [("Russians", "Russia", "Russia"), ("Russia", "Russia", "Russia")]),
    ("title before the change", "The Turkish prime minister spoke.", APRIL_2016,
     [("Turkish prime minister", "Ahmet Davutoglu", "Turkey")]),
    ("title after the change", "The Turkish prime minister spoke.", JUNE_2016,
     [("Turkish prime minister", "Binali Yildirim", "Turkey")]),
    ("title in the gap between holders", "The Turkish prime minister spoke.", dt.date(2016, 5, 23),
     [("Turkish prime minister", None, "Turkey")]),
    ("title without a date is ambiguous", "The Turkish prime minister spoke.", None,
     [("Turkish prime minister", None, "Turkey")]),
    ("name after title decides", "Turkish Prime Minister Ahmet Davutoglu", JUNE_2016,
     [("Turkish Prime Minister", "Ahmet Davutoglu", "Turkey"),
      ("Ahmet Davutoglu", "Ahmet Davutoglu", "Turkey")]),
    ("title in any case", "THE RUSSIAN PRESIDENT said", None,
     [("RUSSIAN PRESIDENT", "Vladimir Putin", "Russia")]),
    ("per-title dates", "the British prime minister", dt.date(2016, 8, 1),
     [("British prime minister", "Theresa May", "West")]),
    ("per-title dates before", "the British prime minister", dt.date(2016, 3, 1),
     [("British prime minister", "David Cameron", "West")]),
    ("all caps headline", "ERDOGAN MEETS PUTIN", None,
     [("ERDOGAN", "Recep Tayyip Erdogan", "Turkey"), ("PUTIN", "Vladimir Putin", "Russia")]),
    ("a project name beats the adjective inside it", "the Turkish Stream pipeline", None,
     [("Turkish Stream", "TurkStream", "Russia")]),
    ("a relation place has the partner's side", "jets left Incirlik", None,
     [("Incirlik", "Incirlik", "West")]),
    ("Russo- compound", "the Russo-Turkish war", None,
     [("Russo", "Russia", "Russia"), ("Turkish", "Turkey", "Turkey")]),
    ("capitalised Alliance, not the common noun", "the alliance and the Alliance", None,
     [("the Alliance", "NATO", "West")]),
    ("nothing", "The talks went well.", None, []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "on", "expected"), [m[1:] for m in MENTIONS],
                         ids=[m[0] for m in MENTIONS])  # fmt: skip
def test_find_mentions(text: str, on: dt.date | None, expected: list[tuple]) -> None:
    found = ACTORS.find_mentions(text, on)
    got = [(m.surface, m.actor.name if m.actor else None, m.side) for m in found]
    assert got == expected
    assert all(text[m.start : m.end] == m.surface for m in found)


def test_possessive_is_flagged() -> None:
    first, second = ACTORS.find_mentions("Putin’s aide and Putin")
    assert first.possessive and not second.possessive


# (name, phrase, expected side)
SIDES = [
    ("Russian diplomat", "a Russian diplomat", "Russia"),
    ("senior US official", "a senior US official", "West"),
    ("Turkish officials", "Turkish officials", "Turkey"),
    ("analyst at a Moscow think tank", "an analyst at a Moscow think tank", "other"),
    ("think tank name", "a senior associate at the Carnegie Moscow Center", "other"),
    ("EU diplomats", "EU diplomats", "West"),
    ("no side", "a spokesman", None),
]


@pytest.mark.parametrize(("phrase", "side"), [s[1:] for s in SIDES], ids=[s[0] for s in SIDES])
def test_side_from_text(phrase: str, side: str | None) -> None:
    assert ACTORS.side_from_text(phrase) == side


# (name, name given, date, canonical)
CANONICAL = [
    ("alias", "Erdogan", None, "Recep Tayyip Erdogan"),
    ("case and diacritics folded", "erdoğan", None, "Recep Tayyip Erdogan"),
    ("canonical itself", "Vladimir Putin", None, "Vladimir Putin"),
    ("leading article", "the Kremlin", None, "Kremlin"),
    ("possessive", "Lavrov’s", None, "Sergei Lavrov"),
    ("title by date", "Turkish prime minister", APRIL_2016, "Ahmet Davutoglu"),
    ("title by later date", "Turkish prime minister", JUNE_2016, "Binali Yildirim"),
    ("unknown", "Alexander Baunov", None, None),
    (
        "official name of a ministry",
        "Turkish Ministry of Foreign Affairs",
        JUNE_2016,
        "Turkish Foreign Ministry",
    ),
    (
        "official name with the country after it",
        "the Ministry of Foreign Affairs of Russia",
        JUNE_2016,
        "Russian Foreign Ministry",
    ),
]


@pytest.mark.parametrize(("name", "on", "expected"), [c[1:] for c in CANONICAL],
                         ids=[c[0] for c in CANONICAL])  # fmt: skip
def test_canonical(name: str, on: dt.date | None, expected: str | None) -> None:
    assert ACTORS.canonical(name, on) == expected


# (name, phrase, context, expected (speaker, actor, side) or None)
IDENTITIES = [
    ("person inside a descriptor", "Kremlin spokesman Dmitry Peskov", "",
     ("Dmitry Peskov", "Dmitry Peskov", "Russia")),
    ("unknown name, side from context", "Alexander Baunov",
     "a senior associate at the Carnegie Moscow Center", ("Alexander Baunov", None, "other")),
    ("body", "The Kremlin", "", ("Kremlin", "Kremlin", "Russia")),
    ("descriptor", "a Russian diplomat", "", ("a Russian diplomat", None, "Russia")),
    ("possessive owner is not the speaker", "Putin's chief of staff", "",
     ("Putin's chief of staff", None, "Russia")),
    ("sentence case is not a name", "Senior Turkish officials", "",
     ("Senior Turkish officials", None, "Turkey")),
    ("news outlet reports, does not speak", "Interfax", "", None),
    ("a clause is not a speaker", "the country is ready", "", None),
]  # fmt: skip


@pytest.mark.parametrize(("phrase", "context", "expected"), [i[1:] for i in IDENTITIES],
                         ids=[i[0] for i in IDENTITIES])  # fmt: skip
def test_identify(phrase: str, context: str, expected: tuple | None) -> None:
    found = ACTORS.identify(phrase, None, context)
    assert (None if found is None else (found.speaker, found.actor, found.side)) == expected


@pytest.mark.parametrize(("phrase", "context", "expected"), [i[1:] for i in IDENTITIES],
                         ids=[i[0] for i in IDENTITIES])  # fmt: skip
def test_identify_with_mentions_found_before(phrase: str, context: str, expected: tuple) -> None:
    # The attribution passes the mentions it found in the whole statement, shifted to the phrase.
    padded = " , " + phrase
    found = ACTORS.identify(padded, None, context, mentions=ACTORS.find_mentions(padded))
    assert (None if found is None else (found.speaker, found.actor, found.side)) == expected


def test_fold_keeps_offsets() -> None:
    text = "Erdoğan’s “visit” to Çanakkale"
    assert len(fold(text)) == len(text)
    assert fold(text).startswith("Erdogan's")


def test_bundled_dictionary_covers_all_sides() -> None:
    sides = {a.side for a in ACTORS.actors.values()}
    assert len(ACTORS.actors) >= 100 and sides == {"Turkey", "Russia", "West", "other"}
    assert ActorDictionary.default() is ACTORS


def test_user_file_adds_and_overrides() -> None:
    merged = ActorDictionary.load([FIXTURES / "actors_extra.toml"])
    assert merged.actors["Gazprom"].role == "gas exporter"
    assert len(merged.actors) == len(ACTORS.actors) + 1
    mentions = merged.find_mentions("Ivan Petrov spoke of Gazprom Export", JUNE_2016)
    assert [m.actor.name for m in mentions if m.actor] == ["Ivan Petrov", "Gazprom"]
    assert merged.canonical("russian gas giant", JUNE_2016) == "Gazprom"
    assert merged.canonical("russian gas giant", dt.date(2014, 1, 1)) is None


def test_relation_typed_with_a_hyphen(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[actor]]\nname = "Pipe"\nside = "Russia"\nrelation = "Turkey-Russia"\n'
        'aliases = ["Pipe"]\n',
        encoding="utf-8",
    )
    assert ActorDictionary.load([path]).actors["Pipe"].relation == "Turkey–Russia"


def test_user_topic_adds_and_replaces(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(
        '[[topic]]\nname = "charter flights"\nrelation = "Turkey-Russia"\n'
        'phrases = ["holiday flights"]\n\n'
        '[[topic]]\nname = "gas hub"\nrelation = "Turkey–Russia"\nphrases = ["gas hub"]\n',
        encoding="utf-8",
    )
    mine = ActorDictionary.load([path])
    assert len(mine.topics) == len(ACTORS.topics) + 1
    text = "Holiday-flights resume; the Gas  Hub waits; charter flights too."
    found = [(text[t.start : t.end], t.topic.name) for t in mine.find_topics(text)]
    # The user's entry replaced ours whole: "charter flights" no longer matches.
    assert found == [("Holiday-flights", "charter flights"), ("Gas  Hub", "gas hub")]


def test_rows_for_a_table() -> None:
    rows = {row["name"]: row for row in ACTORS.rows()}
    davutoglu = rows["Ahmet Davutoglu"]
    assert davutoglu["valid_to"] == dt.date(2016, 5, 22) and davutoglu["side"] == "Turkey"
    assert "Turkish Prime Minister" in davutoglu["titles"] and "Davutoglu" in davutoglu["aliases"]
    assert davutoglu["source"].endswith("actors.toml")


# (name, file content, words the error message must contain)
BAD_FILES = [
    ("unknown side", '[[actor]]\nname = "X"\nside = "Turky"\n', ["entry 1 (X)", "Turky"]),
    ("missing name", '[[actor]]\nside = "West"\n', ["entry 1", "no name"]),
    ("bad date", '[[actor]]\nname = "Y"\nside = "West"\nvalid_from = "2016-13-01"\n',
     ["entry 1 (Y)", "YYYY-MM-DD"]),
    ("bad title date", '[[actor]]\nname = "Z"\nside = "West"\n'
     'titles = [{ form = "Z chief", valid_to = "soon" }]\n', ["entry 1 (Z)", "soon"]),
    ("unknown kind", '[[actor]]\nname = "K"\nside = "West"\nkind = "robot"\n', ["robot"]),
    ("aliases not a list", '[[actor]]\nname = "A"\nside = "West"\naliases = "A"\n', ["aliases"]),
    ("relation not tracked", '[[actor]]\nname = "R"\nside = "West"\nrelation = "Russia–West"\n',
     ["entry 1 (R)", "Russia–West"]),
    ("relation side not the partner",
     '[[actor]]\nname = "P"\nside = "Turkey"\nrelation = "Turkey–Russia"\n',
     ["entry 1 (P)", "not the partner"]),
    ("broken TOML", '[[actor]\nname = "B"\n', ["not valid TOML"]),
    ("topic without phrases", '[[topic]]\nname = "T"\nrelation = "Turkey–West"\n',
     ["topic 1 (T)", "no phrases"]),
    ("topic relation not tracked",
     '[[topic]]\nname = "U"\nrelation = "Russia–West"\nphrases = ["u"]\n',
     ["topic 1 (U)", "Russia–West"]),
    ("topic sides not of its relation",
     '[[topic]]\nname = "V"\nrelation = "Turkey–West"\nsides = ["Russia"]\nphrases = ["v"]\n',
     ["topic 1 (V)", "not sides of"]),
    ("topic without a relation names more than Turkey",
     '[[topic]]\nname = "W"\nsides = ["West"]\nphrases = ["w"]\n', ["topic 1 (W)", "None"]),
]  # fmt: skip


@pytest.mark.parametrize(("content", "words"), [b[1:] for b in BAD_FILES],
                         ids=[b[0] for b in BAD_FILES])  # fmt: skip
def test_bad_user_file(tmp_path: Path, content: str, words: list[str]) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        ActorDictionary.load([path])
    assert str(path) in caught.value.message
    assert all(word in caught.value.message for word in words)


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not found"):
        ActorDictionary.load([tmp_path / "nope.toml"])


@pytest.mark.parametrize(
    "text",
    [
        "Çavuşoğlu’s\u00a0envoy met Łukasz in Kraków.",
        "Ǿrsted and Ørsted, Ǽsir and Æsir",  # folded twice by one-by-one replacement
        "plain ASCII with a `tick´ and\ta tab",
    ],
)
def test_fold_is_the_fold_table(text: str) -> None:
    assert fold(text) == text.translate(_FOLD_TABLE)
