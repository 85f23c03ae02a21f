"""`tracker fetch` against a real local news site (tests/fetch_site.py on 127.0.0.1): feeds
and a URL list in, pages ingested once, every failure one line while the run goes on."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from tests.fetch_site import FEED_ETAG, FETCH, HUGE_BYTES, Site, serving
from tracker.cli.main import main
from tracker.fetch.http import Client, FetchOptions
from tracker.fetch.lists import Feed, ListFileError, read_feeds, read_urls

FAST = ["--rate", "1000", "--timeout", "0.5", "--retries", "1", "--backoff", "0.05"]
KEYWORDS = '["Turkey", "Russia", "Ankara", "Moscow"]'


@pytest.fixture
def site() -> Iterator[Site]:
    with serving() as running:
        yield running


def feeds_file(tmp_path: Path, site: Site, *paths: str) -> Path:
    outlets = {
        "/world/rss.xml": ("Example Herald", KEYWORDS),
        "/europe/atom.xml": ("Daily Example", None),
        "/broken/feed.xml": ("Broken Example", None),
    }
    text = ""
    for path in paths:
        outlet, keywords = outlets[path]
        text += f'[[feed]]\nurl = "{site.base}{path}"\noutlet = "{outlet}"\n'
        text += f"keywords = {keywords}\n\n" if keywords else "\n"
    out = tmp_path / "feeds.toml"
    out.write_text(text, encoding="utf-8")
    return out


def urls_file(tmp_path: Path, site: Site) -> Path:
    out = tmp_path / "urls.txt"
    out.write_text((FETCH / "urls.txt").read_text().replace("{base}", site.base), encoding="utf-8")
    return out


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["fetch", *args, *FAST], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_a_night_with_every_kind_of_failure_then_a_night_with_nothing_new(
    tmp_path: Path, site: Site, db_path: Path
) -> None:
    feeds = feeds_file(tmp_path, site, "/world/rss.xml", "/europe/atom.xml", "/broken/feed.xml")
    urls = urls_file(tmp_path, site)
    code, out, err = run("--feeds", str(feeds), "--urls", str(urls))
    b = site.base
    assert code == 1
    assert out.splitlines() == [
        f"added\t6\t{b}/news/world/leaders-agree-to-restore-ties-a91b2?utm_source=rss",
        f"added\t5\t{b}/2016/07/18/ankara-and-moscow-name-working-groups-on-trade/",
        f"added\t5\t{b}/energy/gas-pipeline-talks-to-resume",
        f"added\t4\t{b}/news/world/charter-flights-resume-flaky",  # a 500, then retried
        f"added\t6\t{b}/world/europe/moscow-lifts-charter-flight-ban-on-turkey-4471",
        f"added\t5\t{b}/dunya/rusya-charter-ucuslarina-yeniden-izin-verdi-88213",
        f"added\t1\t{b}/world/nato-allies-press-ankara-over-post-coup-purges-k3v9q",
    ]
    assert err.splitlines() == [
        f"Error: {b}/broken/feed.xml: not an RSS or Atom feed (no element found).",
        f"Skipped: {b}/private/leaked-memo-on-turkey-talks: robots.txt disallows it for tracker.",
        f"Error: {b}/news/world/removed-story: HTTP 404 Not Found.",
        f"Error: {b}/live/turkey-russia-summit-live: no answer within 0.5 s (2 attempts). "
        "Tried again on the next run.",
        f"Error: {b}/moved/a: redirect loop ({b}/moved/a -> {b}/moved/b -> {b}/moved/a); "
        "not followed.",
        f"Error: {b}/downloads/sanctions-archive: response is over the 10 MB limit "
        "(--max-bytes); not read further.",
        "Fetch: 3 feeds read (0 not modified, 1 failed); 12 new pages: 7 stored "
        "(32 statements), 4 failed, 1 disallowed by robots.txt; 1 items filtered out, "
        "0 fetched before; 18 requests.",
    ]
    # The keyword filter left the football story out; robots.txt kept the client off /private/.
    assert not site.asked("/sport/harbour-city-club-lifts-the-cup")
    assert not site.asked("/private/leaked-memo-on-turkey-talks")
    # The 50 MB response was streamed and dropped past the limit, not read to its end.
    assert len(site.huge_sent) == 1 and site.huge_sent[0] < HUGE_BYTES // 2
    assert all(r.headers["User-Agent"].startswith("tracker/") for r in site.requests)

    with duckdb.connect(str(db_path), read_only=True) as con:
        docs = dict(
            con.execute(
                "SELECT d.url, (d.source, d.published, p.date_source) FROM documents AS d "
                "JOIN pages AS p USING (document_id)"
            ).fetchall()
        )
        turkish = con.execute("SELECT text FROM documents WHERE url LIKE '%/dunya/%'").fetchone()
        feed_state = con.execute(
            "SELECT outcome, etag, last_modified FROM fetched_urls WHERE url = ?",
            [f"{b}/world/rss.xml"],
        ).fetchone()
    # The feed's outlet is the source; a page without a date takes its item's.
    assert docs[f"{b}/energy/gas-pipeline-talks-to-resume"] == (
        "Example Herald",
        dt.date(2016, 8, 10),
        "input",
    )
    assert docs[f"{b}/news/world/leaders-agree-to-restore-ties-a91b2?utm_source=rss"] == (
        "Example Herald",
        dt.date(2016, 8, 9),
        "json-ld",
    )
    # The URL list has no outlet: the page's own site name.
    assert docs[f"{b}/world/nato-allies-press-ankara-over-post-coup-purges-k3v9q"][0] == (
        "The Example Times"
    )
    # The charset came in the HTTP header only.
    assert turkish is not None and "uçuşlarına" in turkish[0]
    assert feed_state == ("read", FEED_ETAG, "Tue, 09 Aug 2016 18:02:11 GMT")

    # The next night: the feed answers 304, nothing is fetched again but the page that only
    # timed out; the broken feed and the slow page fail again, each in one line.
    before = len(site.requests)
    code, out, err = run("--feeds", str(feeds), "--urls", str(urls))
    assert (code, out) == (1, "")
    assert [r.path for r in site.requests[before:]] == [
        "/robots.txt",
        "/world/rss.xml",
        "/europe/atom.xml",
        "/broken/feed.xml",
        "/live/turkey-russia-summit-live",
        "/live/turkey-russia-summit-live",
    ]
    assert site.requests[before + 1].headers["If-None-Match"] == FEED_ETAG
    assert err.splitlines()[-1] == (
        "Fetch: 3 feeds read (1 not modified, 1 failed); 1 new pages: 0 stored (0 statements), "
        "1 failed, 0 disallowed by robots.txt; 0 items filtered out, 3 fetched before; "
        "6 requests."
    )


def test_a_clean_run_exits_0_and_the_next_fetches_nothing(
    tmp_path: Path, site: Site, db_path: Path
) -> None:
    feeds = feeds_file(tmp_path, site, "/europe/atom.xml")
    urls = urls_file(tmp_path, site)
    code, out, _ = run("--feeds", str(feeds), "--urls", str(urls))
    assert code == 0 and len(out.splitlines()) == 3
    before = len(site.requests)
    code, out, err = run("--feeds", str(feeds), "--urls", str(urls))
    assert (code, out) == (0, "")
    assert [r.path for r in site.requests[before:]] == ["/robots.txt", "/europe/atom.xml"]
    assert "0 new pages" in err and "3 fetched before" in err


def test_a_transient_failure_is_given_up_after_three_runs(
    tmp_path: Path, site: Site, db_path: Path
) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{site.base}/live/turkey-russia-summit-live\n", encoding="utf-8")
    endings = []
    for _ in range(4):
        code, _, err = run("--urls", str(urls), "--retries", "0")
        endings.append((code, err.splitlines()[0].rsplit(").", 1)[-1]))
    assert endings == [
        (1, " Tried again on the next run."),
        (1, " Tried again on the next run."),
        (1, " Given up after 3 runs."),
        (0, "Fetch: 0 feeds read (0 not modified, 0 failed); 0 new pages: 0 stored (0 "
         "statements), 0 failed, 0 disallowed by robots.txt; 0 items filtered out, 1 fetched "
         "before; 0 requests."),
    ]  # fmt: skip


def test_the_rate_per_host_spaces_the_requests(site: Site) -> None:
    with Client(FetchOptions(rate=5)) as client:
        for path in ("/world/rss.xml", "/europe/atom.xml", "/europe/atom.xml"):
            client.get(site.base + path)
    times = [r.at for r in site.requests]  # robots.txt first: it counts too
    assert len(times) == 4
    assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= 0.19


def test_a_declared_50_mb_response_is_refused_before_reading(site: Site) -> None:
    started = time.monotonic()
    with Client(FetchOptions(rate=1000)) as client, pytest.raises(Exception) as info:
        client.get(site.base + "/downloads/declared")
    assert str(info.value) == (
        f"{site.base}/downloads/declared: response of 50 MB is over the 10 MB limit (--max-bytes)."
    )
    assert time.monotonic() - started < 5


FEEDS_FILES = [
    ("not toml", "[[feed]\nurl=", "not valid TOML"),
    ("no outlet", '[[feed]]\nurl = "https://a.test/rss"\n', "feed 1: outlet (the source name)"),
    ("not http", '[[feed]]\nurl = "ftp://a.test/rss"\noutlet = "A"\n', "feed 1: url 'ftp:"),
    (
        "unknown key",
        '[[feed]]\nurl = "https://a.test/rss"\noutlet = "A"\nfilter = "x"\n',
        "feed 1: unknown key 'filter'",
    ),
    (
        "keywords not a list",
        '[[feed]]\nurl = "https://a.test/rss"\noutlet = "A"\nkeywords = "Turkey"\n',
        "feed 1: keywords must be a list",
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), FEEDS_FILES, ids=[f[0] for f in FEEDS_FILES])
def test_a_bad_feeds_file_is_a_usage_error(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ListFileError) as info:
        read_feeds(path)
    assert info.value.message.startswith(f"{path}: {expected}")
    result = CliRunner().invoke(main, ["fetch", "--feeds", str(path)])
    assert (result.exit_code, result.stderr) == (2, f"Error: {info.value.message}\n")


def test_fetch_needs_a_feeds_or_url_file() -> None:
    result = CliRunner().invoke(main, ["fetch"])
    assert result.exit_code == 2
    assert "give --feeds FILE, --urls FILE or both." in result.stderr


def test_the_url_list_skips_comments_and_refuses_other_schemes(tmp_path: Path) -> None:
    path = tmp_path / "urls.txt"
    path.write_text("# flagged\n\nhttps://a.test/x#top  # note\nhttps://a.test/y\n", "utf-8")
    assert read_urls(path) == ["https://a.test/x", "https://a.test/y"]
    path.write_text("https://a.test/x\nfile:///etc/passwd\n", "utf-8")
    with pytest.raises(ListFileError, match=r"urls.txt:2: 'file:///etc/passwd' is not an http"):
        read_urls(path)


KEYWORD_CASES = [
    ("no filter keeps all", (), "Cup final", True),
    ("any case", ("turkey",), "TURKEY and Russia", True),
    ("word start", ("Turk",), "Turkish officials", True),
    ("not inside a word", ("Turk",), "Neoturkic", False),
    ("none matches", ("Russia", "Ankara"), "Harbour city club lifts the cup", False),
]


@pytest.mark.parametrize(
    ("name", "keywords", "text", "expected"), KEYWORD_CASES, ids=[c[0] for c in KEYWORD_CASES]
)
def test_the_keyword_filter(
    name: str, keywords: tuple[str, ...], text: str, expected: bool
) -> None:
    assert Feed("https://a.test/rss", "A", keywords).wants(text, "") is expected


def test_a_busy_database_is_exit_75_before_any_request(
    tmp_path: Path, site: Site, db_path: Path
) -> None:
    from tracker.db import connection

    urls = urls_file(tmp_path, site)
    with connection.write_lock(db_path, 0):
        code, out, err = run("--urls", str(urls), "--wait", "0.2")
    assert (code, out) == (75, "")
    assert err.startswith(f"Error: The database {db_path} is being written by ")
    assert err.count("\n") == 1
    assert site.requests == []


# RFC 9309: robots.txt missing (4xx) means no rules; unreachable (5xx) means stay away.
ROBOTS_CASES = [
    ("rules read", 200, "/private/x", False),
    ("rules read, path allowed", 200, "/world/rss.xml", True),
    ("no robots.txt: no rules", 404, "/private/x", True),
    ("robots.txt unreachable: nothing", 503, "/world/rss.xml", False),
]


@pytest.mark.parametrize(
    ("name", "status", "path", "allowed"), ROBOTS_CASES, ids=[c[0] for c in ROBOTS_CASES]
)
def test_robots_txt(name: str, status: int, path: str, allowed: bool) -> None:
    with serving(Site(robots_status=status)) as site:
        with Client(FetchOptions(rate=1000, retries=0)) as client:
            assert client.allowed(site.base + path) is allowed
            assert client.allowed(site.base + path) is allowed  # read once per run
        assert site.paths() == ["/robots.txt"]


def test_a_response_that_is_no_article_is_rejected_once(
    tmp_path: Path, site: Site, db_path: Path
) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(
        f"{site.base}/world/rss.xml  # a feed put in the URL list by mistake\n", "utf-8"
    )
    code, out, err = run("--urls", str(urls))
    assert (code, out) == (1, "")
    assert err.splitlines()[0] == (
        f"Error: {site.base}/world/rss.xml: no article text found in the page (only navigation, "
        "links or scripts); save the article's own page, not an index or a login page."
    )
    with duckdb.connect(str(db_path), read_only=True) as con:
        assert con.execute(
            "SELECT outcome, http_status, attempts FROM fetched_urls"
        ).fetchall() == [("rejected", 200, 1)]
    before = len(site.requests)
    assert run("--urls", str(urls))[0] == 0
    assert site.requests[before:] == []
