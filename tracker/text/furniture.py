"""Page furniture in pasted or extracted news pages: lines that are not reporting.

Contract: ``furniture_kind(line, first)`` takes one stripped non-blank line (``first``: it is the
document's first line) and returns ``BYLINE`` (who or when or where the page was written: a
byline, a date or time stamp, a dateline standing alone), ``PAGE`` (site chrome: a page or
section label, a related-story header, a share bar, a reader plea, a comment prompt, a keyword
or breadcrumb list, a source or link line, a headline question) or ``None`` for text that may be
a statement. ``opens_link_list(line)`` is true for the labels after which a page lists other
stories ("Related articles", "Read more:"); ``is_link_teaser(line)`` for a line in such a list:
a headline (no final punctuation) or a teaser cut off with an ellipsis. The caller decides
where a link list ends (see :mod:`tracker.text.boilerplate`).

``opening_dateline(text)`` finds a wire dateline run into a statement ("GENEVA, Sept 10 The
United States …", "ANKARA (Reuters) - Turkey …", "ISTANBUL — A day after …", "BRUSSELS: …"):
one to three words in capitals, optionally a capitalised country or state after a comma, then
a day ("Sept 10", "July 26, 2016"), an agency in brackets, a dash or a colon. It says where the
place ends, where the dateline ends and whether only a colon follows the capitals (a form a
speaker's label or a headline shares: "NATO: …", "ERDOGAN: …"; the caller decides by what the
capitals name).

Rules, all on the line's own form (no outlet names: the words are the web's common labels):

* Date stamp: every word is a date or time word (a weekday, a month, "Updated", "Posted",
  "Published", "Read", am/pm, a time zone in capitals) and the line holds a number: "Tuesday,
  June 28 2016 14:20 EEST", "Updated Sep 8, 2016", "(August 24, 2016)", "4:32 P.M. (Local)".
* Byline: "By" and one to six capitalised name words, optionally followed by "|"-separated
  names or a date stamp ("By Jane Doe | Daily Example | Updated: 2016-08-10"); or a name and
  a date stamp joined by "|" ("Jane Doe | 18.03.2016 - Update : 22.03.2016").
* Dateline alone: one to three words in capitals ("ANKARA", "ST. PETERSBURG"), or a
  capitalised place and country ("Ankara, Turkey").
* Page label: the whole line is one of the web's stock labels (``_LABELS``: "Advertisement",
  "Story continues below", "Share this", "Related articles", "Post a Comment", "Story
  highlights" ...), or a stock label with a colon and a short tail ("Read more: <headline>",
  "Source: Example News", "Tags: ..."), optionally in brackets ("(Read also: ...)").
* Share bar: nothing but the names of social networks and sharing buttons, run together or not.
* Reader plea: a line of at most ``_PLEA_MAX_WORDS`` words that speaks to the reader ("you",
  "your") about the site (subscribe, newsletter, sign up, share, feedback, log in, donate, send
  us ...), or opens with "Click here"; never with a quotation mark or a speech verb (then the
  "you" is a speaker's).
* Keyword or breadcrumb list: no final punctuation, and either at least six comma-separated
  items of at most three words, or three or more items of one to three capitalised words.
* Source line: a bare web address or domain, alone or bracketed ("[example.com]"), or a short
  line ending in one ("Source: https://...").
* Headline question: one question of at most ``_QUESTION_MAX_WORDS`` words with no quotation
  mark that does not open with a conjunction (a question in the body, "But how far ...?",
  continues the reporting).

Deliberately not furniture: a headline (the page's claim), a standfirst, a bullet point, a
transcript paragraph opened by a speaker label, and any line ending in a sentence of reporting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.models import BYLINE, PAGE
from tracker.text.quotes import CLOSING
from tracker.text.words import word_set

# Double quotes and guillemets: a single closing mark is usually an apostrophe ("Can't").
_QUOTES = frozenset('"“”„«»‹›')
_QUOTE_RE = re.compile('["“”„«»‹›]')
_QUESTION_MAX_WORDS = 12
_PLEA_MAX_WORDS = 40
# Anything longer than this is a paragraph: only the plea test looks at it.
_SHORT_MAX_WORDS = 25

# --- date stamps and bylines ---------------------------------------------------------------

_STAMP_WORDS = word_set(
    """monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs
    fri sat sun january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec updated update posted published
    last modified date read views am pm a.m p.m local gmt utc at on"""
)
_DIGIT = re.compile(r"\d")
_STAMP_TOKEN = re.compile(r"[^\W_]+(?:\.[^\W_]+)*\.?")
_TIME_ZONE = re.compile(r"[A-Z]{2,5}")


def is_date_stamp(line: str) -> bool:
    """True when the line is nothing but a date or time with stamp words ("Posted: Jul 16")."""
    if _DIGIT.search(line) is None:
        return False
    for token in _STAMP_TOKEN.findall(line):
        if token.isdigit() or token.rstrip(".").lower() in _STAMP_WORDS:
            continue
        if token[:1].isdigit() and token.rstrip(".").lower().endswith(("st", "nd", "rd", "th")):
            continue  # "28th"
        if _TIME_ZONE.fullmatch(token):
            continue  # EEST, UTC
        return False
    return True


_NAME_WORD = re.compile(r"[^\W\d_a-z][\w'’.\-]*|(?:de|da|van|von|der|al|bin|el|du|la|of|and)\Z")


def _is_name(part: str, most: int) -> bool:
    words = part.split()
    return 0 < len(words) <= most and all(_NAME_WORD.match(w) for w in words)


def is_byline(line: str) -> bool:
    """True for "By Jane Doe", "By Jane Doe | Example News | Updated: ..", "Jane Doe | <date>"."""
    if line[:3] not in ("By ", "BY ", "by ") and "|" not in line:
        return False  # the common case, decided without splitting
    parts = [p.strip() for p in line.split("|")]
    head = parts[0]
    if head[:3] in ("By ", "BY ", "by "):
        if not _is_name(head[3:].replace(",", " "), 6):
            return False
    elif len(parts) < 2 or not _is_name(head, 4):
        return False
    elif not any(is_date_stamp(p) or _is_stamp_after_label(p) for p in parts[1:]):
        return False  # two names joined by "|" may be a headline's kicker
    return all(
        _is_name(p, 6) or is_date_stamp(p) or _is_stamp_after_label(p) for p in parts[1:] if p
    )


_NUMERIC_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?:\s+\d{1,2}:\d{2})?")


def _is_stamp_after_label(part: str) -> bool:
    """ "Updated: 2016-08-10 08:21", "18.03.2016 - Update : 22.03.2016": numeric dates, labels."""
    rest = _NUMERIC_DATE.sub(" 1 ", part)
    return rest != part and is_date_stamp(rest.replace("-", " ").replace(":", " "))


_CAPS_DATELINE = re.compile(r"[A-Z][A-Z.'’\-]*(?:\s+[A-Z][A-Z.'’\-]*){0,2}")
_PLACE_COUNTRY = re.compile(r"[^\W\d_a-z][\w'’.\-]*(?:\s+[^\W\d_a-z][\w'’.\-]*)?,\s+[^\W\d_a-z]\w+")


_MONTHS = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?|January|February|March|April"
    r"|June|July|August|September|October|November|December"
)
_OPENING_DATELINE = re.compile(
    r"\s*(?P<place>[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,2}"
    r"(?:,\s*[A-Z][A-Za-z.'’\-]+(?:\s+[A-Z][A-Za-z.'’\-]+)?)?)"
    r"(?:(?P<day>,\s+(?:" + _MONTHS + r")\s+\d{1,2}(?:,?\s+\d{4})?(?!\d)"
    r"(?:\s*\([^()]{1,30}\))?(?:\s*[-–—]+)?)"
    r"|(?P<agency>\s*\([^()]{1,30}\)\s*[-–—]+)"
    r"|(?P<dash>\s*[–—]|\s+-)"
    r"|(?P<colon>\s*:))\s*(?=\S)"
)


@dataclass(frozen=True)
class Dateline:
    """A dateline opening a statement: where its place ends, where it ends, and whether only a
    colon follows the capitals (then it may be a speaker's label or a headline instead)."""

    place_end: int
    end: int
    colon: bool


def opening_dateline(text: str) -> Dateline | None:
    """The wire dateline opening ``text``, if any (module docstring)."""
    if not text[:1].isupper() or not text[1:2].isupper():
        return None  # the common case, cheaply
    found = _OPENING_DATELINE.match(text)
    if found is None:
        return None
    return Dateline(found.end("place"), found.end(), found.lastgroup == "colon")


def is_dateline(line: str) -> bool:
    """True for a dateline standing alone: "ANKARA", "ST. PETERSBURG", "Ankara, Turkey"."""
    return bool(_CAPS_DATELINE.fullmatch(line) or _PLACE_COUNTRY.fullmatch(line))


# --- site chrome ---------------------------------------------------------------------------

# Labels that are furniture when they make up the whole line (compared case-folded, without
# the final colon or full stop).
_LABELS = frozenset(
    """advertisement|advertising|sponsored|sponsored content|story continues below
    |article continues below|continue reading|article content|share|share this|share this article
    |share this story|share on|related|related articles|related stories|related coverage
    |related news|related content|related topics|related posts|read more|read also|see also
    |more about|more on this|more from|you may like|you may also like|recommended
    |recommended for you|featured post|featured posts|editor's choice|editor’s choice
    |editors' picks|most read|most popular|most viewed|latest news|latest|top stories
    |trending|news line|comments|no comments|post a comment|leave a comment|leave a reply
    |add a comment|view comments|show comments|search|search form|story highlights
    |key points|for immediate release|photo|photos|video|videos|image|gallery|multimedia
    |print|email|skip to content|skip to main content|sign up|subscribe|log in|sign in
    |follow us|tags|topics|filed under|listen|listen to this article""".replace("\n", "")
    .replace("    ", "")
    .split("|")
)
# Labels that may carry a short tail after a colon: "Read more: <headline>", "Tags: a, b".
_TAIL_LABELS = frozenset(
    """related|read more|read also|see also|more|watch|watch more|also read|recommended
    |more about|tags|topics|filed under|source|sources|link|via|photo gallery|video|watch video
    |listen""".replace("\n", "")
    .replace("    ", "")
    .split("|")
)
_TAIL_MAX_WORDS = 20
_TAIL_WORDS_IF_SENTENCE = 6
# After these a page lists other stories: headlines and cut-off teasers, not reporting.
_LINK_LIST_LABELS = frozenset(
    """related|related articles|related stories|related coverage|related news|related content
    |related posts|read more|read also|see also|more about|more on this|more from|you may like
    |you may also like|recommended|recommended for you|featured post|featured posts
    |editor's choice|editor’s choice|editors' picks|most read|most popular|most viewed
    |latest news|top stories|trending|news line""".replace("\n", "")
    .replace("    ", "")
    .split("|")
)

_SHARE_BAR = re.compile(
    r"(?:\s|[|·•,/]|facebook|twitter|pinterest|linkedin|whatsapp|telegram|reddit|email|e-mail"
    r"|share|print|copy\s+link|messenger|tumblr|\bvk\b|x)+",
    re.IGNORECASE,
)
_URL = re.compile(
    r"(?:https?://\S+|www\.\S+|[\w\-]+(?:\.[\w\-]+)*\.(?:com|net|org|ru|tr|az|am|ua|eu|info|tk"
    r"|gov|int|co|uk|de|fr|in|gr)(?:/\S*)?)",
    re.IGNORECASE,
)
_PLEA_WORDS = re.compile(
    r"subscri|newsletter|sign\s+up|sign\s+in|log\s*in|logged\s+in|register|donat|support\s+(?:us"
    r"|our)|feedback|inbox|share\s+(?:this|the|your|it)|follow\s+us|click\s+here|membership"
    r"|become\s+a\s+member|comment|send\s+us",
    re.IGNORECASE,
)
_YOU = re.compile(r"\b(?:you|your|you're|you’re)\b", re.IGNORECASE)
_CONJUNCTIONS = word_set("But And So Yet Or Nor Then Still")


def _label_key(text: str) -> str:
    """The label's words, case-folded, without brackets, final colon or a slot number."""
    bare = text.strip().strip("()[]").rstrip(":.").rstrip("0123456789 ")
    return " ".join(bare.split()).casefold()


def is_page_label(line: str) -> bool:
    """True for a stock web label alone, or one followed by a colon and a short tail."""
    bare = line.strip("()[] ")
    if _label_key(bare) in _LABELS:
        return True
    label, colon, tail = bare.partition(":")
    words = len(tail.split())
    # A link or a name follows the label; a sentence after "Source:" is somebody's statement.
    short = words <= _TAIL_WORDS_IF_SENTENCE or (
        words <= _TAIL_MAX_WORDS and tail.rstrip(CLOSING + ") ")[-1:] not in ".!?"
    )
    return bool(colon) and short and _label_key(label) in _TAIL_LABELS


def opens_link_list(line: str) -> bool:
    """True for a label after which a page lists other stories ("Related articles")."""
    bare = line.strip("()[] ")
    return (
        _label_key(bare) in _LINK_LIST_LABELS
        or _label_key(bare.partition(":")[0]) in (_LINK_LIST_LABELS)
        and not bare.partition(":")[2].strip()
    )


def is_link_teaser(line: str) -> bool:
    """A line in a list of other stories: a headline, or a teaser cut off by an ellipsis."""
    bare = line.rstrip(CLOSING + ") ")
    return bare[-1:] not in ".!?:;" or bare.endswith(("...", "…"))


def _is_list(line: str) -> bool:
    if line[-1:] in ".!?;:" or (line.count(",") < 2 and line.count("/") < 2 and "›" not in line):
        return False
    items = [i.strip() for i in re.split(r"\s*(?:,|›|»|>|/)\s*", line)]
    if any(not i or len(i.split()) > 3 for i in items):
        return False
    if len(items) >= 6:
        return True
    return len(items) >= 3 and all(_is_name(i, 3) for i in items)


def _is_source_line(line: str, words: int) -> bool:
    if "." not in line:
        return False  # a web address has a dot
    bare = line.strip("()[]<> ")
    if _URL.fullmatch(bare):
        return True
    last = bare.rsplit(None, 1)[-1] if bare else ""
    return words <= 6 and ":" in bare and _URL.fullmatch(last) is not None


def furniture_kind(line: str, first: bool = False) -> str | None:
    """BYLINE, PAGE or None for one stripped line; see the module docstring."""
    words = len(line.split())
    if words > _SHORT_MAX_WORDS:
        return PAGE if words <= _PLEA_MAX_WORDS and _is_plea(line) else None
    if is_date_stamp(line) or is_byline(line):
        return BYLINE
    if is_page_label(line):
        return PAGE  # before datelines: "READ MORE" is in capitals too
    if not first and is_dateline(line):
        return BYLINE
    if (
        _SHARE_BAR.fullmatch(line)
        or _is_source_line(line, words)
        or _is_list(line)
        or _is_plea(line)
        or _is_headline_question(line, words)
    ):
        return PAGE
    return None


_SPEECH = re.compile(r"\b(?:said|says|say|told|tells|added|asked|urged|warned)\b", re.I)
_CLICK = re.compile(r"(?:click|tap)\s+here\b", re.IGNORECASE)


def _is_plea(line: str) -> bool:
    if _QUOTE_RE.search(line) or _SPEECH.search(line):
        return False  # a speaker's "you" ("you must share the burden, the envoy said")
    if _CLICK.match(line):
        return True
    return _YOU.search(line) is not None and _PLEA_WORDS.search(line) is not None


def _is_headline_question(line: str, words: int) -> bool:
    if not line.endswith("?") or words > _QUESTION_MAX_WORDS or _QUOTE_RE.search(line):
        return False
    if line.find("?") < len(line) - 1 or re.search(r"[.!]\s", line):
        return False  # more than one sentence: a paragraph, not a headline
    return line.split(None, 1)[0].strip(",") not in _CONJUNCTIONS
