"""Segmenter throughput against bare VADER on the same statements.

The ingest benchmark needs the whole pipeline at >= 0.5x VADER's throughput, so segmentation
alone should be >= 10x faster than VADER per statement. Text is generated from our own sentence
templates (quotes, abbreviations, initials, decimals, captions, credits, ID lines, CRLF).

    python bench/segment_speed.py [--paragraphs N] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker.segment import segment, statements  # noqa: E402

_NAMES = ["Erdoğan", "Putin", "Çavuşoğlu", "Lavrov", "Mr. Yildirim", "Gen. Akar", "George W. Bush"]
_PLACES = ["Ankara", "Moscow", "St. Petersburg", "İstanbul", "Sochi", "Brussels", "the U.S."]
_SENTENCES = [
    "{n} met officials in {p} on Nov. 24 to discuss trade worth $3.5 billion.",
    "“We want better ties. We are ready to talk,” {n} said in {p}.",
    "Relations with {p} have improved since the summit, analysts said.",
    "{n} said the talks were “constructive” and would continue next month.",
    "Turkey’s ministry said it isn’t planning new sanctions against {p}.",
    "Officials in {p} declined to comment on the report.",
    "– {n} will visit {p} in Aug. for a second round of talks",
    "Trade fell by 2.5 percent last year, according to data published in {p}.",
    "Did the talks in {p} succeed? {n} thinks so.",
    "\"It is a new page,\" {n} told reporters, adding that {p} agreed.",
]
_BOILER = [
    "AA-2016{d:04d}-{d}",
    "{n} arrives for talks in {p}, Turkey, July 25, 2016. Image Credit: REUTERS",
    "Photo: AFP",
]


def make_corpus(paragraphs: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    docs: list[str] = []
    for _ in range(max(1, paragraphs // 10)):
        lines = [rng.choice(_BOILER).format(d=rng.randrange(9999), n="Putin", p="Ankara")]
        for _ in range(10):
            k = rng.randint(1, 4)
            lines.append(
                " ".join(
                    rng.choice(_SENTENCES).format(n=rng.choice(_NAMES), p=rng.choice(_PLACES))
                    for _ in range(k)
                )
            )
        docs.append(rng.choice(["\n\n", "\r\n", "\n"]).join(lines))
    return docs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--paragraphs", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    docs = make_corpus(args.paragraphs, args.seed)
    t0 = time.perf_counter()
    n_segments = sum(len(segment(d)) for d in docs)
    seg_time = time.perf_counter() - t0
    texts = [s.text for d in docs for s in statements(d)]

    analyzer = SentimentIntensityAnalyzer()
    sample = texts[: min(len(texts), 5000)]
    t0 = time.perf_counter()
    for t in sample:
        analyzer.polarity_scores(t)
    vader_time = time.perf_counter() - t0

    seg_rate = n_segments / seg_time
    vader_rate = len(sample) / vader_time
    chars = sum(len(d) for d in docs)
    print(f"documents {len(docs)}, characters {chars}, segments {n_segments}")
    print(f"segment: {seg_rate:,.0f} segments/s ({chars / seg_time / 1e6:.1f} MB/s)")
    print(f"VADER:   {vader_rate:,.0f} sentences/s")
    print(f"ratio:   {seg_rate / vader_rate:.1f}x (target >= 10x)")


if __name__ == "__main__":
    main()
