"""Reading the VADER ground-truth format and correlating both profiles with human ratings.

The fixture in tests/fixtures/vader_mini/ is our own writing in the published format (CRLF,
no final newline, a byte-order mark on the amazon file). The real data is used only when
TRACKER_VADER_GT points at it.
"""

from __future__ import annotations

import os
import statistics
from pathlib import Path

import pytest

from tracker.errors import InputError
from tracker.evaluation.sentiment import (
    CORPUS_FILES,
    evaluate_directory,
    format_results,
    read_ground_truth,
)
from tracker.scoring.vader import get_scorer

MINI = Path(__file__).parent / "fixtures" / "vader_mini"

# (name, file, rows, first row, last row)
FILES = [
    (
        "tweets",
        "tweets_GroundTruth.txt",
        6,
        ("1", 2.8, "Loving this sunny morning, best coffee ever :)"),
        ("6", 0.6, "not bad at all, actually kind of fun"),
    ),
    (
        "amazon with BOM",
        "amazonReviewSnippets_GroundTruth.txt",
        5,
        ("1_1", 2.1, "The battery lasts all day and the screen is great."),
        ("3_1", 1.7, "Good value for the price, I would buy it again."),
    ),
    (
        "nyt",
        "nytEditorialSnippets_GroundTruth.txt",
        5,
        ("1_1", -1.9, "The city's failure to repair the bridges is a disgrace."),
        ("3_1", 0.9, "The plan is sensible and deserves support."),
    ),
]


@pytest.mark.parametrize(
    ("file", "count", "first", "last"), [f[1:] for f in FILES], ids=[f[0] for f in FILES]
)
def test_read_ground_truth(
    file: str, count: int, first: tuple[str, float, str], last: tuple[str, float, str]
) -> None:
    raw = (MINI / file).read_bytes()
    assert b"\r\n" in raw and not raw.endswith(b"\n")  # the fixture keeps the published format
    rows = read_ground_truth(MINI / file)
    assert len(rows) == count
    assert rows[0] == first
    assert rows[-1] == last
    assert all("\r" not in text and "\ufeff" not in item for item, _, text in rows)


def test_evaluate_directory_correlates_each_profile_on_each_corpus() -> None:
    results = evaluate_directory(MINI)
    assert list(results) == ["vader", "diplomacy"]
    for profile, by_corpus in results.items():
        assert list(by_corpus) == list(CORPUS_FILES)
        scorer = get_scorer(profile)
        for corpus, r in by_corpus.items():
            rows = read_ground_truth(MINI / CORPUS_FILES[corpus])
            compounds = [scorer.score(text).compound for _, _, text in rows]
            assert r == pytest.approx(statistics.correlation(compounds, [m for _, m, _ in rows]))
            assert r > 0.5, (
                profile,
                corpus,
            )  # clear-cut sentences: both profiles follow the raters
    table = format_results(results)
    assert table.splitlines()[0].split() == ["profile", *CORPUS_FILES]
    assert table.splitlines()[1].startswith("vader")


def test_one_profile_only() -> None:
    assert list(evaluate_directory(MINI, profiles=("vader",))) == ["vader"]


def test_missing_files_are_named(tmp_path: Path) -> None:
    (tmp_path / "tweets_GroundTruth.txt").write_bytes(
        (MINI / "tweets_GroundTruth.txt").read_bytes()
    )
    with pytest.raises(InputError) as err:
        evaluate_directory(tmp_path)
    assert "movieReviewSnippets_GroundTruth.txt" in err.value.message
    assert "tweets_GroundTruth.txt" not in err.value.message


BAD_FILES = [
    ("two fields", b"1\t2.0\ttext\r\n2\t-1.0", "line 2: expected ID<TAB>mean<TAB>text"),
    ("mean not a number", b"1\tgood\ttext", "mean rating 'good' is not a number"),
    ("empty", b"\r\n", "holds no rated texts"),
    ("not utf-8", b"1\t2.0\t\xff\xfe caf\xe9", "is not UTF-8"),
]


@pytest.mark.parametrize(
    ("content", "message"), [b[1:] for b in BAD_FILES], ids=[b[0] for b in BAD_FILES]
)
def test_bad_ground_truth_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "tweets_GroundTruth.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match="tweets_GroundTruth.txt") as err:
        read_ground_truth(path)
    assert message in err.value.message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_ground_truth(tmp_path / "nope.txt")


REAL = os.environ.get("TRACKER_VADER_GT")

# Stock vaderSentiment 3.3.2 on the published ground truth (exact and repeatable).
STOCK_FIGURES = [("tweets", 0.872), ("movie", 0.427), ("amazon", 0.590), ("nyt", 0.503)]


@pytest.mark.slow
@pytest.mark.skipif(not REAL, reason="set TRACKER_VADER_GT to the VADER ground-truth folder to run")
def test_real_ground_truth_figures() -> None:
    results = evaluate_directory(Path(REAL or ""))
    for corpus, r in STOCK_FIGURES:
        assert round(results["vader"][corpus], 3) == r, corpus
    assert results["diplomacy"]["nyt"] >= 0.49
