"""Web pages: what is stored from each of our test pages (tests/fixtures/pages/, written by us in
the shapes of real news sites), and the one-line error for each bad page."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import pickle
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from tests.conftest import without_progress, write
from tracker.cli.main import main
from tracker.errors import InputError
from tracker.ingest.batches import ingest_paths
from tracker.ingest.pages import (
    INPUT,
    JSON_LD,
    META,
    URL,
    PageArticle,
    PageInput,
    decode_page,
    page_article,
)
from tracker.ingest.pipeline import Pipeline
from tracker.ingest.sources import Defaults, read_inputs

PAGES = Path(__file__).parent / "fixtures" / "pages"


@dataclass(frozen=True)
class Stored:
    """What the database must hold for one page."""

    title: str
    published: dt.date
    date_source: str
    canonical_url: str
    site_name: str
    author: str | None
    encoding: str
    statements: tuple[str, ...]  # every statement, in order: no furniture among them
    furniture: tuple[str, ...]  # page text that must be nowhere in the stored text


CORPUS = [
    (
        "wire_reprint_with_boilerplate",
        "wire_reprint.html",
        Stored(
            title="Moscow lifts charter flight ban on Turkey",
            # article:published_time, not the later article:modified_time
            published=dt.date(2016, 6, 30),
            date_source=META,
            canonical_url="https://www.daily-example.test/world/europe/"
            "moscow-lifts-charter-flight-ban-on-turkey-4471",
            site_name="Daily Example",
            author="Example Press Agency",
            encoding="utf-8",
            statements=(
                "Moscow lifts charter flight ban on Turkey",
                "MOSCOW (EPA) - Russia lifted its ban on charter flights to Turkey on Thursday, "
                "seven months after the downing of a Russian warplane near the Syrian border.",
                "A government spokesman in Moscow said the decision opened the way for Russian "
                "tourists to return to Turkish resorts this summer.",
                "Turkish tour operators welcomed the move and said bookings could recover "
                "within weeks.",
                "Officials in Ankara said talks on lifting the remaining trade restrictions "
                "would begin next month.",
                "The ministry of economy in Ankara said the two sides would also discuss "
                "resuming work on a gas pipeline project.",
            ),
            furniture=(
                "cookies",  # the cookie banner
                "Politics",  # the navigation
                "Holiday deals",  # the advertisement
                "Turkey and Russia to resume trade talks",  # the related links in the body
                "Ankara sends a letter of regret",  # the related-stories box
                "never trust Turkey",  # a comment
                "reader_1987",
                "Post a comment",
                "Facebook",  # the share bar
                "Passengers queue",  # the photo caption
                "newsletter",
                "All rights reserved",
            ),
        ),
    ),
    (
        "json_ld_news_article",
        "jsonld_newsarticle.html",
        Stored(
            title="Leaders agree to restore ties at St Petersburg summit",
            # datePublished, not dateModified (2016-08-10)
            published=dt.date(2016, 8, 9),
            date_source=JSON_LD,
            canonical_url="https://herald.example.test/news/world/leaders-agree-to-restore-ties-a91b2",
            site_name="Example Herald",
            author="Jane Example; Ali Sample",
            encoding="utf-8",
            statements=(
                "Turkey and Russia pledge to rebuild trade and tourism links.",
                "The presidents of Turkey and Russia agreed on Tuesday to restore trade and "
                "tourism links that were cut after the downing of a Russian warplane in November.",
                "Speaking after three hours of talks in St Petersburg, a senior Turkish official "
                "said the meeting marked a new page in relations between Ankara and Moscow.",
                "A Kremlin spokesman said sanctions on Turkish food imports would be lifted "
                "step by step.",
                "The two sides also agreed to revive plans for a gas pipeline under the Black "
                "Sea, officials said.",
                "Western diplomats in Ankara said they were watching the rapprochement closely.",
            ),
            furniture=(
                "privacy",  # the consent dialog
                "Advertisement",
                # the newsletter box: its CSS-module class (Newsletter_box__n2) escapes
                # trafilatura's own lists, our prune rule removes it
                "Sign up for our free newsletter",
                "morning briefing",
                "Share on Facebook",
                "More from World",
                "Coup attempt aftermath",
                "Registered in England",
            ),
        ),
    ),
    (
        "date_only_in_the_url",
        "url_date_only.html",
        Stored(
            title="Ankara and Moscow name working groups on trade",
            published=dt.date(2016, 7, 18),
            date_source=URL,
            canonical_url="https://regional.example.test/2016/07/18/"
            "ankara-and-moscow-name-working-groups-on-trade/",
            site_name="Example Regional News",
            author=None,
            encoding="utf-8",
            statements=(
                "Ankara and Moscow name working groups on trade",
                "Turkey and Russia have named the members of three working groups that will "
                "prepare the lifting of trade restrictions, the foreign ministry in Ankara said "
                "on Monday.",
                "The groups will cover agriculture, tourism and energy, the ministry said in a "
                "written statement.",
                "A diplomat familiar with the talks said the first meeting was expected before "
                "the end of the month, despite the turmoil that followed the failed coup attempt "
                "on Friday night.",
                "Russian officials said they had received assurances that Russian tourists in "
                "Turkish resorts were safe.",
            ),
            furniture=("18 hours ago", "Most read", "Curfew lifted", "Share this", "Log in"),
        ),
    ),
    (
        # Only the lead is on the page: it alone is stored, not the headline and byline run
        # together with it (trafilatura's fallback on a short text), nor the subscription pitch.
        "paywall_teaser",
        "paywall_teaser.html",
        Stored(
            title="Nato allies press Ankara over post-coup purges",
            published=dt.date(2016, 7, 26),
            date_source=JSON_LD,
            canonical_url="https://www.example-times.test/world/"
            "nato-allies-press-ankara-over-post-coup-purges-k3v9q",
            site_name="The Example Times",
            author="Tom Placeholder",
            encoding="utf-8",
            statements=(
                "Nato allies urged Turkey on Monday to respect the rule of law as it pursues "
                "those behind the failed coup, according to diplomats at the alliance's "
                "headquarters in Brussels.",
            ),
            furniture=("Subscribe", "unlimited access", "Log in", "Tom Placeholder, Brussels"),
        ),
    ),
    (
        "windows_1254_turkish_declared_in_meta_charset",
        "turkish_windows1254.html",
        Stored(
            title="Rusya charter uçuşlarına yeniden izin verdi",
            published=dt.date(2016, 7, 1),
            date_source=META,
            canonical_url="https://www.ornek-gazete.test/dunya/"
            "rusya-charter-ucuslarina-yeniden-izin-verdi-88213",
            site_name="Örnek Gazete",
            author="Dış Haberler Servisi",
            encoding="cp1254",
            statements=(
                "Rusya charter uçuşlarına yeniden izin verdi",
                "Rusya, Türkiye'ye yönelik charter uçuş yasağını perşembe günü kaldırdı.",
                "Dışişleri Bakanlığı sözcüsü, iki ülke arasındaki ilişkilerin normalleşme "
                "sürecine girdiğini söyledi.",
                "Turizmciler, Rus turistlerin ağustos ayında Antalya ve Muğla'ya dönmesini "
                "beklediklerini belirtti.",
                "İstanbul'daki iş çevreleri, ticaret kısıtlamalarının da kaldırılması için "
                "görüşmelerin başlayacağını ifade etti.",
            ),
            furniture=("çerez", "Ana Sayfa", "İlgili Haberler", "Tüm hakları"),
        ),
    ),
    (
        "koi8_r_russian_declared_in_http_equiv",
        "russian_koi8r.html",
        Stored(
            title="Москва и Анкара возобновят переговоры о торговле",
            published=dt.date(2016, 8, 10),
            date_source=META,
            canonical_url="https://primer-novosti.example.test/world/2016/08/10/"
            "moskva-ankara-torgovlya",
            site_name="Пример Новости",
            author=None,
            encoding="koi8-r",
            statements=(
                "Россия и Турция договорились возобновить переговоры о снятии торговых "
                "ограничений, сообщили в министерстве экономического развития в среду.",
                "Представитель министерства иностранных дел России заявил, что отношения двух "
                "стран постепенно восстанавливаются.",
                "По словам экспертов, туристический поток из России в Турцию может вырасти уже "
                "в сентябре.",
            ),
            furniture=("Главная", "Читайте также", "Итоги встречи", "Все права"),
        ),
    ),
]
CORPUS_IDS = [case[0] for case in CORPUS]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.build()


@pytest.fixture(scope="module")
def stored_pages(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    """One database holding every test page but the dateless one (reported, not stored)."""
    db = tmp_path_factory.mktemp("pages") / "pages.duckdb"
    report = ingest_paths([PAGES], db, pipeline=pipeline)
    assert [e.message for e in report.errors] == [
        f"{PAGES / 'no_date.html'}: no publication date (the page has no JSON-LD "
        "datePublished, date meta tag or date in its URL); give one in a manifest CSV "
        "(path,published,source,title), in the JSON record's published field, or with "
        "--published 2016-07-26."
    ]
    return db


def _row(db: Path, file: str) -> dict[str, object]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        cur = con.execute(
            "SELECT d.*, p.* EXCLUDE (document_id, url) FROM documents d "
            "JOIN pages p USING (document_id) WHERE d.origin = ?",
            [str((PAGES / file).resolve())],
        )
        names = [c[0] for c in cur.description]
        (row,) = cur.fetchall()
        stored = dict(zip(names, row, strict=True))
        stored["statements"] = con.execute(
            "SELECT start_char, end_char, text, published FROM statements "
            "WHERE document_id = ? ORDER BY seq",
            [stored["document_id"]],
        ).fetchall()
    finally:
        con.close()
    return stored


@pytest.mark.parametrize(("name", "file", "expected"), CORPUS, ids=CORPUS_IDS)
def test_what_is_stored_from_each_page(
    stored_pages: Path, name: str, file: str, expected: Stored
) -> None:
    row = _row(stored_pages, file)
    assert (
        row["title"],
        row["published"],
        row["date_source"],
        row["url"],
        row["canonical_url"],
        row["source"],
        row["site_name"],
        row["author"],
        row["encoding"],
    ) == (
        expected.title,
        expected.published,
        expected.date_source,
        expected.canonical_url,
        expected.canonical_url,
        expected.site_name,
        expected.site_name,
        expected.author,
        expected.encoding,
    )
    text = str(row["text"])
    statements = row["statements"]
    assert isinstance(statements, list)
    assert tuple(s[2] for s in statements) == expected.statements
    # Offsets point into the stored extracted text.
    assert all(text[start:end] == s for start, end, s, _ in statements)
    assert {s[3] for s in statements} == {expected.published}
    for furniture in expected.furniture:
        assert furniture not in text, furniture
    # The page as read comes back from its compressed copy, byte for byte.
    assert isinstance(row["raw_gzip"], bytes)
    assert gzip.decompress(row["raw_gzip"]) == (PAGES / file).read_bytes()
    assert (row["extractor"], row["date_extractor"]) == ("trafilatura", "htmldate")
    assert row["extractor_version"] and row["date_extractor_version"]


def test_the_stored_text_is_the_extracted_body(stored_pages: Path) -> None:
    """Headline and paragraphs one per line, as trafilatura gives them: nothing added."""
    row = _row(stored_pages, "url_date_only.html")
    assert str(row["text"]).splitlines() == [
        s
        for _, _, s, _ in row["statements"]  # type: ignore[union-attr]
    ]


def test_a_page_article_travels_to_worker_processes() -> None:
    article = page_article(PageInput((PAGES / "wire_reprint.html").read_bytes(), "o", "w"))
    assert isinstance(article, PageArticle)
    assert pickle.loads(pickle.dumps(article)) == article


def _cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_a_dateless_page_is_reported_and_published_dates_it(tmp_path: Path) -> None:
    page = PAGES / "no_date.html"
    result = _cli("ingest", str(page))
    assert result.exit_code == 1
    assert without_progress(result.stderr).splitlines() == [
        f"Error: {page}: no publication date (the page has no JSON-LD datePublished, date "
        "meta tag or date in its URL); give one in a manifest CSV (path,published,source,title), "
        "in the JSON record's published field, or with --published 2016-07-26.",
        "Ingest: 0 added, 0 replaced, 0 unchanged, 1 failed; 0 new statements.",
    ]
    result = _cli("ingest", str(page), "--published", "2016-08-01")
    assert result.exit_code == 0, result.output
    result = _cli(
        "sql",
        "SELECT d.published, p.date_source, d.source FROM documents d JOIN pages p "
        "USING (document_id)",
        "--format",
        "csv",
    )
    assert result.stdout.splitlines() == [
        "published,date_source,source",
        "2016-08-01,input,Example Energy Review",
    ]


def test_dates_in_the_text_are_not_publication_dates() -> None:
    """The dateless page's footer says "© 2016": trafilatura's own date search makes that
    2016-01-01; ours reads the JSON-LD, the meta tags and the URL only."""
    assert "&copy; 2016" in (PAGES / "no_date.html").read_text(encoding="utf-8")
    result = page_article(PageInput((PAGES / "no_date.html").read_bytes(), "o", "w"))
    assert isinstance(result, InputError)


def _page(head: str, body: str = "") -> str:
    body = body or (
        "<article><p>Turkey and Russia agreed on Tuesday to restore their trade links, "
        "officials said.</p></article>"
    )
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


DATE_CASES = [
    (
        "json_ld_before_meta",
        _page(
            '<meta property="article:published_time" content="2016-08-10T08:00:00Z">'
            '<script type="application/ld+json">{"@type": "NewsArticle", '
            '"datePublished": "2016-08-09T17:45:00+03:00"}</script>'
        ),
        None,
        (dt.date(2016, 8, 9), JSON_LD),
    ),
    (
        "meta_before_url",
        _page(
            '<link rel="canonical" href="https://n.example.test/2016/08/11/story">'
            '<meta property="article:published_time" content="2016-08-10T08:00:00Z">'
        ),
        None,
        (dt.date(2016, 8, 10), META),
    ),
    (
        "the_given_address_when_the_page_names_none",
        _page("<title>Story</title>"),
        "https://n.example.test/news/2016/08/12/story.html",
        (dt.date(2016, 8, 12), URL),
    ),
    (
        "the_canonical_link_before_the_given_address",
        _page('<link rel="canonical" href="https://n.example.test/2016/08/13/story">'),
        "https://n.example.test/2016/08/14/story?utm_source=feed",
        (dt.date(2016, 8, 13), URL),
    ),
    (
        "a_date_in_the_visible_text_is_no_publication_date",
        _page(
            "<title>Story</title>",
            "<article><p class='date'>Published: 9 August 2016</p><p>Turkey and Russia agreed "
            "on Tuesday to restore their trade links, officials said.</p></article>",
        ),
        None,
        (None, None),
    ),
]


@pytest.mark.parametrize(
    ("name", "html", "url", "expected"), DATE_CASES, ids=[c[0] for c in DATE_CASES]
)
def test_where_the_publication_date_comes_from(
    name: str, html: str, url: str | None, expected: tuple[dt.date | None, str | None]
) -> None:
    result = page_article(PageInput(html, "o", "w", url=url))
    if expected == (None, None):
        assert isinstance(result, InputError)
        assert "no publication date" in result.message
        return
    assert isinstance(result, PageArticle) and result.page is not None
    assert (result.published, result.page.date_source) == expected


DECODE_CASES = [
    (
        "windows_1251_declared_in_http_equiv",
        '<html><head><meta http-equiv="content-type" content="text/html; charset=windows-1251">'
        "</head><body><p>Министерство заявило, что переговоры с Анкарой продолжатся.</p>"
        "</body></html>".encode("cp1251"),
        None,
        ("Министерство заявило, что переговоры с Анкарой продолжатся.", "cp1251"),
    ),
    (
        # Browsers read the ISO label as windows-1254, whose 0x93/0x94 are curly quotes.
        "iso_8859_9_read_as_windows_1254",
        '<html><head><meta charset="ISO-8859-9"></head><body><p>“Görüşmeler olumlu geçti” '
        "dedi.</p></body></html>".encode("cp1254"),
        None,
        ("“Görüşmeler olumlu geçti” dedi.", "cp1254"),
    ),
    (
        "the_http_header_charset_before_the_meta_tag",
        '<html><head><meta charset="utf-8"></head><body><p>Şubat ayında</p></body></html>'.encode(
            "cp1254"
        ),
        "windows-1254",
        ("Şubat ayında", "cp1254"),
    ),
    (
        "utf8_byte_order_mark",
        "\ufeff<html><body><p>Anlaşma imzalandı.</p></body></html>".encode(),
        None,
        ("Anlaşma imzalandı.", "utf-8"),
    ),
    (
        "no_declaration_utf8",
        "<html><body><p>Переговоры начались.</p></body></html>".encode(),
        None,
        ("Переговоры начались.", "utf-8"),
    ),
]


@pytest.mark.parametrize(
    ("name", "data", "charset", "expected"), DECODE_CASES, ids=[c[0] for c in DECODE_CASES]
)
def test_decoding(name: str, data: bytes, charset: str | None, expected: tuple[str, str]) -> None:
    text, codec = decode_page(data, "w", charset)
    assert (text.split("<p>")[1].split("</p>")[0], codec) == expected


_ARTICLE = (
    "<article><p>Turkey and Russia agreed on Tuesday to restore their trade links, "
    "officials said.</p></article>"
)
_DATED = '<meta property="article:published_time" content="2016-08-10">'

ERROR_CASES = [
    (
        "not_html",
        lambda d: write(d / "notes.html", "Turkey and Russia agreed to talk.\n"),
        "{d}/notes.html: not an HTML page (no <html>, <body> or paragraph tag); "
        "ingest web pages as .html and plain text as .txt or .md.",
    ),
    (
        "binary",
        lambda d: (d / "scan.html").write_bytes(b"%PDF-1.4\x00\x01") and d / "scan.html",
        "{d}/scan.html: looks like a binary file, not a web page.",
    ),
    (
        "empty",
        lambda d: write(d / "empty.htm", "\n"),
        "{d}/empty.htm: empty (no page to ingest).",
    ),
    (
        "no_article_body",
        lambda d: write(
            d / "login.html",
            _page(
                _DATED,
                '<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
                "<form><label>Email</label><input><label>Password</label><button>Log in</button>"
                "</form>",
            ),
        ),
        "{d}/login.html: no article text found in the page (only navigation, links or "
        "scripts); save the article's own page, not an index or a login page.",
    ),
    (
        "undeclared_and_not_utf8",
        lambda d: (
            (d / "tr.html").write_bytes(_page(_DATED, "<p>Türkiye açıkladı.</p>").encode("cp1254"))
            and d / "tr.html"
        ),
        "{d}/tr.html: not valid utf-8 and no charset declared in the page (byte 0xfc at "
        "offset 105); pass its encoding, e.g. --encoding cp1254.",
    ),
    (
        "jsonl_text_and_html",
        lambda d: write(
            d / "x.jsonl", json.dumps({"text": "a", "html": _page(_DATED, _ARTICLE)}) + "\n"
        ),
        '{d}/x.jsonl:1: has both "text" and "html"; keep one (the page\'s text is extracted '
        "from its html).",
    ),
    (
        "jsonl_html_without_a_date",
        lambda d: write(d / "x.jsonl", json.dumps({"html": _page("", _ARTICLE)}) + "\n"),
        "{d}/x.jsonl:1: no publication date (the page has no JSON-LD datePublished, date meta "
        "tag or date in its URL); give one in a manifest CSV (path,published,source,title), in "
        "the JSON record's published field, or with --published 2016-07-26.",
    ),
]


@pytest.mark.parametrize(("name", "make", "message"), ERROR_CASES, ids=[c[0] for c in ERROR_CASES])
def test_each_bad_page_is_one_error(tmp_path: Path, name: str, make, message: str) -> None:
    path = make(tmp_path)
    (result,) = read_inputs([path])
    assert isinstance(result, InputError)
    assert result.message == message.format(d=tmp_path)


def test_the_rest_of_the_ingest_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    write(folder / "empty.html", "")
    write(folder / "notes.htm", "plain words\n")
    (folder / "story.html").write_bytes((PAGES / "url_date_only.html").read_bytes())
    result = _cli("ingest", str(folder))
    assert result.exit_code == 1
    assert result.stdout == f"added\t5\t{(folder / 'story.html').resolve()}\n"
    assert without_progress(result.stderr).splitlines() == [
        f"Error: {folder / 'empty.html'}: empty (no page to ingest).",
        f"Error: {folder / 'notes.htm'}: not an HTML page (no <html>, <body> or paragraph "
        "tag); ingest web pages as .html and plain text as .txt or .md.",
        "Ingest: 1 added, 0 replaced, 0 unchanged, 2 failed; 5 new statements.",
    ]


def test_json_lines_html_records(tmp_path: Path) -> None:
    """A record's fields win over the page's own; its url gives the date where the page has
    none, and is kept as the address the page came with."""
    page = (PAGES / "wire_reprint.html").read_text(encoding="utf-8")
    undated = _page("<title>Story</title>", _ARTICLE)
    lines = [
        {"html": page},
        {
            "html": page.replace("charter", "charter jet"),
            "published": "2016-07-01",
            "source": "Wire copy",
            "title": "Given title",
        },
        {"html": undated, "url": "https://n.example.test/2016/08/12/story"},
    ]
    path = write(tmp_path / "pages.jsonl", "".join(json.dumps(line) + "\n" for line in lines))
    found = list(read_inputs([path]))
    assert all(isinstance(a, PageArticle) for a in found), found
    first, second, third = found
    assert isinstance(first, PageArticle) and first.page is not None
    assert (first.published, first.page.date_source, first.source, first.title) == (
        dt.date(2016, 6, 30),
        META,
        "Daily Example",
        "Moscow lifts charter flight ban on Turkey",
    )
    assert gzip.decompress(first.page.raw_gzip).decode() == page
    assert isinstance(second, PageArticle) and second.page is not None
    assert (second.published, second.page.date_source, second.source, second.title) == (
        dt.date(2016, 7, 1),
        INPUT,
        "Wire copy",
        "Given title",
    )
    assert second.page.site_name == "Daily Example"  # what the page said is kept
    assert isinstance(third, PageArticle) and third.page is not None
    assert (third.published, third.page.date_source, third.url, third.page.url) == (
        dt.date(2016, 8, 12),
        URL,
        "https://n.example.test/2016/08/12/story",
        "https://n.example.test/2016/08/12/story",
    )
    assert third.page.canonical_url is None
    assert first.origin == f"{path.resolve()}:1"


def test_a_manifest_row_may_name_a_page(tmp_path: Path) -> None:
    (tmp_path / "p.html").write_bytes((PAGES / "no_date.html").read_bytes())
    manifest = write(
        tmp_path / "manifest.csv", "path,published,source,title\np.html,2016-08-02,,\n"
    )
    (article,) = read_inputs([manifest], Defaults(source="cli outlet"))
    assert isinstance(article, PageArticle) and article.page is not None
    assert (article.published, article.page.date_source, article.source, article.title) == (
        dt.date(2016, 8, 2),
        INPUT,
        "Example Energy Review",  # the page's site name before --source
        "Gas pipeline talks to resume, officials say",
    )


def test_same_page_is_unchanged_and_a_changed_one_replaces_its_page_row(
    tmp_path: Path, db_path: Path
) -> None:
    path = tmp_path / "story.html"
    original = (PAGES / "paywall_teaser.html").read_bytes()
    path.write_bytes(original)
    assert _cli("ingest", str(path)).exit_code == 0
    result = _cli("ingest", str(path))
    assert result.stdout == f"unchanged\t0\t{path.resolve()}\n"
    path.write_bytes(original.replace(b"on Monday", b"on Tuesday"))
    result = _cli("ingest", str(path), "--replace")
    assert result.stdout == f"replaced\t1\t{path.resolve()}\n"
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        rows = con.execute("SELECT document_id, raw_gzip FROM pages").fetchall()
    finally:
        con.close()
    assert [(doc_id, gzip.decompress(raw)) for doc_id, raw in rows] == [(1, path.read_bytes())]
