"""Ingest throughput and memory benchmark.

Builds a deterministic synthetic corpus of N articles from templates of our own (statements of
news length: about 25 words, like the seed articles and data/corpus), ingests it into a fresh
database and prints statements per second for two ingests, "foundation" (segmentation, stock
VADER with its stored explanation, storage: ``tracker ingest --defer-analysis --workers 1``)
and "full" (+ speakers, relations, dates and the diplomacy profile: ``tracker ingest --workers
1``), and for bare
VADER (``polarity_scores``) on the same statements, with their ratios. Ingest and VADER run
alternately R times in one warm process (the one-off start-up is printed apart; each ingest
goes into a copy of an empty database, as creating the schema is a one-off too): statements/s
are the best runs', each ratio the median over back-to-back pairs. Peak memory (max RSS) is
measured in separate processes at two corpus sizes: flat memory means the two figures are
close.

    python bench/ingest.py --articles 2000
    python bench/ingest.py --articles 500 --memory-sizes 1000 4000
    python bench/ingest.py --end-to-end --articles 20000 --runs 1

``--end-to-end`` times, instead, what a user runs, in fresh databases and alternately: a full
``tracker ingest`` against ``tracker ingest --defer-analysis`` followed by ``tracker rescore``
(both with ``--workers``), and prints each step's seconds and their ratios to the full ingest.

Figures are for comparison within one run (shared machines are noisy); see README "Performance".
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# Run as a script from anywhere: the package next to this folder, not another installed copy.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.timing import paired  # noqa: E402

SUBJECTS = ["Russia", "Turkey", "Moscow", "Ankara", "The Kremlin", "NATO", "Brussels", "Washington"]
# Nobody real is quoted: the quotations below are invented for the benchmark.
SPEAKERS = [
    "a Kremlin spokesman",
    "a Turkish foreign ministry official",
    "a Russian diplomat",
    "a Turkish government spokesman",
    "a senior U.S. official",
    "a NATO official",
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


# Statements of news length (about 25 words, as in the seed articles and data/corpus); bare
# templates average 14 words, which would overstate per-statement costs against VADER's.
CONTEXTS = [
    "in a move officials in both capitals described as a first step after months of hostility",
    "according to a statement published on the government's website late in the evening",
    "weeks after the downing of the bomber near the Syrian border strained relations",
    "as the two governments tried to rebuild trade, tourism and energy ties",
    "although diplomats warned that deep differences over the war in Syria remained",
    "in response to what it called an unacceptable provocation by the other side",
    "while the European Union pressed for progress on the refugee agreement and visa talks",
    "days before the foreign ministers were due to meet at a regional security conference",
]
REPORTED = [
    "the decision showed that dialogue between the two governments was working again",
    "the measures would stay in force until the other side took concrete steps",
    "the leaders had agreed to speed up work on a new energy and trade agenda",
    "there could be no return to normal relations without a formal apology",
]
BACKGROUND = [
    "Relations between the two countries collapsed in November 2015, when a Turkish fighter "
    "jet shot down a Russian warplane that Ankara said had entered its airspace.",
    "Russia had banned charter flights, halted imports of Turkish fruit and vegetables and "
    "suspended work on the Turkish Stream gas pipeline after the incident.",
    "Hundreds of thousands of Russian tourists used to visit the Turkish coast every summer "
    "before the travel restrictions were introduced.",
    "Western governments urged restraint after the failed coup attempt in July, which "
    "prompted a wave of arrests and dismissals across the Turkish state.",
]


def make_article(rng: random.Random, day: dt.date) -> dict[str, str]:
    sentences = []
    for _ in range(rng.randint(5, 12)):
        kind = rng.random()
        subject, obj = rng.sample(SUBJECTS, 2)
        when = rng.choice(["on Tuesday", "last month", f"on {day:%B} {day.day}", "this week"])
        if kind < 0.4:
            action = rng.choice(ACTIONS).format(obj=obj)
            sentences.append(f"{subject} {action} {when}, {rng.choice(CONTEXTS)}.")
        elif kind < 0.65:
            sentences.append(
                f"“{rng.choice(QUOTES)},” {rng.choice(SPEAKERS)} said {when}, "
                f"{rng.choice(CONTEXTS)}."
            )
        elif kind < 0.85:
            speaker = rng.choice(SPEAKERS)
            sentences.append(
                f"{speaker[0].upper()}{speaker[1:]} told reporters in St. Petersburg {when} "
                f"that {rng.choice(REPORTED)}."
            )
        else:
            sentences.append(rng.choice(BACKGROUND))
    return {"text": " ".join(sentences), "published": day.isoformat(), "source": "bench"}


def write_corpus(path: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    start = dt.date(2015, 11, 24)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            day = start + dt.timedelta(days=i % 280)
            handle.write(json.dumps(make_article(rng, day)) + "\n")


def _pipeline(full: bool) -> Any:
    from tracker.ingest.pipeline import Pipeline

    # "foundation": segmentation + stock VADER (with its explanation) + storage, the scope the
    # 0.5 target was set for (`tracker ingest --defer-analysis`); "full": + speaker/relation/
    # date analysis + the diplomacy profile (`tracker ingest`).
    return Pipeline.build() if full else Pipeline.build(profiles=("vader",), analyze=False)


def warm_up() -> float:
    """One tiny ingest, so one-off process costs (imports, lexicons, DuckDB's first Arrow scan
    importing pandas) are not charged to the throughput figures; returns its duration."""
    from tracker.ingest.batches import ingest_paths

    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_corpus(corpus, 3, seed=1)
        for full in (False, True):
            ingest_paths([corpus], Path(tmp) / f"warm{full}.duckdb", pipeline=_pipeline(full))
    return time.perf_counter() - t0


def throughput(
    n_articles: int, *, full: bool = True, runs: int = 1, workers: int = 1
) -> dict[str, float]:
    import duckdb
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from tracker.db import connection
    from tracker.ingest.batches import ingest_paths

    pipeline = _pipeline(full)
    analyzer = SentimentIntensityAnalyzer()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_corpus(corpus, n_articles)
        db_path = Path(tmp) / "bench.duckdb"
        empty = Path(tmp) / "empty.duckdb"
        with connection.writer(empty):
            pass  # creating the schema is a one-off per database, like start-up: not counted

        def ingest_once() -> int:
            shutil.copyfile(empty, db_path)
            report = ingest_paths([corpus], db_path, pipeline=pipeline, workers=workers)
            return report.statements

        statements = ingest_once()  # also gives VADER the same statements, read back
        con = duckdb.connect(str(db_path), read_only=True)
        texts = [r[0] for r in con.execute("SELECT text FROM statements").fetchall()]
        con.close()
        timing = paired(
            runs, ingest_once, lambda: [analyzer.polarity_scores(text) for text in texts]
        )
    return {
        "articles": n_articles,
        "statements": statements,
        "words_per_statement": sum(len(t.split()) for t in texts) / max(1, len(texts)),
        "ingest_statements_per_s": statements / timing.work,
        "vader_statements_per_s": len(texts) / timing.baseline,
        "ratio": timing.ratio,
    }


def tracker_vader_speed(n_articles: int, runs: int) -> dict[str, float]:
    """Stock VADER against the tracker's analyzer (same scores: it skips work of VADER's that
    cannot change them) on the corpus's statements, alternately."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from tracker.scoring.vader import stock_analyzer
    from tracker.text.segment import statements

    rng = random.Random(7)
    start = dt.date(2015, 11, 24)
    texts = [
        s.text
        for i in range(n_articles)
        for s in statements(make_article(rng, start + dt.timedelta(days=i % 280))["text"])
    ]
    stock, ours = SentimentIntensityAnalyzer(), stock_analyzer()
    timing = paired(
        runs,
        lambda: [ours.polarity_scores(text) for text in texts],
        lambda: [stock.polarity_scores(text) for text in texts],
    )
    return {"statements_per_s": len(texts) / timing.work, "speed_up": timing.ratio}


def peak_rss_mb() -> float:
    """This process's peak resident memory. Linux's VmHWM, because ``ru_maxrss`` survives
    fork + exec: a child started by a big parent reports the parent's peak, not its own."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ingest_corpus(n_articles: int) -> None:
    """Write the corpus of ``n_articles`` and ingest it (full pipeline) into a new database."""
    from tracker.ingest.batches import ingest_paths

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_corpus(corpus, n_articles)
        ingest_paths([corpus], Path(tmp) / "bench.duckdb", pipeline=_pipeline(True))


def peak_memory_mb(n_articles: int) -> float:
    """Peak memory of a fresh process that ingests ``n_articles`` (full pipeline), and does
    nothing else: no VADER baseline, whose list of results would grow with the corpus."""
    root = str(Path(__file__).resolve().parent.parent)
    code = (
        "import sys\n"
        f"sys.path.insert(0, {root!r})\n"
        "from bench.ingest import ingest_corpus, peak_rss_mb\n"
        f"ingest_corpus({n_articles})\n"
        "print(peak_rss_mb())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def end_to_end(n_articles: int, *, runs: int, workers: int) -> dict[str, float]:
    """Best seconds of a full ingest, a deferred ingest and the rescore after it (each in a
    fresh database, as the commands run them), and the median ratios of the pairs."""
    import statistics

    from tracker.db import connection
    from tracker.ingest.batches import ingest_paths
    from tracker.ingest.pipeline import PipelineSpec
    from tracker.rescore.execute import rescore
    from tracker.rescore.report import RescoreOptions

    full_spec, deferred_spec = PipelineSpec(), PipelineSpec(profiles=("vader",), analyze=False)
    rounds: list[tuple[float, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus, empty = Path(tmp) / "corpus.jsonl", Path(tmp) / "empty.duckdb"
        write_corpus(corpus, n_articles)
        with connection.writer(empty):
            pass

        def fresh(name: str) -> Path:
            path = Path(tmp) / name
            shutil.copyfile(empty, path)
            return path

        for _ in range(runs):
            t0 = time.perf_counter()
            ingest_paths([corpus], fresh("full.duckdb"), spec=full_spec, workers=workers)
            t1 = time.perf_counter()
            deferred = fresh("deferred.duckdb")
            ingest_paths([corpus], deferred, spec=deferred_spec, workers=workers)
            t2 = time.perf_counter()
            rescore(deferred, PipelineSpec(), RescoreOptions(workers=workers))
            t3 = time.perf_counter()
            rounds.append((t1 - t0, t2 - t1, t3 - t2))
    return {
        "full_s": min(r[0] for r in rounds),
        "deferred_s": min(r[1] for r in rounds),
        "rescore_s": min(r[2] for r in rounds),
        "deferred_ratio": statistics.median(r[1] / r[0] for r in rounds),
        "end_to_end_ratio": statistics.median((r[1] + r[2]) / r[0] for r in rounds),
    }


def print_end_to_end(n_articles: int, runs: int, workers: int) -> None:
    e2e = end_to_end(n_articles, runs=runs, workers=workers)
    print(f"articles {n_articles}, --workers {workers}, {runs} rounds (best seconds)")
    print(f"full ingest                         {e2e['full_s']:.1f} s")
    print(
        f"ingest --defer-analysis             {e2e['deferred_s']:.1f} s"
        f"  x{e2e['deferred_ratio']:.2f} the full ingest's time"
    )
    print(f"then tracker rescore                {e2e['rescore_s']:.1f} s")
    print(
        f"deferred ingest + rescore           {e2e['deferred_s'] + e2e['rescore_s']:.1f} s"
        f"  x{e2e['end_to_end_ratio']:.2f} the full ingest's time (median of pairs)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument(
        "--runs", type=int, default=5, help="runs of each workload, alternating [default: 5]"
    )
    parser.add_argument("--memory-sizes", type=int, nargs=2, default=[1000, 4000])
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="also time the full ingest with this many worker processes [default: one per core]",
    )
    parser.add_argument(
        "--end-to-end",
        action="store_true",
        help="only compare a full ingest with --defer-analysis followed by rescore",
    )
    args = parser.parse_args()
    if args.end_to_end:
        warm_up()
        print_end_to_end(args.articles, args.runs, args.workers)
        return
    startup = warm_up()
    base = throughput(args.articles, full=False, runs=args.runs)
    full = throughput(args.articles, full=True, runs=args.runs)
    print(f"articles                         {full['articles']}")
    print(
        f"statements                       {full['statements']}"
        f"  ({full['words_per_statement']:.1f} words each on average)"
    )
    print(f"one-off start-up (not counted)   {startup:.2f} s  (imports, lexicons, a database)")
    print(f"bare VADER statements/s          {full['vader_statements_per_s']:.0f}")
    print(
        f"foundation ingest statements/s   {base['ingest_statements_per_s']:.0f}"
        f"  ratio {base['ratio']:.2f}  (ingest --defer-analysis --workers 1: segment, VADER, "
        "explanation, store; target >= 0.5)"
    )
    print(
        f"full ingest statements/s         {full['ingest_statements_per_s']:.0f}"
        f"  ratio {full['ratio']:.2f}  (ingest --workers 1: + analysis, diplomacy profile)"
    )
    ours = tracker_vader_speed(args.articles, args.runs)
    print(
        f"tracker's VADER statements/s     {ours['statements_per_s']:.0f}"
        f"  x{ours['speed_up']:.2f} stock VADER, same scores (the ratios above are to stock VADER)"
    )
    if args.workers > 1:
        par = throughput(args.articles, full=True, runs=args.runs, workers=args.workers)
        print(
            f"full ingest, {args.workers} workers        {par['ingest_statements_per_s']:.0f}"
            f"  ratio {par['ratio']:.2f}  (tracker ingest --workers {args.workers})"
        )
    small, large = args.memory_sizes
    mem_small, mem_large = peak_memory_mb(small), peak_memory_mb(large)
    print(f"peak RSS at {small} articles  {mem_small:.0f} MB")
    print(f"peak RSS at {large} articles  {mem_large:.0f} MB  (x{mem_large / mem_small:.2f})")


if __name__ == "__main__":
    main()
