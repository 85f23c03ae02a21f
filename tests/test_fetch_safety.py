"""kill -9 at random moments of `tracker fetch` (20 trials): what is visible is always whole
(every stored statement scored by both scorers, no run left running, the fetch state never
ahead of the stored pages), and the next run stores exactly what one uninterrupted run
stores.

The fetch runs in a child process against our own pages on a local site (127.0.0.1).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import session_processes
from tests.fetch_site import Site, serving
from tracker.db import connection as db

pytestmark = pytest.mark.slow

PAGES = (
    "/news/world/leaders-agree-to-restore-ties-a91b2",
    "/2016/07/18/ankara-and-moscow-name-working-groups-on-trade/",
    "/world/europe/moscow-lifts-charter-flight-ban-on-turkey-4471",
    "/world/nato-allies-press-ankara-over-post-coup-purges-k3v9q",
)
FAST = ["--rate", "1000", "--timeout", "5", "--retries", "1", "--backoff", "0.05"]


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serving() as running:
        yield running


def fetch(db_path: Path, urls: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tracker", "fetch", "--urls", str(urls), "--db", str(db_path),
         *FAST],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )  # fmt: skip


def stored(db_path: Path) -> tuple[list[tuple], list[tuple], int, int]:
    """By content, not by id (ids depend on what earlier killed runs stored): the documents,
    each statement with its current scores, the pages the fetch state calls stored that are
    not, and the runs left running."""
    if not db_path.exists():
        return [], [], 0, 0
    with db.reader(db_path) as con:
        documents = con.execute("SELECT content_hash, url FROM documents ORDER BY ALL").fetchall()
        scores = con.execute(
            "SELECT d.content_hash, s.text, c.scorer, c.score FROM statement_scores AS c "
            "JOIN statements AS s ON s.statement_id = c.statement_id "
            "JOIN documents AS d ON d.document_id = s.document_id "
            "ORDER BY ALL"
        ).fetchall()
        ahead = con.execute(
            "SELECT count(*) FROM fetched_urls WHERE outcome = 'stored' "
            "AND document_id NOT IN (SELECT document_id FROM documents)"
        ).fetchall()[0][0]
        running = con.execute(
            "SELECT (SELECT count(*) FROM score_runs WHERE status = 'running') + "
            "(SELECT count(*) FROM analysis_runs WHERE status = 'running')"
        ).fetchall()[0][0]
    return documents, scores, int(ahead), int(running)


def test_kill_9_during_fetches_loses_nothing(tmp_path: Path, site: Site) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text("".join(f"{site.base}{page}\n" for page in PAGES), encoding="utf-8")
    reference = tmp_path / "reference.duckdb"
    began = time.monotonic()
    job = fetch(reference, urls)
    _, err = job.communicate(timeout=120)
    assert job.returncode == 0, err
    duration = time.monotonic() - began
    whole = stored(reference)
    assert len(whole[0]) == len(PAGES) and whole[3] == 0

    rng = random.Random(11)
    kills = 20
    stored_all = 0
    for i in range(kills):
        path = tmp_path / f"t{i}.duckdb"  # a first night each time: every run has pages to store
        job = fetch(path, urls)
        time.sleep(duration * rng.random())
        os.kill(job.pid, signal.SIGKILL)
        job.communicate(timeout=30)
        deadline = time.monotonic() + 5
        while session_processes(job.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert session_processes(job.pid) == [], "orphaned processes after kill -9"
        documents, scores, ahead, running = stored(path)
        assert (ahead, running) == (0, 0)  # the state never calls a page stored that is not
        assert set(documents) <= set(whole[0])
        # Every statement of a stored page has both scores, as in the uninterrupted run.
        hashes = {h for h, _ in documents}
        assert scores == [row for row in whole[1] if row[0] in hashes]
        stored_all += len(documents) == len(whole[0])
        job = fetch(path, urls)
        _, err = job.communicate(timeout=120)
        assert job.returncode == 0, err
        assert stored(path)[:2] == whole[:2], i
    print(
        f"\n{kills} kills -9 over {duration:.1f} s runs: {stored_all} after the pages were "
        f"stored, {kills - stored_all} before"
    )
