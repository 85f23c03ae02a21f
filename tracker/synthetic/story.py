"""The story and the sentences behind :mod:`tracker.synthetic.build`'s databases.

:func:`story_level` is the mean relation score the synthetic data follows per relation;
:data:`STORY_EVENTS` are the reference story's turning points; :func:`compose` writes one
statement from templates of our own (speakers are roles, never real people's words) and
returns the spans an analysis would have found in it: attribution, dates, tone phrases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from tracker.models import NARRATOR, OTHER, RUSSIA, TURKEY, TURKEY_RUSSIA, TURKEY_WEST, WEST


@dataclass(frozen=True)
class StoryEvent:
    day: dt.date
    label: str
    dyad: str
    description: str


# The reference story's turning points, in our own words (data/events.csv is the curated list).
STORY_EVENTS = (
    StoryEvent(
        dt.date(2015, 11, 24), "Jet shot down", TURKEY_RUSSIA, "Turkish F-16s down a Russian Su-24"
    ),
    StoryEvent(
        dt.date(2015, 11, 28), "Russian sanctions", TURKEY_RUSSIA, "Moscow orders trade curbs"
    ),
    StoryEvent(
        dt.date(2016, 3, 18), "EU migrant deal", TURKEY_WEST, "Brussels and Ankara agree on returns"
    ),
    StoryEvent(dt.date(2016, 6, 27), "Letter of regret", TURKEY_RUSSIA, "Erdogan writes to Putin"),
    StoryEvent(dt.date(2016, 7, 15), "Coup attempt", TURKEY_WEST, "Failed military coup in Turkey"),
    StoryEvent(
        dt.date(2016, 8, 9), "St Petersburg summit", TURKEY_RUSSIA, "Erdogan and Putin meet"
    ),
)


@dataclass(frozen=True)
class Speaker:
    phrase: str  # how the sentence names the speaker
    name: str  # the speaker column: as resolved
    actor: str | None
    side: str | None  # None: the narrator


SPEAKERS = (
    Speaker("The Turkish president", "Turkish president", "President of Turkey", TURKEY),
    Speaker("Turkey's foreign minister", "Turkish foreign minister", "Turkish MFA", TURKEY),
    Speaker("A Turkish government spokesman", "Turkish spokesman", "Government of Turkey", TURKEY),
    Speaker("The Russian president", "Russian president", "President of Russia", RUSSIA),
    Speaker("Russia's foreign minister", "Russian foreign minister", "Russian MFA", RUSSIA),
    Speaker("A Kremlin spokesman", "Kremlin spokesman", "Kremlin", RUSSIA),
    Speaker("The US secretary of state", "US secretary of state", "US State Department", WEST),
    Speaker("NATO's secretary general", "NATO secretary general", "NATO", WEST),
    Speaker("The EU's foreign policy chief", "EU foreign policy chief", "European Union", WEST),
    Speaker("A regional analyst", "regional analyst", None, OTHER),
    Speaker("", NARRATOR, None, None),
)
SPEAKER_WEIGHTS = np.array([12, 10, 8, 10, 9, 7, 7, 6, 6, 5, 20], dtype=float)
COUNTERPART = {TURKEY_RUSSIA: "Ankara and Moscow", TURKEY_WEST: "Ankara and the West"}
SOURCES = (
    "Ankara Wire",
    "Bosphorus Review",
    "Moscow Evening Post",
    "Atlantic Desk",
    "Brussels Briefing",
    "Levant Monitor",
    "Caspian Herald",
    "Global Affairs Daily",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = tuple(dt.date(2016, m, 1).strftime("%B") for m in range(1, 13))
# Tone phrases from hostile to warm; the score picks the bucket, the seed the phrase.
TONES = (
    ("in deep crisis", "at their lowest point", "facing grave consequences"),
    ("badly strained", "under heavy pressure", "clouded by distrust"),
    ("under review", "a matter for further talks", "unchanged for now"),
    ("on the mend", "slowly improving", "back on a workable footing"),
    ("entering a new stage of cooperation", "warmer than ever", "a strategic partnership"),
)
TONE_EDGES = np.array([-0.55, -0.15, 0.15, 0.55])


def _level(days: np.ndarray, points: list[tuple[dt.date, float]]) -> np.ndarray:
    """Piecewise-linear story level at each day (days since 1970-01-01)."""
    xs = np.array([(d - dt.date(1970, 1, 1)).days for d, _ in points], dtype=float)
    ys = np.array([v for _, v in points])
    return np.interp(days, xs, ys)


def story_level(dyad: str, days: np.ndarray) -> np.ndarray:
    """The mean relation score the synthetic data follows, per dyad, at the given epoch days."""
    d = dt.date
    if dyad == TURKEY_RUSSIA:
        points = [
            (d(2015, 1, 1), 0.3),
            (d(2015, 11, 23), 0.3),
            (d(2015, 11, 26), -0.65),
            (d(2016, 6, 26), -0.4),
            (d(2016, 7, 10), 0.05),
            (d(2016, 8, 12), 0.4),
            (d(2017, 12, 31), 0.4),
        ]
    else:
        points = [
            (d(2015, 1, 1), 0.2),
            (d(2016, 3, 1), 0.1),
            (d(2016, 3, 20), 0.25),
            (d(2016, 7, 14), 0.15),
            (d(2016, 7, 19), -0.4),
            (d(2016, 8, 31), -0.3),
            (d(2017, 12, 31), -0.2),
        ]
    return _level(days.astype(float), points)


def tone(score: float, pick: int) -> str:
    return TONES[int(np.searchsorted(TONE_EDGES, score))][pick % 3]


@dataclass(frozen=True)
class Sentence:
    """One generated statement and the spans an analysis would have found in it."""

    text: str
    attribution: tuple[int, int] | None
    said_on: tuple[int, int] | None
    refers_to: tuple[int, int] | None
    tones: tuple[tuple[int, int], ...]
    clause_split: int | None


def compose(
    sp: Speaker,
    relations: tuple[str, ...],
    tones: tuple[str, ...],
    weekday: str | None,
    recalled: dt.date | None,
) -> Sentence:
    text = ""
    refers = said = attribution = split = None
    spans = []

    def add(piece: str) -> tuple[int, int]:
        nonlocal text
        text += piece
        return len(text) - len(piece), len(text)

    if recalled is not None:
        add("Recalling the events of ")
        refers = add(f"{recalled.day} {MONTHS[recalled.month - 1]}")
        add(", ")
    head = sp.phrase if sp.side else "Officials in both capitals"
    if recalled is not None and head.split()[0] in ("The", "A"):
        head = head[0].lower() + head[1:]
    attribution = add(head + " said") if sp.side else None
    if not sp.side:
        add(head + " said")
    for k, (relation, tone) in enumerate(zip(relations, tones, strict=True)):
        if k:
            split = len(text)
            add(f", while relations between {COUNTERPART[relation]} were ")
        else:
            add(f" ties between {COUNTERPART[relation]} were ")
        spans.append(add(tone))
    if weekday:
        said = add(f" on {weekday}")
        said = (said[0] + 1, said[1])
    add(".")
    return Sentence(text, attribution, said, refers, tuple(spans), split)
