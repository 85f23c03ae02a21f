"""One fetch run: read the feeds, fetch the new pages, ingest them, remember what was asked.

Contract
--------
:func:`fetch` reads each feed (conditionally: a 304 lists nothing), keeps the items whose
title or summary passes the feed's keyword filter, adds the URL list, drops what the fetch
state says is done (:func:`tracker.fetch.state.due`) and the repeats, adds the pages that
failed transiently on an earlier run (their feed may now answer 304), and fetches the rest,
taking the hosts in turn so that the per-host rate costs as little waiting as it can. Each
page goes through :func:`tracker.ingest.pages.page_article` (the address it was read from and
the HTTP charset with it; the feed's outlet as its source; the item's date only where the
page has none) into :func:`tracker.ingest.batches.ingest_articles`, which fetches lazily, so
no lock is held while the network is waited for. Every failure (a feed or page) is one
:class:`Outcome` with a one-line message, and the run goes on; the state is saved once the
pages are stored. :class:`FetchReport` says what happened, and :meth:`FetchReport.summary`
in one line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from tracker.errors import InputError
from tracker.fetch import state
from tracker.fetch.http import Client, Disallowed, FetchError, FetchOptions, Response
from tracker.fetch.lists import Feed, is_web_address, normalise
from tracker.ingest.batches import IngestReport, ingest_articles
from tracker.ingest.pages import PageArticle, PageInput, page_article
from tracker.ingest.pipeline import PipelineSpec
from tracker.progress import SILENT, Progress

FAILURES = frozenset({state.FAILED, state.GONE, state.REJECTED})


@dataclass(frozen=True)
class Candidate:
    """A page to fetch: its address, and what its feed said about it."""

    url: str
    found_in: str
    outlet: str | None = None
    published: dt.date | None = None


@dataclass(frozen=True)
class Outcome:
    url: str
    kind: str  # state.FEED or state.PAGE
    outcome: str  # one of state.OUTCOMES
    message: str | None = None  # the one-line error, or why it was skipped
    ingest: str | None = None  # added / replaced / unchanged, for a stored page
    statements: int = 0


@dataclass
class FetchReport:
    outcomes: list[Outcome] = field(default_factory=list)
    filtered: int = 0  # feed items the keyword filter left out
    # One line per feed item whose link is no http(s) address (file:, ftp:, data:,
    # javascript:): refused unfetched, and not counted as a failure of the run.
    refused_links: list[str] = field(default_factory=list)
    done_before: int = 0  # pages an earlier run fetched
    requests: int = 0

    def of(self, kind: str, *outcomes: str) -> list[Outcome]:
        return [
            o for o in self.outcomes if o.kind == kind and (not outcomes or o.outcome in outcomes)
        ]

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.outcome in FAILURES]

    def summary(self) -> str:
        feeds, pages = self.of(state.FEED), self.of(state.PAGE)
        stored = self.of(state.PAGE, state.STORED)
        parts = [
            f"{len(feeds)} feeds read ({len(self.of(state.FEED, state.NOT_MODIFIED))} not "
            f"modified, {len(self.of(state.FEED, *FAILURES))} failed)",
            f"{len(pages)} new pages: {len(stored)} stored "
            f"({sum(o.statements for o in stored)} statements), "
            f"{len(self.of(state.PAGE, *FAILURES))} failed, "
            f"{len(self.of(state.PAGE, state.DISALLOWED))} disallowed by robots.txt",
            f"{self.filtered} items filtered out, {self.done_before} fetched before"
            + (f", {len(self.refused_links)} item links not http(s)" if self.refused_links else ""),
            f"{self.requests} requests",
        ]
        return "Fetch: " + "; ".join(parts) + "."


def _item_date(entry: dict[str, object]) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.date(*value[:3])  # type: ignore[index]
            except (TypeError, ValueError):
                continue
    return None


def _items(feed: Feed, response: Response) -> tuple[list[Candidate], int, list[str]]:
    """The feed's items that pass its filter, how many did not, and the links refused as no
    http(s) address; FetchError if the response is no RSS or Atom feed."""
    import feedparser

    parsed = feedparser.parse(
        response.content,
        response_headers={"content-location": response.final_url},
    )
    if not parsed.entries and (parsed.bozo or not parsed.version):
        reason = getattr(parsed.get("bozo_exception"), "getMessage", lambda: "")() or str(
            parsed.get("bozo_exception", "no feed elements")
        )
        reason = " ".join(reason.split())[:120]
        raise FetchError(feed.url, f"not an RSS or Atom feed ({reason}).")
    items, filtered, refused = [], 0, []
    for entry in parsed.entries:
        link = entry.get("link")
        if not isinstance(link, str) or not link.strip():
            continue
        url = normalise(urljoin(response.final_url, link))
        if not is_web_address(url):
            refused.append(link.strip())
            continue
        if not feed.wants(str(entry.get("title", "")), str(entry.get("summary", ""))):
            filtered += 1
            continue
        items.append(Candidate(url, feed.url, feed.outlet, _item_date(entry)))
    return items, filtered, refused


def _by_host_in_turn(candidates: list[Candidate]) -> list[Candidate]:
    """One page of each host in turn: while one host's rate makes us wait, another's is due."""
    queues: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        queues[urlsplit(candidate.url).netloc].append(candidate)
    ordered: list[Candidate] = []
    for rank in range(max((len(q) for q in queues.values()), default=0)):
        ordered.extend(q[rank] for q in queues.values() if rank < len(q))
    return ordered


def _failure(error: FetchError) -> str:
    if isinstance(error, Disallowed):
        return state.DISALLOWED
    if error.transient:
        return state.FAILED
    if error.status is not None and 400 <= error.status < 500:
        return state.GONE
    return state.REJECTED


class _Run:
    def __init__(self, client: Client, known: dict[str, state.Fetched], progress: Progress) -> None:
        self.client, self.known, self.progress = client, known, progress
        self.now = dt.datetime.now()
        self.rows: dict[str, state.Fetched] = {}
        self.report = FetchReport()

    def record(
        self,
        url: str,
        kind: str,
        outcome: str,
        found_in: str | None,
        *,
        response: Response | None = None,
        error: FetchError | InputError | None = None,
        message: str | None = None,
    ) -> None:
        status = response.status if response else getattr(error, "status", None)
        self.rows[url] = state.updated(
            self.known.get(url),
            url,
            kind,
            outcome,
            self.now,
            found_in=found_in,
            http_status=status,
            final_url=response.final_url if response else None,
            etag=response.etag if response else None,
            last_modified=response.last_modified if response else None,
            error=error.message if error else None,
        )
        if outcome != state.STORED:
            text = message or (error.message if error else None)
            self.report.outcomes.append(Outcome(url, kind, outcome, text))

    def read_feed(self, feed: Feed) -> list[Candidate]:
        previous = self.known.get(feed.url)
        try:
            response = self.client.get(
                feed.url,
                etag=previous.etag if previous else None,
                last_modified=previous.last_modified if previous else None,
            )
            if response.status == 304:
                self.record(feed.url, state.FEED, state.NOT_MODIFIED, None, response=response)
                return []
            items, filtered, refused = _items(feed, response)
        except FetchError as exc:
            self.record(feed.url, state.FEED, _failure(exc), None, error=exc)
            return []
        self.report.filtered += filtered
        self.report.refused_links += [
            f"{feed.url}: an item links to {link[:200]!r}, not an http(s) address; not fetched."
            for link in refused
        ]
        self.record(feed.url, state.FEED, state.READ, None, response=response)
        return items

    def pages(self, todo: Sequence[Candidate], encoding: str) -> Iterator[PageArticle]:
        for candidate in todo:
            url = candidate.url
            try:
                response = self.client.get(url)
            except FetchError as exc:
                outcome = _failure(exc)
                message = exc.message
                if outcome == state.FAILED:
                    previous = self.known.get(url)
                    tries = (previous.attempts if previous else 0) + 1
                    message += (
                        f" Given up after {tries} runs."
                        if tries >= state.MAX_ATTEMPTS
                        else " Tried again on the next run."
                    )
                self.record(
                    url, state.PAGE, outcome, candidate.found_in, error=exc, message=message
                )
                self.progress.advance(1)
                continue
            article = page_article(
                PageInput(
                    response.content,
                    origin=url,
                    where=url,
                    url=response.final_url,
                    charset=response.charset,
                    source=candidate.outlet,
                ),
                published=candidate.published,
                encoding=encoding,
            )
            self.progress.advance(1)
            if isinstance(article, InputError):
                found_in = candidate.found_in
                self.record(
                    url, state.PAGE, state.REJECTED, found_in, response=response, error=article
                )
                continue
            self.record(url, state.PAGE, state.STORED, candidate.found_in, response=response)
            yield article

    def stored(self, ingest: IngestReport) -> None:
        for document in ingest.stored:
            row = self.rows[document.origin]
            self.rows[document.origin] = dataclasses.replace(row, document_id=document.document_id)
            self.report.outcomes.append(
                Outcome(
                    document.origin,
                    state.PAGE,
                    state.STORED,
                    ingest=document.outcome,
                    statements=document.statements,
                )
            )


def fetch(
    feeds: Sequence[Feed],
    urls: Sequence[str],
    db_path: Path,
    *,
    url_list: str = "URL list",
    options: FetchOptions = FetchOptions(),
    spec: PipelineSpec | None = None,
    encoding: str = "utf-8",
    wait: float = 30.0,
    progress: Progress | None = None,
) -> FetchReport:
    """Fetch what is new in ``feeds`` and ``urls`` (from the file named ``url_list``) and
    ingest it into ``db_path``; see the module's contract."""
    progress = progress or SILENT
    known = state.load(db_path, wait)
    with Client(options) as client:
        run = _Run(client, known, progress)
        progress.begin("feeds", len(feeds), "feeds")
        candidates: dict[str, Candidate] = {}
        for feed in feeds:
            for item in run.read_feed(feed):
                candidates.setdefault(item.url, item)
            progress.advance(1)
        for url in urls:
            candidates.setdefault(url, Candidate(url, url_list))
        # Pages that failed transiently are due again even when their feed now answers 304.
        outlets = {feed.url: feed.outlet for feed in feeds}
        for row in known.values():
            if row.kind == state.PAGE and row.outcome == state.FAILED and state.due(row):
                found_in = row.found_in or url_list
                candidates.setdefault(row.url, Candidate(row.url, found_in, outlets.get(found_in)))
        todo = [c for c in candidates.values() if state.due(known.get(c.url))]
        run.report.done_before = len(candidates) - len(todo)
        progress.begin("pages", len(todo), "pages")
        ingest = ingest_articles(
            run.pages(_by_host_in_turn(todo), encoding), db_path, spec=spec, wait=wait
        )
        run.stored(ingest)
        run.report.requests = client.requests
    state.save(db_path, run.rows.values(), wait)
    return run.report
