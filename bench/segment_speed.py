"""Segmenter throughput against bare VADER on the same statements.

The ingest benchmark needs the whole pipeline at >= 0.5x VADER's throughput, so segmentation
alone should be >= 10x faster than VADER per statement. Text is generated from our own sentence
templates (quotes, abbreviations, initials, decimals, captions, credits, ID lines, CRLF).

    python bench/segment_speed.py [--paragraphs N] [--seed S] [--runs R] [--check]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.timing import best_of  # noqa: E402
from tracker.text.segment import segment, statements  # noqa: E402

# Segmentation must be this many times faster than VADER for ingest to reach 0.5x VADER.
_TARGET = 10.0

_NAMES = [
    "Erdoğan",
    "Putin",
    "Mevlüt Çavuşoğlu",
    "Sergei Lavrov",
    "Mr. Yildirim",
    "Gen. Akar",
    "Dr. Karaman",
    "George W. Bush",
    "the Kremlin spokesman",
    "a senior E.U. diplomat",
]
_PLACES = ["Ankara", "Moscow", "St. Petersburg", "İstanbul", "Sochi", "Brussels", "Washington"]
# Our own sentences, at news length (20-40 words), with the traps the segmenter must handle.
_SENTENCES = [
    "{n} met officials in {p} on Nov. 24 to discuss a pipeline deal worth $3.5 billion that "
    "had been frozen since the crisis over the downed jet last year.",
    "“We want better ties with our neighbours. We are ready to talk about everything, including "
    "trade and tourism,” {n} told reporters in {p} on Tuesday.",
    "Relations between Turkey and Russia have improved markedly since the summit, although "
    "analysts in {p} warned that disagreements over Syria remain far from settled.",
    "{n} described the talks as “constructive and frank” and said a second round would be held "
    "in {p} before the end of Sept. at the latest.",
    "Turkey’s foreign ministry said it isn’t planning new restrictions on Russian imports and "
    "that it expects {p} to lift the remaining bans on Turkish fruit and vegetables.",
    "Officials in {p} declined to comment on the report, which said the U.S. had asked its "
    "allies to review intelligence sharing after the failed coup.",
    "– {n} will travel to {p} in Aug. for talks on energy, tourism and the war in Syria",
    "Trade between the two countries fell by 2.5 percent last year, according to figures "
    "published by the statistics office in {p}, and officials hope to reverse the decline.",
    "Did the meeting in {p} change anything? {n} believes it did, and said both governments "
    "had agreed to restore the working groups that were suspended in December.",
    '"It is a new page in our relations," {n} said, adding that {p} and Ankara would set up a '
    "joint fund to finance projects in energy and defence.",
]
_BOILER = [
    "AA-2016{d:04d}-{d}",
    "Putin greets Erdogan before their talks in St Petersburg, Russia, August 9, 2016. "
    "Image Credit: REUTERS",
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
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--check", action="store_true", help="exit 1 below the 10x target")
    args = ap.parse_args()

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    docs = make_corpus(args.paragraphs, args.seed)
    n_segments = sum(len(segment(d)) for d in docs)
    seg_time = best_of(args.runs, lambda: [segment(d) for d in docs])
    texts = [s.text for d in docs for s in statements(d)]

    analyzer = SentimentIntensityAnalyzer()
    sample = texts[: min(len(texts), 5000)]
    vader_time = best_of(args.runs, lambda: [analyzer.polarity_scores(t) for t in sample])

    seg_rate = n_segments / seg_time
    vader_rate = len(sample) / vader_time
    ratio = seg_rate / vader_rate
    chars = sum(len(d) for d in docs)
    print(f"documents {len(docs)}, characters {chars}, segments {n_segments}")
    print(f"segment: {seg_rate:,.0f} segments/s ({chars / seg_time / 1e6:.1f} MB/s)")
    print(f"VADER:   {vader_rate:,.0f} sentences/s")
    print(f"ratio:   {ratio:.1f}x (target >= {_TARGET:.0f}x)")
    if args.check and ratio < _TARGET:
        sys.exit(1)


if __name__ == "__main__":
    main()
