"""The key-events table: loading it, and finding its events in text by their aliases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import tracker.analysis.key_events as events_module
from tracker.analysis.key_events import KeyEvent, default_events, find_event_mentions, load_events
from tracker.errors import InputError

FIXTURE = Path(__file__).parent / "fixtures" / "events_small.csv"
HEADER = "date,label,dyad,description,aliases\n"
GOOD_ROW = "2015-11-24,Jet downed,Turkey–Russia,A jet is shot down.,shot down a russian jet\n"


def test_fixture_loads_in_file_order() -> None:
    events = load_events(FIXTURE)
    assert [e.date for e in events] == [
        dt.date(2015, 11, 24),
        dt.date(2016, 6, 27),
        dt.date(2016, 7, 15),
        dt.date(2016, 8, 9),
    ]
    first = events[0]
    assert isinstance(first, KeyEvent)
    assert first.dyad == "Turkey–Russia"
    assert first.aliases[0] == "shot down a russian jet"
    assert isinstance(first.aliases, tuple)
    # a quoted field with a comma in it
    assert events[3].description.startswith("Putin and Erdogan meet in St Petersburg, their")


def test_aliases_are_trimmed_and_lower_cased(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text(HEADER + "2016-07-15,Coup,Turkey–West,x, Failed Coup | |Putsch \n", "utf-8")
    assert load_events(path)[0].aliases == ("failed coup", "putsch")


def test_blank_lines_and_byte_order_mark_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text("\ufeff" + HEADER + "\n" + GOOD_ROW + "\n", "utf-8")
    assert len(load_events(path)) == 1


def test_missing_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.csv"
    with pytest.raises(InputError, match="nowhere.csv does not exist"):
        load_events(path)


# (name, file body after the header, words the error must contain)
BAD_FILES = [
    (
        "bad date names the line and the value",
        GOOD_ROW + "2016-13-01,Bad,Turkey–Russia,x,y\n",
        ["line 3", "'2016-13-01'", "YYYY-MM-DD"],
    ),
    (
        "hyphen instead of en dash",
        "2016-07-15,Coup,Turkey-West,x,y\n",
        ["line 2", "'Turkey-West'", "en dash"],
    ),
    ("unknown dyad", "2016-07-15,Coup,Turkey–China,x,y\n", ["line 2", "'Turkey–China'"]),
    ("empty label", "2016-07-15,,Turkey–West,x,y\n", ["line 2", "label is empty"]),
    ("too few fields", "2016-07-15,Coup,Turkey–West\n", ["line 2", "3 fields", "5"]),
    ("too many fields", "2016-07-15,Coup,Turkey–West,x,y,z\n", ["line 2", "6 fields"]),
]


@pytest.mark.parametrize(
    ("body", "words"), [c[1:] for c in BAD_FILES], ids=[c[0] for c in BAD_FILES]
)
def test_bad_rows_are_named(tmp_path: Path, body: str, words: list[str]) -> None:
    path = tmp_path / "events.csv"
    path.write_text(HEADER + body, "utf-8")
    with pytest.raises(InputError) as caught:
        load_events(path)
    message = caught.value.message
    assert str(path) in message
    for word in words:
        assert word in message


def test_wrong_header_is_named(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text("when,what\n" + GOOD_ROW, "utf-8")
    with pytest.raises(InputError, match="header must be exactly date,label,dyad"):
        load_events(path)


def test_empty_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text("", "utf-8")
    with pytest.raises(InputError, match="empty file"):
        load_events(path)


def test_not_utf8_is_named(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_bytes(
        HEADER.encode() + "2016-07-15,Darbe girişimi,Turkey–West,x,y\n".encode("cp1254")
    )
    with pytest.raises(InputError, match="not UTF-8"):
        load_events(path)


def test_default_events_reads_the_bundled_path_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(events_module, "events_path", lambda: FIXTURE)
    default_events.cache_clear()
    try:
        first = default_events()
        assert len(first) == 4
        monkeypatch.setattr(events_module, "events_path", lambda: FIXTURE.parent / "none.csv")
        assert default_events() is first
    finally:
        default_events.cache_clear()


EVENTS = load_events(FIXTURE)

# (name, text, [(event label, matched text), ...])
MENTION_CASES = [
    (
        "plain alias",
        "After Turkey shot down a Russian jet, ties froze.",
        [("Su-24 shootdown", "shot down a Russian jet")],
    ),
    ("upper case", "THE DOWNING OF THE WARPLANE", [("Su-24 shootdown", "DOWNING OF THE WARPLANE")]),
    ("hyphen", "The Su-24 fell in Syria.", [("Su-24 shootdown", "Su-24")]),
    ("en dash for the hyphen", "The Su–24 fell in Syria.", [("Su-24 shootdown", "Su–24")]),
    ("no hyphen", "The SU24 fell in Syria.", [("Su-24 shootdown", "SU24")]),
    ("space for the hyphen", "The Su 24 fell in Syria.", [("Su-24 shootdown", "Su 24")]),
    (
        "curly apostrophe",
        "Erdogan’s letter eased tension.",
        [("Erdogan's letter to Putin", "Erdogan’s letter")],
    ),
    (
        "line break inside the phrase",
        "the failed\ncoup",
        [("Coup attempt", "failed\ncoup")],
    ),
    ("whole words only", "The putschists fled; a putsch-like move.", []),
    ("no alias", "Trade talks resumed in Ankara.", []),
    (
        "two events in order",
        "The putsch came months after the downing of the Russian jet.",
        [("Coup attempt", "putsch"), ("Su-24 shootdown", "downing of the Russian jet")],
    ),
    (
        "longest alias wins",
        "Preparations for the St. Petersburg summit began.",
        [("St Petersburg summit", "St. Petersburg summit")],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in MENTION_CASES], ids=[c[0] for c in MENTION_CASES]
)
def test_find_event_mentions(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_event_mentions(text, EVENTS)
    assert [(event.label, text[start:end]) for event, start, end in found] == expected


def test_find_event_mentions_without_events() -> None:
    assert find_event_mentions("the downing of the warplane", []) == []
