"""A corpus with planted syndicated copies, to measure the clustering of :mod:`tracker.db.copies`.

:func:`planted_corpus` writes original articles from :func:`tracker.synthetic.story.compose`'s
templates (each statement given a detail clause of its own, so that originals are distinct
remarks) and reprints of them by other outlets a few days later, each changed the way reprints
are: a reworded headline, a trimmed ending, agency credits added ("ANKARA (Reuters) -",
"AFP -", "— TASS"), paragraphs reordered, another outlet's own lead paragraph, curly quotes and
doubled spaces, light rewording ("said on Tuesday" → "said Tuesday"). Some originals' remarks
are repeated word for word a week or more later: a new remark. Every statement carries
``truth``, the remark it is a copy of, so :func:`pair_scores` can score a clustering. The
output is deterministic for a seed. Speakers are roles, never real people's words.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import duckdb
import numpy as np

from tracker.db import copies
from tracker.models import TURKEY_RUSSIA, TURKEY_WEST
from tracker.synthetic.story import SOURCES, SPEAKERS, TONES, WEEKDAYS, compose

_TOPICS = (
    "grain exports", "the gas pipeline", "tourist charter flights", "visa rules", "the Syrian "
    "border", "a nuclear plant", "trade quotas", "airspace rules", "refugee returns", "air "
    "defence systems", "fruit imports", "the naval base", "energy prices", "a joint commission",
    "construction contracts", "student exchanges", "the Black Sea fleet", "customs checks",
    "a missile shield", "bank transfers", "steel tariffs", "fishing rights", "the election "
    "monitors", "a ceasefire line", "the arms embargo", "wheat harvests", "port fees",
)  # fmt: skip
_CITIES = (
    "Ankara", "Moscow", "Brussels", "Sochi", "Istanbul", "Geneva", "Vienna", "Baku", "Astana",
    "Paris", "Berlin", "Tehran", "Doha", "Riyadh", "Athens", "Kiev", "Minsk", "Yerevan",
)  # fmt: skip
_LEADS = (
    "after talks on {topic} in {city}",
    "citing the dispute over {topic}",
    "ahead of a meeting on {topic} in {city}",
    "as officials in {city} discussed {topic}",
    "in remarks on {topic} made in {city}",
    "while delegates met in {city} over {topic}",
)
_CREDITS = (
    ("{city} (Reuters) - ", ""),
    ("AFP - ", ""),
    ("", " — TASS"),
    ("{city}, {month} {day} (AP) — ", ""),
    ("", " (Anadolu)"),
)
WINDOW_REPEAT = (7, 21)  # days after the original that a remark is repeated, as news again


@dataclass(frozen=True)
class PlantedStatement:
    text: str
    speaker: str
    truth: int  # the remark: equal for an original statement and its copies


@dataclass(frozen=True)
class PlantedArticle:
    outlet: str
    url: str
    published: dt.date
    statements: tuple[PlantedStatement, ...]


@dataclass(frozen=True)
class PairScores:
    precision: float
    recall: float
    true_pairs: int
    found_pairs: int


class _Writer:
    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.next_truth = 0

    def truth(self) -> int:
        self.next_truth += 1
        return self.next_truth

    def pick(self, seq: Sequence[str]) -> str:
        return seq[int(self.rng.integers(len(seq)))]

    def statement(self, day: dt.date) -> PlantedStatement:
        rng = self.rng
        sp = SPEAKERS[int(rng.integers(len(SPEAKERS)))]
        relation = TURKEY_RUSSIA if rng.random() < 0.6 else TURKEY_WEST
        tone = self.pick(TONES[int(rng.integers(len(TONES)))])
        weekday = WEEKDAYS[(day - dt.timedelta(days=1)).weekday()] if rng.random() < 0.4 else None
        base = compose(sp, (relation,), (tone,), weekday, None).text
        detail = self.pick(_LEADS).format(topic=self.pick(_TOPICS), city=self.pick(_CITIES))
        text = f"{base[:-1]}, {detail}."
        if rng.random() < 0.3:
            text = f'{text[:-1]}, adding that "{self.pick(_TOPICS)} will not wait".'
        return PlantedStatement(text, sp.name, self.truth())

    def headline(self, first: PlantedStatement) -> PlantedStatement:
        detail = first.text.rstrip(".").split(", ")[1]
        words = first.text.split()[:12]
        return PlantedStatement(
            f"{detail.capitalize()}: {' '.join(words)}", "narrator", self.truth()
        )


def _reprint(w: _Writer, original: PlantedArticle, day: dt.date, outlet: str) -> PlantedArticle:
    rng = w.rng
    body = list(original.statements[1:])
    if rng.random() < 0.4 and len(body) > 3:  # trimmed ending
        body = body[: len(body) - int(rng.integers(1, 3))]
    if rng.random() < 0.3 and len(body) > 3:  # paragraphs reordered
        cut = int(rng.integers(1, len(body) - 1))
        body = body[cut:] + body[:cut]
    if rng.random() < 0.3:  # the outlet's own lead paragraph
        body = [w.statement(day) for _ in range(int(rng.integers(1, 3)))] + body
    edited = []
    for st in body:
        text = st.text
        if rng.random() < 0.3:
            text = text.replace('"', "“", 1).replace('"', "”", 1)
        if rng.random() < 0.2:
            text = text.replace(" said on ", " said ").replace(" ties ", " relations ", 1)
        if rng.random() < 0.2:
            text = text.replace(" ", "  ", 2)
        edited.append(PlantedStatement(text, st.speaker, st.truth))
    if rng.random() < 0.6 and edited:  # agency credit on the lead or at the end
        lead, tail = _CREDITS[int(rng.integers(len(_CREDITS)))]
        lead = lead.format(city=w.pick(_CITIES).upper(), month=day.strftime("%B"), day=day.day)
        first = edited[0]
        edited[0] = PlantedStatement(lead + first.text + tail, first.speaker, first.truth)
    # A reworded headline is the outlet's own text: a new truth, like its own lead paragraph.
    words = original.statements[1].text.rstrip(".").split()
    headline = PlantedStatement(
        f"{outlet} view: " + " ".join(reversed(words[-7:])), "narrator", w.truth()
    )
    slug = outlet.lower().replace(" ", "-")
    return PlantedArticle(
        outlet, f"https://example.org/{slug}/{w.truth()}", day, (headline, *edited)
    )


def planted_corpus(
    n_originals: int, *, seed: int = 0, copies: tuple[int, int] = (0, 4)
) -> list[PlantedArticle]:
    """Originals and their reprints, in publication order (then outlet)."""
    rng = np.random.default_rng(seed)
    w = _Writer(rng)
    start = dt.date(2015, 11, 1)
    articles: list[PlantedArticle] = []
    for i in range(n_originals):
        day = start + dt.timedelta(days=int(rng.integers(0, 300)))
        outlet = SOURCES[int(rng.integers(len(SOURCES)))]
        body = [w.statement(day) for _ in range(int(rng.integers(4, 9)))]
        head = w.headline(body[0])
        original = PlantedArticle(outlet, f"https://example.org/o/{i}", day, (head, *body))
        articles.append(original)
        others = [s for s in SOURCES if s != outlet]
        for k in range(int(rng.integers(copies[0], copies[1] + 1))):
            later = day + dt.timedelta(days=int(rng.integers(0, 3)))
            articles.append(_reprint(w, original, later, others[k % len(others)]))
        if rng.random() < 0.1:  # a remark said again, as news, weeks later
            again = body[int(rng.integers(len(body)))]
            later = day + dt.timedelta(days=int(rng.integers(*WINDOW_REPEAT)))
            fresh = [w.statement(later) for _ in range(3)]
            repeat = PlantedStatement(again.text, again.speaker, w.truth())
            articles.append(
                PlantedArticle(outlet, f"https://example.org/r/{i}", later, (repeat, *fresh))
            )
    articles.sort(key=lambda a: (a.published, a.outlet))
    return articles


def place(
    con: duckdb.DuckDBPyConnection, articles: Sequence[PlantedArticle]
) -> tuple[list[int], list[int]]:
    """Place the articles' statements one article per transaction, in order, as ingest batches
    would (:func:`tracker.db.copies.assign`); returns (truth, cluster) per statement."""
    truth: list[int] = []
    found: list[int] = []
    next_id = 1
    for article in articles:
        items = candidates(article, next_id)
        next_id += len(items)
        con.execute("BEGIN TRANSACTION")
        placed = copies.assign(con, items)
        con.execute("COMMIT")
        truth += [s.truth for s in article.statements]
        found += [placed[c.statement_id] for c in items]
    return truth, found


def candidates(article: PlantedArticle, first_id: int) -> list[copies.CopyCandidate]:
    """The article's statements to place, with ids from ``first_id``."""
    return [
        copies.CopyCandidate(first_id + k, s.text, s.speaker, article.published)
        for k, s in enumerate(article.statements)
    ]


def _pairs(counts: Mapping[object, int]) -> int:
    return sum(n * (n - 1) // 2 for n in counts.values())


def pair_scores(truth: Sequence[int], found: Sequence[int]) -> PairScores:
    """Precision and recall over pairs of statements: a pair is found when both are in one
    cluster, true when both are copies of one remark."""
    true_pairs = _pairs(Counter(truth))
    found_pairs = _pairs(Counter(found))
    both = _pairs(Counter(zip(truth, found, strict=True)))
    precision = both / found_pairs if found_pairs else 1.0
    recall = both / true_pairs if true_pairs else 1.0
    return PairScores(precision, recall, true_pairs, found_pairs)
