"""The actor dictionary: who is who on each side, and where a text mentions them.

``data/actors.toml`` (format described at its top) lists people, bodies and places with their
side ("Turkey", "Russia", "West", "other"), aliases and dated title forms. A place or project
that stands for a relation itself (a pipeline Russia builds to Turkey, an allied air base on
Turkish soil) names that relation (``relation``, one of ``DYADS``; its side is the partner's): a
mention of it names both sides (:mod:`tracker.analysis.dyads`). Users extend the dictionary with
files of their own: ``ActorDictionary.load(paths)`` reads ours first, then each path in order; an
entry with a new name is added, one with an existing name replaces it whole. Bad data raises
``InputError`` naming the file and the entry.

``find_mentions`` finds every alias and title in a text in one pass of two precompiled trie
regexes (aliases as written, titles in any case), leftmost-longest, on word boundaries, after
folding diacritics and curly apostrophes (``fold`` keeps offsets, so spans index the original
text). A title resolves to the actor holding it on the given date; when none or several do, the
mention keeps its side with ``actor=None``.

A topic (a ``[[topic]]`` table in the same files) is a phrase that stands for one relation in
this period without naming its sides: "visa liberalisation" and "the refugee deal" are
Turkey–West, "charter flights" and "the downed jet" Turkey–Russia. Its ``sides`` are the sides
the phrase itself names (both, unless the entry says fewer: "allies" names only the West), its
``besides`` the third countries the story involves anyway ("Syrian refugees"). ``find_topics``
finds them in any case, on word boundaries, with a hyphen or a space between words alike; how a
topic weighs against the sides a statement names is :mod:`tracker.analysis.dyads`' business.
A topic may name Turkey alone and no relation ("the coup attempt": Turkey's own event); it then
pairs with the one partner the statement names. Topics are never actors: speakers and the event
layer do not see them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.errors import InputError
from tracker.models import DYADS, OTHER, SIDES
from tracker.paths import data_dir
from tracker.text.words import trie_pattern, word_set

KINDS = ("person", "body", "place")

# Words that make a speaker an outside observer whatever country the phrase names.
_ANALYST_WORDS = (
    r"analysts?|experts?|scholars?|professors?|researchers?|fellows?|associates?|economists?"
    r"|commentators?|observers?|academics?|lecturers?|think[- ]tanks?|strategists?|historians?"
    r"|columnists?|pollsters?|consultants?"
)
_ANALYST = re.compile(rf"\b(?:{_ANALYST_WORDS})\b", re.IGNORECASE)
# Heads of noun phrases that can speak although they name nobody: "a Russian diplomat said".
_SPEAKING_NOUNS = re.compile(
    rf"\b(?:{_ANALYST_WORDS}|officials?|diplomats?|spokes(?:man|men|woman|women|person|people)"
    r"|sources?|aides?|advis[eo]rs?|ministers?|ministry|ministries|ambassadors?|envoys?"
    r"|lawmakers?|MPs?|deput(?:y|ies)|leaders?|president|premier|chancellor|secretary|generals?"
    r"|commanders?|officers?|negotiators?|governments?|authorities|side|statement|communique"
    r"|media|press|office|embassy|presidency|counterparts?|delegations?|senators?|members?"
    r"|chief|head|director|chairman|executives?|representatives?|agency|council|committee"
    r"|parliament|army|military|party|people|residents|critics|opponents|supporters|palace"
    r"|administration|cabinet|militants|rebels|activists|allies|ally|partners?|countries|states)\b",
    re.IGNORECASE,
)
# Capitalised words that do not start or make a person's name.
_NOT_NAMES = word_set(
    "the a an this that these those he she they it we his her its their our one both many some "
    "several other others president prime minister deputy foreign secretary general spokesman "
    "spokeswoman chief ambassador senator chancellor mr mrs ms dr gen sir analyst professor "
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday in on at of"
)
# Titles, ranks and portfolios that stand before a name: a capitalised run they close is part of
# the title, not the name ("Justice Minister Ana Lopez", "Navy Capt. Ana Lopez").
_TITLE_WORDS = word_set(
    "president prime minister deputy foreign secretary general spokesman spokeswoman chief "
    "ambassador senator chancellor premier vice vice-premier vice-president vice-chancellor "
    "commissioner governor mayor envoy representative capt captain col colonel lt maj "
    "adm admiral sgt cmdr commander gen rep sen gov amb"
)
_NAME_JOINERS = frozenset(("al", "bin", "de", "von", "van", "der", "al-", "-"))
# A surname led by a lower-case Arabic article: "al-Abadi", "el-Sisi".
_NAME_PARTICLE = re.compile(r"(?:al|el|ad|ash|as|ar|at|az|bin|ibn)-[A-Z]")
# Words inside a preposition's object before the name that follows it ("to the UN Ana Lopez").
_OBJECT_FILLERS = frozenset(("the", "'s", "’s", "’", "'", "s"))
PREPOSITIONS = word_set(
    "with to of from by for on in at about between against toward towards over into among than "
    "like including via under upon"
)
_WORD = re.compile(r"\w+(?:[.'\-]\w+)*\.?|[^\w\s]")
_FINITE = re.compile(r"\b(?:is|are|was|were|will|would|has|have|had|can|could)\b", re.I)
_RELATIONAL = re.compile(
    r"'s?\s+(?:[\w\-]+\s+){0,2}?(?:allies|ally|partners?|counterparts?|neighbou?rs?|critics"
    r"|opponents|rivals|adversaries|friends)\b",
    re.IGNORECASE,
)
# Someone named by a relation to a person: "an adviser to X", "a spokesman for X", "a close
# ally of X"; the person after the preposition is not the speaker.
_AIDE_OF = re.compile(
    r"(?:(?:an?|the|one|two|some|senior|top|chief|close|former|longtime|key)\s+)*"
    r"(?:advis[eo]rs?|aides?|spokes(?:man|men|woman|women|person|people)|assistants?|envoys?"
    r"|representatives?|lawyers?|allies|ally|critics?|supporters?|opponents?|friends?|sons?"
    r"|daughters?|relatives?)\s+(?:to|for|of|close\s+to)\b",
    re.IGNORECASE,
)
# A document that speaks for its author: "a statement from the Kremlin", "the report by X".
_DOCUMENT_OF = re.compile(
    r"(?:an?|the)\s+(?:[\w\-]+\s+){0,2}?(?:statement|report|communiqu[eé]|readout"
    r"|press\s+release|letter|message)\s+(?:issued\s+|released\s+|published\s+)?(?:by|from|of)"
    r"\s+(.+)",
    re.IGNORECASE,
)
# A text that names no author is no speaker: "the decree said", "according to media reports",
# "the letter says". Its head noun (lower case: "Law" may start a party's name) closes the phrase
# or comes before a preposition or a participle ("reports on Tuesday", "a letter seen by").
_UNAUTHORED = re.compile(
    r"(?:(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Tt]hese|[Tt]hose|[Ii]ts|[Tt]heir)\s+)?"
    r"(?:[\w\-]+\s+){0,3}?"
    r"(?:reports?|letters?|decrees?|resolutions?|agreements?|documents?|laws?|treat(?:y|ies)"
    r"|bills?|drafts?|memorand(?:um|a)|regulations?|rulings?|verdicts?|texts?)"
    r"(?:$|\s+(?:[a-z]+ed|seen|written|signed|issued|on|in|at|from|earlier|late|last|this)\b)"
)
_MEDIA_WORDS = re.compile(
    r"\b(?:media|publications?|newspapers?|magazines?|journals?|websites?|broadcasters?"
    r"|outlets?|tabloids?|blogs?|bloggers?)\b",
    re.IGNORECASE,
)
_MEDIA_ROLE = re.compile(r"news|newspaper|broadcaster|magazine")
# Words that say a name is an outlet's ("the state news agency", "TV channel").
_OUTLET_HEADS = word_set(
    "agency newspaper daily broadcaster channel station website magazine weekly tabloid"
)
_OUTLET_WORDS = _OUTLET_HEADS | word_set("the news tv television radio state private official")
_POSSESSIVE = re.compile(r"'s?(?!\w)")
_SPLIT = re.compile(r"[\s-]+")


def _fold_table() -> dict[int, str]:
    table = {ord(c): " " for c in "\t\n\r\u00a0\u2007\u2009\u202f"}
    table.update({ord(c): "'" for c in "’‘ʼ`´"})
    table.update({ord(c): base for c, base in zip("ıøØđĐłŁ", "ioOdDlL", strict=True)})
    for cp in range(0x80, 0x250):
        parts = unicodedata.normalize("NFD", chr(cp))
        base = "".join(c for c in parts if not unicodedata.combining(c))
        if len(base) == 1 and cp not in table:
            table[cp] = base
    return table


_FOLD_TABLE = _fold_table()
_ASCII_FOLDED = [chr(c) for c in _FOLD_TABLE if c < 0x80]
_FOLDED = frozenset(chr(c) for c in _FOLD_TABLE)
# Characters whose plain form is itself folded again ("Ǿ" -> "Ø" -> "O"): replacing one
# character after another would fold them twice, where the table folds once.
_FOLDED_TWICE = frozenset(
    chr(c) for c, base in _FOLD_TABLE.items() if base != chr(c) and base in _FOLDED
)


_LAST_FOLD: tuple[str, str] = ("", "")


def fold(text: str) -> str:
    """Text with diacritics, curly apostrophes and odd spaces made plain, one char per char."""
    global _LAST_FOLD
    last = _LAST_FOLD
    if text is last[0]:
        return last[1]  # the speaker, mention and relation readers fold the same statement
    if text.isascii() and not any(c in text for c in _ASCII_FOLDED):
        folded = text  # the common case, and many times faster than translate
    else:
        # The few characters to fold, replaced one by one: a fraction of translate's time.
        found = _FOLDED.intersection(text)
        if found.isdisjoint(_FOLDED_TWICE):
            folded = text
            for c in found:
                folded = folded.replace(c, _FOLD_TABLE[ord(c)])
        else:
            folded = text.translate(_FOLD_TABLE)
    _LAST_FOLD = (text, folded)
    return folded


def _norm(form: str) -> str:
    return " ".join(fold(form).split())


def _date(value: Any, where: str) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", value.strip()):
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(value.strip())
    raise InputError(f"{where}: {value!r} is not a date; write it as YYYY-MM-DD.")


@dataclass(frozen=True)
class Title:
    """A title form ("Turkish president") and the period in which it means its actor."""

    form: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def holds_on(self, day: dt.date | None) -> bool:
        return day is None or (self.valid_from or day) <= day <= (self.valid_to or day)


@dataclass(frozen=True)
class Actor:
    name: str
    side: str
    role: str
    kind: str
    aliases: tuple[str, ...] = ()
    titles: tuple[Title, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    source: str = ""
    relation: str | None = None  # a relation the actor stands for: "Akkuyu" is Turkey–Russia


@dataclass(frozen=True)
class Topic:
    """A phrase that stands for a relation: "visa liberalisation" is Turkey–West."""

    name: str
    relation: str | None  # None: the topic names Turkey only and pairs with the partner named
    phrases: tuple[str, ...]
    sides: tuple[str, ...]  # the sides the phrase names by itself
    besides: tuple[str, ...] = ()  # actors (third countries) that leave the topic standing
    source: str = ""


@dataclass(frozen=True)
class TopicMention:
    start: int
    end: int
    topic: Topic


@dataclass(frozen=True)
class ActorMention:
    """One place in a text that names an actor or its side; ``actor`` is None when ambiguous."""

    start: int
    end: int
    surface: str
    actor: Actor | None
    side: str
    via: str = "alias"  # "alias" or "title"
    possessive: bool = False  # followed by 's / '


@dataclass(frozen=True)
class Identity:
    """Who a noun phrase names: a known actor, an unknown name, or a descriptor with a side."""

    speaker: str
    actor: str | None
    side: str | None


@dataclass(frozen=True)
class _Form:
    actor: Actor
    title: Title | None


def _parse_entry(raw: Any, where: str, source: str) -> Actor:
    if not isinstance(raw, dict):
        raise InputError(f"{where}: an [[actor]] entry must be a table of keys.")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InputError(f'{where}: the entry has no name; add name = "..." to it.')
    where = f"{where} ({name})"
    side = raw.get("side")
    if side not in SIDES:
        raise InputError(f"{where}: side {side!r} is not one of {', '.join(SIDES)}; fix the side.")
    kind = raw.get("kind", "person")
    if kind not in KINDS:
        raise InputError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}; fix the kind.")
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise InputError(f"{where}: aliases must be a list of non-empty strings.")
    valid_from = _date(raw.get("valid_from"), f"{where}, valid_from")
    valid_to = _date(raw.get("valid_to"), f"{where}, valid_to")
    titles = []
    for item in raw.get("titles", []):
        if isinstance(item, str) and item.strip():
            titles.append(Title(item, valid_from, valid_to))
        elif isinstance(item, dict) and isinstance(item.get("form"), str):
            since = _date(item.get("valid_from", valid_from), f"{where}, title valid_from")
            until = _date(item.get("valid_to", valid_to), f"{where}, title valid_to")
            titles.append(Title(item["form"], since, until))
        else:
            raise InputError(f'{where}: a title must be a string or {{ form = "..." }}.')
    relation = raw.get("relation")
    if relation is not None:
        relation = str(relation).replace("-", "\u2013")  # a hyphen typed for the dash
        if relation not in DYADS:
            raise InputError(
                f"{where}: relation {raw['relation']!r} is not one of {', '.join(DYADS)}; fix it."
            )
        if side != relation.split("\u2013")[1]:
            raise InputError(f"{where}: side {side!r} is not the partner in {relation}; fix it.")
    names = tuple(dict.fromkeys([name.strip(), *aliases]))
    role = str(raw.get("role", ""))
    return Actor(
        name.strip(), side, role, kind, names, tuple(titles), valid_from, valid_to, source, relation
    )


def _strings(raw: Any, key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(f"{where}: {key} must be a list of non-empty strings.")
    return tuple(v.strip() for v in value)


def _parse_topic(raw: Any, where: str, source: str) -> Topic:
    if not isinstance(raw, dict):
        raise InputError(f"{where}: a [[topic]] entry must be a table of keys.")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InputError(f'{where}: the topic has no name; add name = "..." to it.')
    where = f"{where} ({name})"
    sides = _strings(raw, "sides", where)
    if "relation" not in raw and sides == ("Turkey",):
        # "the coup attempt": Turkey's own event, the relation is the partner the text names
        return Topic(name.strip(), None, _phrases(raw, where), sides, _besides(raw, where), source)
    relation = str(raw.get("relation", "")).replace("-", "\u2013")
    if relation not in DYADS:
        raise InputError(
            f"{where}: relation {raw.get('relation')!r} is not one of {', '.join(DYADS)}; fix it."
        )
    both = tuple(relation.split("\u2013"))
    sides = sides or both
    if not set(sides) <= set(both):
        raise InputError(f"{where}: sides {list(sides)} are not sides of {relation}; fix them.")
    return Topic(name.strip(), relation, _phrases(raw, where), sides, _besides(raw, where), source)


def _phrases(raw: dict[str, Any], where: str) -> tuple[str, ...]:
    phrases = _strings(raw, "phrases", where)
    if not phrases:
        raise InputError(f"{where}: the topic has no phrases; add phrases = [...] to it.")
    return phrases


def _besides(raw: dict[str, Any], where: str) -> tuple[str, ...]:
    return _strings(raw, "besides", where)


def _read_file(path: Path) -> tuple[list[Actor], list[Topic]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: actor file not found; check the path.") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not valid TOML ({exc}); fix the syntax.") from None
    entries, topics = data.get("actor", []), data.get("topic", [])
    if not isinstance(entries, list) or not isinstance(topics, list):
        raise InputError(f"{path}: write actors as [[actor]] and topics as [[topic]] tables.")
    return (
        [_parse_entry(raw, f"{path}, entry {i + 1}", str(path)) for i, raw in enumerate(entries)],
        [_parse_topic(raw, f"{path}, topic {i + 1}", str(path)) for i, raw in enumerate(topics)],
    )


def read_actor_file(path: Path) -> list[Actor]:
    """The entries of one actor file, checked."""
    return _read_file(path)[0]


class ActorDictionary:
    """Actors by name, with a matcher for their aliases and titles."""

    def __init__(self, actors: Iterable[Actor], topics: Iterable[Topic] = ()) -> None:
        self.actors: dict[str, Actor] = {a.name: a for a in actors}
        self.topics: dict[str, Topic] = {t.name: t for t in topics}
        self._topic_forms = {
            _norm(p).casefold().replace("-", " "): t
            for t in self.topics.values()
            for p in t.phrases
        }
        # No topic: a pattern that never matches, so find_topics needs no test per call.
        forms = trie_pattern(self._topic_forms, r"[\s-]+") if self._topic_forms else "(?!)"
        self._topic_re = re.compile(rf"\b{forms}(?!\w)")
        self._aliases: dict[str, list[_Form]] = {}
        self._titles: dict[str, list[_Form]] = {}
        self._folded_names: dict[str, list[Actor]] = {}
        for actor in self.actors.values():
            for alias in actor.aliases:
                key = _norm(alias)
                for variant in {key, key.upper(), key[:1].upper() + key[1:]}:
                    self._aliases.setdefault(variant, []).append(_Form(actor, None))
                self._folded_names.setdefault(key.casefold(), []).append(actor)
            for title in actor.titles:
                key = _norm(title.form).casefold()
                self._titles.setdefault(key, []).append(_Form(actor, title))
        self._alias_re = re.compile(rf"(?<!\w){trie_pattern(self._aliases)}(?!\w)")
        titles = rf"(?<!\w){trie_pattern(self._titles)}(?!\w)"
        self._title_re = re.compile(titles, re.I)
        # On ASCII text, lower-case titles matched in the lowered text give the same matches
        # as the case-blind pattern, in half the time. (Other text may fold case differently.)
        self._ascii_title_re = None
        if all(key.isascii() for key in self._titles):
            self._ascii_title_re = re.compile(titles)
        # What an alias names does not depend on the date: resolved once, not per mention.
        self._alias_hits = {k: _resolve(forms, None) for k, forms in self._aliases.items()}

    @classmethod
    def load(cls, paths: Iterable[Path | str] = (), *, bundled: bool = True) -> ActorDictionary:
        """Our ``data/actors.toml`` (unless ``bundled=False``), then each user file in order."""
        files = [data_dir() / "actors.toml"] if bundled else []
        files += [Path(p) for p in paths]
        merged: dict[str, Actor] = {}
        topics: dict[str, Topic] = {}
        for path in dict.fromkeys(files):
            actors, found = _read_file(path)
            merged.update((a.name, a) for a in actors)
            topics.update((t.name, t) for t in found)
        return cls(merged.values(), topics.values())

    @staticmethod
    @functools.cache
    def default() -> ActorDictionary:
        return ActorDictionary.load()

    def find_mentions(self, text: str, on: dt.date | None = None) -> list[ActorMention]:
        folded = fold(text)
        found = [(*m.span(), "alias") for m in self._alias_re.finditer(folded)]
        if self._ascii_title_re is not None and folded.isascii():
            titles = self._ascii_title_re.finditer(folded.lower())
        else:
            titles = self._title_re.finditer(folded)
        found += [(*m.span(), "title") for m in titles]
        found.sort(key=lambda f: (f[0], f[0] - f[1]))
        mentions: list[ActorMention] = []
        last_end = -1
        for start, end, via in found:
            if start < last_end:
                continue
            last_end = end
            key = " ".join(folded[start:end].split())
            if via == "alias":
                actor, side = self._alias_hits[key]
            else:
                actor, side = _resolve(self._titles[key.casefold()], on)
            possessive = bool(_POSSESSIVE.match(folded, end))
            mentions.append(ActorMention(start, end, text[start:end], actor, side, via, possessive))
        return self._name_after_title(mentions, text)

    def find_topics(self, text: str) -> list[TopicMention]:
        """Where ``text`` names a topic that stands for a relation (any case)."""
        folded = fold(text)
        lowered = folded.lower()
        if len(lowered) != len(folded):
            return []  # a letter whose lower case is longer: offsets would not hold
        return [
            TopicMention(m.start(), m.end(), self._topic_forms[" ".join(_SPLIT.split(m.group()))])
            for m in self._topic_re.finditer(lowered)
        ]

    @staticmethod
    def _name_after_title(mentions: list[ActorMention], text: str) -> list[ActorMention]:
        # "Turkish Prime Minister Binali Yildirim": the name says who holds the title, whatever
        # the date says.
        out = list(mentions)
        for i, (title, name) in enumerate(zip(mentions, mentions[1:], strict=False)):
            person = name.actor is not None and name.actor.kind == "person"
            adjacent = not text[title.end : name.start].strip()
            if title.via == "title" and person and name.side == title.side and adjacent:
                out[i] = dataclasses.replace(title, actor=name.actor)
        return out

    def side_from_text(
        self, phrase: str, on: dt.date | None = None, mentions: list[ActorMention] | None = None
    ) -> str | None:
        """The side a descriptor speaks for: "a senior US official" is West; analysts, and
        outlets that name no country, are other.
        ``mentions``: the phrase's own, when the caller has found them already."""
        if _ANALYST.search(phrase):
            return OTHER
        found = self.find_mentions(phrase, on) if mentions is None else mentions
        if found and found[0].possessive and _RELATIONAL.match(fold(phrase), found[0].end):
            # "Turkey's NATO allies", "Russia's Turkish partners": the possessor's allies speak
            # for a side of their own ("Turkey's EU minister" speaks for the possessor's).
            later = [m for m in found[1:] if not m.possessive]
            return later[0].side if later else None
        if found:
            return found[0].side
        # "foreign media", "the publication X": outlets no side claims report from outside.
        return OTHER if _MEDIA_WORDS.search(phrase) else None

    def identify(
        self,
        phrase: str,
        on: dt.date | None = None,
        context: str = "",
        strict: bool = False,
        mentions: list[ActorMention] | None = None,
    ) -> Identity | None:
        """Who a speaker phrase names ("Kremlin spokesman Dmitry Peskov", "a Russian diplomat").

        A document speaks for its author ("a statement from the Kremlin" is the Kremlin). A
        known person wins, unless the phrase names someone by a relation to that person ("an
        adviser to President Erdogan", "a spokesman for Putin": a descriptor with the person's
        side); then an unknown proper name ("Alexander Baunov"); then a known body
        or place that is the whole phrase ("the Kremlin", "Ankara"); then a descriptor whose side
        comes from the phrase and ``context`` (an appositive). ``strict`` (weaker speech verbs)
        wants a descriptor headed by a noun that can speak. A text that names no author ("the
        decree", "media reports") is no speaker. News outlets report rather than
        speak: a phrase naming only an outlet gives None. ``mentions``: the phrase's own, offsets
        in ``phrase`` as given, when the caller has found them already.
        """
        stripped = len(phrase) - len(phrase.lstrip(" ,–-"))
        phrase = phrase.strip(" ,–-")
        if not phrase or len(phrase.split()) > 12:
            return None
        if mentions is not None and stripped:
            mentions = [shift(m, -stripped) for m in mentions]
        document = _DOCUMENT_OF.match(phrase)
        if document:
            author = self.identify(document.group(1), on, context, strict)
            if author is not None:
                return author  # "a statement from the Kremlin": the Kremlin speaks
        inside = self.find_mentions(phrase, on) if mentions is None else mentions
        if not inside and _UNAUTHORED.match(phrase):
            return None  # "the decree said": a text, not a speaker
        owners = {m.actor.name for m in inside if m.possessive and m.actor}
        # "Russian President Vladimir Putin's spokesman": the title belongs to the owner too.
        persons = [
            m for m in inside if m.actor and m.actor.kind == "person" and m.actor.name not in owners
        ]
        aide = _AIDE_OF.match(phrase)
        if aide and not _named_after_object(phrase, aide.end(), persons):
            persons = []  # "an adviser to President Erdogan": the adviser speaks
        if persons and persons[-1].actor:
            return _identity(persons[-1])
        # Without a context the text is the phrase (a space added changes no match).
        side = self.side_from_text(phrase + " " + context, on, None if context else inside)
        name = _proper_name(phrase, inside)
        if name:
            return Identity(name, None, side)
        named = [m for m in inside if not m.possessive]
        if named and named[-1].actor:
            last = named[-1]
            lead = phrase[: last.start].lower().split()
            headed = any(w in PREPOSITIONS or _SPEAKING_NOUNS.fullmatch(w) for w in lead)
            if not phrase[last.end :].strip(" ,'s") and not headed:
                media = _MEDIA_ROLE.search(last.actor.role) if last.actor else None
                return None if media else _identity(last)
        if _outlet(phrase, inside):
            return None  # "Tass news agency", "the TV channel France2": an outlet reports
        if _FINITE.search(phrase):
            return None
        if _SPEAKING_NOUNS.search(phrase) or (not strict and len(phrase.split()) <= 6):
            return Identity(phrase, None, side)
        return None

    def canonical(self, name: str, on: dt.date | None = None) -> str | None:
        """The canonical name for an alias, name or title (case and diacritics ignored)."""
        key = _POSSESSIVE.sub("", _norm(name)).strip()
        key = re.sub(r"^the\s+", "", key, flags=re.IGNORECASE)
        for candidate in (key, "the " + key):
            actors = self._folded_names.get(candidate.casefold(), [])
            if len(set(actors)) == 1:
                return actors[0].name
        titles = self._titles.get(key.casefold(), [])
        holders = {f.actor.name for f in titles if f.title and f.title.holds_on(on)}
        return holders.pop() if len(holders) == 1 else None

    def get(self, name: str) -> Actor | None:
        return self.actors.get(name)

    def rows(self) -> Iterator[dict[str, Any]]:
        """One dict per actor, ready for a DuckDB table."""
        for actor in self.actors.values():
            row = {f.name: getattr(actor, f.name) for f in dataclasses.fields(Actor)}
            row["aliases"] = list(actor.aliases)
            row["titles"] = list(dict.fromkeys(t.form for t in actor.titles))
            yield row


def shift(mention: ActorMention, by: int) -> ActorMention:
    """The mention with its offsets moved ``by`` characters."""
    return dataclasses.replace(mention, start=mention.start + by, end=mention.end + by)


def _resolve(forms: list[_Form], on: dt.date | None) -> tuple[Actor | None, str]:
    """The one actor ``forms`` name on ``on`` (None: none or several), and the side they name."""
    held = {id(f.actor): f.actor for f in forms if not f.title or f.title.holds_on(on)}
    actor = next(iter(held.values())) if len(held) == 1 else None
    sides = {f.actor.side for f in forms}
    return actor, sides.pop() if len(sides) == 1 else (actor.side if actor else OTHER)


def _identity(mention: ActorMention) -> Identity:
    name = mention.actor.name if mention.actor else mention.surface
    return Identity(name, name if mention.actor else None, mention.side)


def _outlet(phrase: str, mentions: list[ActorMention]) -> bool:
    """Whether ``phrase`` is an outlet's name with words that say it is one: "Tass news agency",
    "the TV channel France2", "the Milliyet newspaper" (a known outlet, or one unknown name)."""
    rest = phrase
    for m in sorted(mentions, key=lambda x: -x.start):
        if m.actor is None or not _MEDIA_ROLE.search(m.actor.role):
            return False
        rest = rest[: m.start] + " " + rest[m.end :]
    words = rest.split()
    names = [w for w in words if w[:1].isupper() and w.lower() not in _OUTLET_WORDS]
    others = [w for w in words if w.lower() not in _OUTLET_WORDS and w not in names]
    heads = [w for w in words if w.lower() in _OUTLET_HEADS]
    return bool(heads) and not others and len(names) + len(mentions) == 1


def _named_after_object(phrase: str, start: int, persons: list[ActorMention]) -> bool:
    """Whether the person named last in ``phrase`` is the aide, not the object of the relation
    that ends at ``start``: "a spokeswoman for the foreign ministry Ana Lopez" (a body between
    the preposition and the name) against "an adviser to Erdogan", "an aide to Turkish
    President Erdogan" (nothing, or a title, right before the name)."""
    if not persons or phrase[persons[-1].end :].strip(" ,"):
        return False
    between = _WORD.findall(phrase[start : persons[-1].start])
    last = between[-1].lower().rstrip(".") if between else ""
    return bool(last) and last.isalpha() and last not in _TITLE_WORDS | _NOT_NAMES | PREPOSITIONS


def _proper_name(phrase: str, mentions: list[ActorMention]) -> str | None:
    """The run of capitalised words no mention covers: "analyst Ivan Petrov at ..."; a title,
    rank or portfolio before a name is not part of it ("Justice Minister Ana Lopez", "Navy
    Capt. Ana Lopez" name Ana Lopez), nor is a known body a title's preposition governs
    ("envoy to NATO Ana Lopez"); a name right after a preposition is the title's object, not the
    speaker ("an adviser to Ana Lopez")."""
    run: list[str] = []
    # After a preposition with no name yet: None (none), False (no object yet), True (a known
    # actor is its object, so a name may follow).
    governed: bool | None = None
    for m in _WORD.finditer(phrase):
        word = m.group()
        covered = any(x.start <= m.start() < x.end for x in mentions)
        title = word.lower().rstrip(".") in _TITLE_WORDS
        particle = _NAME_PARTICLE.match(word) is not None  # "al-Abadi"
        capital = (word[:1].isupper() or particle) and word.lower().rstrip(".") not in _NOT_NAMES
        capital = capital and not title
        joiner = bool(run) and word in _NAME_JOINERS
        if governed is not None and not run:
            by = next((x for x in mentions if x.start <= m.start() < x.end), None)
            if by is not None or word.lower() in _OBJECT_FILLERS:
                # A person as the object ("an aide to President Erdogan") is no body a name
                # may follow: the words after it are that person's.
                governed = governed or bool(by and by.actor and by.actor.kind != "person")
                continue
            if not (governed and capital and not _SPEAKING_NOUNS.fullmatch(word)):
                break
        if not covered and (capital and not _SPEAKING_NOUNS.fullmatch(word) or joiner):
            run.append(word)
        elif run and title:
            run = []  # "Justice Minister", "Navy Capt.": the name comes after the title
        elif run:
            if covered or (word[:1].islower() and word not in PREPOSITIONS) or governed:
                # "Senior officials", "Senior Turkish officials": sentence case; after a
                # preposition's object only a name that ends the phrase is the speaker's
                # ("sources in the Turkish Presidential Administration" is none).
                return None
            break
        elif word.lower() in PREPOSITIONS:
            governed = False
    while run and not (run[-1][:1].isupper() or _NAME_PARTICLE.match(run[-1])):
        run.pop()
    if governed and len(run) < 2:
        return None  # a person's name has two words at least; "… to NATO Headquarters"
    return " ".join(run).replace(" - ", "-") or None
