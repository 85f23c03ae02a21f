"""Cut article text into statements (mostly sentences) and boilerplate lines, with exact offsets.

Contract: ``segment(text)`` returns ``Segment`` values in document order, one per statement or
boilerplate line, with ``segment.text == text[segment.start:segment.end]`` and no whitespace at
either end of a span. Blank text gives ``[]``. Any ``str`` is accepted without error.
``statements(text)`` keeps only the ``STATEMENT`` segments.

How text is cut:

* Every line break ends a statement (news text puts one paragraph per line; ``\\r\\n``, ``\\r``
  and the other ``str.splitlines`` breaks count). Lines are first sorted into boilerplate
  (ID lines, credits, captions) by ``tracker.text.boilerplate``; the rest is cut into sentences.
* A sentence ends at ``.``, ``!`` or ``?`` (plus any closing quotes or brackets) followed by
  whitespace and a character that can start a sentence: an uppercase or uncased letter, a digit,
  an opening quote, a dash or an opening bracket.
* Not after a title or month abbreviation ("Mr.", "Gen.", "St.", "Sept.", "vs." ..., and "ST."
  of a dateline in capitals: "ST. PETERSBURG, Russia —"), nor after
  "No."/"Nos." before a digit. After abbreviations that can also end a sentence (initials such
  as "W.", dotted acronyms such as "U.S." or "a.m.", "Inc.", "Co.", "Corp.", "Jr.", "Ltd.") a
  sentence ends only when the next word is one that cannot continue a name ("The", "He", "But",
  ...) or an opening quote/dash follows: "U.S. officials" and "George W. Bush" stay whole,
  "... by the U.S. The move ..." is cut.
* An ellipsis ("...", "…", ". . .") never ends a sentence; numbers such as 3.5 never do either,
  as no whitespace follows the point, and neither does a list number opening a line ("1. ...").
* Nothing is cut inside a quotation that closes on the same line, so a quote of several
  sentences closed by its attribution ("“A. B. C,” the minister said.") is one statement, and so
  is "He said: “A. B.”". A quotation left open at the line end does not protect anything: the
  line is then cut as if the quote mark were absent. Which marks quote, and which are
  apostrophes, is :mod:`tracker.text.quotes`'s to say (curly, straight, guillemets).
* "etc." is no abbreviation here: before a capital it ends the sentence, as it usually does.
* Leading dashes and bullets stay in the span: "– Putin and Erdogan meet" is the statement text.
* A "sentence" that is only a stock web label ("VIDEO", "Photos", "Read more") is a ``PAGE``
  segment: pages print it after a headline's full stop ("... Putin says. VIDEO").

Speed: one pass per line with compiled patterns, no per-character Python loop on ordinary text;
``bench/segment_speed.py`` checks it stays >= 10x faster than VADER per statement (ingest
needs the whole pipeline at >= 0.5x VADER's throughput).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from tracker.models import PAGE, STATEMENT, Segment
from tracker.text.boilerplate import classify_lines
from tracker.text.furniture import is_page_label
from tracker.text.quotes import CLOSING, OPENING, quotations
from tracker.text.words import word_set

# Where a sentence may end: the last mark of a punctuation run, closing quotes or brackets, one
# whitespace character. A pattern led by a literal full stop is scanned about five times faster
# than one led by a character class, so lines without ! or ? use the first.
_CLOSERS = "[" + re.escape(CLOSING + ")]") + "]*"
_DOT_END = re.compile(r"\." + _CLOSERS + r"\s")
_ANY_END = re.compile(r"[.!?]" + _CLOSERS + r"\s")
_WORD = re.compile(r"[^\W\d_]+")
# The letters-and-inner-dots run at the end of a token: "U.S" in "(U.S", "Gen" in "“Gen".
_LAST_WORD = re.compile(r"(?:[^\W\d_]+\.)*[^\W\d_]+\Z")

# Characters that can open a sentence besides letters and digits.
_OPENERS = frozenset(OPENING + "–—-([•*")


# Never end a sentence: always followed by a name, a place or a number.
_NEVER_FINAL = word_set(
    """Mr Mrs Ms Messrs Mmes Dr Drs Prof Gen Lt Col Maj Capt Cmdr Adm Brig Sgt Cpl Pvt Gov Sen
    Rep Reps Pres Supt Insp Rev Hon Amb St Mt Ft vs Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov
    Dec Fig Figs Ref ST"""
)
# Number abbreviations: "No. 10", but "He said No. Then ..." may end a sentence.
_BEFORE_NUMBER = frozenset({"No", "Nos", "Art", "Para", "Vol"})
# May end a sentence or sit inside one ("Apple Inc. CEO", "Ford Motor Co. Ltd").
_MAYBE_FINAL = word_set("Jr Sr Inc Co Corp Ltd Bros Plc Dept Univ Assn Ave Blvd approx al")
# Words that start sentences but never follow a name or acronym inside one.
_STARTERS = word_set(
    """The A An This That These Those It Its He She They We I You His Her Their Our My But And
    Or So Yet However Meanwhile Moreover Also Then There Here In On At After Before When While
    As If Since Although Though Some Many Most Both All Earlier Later According Still Now What
    Why How Who Where Such Other Another Each Every Neither Nor Instead Nevertheless Separately
    Last Next Asked"""
)
_ABBREVIATIONS = _NEVER_FINAL | _BEFORE_NUMBER | _MAYBE_FINAL
# Look back this far for the word before a full stop: longer words are no abbreviation.
_ABBR_SCAN = 16
# A sentence this short may be a page's stock label ("VIDEO", "Photos") cut off a headline.
_LABEL_MAX_CHARS = 14


def segment(text: str) -> list[Segment]:
    """All statement and boilerplate segments of ``text``, in order; see the module docstring."""
    out: list[Segment] = []
    append = out.append
    for start, end, kind in classify_lines(text, _lines(text)):
        if kind != STATEMENT:
            append(Segment(start, end, text[start:end], kind))
            continue
        for s, e in _sentences(text, start, end):
            piece = text[s:e]
            # A stock label left after a headline's full stop ("... Putin says. VIDEO").
            kind = PAGE if e - s <= _LABEL_MAX_CHARS and is_page_label(piece) else STATEMENT
            append(Segment(s, e, piece, kind))
    return out


def statements(text: str) -> list[Segment]:
    """Only the STATEMENT segments of ``text``."""
    return [s for s in segment(text) if s.kind == STATEMENT]


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, stripped as str.strip strips."""
    lines: list[tuple[int, int]] = []
    pos = 0
    # str.splitlines defines the breaks and is much faster than a regex over the text.
    for raw in text.splitlines(True):
        core = raw.strip()
        if core:
            lead = pos + len(raw) - len(raw.lstrip())
            lines.append((lead, lead + len(core)))
        pos += len(raw)
    return lines


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences in the stripped line text[start:end]."""
    spans: list[tuple[int, int]] = []
    begin = start
    quoted: tuple[list[int], list[int]] | None = None  # opens, ends; computed when first needed
    ender = (
        _ANY_END if text.find("?", start, end) >= 0 or text.find("!", start, end) >= 0 else _DOT_END
    )
    for m in ender.finditer(text, start, end):
        nxt = m.end()
        stop = nxt - 1
        while text[nxt].isspace():  # the line is stripped: text follows its whitespace
            nxt += 1
        first = text[nxt]
        if first.islower() or not (first.isalpha() or first.isdigit() or first in _OPENERS):
            continue
        at = m.start()
        if text[at] == ".":
            if at > start and text[at - 1] == ".":
                continue  # ellipsis
            # The token before the full stop; the cheap test clears ordinary words inline.
            lo = at - _ABBR_SCAN if at - _ABBR_SCAN > start else start
            space = text.rfind(" ", lo, at)
            word = text[space + 1 if space >= 0 else lo : at]
            if (
                not word.isalpha() or word in _ABBREVIATIONS or (len(word) == 1 and word.isupper())
            ) and _dot_continues(text, start, word, at, nxt):
                continue
        if quoted is None:
            regions = quotations(text, start, end)
            quoted = [s for s, _ in regions], [e for _, e in regions]
        opens, ends = quoted
        if opens:
            i = bisect_left(opens, at) - 1
            if i >= 0 and stop < ends[i]:
                continue  # inside a quotation closed later on this line
        spans.append((begin, stop))
        begin = nxt
    spans.append((begin, end))
    return spans


def _dot_continues(text: str, line_start: int, word: str, dot: int, nxt: int) -> bool:
    """True when the full stop at ``dot``, after ``word``, does not end the sentence."""
    if not word.isalpha():
        if not word:
            return text[dot - 2 : dot] == ". "  # the last dot of ". . ."
        if word.isdigit() and dot - len(word) == line_start:
            return True  # "1. Ankara ...": a list number opening the line
        m = _LAST_WORD.search(word)  # "(Mr", "U.S", "a.m", "said\xa0Gen"
        if m is None:
            return False
        word = m.group()
    if word in _NEVER_FINAL:
        return True
    if word in _BEFORE_NUMBER:
        return text[nxt].isdigit()
    if "." in word or word in _MAYBE_FINAL or (len(word) == 1 and word.isupper()):
        return not _starts_sentence(text, nxt)
    return False


def _starts_sentence(text: str, nxt: int) -> bool:
    """After an abbreviation that may end a sentence: does a new one clearly start at ``nxt``?"""
    first = text[nxt]
    if first.isdigit() or first in "([":
        return False  # "the U.S. 10-year note", "Apple Inc. (AAPL)"
    if not first.isalpha():
        return True  # an opening quote or a dash
    m = _WORD.match(text, nxt)
    if m is None or m.group() not in _STARTERS:
        return False
    # "J. A. Smith": a single capital followed by a full stop is another initial.
    return not (m.end() - nxt == 1 and text[m.end() : m.end() + 1] == ".")
