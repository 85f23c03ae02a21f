"""A local news site for the `tracker fetch` tests: a real HTTP server on 127.0.0.1 (an
ephemeral port) serving our own feeds and pages (tests/fixtures/fetch, tests/fixtures/pages),
with the ways real sites fail: a slow path, a 404, a 500 then a success, a redirect loop, a
50 MB response made on the fly (streamed, with or without its Content-Length), a feed that is
no XML, robots.txt rules, and ETag / Last-Modified answered with 304.

:func:`serving` starts it in a thread and stops it on exit; every request is logged
(method, path, headers, time) so tests can say what was asked and when."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FETCH, PAGES = FIXTURES / "fetch", FIXTURES / "pages"
HUGE_BYTES = 50 * 1024 * 1024
SLOW_SECONDS = 3.0
FEED_ETAG = '"world-2016-08-09-1802"'
FEED_LAST_MODIFIED = "Tue, 09 Aug 2016 18:02:11 GMT"
ROBOTS = """\
# Example Herald
User-agent: tracker
Disallow: /private/

User-agent: *
Disallow: /private/
Disallow: /admin/
"""


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]
    at: float


@dataclass
class Site:
    base: str = ""
    requests: list[Request] = field(default_factory=list)
    flaky_failures: int = 1  # 500s before /news/world/charter-flights-resume-flaky succeeds
    stop: threading.Event = field(default_factory=threading.Event)
    huge_sent: list[int] = field(default_factory=list)  # bytes of each 50 MB response sent
    robots_status: int = 200  # another status: robots.txt answers it, with no rules

    def asked(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path.split("?")[0] == path]

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]


def _page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            self.wfile.write(body)

        def html(self, body: bytes, charset: str = "utf-8") -> None:
            self.send(200, body, f"text/html; charset={charset}")

        def fixture(self, name: str) -> bytes:
            return (FETCH / name).read_text(encoding="utf-8").replace("{base}", site.base).encode()

        def do_GET(self) -> None:  # noqa: C901 - one branch per route keeps the site readable
            site.requests.append(Request(self.path, dict(self.headers), time.monotonic()))
            path = self.path.split("?")[0]
            if path == "/robots.txt":
                if site.robots_status != 200:
                    self.send(site.robots_status, b"<h1>No robots here</h1>", "text/html")
                else:
                    self.send(200, ROBOTS.encode(), "text/plain")
            elif path == "/world/rss.xml":
                fresh = self.headers.get("If-None-Match") == FEED_ETAG
                if fresh or self.headers.get("If-Modified-Since") == FEED_LAST_MODIFIED:
                    self.send_response(304)
                    self.send_header("ETag", FEED_ETAG)
                    self.end_headers()
                    return
                self.send(
                    200,
                    self.fixture("world_rss.xml"),
                    "application/rss+xml; charset=utf-8",
                    ETag=FEED_ETAG,
                    Last_Modified=FEED_LAST_MODIFIED,
                )
            elif path == "/europe/atom.xml":
                self.send(200, self.fixture("wire_atom.xml"), "application/atom+xml")
            elif path == "/broken/feed.xml":
                self.send(200, self.fixture("not_a_feed.xml"), "application/rss+xml")
            elif path == "/news/world/leaders-agree-to-restore-ties-a91b2":
                self.html(_page("jsonld_newsarticle.html"))
            elif path == "/2016/07/18/ankara-and-moscow-name-working-groups-on-trade/":
                self.html(_page("url_date_only.html"))
            elif path == "/energy/gas-pipeline-talks-to-resume":
                self.html(_page("no_date.html"))
            elif path == "/world/europe/moscow-lifts-charter-flight-ban-on-turkey-4471":
                self.html(_page("wire_reprint.html"))
            elif path == "/world/nato-allies-press-ankara-over-post-coup-purges-k3v9q":
                self.html(_page("paywall_teaser.html"))
            elif path == "/dunya/rusya-charter-ucuslarina-yeniden-izin-verdi-88213":
                # The charset only in the HTTP header, as many servers send it.
                page = _page("turkish_windows1254.html").replace(
                    b'<meta charset="windows-1254">', b""
                )
                self.html(page, charset="windows-1254")
            elif path == "/news/world/charter-flights-resume-flaky":
                if len(site.asked(path)) <= site.flaky_failures:
                    self.send(500, b"<h1>Internal Server Error</h1>", "text/html")
                else:
                    self.html((FETCH / "charter_flights.html").read_bytes())
            elif path == "/live/turkey-russia-summit-live":
                if site.stop.wait(SLOW_SECONDS):  # the client gives up first
                    return
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.html(_page("jsonld_newsarticle.html"))  # the client gave up
            elif path == "/moved/a":
                self.send(301, b"", "text/html", Location="/moved/b")
            elif path == "/moved/b":
                self.send(302, b"", "text/html", Location=f"{site.base}/moved/a")
            elif path in ("/downloads/sanctions-archive", "/downloads/declared"):
                self.huge(declared=path.endswith("declared"))
            else:
                self.send(404, b"<h1>Not Found</h1>", "text/html")

        def huge(self, *, declared: bool) -> None:
            """50 MB made on the fly, never held: the client must stop reading."""
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            if declared:
                self.send_header("Content-Length", str(HUGE_BYTES))
            self.end_headers()
            chunk = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"
            sent = 0
            try:
                while sent < HUGE_BYTES and not site.stop.is_set():
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client hung up: what it should do
            site.huge_sent.append(sent)

    return Handler


@contextmanager
def serving(site: Site | None = None) -> Iterator[Site]:
    """The site on 127.0.0.1 on a free port, for the duration of the block."""
    site = site or Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield site
    finally:
        site.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
