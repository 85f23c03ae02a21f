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
* Byline with a date: an author, agency or outlet of at most four capitalised words (an
  extractor may run it into the next word) and a date stamp with a year or a time, font
  controls after it dropped ("Example Wire, May 3, 2016 Adjust font size:", "Jane DoeLast
  Update : Monday 9 May 2016 - 4:10 PM"); never the first line, and not when the words
  before the date end in a preposition (a title-case headline: "Talks Set For May 2016").
  "By" and a date without a name ("By Published on May 9, 2016") is a byline too.
* Dateline alone: one to three words in capitals ("ANKARA", "ST. PETERSBURG"), or a
  capitalised place and country ("Ankara, Turkey").
* Page label: the whole line is one of the web's stock labels (``_LABELS``: "Advertisement",
  "Story continues below", "Share this", "Related articles", "Post a Comment", "Story
  highlights" ...), or a stock label with a colon and a short tail ("Read more: <headline>",
  "Source: Example News", "Tags: ..."), optionally in brackets ("(Read also: ...)").
  A numbered menu item is read without its number ("2. Skip to content"); any short
  "Skip to ..." line is an accessibility link. ``opens_comment_form(line)`` is true for the
  label of a comment form ("Leave a Reply", "Comments rules:"); the caller ends the article
  there.
* Breadcrumb from "Home" ("Home > World > <title>", "HomeNews» <title>"), ticker of headlines
  joined by at least two bullets with no final punctuation in any item, pager ("page 1 of
  15").
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
* Navigation line: every word (camel-case runs split: "Show commentsHide comments") is one of
  the web's menu and section words (``_NAV_WORDS``: "Open news feed Close news feed",
  "Featured news Politics").
* Promotion or site notice: a line of at most ``_PLEA_MAX_WORDS`` words that opens with an
  imperative to the reader ("Get", "Subscribe", "Join", "Unlock" ...) and names what a site
  sells (exclusive features, faster access, the full archive, the app), or speaks of the site
  itself ("this website", "the website is no longer updated", cookies); never with a quotation
  mark or a speech verb.
* Source line in words: the whole line says who reported the story and no more ("This is
  reported by Example.net citing Daily Example."), or points back to the site's own archive
  by its web address ("As reported earlier by example.com, <headline>").
* Presentation line: "Here are / Here is / Below is ... :" introducing what follows (a list of
  quotes, a transcript); the quotes themselves are statements.
* Video-player label: a line without final punctuation that ends in a running time ("... 02:45")
  or holds a file name ("clip_0012", "video.mp4").

* Date stamps also read "Today: Friday, 3 May 2016 year" and "Thursday 12 of May 2016".
* Metadata cell cut at its bar ("- Example Wire, Sochi (Russia) |"), and a byline that names
  the writers by newsroom role without a verb ("JANE DOE, Diplomatic Writer JOHN ROE, Staff
  Reporter"): bylines.
* Counters beside a story ("3 min read", "2 hours ago", "12 Comments", "1.2K views"): numbers
  and counter words only, at most ``_COUNTER_MAX_WORDS`` words.
* Legal footer ("All rights reserved", a wire's redistribution notice, "Terms of use |"), a
  post's signature ("— Jane Doe (@janedoe) June 24, 2016"), one record field with a short
  verbless value ("Category: World", "Language: English"), a label ending in a colon whose
  last word names a source or tags ("Article source:"), the name under a pull quote ("- Deputy
  Minister Jane Doe"): page chrome. ``is_field_line(line)`` is true for any "Label: value"
  line with a short verbless value: the caller takes runs of them as a record.
* ``opens_comments(line)`` is true for the head of a comment list or of one reader's comment
  ("12 Comments", "3 responses to ...", "Comments (4)", "jane_doe says:", "JaneDoe • 2 years
  ago"); ``is_commenter(line)`` for the last two forms.
* ``opens_link_list`` also takes a list's label of at most four words opened by "More",
  "Most", "Latest", "Related", "Top" ... without a verb, a number or final punctuation ("More
  in Europe", "Most Read Stories").
* A line opening with a separator and a space (": <headline>", "| ...", "» ...") is the tail of
  a breadcrumb or a cell cut at its separator; a link label run into its headline without a
  colon ("Read more Envoys meet again") is a page label; a sentence ending in "click here." is
  a reader plea.
* A question opened by a speaker's label in capitals ("REPORTER: When?") is a transcript line,
  never a headline question.

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
    last modified date read views am pm a.m p.m local gmt utc at on and today year"""
)
_DIGIT = re.compile(r"\d")
_STAMP_TOKEN = re.compile(r"[^\W_]+(?:\.[^\W_]+)*\.?")
_TIME_ZONE = re.compile(r"[A-Z]{2,5}")


def is_date_stamp(line: str) -> bool:
    """True when the line is nothing but a date or time with stamp words ("Posted: Jul 16")."""
    if _DIGIT.search(line) is None:
        return False
    tokens = _STAMP_TOKEN.findall(line)
    for k, token in enumerate(tokens):
        if token.isdigit() or token.rstrip(".").lower() in _STAMP_WORDS:
            continue
        if token == "of" and 0 < k < len(tokens) - 1 and tokens[k - 1].isdigit():
            continue  # "17 of June 2016"
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
        if is_date_stamp(head[3:]):
            return True  # the author's name left out: "By Published on August 1, 2016"
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


# Font controls printed after a byline ("Adjust font size:", "Text size A A A").
_FONT_CONTROL = re.compile(r"\s*(?:adjust\s+)?(?:font|text)\s+size\s*:?(?:\s*A[+-]?)*\s*\Z", re.I)
_CAMEL_JOIN = re.compile(r"(?<=[a-z])(?=[A-Z])")
_YEAR_OR_TIME = re.compile(r"\b\d{4}\b|\d:\d\d")
_DATED_BYLINE_MAX_WORDS = 12
_BYLINE_HEAD_MAX_WORDS = 4
# A title-case headline ends its words before a date with one of these ("Talks Set For May 2016").
_HEAD_LAST_NOT = word_set("In For By From Until Since Before After On At To Of And The")


def _is_dated_byline(line: str, words: int) -> bool:
    """An author, agency or outlet and a date stamp: "Jane Doe, May 5, 2016", "Example
    NewsExample News on 2016-07-17 06:59" (an extractor runs the name into the next word)."""
    if words > _DATED_BYLINE_MAX_WORDS or _DIGIT.search(line) is None:
        return False
    if "size" in line or "Size" in line:
        line = _FONT_CONTROL.sub("", line)
    if line[-1:] in ".!?;:" or not line[:1].isupper():
        return False
    tokens = _CAMEL_JOIN.sub(" ", line).replace(",", " ").split()
    for k in range(1, min(len(tokens) - 1, _BYLINE_HEAD_MAX_WORDS + 1)):
        tail = " ".join(tokens[k:])
        if tokens[k][:1].isdigit() or tokens[k].rstrip(".:").lower() in _STAMP_WORDS:
            if not (is_date_stamp(tail) or _is_stamp_after_label(tail)):
                return False  # the date starts here but is followed by other words
            return (
                _YEAR_OR_TIME.search(tail) is not None
                and tokens[k - 1] not in _HEAD_LAST_NOT
                and _is_name(" ".join(tokens[:k]), _BYLINE_HEAD_MAX_WORDS)
            )
    return False


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
    |follow us|tags|topics|filed under|listen|listen to this article|news|home|comments rules
    |comment rules|comment policy|comments policy|comments are closed|add comments|required fields
    |back to top|article|write a comment|join the discussion|join the conversation""".replace(
        "\n", ""
    )
    .replace("    ", "")
    .split("|")
)
# Labels that may carry a short tail after a colon: "Read more: <headline>", "Tags: a, b".
_TAIL_LABELS = frozenset(
    """related|read more|read also|see also|more|watch|watch more|also read|recommended
    |more about|tags|topics|filed under|source|sources|link|via|photo gallery|video|watch video
    |listen|you are here""".replace("\n", "")
    .replace("    ", "")
    .split("|")
)
_TAIL_MAX_WORDS = 20
# Link labels that a page may run into the linked headline without a colon.
_RUN_IN_LABEL = re.compile(
    r"(?:read\s+more|read\s+also|see\s+also|also\s+read)\s+[A-Z0-9“\"‘']", re.I
)
_SKIP_LINK_MAX_WORDS = 6
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
    r"|share|shares|print|copy\s+link|messenger|tumblr|\bvk\b|x|tweet|google\s*\+|google|pin"
    r"|pin\s+it|pocket|flipboard|stumbleupon|digg|sms|mail|like|likes|\d+|[+()])+",
    re.IGNORECASE,
)
# A share bar holds at least one button name: a line of numbers alone is an ID line.
_SHARE_WORD = re.compile(
    r"facebook|twitter|tweet|pinterest|linkedin|whatsapp|telegram|reddit|share|e-?mail|google"
    r"|tumblr|pocket|flipboard|messenger|\bvk\b",
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
    r"|become\s+a\s+member|comment|send\s+us|email\s+address|required\s+fields",
    re.IGNORECASE,
)
_YOU = re.compile(r"\b(?:you|your|you're|you’re)\b", re.IGNORECASE)
_CONJUNCTIONS = word_set("But And So Yet Or Nor Then Still")


# A menu item's number ("2. Skip to main menu"), which is no part of the label.
_ITEM_NUMBER = re.compile(r"\d{1,2}[.)]\s+")


def _label_key(text: str) -> str:
    """The label's words, case-folded, without brackets, final colon, a slot or item number."""
    bare = text.strip().strip("()[]").rstrip(":.*").rstrip("0123456789 ")
    if bare[:1].isdigit():
        bare = _ITEM_NUMBER.sub("", bare, count=1)
    return " ".join(bare.split()).casefold()


def is_page_label(line: str) -> bool:
    """True for a stock web label alone, or one followed by a colon and a short tail."""
    bare = line.strip("()[] ")
    key = _label_key(bare)
    if key in _LABELS:
        return True
    if key[:8] == "skip to " and len(key.split()) <= _SKIP_LINK_MAX_WORDS:
        return True  # an accessibility link: "Skip to main menu", "Skip to more sites"
    label, colon, tail = bare.partition(":")
    if not colon and _RUN_IN_LABEL.match(bare) is not None:
        # "Read more Envoys meet again": the label run into the headline it links to.
        return bare[-1:] not in ".!?" and len(bare.split()) <= _TAIL_MAX_WORDS
    words = len(tail.split())
    # A link or a name follows the label; a sentence after "Source:" is somebody's statement.
    short = words <= _TAIL_WORDS_IF_SENTENCE or (
        words <= _TAIL_MAX_WORDS and tail.rstrip(CLOSING + ") ")[-1:] not in ".!?"
    )
    return bool(colon) and short and _label_key(label) in _TAIL_LABELS


# The comment form under an article: what follows it is the readers', not the reporting.
_COMMENT_FORM = frozenset(
    """leave a reply|leave a comment|post a comment|add a comment|add comments|write a comment
    |comments rules|comment rules|comment policy|comments policy|join the discussion
    |join the conversation""".replace("\n", "")
    .replace("    ", "")
    .split("|")
)


def opens_comment_form(line: str) -> bool:
    """True for the label that opens a page's comment form ("Leave a Reply")."""
    return _label_key(line.strip("()[] ")) in _COMMENT_FORM


def opens_link_list(line: str) -> bool:
    """True for a label after which a page lists other stories ("Related articles")."""
    bare = line.strip("()[] ")
    return (
        _label_key(bare) in _LINK_LIST_LABELS
        or _label_key(bare.partition(":")[0]) in (_LINK_LIST_LABELS)
        and not bare.partition(":")[2].strip()
        or _is_more_label(bare)
    )


# A list's label of a few words opened by "More", "Most", "Latest" ...: "More from Example
# News", "More in Europe", "Most Read Stories", "Latest in World". No verb ("More talks
# planned" is a headline), no number ("More than 30 hurt"), no final punctuation.
_MORE_OPEN = re.compile(
    r"(?:more|most|latest|related|recommended|popular|trending|top)\s+[^\W\d_]", re.IGNORECASE
)
_MORE_LABEL_MAX_WORDS = 4


def _is_more_label(line: str) -> bool:
    if line[-1:] in ".!?;" or _MORE_OPEN.match(line) is None:
        return False
    words = line.rstrip(":").split()
    return (
        len(words) <= _MORE_LABEL_MAX_WORDS
        and _DIGIT.search(line) is None
        and _FINITE_HINT.search(line) is None
        and not _QUOTE_RE.search(line)
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


def is_crumbs_or_ticker(line: str) -> bool:
    """A breadcrumb trail from "Home" ("Home > News > <title>", run together or not), or a
    ticker of headlines joined by bullets ("<headline> • <headline> • <headline>")."""
    if line[-1:] in ".!?;:":
        return False
    if ">" in line or "»" in line or "›" in line:
        first = _CRUMB_SEP.split(line, 1)[0]
        return _CAMEL_JOIN.sub(" ", first).split()[:1] == ["Home"]
    if line.count("•") < _TICKER_MIN_BULLETS:
        return False
    items = [i.strip() for i in line.lstrip("• ").split("•")]
    return len(items) > _TICKER_MIN_BULLETS and all(
        i and i[-1] not in ".!?" and len(i.split()) <= _TICKER_ITEM_MAX_WORDS for i in items
    )


_CRUMB_SEP = re.compile(r"\s*[>»›]\s*")
_TICKER_MIN_BULLETS = 2
_TICKER_ITEM_MAX_WORDS = 15
_PAGINATION = re.compile(r"\bpage\s+\d+\s+(?:of|/)\s+\d+\b", re.IGNORECASE)
_PAGINATION_MAX_WORDS = 8


def _is_pagination(line: str, words: int) -> bool:
    """ "Page 1 of 15", "page 2 of 3 go to page": a pager under a long article."""
    return (
        words <= _PAGINATION_MAX_WORDS
        and ("age " in line or "AGE " in line)
        and _PAGINATION.search(line) is not None
    )


def _is_source_line(line: str, words: int) -> bool:
    if "." not in line:
        return False  # a web address has a dot
    bare = line.strip("()[]<> ")
    if _URL.fullmatch(bare):
        return True
    last = bare.rsplit(None, 1)[-1] if bare else ""
    return words <= 6 and ":" in bare and _URL.fullmatch(last) is not None


_LEADING_SEPARATORS = frozenset(":|»›>")


def furniture_kind(line: str, first: bool = False) -> str | None:
    """BYLINE, PAGE or None for one stripped line; see the module docstring."""
    words = len(line.split())
    if words > _SHORT_MAX_WORDS:
        if "•" in line and is_crumbs_or_ticker(line):
            return PAGE  # a ticker of headlines runs long
        if words <= _LEGAL_MAX_WORDS and _is_legal_notice(line, words):
            return PAGE
        return PAGE if words <= _PLEA_MAX_WORDS and _is_plea(line) else None
    if is_date_stamp(line) or is_byline(line) or (not first and _is_dated_byline(line, words)):
        return BYLINE
    if is_page_label(line):
        return PAGE  # before datelines: "READ MORE" is in capitals too
    if line[:1] in _LEADING_SEPARATORS and line[1:2] == " ":
        return PAGE  # the tail of a breadcrumb or a cell cut at its separator: no sentence
        # opens with a colon or a bar
    if not first and is_dateline(line):
        return BYLINE
    if _is_share_bar(line) or _is_source_line(line, words) or _is_plea(line):
        return PAGE
    if line[-1:] == ".":
        # A sentence: the tests below need a line without a full stop, save these.
        return PAGE if _is_source_sentence(line) or _is_legal_notice(line, words) else None
    if not first and (_is_meta_fragment(line, words) or _is_role_byline(line, words)):
        return BYLINE
    if _is_counter(line, words):
        return BYLINE if _AGO.search(line) else PAGE
    if (
        _is_source_label(line, words)
        or _is_quote_attribution(line, words)
        or _is_legal_notice(line, words)
        or _is_tweet_signature(line)
        or _is_meta_field(line, words)
    ):
        return PAGE
    if (
        _is_list(line)
        or is_crumbs_or_ticker(line)
        or _is_pagination(line, words)
        or _is_headline_question(line, words)
        or _is_nav_line(line)
        or _is_source_sentence(line)
        or _is_presentation(line, words)
        or _is_player_label(line)
    ):
        return PAGE
    return None


_SPEECH = re.compile(r"\b(?:said|says|say|told|tells|added|asked|urged|warned)\b", re.I)
_CLICK = re.compile(r"(?:click|tap)\s+here\b", re.IGNORECASE)
_CLICK_LAST = re.compile(r"\b(?:click|tap)\s+here[.!]\Z", re.IGNORECASE)


# Imperatives that open a site's sales pitch, and what the pitch sells.
_PROMO_OPEN = re.compile(
    r"(?:get|subscribe|join|unlock|enjoy|download|discover|become|upgrade|register|support\s+us)\b",
    re.IGNORECASE,
)
_PROMO_WORDS = re.compile(
    r"exclusive|premium|ad-free|unlimited|(?:faster|full|instant|digital)\s+access|full\s+archive"
    r"|keep\s+reading|stay\s+(?:updated|informed)|free\s+trial|\bapp\b|newsletter|subscri",
    re.IGNORECASE,
)
_PROMO_FIRST = frozenset("GgSsJjUuEeDdBbRrPpAaFf")
# An offer's bullet point opens with what is on sale, not with a verb.
_OFFER = re.compile(r"(?:unlimited|premium|ad-free|exclusive|full|free|all-access)\b", re.I)
_BULLET_MARKS = "•*-–—·►▪"
_OFFER_LABEL_MAX_WORDS = 3
# A notice about the site itself: an archive banner, a cookie banner.
_SITE_STATE = re.compile(
    r"no\s+longer\s+(?:updated|maintained|available)|archived|historical\s+material|cookies"
    r"|javascript|browser|may\s+not\s+work",
    re.IGNORECASE,
)


def _is_plea(line: str) -> bool:
    if _QUOTE_RE.search(line) or _SPEECH.search(line):
        # A speaker's "you" ("you must share the burden, the envoy said"); an archive banner
        # may quote its own label ("historical material “frozen in time”").
        return _is_site_notice(line)
    if _CLICK.match(line) or (line[-1:] in ".!" and _CLICK_LAST.search(line) is not None):
        return True  # "Click here ...", "For more on the talks, click here."
    if _YOU.search(line) is not None and _PLEA_WORDS.search(line) is not None:
        return True
    if _is_promotion(line):
        return True
    return _is_site_notice(line)


def _is_promotion(line: str) -> bool:
    """A sales line: an imperative with what the site sells, or an offer's bullet point."""
    if line[:1] in _BULLET_MARKS:
        line = line.lstrip(_BULLET_MARKS + " ")
        offer = line[:1] in _PROMO_FIRST and _OFFER.match(line) is not None
        if offer and line[-1:] not in ".!?":
            return _PROMO_WORDS.search(line) is not None  # "• Unlimited ad-free access to ..."
    label, colon, rest = line.partition(": ")
    if colon and len(label.split()) <= _OFFER_LABEL_MAX_WORDS:
        line = rest  # "Limited offer: Subscribe today and ..."
    return (
        line[:1] in _PROMO_FIRST
        and _PROMO_OPEN.match(line) is not None
        and _PROMO_WORDS.search(line) is not None
    )


def _is_site_notice(line: str) -> bool:
    # Plain substring tests: a pattern scanned over every line would cost more than the rest.
    return (
        "website" in line
        or "web site" in line
        or "his site" in line  # this/This
        or "his page" in line
        or "ur site" in line  # our/Our
    ) and _SITE_STATE.search(line) is not None


_TRANSCRIPT_LABEL = re.compile(r"[A-Z][A-Z.'’\- ]{0,30}[A-Z]:\s")


def _is_headline_question(line: str, words: int) -> bool:
    if not line.endswith("?") or words > _QUESTION_MAX_WORDS or _QUOTE_RE.search(line):
        return False
    if line.find("?") < len(line) - 1 or re.search(r"[.!]\s", line):
        return False  # more than one sentence: a paragraph, not a headline
    if _TRANSCRIPT_LABEL.match(line) is not None:
        return False  # a question in a transcript, asked by the speaker in capitals
    return line.split(None, 1)[0].strip(",") not in _CONJUNCTIONS


# Menu and section words: a line made of nothing else is navigation ("Featured news Politics").
_NAV_WORDS = word_set(
    """open close show hide menu news feed featured latest top main home section sections
    politics world economy business society sport sports culture opinion opinions analysis
    region regions science technology health lifestyle entertainment video videos photo photos
    gallery comments comment rate author add all more archive print email search login logout
    next previous prev back newer older live breaking trending popular"""
)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NAV_MAX_WORDS = 8


def _is_nav_line(line: str) -> bool:
    if line[-1:] in ".!?:;" or not line[:1].isalpha():
        return False
    words = _CAMEL.sub(" ", line).split()
    return 2 <= len(words) <= _NAV_MAX_WORDS and all(w.lower() in _NAV_WORDS for w in words)


# "This is reported by Example.net citing Daily Example." and nothing else.
_REPORTED_BY = re.compile(
    r"(?:this|it)\s+(?:is|was|has\s+been)\s+reported\s+by\s+(?P<by>.+?)"
    r"(?:,?\s+(?:citing|quoting|with\s+reference\s+to|referring\s+to)\s+(?P<from>.+?))?\.?",
    re.IGNORECASE,
)
# "As reported earlier by example.com, ...": a link back into the site's own archive.
_EARLIER_BY_SITE = re.compile(
    r"as\s+(?:was\s+)?(?:reported|written|noted)\s+(?:earlier|previously|before)\s+by\s+(\S+?),",
    re.IGNORECASE,
)


def _source_name(text: str) -> bool:
    bare = text.removeprefix("the ").strip()
    return _is_name(bare, 5) or _URL.fullmatch(bare) is not None


def _is_source_sentence(line: str) -> bool:
    if line[:1] in "TtIi" and " reported by " in line:
        m = _REPORTED_BY.fullmatch(line)
        if m is not None:
            return _source_name(m["by"]) and (m["from"] is None or _source_name(m["from"]))
    if line[:2] in ("As", "as") and " by " in line:
        m = _EARLIER_BY_SITE.match(line)
        return m is not None and _URL.fullmatch(m[1]) is not None
    return False


_PRESENTS = re.compile(
    r"(?:here\s+(?:is|are)|here's|here’s|below\s+(?:is|are)|the\s+following\s+(?:is|are))\b",
    re.IGNORECASE,
)
_PRESENT_MAX_WORDS = 15


def _is_presentation(line: str, words: int) -> bool:
    return (
        line.endswith(":")
        and words <= _PRESENT_MAX_WORDS
        and _PRESENTS.match(line) is not None
        and not _QUOTE_RE.search(line)
    )


# A video player's title row ends in the running time; its slot holds a file name.
_RUNNING_TIME = re.compile(r"\s\d{1,2}:\d{2}(?::\d{2})?\Z")
_SLUG = re.compile(r"(?:^|\s)[A-Za-z]+_\w*\d\w*(?:\s|$)")
_MEDIA_FILE = re.compile(r"\.(?:mp4|jpe?g|png|gif|webm)\b", re.IGNORECASE)
_BEFORE_TIME = word_set("at by from until till since before after around about")


def _is_player_label(line: str) -> bool:
    if line[-1:] in ".!?":
        return False  # the common case: a sentence
    if line[-1:].isdigit():
        m = _RUNNING_TIME.search(line, len(line) - 9)
        if m is not None:
            head = line[: m.start()].rstrip()
            last = head.rsplit(None, 1)[-1] if head else ""
            return bool(head) and head[-1] not in ".!?;:" and last.lower() not in _BEFORE_TIME
    if "_" in line:
        return _SLUG.search(line) is not None
    return "." in line and _MEDIA_FILE.search(line) is not None


def _is_share_bar(line: str) -> bool:
    return _SHARE_BAR.fullmatch(line) is not None and _SHARE_WORD.search(line) is not None


# Counters a page prints beside a story: how old it is, how long it takes to read, how many
# have read, shared or answered it ("3 hours ago", "5 min read", "12 Comments", "1.2K views").
_COUNT = re.compile(r"\(?\d[\d.,]*[kKmM]?\)?")
_COUNTER_WORDS = word_set(
    """ago min mins minute minutes hour hours hr hrs day days week weeks month months year years
    sec secs second seconds read reads reading time view views comment comments reply replies
    response responses share shares like likes vote votes reaction reactions"""
)
_AGO = re.compile(r"\bago\b|\bread\b", re.IGNORECASE)
_COUNTER_MAX_WORDS = 4


def _is_counter(line: str, words: int) -> bool:
    if words > _COUNTER_MAX_WORDS or _DIGIT.search(line) is None:
        return False
    number = named = False
    for token in line.replace("·", " ").replace("•", " ").replace("|", " ").split():
        token = token.strip(":-–—")
        if not token:
            continue
        if _COUNT.fullmatch(token):
            number = True
        elif token.lower() in _COUNTER_WORDS:
            named = True
        else:
            return False
    return number and named


# A page's legal footer: copyright and the wire's redistribution notice. Vocabulary no report
# of a relation uses in these combinations.
_LEGAL = re.compile(
    r"all\s+rights\s+reserved|may\s+not\s+be\s+(?:re)?published,?\s+broadcast"
    r"|(?:rewritten|redistributed)\s+(?:or|and)\s+(?:redistributed|rewritten)"
    r"|\A(?:copyright|\(c\)|©)\s*(?:©\s*)?(?:\d{4}|[A-Z])"
    r"|terms\s+(?:of\s+(?:use|service)|and\s+conditions)\s*(?:\||·|$)|privacy\s+policy\s*(?:\||·|$)",
    re.IGNORECASE,
)
_LEGAL_MAX_WORDS = 60


def _is_legal_notice(line: str, words: int) -> bool:
    if not (
        line[:1] in "©(Cc"
        or "eserved" in line
        or "roadcast" in line
        or "edistribut" in line
        or "erms of" in line
        or "erms and" in line
        or "olicy" in line
    ):
        return False  # the common case, by plain substring tests
    return words <= _LEGAL_MAX_WORDS and _LEGAL.search(line) is not None


# The signature line under an embedded post: "— Jane Doe (@janedoe) June 24, 2016".
_TWEET_SIGNATURE = re.compile(
    r"[-–—]+\s*[^()@]{1,60}\(@\w{1,30}\)\s*(?:(?:" + _MONTHS + r")\s+\d{1,2},?\s+\d{4}|\S.{0,30})?"
)


def _is_tweet_signature(line: str) -> bool:
    return "(@" in line and _TWEET_SIGNATURE.fullmatch(line) is not None


# A record's field, "Label: value": a catalogue's or archive's metadata ("Language: English",
# "Category: World", "Publisher: Example Press"). The label names the field; a value with a
# verb or a full stop is somebody's statement ("Minister: talks will go on").
_META_LABELS = word_set(
    """language languages category categories section sections publisher author authors editor
    editors format pages page isbn issn country countries subject subjects type genre keywords
    keyword region regions location duration length size views edition issue volume series
    collection rights license licence copyright translator photographer producer channel
    program programme episode published updated posted date time source sources filed posted
    tags topic topics label labels"""
)
_META_MAX_WORDS = 10
_META_VALUE_MAX_WORDS = 4
_FIELD = re.compile(r"([A-Z][A-Za-z]*(?:\s+[a-zA-Z]+){0,2})\s*:\s+(\S.*)")


def _is_meta_field(line: str, words: int) -> bool:
    if words > _META_MAX_WORDS or ":" not in line or line[-1:] in ".!?":
        return False
    m = _FIELD.fullmatch(line)
    if m is None:
        return False
    label, value = m[1].split(), m[2]
    return (
        label[-1].lower() in _META_LABELS
        and len(value.split()) <= _META_VALUE_MAX_WORDS
        and _FINITE_HINT.search(value) is None
        and not _QUOTE_RE.search(line)
    )


def is_field_line(line: str) -> bool:
    """ "Label: value" with a short verbless value: a row of a record (the caller wants runs)."""
    if len(line) > _FIELD_MAX_CHARS or ":" not in line or line[-1:] in ".!?;":
        return False
    m = _FIELD.fullmatch(line)
    if m is None or _QUOTE_RE.search(line):
        return False
    value = m[2]
    return len(value.split()) <= _FIELD_VALUE_MAX_WORDS and _FINITE_HINT.search(value) is None


_FIELD_MAX_CHARS = 80
_FIELD_VALUE_MAX_WORDS = 6
_FINITE_HINT = re.compile(
    r"\b(?:will|would|has|have|had|is|are|was|were|be|been|did|does|do|can|could|may|might"
    r"|must|should|shall|said|says|told|won't|cannot)\b|\b[a-z]{2,}(?:ed|[^s\W'’]s)\b"
)


# The head of a reader's comment, or of the list of comments: "12 Comments", "3 responses to
# “<headline>”", "Comments (4)", "jane_doe says:", "JaneDoe • 2 years ago". What follows is
# the readers', not the reporting.
_COMMENT_COUNT = re.compile(
    r"(?:\d+|no|one|two|three)\s+(?:comments?|responses?|replies|thoughts|reactions)"
    r"(?:\s+(?:to|on)\s+.{1,200})?|comments?(?:\s*\(\d+\))?|(?:show|view|load|read)\s+(?:all\s+)?"
    r"(?:\d+\s+)?comments|reader\s+comments|discussion",
    re.IGNORECASE,
)
_COMMENTER = re.compile(
    r"[\w.\-']+(?:\s+[\w.\-']+){0,3}\s+(?:says|said|wrote|writes|commented)\s*:"
    r"|[\w.\-']+(?:\s+[\w.\-']+){0,3}\s*[•·|]\s*\d+\s+\w+\s+ago",
    re.IGNORECASE,
)


def opens_comments(line: str) -> bool:
    """True for the head of a comment list or of one reader's comment (see above)."""
    if len(line) > _COMMENT_HEAD_MAX_CHARS or line[-1:] == ".":
        return False
    return (
        opens_comment_form(line)
        or _COMMENT_COUNT.fullmatch(line.strip("()[] ")) is not None
        or _COMMENTER.fullmatch(line) is not None
    )


def is_commenter(line: str) -> bool:
    """True for the head of one reader's comment: "jane_doe says:", "JaneDoe • 2 years ago"."""
    if line[-1:] != ":" and not line.endswith(" ago"):
        return False  # the common case: both forms end so
    return len(line) <= _COMMENT_HEAD_MAX_CHARS and _COMMENTER.fullmatch(line) is not None


_COMMENT_HEAD_MAX_CHARS = 240


# A cell of a page's metadata row cut off by the extractor at its separator ("- Example
# Wire, Ankara |"): no sentence ends in a bar.
_FRAGMENT_MAX_WORDS = 10


def _is_meta_fragment(line: str, words: int) -> bool:
    return words <= _FRAGMENT_MAX_WORDS and line[-1:] in "|¦"


# A byline naming the writers by their role: "JANE DOE, Moscow Correspondent", "Jane Doe,
# Example Wire Staff Writer John Roe": no verb, no final punctuation, a newsroom role.
_ROLE = re.compile(
    r"\b(?:writer|correspondent|reporter|editor|staff|contributor|bureau\s+chief|columnist"
    r"|stringer)s?\b",
    re.IGNORECASE,
)
_ROLE_BYLINE_MAX_WORDS = 16


def _is_role_byline(line: str, words: int) -> bool:
    if words > _ROLE_BYLINE_MAX_WORDS or line[-1:] in ".!?:;" or not line[:1].isupper():
        return False
    if _ROLE.search(line) is None or _QUOTE_RE.search(line):
        return False
    # Every word a name, a role or a joiner: a headline about an editor has a verb in it.
    bare = line.replace(",", " ").replace("|", " ")
    return _FINITE_HINT.search(bare) is None and all(
        w[:1].isupper() or w.lower() in _NAME_JOINERS for w in bare.split()
    )


_NAME_JOINERS = word_set("of the and for de da van von der al el du la at in")

# A label closing in a colon with nothing after it, whose last word names a source or a list of
# tags ("Article source:", "News sources:", "Related tags:"); a speaker's "He added:" does not.
_SOURCE_LABEL_WORDS = word_set("source sources tags topics via link links credit credits")
_SOURCE_LABEL_MAX_WORDS = 2


def _is_source_label(line: str, words: int) -> bool:
    if words > _SOURCE_LABEL_MAX_WORDS or line[-1:] != ":":
        return False
    last = line[:-1].split()
    return bool(last) and last[-1].lower() in _SOURCE_LABEL_WORDS


# The name under a pull quote: "- Minister Jane Doe", "— Example Union spokesman": a dash, then
# a name or title without a verb or final punctuation.
_ATTRIBUTION_MAX_WORDS = 8


def _is_quote_attribution(line: str, words: int) -> bool:
    if line[:1] not in "-–—" or words > _ATTRIBUTION_MAX_WORDS + 1 or line[-1:] in ".!?:;":
        return False
    rest = line.lstrip("-–— ")
    return bool(rest) and _is_name(rest.replace(",", " "), _ATTRIBUTION_MAX_WORDS)
