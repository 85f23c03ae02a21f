"""Speech verbs, and the uses of them that report an act rather than words.

``VERB_RE`` finds reporting verbs in a statement whose quotations are masked with ``MASK``; its
named group says how much the verb proves: ``strong`` (said, told, added: anyone reported with
it speaks), ``weak`` (emphasised, warned, denied, urged, pointed to, expressed: the phrase before
it must name someone who can speak), ``onward`` ("went on to warn": as weak), ``part`` (",
saying …", ", asking …": the sentence subject speaks; only after a comma, a dash or a quotation,
since "a resolution describing the killings" is the noun's), ``passive`` ("was quoted as
saying"), ``quoting`` ("Interfax quoted a source as saying": the source speaks) and
``according`` ("according to X", ", citing X", ", quoting X"). The verbs are listed in
``STRONG``, ``WEAK``, ``ONWARD`` and ``PART``; ``INVERTING`` are those that may follow a quotation
before their subject ("“…,” urged the minister").

``reports_no_words(masked, verb, start, end, passive)`` is true for a match that reports
no words. The general cases: a passive or infinitive use ("is said to", "to say"); a verb whose
reported clause has no subject because the reporting clause sits inside a noun phrase: an
auxiliary right after the verb ("a deal officials say will open markets"), or, after say /
claim / argue / insist / assert, a past-tense verb with its object ("a move critics said
targeted the opposition"; "said detained soldiers would …" still has its subject). The remark
is then embedded in the narrator's sentence and names no speaker of the sentence. Then verbs
with a second, non-speech sense, which count only in their speech use:

* recalled / recalls / recalling: only "recalled that / how / when …", "recalled:" or a
  quotation after it ("Turkey recalled its ambassador" recalls an envoy);
* called / calls / calling: only "called for / on …", "called X a Y", "called X “…”", "called X
  unacceptable" (naming); not "called Erdogan" (a telephone call), "called off", "called its
  ambassador home", "called a snap election";
* denied: not "denied entry / access / a visa / permission …" (a refusal);
* announced: not before a noun phrase ("announced new sanctions", "announced a ban": a measure
  made public); "announced that …" reports words (the attribution module turns a government's,
  country's or capital's announcement, like anything it does with a ``weak`` verb, into the
  narrator's report);
* expressed: only with a that-clause, a quotation or a word of stance after it ("expressed
  regret that …", "expressed concern over …", "expressed his condolences": a message of
  sympathy is worded); "expressed solidarity with Ankara at a meeting" is a gesture;
* asked: only before a question ("asked whether / why / how …", "asked reporters what …"), a
  colon or a quotation, or after a quotation ("“…?” asked the minister"); "asked the government
  to prepare …" and "asked for money" are requests reported as acts;
* added: not "added X to the list", "added to the pressure";
* declared / declaring: not "declared a state of emergency / war / victory" (a performative act);
* continued: only before a colon, comma, full stop or quotation ("Russia continued its strikes");
* admitted: not before a number ("Turkey admitted 2,000 refugees").
* referred to: only when it names someone as something ("referred to the minister as a friend");
  "referred to the agreement" only mentions it;
* dismissed: only before what can be dismissed in words ("dismissed suggestions / claims /
  reports that …", "dismissed the idea as …"); "dismissed 2,000 judges" removes people.

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
    "recalled recalls asked asks expressed expresses voiced cautioned countered conceded "
    "lamented reaffirmed revealed reveals rebuked rebukes rejected rejects characterised "
    "characterized characterises characterizes dismissed dismisses clarified clarifies "
    "instructed instructs advised advises"
) | {
    "referred to",
    "refers to",
    "made clear",
    "made it clear",
    "makes clear",
    "makes it clear",
    "lashed out",
    "pointed out",
    "points out",
    "pointed to",
    "points to",
}
# Present forms after a plural subject ("Analysts warn that …"); after "to", a modal or "did"
# they are infinitives and report nothing. Forms that are also common nouns (claim, note,
# stress, call) are left out: "handed a diplomatic note" is no speech.
BASE = word_set(
    "warn urge insist argue deny accuse complain acknowledge admit predict suggest criticise "
    "criticize condemn reiterate emphasise emphasize underline underscore assert contend"
) | {"point out"}
PART = word_set(
    "saying adding noting stressing emphasising emphasizing insisting warning telling explaining "
    "arguing urging describing asking accusing calling claiming stating declaring expressing "
    "reiterating complaining recalling contending"
) | {"pointing out", "pointing to"}
# "went on to warn": the subject before "went" speaks.
ONWARD = word_set(
    "say add warn urge accuse stress note insist argue claim declare ask describe criticise "
    "criticize condemn emphasise emphasize express call"
) | {"point out"}

QUOTED_AS = re.compile(rf"\s+([^.;:!?{MASK}]{{1,100}}?),?\s+as\s+(?:saying|telling|stating)\b")
# Checking a word's first letter before any alternative lets the engine skip most words cheaply.
_INITIALS = "".join(
    sorted({w[0] for w in [*_PASSIVE_AUXILIARIES, *STRONG, *WEAK, *BASE, *PART, *"agq"]})
)
VERB_RE = re.compile(
    rf"\b(?=[{_INITIALS}])"
    rf"(?:(?P<passive>(?:{'|'.join(_PASSIVE_AUXILIARIES)})\s+(?:quoted|cited)"
    rf"(?:\s+by\s+[^,.;{MASK}]{{1,60}}?)?\s+as\s+(?:saying|telling))"
    # Each group as a character trie (a literal space in "lashed out"): twice as fast as a list.
    rf"|(?P<strong>{trie_pattern(STRONG, ' ')})|(?P<weak>{trie_pattern(WEAK | BASE, ' ')})"
    rf"|(?P<part>{trie_pattern(PART, ' ')})"
    rf"|(?P<onward>(?:went|goes|go)\s+on\s+to\s+{trie_pattern(ONWARD, ' ')})"
    # ", the agency reported, citing a minister": the one cited is the source of the words.
    r"|(?P<according>according\s+to|(?<=,\s)(?:citing|quoting))"
    # "Interfax quoted a source as saying": the one quoted speaks, not the outlet.
    rf"|(?P<quoting>(?:quoted|quotes|cited|cites)(?={QUOTED_AS.pattern})))\b",
    re.IGNORECASE,
)
RANK = {"strong": 0, "passive": 0, "quoting": 0, "according": 1, "weak": 2, "onward": 2, "part": 3}
# Verbs that may stand before their subject after a quotation ("“…,” urged the minister").
INVERTING = word_set(
    "said says added adds wrote continued explained replied stressed noted insisted warned remarked"
    " urged asked argued claimed declared announced acknowledged admitted emphasised emphasized"
    " recalled countered conceded cautioned complained commented quipped"
)
LISTENING = word_set("told tells telling thanked accused urged warned called")
# Verbs whose report is nothing but the words: a charge ("accused Moscow of …") or a stance put
# in words ("expressed concern", "voiced regret", "insisted that …"). A government, country or
# capital reported with them speaks, as with "said"; with the other weak verbs (pledged,
# demanded, hailed, condemned, announced …) it acts and the journalist reports the act.
UTTERING = word_set("accused accuses expressed expresses voiced voices insisted insists")

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
# "announced new sanctions", "announced a ban": a measure made public, not words.
_ACT_AFTER["announced"] = re.compile(
    r"\s+(?:an?|the|its|their|his|her|new|further|fresh|plans?|sanctions|measures|restrictions"
    r"|\d)\b"
)
for _verb, _form in (("denied", "denies"), ("declared", "declares"), ("declared", "declaring"),
                     ("announced", "announces")):  # fmt: skip
    _ACT_AFTER[_form] = _ACT_AFTER[_verb]
_WORDS_AFTER = {
    "recalled": re.compile(rf"\s*(?:[:,]?\s*{MASK}|:|\s+(?:that|how|when|the\s+words)\b)"),
    "continued": re.compile(rf"\s*(?:[:,.]|{MASK}|$)"),
}
# "expressed regret that …", "expressed concern over …", "expressed its “deep concern”": words;
# "expressed solidarity with Ankara at a meeting" is a gesture the journalist reports.
_WORDS_AFTER["expressed"] = re.compile(
    rf"[^.;:!?{MASK}]{{0,60}}?(?:\bthat\b|{MASK})|\s+(?:[a-z]+\s+){{0,2}}?(?:concern|regret"
    r"|hope|alarm|dismay|disappointment|doubts?|displeasure|outrage|anger|frustration|surprise"
    r"|optimism|confidence|readiness|satisfaction|indignation|bewilderment|condolences?|sympathy"
    r"|sorrow|gratitude)\b"
)
for _verb, _form in (("expressed", "expresses"), ("expressed", "expressing")):
    _WORDS_AFTER[_form] = _WORDS_AFTER[_verb]
_WORDS_AFTER["recalls"] = _WORDS_AFTER["recalled"]
# "asked whether …", "asked reporters why …", "asked: “…”": words; "asked the government to
# prepare …", "asked for more money" are requests the journalist reports as acts.
_WORDS_AFTER["asked"] = re.compile(
    rf"\s*(?:[:,]?\s*{MASK}|:|(?:\s+[\w'’\-]+){{0,3}}?\s+(?:whether|if|why|how|what|who|when"
    r"|where|about)\b)"
)
_WORDS_AFTER["asks"] = _WORDS_AFTER["asked"]
# "dismissed suggestions that …", "dismissed the report as …": words; "dismissed 2,000 judges",
# "dismissed the governor" remove people from office.
_WORDS_AFTER["dismissed"] = re.compile(
    r"(?:\s+[\w'’\-]+){0,3}?\s+(?:suggestions?|claims?|reports?|allegations?|accusations?"
    r"|speculations?|criticism|concerns?|fears?|talk|ideas?|notions?|charges?|rumou?rs?|calls"
    r"|comparisons?|warnings?|threats?|as)\b"
)
_WORDS_AFTER["dismisses"] = _WORDS_AFTER["dismissed"]
_WORDS_AFTER["recalling"] = _WORDS_AFTER["recalled"]
# "referred to the envoy as “a friend”": naming in words; "referred to the deal" only mentions.
_WORDS_AFTER["referred to"] = re.compile(rf"(?:\s+[^\s.;:!?{MASK}]+){{1,6}}?\s+as\b")
_WORDS_AFTER["refers to"] = _WORDS_AFTER["referred to"]
_EVALUATIVE = word_set(
    "illegal unacceptable wrong absurd baseless groundless false ridiculous historic positive "
    "negative important irresponsible dangerous null void legitimate illegitimate unjust "
    "unfair provocative excellent good bad constructive productive useful fruitful"
)
_ADJECTIVE = re.compile(r"[a-z]+(?:able|ible|ous|ful|less|ive)")
# "was said", "is told": the verb as a participle after a form of "be" (or "so said").
_STATE_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are|so|what)\s*-?$")
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
        if word[0] == MASK:
            return True  # "called Vienna the “…”"
        if prev.lower() in DETERMINERS:
            continue
        if low in ("a", "an"):
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
    if not passive and _STATE_BEFORE.search(before):
        return True
    if verb in ("said", "wrote") and after.startswith(" to "):
        return True
    if (verb == "say" or verb in BASE) and _MODAL.search(before):
        return True
    if verb not in ("told", "tells") and not passive and _AUX_NEXT.match(after):
        return True  # "a deal officials say will open markets": an embedded report
    if verb in _CLAUSE_TAKING and _ED_VERB_NEXT.match(after):
        return True  # "a move critics said targeted the opposition"
    act = _ACT_AFTER.get(verb)
    if act is not None and act.match(after):
        return True
    words = _WORDS_AFTER.get(verb)
    inverted = verb in ("asked", "asks") and re.search(rf"[,?{MASK}]\s*[–—-]*\s*$", before)
    if words is not None and not inverted and not words.match(after):
        return True
    if verb in ("called", "calls", "calling"):
        return not _names_something(after)
    return False
