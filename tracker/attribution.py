"""Whose words each statement of a document carries.

``attribute(statements, published, actors)`` takes the statement texts of one document in order
and returns one ``Attribution`` each: the speaker (canonical name when the actor dictionary knows
it, the phrase as written otherwise, "narrator" when nobody is quoted), the speaker's actor and
side, the span of the attribution phrase, the quoted passages, and whether the speaker came from
a quotation running over from a neighbouring statement.

Inside one statement (a verb inside quotation marks never counts), in order of preference:
"X said" / "X told Y" / "X, who ..., said" / "said X" / "X was quoted as saying"; "according to
X"; "X emphasised/warned/denied/..." (weaker verbs: the phrase must name someone who can speak);
"X ... and said" / ", saying" (the sentence subject speaks); "as he confirmed" (a clause that may
still carry the point). Verbs in clauses that only set the scene ("after X said", "which
officials said", "what Erdogan called") give no speaker. "X: “...”" at the start names X.
"he/she/they said" takes the most recent earlier speaker, or else the person a narrated sentence
is about, that is not the listener ("he told Putin" is not Putin). A statement inside a
quotation opened or closed in a neighbouring statement, or made only of a quotation next to an
attributed one, takes that quotation's speaker.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.actors import PREPOSITIONS, ActorDictionary, ActorMention, Identity, fold, word_set

NARRATOR = "narrator"
_MASK = "\u25a0"  # stands in for quoted text (not \w, not \s), so no verb inside a quote counts
_OPEN, _CLOSE = "“«„", "”»"
_VERB_RE = re.compile(
    rf"\b(?:(?P<passive>(?:was|were|is|are|been|being)\s+(?:quoted|cited)"
    rf"(?:\s+by\s+[^,.;{_MASK}]{{1,60}}?)?\s+as\s+(?:saying|telling))"
    r"|(?P<strong>said|says|say|told|tells|added|adds|stated|declared|declares|wrote|writes"
    r"|tweeted|explained|explains|replied|replies|remarked|commented|continued|quipped)"
    r"|(?P<weak>emphasi[sz]e[sd]|stresse[sd]|noted|notes|warned|warns|insist(?:ed|s)"
    r"|announce[sd]|confirm(?:ed|s)|denied|denies|accuse[sd]|called|calls|urge[sd]|argue[sd]"
    r"|claim(?:ed|s)|assert(?:ed|s)|underline[sd]|underscored|reiterated|reiterates"
    r"|acknowledged|admitted|complained|vowed|vows|pledged|promised|threatened|demanded"
    r"|suggested|predicted|described|critici[sz]e[sd]|condemned|condemns|praised|praises"
    r"|thanked|hailed|slammed|blasted|lashed out|pointed out)"
    r"|(?P<part>saying|adding|noting|stressing|emphasi[sz]ing|insisting|warning|telling"
    r"|explaining|arguing|urging|describing)"
    r"|(?P<according>according\s+to))\b",
    re.IGNORECASE,
)
_RANK = {"strong": 0, "passive": 0, "according": 1, "weak": 2, "part": 3}
_INVERTING = word_set(
    "said says added adds wrote continued explained replied stressed noted insisted warned remarked"
)
_LISTENING = word_set("told tells telling thanked accused urged warned called")
_AUX = word_set(
    "has have had also later again then further earlier previously reportedly once repeatedly "
    "publicly recently separately subsequently initially first last just already himself "
    "herself itself themselves would will did does do was is were are been not never yesterday "
    "today however too both all alone personally privately openly flatly bluntly angrily"
)
_NOT_ADVERBS = frozenset(("ally", "rally", "family", "assembly", "supply", "reply", "anomaly"))
_STOP = word_set(
    "and but or as while when that which what after before because since if though although "
    "whereas where so once until nor than whether how why"
)
_SUBORDINATE = frozenset(("as", "while", "whereas", "that", "than"))  # may still be the point
_SCENE = _STOP - _SUBORDINATE - {"and", "but", "or", "so", "nor"}  # only sets the scene
_PRONOUNS = {"he": "person", "she": "person", "they": "any", "it": "group", "we": "any"}
_TOKEN = re.compile(r"\w+(?:[.'\-]\w+)*\.?|[^\w\s]")
_TIME_TAIL = re.compile(
    r"\s+(?:on|last|this|late|early)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday|week|month|night|morning|evening|year)$"
)
_INVERTED_END = re.compile(
    r"\s(?:in|on|at|during|after|before|when|as|while|to|told|last|this|who|which|adding"
    r"|referring|according)\s"
)


@dataclass(frozen=True)
class Attribution:
    speaker: str
    actor: str | None
    side: str | None
    span: tuple[int, int] | None
    quote_spans: tuple[tuple[int, int], ...] = ()
    is_quote_continuation: bool = False
    how: str = "none"  # verb, inverted, according, colon, coordinated, pronoun, continuation


@dataclass(frozen=True)
class _Cand:
    rank: int  # 0 speech verb, 1 according to, 2 weaker verb, 3 coordinated, 4 "as"-clause
    pos: int
    span: tuple[int, int]
    who: Identity
    how: str
    pronoun: str | None = None  # "person", "group" or "any": resolved against earlier speakers
    listener: str | None = None


def _quotes(text: str, open_at_start: bool) -> tuple[list[tuple[int, int]], bool]:
    """Quoted regions (marks included) and whether a quotation is still open at the end."""
    regions: list[tuple[int, int]] = []
    start: int | None = 0 if open_at_start else None
    for i, char in enumerate(text):
        if start is None and (char in _OPEN or char == '"'):
            start = i
        elif start is not None and (char in _CLOSE or char == '"') and i > start:
            regions.append((start, i + 1))
            start = None
        elif start is None and char in _CLOSE and not regions:
            regions.append((0, i + 1))  # the quotation began in an earlier statement
    if start is not None:
        regions.append((start, len(text)))
    for m in re.finditer(r"‘[^‘’“”]*?’(?!\w)", text):
        if not any(s <= m.start() < e for s, e in regions):
            regions.append((m.start(), m.end()))
    return sorted(regions), start is not None


def _content(text: str, region: tuple[int, int]) -> tuple[int, int]:
    start, end = region
    start += text[start : start + 1] in _OPEN + '"‘'
    end -= end > start and text[end - 1 : end] in _CLOSE + '"’'
    return start, end


def _known(mention: ActorMention) -> Identity:
    name = mention.actor.name if mention.actor else mention.surface
    return Identity(name, name if mention.actor else None, mention.side)


class _Statement:
    """One statement: its text, a copy with quotations masked, its mentions, phrase readers."""

    def __init__(self, text: str, regions: list[tuple[int, int]], actors: ActorDictionary,
                 on: dt.date | None) -> None:  # fmt: skip
        self.text, self.actors, self.on = text, actors, on
        chars = list(fold(text))
        for start, end in regions:
            chars[start:end] = _MASK * (end - start)
        self.masked = "".join(chars)
        self.mentions = actors.find_mentions(text, on)

    def phrase_start(self, end: int) -> tuple[int, str | None]:
        """Start of the phrase ending at ``end`` and the word or mark that bounds it."""
        tokens = list(_TOKEN.finditer(self.masked, 0, end))
        for i in range(len(tokens) - 1, -1, -1):
            tok = tokens[i].group()
            if tok in ".;:!?()[],–—" or tok[0] == _MASK or tok.lower() in _STOP:
                if tok == "." and i and len(tokens[i - 1].group()) <= 3:
                    continue  # "U.S." / "St." abbreviations
                return self.skip_space(tokens[i].end()), tok.lower()
        return self.skip_space(0), None

    def skip_space(self, pos: int) -> int:
        while pos < len(self.masked) and self.masked[pos] in " –-":
            pos += 1
        return pos

    def strip_aux(self, end: int) -> int:
        """End of the subject before "has also said", "on Tuesday said", "bluntly told"."""
        while True:
            head = self.masked[:end].rstrip()
            tail = _TIME_TAIL.search(head) or re.search(r"\w+$", head)
            word = tail.group() if tail else ""
            adverb = word.endswith("ly") and word.islower() and len(word) > 4
            if not tail or not (word[:1] == " " or word in _AUX or adverb) or word in _NOT_ADVERBS:
                return len(head)
            end = tail.start()

    def who(self, start: int, end: int, context: str, strict: bool) -> _Cand | None:
        """The speaker the phrase text[start:end] names, as a candidate without rank."""
        phrase = self.text[start:end].strip(" ,")
        low = phrase.lower()
        if low in _PRONOUNS:
            return _Cand(0, 0, (0, 0), Identity(phrase, None, None), "pronoun", _PRONOUNS[low])
        found = self.actors.identify(phrase, self.on, context, strict)
        return _Cand(0, 0, (0, 0), found, "verb") if found else None

    def subject(self, before: int) -> ActorMention | None:
        """The person or body a sentence is about: its first mention not after a preposition."""
        for m in self.mentions:
            if m.start >= before or self.masked[m.start] == _MASK:
                return None
            prev = re.search(r"(\w+)\W*$", self.masked[: m.start])
            if m.possessive or (prev and prev.group(1).lower() in PREPOSITIONS):
                continue
            if m.actor and (m.actor.kind != "place" or not self.masked[: m.start].strip(" –-")):
                return m
        return None

    def listener(self, verb_end: int) -> str | None:
        for m in self.mentions:
            if m.start >= verb_end and not self.text[verb_end : m.start].strip(" the"):
                return m.actor.name if m.actor else None
        return None


def _candidates(st: _Statement) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _VERB_RE.finditer(st.masked):
        kind, verb, vs, ve = m.lastgroup or "", m.group().lower(), m.start(), m.end()
        if kind == "according":
            stop = ve + len(re.split(rf"[,.;:!?{_MASK}]", st.masked[ve:], maxsplit=1)[0])
            found = st.who(st.skip_space(ve), stop, "", True)
            span = (vs, len(st.text[:stop].rstrip()))
        elif _false_verb(st, verb, vs, ve, kind == "passive"):
            continue
        else:
            found = _verb_candidate(st, kind, verb, vs, ve)
            span = found.span if found else (vs, ve)
        if found and not (kind == "according" and found.pronoun):
            listener = st.listener(ve) if verb in _LISTENING else None
            rank = max(_RANK[kind], found.rank)
            how = "according" if kind == "according" else found.how
            out.append(_Cand(rank, vs, span, found.who, how, found.pronoun, listener))
    head = re.match(rf"\W*([^:{_MASK}]{{2,60}}?)\s*:\s*", st.masked)
    if head and not out:
        found = st.who(head.start(1), head.end(1), "", True)
        person = found and found.who.actor and st.actors.actors[found.who.actor].kind == "person"
        if found and (st.masked[head.end() : head.end() + 1] == _MASK or person):
            out.append(_Cand(0, 0, (head.start(1), head.end()), found.who, "colon", found.pronoun))
    return out


def _false_verb(st: _Statement, verb: str, vs: int, ve: int, passive: bool) -> bool:
    """Speech-verb words that report no words: "is said to", "to say", "called off"."""
    before, after = st.masked[max(0, vs - 12) : vs].lower(), st.masked[ve : ve + 6].lower()
    if not passive and re.search(r"\b(?:was|were|been|being|be|is|are|so|what)\s*-?$", before):
        return True
    if verb in ("said", "wrote") and after.startswith(" to "):
        return True
    modal = r"(?:\bto|would|could|will|might|may|can|should|must|n't|not|did|does|do)\s+$"
    if verb == "say" and re.search(modal, before):
        return True
    # "called off", "called Putin": a cancellation or a telephone call, not words.
    return verb in ("called", "calls") and (
        after.startswith(" off") or any(x.start - ve in (1, 5) for x in st.mentions)
    )


def _verb_candidate(st: _Statement, kind: str, verb: str, vs: int, ve: int) -> _Cand | None:
    text, masked = st.text, st.masked
    strict = kind in ("weak", "part")
    end = st.strip_aux(vs)
    head = masked[:end].rstrip()
    if kind == "part" or re.search(r"(?:^|\s)(?:and|but|then)$", head.lower()):
        subject = st.subject(vs)
        if subject and subject.actor:
            return _Cand(3, vs, (subject.start, ve), _known(subject), "coordinated")
        pronoun = re.match(r"\W*(He|She)\b", text)
        if pronoun:
            who = Identity(pronoun.group(1).lower(), None, None)
            return _Cand(3, vs, (vs, ve), who, "pronoun", "person")
        return None
    context = ""
    if not head or head[-1] in ",:" + _MASK:
        comma = len(head) - 1
        c0, _ = st.phrase_start(max(comma, 0))
        appositive, before = masked[c0:comma].strip(), masked[:c0].rstrip()
        if head.endswith(",") and before.endswith(","):
            if appositive[:1].islower() or appositive[:4] == "The ":
                context, end = text[c0:comma], len(before) - 1  # "X, who ..., said"
            else:
                # "Russia's envoy to Ankara, Andrei Karlov, said": the name is the appositive.
                d0, _ = st.phrase_start(len(before) - 1)
                found = st.who(c0, comma, text[d0 : len(before) - 1], strict)
                if not found or found.pronoun:
                    return None
                return _Cand(0, vs, (d0, ve), found.who, "verb")
        elif kind == "strong" and verb in _INVERTING:
            return _inverted(st, vs, ve)
        else:
            return None
    start, marker = st.phrase_start(end)
    if start >= end or marker in _SCENE or masked[start:end].strip().lower() in ("who", "which"):
        return None  # a scene-setting or relative clause: the main clause, if any, speaks
    found = st.who(start, end, context, strict)
    if found is None:
        return None
    rank = 4 if marker in _SUBORDINATE else 0
    return _Cand(rank, vs, (start, ve), found.who, found.how, found.pronoun)


def _inverted(st: _Statement, vs: int, ve: int) -> _Cand | None:
    """'“...,” said Kremlin spokesman Dmitry Peskov, ...'."""
    after = re.match(rf"\s*([^,.;:!?{_MASK}]+)(.*)", st.masked[ve:])
    if not after or not after.group(1)[:1].isalpha():
        return None
    phrase = after.group(1)
    cut = _INVERTED_END.search(" " + phrase + " ")
    stop = ve + after.start(1) + (cut.start() if cut else len(phrase))
    found = st.who(ve + after.start(1), stop, st.text[ve : ve + after.end(2)], False)
    if not found:
        return None
    return _Cand(0, vs, (vs, len(st.text[:stop].rstrip())), found.who, "inverted", found.pronoun)


def attribute(
    statements: Sequence[str], published: dt.date | None, actors: ActorDictionary
) -> list[Attribution]:
    """One Attribution per statement of a document, in order."""
    regions: list[list[tuple[int, int]]] = []
    starts_open: list[bool] = []
    is_open = False
    for text in statements:
        starts_open.append(is_open)
        found, is_open = _quotes(text, is_open)
        regions.append(found)
    parsed = [_Statement(t, r, actors, published) for t, r in zip(statements, regions, strict=True)]
    results: list[Attribution | None] = []
    full_names: dict[str, Identity] = {}  # "Baunov" -> the "Alexander Baunov" met earlier
    for i, st in enumerate(parsed):
        cands = sorted(_candidates(st), key=lambda c: (c.rank, c.pos))
        if not cands:
            results.append(None)
            continue
        c, who, how = cands[0], cands[0].who, cands[0].how
        if c.pronoun:
            who, how = _antecedent(parsed, results, i, c, actors) or who, "pronoun"
        elif who.actor is None and who.speaker[:1].isupper():
            if " " in who.speaker:
                full_names[who.speaker.split()[-1]] = who
            who = full_names.get(who.speaker, who)
        quotes = tuple(_content(st.text, r) for r in regions[i])
        results.append(Attribution(who.speaker, who.actor, who.side, c.span, quotes, False, how))
    return _fill_quotations(statements, regions, starts_open, results)


def _antecedent(
    parsed: list[_Statement],
    results: list[Attribution | None],
    i: int,
    cand: _Cand,
    actors: ActorDictionary,
) -> Identity | None:
    """The earlier speaker (or person a narrated sentence is about) a pronoun stands for."""

    def fits(name: str | None) -> bool:
        actor = actors.get(name) if name else None
        if name is not None and name == cand.listener:
            return False
        if cand.pronoun == "person":
            return actor is None or actor.kind == "person"
        return cand.pronoun != "group" or actor is None or actor.kind != "person"

    for j in range(i - 1, max(-1, i - 8), -1):
        prior = results[j]
        if prior is not None and prior.speaker != NARRATOR:
            if fits(prior.actor):
                return Identity(prior.speaker, prior.actor, prior.side)
        elif prior is None:
            # A narrated sentence: the person it is about first, then the others it names.
            first = parsed[j].subject(len(parsed[j].text))
            named = ([first] if first else []) + parsed[j].mentions
            for m in named:
                if m.actor and m.actor.kind == "person" and fits(m.actor.name):
                    return _known(m)
    return None


def _fill_quotations(
    statements: Sequence[str],
    regions: list[list[tuple[int, int]]],
    starts_open: list[bool],
    results: list[Attribution | None],
) -> list[Attribution]:
    n = len(statements)
    quotes = [tuple(_content(t, r) for r in rs) for t, rs in zip(statements, regions, strict=True)]

    def give(k: int, owner: Attribution | None) -> None:
        if results[k] is None and owner is not None:
            results[k] = Attribution(
                owner.speaker, owner.actor, owner.side, None, quotes[k], True, "continuation"
            )

    def bare(k: int) -> bool:
        rest = statements[k]
        for start, end in reversed(regions[k]):
            rest = rest[:start] + rest[end:]
        return bool(regions[k]) and not re.search(r"\w", rest)

    i = 0
    while i < n:  # runs of statements joined by a quotation left open at a statement's end
        j = i
        while j + 1 < n and starts_open[j + 1]:
            j += 1
        owner = next((results[k] for k in range(j, i - 1, -1) if results[k]), None)
        for k in range(i, j + 1):
            give(k, owner)
        i = j + 1
    # A statement made only of a quotation belongs to a quoting neighbour.
    for k in range(1, n):
        if bare(k) and regions[k - 1]:
            give(k, results[k - 1])
    for k in range(n - 2, -1, -1):
        if bare(k) and regions[k + 1]:
            give(k, results[k + 1])
    return [r or Attribution(NARRATOR, None, None, None, quotes[k]) for k, r in enumerate(results)]
