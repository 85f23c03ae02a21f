"""Two writers at once: while a rescoring writes, a second rescoring, an ingest or a fetch
either waits for it (a long ``--wait``) or exits 75 naming the holder (a short one), and
neither corrupts anything: after both, the database holds what running them one after the
other holds.

The commands run in child processes (the real command line, real locks); the fetch reads
pages of our own from a local site on 127.0.0.1 (tests/fetch_site.py).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fetch_site import Site, serving
from tests.test_rescore_safety import counts, current_runs, values
from tracker.db import connection as db
from tracker.synthetic.build import make_database

pytestmark = pytest.mark.slow

PAGES = (
    "/news/world/leaders-agree-to-restore-ties-a91b2",
    "/2016/07/18/ankara-and-moscow-name-working-groups-on-trade/",
    "/world/europe/moscow-lifts-charter-flight-ban-on-turkey-4471",
)
FAST_FETCH = ["--rate", "1000", "--timeout", "5", "--retries", "1", "--backoff", "0.05"]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_database(tmp_path_factory.mktemp("writers") / "pristine.duckdb", 4_000)


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    with serving() as running:
        yield running


def _articles(folder: Path) -> Path:
    """Three briefs of our own."""
    folder.mkdir()
    for k in range(3):
        (folder / f"brief-{k}.md").write_text(
            f"---\npublished: 2016-07-{k + 1:02d}\ntitle: Brief {k}\n---\n"
            f"Turkish and Russian officials met in Ankara on day {k}.\n"
            "The Kremlin said talks on lifting the ban on charter flights would resume.\n",
            encoding="utf-8",
        )
    return folder


class Running:
    """A command in a child process whose stderr is read as it comes (so it never blocks on
    a full pipe), with an event set once a line starting with ``ready`` has been printed."""

    def __init__(self, args: list[str], ready: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tracker", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self.ready = threading.Event()
        self._reader = threading.Thread(target=self._read, args=(ready,), daemon=True)
        self._reader.start()

    def _read(self, ready: str) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line)
            if line.startswith(ready):
                self.ready.set()
        self.ready.set()  # it ended: whoever waits must look at its exit code

    def finish(self, timeout: float = 300) -> int:
        self.proc.communicate(timeout=timeout)
        self._reader.join(timeout=10)
        return self.proc.returncode


def _second(kind: str, db_path: Path, wait: str, tmp_path: Path, site: Site) -> list[str]:
    common = ["--db", str(db_path), "--wait", wait]
    if kind == "rescore":
        return ["rescore", *common, "--json"]
    if kind == "ingest":
        return ["ingest", str(_articles(tmp_path / f"briefs-{wait}")), *common]
    urls = tmp_path / f"urls-{wait}.txt"
    urls.write_text("".join(f"{site.base}{page}\n" for page in PAGES), encoding="utf-8")
    return ["fetch", "--urls", str(urls), *common, *FAST_FETCH]


def _state(path: Path) -> tuple:
    """What the documented tables hold, without run ids (they depend on the order)."""
    with db.reader(path) as con:
        documents = con.execute("SELECT content_hash FROM documents ORDER BY 1").fetchall()
    return counts(path), documents, values(path)


KINDS = ["rescore", "ingest", "fetch"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_second_writer_exits_75_or_waits_and_nothing_is_corrupted(
    kind: str, pristine: Path, tmp_path: Path, site: Site
) -> None:
    path = tmp_path / "t.duckdb"
    shutil.copy(pristine, path)
    # A rescoring of every statement: it holds the writers' lock from its plan to its end.
    first = Running(["rescore", "--db", str(path), "--full", "--workers", "2"], "rescore: plan")
    assert first.ready.wait(120) and first.proc.poll() is None, "".join(first.lines)

    impatient = subprocess.run(
        [sys.executable, "-m", "tracker", *_second(kind, path, "0.5", tmp_path, site)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    patient = Running(_second(kind, path, "600", tmp_path, site), "never")
    assert first.finish() == 0, "".join(first.lines)
    assert patient.finish() == 0, "".join(patient.lines)

    assert impatient.returncode == 75, impatient.stderr
    errors = [line for line in impatient.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [line for line in impatient.stderr.splitlines() if "being written" in line]
    assert errors[0].startswith(
        f"Error: The database {path} is being written by tracker (PID {first.proc.pid}"
    )
    assert errors[0].endswith("waited 0.5 s. Retry later, or pass a longer --wait.")

    # Nothing corrupted: every statement has its current score from each scorer, nothing is
    # left running, and the rows are those of the two commands one after the other on a copy
    # of the same database.
    assert {n for n, _, _ in current_runs(path).values()} == {counts(path)[1]}
    sequential = tmp_path / "sequential.duckdb"
    shutil.copy(pristine, sequential)
    (tmp_path / "again").mkdir()
    for args in (
        ["rescore", "--db", str(sequential), "--full", "--workers", "2"],
        _second(kind, sequential, "600", tmp_path / "again", site),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "tracker", *args], capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr
    assert _state(path) == _state(sequential)
    assert counts(path)[2] == 0
