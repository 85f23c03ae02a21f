"""Which relation a statement is about: Turkey–Russia, Turkey–West, or both.

``assign_dyads`` reads the sides a statement names (actor mentions, adjectives, possessives)
plus its speaker's side. Turkey–Russia needs Turkey and Russia, Turkey–West needs Turkey and the
West, one of them possibly being the speaker: a Russian official speaking of Ankara is
Turkey–Russia. A statement carrying both relations gets both, each with the span of the clause
that carries it (clauses as :func:`tracker.text.clauses.split_clauses` cuts them): the relation
of the earlier clause is "primary", the other "also"; in one clause, a speaker's own relation leads.

A place or project that stands for a relation (an actor with a ``relation``: "TurkStream", "Akkuyu",
"Incirlik") names both of its sides wherever it stands. A topic (``[[topic]]`` in the actor files:
"visa liberalisation", "charter flights", "the coup attempt") is weaker: it gives its relation only
to a statement whose named sides make no relation, name no other partner and no third country the
topic does not allow (``_topic_relation``), and in an article about the other relation only when the
text names the topic's partner ("visa-free travel for Turks" in a story on Russia's visa regime).
Topics do not vote on the article's relation. Other mentions are not always a relation. A partner
side named only as a location ("talks in Brussels", "the Russian city of Sochi", "at the Paris
climate conference"), only inside a comparison ("called NATO first instead of notifying Moscow",
"rather than", "unlike") or only as the yardstick of a ranking ("the second-largest buyer after
Germany") is weak: weak mentions make a relation only when no plain mention or speaker does. Then
the comparison's point wins: the slighted side after "instead of <verb>ing" ("instead of notifying
Moscow": Russia's grievance), else the chosen side before "rather than" / "instead of" ("turned to
Russia rather than its NATO allies"). A place in a wire dateline opening the statement ("BRUSSELS:
Turkey's prime minister says …", "MOSCOW, July 26 (Reuters) -") is where the report was filed and
names no side at all. A bloc that only labels Turkey ("Russia warned NATO member Turkey", "our
NATO ally Turkey") is weak too: the label makes Turkey–West only when no other partner is named.

Without an article (a sentence read alone), a partner's official who names no side but speaks
in the words of one relation ("the ties between the two countries would not go back overnight,
Peskov said", "the leaders confirmed plans for a meeting, the Kremlin said") speaks of his
side's relation with Turkey (basis "speaker").

A statement naming one side or none ("the two leaders", "bilateral ties") takes the document's
dyad (basis "document"); one naming only the partner that the document's dyad does not have
pairs it with Turkey, since the document is about Turkey. ``document_dyad`` gives an article its
dyad: the dyad of at least two thirds of the statements whose dyad is explicit (basis "text" or
"speaker", primary role); failing that, the explicit dyad of the headline or lede (the first of
the first two statements that has one) when no other dyad is more frequent; else None.

Direction is speaker side → other party ("Russia→Turkey"), or "narrated" for the narrator and
for speakers who are not a party to the relation (analysts, third countries, the third side).
Basis: "text" (both sides named outside the attribution phrase), "speaker" (one side is only the
speaker's: "Ankara must apologise, Zakharova said"), "document".

A document's analysis reads each statement once (``read_sides``: mentions, comparisons,
clauses) and then assigns twice, without and with the article's dyad (``assign_sides``,
``dyad_of_document``); ``assign_dyads`` and ``document_dyad`` do both steps in one call.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.analysis.actors import ActorDictionary, ActorMention, TopicMention, fold
from tracker.analysis.attribution.attribute import Attribution
from tracker.models import (
    ALSO,
    NARRATOR,
    OTHER,
    PRIMARY,
    RUSSIA,
    TURKEY,
    TURKEY_RUSSIA,
    TURKEY_WEST,
    WEST,
    DyadAssignment,
)
from tracker.text.clauses import split_clauses
from tracker.text.furniture import opening_dateline

PARTNER = {TURKEY_RUSSIA: RUSSIA, TURKEY_WEST: WEST}  # each relation's side besides Turkey
_DYAD_OF = {RUSSIA: TURKEY_RUSSIA, WEST: TURKEY_WEST}

_COMPARISON = r"\b(?:instead of|rather than|unlike|as opposed to|in contrast to)\b"
_LOCATION_BEFORE = re.compile(
    r"\b(?:in|at|near|outside|inside|(?:city|capital|resort|town|port|region|province) of)"
    r"(?:\s+the)?\s*$"
)
_LOCATION_AFTER = re.compile(r"^\s+(?:city|capital|resort|town|port|region|province)\s+of\b")
_VENUE_BEFORE = re.compile(r"\b(?:at|on the sidelines of|during|ahead of)\s+(?:an?|the)?\s*$")
# "at the Paris climate conference": a few words may stand between the place and the event.
_VENUE_NOUNS = r"(?:summit|meeting|conference|talks|forum|headquarters|gathering)\b"
_VENUE_AFTER = re.compile(rf"^(?:'s)?(?:\s+[\w-]+){{0,3}}?\s+{_VENUE_NOUNS}")
_VENUE_NOUN = rf"\b{_VENUE_NOUNS}"  # no venue word: no venue test per mention
# "the second-largest buyer after Germany": the side ranked against is a yardstick.
_ORDINAL = r"\b(?:second|third|fourth|fifth)\b"
_RANKED_BEFORE = re.compile(
    r"\b(?:second|third|fourth|fifth)\b[^,;:]*\b(?:after|behind|only to)\s+(?:the\s+)?$"
)
# The three cues a mention may be tested by. Their words differ, so no match of one can hide
# another's; each is looked for only in text holding one of its words (most text holds none).
_COMPARE = re.compile(_COMPARISON)
_COMPARE_WORDS = ("instead", "rather", "unlike", "opposed", "contrast")
_RANKED = re.compile(_ORDINAL)
_RANKED_WORDS = ("second", "third", "fourth", "fifth")
_VENUE = re.compile(_VENUE_NOUN)
_VENUE_WORDS = ("summit", "meeting", "conference", "talks", "forum", "headquarters", "gathering")
# Words that make a sentence about a relation even when it names one side or none.
_RELATIONAL = re.compile(
    r"\b(?:ties|relations?|relationship|rapprochement|bilateral|reconcil\w*|normali[sz]\w*"
    r"|thaw\w*|two (?:leaders|countries|sides|governments|presidents|ministers|neighbours)"
    r"|both (?:countries|sides|leaders|governments)|counterparts?|summit|talks|visit|meeting"
    r"|met|letter|(?:phone|telephone) (?:calls?|conversations?)|apolog\w*|regret"
    r"|condolences|sanctions?|ban|embargo|restrictions|crisis|dispute|tensions?|rift"
    r"|partners?(?:hip)?|cooperation|alliance|allies|agreement|deal|accord|envoys?"
    r"|ambassadors?|delegations?|extradition|solidarity|support)\b",
    re.IGNORECASE,
)
# The narrower words of one relation between two sides, with which a partner's official speaks
# of Turkey even when the sentence does not name it ("the ties between the two countries").
_BILATERAL = re.compile(
    r"\b(?:bilateral|two (?:countries|leaders|sides|governments|presidents)"
    r"|both (?:countries|sides|leaders)|our (?:countries|two countries)|the leaders"
    r"|ties|relations|relationship|rapprochement|normali[sz]\w*|apolog\w*|counterparts?)\b",
    re.IGNORECASE,
)
_WINDOW = 40  # characters before a comparison marker that hold the compared object
# "NATO member Turkey", "its NATO ally Turkey": the bloc only labels Turkey, it is no party.
_LABEL_AFTER = re.compile(
    r"^[\s-]*(?:members?|ally|allies|partners?)(?:\s+(?:state|country|nation))?\s+"
    r"(?:turkey|ankara)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Support:
    side: str
    pos: int
    # None, "location", "compared", "favoured" (the point of a comparison) or "label"
    weak: str | None
    own: bool = False  # names the speaker's own side inside the attribution ("Peskov said")


def _clauses(text: str) -> list[tuple[int, int]]:
    return split_clauses(text) or [(0, len(text))]


def _support(
    text: str,
    mentions: list[ActorMention],
    attribution: Attribution,
    clauses: list[tuple[int, int]],
) -> list[_Support]:
    folded = fold(text)
    markers: list[tuple[int, int]] = []
    if any(w in folded for w in _COMPARE_WORDS):
        markers = [cue.span() for cue in _COMPARE.finditer(folded)]
    ranked = any(w in folded for w in _RANKED_WORDS) and _RANKED.search(folded) is not None
    venue = any(w in folded for w in _VENUE_WORDS) and _VENUE.search(folded) is not None
    out = []
    dateline = opening_dateline(text)
    for m in mentions:
        if (
            dateline
            and m.start < dateline.place_end
            and (m.actor is None or m.actor.kind == "place")
        ):
            continue  # "BRUSSELS, Feb 25 –": where the report was filed, not a party to it
        if m.actor is not None and m.actor.relation in PARTNER:
            # "work on TurkStream resumed", "flights from Incirlik": the place is the relation,
            # never a mere location, and it names Turkey as much as the partner.
            out += [_Support(TURKEY, m.start, None), _Support(m.side, m.start, None)]
            continue
        if m.side not in (TURKEY, RUSSIA, WEST):
            continue
        weak = None
        if m.side != TURKEY:
            kind = m.actor.kind if m.actor else "place"
            # The anchored tests first: they are cheaper and rarely pass.
            if kind == "place" and (
                _LOCATION_AFTER.match(folded[m.end : m.end + 20])
                or _LOCATION_BEFORE.search(folded[max(0, m.start - 30) : m.start])
            ):
                weak = "location"
            if (
                venue
                and _VENUE_AFTER.match(folded[m.end : m.end + 50])
                and _VENUE_BEFORE.search(folded[max(0, m.start - 30) : m.start])
            ):
                weak = "location"  # "on the sidelines of a NATO meeting" names a venue
            if markers:
                weak = _compared(folded, m, markers, _raw_clause(clauses, m.start), weak)
            if ranked and _RANKED_BEFORE.search(folded[max(0, m.start - 100) : m.start]):
                weak = "compared"
            if m.side == WEST and _LABEL_AFTER.match(folded[m.end : m.end + 30]):
                weak = "label"
        span = attribution.span or (0, 0)
        own = m.side == attribution.side and span[0] <= m.start < span[1]
        out.append(_Support(m.side, m.start, weak, own))
    return out


def _compared(
    folded: str,
    m: ActorMention,
    markers: list[tuple[int, int]],
    clause: tuple[int, int],
    weak: str | None,
) -> str | None:
    """``weak`` for a mention near a comparison marker ("instead of", "rather than")."""
    is_subject = not folded[clause[0] : m.start].strip(" -–'\"“”the").strip()
    for start, end in markers:
        # "instead of notifying Moscow": the slighted side is the point; "Russia rather
        # than its NATO allies": the chosen side is.
        slight = bool(re.match(r"\s+\w+ing\b", folded[end : end + 20]))
        if end <= m.start < clause[1] and "," not in folded[end : m.start]:
            weak = "favoured" if slight else "compared"
        elif start - _WINDOW <= m.start < start and "," not in folded[m.end : start]:
            weak = weak or (None if is_subject else "compared" if slight else "favoured")
    return weak


def _direction(speaker_side: str | None, dyad: str) -> str:
    partner = PARTNER[dyad]
    if speaker_side == TURKEY:
        return f"{TURKEY}→{partner}"
    if speaker_side == partner:
        return f"{partner}→{TURKEY}"
    return "narrated"


@dataclass(frozen=True)
class StatementSides:
    """What one statement says about sides before the article's dyad is known: the part of
    :func:`assign_dyads` worth computing once per statement (:func:`read_sides`)."""

    text: str
    support: tuple[_Support, ...]
    speaker: str | None  # the speaker's side; None for the narrator
    clauses: tuple[tuple[int, int], ...]
    topics: tuple[TopicMention, ...] = ()
    third: frozenset[str] = frozenset()  # third countries named (actor names)


def read_sides(
    text: str, attribution: Attribution, published: dt.date | None, actors: ActorDictionary
) -> StatementSides:
    """The sides a statement names and its speaker's side, for :func:`assign_sides`."""
    clauses = _clauses(text)
    mentions = actors.find_mentions(text, published)
    support = _support(text, mentions, attribution, clauses)
    speaker = attribution.side if attribution.speaker != NARRATOR else None
    # Topics count only where the named sides make no relation: most statements are spared the scan.
    topics = () if _names_a_relation(support, speaker) else tuple(actors.find_topics(text))
    third = frozenset(
        m.actor.name for m in mentions if m.actor and m.side == OTHER and m.actor.role == "country"
    )
    return StatementSides(text, tuple(support), speaker, tuple(clauses), topics, third)


def _names_a_relation(support: list[_Support], speaker: str | None) -> bool:
    """Whether :func:`assign_sides` finds a relation in the named sides alone (Turkey and a
    partner named plainly, or a partner speaking of Turkey), before any topic."""
    turkey = speaker == TURKEY or any(s.side == TURKEY for s in support)
    partner = any(s.side != TURKEY and s.weak is None and not s.own for s in support)
    party = speaker in PARTNER.values() and any(s.side == TURKEY for s in support)
    return turkey and (partner or party)


def assign_dyads(
    text: str,
    attribution: Attribution,
    published: dt.date | None,
    actors: ActorDictionary,
    document_dyad: str | None,
) -> list[DyadAssignment]:
    """The relations one statement is about; empty when it is about neither."""
    return assign_sides(read_sides(text, attribution, published, actors), document_dyad)


def assign_sides(
    sides: StatementSides, document_dyad: str | None, topics: bool = True
) -> list[DyadAssignment]:
    """:func:`assign_dyads` for a statement read by :func:`read_sides`; ``topics``: whether
    topics may give a relation (they do not vote on the article's)."""
    text, support, speaker = sides.text, sides.support, sides.speaker
    party = speaker if speaker in PARTNER.values() else None  # a speaker who is a partner side
    clauses = list(sides.clauses)

    def clause_of(pos: int) -> tuple[int, int]:
        start, end = next(((s, e) for s, e in clauses if s <= pos < e), clauses[-1])
        segment = text[start:end]
        return start + len(segment) - len(segment.lstrip()), start + len(segment.rstrip())

    strong = [s for s in support if s.weak is None and not s.own]
    turkey_named = [s.pos for s in support if s.side == TURKEY and not s.own]
    turkey_any = turkey_named or [s.pos for s in support if s.side == TURKEY]
    has_turkey = speaker == TURKEY or bool(turkey_any)
    basis = "text" if turkey_named else "speaker"
    partners: dict[str, tuple[int, str, int]] = {}  # side -> (order key, basis, clause anchor)
    for s in strong:
        if s.side != TURKEY and s.side not in partners:
            partners[s.side] = (s.pos, basis, s.pos)
    if party and turkey_any:
        # The speaker's own relation leads; a side the text alone names comes second.
        in_text = partners.get(party)
        own = [s.pos for s in support if s.own] + turkey_any
        anchor = in_text[2] if in_text else min(own)
        partners[party] = (-1, basis if in_text else "speaker", anchor)
    if not partners:
        weak = [s for s in support if s.weak and s.side != TURKEY]
        chosen = [s for s in weak if document_dyad and PARTNER[document_dyad] == s.side]
        chosen = chosen or [s for s in weak if s.weak == "favoured"] or weak
        for s in chosen[:1]:
            partners[s.side] = (s.pos, basis, s.pos)
    if has_turkey and partners:
        ordered = sorted(
            partners.items(),
            key=lambda kv: (clauses.index(_raw_clause(clauses, kv[1][2])), kv[1][0]),
        )
        return [
            DyadAssignment(
                _DYAD_OF[side],
                _direction(speaker, _DYAD_OF[side]),
                basis,
                clause_of(anchor),
                PRIMARY if i == 0 else ALSO,
            )
            for i, (side, (_, basis, anchor)) in enumerate(ordered)
        ]
    named_partners = set(partners) | ({party} if party else set())
    topical = _topic_relation(sides, has_turkey, named_partners, document_dyad) if topics else None
    if topical:
        dyad, pos = topical
        return [DyadAssignment(dyad, _direction(speaker, dyad), "text", clause_of(pos), PRIMARY)]
    if document_dyad is None:
        if party and not partners and not sides.third and _BILATERAL.search(fold(text)):
            # "The two countries will need time, Peskov said": a partner's official speaking
            # of a relation in the words of relations, naming no one else, speaks of Turkey.
            return [DyadAssignment(_DYAD_OF[party], _direction(speaker, _DYAD_OF[party]),
                                   "speaker", None, PRIMARY)]  # fmt: skip
        return []
    named = {s.side for s in support if s.side != TURKEY} | ({party} if party else set())
    if len(named) > 1:
        return []
    if not named and not _about_the_relation(text, speaker):
        return []  # "At home, the cabinet …": Turkey alone, nothing relational
    dyad = _DYAD_OF[named.pop()] if named else document_dyad
    return [DyadAssignment(dyad, _direction(speaker, dyad), "document", None, PRIMARY)]


def _topic_relation(
    sides: StatementSides, has_turkey: bool, partners: set[str], document_dyad: str | None
) -> tuple[str, int] | None:
    """The relation of the first topic the statement names ("visa liberalisation": Turkey–West)
    and where it stands, when the named sides make no relation of their own (a topic naming
    Turkey alone takes the one partner named): the sides the
    phrase names and the sides the statement names must hold Turkey and the topic's partner, the
    statement must name no other partner ("Washington and Moscow on the charter flights") and no
    third country but those the topic allows ("visa-free travel for Georgians")."""
    for hit in sides.topics:
        topic = hit.topic
        if topic.relation is None:  # Turkey's own event: the one partner named gives the relation
            paired = _DYAD_OF[next(iter(partners))] if len(partners) == 1 else None
        else:
            paired = topic.relation if partners <= {PARTNER[topic.relation]} else None
        if paired is None or not sides.third <= set(topic.besides):
            continue
        if document_dyad and paired != document_dyad and not partners:
            # "The decree also suspends visa-free travel for Turks" in a story on Russia: the
            # article's relation outweighs a topic that names no side of its own in the text.
            continue
        named = set(topic.sides) | partners | ({TURKEY} if has_turkey else set())
        if TURKEY in named and PARTNER[paired] in named:
            return paired, hit.start
    return None


def _about_the_relation(text: str, speaker_side: str | None) -> bool:
    """Whether a statement naming no partner side still speaks of a relation: a party to it
    speaks (Turkey included), or it uses the vocabulary of relations ("the two leaders",
    "bilateral ties", "the rapprochement", "the summit", "the letter")."""
    return speaker_side is not None or bool(_RELATIONAL.search(fold(text)))


def _raw_clause(clauses: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    return next(((s, e) for s, e in clauses if s <= pos < e), clauses[-1])


def document_dyad(
    statements: Sequence[str],
    attributions: Sequence[Attribution],
    actors: ActorDictionary,
    published: dt.date | None,
) -> str | None:
    """The dyad an article is about, when it clearly is about one (rule in the module doc)."""
    return dyad_of_document(
        [read_sides(t, a, published, actors) for t, a in zip(statements, attributions, strict=True)]
    )


def dyad_of_document(statements: Sequence[StatementSides]) -> str | None:
    """:func:`document_dyad` for statements read by :func:`read_sides`."""
    explicit: list[str | None] = []
    for sides in statements:
        found = assign_sides(sides, None, topics=False)
        explicit.append(found[0].dyad if found else None)
    counted = [d for d in explicit if d]
    if not counted:
        return None
    top = max(sorted(set(counted)), key=counted.count)
    if counted.count(top) * 3 >= len(counted) * 2:
        return top
    first = next((d for d in explicit[:2] if d), None)
    if first and counted.count(first) == counted.count(top):
        return first
    return None
