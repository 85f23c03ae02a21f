"""Dyads of statements written for the tests: which relation, which direction, on what basis."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.analysis.actors import ActorDictionary
from tracker.analysis.attribution.attribute import attribute
from tracker.analysis.dyads import assign_dyads, document_dyad
from tracker.models import TURKEY_RUSSIA, TURKEY_WEST

ACTORS = ActorDictionary.default()
DAY = dt.date(2016, 8, 10)
TR, TW = TURKEY_RUSSIA, TURKEY_WEST

# (name, statements of one document (the last is checked), document dyad,
#  expected [(dyad, role, direction, basis)])
CASES = [
    ("both sides named, narrator", ["Russia lifted its ban on flights to Turkey."], None,
     [(TR, "primary", "narrated", "text")]),
    ("adjectives count", ["Turkish and Russian ministers met on Friday."], None,
     [(TR, "primary", "narrated", "text")]),
    ("possessives count", ["Turkey’s envoy met Moscow’s negotiators."], None,
     [(TR, "primary", "narrated", "text")]),
    ("speaker side counts: Russian official on Ankara",
     ["Ankara must apologise first, Zakharova said."], None,
     [(TR, "primary", "Russia→Turkey", "speaker")]),
    ("speaker side counts: Putin on the Turkish people",
     ["“The Turkish people will overcome this,” Putin said."], None,
     [(TR, "primary", "Russia→Turkey", "speaker")]),
    ("Turkish speaker on Russia", ["Russia is a strategic partner, Simsek said."], None,
     [(TR, "primary", "Turkey→Russia", "speaker")]),
    ("Turkish speaker on the EU", ["The EU has failed us, Cavusoglu said."], None,
     [(TW, "primary", "Turkey→West", "speaker")]),
    ("West speaker on Turkey", ["Kerry urged Turkey to respect the rule of law."], None,
     [(TW, "primary", "West→Turkey", "speaker")]),
    ("NATO allies criticising Turkey", ["Nato allies have criticised Turkey over the purge."],
     None, [(TW, "primary", "West→Turkey", "speaker")]),
    ("pronoun speaker carries the side",
     ["Trade will recover, Dvorkovich said.", "“Turkey is our neighbour,” he said."], None,
     [(TR, "primary", "Russia→Turkey", "speaker")]),
    ("two relations split at while",
     ["The US envoy criticised the purge, while Turkey thanked Russia for its support."], None,
     [(TW, "primary", "West→Turkey", "speaker"), (TR, "also", "narrated", "text")]),
    ("two relations split at whereas",
     ["Turkey’s ties with the EU soured, whereas ties with Moscow improved."], None,
     [(TW, "primary", "narrated", "text"), (TR, "also", "narrated", "text")]),
    ("two relations split at semicolon",
     ["Turkey is drifting away from Europe; it is moving closer to Russia."], None,
     [(TW, "primary", "narrated", "text"), (TR, "also", "narrated", "text")]),
    ("two relations split at but",
     ["Russia backed Erdogan during the coup, but the EU was slow to condemn it."], None,
     [(TR, "primary", "narrated", "text"), (TW, "also", "narrated", "text")]),
    ("analyst on Russia, Turkey and the West",
     ["Russia and Turkey may unite against the West, Oleg Ivanov, an analyst, said."], None,
     [(TR, "primary", "narrated", "text"), (TW, "also", "narrated", "text")]),
    ("Turkish speaker on both", ["“We will not choose between Russia and the West,” "
     "Cavusoglu said."], None,
     [(TR, "primary", "Turkey→Russia", "speaker"), (TW, "also", "Turkey→West", "speaker")]),
    ("NATO trap, Russian speaker",
     ["Turkey called NATO first instead of notifying Moscow, Zakharova complained."], None,
     [(TR, "primary", "Russia→Turkey", "speaker")]),
    ("NATO trap, narrator", ["Turkey called NATO first instead of notifying Moscow."], None,
     [(TR, "primary", "narrated", "text")]),
    ("chosen side of rather than", ["Turkey turned to Russia rather than its NATO allies."],
     None, [(TR, "primary", "narrated", "text")]),
    ("location is not a relation", ["Cavusoglu met Lavrov in Brussels."], None,
     [(TR, "primary", "narrated", "text")]),
    ("venue is not a relation",
     ["Cavusoglu met Lavrov on the sidelines of a NATO meeting."], None,
     [(TR, "primary", "narrated", "text")]),
    ("city of a country is a location",
     ["Turkish and Russian ministers met in the Russian city of Sochi."], None,
     [(TR, "primary", "narrated", "text")]),
    ("location alone still makes a relation", ["Cavusoglu held talks in Moscow."], None,
     [(TR, "primary", "narrated", "text")]),
    ("document dyad for no side", ["The two leaders will meet again in the autumn."], TR,
     [(TR, "primary", "narrated", "document")]),
    ("document dyad for one side", ["Russia also lifted its restrictions on construction firms."],
     TR, [(TR, "primary", "narrated", "document")]),
    ("document dyad with a speaker", ["“We are against every coup,” Putin said."], TR,
     [(TR, "primary", "Russia→Turkey", "document")]),
    ("one partner outside the document dyad pairs with Turkey",
     ["The EU envoy urged restraint."], TR, [(TW, "primary", "West→Turkey", "document")]),
    ("domestic narration naming only Turkey takes no document dyad",
     ["At home, the Turkish cabinet faces a budget fight in parliament."], TR, []),
    ("narration with no side and nothing relational takes no document dyad",
     ["Unemployment rose for the third month in a row."], TR, []),
    ("narration with relational words takes the document dyad",
     ["The rapprochement could reshape the region."], TR,
     [(TR, "primary", "narrated", "document")]),
    ("a Turkish speaker on a domestic matter still takes the document dyad",
     ["“We will rebuild the army,” Erdogan said."], TR,
     [(TR, "primary", "Turkey→Russia", "document")]),
    ("a leading while-clause carries the first relation",
     ["While Ankara's talks with Brussels are moving, its ties with Moscow stay cold."], None,
     [(TW, "primary", "narrated", "text"), (TR, "also", "narrated", "text")]),
    ("no dyad without the document", ["The two leaders will meet again in the autumn."], None,
     []),
    # A relation named by its parts: projects and places that stand for a relation, seats of
    # power, cities, demonyms.
    ("a pipeline stands for Turkey–Russia", ["Moscow froze work on TurkStream after the incident."],
     None, [(TR, "primary", "narrated", "text")]),
    ("the longer project name beats the adjective",
     ["The Turkish Stream pipeline will be fast-tracked, the energy minister said."], None,
     [(TR, "primary", "narrated", "text")]),
    ("a power plant stands for Turkey–Russia",
     ["Engineers expect the first reactor at Akkuyu to start in 2023."], None,
     [(TR, "primary", "narrated", "text")]),
    ("an allied air base stands for Turkey–West",
     ["Coalition strikes from Incirlik stopped for three days."], None,
     [(TW, "primary", "narrated", "text")]),
    ("a relation place after a preposition is no mere location",
     ["A group of German MPs was refused entry to Incirlik."], None,
     [(TW, "primary", "narrated", "text")]),
    ("a Turkish resort names Turkey",
     ["Russian holidaymakers are back on the beaches of Antalya."], None,
     [(TR, "primary", "narrated", "text")]),
    ("the straits name Turkey",
     ["A Russian landing ship passed through the Bosphorus with troops on deck."], None,
     [(TR, "primary", "narrated", "text")]),
    ("a seat of government names its side", ["Downing Street called on Ankara to show restraint."],
     None, [(TW, "primary", "West→Turkey", "speaker")]),
    ("demonyms of more member states",
     ["Polish and Spanish diplomats urged Turkey to keep the migrant deal."], None,
     [(TW, "primary", "West→Turkey", "speaker")]),
    ("an army names its country",
     ["The Bundeswehr could move its reconnaissance jets out of Turkey."], None,
     [(TW, "primary", "narrated", "text")]),
    ("the capitalised Alliance is NATO",
     ["A Turkish minister accused the Alliance of leaving Ankara alone on the border."], None,
     [(TW, "primary", "Turkey→West", "text")]),
    ("a Russo- compound names Russia", ["Russo-Turkish trade shrank by a third in the first half."],
     None, [(TR, "primary", "narrated", "text")]),
    # Venues and yardsticks are no relation.
    ("a venue named with modifiers is not a relation",
     ["Putin and Erdogan avoided each other during the Paris climate conference."], None,
     [(TR, "primary", "narrated", "text")]),
    ("the yardstick of a ranking is not a relation",
     ["Turkey is Russia's second-biggest gas market behind Germany."], None,
     [(TR, "primary", "narrated", "text")]),
    ("a hyphenated pair before a summit is the relation itself",
     ["Leaders met at the EU-Turkey summit in Brussels."], None,
     [(TW, "primary", "narrated", "text")]),
    ("an ordinal without a ranking leaves the partner plain",
     ["Turkey and Germany clashed for the second time after the vote in Berlin."], None,
     [(TW, "primary", "narrated", "text")]),
    ("two partners, no Turkey", ["Putin and Obama discussed Syria."], TR, []),
    ("third countries are no relation", ["Syria and Iran condemned the strikes."], None, []),
    # A wire dateline names where the report was filed, not a party (category: datelines).
    ("dateline with a colon names no side", ["BERLIN: A Turkish minister says Ankara will not "
     "yield to Moscow."], None, [(TR, "primary", "Turkey→Russia", "text")]),
    ("dateline with a day names no side", ["WASHINGTON, Sept 2 Turkish troops crossed into "
     "Syria."], None, []),
    ("must not fire: the same place in the sentence is a party", ["Turkish ministers said on "
     "Friday that Washington had let them down."], None,
     [(TW, "primary", "Turkey→West", "speaker")]),
    ("a bloc labelling Turkey beside Russia",
     ["Moscow threatened NATO member Turkey with broad trade measures."], None,
     [(TR, "primary", "narrated", "text")]),
    ("a bloc labelling Turkey, with no other partner named",
     ["Washington thanked its NATO ally Turkey for the use of the base."], None,
     [(TW, "primary", "narrated", "text")]),
    ("must not fire: the bloc is a party beside Turkey",
     ["Russia accused NATO and Turkey of provoking the incident."], None,
     [(TR, "primary", "Russia→Turkey", "speaker"), (TW, "also", "narrated", "text")]),
    # A sentence read alone: a partner's official in the words of one relation speaks of Turkey.
    ("a partner's official on the two countries, no article",
     ["The ties between the two countries need time to heal, Peskov said."], None,
     [(TR, "primary", "Russia→Turkey", "speaker")]),
    ("a partner's official on the leaders, no article",
     ["The leaders will meet next month, Zakharova said."], None,
     [(TR, "primary", "Russia→Turkey", "speaker")]),
    ("must not fire: a partner's official on his own bloc",
     ["The alliance will deploy four battalions in the east, Stoltenberg said."], None, []),
    ("must not fire: a partner's official on ties with a third country",
     ["Bilateral ties with China are strong, Lavrov said."], None, []),
    # Topics: a phrase that stands for a relation in this period names its sides (data/actors.toml
    # [[topic]]), but only where the sides named make no relation and contradict none.
    ("topic: visa liberalisation with Turkey named",
     ["Ankara insists that visa-free travel must come before the summer."], None,
     [(TW, "primary", "Turkey→West", "text")]),
    ("topic: the refugee deal with no side named",
     ["The refugee deal has cut crossings to the islands by nine tenths."], None,
     [(TW, "primary", "narrated", "text")]),
    ("topic: charter flights with the partner named",
     ["Moscow wants stronger security guarantees before charter flights restart."], None,
     [(TR, "primary", "narrated", "text")]),
    ("topic: the downed jet beside the country it fell in",
     ["Relations have not recovered since the downed jet fell in northern Syria."], None,
     [(TR, "primary", "narrated", "text")]),
    ("topic: an accession chapter from a Turkish speaker",
     ["Opening chapter 33 would show good faith, Cavusoglu said."], None,
     [(TW, "primary", "Turkey→West", "text")]),
    ("topic: allies name the West beside Turkey",
     ["All allies stand behind Turkey's right to protect its border."], None,
     [(TW, "primary", "narrated", "text")]),
    ("topic: the coup attempt pairs with the West named",
     ["Washington saw no effect of the failed coup on the air campaign."], None,
     [(TW, "primary", "narrated", "text")]),
    ("topic: the coup attempt pairs with Russia named",
     ["Moscow was among the first capitals to condemn the coup attempt."], None,
     [(TR, "primary", "narrated", "text")]),
    ("topic: names the article's relation in the text",
     ["Charter flights resume on Friday."], TR, [(TR, "primary", "narrated", "text")]),
    ("topic: the downing of the jet from a partner's speaker",
     ["There will be a price to pay for the downing of the jet, the Kremlin's envoy said."], None,
     [(TR, "primary", "Russia→Turkey", "text")]),
    ("topic: a genocide vote with Turkey named",
     ["Ankara recalled its envoy after deputies declared the 1915 killings a genocide."], None,
     [(TW, "primary", "narrated", "text")]),
    ("topic: the one in, one out scheme from a Western speaker",
     ["The one in, one out scheme needs more work, Merkel said."], None,
     [(TW, "primary", "West→Turkey", "text")]),
    ("must not fire: a genocide beside a third country",
     ["Ankara accused Damascus of genocide against the Turkmen."], None, []),
    ("must not fire: a topic naming no side against the article's relation",
     ["The new rules also end visa-free travel for Turkish citizens."], TR, []),
    ("must not fire: a topic in a third country's story",
     ["Russia lifted its ban on charter flights to Egypt."], None, []),
    ("must not fire: visa-free travel for another country's citizens",
     ["Brussels granted visa-free travel to Georgians last spring."], None, []),
    ("must not fire: a topic beside another pairing",
     ["The EU and Moscow both want visa-free travel for their citizens."], None, []),
    ("must not fire: a domestic ally is no alliance",
     ["Erdogan replaced the prime minister with a close ally."], None, []),
]  # fmt: skip


@pytest.mark.parametrize(("statements", "doc_dyad", "expected"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_dyads(statements: list[str], doc_dyad: str | None, expected: list[tuple]) -> None:
    attribution = attribute(statements, DAY, ACTORS)[-1]
    found = assign_dyads(statements[-1], attribution, DAY, ACTORS, doc_dyad)
    assert [(d.dyad, d.role, d.direction, d.basis) for d in found] == expected


def test_clause_spans_of_two_relations() -> None:
    text = "Washington has criticised the purge, while Ankara has praised Moscow’s support."
    (attribution,) = attribute([text], DAY, ACTORS)
    west, russia = assign_dyads(text, attribution, DAY, ACTORS, None)
    assert west.clause_span and russia.clause_span
    assert text[slice(*west.clause_span)] == "Washington has criticised the purge"
    assert text[slice(*russia.clause_span)] == "Ankara has praised Moscow’s support."
    assert (west.role, russia.role) == ("primary", "also")


# (name, statement, [(dyad, role, the clause that carries it)]): clauses as
# tracker.text.clauses cuts them.
CLAUSE_CASES = [
    ("a capitalised connector cuts a headline",
     "Turkey Warms To Moscow, But Its Ties With The EU Stay Cold",
     [(TR, "primary", "Turkey Warms To Moscow"), (TW, "also", "Its Ties With The EU Stay Cold")]),
    ("though between commas cuts nothing",
     "Russia, though, kept its ban on Turkish tomatoes while the EU opened its markets.",
     [(TR, "primary", "Russia, though, kept its ban on Turkish tomatoes"),
      (TW, "also", "the EU opened its markets.")]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CLAUSE_CASES],
                         ids=[c[0] for c in CLAUSE_CASES])  # fmt: skip
def test_clause_of_each_relation(text: str, expected: list[tuple[str, str, str]]) -> None:
    (attribution,) = attribute([text], DAY, ACTORS)
    found = assign_dyads(text, attribution, DAY, ACTORS, None)
    assert [(d.dyad, d.role, text[slice(*d.clause_span or (0, 0))]) for d in found] == expected


def test_document_fallback_has_no_clause_span() -> None:
    text = "The summit lasted three hours."
    (attribution,) = attribute([text], DAY, ACTORS)
    (found,) = assign_dyads(text, attribution, DAY, ACTORS, TR)
    assert found.clause_span is None and found.basis == "document"


# (name, statements of one document, expected document dyad)
DOCUMENTS = [
    ("clear majority", ["Putin met Erdogan.", "Russia lifted its ban on Turkish fruit.",
     "Turkey thanked Moscow.", "The EU criticised Turkey."], TR),
    ("no explicit dyad", ["The summit lasted three hours.", "The leaders smiled."], None),
    ("split, the lede decides", ["Turkey turns to Moscow as ties with Washington fray",
     "Erdogan thanked Putin.", "Obama criticised Erdogan."], TR),
    ("split, no lede", ["The summit lasted three hours.", "The leaders smiled.",
     "Obama criticised Erdogan.", "The EU criticised Turkey.", "Russia praised Turkey.",
     "Putin thanked Erdogan."], None),
    ("topics do not vote on the article's relation", ["Moscow reopens its market to Turkish firms",
     "Visa-free travel for Turkish citizens ends in January.",
     "Turkish visitors lose visa-free access at the border from that day."], TR),
]  # fmt: skip


@pytest.mark.parametrize(("statements", "expected"), [d[1:] for d in DOCUMENTS],
                         ids=[d[0] for d in DOCUMENTS])  # fmt: skip
def test_document_dyad(statements: list[str], expected: str | None) -> None:
    attributions = attribute(statements, DAY, ACTORS)
    assert document_dyad(statements, attributions, ACTORS, DAY) == expected
