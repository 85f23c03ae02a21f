"""Syndicated copies: precision and recall of the clustering, and the cost of matching.

    PYTHONPATH=. python bench/dedup.py [--originals 3000] [--store 1000000] [--articles 200]

1. Quality: a corpus with planted copies (:func:`tracker.synthetic.copies.planted_corpus`) is
   placed article by article, in publication order, by :func:`tracker.db.copies.assign` on a
   fresh database (each article its own transaction, as an ingest batch would); the clusters are
   scored against the planted truth over pairs of statements. Target: both >= 0.95.
2. Cost: a store of ``--store`` statements (distinct originals, placed in bulk) is built once
   (kept in ``bench/.dedup-store.duckdb``, rebuilt when its size differs), then ``--articles``
   new articles (reprints of stored ones and fresh ones) are matched and stored one at a time
   on one connection; the figure is the median and 95th percentile per article. Target: median
   under 50 ms. The store is kept in ``bench/.dedup-store-*.duckdb``, named by its size and by
   the keys of a probe text, and rebuilt when either changes.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tracker.db import connection, copies, shingles
from tracker.synthetic.copies import candidates, pair_scores, place, planted_corpus

BULK = 20_000  # statements placed per transaction while building the store


def quality(n_originals: int, seed: int) -> tuple[float, float, int]:
    articles = planted_corpus(n_originals, seed=seed)
    with tempfile.TemporaryDirectory() as tmp, connection.writer(Path(tmp) / "q.duckdb") as con:
        truth, found = place(con, articles)
    scores = pair_scores(truth, found)
    return scores.precision, scores.recall, len(truth)


def store_path(n_statements: int) -> Path:
    """The store's file, named by its size and by what decides the stored keys: the keys of a
    probe text (normal form, signature, bands) and the matching window."""
    probe = "ANKARA (Reuters) - A spokesman said ties were “slowly improving”."
    keys = shingles.band_keys(shingles.signature(shingles.normalise(probe)), ["probe"])
    mark = hashlib.sha256(repr((keys, copies.WINDOW_DAYS)).encode()).hexdigest()[:10]
    return Path(__file__).with_name(f".dedup-store-{n_statements}-{mark}.duckdb")


def build_store(n_statements: int) -> Path:
    store = store_path(n_statements)
    if store.exists():
        return store
    for old in store.parent.glob(".dedup-store-*.duckdb*"):
        old.unlink()
    began = time.perf_counter()
    batch: list[copies.CopyCandidate] = []
    next_id = 1
    with connection.writer(store) as con:
        for article in planted_corpus(n_statements // 6 + 1, seed=7, copies=(0, 0)):
            batch += candidates(article, next_id)
            next_id += len(article.statements)
            if len(batch) >= BULK or next_id > n_statements:
                batch = batch[: n_statements - (next_id - len(batch) - 1)]
                con.execute("BEGIN TRANSACTION")
                copies.assign(con, batch)
                con.execute("COMMIT")
                batch = []
                print(f"  store: {next_id - 1:,} statements", file=sys.stderr, end="\r")
            if next_id > n_statements:
                break
        con.execute("CHECKPOINT")
    print(f"store of {n_statements:,} statements built in {time.perf_counter() - began:.0f} s")
    return store


def matching_cost(store: Path, n_articles: int) -> tuple[float, float, int]:
    # New articles: reprints of stored originals (seed 7 again) and fresh ones (another seed).
    stored = planted_corpus(n_articles, seed=7, copies=(1, 1))
    fresh = planted_corpus(n_articles, seed=99, copies=(0, 0))
    new = [a for a in stored if "/o/" not in a.url][: n_articles // 2] + fresh[: n_articles // 2]
    times: list[float] = []
    with connection.writer(store) as con:
        next_id = con.execute("SELECT max(statement_id) + 1 FROM statement_copies").fetchall()[0][0]
        con.execute("BEGIN TRANSACTION")
        for article in new:
            items = candidates(article, next_id)
            next_id += len(items)
            began = time.perf_counter()
            copies.assign(con, items)
            times.append((time.perf_counter() - began) * 1000)
        con.execute("ROLLBACK")  # the store stays as built, so the next run measures the same
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], len(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--originals", type=int, default=3000)
    parser.add_argument("--store", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    precision, recall, n = quality(args.originals, args.seed)
    print(
        f"clustering of {n:,} statements with planted copies: precision {precision:.3f}, "
        f"recall {recall:.3f} (target >= 0.95 each)"
    )
    store = build_store(args.store)
    median, p95, k = matching_cost(store, args.articles)
    print(
        f"matching a new article against {args.store:,} stored statements: median "
        f"{median:.1f} ms, p95 {p95:.1f} ms over {k} articles (target < 50 ms)"
    )


if __name__ == "__main__":
    main()
