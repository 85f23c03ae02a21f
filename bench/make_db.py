"""Write a synthetic tracker database for benchmarks: ``python bench/make_db.py --statements N``.

The data follows the reference story (see :mod:`tracker.synthetic.build`); ``--rescore`` appends a
second ``diplomacy`` run over a fifth of the statements, so the dashboard's "what changed"
query has work to do.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from tracker.synthetic.build import add_rescoring_run, make_database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, default=Path("/tmp/bench.duckdb"))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rescore", action="store_true", help="append a partial rescoring run")
    parser.add_argument("--force", action="store_true", help="replace an existing --out")
    args = parser.parse_args()
    if args.force:
        for suffix in ("", ".wal", ".lock"):
            args.out.with_name(args.out.name + suffix).unlink(missing_ok=True)
    began = time.perf_counter()
    make_database(args.out, args.statements, seed=args.seed)
    print(
        f"{args.statements} statements written to {args.out} in {time.perf_counter() - began:.1f} s"
    )
    if args.rescore:
        began = time.perf_counter()
        run_id = add_rescoring_run(args.out, "diplomacy", seed=args.seed + 1)
        print(f"rescoring run {run_id} appended in {time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    main()
