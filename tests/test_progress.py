"""Progress: one protocol the package reports to, rendered by the command line as a bar on a
terminal and as a few plain lines elsewhere (logs, cron mail)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import write
from tracker.cli import progress as cli_progress
from tracker.cli.main import main
from tracker.cli.progress import Bar, Lines, duration, on_stderr, rate
from tracker.ingest.sources import count_inputs, read_inputs
from tracker.progress import SILENT, Tally


class FakeClock:
    """Seconds that pass only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_tally_counts_never_past_the_total() -> None:
    seen: list[tuple[int, float | None]] = []
    tally = Tally(lambda t: seen.append((t.done, t.fraction)))
    tally.begin("demo briefs", 4, "articles")
    tally.advance(1)
    tally.advance(9)
    tally.note("ignored: a count has no lines")
    assert seen == [(1, 0.25), (4, 1.0)]
    tally.begin("documents read")  # a new count, total unknown
    tally.advance(3)
    assert (tally.done, tally.fraction, seen[-1]) == (3, None, (3, None))


def test_tally_times_the_work_from_its_begin() -> None:
    clock = FakeClock()
    tally = Tally(clock=clock)
    clock.now += 50  # before begin: not the work's time
    tally.begin("analysis", 1000, "statements")
    assert (tally.rate, tally.remaining) == (None, None)  # nothing done yet
    clock.now += 4
    tally.advance(200)
    assert (tally.elapsed, tally.rate, tally.remaining) == (4.0, 50.0, 16.0)
    tally.begin("documents")
    clock.now += 2
    tally.advance(10)
    assert (tally.rate, tally.remaining) == (5.0, None)  # no total: no time left


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(0, "0:00"), (59.4, "0:59"), (59.6, "1:00"), (754, "12:34"), (3600, "1:00:00"),
     (45296, "12:34:56")],
    ids=["zero", "rounds-down", "rounds-up", "minutes", "an-hour", "hours"],
)  # fmt: skip
def test_duration(seconds: float, expected: str) -> None:
    assert duration(seconds) == expected


@pytest.mark.parametrize(
    ("per_second", "expected"),
    [(1 / 60, "1.0/min"), (0.25, "15/min"), (1, "1.0/s"), (9.94, "9.9/s"), (10, "10/s"),
     (1234.4, "1234/s")],
    ids=["one-a-minute", "per-minute", "one-a-second", "below-ten", "ten", "fast"],
)  # fmt: skip
def test_rate(per_second: float, expected: str) -> None:
    assert rate(per_second) == expected


def test_lines_write_a_start_each_tenth_and_an_end(capsys: pytest.CaptureFixture[str]) -> None:
    clock = FakeClock()
    lines = Lines("rescore: ", clock)
    lines.note("plan: diplomacy: 20 statements (all)")
    lines.begin("analysis", 20, "statements")
    for _ in range(20):
        clock.now += 0.5
        lines.advance(1)
    lines.begin("scoring", 3, "statements")  # tenths start again for the next count
    clock.now += 1
    lines.advance(3)
    lines.close()  # ended already: nothing more
    assert capsys.readouterr().err.splitlines() == [
        "rescore: plan: diplomacy: 20 statements (all)",
        "rescore: analysis: 0/20 statements",
        *(
            f"rescore: analysis: {2 * i}/20 statements ({10 * i}%), 2.0/s, 0:{10 - i:02} left"
            for i in range(1, 10)
        ),
        "rescore: analysis: 20/20 statements done in 0:10, 2.0/s",
        "rescore: scoring: 0/3 statements",
        "rescore: scoring: 3/3 statements done in 0:01, 3.0/s",
    ]


def test_lines_of_a_slow_stage_come_at_most_every_few_minutes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    clock = FakeClock()
    lines = Lines("", clock)
    lines.begin("ingest", 1000, "documents")
    for _ in range(40):  # 40 minutes for the first 4%: a line after each 5 minutes
        clock.now += 60
        lines.advance(1)
    assert capsys.readouterr().err.splitlines() == [
        "ingest: 0/1000 documents",
        *(
            f"ingest: {5 * i}/1000 documents ({i // 2}%), 1.0/min, "
            f"{duration((1000 - 5 * i) * 60)} left"
            for i in range(1, 9)
        ),
    ]


def test_lines_without_a_total_end_with_the_count(capsys: pytest.CaptureFixture[str]) -> None:
    clock = FakeClock()
    lines = Lines("", clock)
    lines.begin("documents read")
    clock.now += 2
    lines.advance(5)
    lines.note("a note")
    lines.close()
    assert capsys.readouterr().err.splitlines() == [
        "documents read: started",
        "a note",
        "documents read: 5 done in 0:02, 2.5/s",
    ]


def test_lines_of_a_failed_block_end_without_a_closing_count(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_progress.sys.stderr, "isatty", lambda: False)
    monkeypatch.setattr(cli_progress, "clock", FakeClock())
    with pytest.raises(RuntimeError), on_stderr("rescore: ") as progress:
        progress.begin("analysis", 10, "statements")
        progress.advance(5)
        raise RuntimeError("the command's own error says why it stopped")
    assert capsys.readouterr().err.splitlines() == [
        "rescore: analysis: 0/10 statements",
        "rescore: analysis: 5/10 statements (50%)",
    ]


@pytest.mark.parametrize(
    ("done", "seconds", "total", "columns", "expected"),
    [
        (0, 0, 400, 80, f"ingest: [{'-' * 30}] 0/400 documents"),
        (100, 2, 400, 80, f"ingest: [{'#' * 7}{'-' * 23}] 100/400 documents  50/s  0:06 left"),
        (400, 8, 400, 80, f"ingest: [{'#' * 30}] 400/400 documents  50/s  in 0:08"),
        (3, 4, 4000, 80, f"ingest: [{'-' * 30}] 3/4000 documents  45/min  1:28:49 left"),
        (100, 2, 400, 60, "ingest: [###-----------] 100/400 documents  50/s  0:06 left"),
        (100, 2, 400, 20, "ingest: [##--------] 100/400 documents  50/s  0:06 left"),
        (100, 2, None, 80, "ingest: 100 documents  50/s"),
    ],
    ids=["start", "a-quarter", "complete", "hours-left", "narrow-terminal", "too-narrow",
         "no-total"],
)  # fmt: skip
def test_bar_text(
    done: int, seconds: float, total: int | None, columns: int, expected: str
) -> None:
    clock = FakeClock()
    bar = Bar("", clock)
    bar.begin("ingest", total, "documents")
    clock.now += seconds
    bar.done = done
    assert bar.text(columns) == expected


def test_bar_redraws_in_place_at_most_ten_times_a_second(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock()
    monkeypatch.setattr(cli_progress, "clock", clock)
    monkeypatch.setattr(cli_progress.sys.stderr, "isatty", lambda: True)
    monkeypatch.setattr(cli_progress, "BAR_WIDTH", 4)
    with on_stderr("rescore: ") as progress:
        progress.note("plan: 8 statements")
        progress.begin("scoring", 8, "statements")
        clock.now += 1
        progress.advance(2)  # drawn: 1 s after the last
        clock.now += 0.05
        progress.advance(2)  # not drawn: too soon
        clock.now += 0.95
        progress.advance(3)  # drawn: a shorter line blanks what the longer one left
        progress.advance(1)  # drawn: complete, however soon
        progress.begin("empty", 0, "statements")  # a count with nothing to do draws nothing
        progress.advance(0)  # the same line: not drawn again
    assert capsys.readouterr().err == (
        "rescore: plan: 8 statements\n"
        "\rrescore: scoring: [----] 0/8 statements"  # drawn at once
        "\rrescore: scoring: [#---] 2/8 statements  2.0/s  0:03 left"
        "\rrescore: scoring: [###-] 7/8 statements  3.5/s  0:00 left"
        "\rrescore: scoring: [####] 8/8 statements  4.0/s  in 0:02  \n"
        "\rrescore: empty: [----] 0/0 statements  in 0:00\n"
    )


def test_on_stderr_off_a_terminal_writes_lines_or_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cli_progress.sys.stderr, "isatty", lambda: False)
    with on_stderr("rescore: ") as progress:
        assert isinstance(progress, Lines) and progress.prefix == "rescore: "
    with on_stderr(lines=False) as progress:
        assert progress is SILENT


# -- ingest: the total, counted before reading, and what cron mail gets ---------------------


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    """Every kind of input, some bad: what count_inputs must count as read_inputs reads it."""
    folder = tmp_path / "folder"
    write(folder / "a.md", "---\npublished: 2016-07-01\n---\nMoscow and Ankara talked.\n")
    write(folder / "undated.txt", "No date here.\n")
    write(folder / "listed.txt", "Listed in the manifest.\n")
    write(folder / "page.html", "<html><body><p>No date.</p></body></html>")
    write(folder / ".hidden.txt", "Not an input.\n")
    write(
        folder / "manifest.csv",
        "path,published,source,title\nlisted.txt,2016-07-02,Wire,One\nmissing.txt,2016-07-02,,\n",
    )
    write(tmp_path / "other.csv", "name,value\nx,1\n")  # no manifest: one error
    record = json.dumps({"text": "Ankara and Moscow met.", "published": "2016-07-03"})
    lines = ["\ufeff" + record, "", "   ", "{not json", "\r", record, record]
    (tmp_path / "archive.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "old.jsonl").write_bytes(("\r".join([record, "", record]) + "\r").encode())
    return [folder, tmp_path / "other.csv", tmp_path / "archive.jsonl", tmp_path / "old.jsonl",
            tmp_path / "nowhere.txt"]  # fmt: skip


def test_count_inputs_counts_what_read_inputs_yields_without_reading_it(
    inputs: list[Path],
) -> None:
    results = list(read_inputs(inputs))
    # folder: a.md, undated.txt, page.html, manifest's 2 rows; other.csv; archive: 4 non-blank
    # lines; old.jsonl: 2 lines ended by "\r"; nowhere.txt
    assert count_inputs(inputs) == len(results) == 5 + 1 + 4 + 2 + 1


def test_ingest_progress_reaches_the_total_with_errors_and_stored_texts(
    inputs: list[Path], db_path: Path
) -> None:
    from tracker.ingest.batches import ingest_paths

    for _ in range(2):  # the second time every text is stored already
        ticks = Tally()
        ticks.begin("ingest", count_inputs(inputs), "documents")
        ingest_paths(inputs, db_path, progress=ticks)
        assert ticks.done == ticks.total == 13


def test_ingest_off_a_terminal_writes_plain_lines(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_progress, "clock", FakeClock())  # no time passes: no rates
    record = json.dumps({"text": "Ankara and Moscow met.", "published": "2016-07-03"})
    write(tmp_path / "in.jsonl", f"{record}\n{{bad\n{record.replace('met', 'talked')}\n")
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "in.jsonl")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "ingest: 0/3 documents",
        "ingest: 1/3 documents (33%)",  # the bad line, found before the batch is prepared
        "ingest: 3/3 documents done in 0:00",
        f"Error: {tmp_path}/in.jsonl:2: not valid JSON (Expecting property name enclosed in "
        "double quotes); write one object per line.",
        "Ingest: 2 added, 0 replaced, 0 unchanged, 1 failed; 2 new statements.",
    ]


def test_ingest_of_ten_thousand_documents_writes_a_dozen_lines(
    tmp_path: Path, db_path: Path
) -> None:
    corpus = tmp_path / "big.jsonl"
    with corpus.open("w", encoding="utf-8") as handle:
        for i in range(10_000):
            text = f"Ankara and Moscow signed agreement number {i}."
            handle.write(json.dumps({"text": text, "published": "2016-08-09"}) + "\n")
    result = CliRunner().invoke(main, ["ingest", str(corpus), "--defer-analysis", "--workers", "1"])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    progress = [line for line in lines if line.startswith("ingest: ")]
    assert progress[0] == "ingest: 0/10000 documents"
    assert progress[-1].startswith("ingest: 10000/10000 documents done in ")
    assert len(progress) <= 11 and len(lines) <= 13
