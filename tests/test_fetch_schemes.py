"""`tracker fetch` asks the web and nothing else: a feed or URL with another scheme than http
or https (file:, ftp:, data:, javascript:) is refused with one line, a feed item linking to
one is skipped unfetched, and a redirect to one is refused. The site is a small server of our
own on 127.0.0.1, stopped when each test ends."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from tracker.cli.main import main

FAST = ["--rate", "1000", "--timeout", "0.5", "--retries", "0"]
# (name, an address that is not the web's)
ELSEWHERE = [
    ("file", "file:///etc/passwd"),
    ("ftp", "ftp://files.example.test/news.xml"),
    ("data", "data:text/html,<p>Ankara and Moscow</p>"),
    ("javascript", "javascript:alert(document.cookie)"),
    ("http without a host", "http:///etc/passwd"),
    ("no scheme", "/etc/passwd"),
]
IDS = [name for name, _ in ELSEWHERE]
FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Wire</title><link>{base}/</link>
<description>World news</description>
{items}
</channel></rss>
"""
ITEM = "<item><title>Ankara and Moscow talk {n}</title><link>{link}</link></item>"


class _Site:
    """Routes: ``/go/<n>`` redirects to ``ELSEWHERE[n]``; ``/feed.xml`` lists items linking to
    every address of ``ELSEWHERE`` that a feed can hold (a relative link is the site's own)."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                site.paths.append(self.path)
                if self.path.startswith("/go/"):
                    self.send_response(302)
                    self.send_header("Location", ELSEWHERE[int(self.path[4:])][1])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif self.path == "/feed.xml":
                    items = "\n".join(
                        ITEM.format(n=n, link=link.replace("&", "&amp;").replace("<", "&lt;"))
                        for n, (_, link) in enumerate(ELSEWHERE[:4])
                    )
                    body = FEED.format(base=site.base, items=items).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                else:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def site() -> Iterator[_Site]:
    running = _Site()
    thread = threading.Thread(
        target=running.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield running
    finally:
        running.server.shutdown()
        running.server.server_close()
        thread.join(timeout=5)


def _fetch(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["fetch", *args, *FAST], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("name", "address"), ELSEWHERE, ids=IDS)
def test_a_feed_of_another_scheme_is_refused(tmp_path: Path, name: str, address: str) -> None:
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(f'[[feed]]\nurl = "{address}"\noutlet = "Wire"\n', encoding="utf-8")
    assert _fetch("--feeds", str(feeds)) == (
        2,
        "",
        f"Error: {feeds}: feed 1: url {address!r} is not an http(s) address; "
        'give one, e.g. url = "https://…".\n',
    )


@pytest.mark.parametrize(("name", "address"), ELSEWHERE, ids=IDS)
def test_a_url_of_another_scheme_is_refused(tmp_path: Path, name: str, address: str) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text(f"https://news.example.test/a\n{address}\n", encoding="utf-8")
    assert _fetch("--urls", str(urls)) == (
        2,
        "",
        f"Error: {urls}:2: {address!r} is not an http(s) address; one URL per line, "
        "# starts a comment.\n",
    )


def test_a_redirect_to_another_scheme_is_refused(
    tmp_path: Path, site: _Site, db_path: Path
) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text("".join(f"{site.base}/go/{n}\n" for n in range(len(ELSEWHERE))), "utf-8")
    code, out, err = _fetch("--urls", str(urls))
    assert (code, out) == (1, "")
    b = site.base
    assert err.splitlines() == [
        *(
            f"Error: {b}/go/{n}: redirected to {address}, not an http(s) address."
            for n, (_, address) in enumerate(ELSEWHERE[:4])
        ),
        # "http:" without a host and a path alone are the site's own addresses (RFC 3986):
        # followed, and answered 404.
        f"Error: {b}/etc/passwd: HTTP 404 Not Found.",
        f"Error: {b}/etc/passwd: HTTP 404 Not Found.",
        "Fetch: 0 feeds read (0 not modified, 0 failed); 6 new pages: 0 stored (0 statements),"
        " 6 failed, 0 disallowed by robots.txt; 0 items filtered out, 0 fetched before;"
        " 9 requests.",
    ]
    assert sorted(set(site.paths)) == sorted(
        ["/robots.txt", "/etc/passwd", *(f"/go/{n}" for n in range(len(ELSEWHERE)))]
    )
    with duckdb.connect(str(db_path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchall() == [(0,)]


def test_a_feed_item_linking_to_another_scheme_is_skipped(tmp_path: Path, site: _Site) -> None:
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(f'[[feed]]\nurl = "{site.base}/feed.xml"\noutlet = "Wire"\n', "utf-8")
    code, out, err = _fetch("--feeds", str(feeds))
    assert (code, out) == (0, "")
    feed = f"{site.base}/feed.xml"
    # As feedparser reads the links (it drops one slash of "file:///").
    read = ["file://etc/passwd", *(address for _, address in ELSEWHERE[1:4])]
    assert err.splitlines() == [
        *(
            f"Skipped: {feed}: an item links to {address!r}, not an http(s) address; not fetched."
            for address in read
        ),
        "Fetch: 1 feeds read (0 not modified, 0 failed); 0 new pages: 0 stored (0 statements),"
        " 0 failed, 0 disallowed by robots.txt; 0 items filtered out, 0 fetched before,"
        " 4 item links not http(s); 2 requests.",
    ]
    assert sorted(set(site.paths)) == ["/feed.xml", "/robots.txt"]
