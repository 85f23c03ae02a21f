"""Adverbials that stand between a speaker phrase's bound and its subject, so the speaker is
what follows them.

The words before a speech verb are read as the speaker only after these are taken off.
``subject_start(masked, start, end, mentions, published)`` is where the subject of the phrase
``masked[start:end]`` begins once its opening adverbials are skipped (``start`` when it opens
with none, or when nothing would be left):

* time: a date expression (:mod:`tracker.analysis.dates.mentions`: "Tuesday", "July 18", "earlier
  this week", "in November") after an optional modifier and preposition ("late on", "early on",
  "by"), with a part of the day ("on Tuesday night"); or a time phrase ("the same day", "later
  that day", "hours later");
* a sentence adverb ("Meanwhile", "Separately", "Later");
* a prepositional phrase ("In a statement", "at a news conference in Ankara", "In an interview
  with the BBC", "In Moscow's view"), also after a participle ("Speaking to reporters",
  "Asked about the ban"). Its object ends where a new noun phrase starts: a determiner or a
  capital after a lower-case word ("a statement the Kremlin"), an actor mention that does not
  follow a preposition, determiner or possessive ("with CNN Erdogan"), a capital after a
  mention ("in Ankara Ahmet Yilmaz"), a lower-case plural after a setting noun ("in a
  statement officials"), or a preposition (the next phrase). An object with no such end is
  not cut.

A date that names a thing is no adverbial: "Monday's statement", "July 15 coup plotters" (a
bare date before a lower-case word), "Today's Zaman".

``scene_object_end`` reads "after", "before", "since", "until" as a preposition rather than
a conjunction when a time expression or a setting noun phrase follows it and a subject follows
that ("After the talks Lavrov said", "Since January Moscow has said"; "After Erdogan said …"
stays a scene-setting clause). ``time_tail_start`` is where a time adverbial ending a subject
phrase begins ("The Kremlin on Tuesday night [said]", "Germany on July 18 [said]", "Moscow the
same day [said]"), unless the date completes a noun phrase ("the decree of November 28").

Offsets are those of ``masked``; ``mentions`` are the actor mentions of the same text. A
missing publication date still finds relative dates: only their spans matter here.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence

from tracker.analysis.actors import PREPOSITIONS, ActorMention
from tracker.analysis.dates.clauses import OPENERS
from tracker.analysis.dates.mentions import find_date_mentions
from tracker.text.words import DETERMINERS, word_set

# Adverbs that may stand between a subject and its verb ("has also said"); the first group may
# also open a sentence before the subject ("Meanwhile Russia said").
OPENING_ADVERBS = word_set(
    "also later again then further earlier previously reportedly repeatedly publicly recently "
    "separately subsequently initially yesterday today however meanwhile now still instead "
    "likewise similarly personally privately openly"
)
ADVERBS = OPENING_ADVERBS | word_set(
    "once first last just already himself herself itself themselves too both all alone flatly "
    "bluntly angrily"
)
_PREPOSITIONS = PREPOSITIONS | word_set(
    "during after before since until till throughout amid amidst following ahead near across "
    "around through within"
)
_SCENE_PREPOSITIONS = word_set("after before since until till")
_PARTICIPLES = word_set(
    "speaking talking writing addressing responding replying reacting commenting asked "
    "interviewed answering testifying"
)
_TIME_MODIFIERS = word_set("late early later earlier also again")
_TIME_PREPOSITIONS = word_set(
    "on in at by during from since until till through over before after around for"
)
_PARTS_OF_DAY = re.compile(r"\s+(?:(?:morning|afternoon|evening|night)\b(?:\s+local\s+time)?)")
_TIME_PHRASE = re.compile(
    r"\b(?:(?:(?:on|at|by|during|for|in|late|early)\s+)?(?:the\s+)?(?:same|next|following|previous"
    r"|preceding)\s+(?:day|morning|afternoon|evening|night|week|month)"
    r"|(?:later|earlier)\s+(?:that|the\s+same|in\s+the)\s+(?:day|morning|afternoon|evening"
    r"|night|week)"
    r"|(?:that|the\s+next)\s+(?:day|morning|afternoon|evening|night)"
    r"|(?:(?:a\s+few|several|two|three|\d+)\s+)?(?:hours|minutes|days|weeks|moments)\s+"
    r"(?:later|earlier)|(?:a|one)\s+(?:day|week)\s+(?:later|earlier)"
    r"|overnight|at\s+the\s+(?:weekend|time|same\s+time)|in\s+the\s+meantime)\b",
    re.IGNORECASE,
)
# Heads of noun phrases that say where or how words were said, or what they followed.
_SETTING_NOUNS = word_set(
    "statement statements interview interviews call calls conversation conversations "
    "conference conferences briefing briefings speech speeches address remarks comments "
    "letter letters message messages tweet tweets post posts communique meeting meetings talks "
    "summit summits visit visits trip session sessions ceremony rally debate hearing vote votes "
    "referendum election elections coup attempt incident shootdown downing crisis attack "
    "attacks bombing agreement deal row dispute decision announcement twitter facebook "
    "television tv radio broadcast view opinion contrast response reply return turn part "
    "addition meantime"
)
# Lower-case first words that may open an adverbial: checking this first keeps the rest away
# from almost every phrase.
_LEADERS = (
    OPENERS | _PREPOSITIONS | _PARTICIPLES | _TIME_MODIFIERS | OPENING_ADVERBS
    | word_set(
        "the that last this next monday tuesday wednesday thursday friday saturday sunday "
        "january february march april june july august september october november december "
        "hours minutes days weeks moments a one two three several overnight"
    )
)  # fmt: skip
# Leaders that open no adverbial but a time phrase ("the same day", "two days later").
_TIME_PHRASE_ONLY = word_set("the a one two three several hours minutes days weeks moments")
_WORD = re.compile(r"[\w'’\-]+(?:\.\w+)*\.?")
_POSSESSIVE = re.compile(r"['’]s?$")
_MAX_OBJECT_WORDS = 8
_ANY_DAY = dt.date(2016, 1, 1)  # stands in for a missing publication date: spans only


_WEEKDAYS_AND_MONTHS = (
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May"
    "|June|July|August|September|October|November|December"
)
# The last word of a phrase that may end a time expression: checked before reading dates.
_TIME_LAST_WORD = re.compile(
    rf"{_WEEKDAYS_AND_MONTHS}|\d+(?:st|nd|rd|th)?|(?i:[a-z]*day|night|morning|afternoon|evening"
    r"|week|month|year|ago|later|earlier|overnight|time|meantime|tonight)"
)
_CALENDAR_WORD = re.compile(rf"(?:{_WEEKDAYS_AND_MONTHS}|\d)")
_PART_OF_DAY_END = re.compile(r"\s+(?:morning|afternoon|evening|night)$")
_TAIL_PREPOSITION = re.compile(
    r"(?:^|\s)((?:(?:late|early)\s+)?(?:on|in|at|by|during|late|early)\s+(?:the\s+)?)$"
)
_TAIL_WINDOW = 48
_NAMES_A_THING = re.compile(r"(?:\b(?:of|the|an?|this|its|his|her|their)|['’]s?)\s*$", re.I)


class _Phrase:
    """The words of one phrase, and the rules that read adverbials from them."""

    def __init__(
        self,
        masked: str,
        start: int,
        end: int,
        mentions: Sequence[ActorMention],
        published: dt.date | None,
    ) -> None:
        self.masked, self.start, self.end, self.published = masked, start, end, published
        self.words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(masked, start, end)]
        self.mention_starts = {m.start for m in mentions if start <= m.start < end}
        self.mention_ends = {m.end for m in mentions if start < m.end <= end}
        self.possessives = {m.end for m in mentions if m.possessive}

    @functools.cached_property
    def dates(self) -> dict[int, int]:
        """Start -> end of each date expression in the phrase."""
        found = find_date_mentions(self.masked[self.start : self.end], self.published or _ANY_DAY)
        return {d.start + self.start: d.end + self.start for d in found}

    def lower(self, i: int) -> str:
        return self.words[i][2].lower() if i < len(self.words) else ""

    def index_at(self, pos: int) -> int:
        return next((k for k, w in enumerate(self.words) if w[0] >= pos), len(self.words))

    def time_end(self, i: int) -> int | None:
        """Index of the first word after a time expression starting at word ``i``, if any.

        A date that names a thing rather than a time is not one: "Monday's talks", "July 15
        coup plotters" (a bare date before a lower-case word modifies it)."""
        j = i
        if self.lower(j) in _TIME_MODIFIERS:
            j += 1
        if self.lower(j) in _TIME_PREPOSITIONS:
            j += 1
        for k in range(i, min(j, len(self.words) - 1) + 1):
            found = _TIME_PHRASE.match(self.masked, self.words[k][0], self.end)
            end = found.end() if found else self.dates.get(self.words[k][0])
            if end is None:
                continue
            part = _PARTS_OF_DAY.match(self.masked, end, self.end)
            end = part.end() if part else end
            after = self.index_at(end)
            if self.masked[end : end + 1] in ("'", "’") or after >= len(self.words):
                return None
            bare = k == i and not found and _CALENDAR_WORD.match(self.words[k][2])
            if bare and not (
                self.words[after][2][:1].isupper() or self.lower(after) in DETERMINERS
            ):
                return None
            return after
        return None

    def object_end(self, i: int) -> int | None:
        """Index of the word that ends an object starting at word ``i`` (module docstring)."""
        for k in range(i + 1, min(len(self.words), i + 1 + _MAX_OBJECT_WORDS)):
            if self.new_phrase(k):
                return k
        return None

    def new_phrase(self, k: int) -> bool:
        """Whether word ``k`` starts a noun phrase or a prepositional phrase of its own."""
        (_, p_end, prev), (w_start, _, word) = self.words[k - 1], self.words[k]
        low, prev_low = word.lower(), prev.lower()
        if prev_low in _PREPOSITIONS or prev_low in DETERMINERS or prev_low in ("and", "or"):
            return False
        if p_end in self.possessives or _POSSESSIVE.search(prev):
            return False
        if low in _PREPOSITIONS:
            return True
        if (
            prev_low in _SETTING_NOUNS
            and low not in _SETTING_NOUNS
            and re.fullmatch(r"[a-z]+s", word)
        ):
            return True  # "in a statement officials [said]"
        starts_phrase = word[:1].isupper() or low in DETERMINERS
        if w_start in self.mention_starts and p_end not in self.mention_ends:
            return True  # "with CNN Erdogan": a name the object does not end with
        if w_start in self.mention_starts or p_end in self.mention_ends:
            return starts_phrase
        return starts_phrase and prev[:1].islower()

    def unit_end(self, i: int) -> int | None:
        """Index after one opening adverbial starting at word ``i``, if one does."""
        low = self.lower(i)
        if low not in _LEADERS and not low[:1].isdigit() or _POSSESSIVE.search(low):
            return None  # "Today's Zaman" is a name
        timed = self.time_end(i)
        if timed is not None:
            return timed
        if low in OPENING_ADVERBS:
            return i + 1
        if i + 1 >= len(self.words):
            return None
        if low in _PARTICIPLES:  # "Speaking to reporters", "Addressing parliament"
            after = self.unit_end(i + 1)
            return after if after is not None else self.object_end(i + 1)
        if low in _PREPOSITIONS:
            return self.object_end(i + 1)
        return None


def subject_start(
    masked: str,
    start: int,
    end: int,
    mentions: Sequence[ActorMention],
    published: dt.date | None,
) -> int:
    """Where the subject of ``masked[start:end]`` starts after its opening adverbials."""
    first = _WORD.match(masked, start)
    if first is None:
        return start
    word = first.group().lower()
    if word not in _LEADERS and not word[:1].isdigit():
        return start
    if word in _TIME_PHRASE_ONLY and not _TIME_PHRASE.match(masked, start, end):
        return start  # "The Kremlin", "Two officials": cheaper than reading the phrase
    phrase = _Phrase(masked, start, end, mentions, published)
    i = 0
    while i < len(phrase.words):
        after = phrase.unit_end(i)
        if after is None or after >= len(phrase.words):
            break
        i = after
    return phrase.words[i][0] if 0 < i < len(phrase.words) else start


def scene_object_end(
    masked: str,
    start: int,
    end: int,
    mentions: Sequence[ActorMention],
    published: dt.date | None,
) -> int | None:
    """Where the subject starts when the word at ``start`` ("after", "since", …) governs a
    time expression or a setting noun phrase rather than a clause; else None."""
    first = _WORD.match(masked, start)
    if first is None or first.group().lower() not in _SCENE_PREPOSITIONS:
        return None
    phrase = _Phrase(masked, start, end, mentions, published)
    if len(phrase.words) < 3:
        return None
    i = phrase.time_end(0)
    if i is None:
        i = phrase.object_end(1)
        words = [w for _, _, w in phrase.words[1:i]] if i else []
        simple = all(
            w.lower() in DETERMINERS or w[:1].islower() or _POSSESSIVE.search(w) for w in words
        )
        if not simple or not any(w.lower() in _SETTING_NOUNS for w in words):
            return None
    if i is None or i >= len(phrase.words) or not phrase.new_phrase(i):
        return None
    return subject_start(masked, phrase.words[i][0], end, mentions, published)


def time_tail_start(masked: str, end: int, published: dt.date | None) -> int:
    """Start of a time adverbial that ends the phrase at ``end`` ("on Tuesday night", "last
    week", "the same day"), else ``end``."""
    if not _TIME_LAST_WORD.fullmatch(masked, masked.rfind(" ", 0, end) + 1, end):
        return end
    window = max(0, end - _TAIL_WINDOW)
    text = masked[window:end]
    part = _PART_OF_DAY_END.search(text)
    stop = part.start() if part else len(text)
    starts = [
        m.start()
        for m in _TIME_PHRASE.finditer(text, 0, stop)
        if m.end() == stop and (m.start() == 0 or text[m.start() - 1].isspace())
    ]
    for d in find_date_mentions(text[:stop], published or _ANY_DAY) if not starts else ():
        if d.end == stop:
            before = _TAIL_PREPOSITION.search(text, 0, d.start)
            starts.append(before.start(1) if before else d.start)
    if not starts or _NAMES_A_THING.search(text, 0, starts[0]):
        return end  # "the decree of November 28", "the July 15 coup"
    return window + starts[0]
