"""10,000 files in one folder: time and peak memory of `tracker ingest FOLDER`, against 1,000.

Writes N small Markdown articles (front matter and the synthetic statements of
``bench/ingest.py``) into one folder, and ingests the folder into a fresh database in a child
process (``python -m tracker ingest FOLDER``), for the small and the large folder in turn, R
times. Prints each run's wall time and the child's peak RSS (``wait4``), and the ratios large /
small: time should grow with the number of files (10x for 10x files, as the statements do) and
peak memory should stay flat (about 1x), since the ingest holds one batch at a time.

    python bench/many_files.py                      # 1,000 vs 10,000 files, deferred analysis
    python bench/many_files.py --full --runs 1      # with the full analysis (slower)

Figures are for comparison within one run (shared machines are noisy); see docs/reliability.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.ingest import make_article  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def write_folder(folder: Path, n: int, seed: int = 11) -> int:
    """N articles, one file each, in one folder; returns the bytes written."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    size = 0
    start = dt.date(2015, 11, 24)
    for i in range(n):
        article = make_article(rng, start + dt.timedelta(days=i % 280))
        text = f"---\npublished: {article['published']}\nsource: bench\n---\n{article['text']}\n"
        (folder / f"article-{i:05d}.md").write_text(text, encoding="utf-8")
        size += len(text)
    return size


def ingest(folder: Path, db: Path, full: bool) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one `tracker ingest` of the folder."""
    command = [sys.executable, "-m", "tracker", "ingest", str(folder), "--db", str(db)]
    command += ["--workers", "1"] + ([] if full else ["--defer-analysis"])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"ingest failed: {child.stderr.read().decode() if child.stderr else ''}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--large", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--full", action="store_true", help="full analysis, not deferred")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folders = {}
        for n in (args.small, args.large):
            folders[n] = Path(tmp) / f"folder-{n}"
            size = write_folder(folders[n], n)
            print(f"{n:>6} files, {size / 2**20:.1f} MB of text")
        best: dict[int, tuple[float, float]] = {}
        for run in range(args.runs):
            for n, folder in folders.items():
                seconds, rss = ingest(folder, Path(tmp) / f"run{run}-{n}.duckdb", args.full)
                print(f"run {run + 1}: {n:>6} files  {seconds:7.1f} s  peak RSS {rss:6.0f} MB")
                old = best.get(n, (float("inf"), float("inf")))
                best[n] = (min(old[0], seconds), min(old[1], rss))
        (t_small, m_small), (t_large, m_large) = best[args.small], best[args.large]
        print(
            f"large/small ({args.large:,} / {args.small:,} files, best of {args.runs}): "
            f"time {t_large / t_small:.1f}x (files {args.large / args.small:.0f}x), "
            f"peak RSS {m_large / m_small:.2f}x"
        )


if __name__ == "__main__":
    main()
