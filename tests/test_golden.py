"""The stored rows do not change when the code moves: a fresh ingest of the demo corpus and
the tests' fixtures equals the committed dump (``tests/golden/rows.jsonl.gz``).

A deliberate change in what the tracker stores regenerates the dump with
``python -m tests.golden.rows tests/golden/rows.jsonl.gz`` in the same commit, and says why.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from tests.golden.rows import fresh_dump, read

GOLDEN = Path(__file__).parent / "golden" / "rows.jsonl.gz"


def test_ingest_stores_the_golden_rows() -> None:
    expected = read(GOLDEN)
    actual = fresh_dump()
    if actual != expected:
        diff = list(difflib.unified_diff(expected, actual, "golden", "now", n=0, lineterm=""))
        raise AssertionError(
            f"{len(diff)} diff lines; first ones:\n" + "\n".join(line[:400] for line in diff[:20])
        )
