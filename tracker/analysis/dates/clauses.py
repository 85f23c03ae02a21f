"""Clauses of one statement, for dating it: quotations, subordinate clauses, tense, speech verbs.

``Sentence(text, published, mentions, quote_spans)`` holds a statement with its date mentions and
its quotations blanked out (offsets kept) and answers the questions the dating rules of
:mod:`tracker.analysis.dates.resolve` ask: is a position quoted or inside a subordinate clause, may
a subordinate date anchor a past main clause, what tense the main clause has, which speech verbs a
date says the time of ("said on Monday"), and does a date modify a noun ("the August 9 visit").

* A subordinate clause runs from a subordinator (since, after, following, which, that, …) or
  from a participle after a comma (", imposed in January,") to the next clause mark.
* A date in an opening adverbial closed by a comma ("On 25 July, the commission's president,
  in an interview, has declared …") says the time of the first speech verb after it, however
  long the subject between, as long as no other verb or clause mark stands there.
* Quotation spans come from the caller; when none are given, they are found as
  :func:`tracker.text.quotes.quote_regions` finds a statement's quotations.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator, Sequence

from tracker.analysis.dates.mentions import CLOCK_SLACK_DAYS, DateMention
from tracker.analysis.dates.tense import FUTURE_WORDS, IRREGULAR_PAST, is_ed_verb
from tracker.text.quotes import quote_regions
from tracker.text.words import DETERMINERS, WORD, caseless, lower_cased, trie_pattern, word_set

Span = tuple[int, int]

# Every subordinator starts with one of these letters: checking that first halves the cost.
SUBORDINATOR_INITIALS = "abfopstuw"
SUBORDINATOR = re.compile(
    rf"\b(?=[{SUBORDINATOR_INITIALS}])"
    r"(?:since|after|following|before|when|whenever|while|whereas|which|who|whom|whose|that"
    r"|until|till|because|although|though|amid|amidst|once|where|unless|prior\s+to)\b",
    re.IGNORECASE,
)
_SUBORDINATOR_LOWER = lower_cased(SUBORDINATOR)  # on the lower-cased text: faster, the same
# A lag stated before a temporal subordinator: "two weeks after", "a day before", "months after".
_LAG_BEFORE = re.compile(
    r"\b(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many|some"
    r"|just|only)\s+(?:days?|weeks?|months?|years?|decades?)\s+$|\b(?:days|weeks|months|years)\s+$",
    re.IGNORECASE,
)
_TEMPORAL_OPENERS = frozenset(
    ("after", "following", "before", "when", "whenever", "once", "amid", "amidst", "prior")
)
_SCOPE_END = re.compile(r"[,;:()!?–—“”\"]")
SPEECH_VERBS = word_set(
    """said says say told tells tell added adds stated states announced announces noted notes
    declared declares explained stressed emphasised emphasized remarked commented insisted
    argued warned wrote writes replied confirmed confirms claimed agreed asserted acknowledged
    admitted denied urged reiterated underlined spoke speaking saying telling adding tweeted
    announcing reported according"""
)
# A speech verb as a whole WORD token, found in one scan rather than token by token.
_SPEECH_VERB = re.compile(
    r"(?<![A-Za-z])(?<![A-Za-z]['’])(?:"
    + trie_pattern(SPEECH_VERBS)
    + r")(?![A-Za-z])(?!['’][A-Za-z])",
    re.IGNORECASE | re.ASCII,
)
_PRESENT = word_set(
    """is are am has have do does may might can could would should must seems seem remains
    remain appears appear says say looks look continues continue stands hopes wants"""
)
_FUTURE_AFTER_BE = word_set("to expected set due scheduled slated planning going poised about")
_FUNCTION_AFTER = word_set(
    "and or but in at on to when as was were is are with by for of from after before that which"
)
# Words that open an adverbial before the subject ("In an interview on Sunday, X said").
OPENERS = word_set("in at on during after before following late early earlier later asked")
# Words that may stand before an opening adverbial without a comma of their own.
_LINKS = word_set("also and but then")
_PRONOUN_IS = word_set("it's that's there's what's he's she's here's")
# Pronouns a participle-looking past ("they taken") never follows as a modifier.
_SUBJECT_WORDS = word_set("i we you he she they it who which that")


def _blank(text: str, spans: Sequence[Span], fill: str) -> str:
    """``text`` with ``spans`` overwritten by ``fill``: same offsets, no words inside."""
    for start, end in spans:
        text = text[:start] + fill * (end - start) + text[end:]
    return text


# A participle right after a comma opens a reduced relative clause: "the ban, imposed in
# January, remains".
# Simple past forms that are never participles: after a comma they are the main verb that
# follows a long subject ("Ties between Moscow, which backs …, and Ankara, …, broke down").
_PAST_ONLY = word_set(
    """was were did took gave came went saw began fell rose broke became wrote spoke grew knew
    drew flew threw ran chose froze withdrew overthrew undertook"""
)
# A past form followed by its object ("…, recited the poem", "…, said that …") is a verb,
# not a participle: a passive participle takes no object.
_PARTICIPLE_AFTER_COMMA = re.compile(
    r",\s(?P<word>[a-z]+ed|"
    + "|".join(sorted(IRREGULAR_PAST - _PAST_ONLY))
    + r")\b(?!\s(?:"
    + "|".join(sorted(DETERMINERS))
    + r")\b)"
)
# A participle right after its noun, with no comma, opens a reduced relative clause too when
# it cannot be a simple past ("the second image taken on 30 January showed …") or is a
# passive with its agent ("the flight requested by Moscow for 2-5 February"). After a form of
# "be" or "have" it is part of the verb ("was taken", "has given").
_PARTICIPLES_ONLY = word_set(
    """taken given shown written seen done known chosen broken frozen stolen drawn driven
    spoken forgotten beaten hidden risen fallen grown thrown flown begun sworn torn eaten
    undertaken overtaken withdrawn overthrown"""
)
_PARTICIPLE_AFTER_NOUN = re.compile(
    r"\b(?P<before>[A-Za-z'’-]+)\s(?P<word>"
    + "|".join(sorted(_PARTICIPLES_ONLY))
    + r"|[a-z]+ed(?=\sby\b))\b"
)
_PARTICIPLE_HINTS = re.compile(r"en\b|ed\sby\b")
_VERB_BEFORE_PARTICIPLE = word_set(
    "be been being is are am was were has have had having get gets got getting"
)


def _participles_after_nouns(unquoted: str) -> list[Span]:
    """Reduced relative clauses after a noun; each ends at its clause mark or at the main
    verb that follows it ("the picture taken on 30 January | showed …")."""
    if _PARTICIPLE_HINTS.search(unquoted) is None:
        return []  # most statements have neither ending: skip the word scan
    spans = []
    for m in _PARTICIPLE_AFTER_NOUN.finditer(unquoted):
        before = m.group("before").lower()
        if before in _VERB_BEFORE_PARTICIPLE or before in _SUBJECT_WORDS or before.endswith("ly"):
            continue
        mark = _SCOPE_END.search(unquoted, m.end())
        end = mark.start() if mark else len(unquoted)
        for token in WORD.finditer(unquoted, m.end(), end):
            low = token.group().lower()
            # Irregular forms that may be participles too ("the jet shot down in November")
            # may still belong to the clause.
            if low in _PAST_ONLY or low in _PRESENT or low == "will" or is_ed_verb(token.group()):
                end = token.start()
                break
        spans.append((m.start("word"), end))
    return spans


def _subordinators(text: str) -> Iterator[re.Match[str]]:
    lowered = caseless(text)
    if lowered is None:
        return SUBORDINATOR.finditer(text)
    return _SUBORDINATOR_LOWER.finditer(lowered)


def _scopes(unquoted: str) -> list[Span]:
    """Subordinate clauses: from a subordinator to the next clause mark (or the end); a
    reduced relative after its noun also ends at the main verb."""
    starts: list[tuple[int, int | None]] = sorted(
        [(m.start(), None) for m in _subordinators(unquoted)]
        + [(m.start("word"), None) for m in _PARTICIPLE_AFTER_COMMA.finditer(unquoted)]
        + list(_participles_after_nouns(unquoted)),
        key=lambda found: found[0],
    )
    scopes: list[Span] = []
    for start, known_end in starts:
        if scopes and scopes[-1][1] > start:
            continue
        if known_end is None:
            mark = _SCOPE_END.search(unquoted, start + 1)
            known_end = mark.start() if mark else len(unquoted)
        scopes.append((start, known_end))
    return scopes


def _is_noun_modifier(text: str, mention: DateMention) -> bool:
    """'the August 9 visit', 'the defeated July 15 coup': the date names an event."""
    before = WORD.findall(text[max(0, mention.start - 40) : mention.start])[-2:]
    if not before or not text[: mention.start].rstrip().endswith(before[-1]):
        return False
    nearest = before[-1].lower()
    determined = nearest in DETERMINERS or nearest.endswith(("'s", "’s"))
    if not determined and len(before) == 2 and before[-2].lower() in DETERMINERS:
        determined = nearest in FUTURE_WORDS or is_ed_verb(before[-1])
    after = WORD.match(text, mention.end + 1)
    return (
        determined
        and text[mention.end : mention.end + 1] == " "
        and after is not None
        and after.group().lower() not in _FUNCTION_AFTER
    )


def first_verb(main_text: str) -> tuple[str, re.Match[str]] | None:
    """The tense ('past', 'present', 'future') and token of the first finite-looking verb."""
    last = ""  # the latest token, in lower case
    for token in WORD.finditer(main_text):  # lazily: the first verb is usually near the start
        previous, last = last, token.group().lower()
        low = last.replace("’", "'")
        if token.start() and main_text[token.start() - 1] in "-‐‑":
            continue  # second half of a compound adjective ("Turkish-led")
        if low.endswith("'ll") or low in ("will", "shall", "won't", "shan't"):
            return "future", token
        if low in _PRONOUN_IS or low.endswith(("'re", "'ve")):
            return "present", token
        if low.endswith("n't"):
            low = low[:-3]
        if low in ("is", "are", "am"):
            after = WORD.search(main_text, token.end())
            following = after.group().lower() if after else ""
            return ("future" if following in _FUTURE_AFTER_BE else "present"), token
        if low in _PRESENT:
            return "present", token
        if low in IRREGULAR_PAST:
            return "past", token
        if is_ed_verb(token.group()) and previous not in DETERMINERS:
            return "past", token
    return None


# An opening adverbial closed by its comma ("On 25 July, the commission's president, in a
# television interview, has declared …") dates the main clause however long its subject; the
# perfect auxiliary just before the speech verb is part of that verb.
_PERFECT = re.compile(r"\b(?:has|have|had)\s+$", re.IGNORECASE)
_LEAD_MARKS = re.compile(r"[,;:“”\"]")
_GAP_MARKS = re.compile(r"[“”\";:!?.]")
_GAP_MARKS_OR_COMMA = re.compile(r"[“”\";:!?.,]")


def _gap_is_plain(gap: str, max_words: int, allow_comma: bool) -> bool:
    """No verb, clause mark or quotation between a speech verb and its date."""
    if (_GAP_MARKS if allow_comma else _GAP_MARKS_OR_COMMA).search(gap):
        return False
    words = WORD.findall(gap)
    if len(words) > max_words:
        return False
    previous = ""
    for word in words:
        low = word.lower()
        if (
            low in IRREGULAR_PAST
            or low in _PRESENT
            or low in SPEECH_VERBS
            or low in ("will", "shall", "that")
            # "in a televised speech", "in emailed comments": adjectives, not verbs
            or (is_ed_verb(word) and previous not in DETERMINERS and previous not in OPENERS)
            or SUBORDINATOR.fullmatch(word)
        ):
            return False
        previous = low
    return True


class Sentence:
    """One statement with its quotations blanked out, and clause facts computed on demand."""

    def __init__(
        self,
        text: str,
        published: dt.date | None,
        mentions: list[DateMention],
        quote_spans: Sequence[Span] | None,
    ) -> None:
        self.text = text
        self.published = published
        self.mentions = mentions
        # None: not read yet (a statement dated alone); a document's reading, even an empty
        # one, is used as given.
        quotes = quote_regions(text, open_at_start=False)[0] if quote_spans is None else quote_spans
        # Quoted text becomes a run of opening marks: offsets stay, nothing is found inside,
        # and a gap or clause that crosses a quotation sees a quotation mark.
        self.unquoted = _blank(text, quotes, "“")

    def quoted(self, pos: int) -> bool:
        return pos < len(self.unquoted) and self.unquoted[pos] == "“"

    @functools.cached_property
    def only_quotation(self) -> bool:
        """Whether the statement is made only of quoted words (its speaker named in another
        statement, or nowhere): then it is a remark, whatever dates its words give."""
        return "“" in self.unquoted and WORD.search(self.unquoted) is None

    @functools.cached_property
    def scopes(self) -> list[Span]:
        return _scopes(self.unquoted)

    def subordinate(self, pos: int) -> bool:
        return any(start <= pos < end for start, end in self.scopes)

    def anchors_main_clause(self, mention: DateMention) -> bool:
        """A subordinate date that can date a past main clause: a temporal clause ("after …",
        "when …"), not a relative one ("who has lived there since 1999", "which opened in
        2005") and not the start of a lasting state ("since …")."""
        scope = next((s for s in self.scopes if s[0] <= mention.start < s[1]), None)
        if scope is None:
            return True
        opener = WORD.match(self.unquoted, scope[0])
        word = opener.group().lower() if opener else ""
        return (
            word in _TEMPORAL_OPENERS
            and not re.search(r"\bsince\s*$", self.unquoted[scope[0] : mention.start], re.I)
            and not self.lagged(mention.start)
        )

    def lasting(self, pos: int) -> bool:
        """Whether ``pos`` is in a clause opened by "since" ("the most senior visit since the
        coup attempt"): the start of a lasting state, not when the main clause happened."""
        scope = next((s for s in self.scopes if s[0] <= pos < s[1]), None)
        return scope is not None and self.unquoted[scope[0] : scope[0] + 5].lower() == "since"

    def lagged(self, pos: int) -> bool:
        """Whether ``pos`` is in a temporal clause that a stated lag separates from the main
        clause ("two weeks after …", "a day before …", "months after …"): a date there is not
        the main clause's date."""
        scope = next((s for s in self.scopes if s[0] <= pos < s[1]), None)
        return scope is not None and bool(
            _LAG_BEFORE.search(self.unquoted, max(0, scope[0] - 30), scope[0])
        )

    @functools.cached_property
    def main_verb(self) -> tuple[str, re.Match[str]] | None:
        return first_verb(_blank(self.unquoted, self.scopes, " "))

    @functools.cached_property
    def speech_verbs(self) -> list[re.Match[str]]:
        return list(_SPEECH_VERB.finditer(self.unquoted))

    def modifier(self, mention: DateMention) -> bool:
        return _is_noun_modifier(self.text, mention)

    def not_after_publication(self, date: dt.date, slack: bool = False) -> bool:
        """Whether ``date`` is not after publication; with ``slack``, whether a narrated past
        event may fall on it (a page may be dated a day before the events it reports). A
        remark is never later than its page."""
        days = CLOCK_SLACK_DAYS if slack else 0
        return self.published is None or date <= self.published + dt.timedelta(days=days)

    def tying_verbs(self, mention: DateMention) -> list[re.Match[str]]:
        """Speech verbs that the date says the time of ("said on Monday"), not what was said."""
        text = self.unquoted
        tying = []
        for verb in self.speech_verbs:
            if verb.end() <= mention.start:
                if _gap_is_plain(text[verb.end() : mention.start], 12, allow_comma=True):
                    tying.append(verb)
            elif verb.start() >= mention.end:
                gap = text[mention.end : verb.start()]
                if _gap_is_plain(gap, 3, allow_comma=False) or (
                    self.opens_sentence(mention.start)
                    and (
                        _gap_is_plain(gap, 8, allow_comma=True)
                        or (gap.startswith(",") and _gap_is_plain(_PERFECT.sub("", gap), 20, True))
                    )
                ):
                    tying.append(verb)
        return tying

    def opens_sentence(self, pos: int) -> bool:
        """Whether ``pos`` is in an opening adverbial ("In an interview on Sunday, Erdogan
        said"), where a date can date the speech verb that follows the comma."""
        lead = WORD.findall(self.unquoted, 0, pos)
        if len(lead) > 1 and lead[0].lower() in _LINKS:
            lead = lead[1:]  # "Also on Tuesday, …", "But on Monday, …"
        return not lead or (
            (lead[0].lower() in OPENERS or lead[0].endswith("ing"))
            and len(lead) <= 12
            and not _LEAD_MARKS.search(self.unquoted, 0, pos)
        )
