"""Web pages to articles: the page's bytes (and the address it came from) in, an
:class:`~tracker.models.Article` whose text is the extracted article body out.

Contract
--------
:func:`page_article` is the one way a page becomes an article, whatever brought it (a saved
``.html`` file, a JSON Lines record's ``html`` field, an HTTP response): it returns a
:class:`PageArticle` or the :class:`~tracker.errors.InputError` naming what is wrong (not HTML,
empty, no article body, no publication date, undecodable), never raises for a bad page.

- Decoding (:func:`decode_page`): a byte-order mark, else the charset the caller was given (an
  HTTP ``Content-Type`` header), else the one the page declares in its first bytes
  (``<meta charset>`` or ``http-equiv="Content-Type"``, labels read as browsers read them:
  ``iso-8859-9`` is windows-1254), decoded as a browser does (a stray bad byte becomes U+FFFD);
  a page that declares nothing is read with ``--encoding`` (default UTF-8), strictly.
- The body and metadata (title, canonical URL, site name, author) come from trafilatura, with
  comments and tables left out and newsletter and paywall boxes pruned first (their class or
  id names them, in any case: ``Newsletter_box__n2`` escapes trafilatura's own lists). One
  paragraph per line: the tracker's segmenter and furniture filter (:mod:`tracker.text`) then
  cut the statements, so offsets point into the stored extracted text.
- The publication date comes from htmldate, asked source by source in this order so the
  source is known (:data:`DATE_SOURCES`): the JSON-LD ``datePublished``, the page's date meta
  tags (the original publication, not the last modification), the date in the URL path (the
  canonical link, else the given address). Dates in the visible text are not read: a page's
  text names many dates (the events it reports, a copyright year) and the wrong one would
  place every statement on the wrong day. A page without one takes the date given with the
  input (manifest row, JSON record, ``--published``), else it is reported as dateless.
- Metadata given with the input (a manifest row, a JSON record) wins over the page's own;
  ``--source`` and ``--published`` only fill what neither has.
- The page's bytes are kept gzip-compressed (:class:`Page`, stored in ``pages``) with the
  extractor versions, so a better extractor can re-run on them later.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import gzip
import importlib.metadata
import re
from configparser import ConfigParser
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tracker.errors import InputError
from tracker.ingest.limits import (
    check_article_text,
    check_page_depth,
    check_page_size,
    check_published,
)
from tracker.models import Article

if TYPE_CHECKING:
    from lxml.html import HtmlElement

JSON_LD, META, URL, INPUT = "json-ld", "meta", "url", "input"
DATE_SOURCES = (JSON_LD, META, URL)  # asked in this order; INPUT: given with the input
PAGE_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})

EXTRACTOR = "trafilatura"
DATE_EXTRACTOR = "htmldate"

# Browsers read these labels as the Windows code pages (WHATWG Encoding Standard); Python's
# codecs of the same names differ in the 0x80-0x9F range, where the Windows pages put letters.
_BROWSER_LABELS = {
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "iso8859-9": "cp1254",
    "latin5": "cp1254",
    "tis-620": "cp874",
}
_PRESCAN_BYTES = 4096  # browsers look at 1024; real pages put long scripts before the tag
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_HTML_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body|p|div|article|main)\b", re.I)
# Boxes inside the article container that trafilatura keeps when their class is capitalised
# (CSS-module names) or unlisted: newsletter sign-ups and paywall prompts.
_PRUNE_TOKENS = ("newsletter", "paywall")
_LOWER = "translate({}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
PRUNE_XPATH = (
    ".//*[self::div or self::section or self::aside or self::form or self::p]["
    + " or ".join(
        f"contains({_LOWER.format(attr)}, '{token}')"
        for token in _PRUNE_TOKENS
        for attr in ("@class", "@id")
    )
    + "]"
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_codec(data: bytes) -> str | None:
    """The codec a byte-order mark at the start of ``data`` names, if any."""
    return next((codec for bom, codec in _BOMS if data.startswith(bom)), None)


# trafilatura tries its fallback extractors on a result under 250 characters and may take
# theirs: for a paywall teaser (one lead paragraph) that is the headline, byline and lead run
# together on one line. Its main extractor is trusted once it finds any text; the fallbacks
# still run on a page where it finds none.
@functools.cache
def _config() -> ConfigParser:
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    return config


_MIN_PARAGRAPH_WORDS = 5  # an article has a line this long; a login page or a menu has none
_DATE_META = "//meta"
_DATE_JSON_LD = "//script[@type='application/ld+json']"
# htmldate's bounds: no news page is older than the web, nor dated after today.
_MIN_DATE = "1995-01-01"


@dataclass(frozen=True)
class Page:
    """The page an article was extracted from: its raw bytes (gzip) and what was read from it."""

    raw_gzip: bytes
    encoding: str  # the codec the bytes were decoded with
    url: str | None  # the address it came with (a fetch, a JSON record), if any
    canonical_url: str | None
    site_name: str | None
    author: str | None
    date_source: str  # one of DATE_SOURCES, or INPUT
    extractor: str
    extractor_version: str
    date_extractor: str
    date_extractor_version: str


@dataclass(frozen=True)
class PageArticle(Article):
    """An article extracted from a web page, with the page it came from."""

    page: Page | None = None


@dataclass(frozen=True)
class PageInput:
    """A page as read, with what came with it. ``where`` names it in error messages;
    ``published``, ``title`` and ``source`` are given with the input (a manifest row, a JSON
    record) and win over the page's own."""

    data: bytes | str
    origin: str
    where: str
    url: str | None = None
    charset: str | None = None  # from an HTTP Content-Type header
    published: dt.date | None = None
    title: str | None = None
    source: str | None = None


@functools.cache
def versions() -> tuple[str, str]:
    """The installed extractor and date extractor versions, as stored with each page."""
    return importlib.metadata.version(EXTRACTOR), importlib.metadata.version(DATE_EXTRACTOR)


def _codec(label: str) -> str | None:
    name = label.strip().lower()
    name = _BROWSER_LABELS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The codec a page's first bytes declare (meta charset or http-equiv), if Python has it."""
    match = _CHARSET.search(data[:_PRESCAN_BYTES])
    return _codec(match[1].decode("ascii")) if match else None


def decode_page(
    data: bytes, where: str, charset: str | None = None, fallback: str = "utf-8"
) -> tuple[str, str]:
    """The page's text and the codec used (see the module's contract), or InputError."""
    codec = bom_codec(data)
    if codec is not None:
        return data.decode(codec, errors="replace").removeprefix("\ufeff"), codec
    if b"\x00" in data[:8192]:
        raise InputError(f"{where}: looks like a binary file, not a web page.")
    declared = (_codec(charset) if charset else None) or declared_charset(data)
    if declared is not None:
        # utf-16 declared in an ASCII-compatible prescan is a mistake browsers read as UTF-8.
        declared = "utf-8" if declared.startswith("utf-16") else declared
        return data.decode(declared, errors="replace"), declared
    try:
        return data.decode(fallback), codecs.lookup(fallback).name
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{where}: not valid {fallback} and no charset declared in the page (byte "
            f"0x{data[exc.start]:02x} at offset {exc.start}); pass its encoding, "
            "e.g. --encoding cp1254."
        ) from None
    except LookupError:
        raise InputError(
            f"unknown encoding {fallback!r}; use a Python codec name such as utf-8 or cp1252."
        ) from None


def _fragment(tree: HtmlElement, xpath: str) -> HtmlElement:
    """A document holding only the elements ``xpath`` selects from ``tree``'s, in its head."""
    import lxml.html

    parts = "".join(lxml.html.tostring(e, encoding="unicode") for e in tree.xpath(xpath))
    return lxml.html.document_fromstring(f"<html><head>{parts}</head><body></body></html>")


def _date(tree: HtmlElement, url: str | None) -> dt.date | None:
    import htmldate

    found = htmldate.find_date(
        tree, extensive_search=False, original_date=True, url=url, min_date=_MIN_DATE
    )
    return dt.date.fromisoformat(found) if found else None


def publication_date(tree: HtmlElement, url: str | None) -> tuple[dt.date, str] | tuple[None, None]:
    """The page's publication date and its source (one of :data:`DATE_SOURCES`), asking
    htmldate about one source at a time: the JSON-LD, the meta tags, the URL path."""
    import lxml.html

    for source, fragment, address in (
        (JSON_LD, _fragment(tree, _DATE_JSON_LD), None),
        (META, _fragment(tree, _DATE_META), None),
        (URL, lxml.html.document_fromstring("<html><body></body></html>"), url),
    ):
        if source == URL and not address:
            break
        found = _date(fragment, address)
        if found is not None:
            return found, source
    return None, None


@dataclass(frozen=True)
class Extracted:
    """What a page says about itself: its article text and metadata."""

    text: str
    title: str | None
    published: dt.date | None
    date_source: str | None
    canonical_url: str | None
    site_name: str | None
    author: str | None


def _clean(value: object) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def _depth(tree: HtmlElement) -> int:
    """How deep the parsed tree's elements nest (the parser stops at its limit)."""
    from lxml import etree

    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def extract(html: str, where: str, url: str | None = None) -> Extracted:
    """The article body and metadata of a decoded page (see the module's contract)."""
    # Imported here: the store and the rescoring import this module for its values only, and
    # trafilatura and lxml take about 100 ms to import.
    import lxml.html
    import trafilatura
    from lxml.etree import ParserError
    from trafilatura.settings import Document

    if not _HTML_TAG.search(html):
        raise InputError(
            f"{where}: not an HTML page (no <html>, <body> or paragraph tag); "
            "ingest web pages as .html and plain text as .txt or .md."
        )
    html = _XML_DECLARATION.sub("", html, count=1)  # lxml refuses str with one
    try:
        tree = lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        tree = None
    if tree is not None:
        check_page_depth(_depth(tree), where)
    # trafilatura parses (and prunes) its own tree; ``tree`` keeps the head for the dates.
    doc = (
        trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            prune_xpath=PRUNE_XPATH,
            config=_config(),
            # Only its metadata's own date, which is not used: the cheap search.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
        if tree is not None
        else None
    )
    # A Document unless asked for a dict (as_dict), None when it finds nothing.
    if not isinstance(doc, Document):
        doc = Document()
    lines = [line.strip() for line in (doc.text or "").splitlines()]
    text = "\n".join(line for line in lines if line)
    # On a page with no article, trafilatura's fallbacks return the menu and form labels.
    if tree is None or not any(len(line.split()) >= _MIN_PARAGRAPH_WORDS for line in lines):
        raise InputError(
            f"{where}: no article text found in the page (only navigation, links or "
            "scripts); save the article's own page, not an index or a login page."
        )
    canonical = _clean(doc.url)
    published, source = publication_date(tree, canonical or url)
    return Extracted(
        text=text,
        title=_clean(doc.title),
        published=published,
        date_source=source,
        canonical_url=canonical,
        site_name=_clean(doc.sitename),
        author=_clean(doc.author),
    )


def page_article(
    page: PageInput,
    *,
    published: dt.date | None = None,
    source: str | None = None,
    encoding: str = "utf-8",
) -> PageArticle | InputError:
    """The article a page holds, or the error that says why there is none. ``published`` and
    ``source`` (``--published``, ``--source``) fill what neither the input nor the page gives;
    ``encoding`` reads a page that declares no charset."""
    try:
        return _page_article(page, published, source, encoding)
    except InputError as exc:
        return exc


def _page_article(
    page: PageInput, published: dt.date | None, source: str | None, encoding: str
) -> PageArticle:
    where = page.where
    check_page_size(len(page.data), where)  # characters of a str: close enough for a limit
    if isinstance(page.data, str):  # a JSON record's html: already text
        html, codec = page.data.removeprefix("\ufeff"), "utf-8"
        raw = html.encode("utf-8")
    else:
        raw = page.data
        html, codec = decode_page(raw, where, page.charset, encoding) if raw.strip() else ("", "")
    if not html.strip():
        raise InputError(f"{where}: empty (no page to ingest).")
    found = extract(html, where, page.url)
    check_article_text(found.text, where)
    date, date_source = found.published, found.date_source
    if page.published is not None or (date is None and published is not None):
        date, date_source = page.published or published, INPUT
    if date is None or date_source is None:
        raise InputError(
            f"{where}: no publication date (the page has no JSON-LD datePublished, date meta "
            "tag or date in its URL); give one in a manifest CSV (path,published,source,title), "
            "in the JSON record's published field, or with --published 2016-07-26."
        )
    check_published(date, where)
    extractor_version, date_extractor_version = versions()
    return PageArticle(
        text=found.text,
        published=date,
        origin=page.origin,
        title=page.title or found.title,
        source=page.source or found.site_name or source,
        url=page.url or found.canonical_url,
        page=Page(
            raw_gzip=gzip.compress(raw, compresslevel=6, mtime=0),
            encoding=codec,
            url=page.url,
            canonical_url=found.canonical_url,
            site_name=found.site_name,
            author=found.author,
            date_source=date_source,
            extractor=EXTRACTOR,
            extractor_version=extractor_version,
            date_extractor=DATE_EXTRACTOR,
            date_extractor_version=date_extractor_version,
        ),
    )
