"""Whose words each statement of a document carries.

``attribute(statements, published, actors)`` takes the statement texts of one document in order
and returns one ``Attribution`` each: the speaker (canonical name when the actor dictionary knows
it, the phrase as written otherwise, "narrator" when nobody is quoted), the speaker's actor and
side, the span of the attribution phrase, the quoted passages, whether the speaker came from
a quotation running over from a neighbouring statement, and the members of a speaker that is a
list ("Germany, France and Italy said": :mod:`tracker.analysis.attribution.speakers`).

Inside one statement (a verb inside quotation marks never counts, nor one that reports an act rather
than words: see :mod:`tracker.analysis.attribution.speech_verbs`), in order of preference: "X said"
/ "X told Y" / "X, who ..., said" / "X, on his first visit to Turkey, told" / "said X" (also "“…,” —
said on Friday X", a dash and a time or place adverbial before the subject; a participle phrase
after the name, "said X standing beside Y", describes X) / "X was quoted as saying"; "according to
X" / ", citing X" (an outlet's report cites its source); "X emphasised/warned/denied/..." (weaker
verbs: the phrase must name someone who can speak); "X ... and said" / ", saying" (the sentence
subject speaks; in ", with X calling the ban unacceptable" the subject after "with" does); "as he
confirmed" (a clause that may still carry the point). An adverbial before the subject
is not part of the speaker ("On Tuesday Germany said", "In a statement on Friday Russia said":
:mod:`tracker.analysis.attribution.adverbials`). A reporting clause at the end of
the sentence (", the Kremlin said.", ", according to the Kremlin.") reports everything before
it, so it beats any earlier one: in "Putin told Erdogan that …, the Kremlin said" the Kremlin
speaks. Verbs in clauses that only set the scene ("after X said", "after X sent a letter saying",
"which officials said", "what
Erdogan called") give no speaker. "X: “...”" at the start names X.

A government, a country or a capital that does anything but say ("Brussels promised to speed up
payments", "Turkey pledged that returnees would be safe", "Turkey has demanded the EU provide
funds", "Washington condemned the attack", "Ankara announced that Turkey would not introduce
visas") acts, and the journalist reports the act: the statement stays the narrator's. Only the
plain verbs of saying ("said", "told", "stated", ...) and those that report nothing but words, a
charge or a stance ("Moscow accused Ankara of …", "Turkey expressed regret", "Ankara insisted
that …"), make such a body a speaker ("the EU says Turkey must change its law"); persons and
offices (a minister, the Kremlin) speak with any verb.

A list of speakers speaks as one: the speaker is the whole phrase, its side the side all members
share, else "other", so a joint statement of Turkey and Russia ("Russia and Turkey said") is
about Turkey–Russia from the names in it, narrated by neither side. A list is read wherever a
single speaker is (before the verb, after "said" or "according to", before a colon); a list
that sets the scene ("After Germany and France said …") gives no speaker, and a list of
governments and countries that acts ("the US and Russia hailed the deal") is reported like one
of them.

A transcript labels its speakers: a name or title in capitals and a colon opening a paragraph
("THE VICE PRESIDENT:  I want to thank …", "FOREIGN MINISTER (as interpreted): …"). The
labelled speaker says that statement and every one after it up to the next label, except one
that names a speaker of its own (the paragraphs under a label are all that speaker's remarks;
a new label opens a paragraph, so the statements themselves show where a turn ends). A label
names a person, a title with a side, or a title or surname an earlier statement gives in full
("Vice President Ana Lopez" before "THE VICE PRESIDENT:", "MS. LOPEZ:"); a questioner's label
("Q:") gives the floor back to the narrator; a place ("BRUSSELS:", a dateline), an outlet, a
word such as "BREAKING:" and a headline in capitals ("ERDOGAN: NO APOLOGY") are no labels.

A page that is one speaker's statement or remarks names its author in a headline among its first
statements ("Statement of the EU heads of state or government", "Press statement by the Russian
foreign ministry on the talks": a plain noun phrase with a side, a topic after "on" left out).
The author says that headline and every later statement no one else says (no speaker of its own,
no quotation running over), and a narrated sentence of the page is the author's when a pronoun
looks for its antecedent ("They welcomed …"). A transcript is left to its labels.

A speaker that names no side ("ministry sources", "the statement", an unresolved "it") after the
words it reports speaks for the body or country those words open with, when that body speaks or
takes a stance itself ("Turkey on Monday warned the envoy …, ministry sources said", "“Moscow
expresses concern …,” the statement said"; not "Turkey must stop …, the statement said"). "it said"
after a body or country the same sentence opened with ("Moscow ruled out a military reply, but it
pledged curbs") is that body. "he/she/they said" takes the most recent earlier speaker, or else the
person a narrated sentence is about, that is not the listener ("he told Putin" is not Putin); only
"they" and "we" stand for a list. A statement inside a quotation opened or closed in a neighbouring
statement, or made only of a quotation next to an attributed one, takes that quotation's speaker
(:mod:`tracker.text.quotes`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.analysis.actors import ActorDictionary, Identity
from tracker.analysis.attribution.speakers import STOP, Group, SpeakerText, known
from tracker.analysis.attribution.speech_verbs import (
    INVERTING,
    LISTENING,
    MASK,
    QUOTED_AS,
    RANK,
    UTTERING,
    VERB_RE,
    reports_no_words,
)
from tracker.models import NARRATOR
from tracker.text.quotes import document_quotes, give_quotations_owners, quote_content
from tracker.text.words import caseless, lower_cased

_SUBORDINATE = frozenset(("as", "while", "whereas", "that", "than"))  # may still be the point
_SCENE = STOP - _SUBORDINATE - {"and", "but", "or", "so", "nor"}  # only sets the scene
_INVERTED_END = re.compile(
    r"\s(?:in|on|at|during|after|before|when|as|while|to|told|last|this|who|which|adding"
    r"|referring|according)\s"
)
_FINITE = re.compile(r"\b(?:is|are|was|were|will|would|has|have|had|can|could|should|must)\b")
_INSTITUTION_ROLE = re.compile(
    r"country|capital|city|bloc|seat|union|alliance|executive|heads of state|government"
    r"|company|armed forces|parliament|legislature"
)
_INSTITUTION_HEAD = re.compile(
    r"\b(?:government|authorities|administration|country|countries|side|bloc|state|states"
    r"|union|alliance)$",
    re.IGNORECASE,
)
_TAIL_WORDS = 12
_ANY_WORD = re.compile(r"\w")
_CLAUSE_MARK = re.compile(r"[,;:]|\bthat\b")
_VERB_LOWER = lower_cased(VERB_RE)  # on the lower-cased text: the same verbs, twice as fast
_COLON_HEAD = re.compile(rf"\W*([^:{MASK}]{{2,60}}?)\s*:\s*")  # "Erdogan: “…”"
_COORDINATED = re.compile(r"(?:^|\s)(?:and|but|then)$")  # "X … and said"
# ", saying", "“…” — adding": what may stand before a participle that reports words.
_PARTICIPLE_AFTER = re.compile(rf"[,–—{MASK}]$")
# "issued a statement saying", "sent a letter to the ministry saying": a participle right after a
# written message reports its words without a comma; the sentence subject wrote it.
_MESSAGE_BEFORE = re.compile(
    r"\b(?:statement|letter|message|note|tweet|post|release|communiqu[eé]|declaration)s?"
    r"(?:\s+[\w'’.-]+){0,4}$",
    re.IGNORECASE,
)
# A transcript's speaker label: a name or title in capitals and a colon opening a paragraph,
# an optional note in brackets ("(as interpreted)") before the colon, remarks in sentence case.
_LABEL = re.compile(
    r"([A-Z](?:[A-Z0-9.'’\- ]{0,58}[A-Z.])?)\s*(?:\([^)]{1,40}\)\s*)?:\s+(?=.*[a-z])"
)
_QUESTION_LABEL = frozenset(("Q", "QUESTION", "QUESTIONS", "Q."))
_FLOOR = Identity(NARRATOR, None, None)  # a questioner's label: the narrator has the floor again
_LABEL_HONORIFICS = re.compile(r"^(?:THE|MR\.?|MRS\.?|MS\.?|DR\.?)\s+")
# "…, with Turkish officials saying": an absolute phrase whose subject follows "with".
_WITH_SUBJECT = re.compile(rf"(?:^|[,;–—]\s*)with\s+([^,;:()–—{MASK}]{{2,80}}?)\s*$", re.I)
_CLAUSE_TOKEN = re.compile(rf"[\w'’]+|[,;:()–—{MASK}]")
_DASH_AFTER_QUOTE = re.compile(rf"[,{MASK}]\s*[–—-]+$")
# A page that is one speaker's statement or remarks names its author in its headline
# ("Statement of the EU leaders", "Remarks by the Foreign Minister on the talks"); a topic after
# "on", "regarding" ... is no part of the author.
_AUTHOR_HEADLINE = re.compile(
    r"(?:(?:Joint|Press|Official|Written)\s+)?(?:Statement|Remarks|Declaration|Communiqu[eé]"
    r"|Speech|Address|Message)\s+(?:of|by|from)\s+(.{2,100}?)(?:\s+(?:on|regarding|concerning"
    r"|about|following|after|at|to|in|upon|before)\s.*)?[.:]?\s*",
    re.IGNORECASE,
)
# Quotation marks, spaces and an article before the noun a sentence or its quotation opens with.
_OPENING_FILLER = re.compile(r"^[\s“”\"'‘«„]*(?:the\s+)?", re.IGNORECASE)
_BEFORE_VERB = re.compile(r"\s+(?:(?:late\s+|early\s+)?on\s+\w+day\s+)?(?:also\s+|again\s+)?")
_STANCE = re.compile(r"(?:regards|considers|believes|sees|views)\b")
_HEADLINE_WITHIN = 8  # statements: furniture may come before the headline
_HEADLINE_MAX_WORDS = 20
_NAME_THEN_PARTICIPLE = re.compile(r"[A-Z][\w'’\-]*\s+((?!during\b|according\b)[a-z]{2,}ing)\b")


@dataclass(frozen=True)
class Attribution:
    speaker: str
    actor: str | None
    side: str | None
    span: tuple[int, int] | None
    quote_spans: tuple[tuple[int, int], ...] = ()
    is_quote_continuation: bool = False
    how: str = (
        "none"  # verb, inverted, quoted, according, colon, coordinated, pronoun, continuation,
        # label (a transcript's speaker label and the remarks under it)
    )
    members: tuple[str, ...] = ()  # a list of speakers: who each member names; else empty


@dataclass(frozen=True)
class _Cand:
    rank: int  # 0 speech verb, 1 according to, 2 weaker verb, 3 coordinated, 4 "as"-clause
    pos: int
    span: tuple[int, int]
    who: Identity
    how: str
    pronoun: str | None = None  # "person", "group" or "any": resolved against earlier speakers
    listener: str | None = None
    trailing: bool = False  # ", the Kremlin said." closing the sentence
    members: tuple[Identity, ...] = ()


def _cand(
    who: Identity, how: str, rank: int = 0, pos: int = 0, span: tuple[int, int] = (0, 0)
) -> _Cand:
    return _Cand(rank, pos, span, who, how, SpeakerText.pronoun(who))


def _group_cand(
    group: Group, how: str, rank: int = 0, pos: int = 0, span: tuple[int, int] = (0, 0)
) -> _Cand:
    return _Cand(rank, pos, span, group.identity, how, members=group.members)


def _candidates(st: SpeakerText) -> list[_Cand]:
    out: list[_Cand] = []
    lowered = caseless(st.masked)
    verbs = VERB_RE.finditer(st.masked) if lowered is None else _VERB_LOWER.finditer(lowered)
    for m in verbs:
        kind, verb, vs, ve = m.lastgroup or "", m.group().lower(), m.start(), m.end()
        if kind == "according":
            stop = ve + len(re.split(rf"[,.;:!?{MASK}]", st.masked[ve:], maxsplit=1)[0])
            who = st.who(st.skip_space(ve), stop, "", True)
            group = st.group_after(st.skip_space(ve), _INVERTED_END) if who else None
            found: _Cand | None = _cand(who, "according") if who else None
            if group:
                stop, found = group.end, _group_cand(group, "according")
            span = (vs, len(st.text[:stop].rstrip()))
        elif kind == "quoting":
            quoted = QUOTED_AS.match(st.masked, ve)
            # "quoted Ana Lopez, the envoy, as saying": the name first, its apposition after.
            name_end = st.masked.find(",", quoted.start(1), quoted.end(1)) if quoted else -1
            stop = name_end if name_end > 0 else quoted.end(1) if quoted else ve
            context = st.text[stop : quoted.end(1)] if quoted else ""
            who = st.who(quoted.start(1), stop, context, True) if quoted else None
            found = _cand(who, "quoted") if who and quoted else None
            span = (vs, quoted.end() if quoted else ve)
        elif reports_no_words(st.masked, verb, vs, ve, kind == "passive"):
            continue
        else:
            found = _verb_candidate(st, kind, verb, vs, ve)
            span = found.span if found else (vs, ve)
        if not found or (kind == "according" and found.pronoun):
            continue
        if kind in ("weak", "onward") and verb not in UTTERING and _institutional(st, found, span):
            continue
        listener = st.listener(ve) if verb in LISTENING else None
        rank = max(RANK[kind], found.rank)
        trailing = not found.pronoun and _closes_sentence(st, span, ve)
        out.append(
            _Cand(
                rank,
                vs,
                span,
                found.who,
                found.how,
                found.pronoun,
                listener,
                trailing,
                found.members,
            )
        )
    head = None if out else _COLON_HEAD.match(st.masked)
    if head:
        who = st.who(head.start(1), head.end(1), "", True)
        person = who and who.actor and st.actors.actors[who.actor].kind == "person"
        if who and (st.masked[head.end() : head.end() + 1] == MASK or person):
            span = (head.start(1), head.end())
            group = st.group_after(head.start(1), None)
            out.append(
                _group_cand(group, "colon", span=span) if group else _cand(who, "colon", span=span)
            )
    return out


def _institutional(st: SpeakerText, found: _Cand, span: tuple[int, int]) -> bool:
    """A government, country or capital (an actor that acts), not a person or an office; a list
    when all its members are."""
    if found.members:
        return all(_institution(st, m, m.speaker) for m in found.members)
    phrase = st.text[span[0] : span[1]]
    return _institution(st, found.who, re.sub(r"\s+\w+$", "", phrase))


def _institution(st: SpeakerText, who: Identity, subject: str) -> bool:
    actor = st.actors.get(who.actor) if who.actor else None
    if actor is not None:
        return actor.kind == "place" or bool(_INSTITUTION_ROLE.search(actor.role))
    return bool(_INSTITUTION_HEAD.search(subject.strip(" ,")))


def _closes_sentence(st: SpeakerText, span: tuple[int, int], verb_end: int) -> bool:
    """ ", the Kremlin said (in a statement on Wednesday)." after a clause of its own."""
    before = st.masked[: span[0]].rstrip(" –-")
    if not before.endswith(",") or not _ANY_WORD.search(before):
        return False
    rest = st.masked[max(span[1], verb_end) :]
    return not (
        MASK in rest
        or _CLAUSE_MARK.search(rest)
        or _FINITE.search(rest)
        or len(rest.split()) > _TAIL_WORDS
    )


def _verb_candidate(st: SpeakerText, kind: str, verb: str, vs: int, ve: int) -> _Cand | None:
    text, masked = st.text, st.masked
    strict = kind in ("weak", "part", "onward")
    end = st.strip_aux(vs)
    head = masked[:end].rstrip()
    if kind == "part":
        found = _with_subject(st, head, vs, ve)
        if found is not None:
            return found
    if kind == "part" and not _PARTICIPLE_AFTER.search(head):
        if not _MESSAGE_BEFORE.search(head):
            return None  # "a resolution describing the killings": the noun's, not a speaker's
        if _in_scene(head):
            return None  # "Ties mended after Erdogan sent a letter expressing regret"
    if _DASH_AFTER_QUOTE.search(head):
        head = head.rstrip(" –—-")  # "“…,” — said the minister"
    # The match is at most five characters long: searching only the end is the same, faster.
    if kind == "part" or _COORDINATED.search(head.lower(), max(0, len(head) - 5)):
        subject = st.subject(vs)
        if subject and subject.actor:
            return _cand(known(subject), "coordinated", 3, vs, (subject.start, ve))
        pronoun = re.match(r"\W*(He|She)\b", text)
        if pronoun:
            who = Identity(pronoun.group(1).lower(), None, None)
            return _Cand(3, vs, (vs, ve), who, "pronoun", "person")
        return None
    if head and head[-1] not in ",:" + MASK:
        return _subject_candidate(st, end, "", strict, vs, ve)
    if head.endswith(","):
        found = _across_comma(st, len(head) - 1, strict, vs, ve)
        if found is not None:
            return found
    return _inverted(st, vs, ve, strict) if verb in INVERTING else None


def _with_subject(st: SpeakerText, head: str, vs: int, ve: int) -> _Cand | None:
    """ "…, with a presidential spokesman calling the ban unacceptable": the participle's own
    subject, after "with", speaks, when it names someone who can speak."""
    found = _WITH_SUBJECT.search(head)
    if found is None:
        return None
    who = st.who(found.start(1), found.end(1), "", True)
    if who is None or SpeakerText.pronoun(who):
        return None
    return _cand(who, "verb", 3, vs, (found.start(1), ve))


def _in_scene(head: str) -> bool:
    """Whether the clause that ``head`` ends is opened by a word that only sets the scene."""
    for word in reversed(_CLAUSE_TOKEN.findall(head)):
        lower = word.lower()
        if lower in STOP:
            return lower in _SCENE
        if not word[0].isalnum():
            return False
    return False


def _subject_candidate(
    st: SpeakerText, end: int, context: str, strict: bool, vs: int, ve: int
) -> _Cand | None:
    start, marker = st.phrase_start(end)
    if start >= end or marker in _SCENE or st.masked[start:end].strip().lower() in ("who", "which"):
        return None  # a scene-setting or relative clause: the main clause, if any, speaks
    who = st.who(start, end, context, strict)
    if who is None:
        return None
    group = st.group_before(start, end) if not SpeakerText.pronoun(who) else None
    if group is not None:
        if group.marker in _SCENE:
            return None  # "After Germany and France said …"
        rank = 4 if group.marker in _SUBORDINATE else 0
        return _group_cand(group, "verb", rank, vs, (group.start, ve))
    return _cand(who, "verb", 4 if marker in _SUBORDINATE else 0, vs, (start, ve))


def _across_comma(st: SpeakerText, comma: int, strict: bool, vs: int, ve: int) -> _Cand | None:
    """ "X, who …, said", "X, on his first visit …, told", "Russia's envoy, Andrei Karlov, said"."""
    opening = st.parenthetical_open(comma)
    if opening is not None:
        # The words between the commas describe the subject or set the scene: the subject
        # stands before them, and must name someone who can speak.
        context = st.text[opening + 1 : comma]
        return _subject_candidate(st, opening, context, True, vs, ve)
    c0, _ = st.phrase_start(comma)
    before = st.masked[:c0].rstrip()
    if not before.endswith(","):
        return None
    # "Russia's envoy to Ankara, Andrei Karlov, said": the name is the appositive.
    d0, _ = st.phrase_start(len(before) - 1)
    who = st.who(c0, comma, st.text[d0 : len(before) - 1], strict)
    if not who or SpeakerText.pronoun(who):
        return None
    if who.actor is None and re.search(r"\b[a-z]", who.speaker):
        # "Numan Kurtulmus, Turkish deputy prime minister, said": the title is the appositive,
        # the name before it is the speaker.
        name = st.who(d0, len(before) - 1, st.text[c0:comma], strict)
        if name and (name.actor or not re.search(r"\b[a-z]", name.speaker)):
            who = name
    return _Cand(0, vs, (d0, ve), who, "verb")


def _inverted(st: SpeakerText, vs: int, ve: int, strict: bool) -> _Cand | None:
    """'“...,” said Kremlin spokesman Dmitry Peskov, ...', '“…,” said on Friday the minister'."""
    after = re.match(rf"\s*([^,.;:!?{MASK}]+)(.*)", st.masked[ve:])
    if not after or not after.group(1)[:1].isalpha():
        return None
    # A time or place adverbial may stand between the verb and its subject.
    begin = st.subject_after(ve + after.start(1), ve + after.end(1))
    phrase = st.masked[begin : ve + after.end(1)]
    cut = _INVERTED_END.search(" " + phrase + " ")
    phrase = phrase[: cut.start()] if cut else phrase
    if _FINITE.search(phrase):
        return None  # "X, in an interview, said Moscow was open": a reported clause
    # "said Davutoglu standing beside Merkel": the participle phrase describes the speaker.
    trailing = _NAME_THEN_PARTICIPLE.search(phrase)
    phrase = phrase[: trailing.start(1)].rstrip() if trailing else phrase
    stop = begin + len(phrase)
    who = st.who(begin, stop, st.text[ve : ve + after.end(2)], strict)
    if not who:
        return None
    group = st.group_after(begin, _INVERTED_END)
    if group is not None:
        return _group_cand(group, "inverted", 0, vs, (vs, group.end))
    return _cand(who, "inverted", 0, vs, (vs, len(st.text[:stop].rstrip())))


def attribute(
    statements: Sequence[str], published: dt.date | None, actors: ActorDictionary
) -> list[Attribution]:
    """One Attribution per statement of a document, in order."""
    regions, starts_open = document_quotes(statements)
    parsed = [
        SpeakerText(t, r, actors, published) for t, r in zip(statements, regions, strict=True)
    ]
    quotes = [
        tuple(quote_content(t, r) for r in rs) for t, rs in zip(statements, regions, strict=True)
    ]
    results: list[Attribution | None] = []
    full_names: dict[str, Identity] = {}  # "Baunov" -> the "Alexander Baunov" met earlier
    headline = _author_headline(parsed)
    author = headline[1] if headline else None
    for i, st in enumerate(parsed):
        cands = sorted(_candidates(st), key=lambda c: (c.rank, c.pos))
        if not cands:
            results.append(None)
            continue
        first = min(x.pos for x in cands)
        closing = [x for x in cands if x.trailing and x.pos > first]
        c = max(closing, key=lambda x: x.pos) if closing else cands[0]
        who, how, members = c.who, c.how, tuple(m.speaker for m in c.members)
        if c.pronoun:
            found = _same_sentence_body(st, c) or _antecedent(parsed, results, i, c, actors, author)
            who, members = found or (who, members)
            how = "pronoun"
        elif who.actor is None and who.speaker[:1].isupper() and not members:
            if " " in who.speaker:
                full_names[who.speaker.split()[-1]] = who
            who = full_names.get(who.speaker, who)
        if who.side is None and who.actor is None and not members:
            who = _opening_body(st, c, who)
        results.append(
            Attribution(who.speaker, who.actor, who.side, c.span, quotes[i], False, how, members)
        )

    def continuation(owner: Attribution, k: int) -> Attribution:
        return Attribution(
            owner.speaker, owner.actor, owner.side, None, quotes[k], True, "continuation",
            members=owner.members,
        )  # fmt: skip

    _follow_labels(parsed, results, quotes)
    give_quotations_owners(statements, regions, starts_open, results, continuation)
    if headline is not None:
        # The page is the author's statement: whatever no one else says there, the author does.
        h, who = headline
        for k in range(h, len(results)):
            if results[k] is None:
                span = (0, len(statements[k])) if k == h else None
                results[k] = Attribution(
                    who.speaker, who.actor, who.side, span, quotes[k], k != h, "headline"
                )
    return [r or Attribution(NARRATOR, None, None, None, quotes[k]) for k, r in enumerate(results)]


def _author_headline(parsed: list[SpeakerText]) -> tuple[int, Identity] | None:
    """The statement among the first few that is a headline naming the page's author
    ("Statement of the EU leaders"), and the author: someone with a side. None also for a
    transcript, whose labels say who speaks."""
    for i, st in enumerate(parsed[:_HEADLINE_WITHIN]):
        found = _AUTHOR_HEADLINE.fullmatch(st.text)
        if found is None or len(st.text.split()) > _HEADLINE_MAX_WORDS:
            continue
        who = st.noun_phrase(found.start(1), found.end(1))
        if who is None or who.side is None or SpeakerText.pronoun(who):
            return None
        if any(_LABEL.match(later.text) and _label(later, parsed, k) for k, later in
               enumerate(parsed[i + 1 :], i + 1)):  # fmt: skip
            return None
        return i, who
    return None


def _label(st: SpeakerText, parsed: list[SpeakerText], i: int) -> Identity | None:
    """The speaker a transcript label opening ``st`` names; the narrator for a questioner's label
    ("Q:"), which hands the floor back; None when ``st`` opens with no label.

    A label names a person, a title with a side ("TURKISH FOREIGN MINISTER"), or a title or
    surname that an earlier statement gives in full ("THE VICE PRESIDENT" after "Vice President
    Ana Lopez", "MS. LOPEZ"). Places, outlets and words such as "BREAKING" or "UPDATE" are none.
    """
    found = _LABEL.match(st.text)
    if found is None:
        return None
    label = found.group(1).strip()
    if label in _QUESTION_LABEL:
        return _FLOOR
    who = st.who(found.start(1), found.end(1), "", True)
    actor = st.actors.get(who.actor) if who and who.actor else None
    if actor is not None:
        return who if actor.kind == "person" else None
    if who is not None and who.side is not None:
        return who
    return _named_earlier(_LABEL_HONORIFICS.sub("", label), parsed[:i])


def _named_earlier(label: str, earlier: list[SpeakerText]) -> Identity | None:
    """The person an earlier statement names right after the label's words ("Vice President
    Ana Lopez" for "VICE PRESIDENT") or by the label as a surname ("LOPEZ")."""
    words = label.casefold().split()
    if not words:
        return None
    for st in reversed(earlier):
        folded = st.masked.casefold()
        for m in st.mentions:
            if not (m.actor and m.actor.kind == "person"):
                continue
            before = folded[: m.start].split()
            if before[-len(words) :] == words or m.surface.casefold().split()[-1:] == words:
                return known(m)
    return None


def _follow_labels(
    parsed: list[SpeakerText],
    results: list[Attribution | None],
    quotes: list[tuple[tuple[int, int], ...]],
) -> None:
    """A transcript's labels: the labelled speaker says the label's statement and every later
    one up to the next label, except one that names a speaker of its own."""
    current: Identity | None = None
    for i, st in enumerate(parsed):
        label = _label(st, parsed, i) if st.text[:1].isupper() else None
        if label is not None:
            current = None if label is _FLOOR else label
            if current is not None:
                head = _LABEL.match(st.text)
                span = (0, head.end(1)) if head else None
                results[i] = Attribution(
                    label.speaker, label.actor, label.side, span, quotes[i], False, "label"
                )
            continue
        if current is not None and results[i] is None:
            results[i] = Attribution(
                current.speaker, current.actor, current.side, None, quotes[i], True, "label"
            )


def _opening_body(st: SpeakerText, cand: _Cand, who: Identity) -> Identity:
    """ "Turkey warned the envoy …, ministry sources said", "“Moscow expresses concern …,” it
    said": a speaker that names no side ("it", "the statement", "ministry sources") after the
    words it reports speaks for the body or country those words open with."""
    if cand.pronoun not in (None, "group"):
        return who
    for m in st.mentions:
        if m.start >= cand.span[0]:
            return who
        lead = _OPENING_FILLER.sub("", st.text[: m.start])
        if lead or m.actor is None or m.actor.kind == "person" or m.side is None:
            return who
        # Only a body that speaks or takes a stance itself ("Turkey warned", "Moscow regards"):
        # in "Turkey must stop the shelling, the statement said" anyone may speak.
        gap = _BEFORE_VERB.match(st.text, m.end)
        verb = gap.end() if gap else m.end
        if not (VERB_RE.match(st.text, verb) or _STANCE.match(st.text, verb)):
            return who
        return known(m) if cand.pronoun else Identity(who.speaker, None, m.side)
    return who


def _same_sentence_body(st: SpeakerText, cand: _Cand) -> tuple[Identity, tuple[str, ...]] | None:
    """ "Russia ruled out a military reply, but it pledged sanctions": "it" is the body or
    country the sentence opened with, before any earlier speaker."""
    if cand.who.speaker.lower() != "it":
        return None
    subject = st.subject(cand.span[0])
    if subject is None or subject.actor is None or subject.actor.kind == "person":
        return None
    return known(subject), ()


def _antecedent(
    parsed: list[SpeakerText],
    results: list[Attribution | None],
    i: int,
    cand: _Cand,
    actors: ActorDictionary,
    author: Identity | None = None,
) -> tuple[Identity, tuple[str, ...]] | None:
    """The earlier speaker (or person a narrated sentence is about) a pronoun stands for, and
    its members when it is a list. On a page that is an ``author``'s statement a narrated
    sentence is the author's, so the author comes before the persons it names."""

    def fits(name: str | None, group: bool = False) -> bool:
        actor = actors.get(name) if name else None
        if name is not None and name == cand.listener:
            return False
        if group:
            return cand.pronoun == "any"  # "they", "we"
        if cand.pronoun == "person":
            return actor is None or actor.kind == "person"
        return cand.pronoun != "group" or actor is None or actor.kind != "person"

    for j in range(i - 1, max(-1, i - 8), -1):
        prior = results[j]
        if prior is not None and prior.speaker != NARRATOR:
            if fits(prior.actor, bool(prior.members)):
                return Identity(prior.speaker, prior.actor, prior.side), prior.members
        elif prior is None:
            if author is not None and fits(author.actor):
                return author, ()
            # A narrated sentence: the person it is about first, then the others it names.
            first = parsed[j].subject(len(parsed[j].text))
            named = ([first] if first else []) + parsed[j].mentions
            for m in named:
                if m.actor and m.actor.kind == "person" and fits(m.actor.name):
                    return known(m), ()
    return None
