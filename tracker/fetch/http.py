"""The HTTP client of ``tracker fetch``: one GET at a time, politely, within bounds.

Contract
--------
:meth:`Client.get` returns a :class:`Response` (status 200 with the body, or 304 Not Modified
when the ETag / Last-Modified sent still hold) or raises :class:`FetchError` whose message is
one line naming the address and what went wrong; ``transient`` says whether a later run may
try again (timeouts, network errors, 5xx and 429 after the retries) or not (4xx, too large,
redirect loop, robots.txt). Rules, each bounded:

- robots.txt of each origin is read once per run (RFC 9309: a 4xx means no rules, a 5xx or a
  network error means everything is disallowed) and obeyed for every hop, for the user agent
  token ``tracker`` (:func:`user_agent`); its ``Crawl-delay`` slows that host further.
- At most ``rate`` requests per second per host (robots.txt included), timed by the client.
- 5xx, 429, timeouts and network errors are retried ``retries`` times, waiting ``backoff``
  seconds and doubling (a ``Retry-After`` in seconds is honoured up to :data:`MAX_RETRY_AFTER`).
- Redirects are followed by hand, at most ``max_redirects``, and a loop is refused at once;
  so is a redirect to anything but an http(s) address (``file:``, ``ftp:``, ``data:``,
  ``javascript:``). The client only ever asks http(s) addresses.
- The body is streamed and refused past ``max_bytes`` (the declared Content-Length is refused
  before any of it is read); decompressed bytes count, so a compressed bomb stops too. Each
  wait for the network is bounded by ``timeout`` and a whole response by
  ``RESPONSE_TIMEOUTS × timeout``.
"""

from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from tracker import __version__
from tracker.errors import TrackerError
from tracker.fetch.lists import is_web_address, normalise

if TYPE_CHECKING:
    import httpx

AGENT_TOKEN = "tracker"  # the product token robots.txt rules name
REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRIED = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 60.0
MAX_CRAWL_DELAY = 60.0
ROBOTS_MAX_BYTES = 512 * 1024  # RFC 9309 asks crawlers to parse at least 500 KiB
RESPONSE_TIMEOUTS = 6  # a whole response may take this many timeouts (a slow, large page)


def user_agent() -> str:
    return f"{AGENT_TOKEN}/{__version__} (news research tool; obeys robots.txt)"


@dataclass(frozen=True)
class FetchOptions:
    rate: float = 1.0  # requests per second per host
    timeout: float = 20.0  # seconds for each wait on the network
    retries: int = 2  # extra attempts after a 5xx, 429, timeout or network error
    backoff: float = 2.0  # seconds before the first retry, doubling after each
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5


@dataclass(frozen=True)
class Response:
    url: str  # as requested
    final_url: str  # after redirects
    status: int  # 200, or 304 Not Modified
    content: bytes
    charset: str | None  # from the Content-Type header
    etag: str | None
    last_modified: str | None


class FetchError(TrackerError):
    """One address could not be fetched; the run goes on."""

    def __init__(
        self, url: str, problem: str, *, transient: bool = False, status: int | None = None
    ) -> None:
        super().__init__(f"{url}: {problem}")
        self.url, self.problem, self.transient, self.status = url, problem, transient, status


class Disallowed(FetchError):
    """robots.txt disallows the address for our user agent: nothing was requested."""


class _Redirected(Exception):
    """Raised by the response hook at a redirect, carrying its Location, before httpx parses
    that Location itself (it raises on some, e.g. ``data:``, even when not following)."""

    def __init__(self, location: str) -> None:
        super().__init__(location)
        self.location = location


def _stop_at_redirect(response: httpx.Response) -> None:
    location = response.headers.get("location")
    if response.status_code in REDIRECTS and location:
        raise _Redirected(location)


def _megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n} bytes"


class Client:
    """The run's HTTP client: a context manager holding its connection pool, robots.txt
    cache and per-host clock. ``sleep`` and ``clock`` are the waits' (for tests: time)."""

    def __init__(
        self,
        options: FetchOptions = FetchOptions(),
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.options = options
        self.sleep, self.clock = sleep, clock
        self.requests = 0  # made, robots.txt included
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._next_turn: dict[str, float] = {}
        self._interval: dict[str, float] = {}
        # Imported here: every `tracker` command imports the CLI, which imports FetchOptions.
        import httpx

        self._errors = (httpx.TimeoutException, httpx.TransportError)
        self._http = httpx.Client(
            headers={"User-Agent": user_agent()},
            timeout=httpx.Timeout(options.timeout),
            follow_redirects=False,
            event_hooks={"response": [_stop_at_redirect]},
        )

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._http.close()

    # -- the rules ---------------------------------------------------------------------------

    def _wait_turn(self, host: str) -> None:
        now = self.clock()
        turn = self._next_turn.get(host, now)
        if turn > now:
            self.sleep(turn - now)
            now = turn
        interval = max(1.0 / self.options.rate, self._interval.get(host, 0.0))
        self._next_turn[host] = now + interval

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        rules = self._robots.get(origin)
        if rules is not None:
            return rules
        rules = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        try:
            response = self._follow(origin + "/robots.txt", {}, ROBOTS_MAX_BYTES, robots=False)
            rules.parse(response.content.decode("utf-8", errors="replace").splitlines())
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                rules.parse([])  # no robots.txt: no rules
            else:  # unreachable: assume the site wants no crawler
                rules.parse(["User-agent: *", "Disallow: /"])
        delay = rules.crawl_delay(AGENT_TOKEN)
        if delay is not None:
            self._interval[parts.netloc] = min(float(delay), MAX_CRAWL_DELAY)
        self._robots[origin] = rules
        return rules

    def allowed(self, url: str) -> bool:
        return self._robots_for(url).can_fetch(AGENT_TOKEN, url)

    # -- a GET -------------------------------------------------------------------------------

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Response:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._follow(url, headers, self.options.max_bytes, robots=True)

    def _follow(
        self, url: str, headers: dict[str, str], max_bytes: int, *, robots: bool
    ) -> Response:
        chain = [url]
        current = url
        while True:
            if robots and not self.allowed(current):
                where = "" if current == url else f" (redirected to {current})"
                raise Disallowed(url, f"robots.txt disallows it for {AGENT_TOKEN}{where}.")
            response, location = self._attempts(current, headers, max_bytes)
            if location is None:
                assert response is not None
                return Response(
                    url,
                    current,
                    response.status,
                    response.content,
                    response.charset,
                    response.etag,
                    response.last_modified,
                )
            target = normalise(urljoin(current, location))
            if target in chain:
                loop = " -> ".join([*chain[chain.index(target) :], target])
                raise FetchError(url, f"redirect loop ({loop}); not followed.")
            if len(chain) > self.options.max_redirects:
                raise FetchError(
                    url, f"more than {self.options.max_redirects} redirects; not followed."
                )
            if not is_web_address(target):
                raise FetchError(url, f"redirected to {target}, not an http(s) address.")
            chain.append(target)
            current = target

    def _attempts(
        self, url: str, headers: dict[str, str], max_bytes: int
    ) -> tuple[Response | None, str | None]:
        """One request with its retries: (the response, None) or (None, a redirect's target)."""
        host = urlsplit(url).netloc
        attempts = self.options.retries + 1
        for attempt in range(attempts):
            delay = self.options.backoff * 2**attempt
            try:
                self._wait_turn(host)
                self.requests += 1
                with self._http.stream("GET", url, headers=headers) as r:
                    status = r.status_code
                    if status in RETRIED:
                        error = FetchError(
                            url,
                            f"HTTP {status} {r.reason_phrase} ({attempts} attempts).",
                            transient=True,
                            status=status,
                        )
                        delay = max(delay, _retry_after(r.headers.get("retry-after")))
                    elif status == 304:
                        return self._response(url, r, b""), None
                    elif 200 <= status < 300:
                        return self._response(url, r, self._body(url, r, max_bytes)), None
                    else:
                        raise FetchError(url, f"HTTP {status} {r.reason_phrase}.", status=status)
            except _Redirected as redirect:
                return None, redirect.location
            except self._errors[0]:
                error = FetchError(
                    url,
                    f"no answer within {self.options.timeout:g} s ({attempts} attempts).",
                    transient=True,
                )
            except self._errors[1] as exc:
                error = FetchError(
                    url,
                    f"network error ({type(exc).__name__}: {exc or 'no detail'}; "
                    f"{attempts} attempts).",
                    transient=True,
                )
            if attempt + 1 < attempts:
                self.sleep(delay)
        raise error

    def _response(self, url: str, r: httpx.Response, content: bytes) -> Response:
        return Response(
            url,
            url,
            r.status_code,
            content,
            r.charset_encoding,
            r.headers.get("etag"),
            r.headers.get("last-modified"),
        )

    def _body(self, url: str, r: httpx.Response, max_bytes: int) -> bytes:
        limit = f"the {_megabytes(max_bytes)} limit (--max-bytes)"
        declared = r.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(url, f"response of {_megabytes(int(declared))} is over {limit}.")
        deadline = self.clock() + RESPONSE_TIMEOUTS * self.options.timeout
        body = bytearray()
        for chunk in r.iter_bytes():
            body += chunk
            if len(body) > max_bytes:
                raise FetchError(url, f"response is over {limit}; not read further.")
            if self.clock() > deadline:
                raise FetchError(
                    url,
                    f"response took over {RESPONSE_TIMEOUTS * self.options.timeout:g} s.",
                    transient=True,
                )
        return bytes(body)


def _retry_after(value: str | None) -> float:
    if value and value.strip().isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    return 0.0
