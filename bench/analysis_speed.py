"""Statement analysis (speaker, relations, dates) per statement, against bare VADER.

Times :func:`tracker.analysis.analyze.analyze_document` over the synthetic ingest corpus
(``bench/ingest.py``'s ``write_corpus``) and over the bundled ``data/corpus``, and VADER's
``polarity_scores`` on the same statements, and prints microseconds per statement for each.
Figures only: timings on a shared machine are noisy, compare ratios within one run.

    python bench/analysis_speed.py [--articles N] [--seed S] [--runs R] [--no-vader]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.ingest import write_corpus  # noqa: E402
from bench.timing import best_of  # noqa: E402
from tracker.analysis.actors import ActorDictionary  # noqa: E402
from tracker.analysis.analyze import analyze_document  # noqa: E402
from tracker.analysis.key_events import default_events  # noqa: E402
from tracker.ingest.sources import read_inputs  # noqa: E402
from tracker.models import Article  # noqa: E402
from tracker.paths import data_dir  # noqa: E402
from tracker.text.segment import statements  # noqa: E402

Document = tuple[list[str], dt.date]


def _documents(path: Path) -> list[Document]:
    docs: list[Document] = []
    for article in read_inputs([path]):
        if isinstance(article, Article):
            docs.append(([s.text for s in statements(article.text)], article.published))
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-vader", action="store_true", help="skip the VADER comparison")
    args = ap.parse_args()

    actors = ActorDictionary.default()
    events = default_events()
    with tempfile.TemporaryDirectory() as tmp:
        synthetic = Path(tmp) / "bench.jsonl"
        write_corpus(synthetic, args.articles, args.seed)
        corpora = [
            (f"synthetic ({args.articles} articles)", _documents(synthetic)),
            ("data/corpus", _documents(data_dir() / "corpus")),
        ]
    analyzer: Any = None
    if not args.no_vader:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        analyzer = SentimentIntensityAnalyzer()
    for name, docs in corpora:
        texts = [t for doc_texts, _ in docs for t in doc_texts]

        def analyse(docs: list[Document] = docs) -> object:
            return [analyze_document(t, p, actors, events) for t, p in docs]

        seconds = best_of(args.runs, analyse)
        line = f"{name}: {len(docs)} documents, {len(texts)} statements, "
        line += f"analysis {seconds / len(texts) * 1e6:.1f} µs/statement"
        if analyzer is not None:

            def score(texts: list[str] = texts, scorer: Any = analyzer) -> object:
                return [scorer.polarity_scores(t) for t in texts]

            vader = best_of(args.runs, score)
            line += f", VADER {vader / len(texts) * 1e6:.1f} µs/statement"
            line += f" (analysis = {seconds / vader:.2f}x VADER)"
        print(line)


if __name__ == "__main__":
    main()
