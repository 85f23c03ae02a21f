"""Speech verbs, and the uses of them that report an act rather than words.

``VERB_RE`` finds reporting verbs in a statement whose quotations are masked with ``MASK``; its
named group says how much the verb proves: ``strong`` (said, told, added: anyone reported with
it speaks), ``weak`` (emphasised, warned, denied: the phrase before it must name someone who
can speak), ``part`` (", saying …": the sentence subject speaks), ``passive`` ("was quoted as
saying") and ``according`` ("according to X"). The verbs of the first three are listed in
``STRONG``, ``WEAK`` and ``PART``.

``reports_no_words(masked, verb, start, end, passive)`` is true for a match that reports
no words. The general cases: a passive or infinitive use ("is said to", "to say"); a verb whose
reported clause has no subject because the reporting clause sits inside a noun phrase: an
auxiliary right after the verb ("a deal officials say will open markets"), or, after say /
claim / argue / insist / assert, a past-tense verb with its object ("a move critics said
targeted the opposition"; "said detained soldiers would …" still has its subject). The remark
is then embedded in the narrator's sentence and names no speaker of the sentence. Then verbs
with a second, non-speech sense, which count only in their speech use:

* recalled / recalls: only "recalled that / how / when …", "recalled:" or a quotation after it
  ("Turkey recalled its ambassador" recalls an envoy);
* called / calls: only "called for / on …", "called X a Y", "called X “…”", "called X
  unacceptable" (naming); not "called Erdogan" (a telephone call), "called off", "called its
  ambassador home", "called a snap election";
* denied: not "denied entry / access / a visa / permission …" (a refusal);
* added: not "added X to the list", "added to the pressure";
* declared: not "declared a state of emergency / war / victory" (a performative act);
* continued: only before a colon, comma, full stop or quotation ("Russia continued its strikes");
* admitted: not before a number ("Turkey admitted 2,000 refugees").

``is_commitment(masked, verb_end, verb)`` reads "promised / pledged / vowed" followed by an
infinitive or an object ("pledged to speed up payments", "pledged €3 billion") as a commitment,
and "promised that …" or a quotation as words; the attribution module decides with the subject.
"""

from __future__ import annotations

import re

from tracker.analysis.actors import PREPOSITIONS
from tracker.text.words import DETERMINERS, trie_pattern, word_set

MASK = "\u25a0"  # stands in for quoted text (not \w, not \s), so no verb inside a quote counts

_PASSIVE_AUXILIARIES = ["was", "were", "is", "are", "been", "being"]
STRONG = word_set(
    "said says say told tells added adds stated declared declares wrote writes tweeted explained "
    "explains replied replies remarked commented continued quipped"
)
WEAK = word_set(
    "emphasised emphasized emphasises emphasizes stressed stresses noted notes warned warns "
    "insisted insists announced announces confirmed confirms denied denies accused accuses "
    "called calls urged urges argued argues claimed claims asserted asserts underlined "
    "underlines underscored reiterated reiterates acknowledged admitted complained vowed vows "
    "pledged promised threatened demanded suggested predicted described criticised criticized "
    "criticises criticizes condemned condemns praised praises thanked hailed slammed blasted "
    "recalled recalls"
) | {"lashed out", "pointed out"}
PART = word_set(
    "saying adding noting stressing emphasising emphasizing insisting warning telling explaining "
    "arguing urging describing"
)

# Checking a word's first letter before any alternative lets the engine skip most words cheaply.
_INITIALS = "".join(sorted({w[0] for w in [*_PASSIVE_AUXILIARIES, *STRONG, *WEAK, *PART, "a"]}))
VERB_RE = re.compile(
    rf"\b(?=[{_INITIALS}])"
    rf"(?:(?P<passive>(?:{'|'.join(_PASSIVE_AUXILIARIES)})\s+(?:quoted|cited)"
    rf"(?:\s+by\s+[^,.;{MASK}]{{1,60}}?)?\s+as\s+(?:saying|telling))"
    # Each group as a character trie (a literal space in "lashed out"): twice as fast as a list.
    rf"|(?P<strong>{trie_pattern(STRONG, ' ')})|(?P<weak>{trie_pattern(WEAK, ' ')})"
    rf"|(?P<part>{trie_pattern(PART, ' ')})"
    r"|(?P<according>according\s+to))\b",
    re.IGNORECASE,
)
RANK = {"strong": 0, "passive": 0, "according": 1, "weak": 2, "part": 3}
INVERTING = word_set(
    "said says added adds wrote continued explained replied stressed noted insisted warned remarked"
)
LISTENING = word_set("told tells telling thanked accused urged warned called")
COMMITMENTS = word_set("promised pledged vowed vows")

# After a clause-taking verb, a finite verb where the reported clause's subject should be.
_AUX_NEXT = re.compile(
    r"\s+(?:is|are|was|were|would|will|could|can|may|might|should|must|had|has|have)\b"
)
_ED_VERB_NEXT = re.compile(
    r"\s+[a-z]{3,}ed\s+(?:the|a|an|its|his|her|their|to|in|on|at|by|for|with|from|into|him"
    r"|them|it|us|up|down|out|off|back|over)\b"
)
_CLAUSE_TAKING = word_set("said says say claimed claims argued argues insisted insists asserted")
_ACT_AFTER = {
    "denied": re.compile(
        r"\s+(?:\w+\s+){0,2}?(?:entry|access|visas?|permission|bail|passage|landing|clearance"
        r"|asylum|accreditation|overflight)\b"
    ),
    "added": re.compile(
        r"\s+(?:to\b|(?:(?!that\b)[\w'’\-]+\s+){1,6}?to\s+(?:the|its|a|an|their|his|her|our)"
        r"\s+(?:list|blacklist|tally|toll|number|roster)\b)"
    ),
    "declared": re.compile(
        r"\s+(?:an?\s|war\b|martial\b|victory\b|independence\b|bankruptcy\b|\d|(?:one|two|three"
        r"|four|five|six|seven|ten)\s+days?\b)"
    ),
    "admitted": re.compile(r"\s+(?:about\s+|some\s+|more\s+than\s+)?\d"),
}
_ACT_AFTER["denies"] = _ACT_AFTER["denied"]
_ACT_AFTER["declares"] = _ACT_AFTER["declared"]
_WORDS_AFTER = {
    "recalled": re.compile(rf"\s*(?:[:,]?\s*{MASK}|:|\s+(?:that|how|when|the\s+words)\b)"),
    "continued": re.compile(rf"\s*(?:[:,.]|{MASK}|$)"),
}
_WORDS_AFTER["recalls"] = _WORDS_AFTER["recalled"]
_EVALUATIVE = word_set(
    "illegal unacceptable wrong absurd baseless groundless false ridiculous historic positive "
    "negative important irresponsible dangerous null void legitimate illegitimate unjust "
    "unfair provocative excellent good bad constructive productive useful fruitful"
)
_ADJECTIVE = re.compile(r"[a-z]+(?:able|ible|ous|ful|less|ive)")
_MODAL = re.compile(r"(?:\bto|would|could|will|might|may|can|should|must|n't|not|did|does|do)\s+$")


def _names_something(after: str) -> bool:
    """ "called the move a mistake", "called for calm": the speech use of "called"."""
    words = re.findall(rf"[^\s{MASK}]+|{MASK}+", after[:120])
    if not words:
        return False
    first = words[0].lower().strip(",.")
    if first in ("for", "on", "upon") or words[0][0] == MASK:
        return True
    if first in ("a", "an", "off") or not first.isalnum():
        return False  # "called a snap election", "called off the talks"
    for i in range(1, min(len(words), 7)):
        word, prev = words[i], words[i - 1]
        low = word.lower().rstrip(",.")
        if prev.lower() in DETERMINERS:
            continue
        if word[0] == MASK or low in ("a", "an"):
            return True
        if low in PREPOSITIONS or prev[-1:] in ",.;:":
            return False
        if low in _EVALUATIVE or _ADJECTIVE.fullmatch(low):
            return True
    return False


def reports_no_words(masked: str, verb: str, start: int, end: int, passive: bool) -> bool:
    """True for a speech-verb match that reports no words (rules in the module docstring)."""
    verb = verb.lower()
    before, after = masked[max(0, start - 12) : start].lower(), masked[end:]
    if not passive and re.search(r"\b(?:was|were|been|being|be|is|are|so|what)\s*-?$", before):
        return True
    if verb in ("said", "wrote") and after.startswith(" to "):
        return True
    if verb == "say" and _MODAL.search(before):
        return True
    if verb not in ("told", "tells") and not passive and _AUX_NEXT.match(after):
        return True  # "a deal officials say will open markets": an embedded report
    if verb in _CLAUSE_TAKING and _ED_VERB_NEXT.match(after):
        return True  # "a move critics said targeted the opposition"
    act = _ACT_AFTER.get(verb)
    if act is not None and act.match(after):
        return True
    words = _WORDS_AFTER.get(verb)
    if words is not None and not words.match(after):
        return True
    if verb in ("called", "calls"):
        return not _names_something(after)
    return False


def is_commitment(masked: str, verb_end: int, verb: str) -> bool:
    """ "pledged to …", "promised aid": a commitment, unless words follow ("promised that")."""
    if verb.lower() not in COMMITMENTS:
        return False
    after = masked[verb_end : verb_end + 40]
    return not re.match(rf"\s*(?:[:,]?\s*{MASK}|:|\s+that\b)", after)
