"""How well each scoring profile tracks human ratings of general sentiment.

Contract
--------
Reads the human-rated ground truth published with VADER (Hutto & Gilbert, ICWSM 2014): four
files, one per corpus, each line ``ID<TAB>mean rating<TAB>text`` with the mean in [-4, 4],
CRLF line endings, no newline after the last line, UTF-8, sometimes with a byte-order mark.
:func:`evaluate_directory` scores every text with each profile and returns Pearson's r of
``compound`` against the human mean, per profile and corpus. Stock VADER 3.3.2 gives
tweets 0.872, movie 0.427, amazon 0.590, nyt 0.503; the "diplomacy" profile must stay close
on general text (its domain rules fire only on diplomatic vocabulary).

The data is a benchmark, not part of the product: nothing here ships or copies it.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from pathlib import Path

from tracker.errors import InputError
from tracker.scoring.vader import get_scorer

CORPUS_FILES = {
    "tweets": "tweets_GroundTruth.txt",
    "movie": "movieReviewSnippets_GroundTruth.txt",
    "amazon": "amazonReviewSnippets_GroundTruth.txt",
    "nyt": "nytEditorialSnippets_GroundTruth.txt",
}
DEFAULT_PROFILES = ("vader", "diplomacy")


def read_ground_truth(path: Path) -> list[tuple[str, float, str]]:
    """(id, human mean, text) for every line of one ``*_GroundTruth.txt`` file."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            f"ground-truth file {path} does not exist; point at the folder holding the VADER "
            "ground-truth files."
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path} is not UTF-8 (byte {exc.start}); use the files as published."
        ) from None
    rows: list[tuple[str, float, str]] = []
    # splitlines() would also split on characters such as U+2028 inside a text; the files
    # end lines with CRLF, so split on line feeds and drop the carriage return.
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        fields = line.split("\t", 2)
        if len(fields) != 3:
            raise InputError(
                f"{path} line {number}: expected ID<TAB>mean<TAB>text, found {len(fields)} "
                "field(s); the file is not a VADER ground-truth file."
            )
        item_id, mean, sentence = fields
        try:
            value = float(mean)
        except ValueError:
            raise InputError(
                f"{path} line {number}: mean rating {mean!r} is not a number."
            ) from None
        rows.append((item_id, value, sentence))
    if not rows:
        raise InputError(f"{path} holds no rated texts.")
    return rows


def pearson(xs: Iterable[float], ys: Iterable[float]) -> float:
    """Pearson's r; raises InputError when either side has no spread."""
    xl, yl = list(xs), list(ys)
    try:
        return statistics.correlation(xl, yl)
    except statistics.StatisticsError as exc:
        raise InputError(f"cannot compute a correlation ({exc}); need 2+ varied values.") from None


def evaluate_directory(
    directory: Path, profiles: Iterable[str] = DEFAULT_PROFILES
) -> dict[str, dict[str, float]]:
    """{profile: {corpus: Pearson r of compound vs human mean}} for the four corpora."""
    directory = Path(directory)
    missing = [name for name in CORPUS_FILES.values() if not (directory / name).is_file()]
    if missing:
        raise InputError(
            f"{directory} lacks {', '.join(missing)}; point at the folder holding the four "
            "VADER *_GroundTruth.txt files (hutto_ICWSM_2014)."
        )
    corpora = {name: read_ground_truth(directory / f) for name, f in CORPUS_FILES.items()}
    results: dict[str, dict[str, float]] = {}
    for profile in profiles:
        scorer = get_scorer(profile)
        results[profile] = {
            name: pearson(
                (scorer.score(text).compound for _, _, text in rows), (m for _, m, _ in rows)
            )
            for name, rows in corpora.items()
        }
    return results


def format_results(results: dict[str, dict[str, float]]) -> str:
    """A small plain-text table: one row per profile, one column per corpus."""
    names = list(CORPUS_FILES)
    lines = ["profile    " + "  ".join(f"{n:>7}" for n in names)]
    for profile, by_corpus in results.items():
        cells = "  ".join(f"{by_corpus[n]:7.3f}" for n in names)
        lines.append(f"{profile:<10} {cells}")
    return "\n".join(lines)
