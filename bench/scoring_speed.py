"""Scoring cost per statement for both profiles, against bare VADER.

Times stock VADER's ``polarity_scores`` and each profile's ``score`` and ``score_and_explain``
(what ingest and rescore store) over the synthetic ingest corpus (``bench/ingest.py``'s
``write_corpus``) and over the bundled ``data/corpus``, and prints microseconds per statement
and the ratio to VADER. The ``diplomacy`` profile runs VADER once plus its rules: about twice
VADER's cost is expected. Figures only: timings on a shared machine are noisy, compare ratios
within one run.

    python bench/scoring_speed.py [--articles N] [--runs R]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.ingest import write_corpus  # noqa: E402
from bench.timing import best_of  # noqa: E402
from tracker.ingest.sources import read_inputs  # noqa: E402
from tracker.models import Article  # noqa: E402
from tracker.paths import data_dir  # noqa: E402
from tracker.scoring.vader import get_scorer  # noqa: E402
from tracker.text.segment import statements  # noqa: E402


def _texts(path: Path) -> list[str]:
    found = read_inputs([path])
    return [s.text for a in found if isinstance(a, Article) for s in statements(a.text)]


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    vader, diplomacy = get_scorer("vader"), get_scorer("diplomacy")
    with tempfile.TemporaryDirectory() as tmp:
        synthetic = Path(tmp) / "bench.jsonl"
        write_corpus(synthetic, args.articles)
        corpora = [
            (f"synthetic ({args.articles} articles)", _texts(synthetic)),
            ("data/corpus", _texts(data_dir() / "corpus")),
        ]
    for name, texts in corpora:
        print(f"{name}: {len(texts)} statements")
        runs: list[tuple[str, Callable[[str], object]]] = [
            ("bare VADER polarity_scores", analyzer.polarity_scores),
            ("vader score", vader.score),
            ("vader score_and_explain", vader.score_and_explain),
            ("diplomacy score", diplomacy.score),
            ("diplomacy score_and_explain", diplomacy.score_and_explain),
        ]
        base = 0.0
        for label, fn in runs:
            seconds = best_of(args.runs, lambda fn=fn, texts=texts: [fn(t) for t in texts])
            base = base or seconds
            per = seconds / len(texts) * 1e6
            print(f"  {label:30s} {per:7.1f} µs/statement  ({seconds / base:.2f}x VADER)")


if __name__ == "__main__":
    main()
