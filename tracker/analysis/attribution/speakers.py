"""Reading the phrase that names a speaker, inside one statement.

``SpeakerText(text, regions, actors, on)`` holds a statement, a copy with its quotations masked
(same offsets, so no verb or name inside a quotation counts) and the actor mentions of the text.
Its readers find where the noun phrase before a verb starts (``phrase_start``: after an adverbial
that opens the sentence, "Late on Monday the Kremlin said", "In a statement Russia said", "After the
talks Lavrov said", see :mod:`tracker.analysis.attribution.adverbials`), strip auxiliaries, adverbs
and time adverbials between a subject and its verb ("has also repeatedly said", "on Tuesday night
told"), find the opening comma of a parenthetical that separates a subject from its verb ("Putin, on
his first visit to Turkey since the crisis, told"), say who a phrase names (``who``;
a function word alone, "and", "but", names no one), which person or body a sentence is about
(``subject``) and who a verb addresses (``listener``). A wire dateline opening the statement
("GENEVA, Sept 10 …", "ANKARA (Reuters) - …", "BRUSSELS: …" when the capitals name a place:
:func:`tracker.text.furniture.opening_dateline`) is blanked in the masked copy, so no subject
phrase starts inside it.

A phrase names a speaker only when it is a plausible noun phrase: a person, body or place the
actor dictionary knows, an unknown proper name, or a descriptor headed by a noun that can speak
("critics", "a senior EU official"). Two noun phrases run together, as in a reduced relative
clause ("a move critics [said]"), are not one: a singular determiner ("a", "an", "one",
"each", "every", "another", "something") cannot head a plural noun unless a preposition joins
them ("a group of critics", "an adviser to the Baltic states"), and "a", "an", "something" do
not head a name ("a claim Moscow [denied]", "something Erdogan [denied]").

A name that contains "and" or a comma ("the Justice and Development Party") is one phrase. A
list of speakers ("Germany, France and Italy", "the US and the EU", "Turkish and Russian
officials") is one speaker: ``group_before`` reads the list that ends with a subject phrase,
``group_after`` the one that starts after "said" or "according to". A list has commas between
its members and "and" (or ", and") before the last, or "and" between all of them ("Germany and
France and Italy"); each member must be a plain noun phrase that names someone who can speak (a
known actor, a proper name, a descriptor headed by a noun that can speak), made only of names,
determiners, prepositions, official modifiers ("senior", "foreign") and such nouns, so that a
clause ("Erdogan met Putin and Peskov said") or an apposition ("Lavrov, Russia's foreign
minister, said": no "and") is not a list. The group's speaker is the whole phrase as written;
its side is the side all members share, else "other" (mixed, as for a title held on several
sides); it has an actor only when every member names the same one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tracker.analysis.actors import (
    PREPOSITIONS,
    ActorDictionary,
    ActorMention,
    Identity,
    fold,
    shift,
)
from tracker.analysis.attribution.adverbials import (
    ADVERBS,
    OPENING_ADVERBS,
    scene_object_end,
    subject_start,
    time_tail_start,
)
from tracker.analysis.attribution.speech_verbs import MASK
from tracker.models import OTHER
from tracker.text.furniture import opening_dateline
from tracker.text.words import word_set

_AUX = ADVERBS | word_set("has have had would will did does do was is were are been not never")
_NOT_ADVERBS = frozenset(("ally", "rally", "family", "assembly", "supply", "reply", "anomaly"))
STOP = word_set(
    "and but or as while when that which what after before because since if though although "
    "whereas where so once until nor than whether how why whom"
)
_PRONOUNS = {"he": "person", "she": "person", "they": "any", "it": "group", "we": "any"}
_TOKEN = re.compile(r"\w+(?:[.'\-]\w+)*\.?|[^\w\s]")
_FUNCTION_WORDS = STOP | PREPOSITIONS | OPENING_ADVERBS | word_set("the a an")  # "and", "but"
_SINGULAR = word_set("a an one each every another something anything nothing everything")
_NOT_BEFORE_NAME = word_set("a an something anything nothing everything")
# A parenthetical between a subject and its verb is a phrase, not a second sentence.
_PARENTHETICAL_MAX_WORDS = 20
# Lower-case words a list member may hold besides names and nouns that can speak.
_MEMBER_WORDS = PREPOSITIONS | word_set(
    "the a an both his her its their our other several many some two three four five senior top "
    "junior foreign defence defense deputy prime former chief interior finance economy energy "
    "trade justice military government state local regional national high-ranking high-level "
    "unnamed anonymous"
)
_MEMBER_MAX_WORDS = 8
_WORD_RE = re.compile(r"\w+(?:['\-]\w+)*")
_PHRASE_WORD = re.compile(r"[\w'’\-]+")
_PLURAL = re.compile(r"[a-z]+[^su]s")  # "critics", not "Paris" or "status"
_LAST_WORD = re.compile(r"\w+$")
_AND_BEFORE = re.compile(r"(?:,\s*)?\band\s*$")  # before a list's last member
_COMMA_BEFORE = re.compile(r",\s*$")
_SEPARATOR = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
# Where a list after "said" / "according to" ends: a mark, or a full stop after a word that
# is not an abbreviation ("U.S.").
# A bracketed aside between a subject and its verb: at most this many characters.
_ASIDE_MAX = 60
# One to three lower-case words between a body and a person's name: a title ("head",
# "foreign policy chief").
_TITLE_BETWEEN = re.compile(r"\s+(?:[a-z][\w\-]*\s+){1,3}")
_LIST_LIMIT = re.compile(rf"[;:!?(){MASK}]|(?<=\w\w\w\w)\.")


@dataclass(frozen=True)
class Group:
    """A list of speakers read as one: its span, the mark or word before it, the whole
    phrase as the speaker and what each member names."""

    start: int
    end: int
    marker: str | None
    identity: Identity
    members: tuple[Identity, ...]


def known(mention: ActorMention) -> Identity:
    name = mention.actor.name if mention.actor else mention.surface
    return Identity(name, name if mention.actor else None, mention.side)


def plausible(phrase: str, identity: Identity) -> bool:
    """False for two noun phrases run together ("a move critics"); see the module docstring."""
    words = _PHRASE_WORD.findall(phrase)
    joined = any(w.lower() in PREPOSITIONS for w in words)  # "an adviser to the Baltic states"
    if len(words) < 2 or words[0].lower() not in _SINGULAR or joined:
        return True
    head = words[-1]
    if head[:1].isupper():
        return words[0].lower() not in _NOT_BEFORE_NAME  # "a claim Moscow [denied]"
    return identity.actor is not None or not _PLURAL.fullmatch(head)


class SpeakerText:
    """One statement: its text, a copy with quotations masked, its mentions, phrase readers."""

    def __init__(
        self,
        text: str,
        regions: list[tuple[int, int]],
        actors: ActorDictionary,
        on: dt.date | None,
    ) -> None:
        self.text, self.actors, self.on = text, actors, on
        self.masked = fold(text)
        for start, end in regions:
            self.masked = self.masked[:start] + MASK * (end - start) + self.masked[end:]
        self.mentions = actors.find_mentions(text, on)
        dateline = opening_dateline(text)
        if dateline and (not dateline.colon or self._place_at(dateline.place_end)):
            # "GENEVA, Sept 10 The United States …": the subject starts after the dateline.
            self.masked = " " * dateline.end + self.masked[dateline.end :]

    def _place_at(self, end: int) -> bool:
        """Whether text[:end] is one place mention ("BRUSSELS")."""
        return any(
            m.start == 0 and m.end == end and m.actor is not None and m.actor.kind == "place"
            for m in self.mentions
        )

    def phrase_start(self, end: int) -> tuple[int, str | None]:
        """Start of the phrase ending at ``end`` and the word or mark that bounds it; opening
        adverbials are not part of the phrase (:mod:`tracker.analysis.attribution.adverbials`)."""
        tokens = list(_TOKEN.finditer(self.masked, 0, end))
        for i in range(len(tokens) - 1, -1, -1):
            tok = tokens[i].group()
            if tok in ".;:!?()[],–—" or tok[0] == MASK or tok.lower() in STOP:
                if tok == "." and i and len(tokens[i - 1].group()) <= 3:
                    continue  # "U.S." / "St." abbreviations
                if tok[0] != MASK and self._inside_a_name(tokens[i].start()):
                    continue  # "the Justice and Development Party"
                bound = tokens[i].start()
                # "After the talks Lavrov said": a preposition, so the phrase goes on before it.
                found = scene_object_end(self.masked, bound, end, self.mentions, self.on)
                if found is not None:
                    return found, self.phrase_start(bound)[1]
                return self._subject(self.skip_space(tokens[i].end()), end), tok.lower()
        return self._subject(self.skip_space(0), end), None

    def _subject(self, start: int, end: int) -> int:
        return subject_start(self.masked, start, end, self.mentions, self.on)

    def subject_after(self, start: int, end: int) -> int:
        """Start of the subject in masked[start:end] after a verb ("said on Friday the
        minister"): its opening adverbials skipped."""
        return self._subject(start, end)

    def _inside_a_name(self, pos: int) -> bool:
        return any(m.start < pos < m.end for m in self.mentions)

    def skip_space(self, pos: int) -> int:
        while pos < len(self.masked) and self.masked[pos] in " –-":
            pos += 1
        return pos

    def strip_aux(self, end: int) -> int:
        """End of the subject before "has also said", "on Tuesday said", "bluntly told", "(pictured
        above) said"."""
        while True:
            head = self.masked[:end].rstrip()
            opening = head.rfind("(", max(0, len(head) - _ASIDE_MAX), len(head))
            if head.endswith(")") and opening > 0 and MASK not in head[opening:]:
                end = opening  # "Lavrov (pictured, right) said", "the ministry (MFA) said"
                continue
            timed = time_tail_start(head, len(head), self.on)
            if timed < len(head) and head[:timed].strip():
                end = timed
                continue
            tail = _LAST_WORD.search(head)
            word = tail.group() if tail else ""
            adverb = word.endswith("ly") and word.islower() and len(word) > 4
            if not tail or not (word in _AUX or adverb) or word in _NOT_ADVERBS:
                return len(head)
            end = tail.start()

    def parenthetical_open(self, comma: int) -> int | None:
        """The comma opening a parenthetical that closes at ``comma``, if any: one that starts
        in lower case, with a number or with "The" (a name would be an appositive instead).

        "Putin, on his first visit to Turkey since the crisis, told": the words between the
        commas may contain "since" or "after", which would otherwise end the subject phrase.
        """
        opening = self.masked.rfind(",", 0, comma)
        if opening < 0:
            return None
        inside = self.masked[opening + 1 : comma]
        words = inside.split()
        if (
            not words
            or not (words[0][:1].islower() or words[0][:1].isdigit() or words[0] == "The")
            or len(words) > _PARENTHETICAL_MAX_WORDS
            or re.search(rf"[.;:!?()\[\]–—{MASK}]", inside)
        ):
            return None
        return opening

    def who(self, start: int, end: int, context: str, strict: bool) -> Identity | None:
        """Who the phrase text[start:end] names; a pronoun comes back as itself."""
        raw = self.text[start:end]
        phrase = raw.strip(" ,")
        if phrase.lower() in _PRONOUNS:
            return Identity(phrase, None, None)
        if all(w.lower() in _FUNCTION_WORDS for w in _WORD_RE.findall(phrase)):
            return None  # "and", "but the": no one
        begin = start + len(raw) - len(raw.lstrip(" ,"))
        mentions = self._mentions_in(begin, begin + len(phrase))
        found = self.actors.identify(phrase, self.on, context, strict, mentions)
        return found if found and plausible(phrase, found) else None

    def _mentions_in(self, start: int, end: int) -> list[ActorMention] | None:
        """The statement's mentions inside text[start:end], offsets from ``start``; None where
        the phrase read alone could find others (a mention across its edges, or a title or
        possessive at its end, which the words after it decide)."""
        inside = []
        for m in self.mentions:
            if m.end <= start or m.start >= end:
                continue
            if (
                m.start < start
                or m.end > end
                or (m.end == end and (m.possessive or m.via == "title"))
            ):
                return None
            inside.append(shift(m, -start))
        return inside

    def group_before(self, start: int, end: int) -> Group | None:
        """The list of speakers whose last member is the phrase text[start:end], if any."""
        sep = _AND_BEFORE.search(self.masked, max(0, start - 8), start)
        last = self._member(start, end) if sep else None
        if last is None:
            return None
        members, first, marker = [last], start, None
        while sep:
            stop = len(self.masked[: sep.start()].rstrip())
            begin, bound = self.phrase_start(stop)
            member = self._member(begin, stop)
            if member is None:
                break
            members.insert(0, member)
            first, marker = begin, bound
            # "Germany, France and Italy"; "Germany and France and Italy"
            sep = _COMMA_BEFORE.search(self.masked, 0, begin) or _AND_BEFORE.search(
                self.masked, max(0, begin - 8), begin
            )
        return None if first == start else self._group(first, end, marker, members)

    def group_after(self, start: int, cut: re.Pattern[str] | None) -> Group | None:
        """The list of speakers starting at ``start`` ("said Putin and Erdogan"), if any; ``cut``
        ends its last member early (" in a statement")."""
        found = _LIST_LIMIT.search(self.masked, start)
        limit = found.start() if found else len(self.masked)
        if " and " not in self.masked[start:limit]:
            return None
        members: list[Identity] = []
        pos = start
        for sep in _SEPARATOR.finditer(self.masked, start, limit):
            if self._inside_a_name(sep.start()):
                continue
            member = self._member(pos, sep.start())
            if member is None:
                return None
            members.append(member)
            pos = sep.end()
            if "and" in sep.group():
                break
        else:
            return None  # no "and": an apposition ("said Lavrov, Russia's foreign minister")
        after = next(
            (
                s
                for s in _SEPARATOR.finditer(self.masked, pos, limit)
                if not self._inside_a_name(s.start())
            ),
            None,
        )
        end = after.start() if after else limit
        stop = cut.search(" " + self.masked[pos:end] + " ") if cut else None
        end = len(self.masked[: pos + stop.start() if stop else end].rstrip())
        last = self._member(pos, end)
        return self._group(start, end, None, [*members, last]) if last else None

    def noun_phrase(self, start: int, end: int) -> Identity | None:
        """Who text[start:end] names when it is a plain noun phrase, as a list member must be
        ("the Russian foreign ministry", not "Kremlin angers Ankara")."""
        return self._member(start, end)

    def _member(self, start: int, end: int) -> Identity | None:
        """Who one member of a list names, when it is a plain noun phrase (module docstring)."""
        if start >= end or MASK in self.masked[start:end]:
            return None
        words = list(_WORD_RE.finditer(self.masked, start, end))
        if not words or len(words) > _MEMBER_MAX_WORDS:
            return None
        for w in words:
            word = w.group()
            if word[0].isupper() or word[0].isdigit() or word.lower() in _MEMBER_WORDS:
                continue
            if any(m.start <= w.start() < m.end for m in self.mentions):
                continue  # part of a title ("Russia's foreign minister")
            if self.actors.identify(word, self.on, "", True) is None:
                return None  # a verb or a noun that cannot speak: a clause, not a name
        phrase = self.text[start:end].strip(" ,")
        who = self.actors.identify(phrase, self.on, "", True)
        return who if who and plausible(phrase, who) else None

    def _group(self, start: int, end: int, marker: str | None, members: list[Identity]) -> Group:
        sides = {m.side for m in members}
        actors = {m.actor for m in members}
        side = sides.pop() if len(sides) == 1 else OTHER
        phrase = re.sub(r"^both\s+", "", self.text[start:end].strip(" ,"), flags=re.IGNORECASE)
        if len(actors) == 1 and None not in actors:
            one = members[-1]  # "Putin and the Russian president": one speaker
            return Group(start, end, marker, one, ())
        return Group(start, end, marker, Identity(phrase, None, side), tuple(members))

    @staticmethod
    def pronoun(identity: Identity) -> str | None:
        """ "person", "group" or "any" when the identity is a bare pronoun."""
        return _PRONOUNS.get(identity.speaker.lower()) if identity.actor is None else None

    def subject(self, before: int) -> ActorMention | None:
        """The person or body a sentence is about: its first mention not after a preposition."""
        for m in self.mentions:
            if m.start >= before or self.masked[m.start] == MASK:
                return None
            prev = re.search(r"(\w+)\W*$", self.masked[: m.start])
            if m.possessive or (prev and prev.group(1).lower() in PREPOSITIONS):
                continue
            if m.actor and (m.actor.kind != "place" or not self.masked[: m.start].strip(" –-")):
                return self._holder(m) or m
        return None

    def _holder(self, body: ActorMention) -> ActorMention | None:
        """The person a title after ``body`` names: "European Council head Ana Lopez", "Kremlin
        spokesman Ana Lopez" are about the person, not the body."""
        if body.actor is None or body.actor.kind == "person":
            return None
        after = next((m for m in self.mentions if m.start >= body.end), None)
        if after is None or after.actor is None or after.actor.kind != "person":
            return None
        between = self.masked[body.end : after.start]
        if not _TITLE_BETWEEN.fullmatch(between):
            return None
        return None if set(between.split()) & (STOP | PREPOSITIONS) else after

    def listener(self, verb_end: int) -> str | None:
        for m in self.mentions:
            if m.start >= verb_end and not self.text[verb_end : m.start].strip(" the"):
                return m.actor.name if m.actor else None
        return None
