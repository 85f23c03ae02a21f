"""Ingest throughput and memory benchmark.

Builds a deterministic synthetic corpus of N articles from templates of our own, ingests it into
a fresh database and prints statements per second for the full ingest and for bare VADER
(``polarity_scores``) on the same statements, and their ratio. Peak memory (max RSS) is measured
in separate processes at two corpus sizes: flat memory means the two figures are close.

    python bench/ingest.py --articles 2000
    python bench/ingest.py --articles 500 --memory-sizes 1000 4000

Figures are for comparison within one run (shared machines are noisy); see README "Performance".
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUBJECTS = ["Russia", "Turkey", "Moscow", "Ankara", "The Kremlin", "NATO", "Brussels", "Washington"]
SPEAKERS = [
    "Kremlin spokesman Dmitry Peskov",
    "Foreign Minister Mevlut Cavusoglu",
    "Sergei Lavrov",
    "Prime Minister Binali Yildirim",
    "a senior U.S. official",
    "NATO Secretary-General Jens Stoltenberg",
]
ACTIONS = [
    "lifted a ban on charter flights to {obj}",
    "imposed new sanctions on {obj}",
    "called for a rapid normalisation of ties with {obj}",
    "accused {obj} of a stab in the back",
    "expressed condolences to {obj} after the attack",
    "agreed to restore economic ties with {obj}",
    "suspended talks on the gas pipeline with {obj}",
    "voiced solidarity with {obj}",
]
QUOTES = [
    "We are ready to work together. Our ties must be restored",
    "This was a grave mistake. It will have serious consequences",
    "Relations are entering a new and positive phase",
    "We will not accept threats from anyone",
]


def make_article(rng: random.Random, day: dt.date) -> dict[str, str]:
    sentences = []
    for _ in range(rng.randint(5, 12)):
        kind = rng.random()
        subject, obj = rng.sample(SUBJECTS, 2)
        if kind < 0.5:
            when = rng.choice(
                ["on Tuesday", "last month", f"on {day:%B} {day.day}", "earlier this year"]
            )
            sentences.append(f"{subject} {rng.choice(ACTIONS).format(obj=obj)} {when}.")
        elif kind < 0.8:
            sentences.append(f"“{rng.choice(QUOTES)},” {rng.choice(SPEAKERS)} said.")
        else:
            sentences.append(
                f"{rng.choice(SPEAKERS)} told reporters in St. Petersburg that the U.S. "
                f"and {obj} would meet again next week."
            )
    return {"text": " ".join(sentences), "published": day.isoformat(), "source": "bench"}


def write_corpus(path: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    start = dt.date(2015, 11, 24)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            day = start + dt.timedelta(days=i % 280)
            handle.write(json.dumps(make_article(rng, day)) + "\n")


def throughput(n_articles: int, *, full: bool = True) -> dict[str, float]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from tracker.ingest import ingest_paths
    from tracker.pipeline import Pipeline

    # "foundation": segmentation + stock VADER + storage, the scope the 0.5 target was set for;
    # "full": + speaker/relation/date analysis + the diplomacy profile + explanations.
    pipeline = Pipeline.build() if full else Pipeline.build(profiles=("vader",), analyze=False)

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_corpus(corpus, n_articles)
        db_path = Path(tmp) / "bench.duckdb"
        t0 = time.perf_counter()
        report = ingest_paths([corpus], db_path, pipeline=pipeline)
        ingest_s = time.perf_counter() - t0
        import duckdb

        con = duckdb.connect(str(db_path), read_only=True)
        texts = [r[0] for r in con.execute("SELECT text FROM statements").fetchall()]
        con.close()
    analyzer = SentimentIntensityAnalyzer()
    t0 = time.perf_counter()
    for text in texts:
        analyzer.polarity_scores(text)
    vader_s = time.perf_counter() - t0
    n = report.statements
    return {
        "articles": n_articles,
        "statements": n,
        "ingest_statements_per_s": n / ingest_s,
        "vader_statements_per_s": len(texts) / vader_s,
        "ratio": (n / ingest_s) / (len(texts) / vader_s),
    }


def peak_memory_mb(n_articles: int) -> float:
    root = str(Path(__file__).resolve().parent.parent)
    code = (
        "import json, resource, sys\n"
        f"sys.path.insert(0, {root!r})\n"
        "from bench.ingest import throughput\n"
        f"throughput({n_articles})\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--memory-sizes", type=int, nargs=2, default=[1000, 4000])
    args = parser.parse_args()
    base = throughput(args.articles, full=False)
    full = throughput(args.articles, full=True)
    print(f"articles                         {full['articles']}")
    print(f"statements                       {full['statements']}")
    print(f"bare VADER statements/s          {full['vader_statements_per_s']:.0f}")
    print(
        f"foundation ingest statements/s   {base['ingest_statements_per_s']:.0f}"
        f"  ratio {base['ratio']:.2f}  (segment + VADER + store; target >= 0.5)"
    )
    print(
        f"full ingest statements/s         {full['ingest_statements_per_s']:.0f}"
        f"  ratio {full['ratio']:.2f}  (+ analysis, diplomacy profile, explanations)"
    )
    small, large = args.memory_sizes
    mem_small, mem_large = peak_memory_mb(small), peak_memory_mb(large)
    print(f"peak RSS at {small} articles  {mem_small:.0f} MB")
    print(f"peak RSS at {large} articles  {mem_large:.0f} MB  (x{mem_large / mem_small:.2f})")
    _ = resource  # imported for the subprocess code path's documentation


if __name__ == "__main__":
    main()
