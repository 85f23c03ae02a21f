"""Line-level boilerplate in news text: ID lines, photo credits and photo captions.

Contract: ``classify_lines(text, lines)`` takes the non-blank lines of an article as stripped
``(start, end)`` offset pairs, in order, and returns ``(start, end, kind)`` blocks covering them
in order. Each block has a kind from ``tracker.models``: ``ID_LINE``, ``CREDIT``, ``CAPTION``, or
``STATEMENT`` for text the sentence splitter should cut into statements. A line yields one block,
except a caption line ending in a credit ("... July 25, 2016. Image Credit: REUTERS"), which
yields a ``CAPTION`` block and a ``CREDIT`` block, and a paragraph ending in a wire sign-off
("... next week. (AFP)"), which yields a ``STATEMENT`` block and a ``CREDIT`` block. Block ends
are stripped of whitespace.

Rules (deliberately conservative: a lost statement costs more than a stored caption):

* ID line: no token of the line is a word of letters (``1.1868767-534493935``,
  ``AA-20160809-123``, a bare number, a hash, a row of asterisks).
* Credit: a short line (at most ``_CREDIT_MAX_WORDS`` words) that starts with a credit marker
  ("Image Credit:", "Photo:", "Photograph:", "(Photo by", "File photo", "Credit:", "©",
  "AP Photo/...") or consists of agency/photographer names joined by "/" ("REUTERS/Jane Doe",
  "Jane Doe/AFP/Getty Images"), a bare agency name, a bracketed credit ("[Jane Doe/Reuters]"),
  or a short line naming Getty Images.
* Caption, two ways. (1) The nearest non-blank line before a standalone credit line (not a
  wire sign-off such as "- AFP"), when it is caption-sized (at most two sentences, at most
  ``_CAPTION_MAX_WORDS`` words), is not already boilerplate and is not the document's headline
  (a first line without final punctuation). The line after the credit (past any further
  credits) is the caption instead when it describes a picture (a present-tense verb of posing
  or acting, a position such as ", left,"; no speech) and the line above does not but reads
  as reporting (a tense or an auxiliary): a page that prints the credit above its caption.
  (2) A line in the lead-in of the document, before the first real paragraph, that ends in the
  picture-dateline form ``..., <Place>, <Country>, <Month> <day>, <year>.``. The lead-in is the
  run of lines at the top that are boilerplate or headline-like (no final punctuation, short).
  The form "... on <date> in <Place>, <Country>." is not used: news leads end that way too.
* Page furniture (``tracker.text.furniture`` line by line, plus the neighbours: lists of other
  stories, subheadings, captions placing people; see ``_mark_furniture``). Structural cues,
  not outlets' wording:
  - in the body, a line of at most ``_BODY_LABEL_MAX_WORDS`` words without final punctuation
    between finished paragraphs is a title (a related story, a video, a subheading); never a
    bullet point, a quotation, a speaker's label or hard-wrapped text;
  - in the lead-in, lines of at most three words without final punctuation are labels when
    the lead-in also holds a headline of five words or more (section, place, release number);
  - after the label of a comment form in the body, every line up to a paragraph is comments;
  - a line mostly in another script than Latin on a Latin-script page is not the article;
  - a picture note without a finite verb ("File picture of the two leaders (Getty Images)",
    "Picture of X from Y's photostream."), or a verbless line before a wire's name, is a
    caption; a credit may also close a caption in round brackets or read "Jane Doe, Pool
    Photo via AP";
  - a line cut off mid-word right above the line it was cut from (an image's alternative
    text above its caption) is a caption, and so is a picture's description printed twice in
    a row; a headline with a speaker label ("Kremlin: ...") above a credit stays a headline.
* Lists and records (``_mark_title_runs``, ``_mark_field_runs``): once the body has begun, a
  run of at least two different title lines (short, no final punctuation or cut off by an
  ellipsis, a capital first, no word at the end that needs a continuation), with dates,
  counters or labels between them, is a list of other stories printed without a label; never
  after a line ending in a colon (the article's own list), never when the next line continues
  in lower case (hard-wrapped text), never lines opened by a date (a timeline). A run of two
  or more "Label: value" lines with short verbless values is a record's metadata. A short line
  after a line ending in a colon is never a subheading or a title either.
* Comments: after the head of a comment list ("12 Comments", "Comments") short lines are
  comments; after a reader's signature ("jane_doe says:") or a comment form, long lines too.
* Pull quotes (``_mark_pull_quotes``): a line of at least eight words that the page also
  prints inside a longer line right after a quotation mark is the copy in large type.
* Captions that say so ("... as seen in this still image", "... in this handout picture"), and
  captions opened by their credit and a bar ("Jane Doe / AFP | The minister ..."). A full
  stop after a month or title abbreviation ("Aug. 9", "Mr. Doe") ends no sentence when a
  caption's size is judged.
* Repeats: a headline-like line the page prints twice (a headline repeated under a date
  stamp, a video title repeated with its running time) is stored once; a caption printed
  twice above its credit is a caption both times. Sentences that recur ("Thank you very
  much." in a transcript) are kept.
* Name lines: a few capitalised words ("The Press Office", "Presidential Guest House") boxed
  in by furniture, or standing right above a byline, date or dateline, are the page's issuer
  or place lines; never the document's first line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from tracker.models import BYLINE, CAPTION, CREDIT, ID_LINE, PAGE, STATEMENT
from tracker.text.furniture import (
    furniture_kind,
    is_commenter,
    is_crumbs_or_ticker,
    is_field_line,
    is_link_teaser,
    is_page_label,
    opens_comment_form,
    opens_comments,
    opens_link_list,
)
from tracker.text.quotes import CLOSING
from tracker.text.words import word_set

# Closing quotation marks (guillemets included) that may stand after a sentence's end.
_CLOSERS = re.escape(CLOSING)

# A photo credit is a handful of names; more words than this is prose that mentions a photo.
_CREDIT_MAX_WORDS = 12
# Cheap bound before counting words: a credit's dozen short words fit in this many characters.
_CREDIT_MAX_CHARS = 120
# Captions are one or two sentences; a longer block next to a credit is a paragraph, not a caption.
_CAPTION_MAX_WORDS = 60
# Sixty words of caption fit in this many characters; a longer line is not looked at.
_CAPTION_MAX_CHARS = 500
# A headline-like lead-in line is short; a long unpunctuated line is body text.
_HEADLINE_MAX_WORDS = 25
# Datelines sit at the end of a caption; only this much of the line is searched for one.
_DATELINE_WINDOW = 200


# A stripped span of one line and its kind: boilerplate, or STATEMENT text to be split into
# sentences. A plain tuple rather than a frozen dataclass: one is built per line of every
# ingested article, and the segmenter has to stay >= 10x faster than VADER.
Block = tuple[int, int, str]


# --- ID lines -----------------------------------------------------------------------------

# A word: letters only (hyphen/apostrophe/dot joins allowed), at least two, framed by whitespace
# or punctuation. Searched left to right, so prose fails the ID test at its first word.
_WORD_TOKEN = re.compile(r"(?:^|(?<=\s))[^\w\s]*[^\W\d_]{2,}(?:['’.\-][^\W\d_]+)*[^\w\s]*(?=\s|$)")
# Long hex runs are hashes even when they happen to contain no digit.
_HEX_ONLY = re.compile(r"[0-9a-fA-F]{12,}")


def is_id_line(line: str) -> bool:
    """True when the line holds no word of letters: an article ID, a number, a hash."""
    m = _WORD_TOKEN.search(line)
    while m is not None:
        token = m.group()
        if len(token) < 12 or not _HEX_ONLY.fullmatch(token.strip("()[]{}.,;:'\"")):
            return False
        m = _WORD_TOKEN.search(line, m.end())
    return True


# --- Credits ------------------------------------------------------------------------------

# Agencies whose bare name on a line of its own is a credit.
_PRESS = (
    r"Reuters|AFP|AP|EPA(?:-EFE)?|EFE|Getty\s+Images|Getty|Anadolu(?:\s+Agency)?|AA|Xinhua"
    r"|(?:ITAR-)?TASS|Sputnik|RIA(?:\s+Novosti)?|Bloomberg|Shutterstock|Alamy|dpa|DHA|IHA"
    r"|Sipa(?:\s+USA)?|Abaca(?:\s+Press)?|ZUMA(?:\s+Press|\s+Wire)?|NurPhoto|SOPA\s+Images"
    r"|Depo\s+Photos|iStock(?:photo)?|PA(?:\s+Wire|\s+Images)?"
)
# Sources that are credits only when joined to a name by "/" ("Kremlin/Handout").
_OTHER_SOURCES = (
    r"Pool|Handout|Kremlin|Press\s+Service|(?:Presidential|Kremlin)\s+Press\s+Service"
    r"|Presidency|Wikimedia(?:\s+Commons)?|File|Courtesy"
)
_PRESS_RE = re.compile(rf"(?:{_PRESS})", re.IGNORECASE)
# News wires, whose name alone ends a story ("(AFP)"); photo-only agencies are not among them.
_WIRE_RE = re.compile(
    r"Reuters|AFP|AP|AA|Anadolu(?:\s+Agency)?|Xinhua|(?:ITAR-)?TASS|Sputnik|RIA(?:\s+Novosti)?"
    r"|Bloomberg|dpa|EFE|DHA|IHA|PA",
    re.IGNORECASE,
)
_SOURCE_RE = re.compile(rf"(?:{_PRESS}|{_OTHER_SOURCES})(?:\s+(?:Photo|Pool|Images?))?", re.I)

_CREDIT_START = re.compile(
    r"""[(\[]?\s*(?:
        (?:image|photo|picture|pic|video|header|cover|main)\s*(?:image\s*)?credits?\s*:?
      | credits?\s*:
      | (?:photo(?:graph)?s?|pictures?|pics?|images?)\s*:
      | (?:photo(?:graph)?s?|pictures?|images?)\s+(?:by|courtesy|credit)\b
      | (?:file|handout|archive|stock)\s+(?:photo(?:graph)?|picture|image)s?\b
      | (?:AP|AFP|Reuters|AA|EPA|DHA|IHA|TASS|Sputnik|Xinhua)\s+photos?\b
      | courtesy\s+of\b
      | ©
      | \(c\)
      | copyright\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_GETTY = re.compile(r"getty\s+images", re.IGNORECASE)
_SLASH = re.compile(r"\s*/\s*")
_FILE_PREFIX = re.compile(r"(?:file|archive)\s*:\s*", re.IGNORECASE)
# A sentence end inside a credit means prose, except after an initial ("J. Doe/Reuters").
_PROSE_BREAK = re.compile(r"[a-z]{2}[.!?]\s")
# Words that each open with a capital: a name or an organisation ("Jane Doe", "Air Force").
_CAPITALISED = re.compile(r"[^\W\d_a-z][\w'’.\-]*(?:\s+[^\W\d_a-z][\w'’.\-]*)*")


def is_credit_line(line: str) -> bool:
    """True when a short line is dominated by a photo credit marker or agency names."""
    if len(line) > _CREDIT_MAX_CHARS:
        return False
    words = len(line.split())
    if words == 0 or words > _CREDIT_MAX_WORDS:
        return False
    if _CREDIT_START.match(line):
        return True
    if words <= 8 and _GETTY.search(line):
        return True
    return _is_source_list(line) or _is_agency_credit(line, words)


# "Jane Doe, Pool Photo via AP": names and credit words, ending in an agency.
_AGENCY_CREDIT_MAX_WORDS = 8
_CREDIT_JOINS = word_set("via photo photos pool handout file for by and courtesy")
_CREDIT_WORDS = _CREDIT_JOINS - word_set("for by and")


def _is_agency_credit(line: str, words: int) -> bool:
    if words > _AGENCY_CREDIT_MAX_WORDS or words < 2:
        return False
    tokens = line.strip("()[] ").replace(",", " ").replace("/", " ").split()
    last = tokens[-1].rstrip(".")
    return (
        _PRESS_RE.fullmatch(last) is not None
        and any(t.lower() in _CREDIT_WORDS for t in tokens[:-1])
        and all(t[:1].isupper() or t.lower() in _CREDIT_JOINS for t in tokens)
    )


def _is_source_list(line: str) -> bool:
    """Names joined by "/", one an agency ("REUTERS/Jane Doe", "[Jane Doe/AFP]"), or an agency."""
    inner = line.strip().lstrip("-–— ")
    bracketed = inner[:1] in "([" and inner[-1:] in ")]"
    if bracketed:
        inner = inner[1:-1].strip()
    inner = _FILE_PREFIX.sub("", inner, count=1)
    if not inner or _PROSE_BREAK.search(inner):
        return False
    parts = _SLASH.split(inner)
    if len(parts) == 1 and bracketed and "," in inner:
        parts = [p.strip() for p in inner.split(",")]  # "(Jane Doe, AP)"
    if len(parts) == 1:
        return _PRESS_RE.fullmatch(inner) is not None
    if any(not p or len(p.split()) > 5 for p in parts):
        return False
    if any(_SOURCE_RE.fullmatch(p) for p in parts):
        return True
    # "Jane Doe/Air Force": a photographer's full name, then the organisation they shoot for.
    return (
        len(parts) == 2
        and 2 <= len(parts[0].split()) <= 3
        and all(_CAPITALISED.fullmatch(p) for p in parts)
    )


# Where an inline credit may begin: a marker after whitespace, or the text after the line's
# last sentence end ("... 2016. REUTERS/Jane Doe"). The tail must pass is_credit_line.
_TAIL_MARKER = re.compile(
    r"""(?<=\s)(?:
        (?:Image|Photo|Picture|Video)\s*[Cc]redits?
      | (?:IMAGE|PHOTO|PICTURE)\s*CREDITS?
      | (?:Photo(?:graph)?s?|Pictures?|Images?|Credits?|PHOTO(?:GRAPH)?S?|PICTURES?|CREDITS?)\s*:
      | \((?:Photos?|Pictures?|Images?)\s+(?:by|courtesy)\b
      | \((?:Photos?|Pictures?|Images?|Credit)\s*:
      | (?:File|FILE)\s+(?:[Pp]hoto|PHOTO)
      | ©
      | \[[^\[\]]*\]\s*$
      | \([^()]*\)\s*$
    )""",
    re.VERBOSE,
)
_SENTENCE_END = re.compile(rf"[.!?][{_CLOSERS})\]]*\s+")
# A credit ends in an agency or picture word, or holds a credit mark (see has_credit_hint).
_PROSE_LAST = frozenset(".!?”\"’'")
_SHORT_LINE = 40
_CREDIT_LAST_WORDS = word_set(
    """reuters afp ap epa efe epa-efe agency anadolu aa xinhua tass itar-tass sputnik novosti ria
    bloomberg shutterstock alamy dpa dha iha usa press wire nurphoto istock istockphoto pa images
    image getty photo photos photograph picture pictures"""
)
# A credit is at most _CREDIT_MAX_WORDS short words; look for its start only this far back.
_TAIL_WINDOW = 120


def is_sign_off(credit: str) -> bool:
    """True for a wire sign-off ("(AFP)", "- Reuters"): a news wire's name alone, not in brackets.

    Body paragraphs end with these; photo captions end in "[Reuters]", "REUTERS/Jane Doe" or a
    marker such as "Image Credit:", so a sign-off does not turn the text before it into a caption.
    """
    bare = credit.strip().lstrip("-–— ")
    if bare[:1] == "(" and bare[-1:] == ")":
        bare = bare[1:-1].strip()
    return _WIRE_RE.fullmatch(bare) is not None


def credit_tail_start(line: str) -> int | None:
    """Offset in ``line`` where a trailing credit starts, if the line is caption + credit."""
    base = max(0, len(line) - _TAIL_WINDOW)
    if not has_credit_hint(line[base:]):
        return None  # the common case: body text
    # Earliest first: "... 2016. REUTERS/J. Doe" must cut before REUTERS, not after "J."
    for m in _SENTENCE_END.finditer(line, base):
        if m.end() < len(line) and is_credit_line(line[m.end() :]):
            return m.end()
    for m in _TAIL_MARKER.finditer(line):
        if is_credit_line(line[m.start() :]):
            return m.start()
    return None


def has_credit_hint(text: str) -> bool:
    """False when ``text`` cannot hold a credit: no credit mark, no agency or picture word last."""
    # Prose ends in sentence punctuation, credits in a name: look at the last word only then.
    if text[-1:] not in _PROSE_LAST or len(text) <= _SHORT_LINE:
        last = text[text.rfind(" ") + 1 :].strip(".,;:!?()[]" + CLOSING).lower()
        if last in _CREDIT_LAST_WORDS:
            return True
    # Unrolled: a loop over a tuple of marks costs more than the tests themselves.
    if (
        "/" in text
        or "©" in text
        or "[" in text
        or "(c)" in text
        or "redit" in text
        or "REDIT" in text
        or "ourtesy" in text
        or "OURTESY" in text
        or "opyright" in text
        or "OPYRIGHT" in text
    ):
        return True
    if ":" in text or "(" in text:  # "Photo: AFP", "(Picture by Jane Doe)"
        low = text.lower()
        return "photo" in low or "image" in low or "pic" in low
    return False


# --- Captions -----------------------------------------------------------------------------

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DATE = rf"{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}"
# A capitalised place word ("İstanbul", "St.", "Rostov-on-Don"); re has no \p{Lu}, so "not an
# ASCII lower-case letter" stands in for upper case.
_PLACE_WORD = r"[^\W\d_a-z][\w'’.\-]*"
_PLACE = rf"(?:(?:in|near|outside|off|at)\s+)?{_PLACE_WORD}(?:\s+(?:of\s+)?{_PLACE_WORD}){{0,3}}"
# "... in Marmaris, Turkey, July 25, 2016." at the very end of the line.
_PICTURE_DATELINE = re.compile(rf"(?<![\w'’.\-]){_PLACE},\s+{_PLACE},?\s+{_DATE}[.\s]*\Z")
# A bracket after a full stop opens a credit, not a sentence ("... 2016. (Jane Doe/AP)").
_SENTENCE_BREAK = re.compile(rf"[.!?][{_CLOSERS})\]]*\s+[^\s(]")
_FINAL_PUNCT = frozenset(".!?:;…")


def ends_with_picture_dateline(line: str) -> bool:
    """True when the line ends the way photo captions do: place, country, date."""
    if not line.rstrip(". ")[-4:].isdigit():
        return False  # no year at the end: skip the costly search
    return _PICTURE_DATELINE.search(line[-_DATELINE_WINDOW:]) is not None


# Where a person stands in the picture, after a name or a title: "Jane Doe, left, ...",
# "the minister, right, ...", "Doe (R)", "front row, from left:". Reporting does not place
# people left and right of each other.
_PICTURE_POSITION = re.compile(
    r"\w(?:,\s+(?:second\s+|third\s+|front\s+|back\s+|top\s+)?"
    r"(?:left|right|center|centre)(?:\s+(?:row|back|front))?,"
    r"|\s+\((?:L|R|C|left|right|center|centre)\))"
    r"|\((?:from\s+)?(?:left\s+to\s+right|L-R|from\s+left)\)|\bfrom\s+left\s*:"
)


# A caption says what the picture shows, in the present: "Jane Doe speaks at ...", "Two men
# shake hands". Nouns that double as verbs ("talks", "protests", "visits") are left out.
_PICTURE_VERB = re.compile(
    r"\s(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\bof\s)(?<!\bin\s)(?:speaks|attends|arrives|greets|welcomes"
    r"|listens|walks|sits|shakes|delivers|addresses|chats|salutes|prays|inspects|reviews|gestures"
    r"|waves|meets|shake|gather|stand|wave|walk|attend|listen|arrive|pray|greet|sit|march)\b"
)
_REPORTING = re.compile(
    r"\b(?:will|would|has|have|had|is|are|was|were|said|says|can|could|may|might|must|should"
    r"|did|does)\b|[a-z]{3,}ed\b"
)
_SPOKEN = re.compile(r"\b(?:said|says|told|added)\b|[\"“”«»]")


def _shows_picture(line: str) -> bool:
    """True for a line that describes a picture: a present-tense verb of posing or acting."""
    return (
        _PICTURE_VERB.search(line) is not None or _PICTURE_POSITION.search(line) is not None
    ) and _SPOKEN.search(line) is None


def _caption_below(
    text: str, lines: Sequence[tuple[int, int]], kinds: list[str], credit: int
) -> int | None:
    """The line after a credit (and any credits after it) when the caption follows its credit.

    Some pages print the credit under the picture and the caption after it. The caption is
    taken from below only when the line above is a standfirst or a lead (it reads as
    reporting and describes no picture) and the line below describes a picture; by default
    the caption is the line above, and with no statement above nothing is taken.
    """
    if credit == 0 or kinds[credit - 1] != STATEMENT:
        return None
    j = credit + 1
    while j < len(lines) and kinds[j] == CREDIT:
        j += 1
    if j == len(lines) or kinds[j] != STATEMENT or lines[j][1] - lines[j][0] > _CAPTION_MAX_CHARS:
        return None
    line = text[lines[j][0] : lines[j][1]]
    if not _shows_picture(line) or not _is_caption_sized(line):
        return None
    above = text[lines[credit - 1][0] : lines[credit - 1][1]]
    # A caption above may have no verb at all ("Jane Doe in Ankara on Monday."); a standfirst
    # reads as reporting (a tense, an auxiliary).
    if _shows_picture(above) or _REPORTING.search(above) is None:
        return None
    return j


# A headline's speaker label: "Kremlin: ...", "Tourism watchdog: ..." (captions open with a
# picture marker instead: "Photo: ...").
_SPEAKER_LABEL = re.compile(r"[^\W\d_][\w'’.\-]*(?:\s+[\w'’.\-]+){0,2}\s*:")


def _is_speaker_headline(line: str) -> bool:
    return _SPEAKER_LABEL.match(line) is not None and _CAPTION_MARKER.match(line) is None


def _is_headline_like(line: str) -> bool:
    bare = line.rstrip(CLOSING + ")] ")
    return bare[-1:] not in _FINAL_PUNCT and len(line.split()) <= _HEADLINE_MAX_WORDS


def _is_caption_sized(line: str) -> bool:
    if len(line.split()) > _CAPTION_MAX_WORDS:
        return False
    breaks = 0
    for m in _SENTENCE_BREAK.finditer(line):
        word = line[line.rfind(" ", 0, m.start()) + 1 : m.start()]
        if word not in _NO_BREAK_AFTER:  # "Aug. 9", "Mr. Doe": no sentence ends there
            breaks += 1
    return breaks <= 1


_NO_BREAK_AFTER = word_set(
    """Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mr Mrs Ms Dr Gen Lt Col Maj Capt Adm
    Sen Rep Gov Prof St Mt Rev Sgt"""
)


# --- Page furniture ------------------------------------------------------------------------

# A subheading is a label of a few words between paragraphs; headlines are longer.
_SUBHEAD_MAX_WORDS = 4
# A paragraph of reporting: the body has begun once a line this long ends a sentence.
_BODY_MIN_WORDS = 12
# Furniture lines are short (a plea has at most forty words); longer lines are paragraphs.
_FURNITURE_MAX_CHARS = 320
_LINK_LABEL_MAX_CHARS = 40
_LISTED_BEFORE_LAST = 2
_BULLETS = frozenset("•*-–—·►▪")
_QUOTE_MARKS = frozenset('"“”„«»‹›')
_CAPTION_MARKER = re.compile(r"(?:photo|picture|image|caption)\s*:\s*\S", re.IGNORECASE)


def _mark_furniture(text: str, lines: Sequence[tuple[int, int]], kinds: list[str]) -> None:
    """Turn STATEMENT lines that are page furniture into BYLINE, PAGE or CAPTION, in place.

    Line by line (``furniture_kind``), plus rules that need the neighbouring lines:
    after a label that opens a list of other stories ("Related articles"), the headlines and
    cut-off teasers that follow are links, and so is a teaser in sentences that sits between
    list labels (``_is_teaser_sentence``; otherwise the list ends at the first line of prose);
    once the body has begun, a line of at most ``_SUBHEAD_MAX_WORDS`` words without final
    punctuation, quotation mark, colon or bullet is a subheading. A caption-sized line opened
    by a picture marker ("Photo: Jane Doe greets ...") or placing a person in the picture
    ("Jane Doe, left, greets ...") before the body begins is a caption (in the body, captions
    come with a credit; the position test is kept off the paragraphs to keep the pass cheap).
    """
    body = False
    links = False
    comments = False  # past the label of the comment form
    signed = False  # a reader's signature or a comment form seen: long lines are comments too
    latin: bool | None = None  # is the page in a Latin script? Asked when first needed
    scripts = _FOREIGN_LETTER.search(text) is not None  # a letter of another script anywhere
    listed = 0  # lines taken as items of the open list of other stories
    for i, (start, end) in enumerate(lines):
        if kinds[i] != STATEMENT:
            if body and kinds[i] == PAGE and opens_comments(text[start:end]):
                comments = True
            continue
        if comments and end - start <= _FURNITURE_MAX_CHARS:
            kinds[i] = PAGE  # the comment form and its rules, the readers' comments
            continue
        if body and end - start <= _FURNITURE_MAX_CHARS and is_commenter(text[start:end]):
            # A reader's name over the time of the comment: what follows is theirs, long
            # comments too (a page does not go back to its reporting after its comments).
            kinds[i] = PAGE
            comments = signed = True
            continue
        if comments and signed:
            kinds[i] = PAGE
            continue
        if scripts and _foreign_script(text, start, end):
            if latin is None:
                latin = not _foreign_script(text, 0, min(len(text), _SCRIPT_SAMPLE))
            if latin:
                kinds[i] = PAGE  # a line in another script on an English page: comments, menus
                continue
        if end - start > _FURNITURE_MAX_CHARS:
            # A paragraph: the common case, kept cheap (the segmenter must stay fast).
            if links and _is_teaser_sentence(text, lines, i, listed):
                kinds[i] = PAGE
                listed += 1
                continue
            if not body and _is_positioned_caption(text, start, end):
                kinds[i] = CAPTION  # a long caption over the lead; in the body, paragraphs
                continue
            if text.find("•", start, end) >= 0 and is_crumbs_or_ticker(text[start:end]):
                kinds[i] = PAGE  # a ticker of other headlines
                continue
            body = True
            links = False
            continue
        line = text[start:end]
        if links and (is_link_teaser(line) or _is_teaser_sentence(text, lines, i, listed)):
            kinds[i] = PAGE
            listed += 1
            continue
        links = len(line) <= _LINK_LABEL_MAX_CHARS and opens_link_list(line)
        listed = 0
        found = furniture_kind(line, first=i == 0)
        if found is not None:
            kinds[i] = found
            comments = body and opens_comments(line)
            signed = signed or (comments and opens_comment_form(line))
        elif (
            (_CAPTION_MARKER.match(line) and _is_caption_sized(line))
            or (not body and _is_positioned_caption(text, start, end))
            or (i > 0 and _is_picture_note(line))
            or _is_credit_headed(line)
            or (_names_its_picture(line) and _is_caption_sized(line))
        ):
            kinds[i] = CAPTION
        elif (
            body
            and text[lines[i - 1][1] - 1] != ":"  # an item of a list the article introduces
            and (_is_subhead(line) or _is_body_label(text, lines, kinds, i))
        ):
            kinds[i] = PAGE
        elif not body and line[-1:] in _FINAL_PUNCT and len(line.split()) >= _BODY_MIN_WORDS:
            body = True


# A letter of another script than Latin (basic, Extended-A/B, IPA, Extended Additional,
# ligatures): Greek, Cyrillic, Armenian, Arabic, CJK ...
_FOREIGN_LETTER = re.compile(r"[^\W\d_\u0000-\u02af\u1e00-\u1eff\ufb00-\ufb06]")
_LETTER = re.compile(r"[^\W\d_]")
_SCRIPT_SAMPLE = 2000


def _foreign_script(text: str, start: int, end: int) -> bool:
    """True when most letters of text[start:end] are in a non-Latin script."""
    if _FOREIGN_LETTER.search(text, start, end) is None:
        return False  # the common case, decided by one scan
    piece = text[start:end]
    return len(_FOREIGN_LETTER.findall(piece)) * 2 > len(_LETTER.findall(piece))


# A line in the body that is a title, not reporting: a related story's or a video's headline,
# a subheading, a pager ("Diminishing trust - The Weekly Show", "Ties thaw as tourists return").
_BODY_LABEL_MAX_WORDS = 12


def _is_body_label(text: str, lines: Sequence[tuple[int, int]], kinds: list[str], i: int) -> bool:
    """A short line without final punctuation between finished paragraphs of the body.

    Not a bullet point, a quotation, a speaker's label ("Q: ..."), a line holding a sentence
    end, nor a line of hard-wrapped text: the line before ends a sentence (or is furniture)
    and the line after does not continue it in lower case.
    """
    start, end = lines[i]
    line = text[start:end]
    if (
        not _is_headline_like(line)
        or len(line.split()) > _BODY_LABEL_MAX_WORDS
        or line[:1] in _BULLETS
        or line[:1] in _QUOTE_MARKS
        or _SPEAKER_LABEL.match(line) is not None
        or _SENTENCE_BREAK.search(line) is not None
    ):
        return False
    before = text[lines[i - 1][0] : lines[i - 1][1]]
    if kinds[i - 1] == STATEMENT and _is_headline_like(before):
        return False  # hard-wrapped text or a run of headlines: not a label between paragraphs
    if _DATE_OPENING.match(line) is not None:
        return False  # an entry of a timeline
    return i + 1 == len(lines) or not text[lines[i + 1][0]].islower()


# A list of other stories printed without a label: titles one under another (with their
# dates or counters between them), after the body has begun. A title line is short, has no
# final punctuation (or is cut off with an ellipsis), opens with a capital, digit or quote and
# does not end in a word that needs a continuation (hard-wrapped text does).
_TITLE_MAX_WORDS = 20
_DATE_OPENING = re.compile(
    r"(?:" + _MONTH + r")\.?\s+\d|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|On\s+\w+day\b"
)
_RUN_MIN_TITLES = 2
_OPEN_ENDED = word_set(
    """a an the of to in on at for with by from and or but that as than into about over under
    its their his her our your is are was were be has have had will would said says"""
)


def _is_title_line(line: str) -> bool:
    bare = line.rstrip(CLOSING + ")] ")
    cut = bare.endswith(("...", "…"))
    if not cut and (bare[-1:] in _FINAL_PUNCT or not bare):
        return False
    words = line.split()
    if len(words) < 2 or len(words) > _TITLE_MAX_WORDS:
        return False
    first = line[:1]
    if not first.isupper() or first in _BULLETS or _DATE_OPENING.match(line) is not None:
        return False  # a date opens an entry of a timeline: reporting, kept
    if _SENTENCE_BREAK.search(line) is not None and not cut:
        return False
    return cut or words[-1].lower() not in _OPEN_ENDED


def _maybe_title(text: str, start: int, end: int) -> bool:
    """``_is_title_line`` for text[start:end], with the common sentence ending decided first."""
    last = text[end - 1]
    if end - start > _FURNITURE_MAX_CHARS or (
        last in "!?;:" or (last == "." and text[end - 3 : end] != "...")
    ):
        return False  # a paragraph, or a sentence: the common case
    return _is_title_line(text[start:end])


def _mark_title_runs(text: str, lines: Sequence[tuple[int, int]], kinds: list[str]) -> None:
    """Runs of at least ``_RUN_MIN_TITLES`` title lines in the body are a list of other stories.

    The body begins at the first line ending a sentence with ``_BODY_MIN_WORDS`` words or more
    (or longer than any furniture). Furniture between the titles (a date, a counter, a label)
    does not break the run. A run right after a line ending in a colon is the article's own
    list ("The demands are:"), and a run followed by a line opening in lower case is
    hard-wrapped text: both are kept. One title alone is left to ``_is_body_label``.
    """
    n = len(lines)
    body = False
    i = 0
    while i < n:
        start, end = lines[i]
        if not body:
            if kinds[i] == STATEMENT and (
                end - start > _FURNITURE_MAX_CHARS
                or (
                    text[end - 1] in _FINAL_PUNCT
                    and len(text[start:end].split()) >= _BODY_MIN_WORDS
                )
            ):
                body = True
            i += 1
            continue
        if kinds[i] != STATEMENT or not _maybe_title(text, start, end):
            i += 1
            continue
        titles = []
        j = i
        while j < n:
            s, e = lines[j]
            if kinds[j] == STATEMENT:
                if not _maybe_title(text, s, e):
                    break
                titles.append(j)
            j += 1
        before = text[lines[i - 1][1] - 1] if kinds[i - 1] == STATEMENT else ""
        after_lower = j < n and kinds[j] == STATEMENT and text[lines[j][0]].islower()
        distinct = len({text[lines[k][0] : lines[k][1]] for k in titles})
        if distinct >= _RUN_MIN_TITLES and before != ":" and not after_lower:
            for k in titles:
                kinds[k] = PAGE
        i = j


_FIELD_RUN_MIN = 2
_FIELD_MAX_CHARS = 80  # a label and a few words; is_field_line checks again


def _mark_field_runs(text: str, lines: Sequence[tuple[int, int]], kinds: list[str]) -> None:
    """Runs of "Label: value" lines with short verbless values are a record's metadata."""
    n = len(lines)
    i = 1  # the first line is the headline, whatever its form
    while i < n:
        j = i
        while (
            j < n
            and kinds[j] == STATEMENT
            and lines[j][1] - lines[j][0] <= _FIELD_MAX_CHARS
            and text.find(":", lines[j][0], lines[j][1]) >= 0
            and is_field_line(text[lines[j][0] : lines[j][1]])
        ):
            j += 1
        if j - i >= _FIELD_RUN_MIN:
            for k in range(i, j):
                kinds[k] = PAGE
        i = j + 1 if j > i else i + 1


# A caption says it is one: "<who> is seen in this image taken from video", "<what>, in this
# handout picture". Reporting speaks of events, not of "this photo".
_IN_THE_PICTURE = re.compile(
    r"\b(?:(?:seen|pictured|shown|depicted)\s+in\s+(?:this|a|an)\s+(?:\w+\s+){0,3}"
    r"|in\s+this\s+(?:(?:file|handout|undated|still|aerial|combination|photo|video)\s+){0,2})"
    r"(?:photo(?:graph)?|image|picture|still|frame\s+grab|handout)s?\b",
    re.IGNORECASE,
)
_CREDIT_HEAD_MAX_CHARS = 60


def _names_its_picture(line: str) -> bool:
    # Plain substring tests first: the pattern runs on few lines.
    return (
        "in this" in line or "en in a" in line or "ed in a" in line or "wn in a" in line
    ) and _IN_THE_PICTURE.search(line) is not None


def _is_credit_headed(line: str) -> bool:
    """A caption led by its credit and a bar: "Jane Doe / AFP | The minister speaks ..."."""
    bar = line.find(" | ", 0, _CREDIT_HEAD_MAX_CHARS)
    return bar > 0 and is_credit_line(line[:bar]) and _is_caption_sized(line[bar + 3 :])


# A pull quote: a passage of the article printed again on a line of its own, in larger type.
# The copy is the line that the page also shows inside a longer line, right after a quotation
# mark; the longer line is the reporting.
_PULL_QUOTE_MIN_WORDS = 8
_PULL_QUOTE_MIN_CHARS = 30


def _mark_pull_quotes(text: str, lines: Sequence[tuple[int, int]], kinds: list[str]) -> None:
    starts: list[int] | None = None
    for i, (start, end) in enumerate(lines):
        if (
            kinds[i] != STATEMENT
            or not _PULL_QUOTE_MIN_CHARS <= end - start <= _FURNITURE_MAX_CHARS
            or text.count(" ", start, end) < _PULL_QUOTE_MIN_WORDS - 1
            or text.find(" said", start, end) >= 0  # attributed: reporting, not the copy
            or text.find(" told", start, end) >= 0
        ):
            continue
        inner = text[start:end].strip(CLOSING + '"“„«» ')
        # The quoted passage may lose its final full stop to the attribution ("...,” he said).
        key = inner.rstrip(".")
        at = text.find(key)
        while at >= 0:
            if not start <= at < end and text[at - 1 : at] in _QUOTE_MARKS:
                if starts is None:
                    starts = [s for s, _ in lines]
                j = bisect_right(starts, at) - 1
                if j != i and lines[j][1] - lines[j][0] > end - start:
                    kinds[i] = PAGE
                    break
            at = text.find(key, at + 1)


# A note on the picture rather than a caption: "File photo of the two leaders (Getty Images)",
# "Picture of the minister from the embassy's photostream." No verb: reporting has one.
_PICTURE_NOTE_MAX_WORDS = 25
_PICTURE_WORD = re.compile(r"\b(?:photo|image|picture|photostream|flickr)s?\b", re.IGNORECASE)
_FINITE = re.compile(
    r"\b(?:will|would|has|have|had|is|are|was|were|am|be|been|did|does|do|can|could|may|might"
    r"|must|should|shall|said|says|told)\b|\b[a-z]{2,}(?:ed|[^s\W'’]s)\b"
)


def _is_verbless(text: str) -> bool:
    """A short text without a finite verb: a picture's subject, not a sentence of reporting."""
    return len(text.split()) <= _PICTURE_NOTE_MAX_WORDS and _FINITE.search(text) is None


def _is_picture_note(line: str) -> bool:
    if not ("hoto" in line or "mage" in line or "icture" in line or "lickr" in line):
        return False
    if len(line.split()) > _PICTURE_NOTE_MAX_WORDS or _PICTURE_WORD.search(line) is None:
        return False
    bare = _PICTURE_WORD.sub(" ", re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", line))
    return _FINITE.search(bare) is None and not any(c in _QUOTE_MARKS for c in line)


def _is_positioned_caption(text: str, start: int, end: int) -> bool:
    """A caption-sized line that places someone in the picture ("Jane Doe, left, ...")."""
    # Plain substring tests first: the pattern runs on few paragraphs.
    find = text.find
    return (
        (
            find("left", start, end) >= 0
            or find("right", start, end) >= 0
            or find(", cent", start, end) >= 0
            or find("(L)", start, end) >= 0
            or find("(R)", start, end) >= 0
        )
        and _PICTURE_POSITION.search(text, start, end) is not None
        and _is_caption_sized(text[start:end])
    )


def _is_teaser_sentence(text: str, lines: Sequence[tuple[int, int]], i: int, listed: int) -> bool:
    """In a list of other stories, a teaser written as sentences: it sits between list labels.

    The line after it opens a list again ("Editor's choice", "Related"), or it is the
    document's last line, caption-sized, the line before it is a stock label and the list has
    already held ``listed`` >= 2 items (right after "Read more" the article may simply go on).
    A sentence with reporting after it ends the list: the article goes on.
    """
    if i + 1 < len(lines):
        after = text[lines[i + 1][0] : lines[i + 1][1]]
        return len(after) <= _LINK_LABEL_MAX_CHARS and opens_link_list(after)
    before = text[lines[i - 1][0] : lines[i - 1][1]]
    return (
        listed >= _LISTED_BEFORE_LAST
        and len(before) <= _LINK_LABEL_MAX_CHARS
        and (opens_link_list(before) or is_page_label(before))
        and _is_caption_sized(text[lines[i][0] : lines[i][1]])
    )


def _is_subhead(line: str) -> bool:
    words = line.split()
    return (
        len(words) <= _SUBHEAD_MAX_WORDS
        and _is_headline_like(line)
        and line[:1] not in _BULLETS
        and ":" not in line
        and not any(c in _QUOTE_MARKS for c in line)
    )


# A label over or under the headline: a section, a place, a release number ("Off the wire",
# "Brussels", "News 80/2016"); the headline itself has more words.
_LEAD_LABEL_MAX_WORDS = 3
_HEADLINE_MIN_WORDS = 5


def _mark_lead_labels(text: str, lines: Sequence[tuple[int, int]], kinds: list[str]) -> None:
    """Short headline-like lines in the lead-in are labels when the lead-in has a headline.

    The lead-in runs to the first paragraph (a sentence of ``_BODY_MIN_WORDS`` words or a line
    longer than any furniture). Its headline-like lines (no final punctuation) of at most
    ``_LEAD_LABEL_MAX_WORDS`` words are page labels when another headline-like line there has
    ``_HEADLINE_MIN_WORDS`` or more: a page prints one headline, and labels around it. A short
    headline alone (a document of "Talks resume" and its body) is kept.
    """
    short: list[int] = []
    headline = False
    for i, (start, end) in enumerate(lines):
        if kinds[i] != STATEMENT:
            continue
        line = text[start:end]
        if end - start > _FURNITURE_MAX_CHARS or not _is_headline_like(line):
            if end - start > _FURNITURE_MAX_CHARS or len(line.split()) >= _BODY_MIN_WORDS:
                break
            continue
        words = len(line.split())
        if words >= _HEADLINE_MIN_WORDS:
            headline = True
        elif (
            words <= _LEAD_LABEL_MAX_WORDS
            and line[:1] not in _BULLETS
            and not any(c in _QUOTE_MARKS for c in line)
        ):
            short.append(i)
    if headline:
        for i in short:
            kinds[i] = PAGE


def _mark_cut_copies(text: str, lines: Sequence[tuple[int, int]], kinds: list[str]) -> None:
    """A line cut off mid-word above its full copy is a picture's text twice: caption both.

    An extractor prints an image's alternative text, cut to a length, then the caption it was
    cut from ("Guards stand at the funera" / "Guards stand at the funeral of ..."). The cut
    copy is no sentence; the full one is a caption when it describes a picture or ends in a
    picture dateline. A headline repeated with a dash after it is not cut mid-word.
    """
    for i in range(len(lines) - 1):
        start, end = lines[i]
        nxt, nxt_end = lines[i + 1]
        if (
            kinds[i] != STATEMENT
            or nxt_end - nxt < end - start
            or text[nxt] != text[start]
            or not text.startswith(text[start:end], nxt)
        ):
            continue
        full = text[nxt:nxt_end]
        picture = kinds[i + 1] == STATEMENT and (
            ends_with_picture_dateline(full) or (_shows_picture(full) and _is_caption_sized(full))
        )
        if nxt_end - nxt == end - start:
            if picture:  # a caption printed twice in a row; a headline twice is left to repeats
                kinds[i] = kinds[i + 1] = CAPTION
            continue
        if text[end - 1].isalpha() and text[nxt + end - start].isalpha():
            kinds[i] = CAPTION
            if picture:
                kinds[i + 1] = CAPTION


# --- Repeated lines and name lines among furniture -----------------------------------------

# A repeat is compared without what a page adds to a line it shows twice: a date stamp before a
# headline ("date 2016-08-09 <headline>"), a video's running time. A headline repeated with a
# dash ("<headline> –") opens a standfirst cut off by the extractor and is left alone.
_STAMP_PREFIX = re.compile(
    r"(?:(?:date|posted|published|updated)\s*:?\s*)?(?:\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?\s+",
    re.IGNORECASE,
)
_STAMP_FIRST = frozenset("0123456789dDpPuU")
_TIME_SUFFIX = re.compile(r"\s\d{1,2}:\d{2}(?::\d{2})?\Z")
# Two or three words may recur as labels of their own ("See details").
_REPEAT_MIN_WORDS = 3


def _repeat_key(line: str) -> tuple[str, str]:
    """The line without a page's additions, and what was removed: "", "stamp" or "time"."""
    m = _STAMP_PREFIX.match(line) if line[:1] in _STAMP_FIRST else None
    if m is not None and m.end() < len(line):
        return line[m.end() :], "stamp"
    m = _TIME_SUFFIX.search(line, len(line) - 10) if line[-1:].isdigit() else None
    if m is not None:
        return line[: m.start()], "time"
    return line, ""


def _mark_repeats(text: str, lines: Sequence[tuple[int, int]], kinds: list[str]) -> None:
    """A headline-like line the page shows twice is stored once.

    A headline repeated under a date stamp, a video title repeated with its running time (then
    both copies are the player's), a headline printed twice: the copy that carries the page's
    additions is furniture, and of two equal copies the second. Only lines without final
    punctuation are compared: sentences recur in transcripts ("Thank you very much."), and a
    caption printed twice is found at its credit.
    """
    seen: dict[str, tuple[int, str]] = {}
    for i, (start, end) in enumerate(lines):
        if (
            text[end - 1] in _FINAL_PUNCT
            or end - start > _FURNITURE_MAX_CHARS
            or kinds[i] in (ID_LINE, CREDIT)
        ):
            continue
        key, extra = _repeat_key(text[start:end])
        if key.count(" ") < _REPEAT_MIN_WORDS - 1:
            continue
        if key not in seen:
            seen[key] = (i, extra)
            continue
        j, extra_j = seen[key]
        if extra:
            if kinds[i] == STATEMENT:
                kinds[i] = BYLINE if extra == "stamp" else PAGE
            if extra == "time" and kinds[j] == STATEMENT and not extra_j:
                kinds[j] = PAGE  # the title the running time belongs to
        elif extra_j:
            if kinds[j] == STATEMENT:
                kinds[j] = BYLINE if extra_j == "stamp" else PAGE
        elif kinds[i] == STATEMENT:
            kinds[i] = PAGE


# A name line: a few capitalised words ("The White House", "Office of the Press Secretary",
# "Cankaya Palace"), the issuer or place lines of a page's head.
_NAME_LINE_MAX_WORDS = 5
_NAME_ALONE_MAX_WORDS = 3
_JOINERS = word_set("of the and for de da van von der al el du la")


def _is_name_line(line: str) -> bool:
    words = line.split()
    return (
        len(words) <= _NAME_LINE_MAX_WORDS
        and line[-1:] not in _FINAL_PUNCT
        and all(w in _JOINERS or _CAPITALISED.fullmatch(w) for w in words)
        and not any(c.isdigit() for c in line)
    )


def _mark_name_runs(text: str, lines: Sequence[tuple[int, int]], kinds: list[str]) -> None:
    """Name lines among furniture are furniture: an issuer's office, a place, a site's name.

    A run of name lines with furniture right above and right below it, or a name line of at
    most ``_NAME_ALONE_MAX_WORDS`` words right above a byline, date or dateline. The first line
    of the document is never taken: a headline may be a few capitalised words.
    """
    n = len(lines)
    i = 1
    while i < n:
        if kinds[i] != STATEMENT or lines[i][1] - lines[i][0] > _LINK_LABEL_MAX_CHARS:
            i += 1
            continue
        j = i
        while (
            j < n
            and kinds[j] == STATEMENT
            and lines[j][1] - lines[j][0] <= _LINK_LABEL_MAX_CHARS
            and _is_name_line(text[lines[j][0] : lines[j][1]])
        ):
            j += 1
        if j > i:
            below = kinds[j] if j < n else STATEMENT
            boxed = kinds[i - 1] != STATEMENT and below != STATEMENT
            alone = (
                j == i + 1
                and below == BYLINE
                and len(text[lines[i][0] : lines[i][1]].split()) <= _NAME_ALONE_MAX_WORDS
            )
            if boxed or alone:
                for k in range(i, j):
                    kinds[k] = BYLINE if below == BYLINE else PAGE
        i = j + 1 if j > i else i + 1


# --- Classification -----------------------------------------------------------------------


def classify_lines(text: str, lines: Sequence[tuple[int, int]]) -> list[Block]:
    """Blocks for the stripped non-blank ``lines`` of ``text``; see the module docstring."""
    kinds: list[str] = []
    credits: list[int] = []  # indices of standalone credit lines
    tails: dict[int, int] = {}  # line index -> absolute offset where its inline credit starts
    for i, (start, end) in enumerate(lines):
        line = text[start:end]
        if is_id_line(line):
            kinds.append(ID_LINE)
        elif not has_credit_hint(line if len(line) <= _CREDIT_MAX_CHARS else line[-_TAIL_WINDOW:]):
            kinds.append(STATEMENT)
        elif is_credit_line(line):
            kinds.append(CREDIT)
            credits.append(i)
        else:
            cut = credit_tail_start(line)
            if cut is None:
                kinds.append(STATEMENT)
            else:
                # A wire's name ends paragraphs, but a verbless line before it is a caption
                # with its credit ("The air base near the border. AP").
                signed = is_sign_off(line[cut:]) and not _is_verbless(line[:cut])
                kinds.append(STATEMENT if signed else CAPTION)
                tails[i] = start + cut

    for i in credits:
        if is_sign_off(text[lines[i][0] : lines[i][1]]):
            continue
        below = _caption_below(text, lines, kinds, i)
        if below is not None:
            kinds[below] = CAPTION
            continue
        if i == 0 or kinds[i - 1] != STATEMENT:
            continue
        prev = text[lines[i - 1][0] : lines[i - 1][1]]
        if _is_headline_like(prev) and (i - 1 == 0 or _is_speaker_headline(prev)):
            continue
        if _is_caption_sized(prev):
            kinds[i - 1] = CAPTION
            if (
                i >= 2
                and kinds[i - 2] == STATEMENT
                and text[lines[i - 2][0] : lines[i - 2][1]] == prev
                and not _is_headline_like(prev)
            ):
                # The caption printed twice above its credit; a headline printed twice is
                # not a caption (the first copy is the page's headline).
                kinds[i - 2] = CAPTION

    for i, kind in enumerate(kinds):
        if kind != STATEMENT:
            continue
        line = text[lines[i][0] : lines[i][1]]
        if ends_with_picture_dateline(line):
            kinds[i] = CAPTION
        elif not _is_headline_like(line):
            break

    _mark_cut_copies(text, lines, kinds)
    _mark_furniture(text, lines, kinds)
    _mark_title_runs(text, lines, kinds)
    _mark_field_runs(text, lines, kinds)
    _mark_pull_quotes(text, lines, kinds)
    _mark_repeats(text, lines, kinds)
    _mark_name_runs(text, lines, kinds)
    _mark_lead_labels(text, lines, kinds)

    if not tails:
        return [(start, end, kind) for (start, end), kind in zip(lines, kinds, strict=True)]
    blocks: list[Block] = []
    for i, (start, end) in enumerate(lines):
        cut = tails.get(i)
        if cut is None:
            blocks.append((start, end, kinds[i]))
        else:
            head_end = cut
            while head_end > start and text[head_end - 1].isspace():
                head_end -= 1
            blocks.append((start, head_end, kinds[i]))
            blocks.append((cut, end, CREDIT))
    return blocks
