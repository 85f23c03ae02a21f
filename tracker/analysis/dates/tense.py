"""Tense cues: whether the words around a date expression put it in the past or the future.

``tense_cue(text, start, end)`` reads the clause around ``text[start:end]`` and returns "past",
"future", "present" (an event verb in the present tense: "flights resume", "Putin is visiting")
or None (rules in its docstring). The tense word lists here (future words, irregular past
forms, ``is_ed_verb``) are shared with the clause readers of statement dates.
"""

from __future__ import annotations

import re

from tracker.text.quotes import QUOTATION_ONLY
from tracker.text.words import DETERMINERS, WORD, word_set

_CLAUSE_BREAK = re.compile(rf"[;!?{re.escape(QUOTATION_ONLY)}]|(?<!\b[A-Z][a-z])(?<!\b[A-Z])\.\s")
FUTURE_WORDS = word_set(
    """will shall upcoming planned scheduled expected forthcoming coming next due slated plans
    plan planning intends intend going proposed"""
)
IRREGULAR_PAST = word_set(
    """was were had did said told met gave took made came went held shot sent began left saw
    brought fell rose won lost led paid spoke wrote broke struck became sought fought thought
    felt kept knew grew drew flew threw ran sat stood understood chose froze spent built meant
    heard found bought caught taught withdrew overthrew undertook hit"""
)
_PAST_MARKERS = word_set("ago since last earlier previously already yesterday")
_PAST_ADJECTIVES = word_set("failed defeated botched abortive foiled thwarted former")
_NEUTRAL_STOPS = word_set("would could can may might should must is are am has have")
INFINITIVE_FUTURES = word_set(
    """visit meet hold travel attend sign discuss host begin start resume open launch return
    lift restore go come make take talk pay complete finish implement deliver reach decide
    comply fulfil fulfill withdraw ratify approve adopt submit"""
)
# Event verbs a schedule is told with in the present tense ("flights resume on Sunday", "the
# summit opens on Monday", "Putin is visiting Ankara on Friday"). Forms that are as often
# nouns ("talks", "visits", "returns", "votes") are left out of the -s forms, and a base form
# counts only after something that can be its subject ("a state visit on Sunday" is a noun).
_EVENT_BASE = word_set(
    """visit meet hold host attend sign begin start resume open reopen launch return arrive
    depart convene end close expire vote take go come gather restart fly"""
)
_EVENT_S = word_set(
    """meets holds attends begins starts resumes opens reopens arrives departs convenes ends
    closes expires takes goes comes gathers restarts flies"""
)
_EVENT_ING = word_set(
    """visiting meeting holding hosting attending signing beginning starting resuming opening
    reopening launching returning arriving departing convening ending closing voting taking
    travelling traveling flying heading leaving gathering restarting"""
)
_PROGRESSIVE = word_set("is are am isn't aren't we're they're you're he's she's it's")
_ADVERBS = word_set("also only then now still again soon not")
_LY_NOT_ADVERBS = word_set("assembly rally ally family supply reply apply comply rely imply")
_SUBJECT_PRONOUNS = word_set("they we i you who")
_NOT_SUBJECTS = word_set(
    """is was has does this its his us as less unless across thus plus perhaps news means
    series whereas"""
)
_NOT_BEFORE_S_VERB = DETERMINERS | word_set(
    """of in on at for with by from to into and or not will would can could may might must
    shall should do does did"""
)
_ED_NOT_VERBS = word_set("speed seed feed breed greed creed deed indeed hundred sacred naked shed")


def is_ed_verb(word: str) -> bool:
    """A lower-case '-ed' word that is plausibly a past tense or participle."""
    return (
        len(word) > 4
        and word[0].islower()
        and word.endswith("ed")
        and word.lower() not in _ED_NOT_VERBS
    )


def _word_cue(word: str, following: str) -> str | None:
    """'future', 'past', 'stop' (a modal or present auxiliary: no cue) or None for one word."""
    low = word.lower().replace("’", "'")
    if low.endswith("'ll") or low in ("won't", "shan't"):
        return "future"
    if low.endswith("n't"):
        low = low[:-3]
    if low in FUTURE_WORDS or (low == "to" and following in INFINITIVE_FUTURES):
        return "future"
    if low in _NEUTRAL_STOPS:
        return "stop"
    if low in IRREGULAR_PAST or low in _PAST_MARKERS or low in _PAST_ADJECTIVES:
        return "past"
    if is_ed_verb(word):
        return "past"
    return None


def _may_be_subject(word: str) -> bool:
    """Whether ``word`` can be the subject just before a plural present verb ("flights",
    "Erdogan and Putin", "they"), not an adjective or noun of a compound ("state visit")."""
    low = word.lower()
    if low in _SUBJECT_PRONOUNS:
        return True
    if "'" in word or "’" in word or low in _NOT_BEFORE_S_VERB or low in _NEUTRAL_STOPS:
        return False  # "Erdogan's visit", "a visit", "To visit", "could resume"
    return word[0].isupper() or (len(low) > 3 and low.endswith("s") and low not in _NOT_SUBJECTS)


def _is_adverb(word: str) -> bool:
    return word in _ADVERBS or (
        len(word) > 4 and word.endswith("ly") and word.islower() and word not in _LY_NOT_ADVERBS
    )


def _skip_adverbs(words: list[str], i: int) -> int:
    """The index of the last word before ``words[i]`` that is not an adverb ("will be formally
    lifted", "flights finally resume", "Putin is also visiting"); -1 if none."""
    j = i - 1
    while j >= 0 and _is_adverb(words[j]):
        j -= 1
    return j


def _after_be(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` follows "be" ("will be held", "has been formally lifted"): the
    participle then takes its tense from before it."""
    j = _skip_adverbs(words, i)
    return j >= 0 and words[j].lower() in ("be", "been", "being")


def _present_event(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` is an event verb in the present tense (see ``_EVENT_BASE``)."""
    low = words[i].lower()
    j = _skip_adverbs(words, i)
    previous = words[j].lower().replace("’", "'") if j >= 0 else ""
    if low in _EVENT_ING:
        return previous in _PROGRESSIVE
    if low in _EVENT_S:
        return bool(previous) and previous not in _NOT_BEFORE_S_VERB and "'" not in previous
    return low in _EVENT_BASE and j >= 0 and _may_be_subject(words[j])


def tense_cue(text: str, start: int, end: int) -> str | None:
    """'past', 'future', 'present' or None for the mention at ``text[start:end]``, from its
    clause.

    The nearest cue before the mention wins. A date that directly follows a determiner ("the
    August 9 visit") modifies a noun, so the verb before it says nothing about it: only an
    adjective between ("the planned …", "the failed …") counts. A date that opens its clause
    ("On August 20, the ministers met …") takes the first cue after it.

    "present" is an event verb in the present tense ("flights resume", "the summit opens",
    "Putin is visiting"): news tells a schedule that way, so it points ahead, but how far is
    the caller's decision (a headline also narrates in the present: "Russia lifts ban"). A
    present auxiliary or modal alone ("is", "has", "could") gives no cue.
    """
    window = text[max(0, start - 100) : start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    words = WORD.findall(window)[-8:]
    if words:
        nearest = words[-1].lower()
        if nearest in DETERMINERS or nearest.endswith(("'s", "’s")):
            return None
        if len(words) > 1 and words[-2].lower() in DETERMINERS:
            if nearest in FUTURE_WORDS:
                return "future"
            if nearest in _PAST_ADJECTIVES or is_ed_verb(words[-1]):
                return "past"
            return None
    following = ""
    for i in range(len(words) - 1, -1, -1):
        cue = _word_cue(words[i], following) or ("present" if _present_event(words, i) else None)
        # "will be held in November": a participle after "be" takes its tense from before it
        if cue == "past" and _after_be(words, i):
            cue = None
        if cue is not None:
            return None if cue == "stop" else cue
        following = words[i].lower()
    if len(words) > 1:
        return None
    ahead = text[end : end + 80]
    stop = _CLAUSE_BREAK.search(ahead)
    after = WORD.findall(ahead[: stop.start()] if stop else ahead)[:8]
    for i, word in enumerate(after):
        low = word.lower()
        if low in ("is", "are", "am", "has", "have", "be", "been", "being"):
            continue  # "is expected to", "has been resolved": the next word tells
        cue = _word_cue(word, after[i + 1].lower() if i + 1 < len(after) else "")
        if cue is None and _present_event(after, i):
            cue = "present"  # "On Sunday, flights resume …"
        if cue == "past" and _after_be(after, i):
            cue = None  # "will be held": the auxiliary before decided already
        if cue is not None:
            return None if cue == "stop" else cue
    return None
