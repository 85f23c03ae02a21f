"""Progress: one protocol the package reports to, rendered by the command line (or a bar)."""

from __future__ import annotations

import pytest

from tracker.cli import progress as cli_progress
from tracker.cli.progress import Lines, live_counter
from tracker.progress import SILENT, Tally


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


def test_lines_write_notes_and_every_tenth(capsys: pytest.CaptureFixture[str]) -> None:
    lines = Lines("rescore: ")
    lines.note("plan: diplomacy: 20 statements (all)")
    lines.begin("analysis", 20, "statements")
    for _ in range(20):
        lines.advance(1)
    lines.begin("scoring", 3, "statements")  # tenths start again for the next count
    lines.advance(3)
    assert capsys.readouterr().err.splitlines() == [
        "rescore: plan: diplomacy: 20 statements (all)",
        *(f"rescore: analysis: {2 * i}/20 statements ({10 * i}%)" for i in range(1, 11)),
        "rescore: scoring: 3/3 statements (100%)",
    ]


def test_lines_without_a_total_write_only_notes(capsys: pytest.CaptureFixture[str]) -> None:
    lines = Lines()
    lines.begin("documents read")
    lines.advance(5)
    lines.note("done")
    assert capsys.readouterr().err == "done\n"


def test_live_counter_rewrites_one_line_on_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_progress.sys.stderr, "isatty", lambda: True)
    with live_counter("documents read") as progress:
        progress.advance(2)
        progress.advance(3)
    assert capsys.readouterr().err == "\rdocuments read: 2\rdocuments read: 5\n"


def test_live_counter_draws_a_bar_per_phase_when_the_total_is_known(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_progress.sys.stderr, "isatty", lambda: True)
    monkeypatch.setattr(cli_progress, "BAR_WIDTH", 4)
    with live_counter() as progress:
        progress.begin("feeds", 1, "feeds")
        progress.advance(1)
        progress.begin("pages", 4, "pages")
        progress.begin("empty", 0, "pages")  # a phase with nothing to do draws nothing
        progress.advance(0)
        progress.begin("pages", 4, "pages")
        progress.advance(1)
        progress.advance(3)
    assert capsys.readouterr().err == (
        "\rfeeds: [####] 1/1 feeds\n"
        "\rempty: [----] 0/0 pages\n"
        "\rpages: [#---] 1/4 pages\rpages: [####] 4/4 pages\n"
    )


def test_live_counter_is_silent_off_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_progress.sys.stderr, "isatty", lambda: False)
    with live_counter("documents read") as progress:
        assert progress is SILENT
