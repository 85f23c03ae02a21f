"""Analysis and ``diplomacy`` scoring cost of two source trees, as ratios to bare VADER.

Compares what ``bench/analysis_speed.py`` and ``bench/scoring_speed.py`` measure for two
checkouts (say the commit before a change and the working tree) in one run: the statements are
segmented once (by this tree) and written to a temporary file, then each tree is timed in its
own subprocess (``PYTHONPATH`` = the tree), the trees alternating for ``--rounds`` rounds so
that both see the same load on a shared machine. Each subprocess times, back to back and in
the same warm process, bare VADER ``polarity_scores``, ``analyze_document`` over the documents
and the ``diplomacy`` profile's ``score_and_explain`` over their statements; a round yields each
tree's ratios to its own VADER timing, in CPU time (``time.process_time``: other processes on a
shared machine disturb it far less than wall time) and in wall time. Printed: per tree and
corpus, the median (and best) ratio over rounds, the CPU time per statement of the fastest run,
then the second tree's median ratios over the first's. Figures only: compare within one run.

    python bench/compare_cost.py OLD_TREE NEW_TREE [--rounds N] [--articles N] [--runs R]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent.parent


def _documents(path: Path) -> list[tuple[list[str], str]]:
    from tracker.ingest.sources import read_inputs
    from tracker.models import Article
    from tracker.text.segment import statements

    return [
        ([s.text for s in statements(a.text)], a.published.isoformat())
        for a in read_inputs([path])
        if isinstance(a, Article)
    ]


def _write_corpora(out: Path, articles: int) -> None:
    sys.path.insert(0, str(HERE))
    from bench.ingest import write_corpus
    from tracker.paths import data_dir

    with tempfile.TemporaryDirectory() as tmp:
        synthetic = Path(tmp) / "bench.jsonl"
        write_corpus(synthetic, articles)
        corpora = {
            f"synthetic ({articles} articles)": _documents(synthetic),
            "data/corpus": _documents(data_dir() / "corpus"),
        }
    out.write_text(json.dumps(corpora), encoding="utf-8")


def _best(runs: int, work: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of the fastest of ``runs`` calls."""
    best = (float("inf"), float("inf"))
    for _ in range(runs):
        w0, c0 = time.perf_counter(), time.process_time()
        work()
        best = min(best, (time.perf_counter() - w0, time.process_time() - c0))
    return best


def _worker(corpora_file: Path, runs: int) -> None:
    """Runs in a subprocess whose ``PYTHONPATH`` is the tree under test."""
    import datetime as dt

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from tracker.analysis.actors import ActorDictionary
    from tracker.analysis.analyze import analyze_document
    from tracker.scoring.vader import get_scorer

    try:
        from tracker.analysis.key_events import default_events
    except ImportError:  # trees before the key events moved out of tracker.analysis.events
        from tracker.analysis.events import default_events  # type: ignore[no-redef]

    corpora = json.loads(corpora_file.read_text(encoding="utf-8"))
    analyzer = SentimentIntensityAnalyzer()
    diplomacy = get_scorer("diplomacy")
    actors, events = ActorDictionary.default(), default_events()
    result: dict[str, Any] = {"tracker": __import__("tracker").__file__}
    for name, raw in corpora.items():
        docs = [(texts, dt.date.fromisoformat(day)) for texts, day in raw]
        texts = [t for doc, _ in docs for t in doc]
        # Warm every cache that lives for the process (compiled patterns, lexicons) first.
        [analyze_document(t, p, actors, events) for t, p in docs[:20]]
        [diplomacy.score_and_explain(t) for t in texts[:200]]
        vader = _best(runs, lambda texts=texts: [analyzer.polarity_scores(t) for t in texts])
        analysis = _best(
            runs, lambda docs=docs: [analyze_document(t, p, actors, events) for t, p in docs]
        )
        scoring = _best(runs, lambda texts=texts: [diplomacy.score_and_explain(t) for t in texts])
        result[name] = {
            "statements": len(texts),
            "vader_wall": vader[0],
            "vader_cpu": vader[1],
            "analysis_wall": analysis[0],
            "analysis_cpu": analysis[1],
            "scoring_wall": scoring[0],
            "scoring_cpu": scoring[1],
        }
    print(json.dumps(result))


def _run_tree(tree: Path, corpora_file: Path, runs: int) -> dict[str, Any]:
    env = dict(os.environ, PYTHONPATH=str(tree))
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--worker", str(corpora_file)]
        + ["--runs", str(runs)],
        env=env,
        cwd=tree,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise SystemExit(f"{tree}: the worker failed\n{out.stderr}")
    found: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    if not Path(found["tracker"]).resolve().is_relative_to(tree.resolve()):
        raise SystemExit(f"{tree}: imported tracker from {found['tracker']}")
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("trees", nargs="*", type=Path, help="OLD_TREE NEW_TREE")
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--runs", type=int, default=3, help="timed runs per round, best taken")
    ap.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        _worker(args.worker, args.runs)
        return
    if len(args.trees) != 2:
        ap.error("give two source trees: OLD_TREE NEW_TREE")
    with tempfile.TemporaryDirectory() as tmp:
        corpora_file = Path(tmp) / "corpora.json"
        _write_corpora(corpora_file, args.articles)
        rounds: dict[Path, list[dict[str, Any]]] = {tree: [] for tree in args.trees}
        for i in range(args.rounds):
            # Alternate which tree goes first, so neither always gets the quieter slot.
            for tree in args.trees if i % 2 == 0 else args.trees[::-1]:
                rounds[tree].append(_run_tree(tree, corpora_file, args.runs))
    names = [k for k in rounds[args.trees[0]][0] if k != "tracker"]
    for name in names:
        print(f"{name}: {rounds[args.trees[0]][0][name]['statements']} statements")
        medians: dict[tuple[Path, str], float] = {}
        for tree in args.trees:
            for part, label in (("analysis", "analysis"), ("scoring", "diplomacy explained")):
                runs = [r[name] for r in rounds[tree]]
                n = runs[0]["statements"]
                cpu = [r[f"{part}_cpu"] / r["vader_cpu"] for r in runs]
                wall = [r[f"{part}_wall"] / r["vader_wall"] for r in runs]
                medians[tree, part] = statistics.median(cpu)
                print(
                    f"  {str(tree):24s} {label:20s} CPU {statistics.median(cpu):.2f}x VADER"
                    f" (best {min(cpu):.2f}x; wall median {statistics.median(wall):.2f}x);"
                    f" {min(r[f'{part}_cpu'] for r in runs) / n * 1e6:6.1f} µs CPU/statement,"
                    f" VADER {min(r['vader_cpu'] for r in runs) / n * 1e6:5.1f}"
                )
        old, new = args.trees
        for part in ("analysis", "scoring"):
            change = medians[new, part] / medians[old, part]
            print(f"  {part}: new / old = {change:.3f} (median CPU ratios to VADER)")


if __name__ == "__main__":
    main()
