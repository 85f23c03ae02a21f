"""Filters and selections <-> URL query parameters, widget values and chart events."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.views.state import (
    DYADS,
    WIDGET_KEYS,
    Filters,
    ParsedParams,
    Selection,
    current_selection,
    filters_from_widgets,
    from_query_params,
    selection_from_event,
    to_query_params,
    widget_values,
)

ROUND_TRIPS = [
    ("defaults", Filters(), Selection()),
    ("one relation", Filters(dyads=("Turkey–West",)), Selection()),
    (
        "everything set",
        Filters(
            dyads=("Turkey–Russia",),
            start=dt.date(2016, 1, 1),
            end=dt.date(2016, 3, 31),
            scorer="both",
            sides=("Turkey", "narrator"),
            sources=("Ankara Wire", "Levant Monitor"),
            search="lifting the ban",
            min_n=12,
            window=30,
            date_axis="published",
            copies=True,
        ),
        Selection(dt.date(2016, 2, 1), dt.date(2016, 2, 10)),
    ),
    ("one statement", Filters(scorer="vader"), Selection(statement_id=42)),
]


@pytest.mark.parametrize(
    ("name", "filters", "selection"), ROUND_TRIPS, ids=[r[0] for r in ROUND_TRIPS]
)
def test_query_params_round_trip(name: str, filters: Filters, selection: Selection) -> None:
    params = to_query_params(filters, selection)
    assert all(isinstance(v, str) for v in params.values())
    parsed = from_query_params(params)
    assert parsed.filters == filters
    assert parsed.selection == selection
    assert parsed.ignored == ()


def test_defaults_make_a_clean_url() -> None:
    assert to_query_params(Filters()) == {}
    assert to_query_params(Filters(window=7)) == {"window": "7"}
    assert to_query_params(Filters(copies=True)) == {"copies": "1"}


BAD_PARAMS = [
    ("unknown relation", {"rel": "Turkey–China"}, "rel="),
    ("bad date", {"from": "2016-13-01"}, "from="),
    ("reversed range", {"from": "2016-05-01", "to": "2016-01-01"}, "from/to"),
    ("unknown scorer", {"scorer": "gdelt"}, "scorer="),
    ("window not offered", {"window": "9"}, "window="),
    ("min too large", {"min": "5000"}, "min="),
    ("min not a number", {"min": "five"}, "min="),
    ("unknown axis", {"axis": "ingested"}, "axis="),
    ("unknown side", {"side": "China"}, "side="),
    ("statement not a number", {"stmt": "abc"}, "stmt="),
    ("copies neither 0 nor 1", {"copies": "yes"}, "copies="),
]


@pytest.mark.parametrize(("name", "params", "reported"), BAD_PARAMS, ids=[r[0] for r in BAD_PARAMS])
def test_bad_params_fall_back_to_defaults(name: str, params: dict, reported: str) -> None:
    parsed = from_query_params(params)
    assert parsed.filters == Filters()
    assert parsed.selection == Selection()
    assert any(reported in message for message in parsed.ignored)


def test_good_params_survive_next_to_bad_ones() -> None:
    parsed = from_query_params({"window": "30", "scorer": "nope", "q": "x" * 500})
    assert parsed.filters.window == 30
    assert parsed.filters.scorer == "diplomacy"
    assert len(parsed.filters.search) == 200
    assert len(parsed.ignored) == 1


def test_selection_end_defaults_to_start() -> None:
    parsed = from_query_params({"sel_from": "2016-07-15"})
    assert parsed.selection == Selection(dt.date(2016, 7, 15), dt.date(2016, 7, 15))
    assert from_query_params({"sel_to": "2016-07-15"}).selection.empty


def test_widgets_round_trip() -> None:
    filters = ROUND_TRIPS[2][1]
    values = widget_values(filters)
    assert set(values) == set(WIDGET_KEYS)
    assert filters_from_widgets(values, Filters()) == filters


def test_half_picked_date_range_keeps_previous() -> None:
    previous = Filters(start=dt.date(2016, 1, 1), end=dt.date(2016, 2, 1))
    values = widget_values(previous) | {"dates": (dt.date(2016, 5, 1),)}
    picked = filters_from_widgets(values, previous)
    assert (picked.start, picked.end) == (previous.start, previous.end)


def test_no_relation_ticked_means_both() -> None:
    values = widget_values(Filters()) | {"rel": []}
    assert filters_from_widgets(values, Filters()).dyads == DYADS


def test_scorers_of_both() -> None:
    assert Filters(scorer="both").scorers == ("diplomacy", "vader")
    assert Filters(scorer="vader").scorers == ("vader",)


JULY_1 = 1467331200000  # 2016-07-01T00:00:00Z in epoch milliseconds
EVENTS = [
    ("no event", None, Selection()),
    ("empty selection", {"selection": {}}, Selection()),
    ("empty brush", {"selection": {"brush_diplomacy": {}}}, Selection()),
    (
        "brush in milliseconds",
        {"selection": {"brush_vader": {"day": [JULY_1 + 9 * 86_400_000, JULY_1]}}},
        Selection(dt.date(2016, 7, 1), dt.date(2016, 7, 10)),
    ),
    (
        "brush as ISO strings",
        {"selection": {"brush_diplomacy": {"day": ["2016-07-01T00:00:00", "2016-07-31"]}}},
        Selection(dt.date(2016, 7, 1), dt.date(2016, 7, 31)),
    ),
    (
        "click wins over brush",
        {
            "selection": {
                "brush_diplomacy": {"day": [JULY_1, JULY_1]},
                "pick_diplomacy": [{"statement_id": 17}],
            }
        },
        Selection(statement_id=17),
    ),
    ("click on nothing", {"selection": {"pick_diplomacy": []}}, Selection()),
    (
        "click on an event period",
        {"selection": {"period_events": [{"period": JULY_1, "period_end": "2016-07-31"}]}},
        Selection(dt.date(2016, 7, 1), dt.date(2016, 7, 31)),
    ),
    ("malformed", {"selection": ["not", "a", "mapping"]}, Selection()),
]


@pytest.mark.parametrize(("name", "event", "expected"), EVENTS, ids=[e[0] for e in EVENTS])
def test_selection_from_event(name: str, event: object, expected: Selection) -> None:
    assert selection_from_event(event) == expected


def test_selection_describe() -> None:
    assert Selection(statement_id=5).describe() == "statement 5"
    assert (
        Selection(dt.date(2016, 7, 1), dt.date(2016, 7, 3)).describe()
        == "01 Jul 2016 – 03 Jul 2016"
    )
    assert Selection().empty


def test_selection_heading() -> None:
    assert Selection().heading() == "Statements"
    assert Selection(statement_id=5).heading() == "Statements in the selection (statement 5)"


PICK = {"selection": {"pick_diplomacy": [{"statement_id": 7}]}}
SHARED = ParsedParams(Filters(search="ban"), Selection(statement_id=3))


@pytest.mark.parametrize(
    ("name", "event", "shared", "filters", "expected"),
    [
        ("chart selection wins", PICK, SHARED, Filters(search="ban"), Selection(statement_id=7)),
        ("shared link while its filters hold", {}, SHARED, Filters(search="ban"), SHARED.selection),
        ("shared link after the filters changed", {}, SHARED, Filters(search="x"), Selection()),
        ("no link, no selection", {}, None, Filters(), Selection()),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_current_selection(name, event, shared, filters, expected) -> None:
    assert current_selection(event, shared, filters) == expected
