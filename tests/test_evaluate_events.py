"""tracker evaluate and the event layer: --by-event, the event column of --errors, and the
optional gold ``event`` key, on gold lines we wrote (generic speakers, no real quotations)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli.main import main
from tracker.errors import InputError
from tracker.evaluation.gold import read_gold
from tracker.evaluation.statements import SystemStatement, event_hits

MINI = Path(__file__).resolve().parent / "fixtures" / "mini_gold"
TR, TW = "Turkey–Russia", "Turkey–West"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _line(id_: str, text: str, speaker: str, side: str | None, **extra: object) -> dict:
    return {
        "id": id_,
        "text": text,
        "published": "2016-07-01",
        "speaker": speaker,
        "speaker_side": side,
        "event_date": None,
        "date_precision": None,
        **extra,
    }


# What the tool codes today (diplomacy profile), for reading the expected figures:
# e1 08 yield (+), e2 19 fight (−), e3 05 diplomatic cooperation (score −: a sign miss),
# e4 no event (−), e5 clauses: Turkey–Russia 08 (+), Turkey–West 11 disapprove (−),
# e6 no event (−), e7 no event (score 0: a sign miss).
GOLD = [
    _line(
        "e1",
        "Russia lifted its ban on charter flights to Turkey, a ministry spokesman said.",
        "a ministry spokesman",
        "Russia",
        dyad=TR,
        polarity=2,
        event="08",
    ),
    _line(
        "e2",
        "Turkish jets shot down a Russian bomber near the Syrian border, the army said.",
        "the army",
        "Turkey",
        dyad=TR,
        polarity=-2,
        event="19",
    ),
    _line(
        "e3",
        "Turkey apologised to Russia as the bitter crisis over the jet dragged on, officials said.",
        "officials",
        None,
        dyad=TR,
        polarity=1,
        event="05",
    ),
    _line(
        "e4",
        "Russia suspended visa-free travel for Turkish citizens, officials said.",
        "officials",
        None,
        dyad=TR,
        polarity=-1,
        event="16",
    ),
    _line(
        "e5",
        "Russia lifted its ban on Turkish fruit, while the European Union criticised Ankara "
        "over the arrests, officials said.",
        "officials",
        None,
        dyad=TR,
        polarity=1,
        also={"dyad": TW, "polarity": -1},
    ),
    _line(
        "e6",
        "Relations between Turkey and Russia remain tense, an analyst said.",
        "an analyst",
        "other",
        dyad=TR,
        polarity=-1,
        event=None,
    ),
    _line(
        "e7",
        "Russia sent aid to Turkey after the earthquake, officials said.",
        "officials",
        None,
        dyad=TR,
        polarity=2,
        event="07",
    ),
]


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    path = tmp_path / "events.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in GOLD), "utf-8")
    return path


GOLD_EVENT_KEY = [
    # (name, the gold object's event key, (has_event, event))
    ("a root code", {"event": "08"}, (True, "08")),
    ("the last root", {"event": "20"}, (True, "20")),
    ("null: no event between the sides", {"event": None}, (True, None)),
    ("absent: not labelled", {}, (False, None)),
]


@pytest.mark.parametrize(
    ("name", "extra", "expected"), GOLD_EVENT_KEY, ids=[c[0] for c in GOLD_EVENT_KEY]
)
def test_gold_event_key(tmp_path: Path, name: str, extra: dict, expected: tuple) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "A line.", "speaker": None, **extra}) + "\n")
    item = read_gold(path)[0]
    assert (item.has_event, item.event) == expected, name


BAD_EVENT_KEYS = [
    ("one digit", "8"),
    ("an integer", 8),
    ("not a root category", "21"),
    ("a full CAMEO code", "081"),
    ("zero", "00"),
]


@pytest.mark.parametrize(("name", "value"), BAD_EVENT_KEYS, ids=[c[0] for c in BAD_EVENT_KEYS])
def test_bad_gold_event_key_names_the_line(tmp_path: Path, name: str, value: object) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "A line.", "speaker": None, "event": value}))
    with pytest.raises(InputError, match=r'g.jsonl:1: "event" .* is not a CAMEO root code'):
        read_gold(path)


EVENT_FOR_RELATION = [
    # (name, the stored events {None: whole statement, dyad: its clause row}, dyad, expected)
    ("the whole statement's event", {None: "08"}, TR, "08"),
    ("the relation's clause wins", {None: "08", TW: "11"}, TW, "11"),
    ("a clause with no event beats the whole's", {None: "08", TW: None}, TW, None),
    ("no relation asked: the whole statement's", {None: "08", TW: "11"}, None, "08"),
    ("nothing coded", {}, TR, None),
]


@pytest.mark.parametrize(
    ("name", "events", "dyad", "expected"),
    EVENT_FOR_RELATION,
    ids=[c[0] for c in EVENT_FOR_RELATION],
)
def test_event_for_a_relation(
    name: str, events: dict, dyad: str | None, expected: str | None
) -> None:
    statement = SystemStatement("x", "narrator", None, None, None, (TR, TW), events=events)
    assert statement.event(dyad) == expected, name


EVENT_HITS = [
    # (name, gold code, system code, (root hit, quad class hit))
    ("same root", "16", "16", (True, True)),
    ("other root, same quad class", "17", "16", (False, True)),
    ("no event on both sides", None, None, (True, True)),
    ("an event the tool missed", "07", None, (False, False)),
    ("an event where gold has none", None, "05", (False, False)),
    ("cooperation read as conflict", "05", "11", (False, False)),
]


@pytest.mark.parametrize(
    ("name", "gold_code", "system_code", "expected"), EVENT_HITS, ids=[c[0] for c in EVENT_HITS]
)
def test_event_hits(
    name: str, gold_code: str | None, system_code: str | None, expected: tuple
) -> None:
    assert event_hits(gold_code, system_code) == expected, name


def test_by_event_table_lines(gold: Path) -> None:
    result = run("evaluate", str(gold), "--by-event")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[9] == "event root / quad class   0.667 / 0.667 (6 items)"
    start = lines.index("") + 1
    assert lines[start:] == [
        "event coded (CAMEO root)             pairs  signed  sign diplomacy  spearman diplomacy"
        "  sign vader  spearman vader",
        "05 engage in diplomatic cooperation      1       1           0.000                 n/a"
        "       0.000             n/a",
        "08 yield                                 2       2           1.000                 n/a"
        "       0.000           1.000",
        "11 disapprove                            1       1           1.000                 n/a"
        "       1.000             n/a",
        "19 fight                                 1       1           1.000                 n/a"
        "       0.000             n/a",
        "no event                                 3       3           0.667               0.866"
        "       0.667           0.866",
        "",
        "event coded (quad class)             pairs  signed  sign diplomacy  spearman diplomacy"
        "  sign vader  spearman vader",
        "verbal cooperation                       1       1           0.000                 n/a"
        "       0.000             n/a",
        "material cooperation                     2       2           1.000                 n/a"
        "       0.000           1.000",
        "verbal conflict                          1       1           1.000                 n/a"
        "       1.000             n/a",
        "material conflict                        1       1           1.000                 n/a"
        "       0.000             n/a",
        "no event                                 3       3           0.667               0.866"
        "       0.667           0.866",
    ]


def test_by_event_json(gold: Path) -> None:
    result = run("evaluate", str(gold), "--by-event", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    by_event = data["by_event"]
    assert set(by_event) == {"root", "quad"}
    # The two-relation line counts once under each relation's own clause event: 08 and 11.
    assert list(by_event["root"]) == ["05", "08", "11", "19", "no event"]
    assert list(by_event["quad"]) == [
        "verbal cooperation",
        "material cooperation",
        "verbal conflict",
        "material conflict",
        "no event",
    ]
    assert by_event["root"]["08"] == {
        "pairs": 2,
        "signed": 2,
        "polarity": {
            "diplomacy": {"sign_agreement": 1.0, "spearman": None},
            "vader": {"sign_agreement": 0.0, "spearman": 1.0},
        },
    }
    assert sum(g["pairs"] for g in by_event["root"].values()) == 8  # every gold pair once
    assert data["event"] == {"items": 6, "accuracy": 0.6667, "quad_accuracy": 0.6667}


def test_json_keys_without_the_flag_and_without_gold_events(gold: Path) -> None:
    data = json.loads(run("evaluate", str(gold), "--json").stdout)
    assert "by_event" not in data and "event" in data
    plain = json.loads(run("evaluate", str(MINI / "gold.jsonl"), "--json").stdout)
    assert "event" not in plain  # no gold item carries the key: no event figures


def test_errors_end_with_the_event_coded(gold: Path) -> None:
    out = run("evaluate", str(gold), "--errors").stdout
    assert (
        "e3\tpolarity[diplomacy] Turkey–Russia\tgold=1\tsystem=-0.527\t"
        "Turkey apologised to Russia as the bitter crisis over the jet dragged on, "
        "officials said.\t"
        "event=05 (engage in diplomatic cooperation)"
    ) in out.splitlines()
    assert (
        "e7\tevent\tgold=07 (provide aid)\tsystem=none\t"
        "Russia sent aid to Turkey after the earthquake, officials said.\tevent=none"
    ) in out.splitlines()
    # With --json the misses go to stderr, carrying the same column.
    result = run("evaluate", str(gold), "--errors", "--json")
    assert json.loads(result.stdout)["items"] == 7
    assert all(line.rsplit("\t", 1)[1].startswith("event=") for line in result.stderr.splitlines())


def test_document_mode_reads_the_stored_events(gold: Path, tmp_path: Path) -> None:
    """The same lines as one article: the events come back from the database, a clause's own
    event for each relation of the two-relation line."""
    body = " ".join(x["text"] for x in GOLD)
    (tmp_path / "doc.md").write_text(
        f"---\npublished: 2016-07-01\ntitle: Events\nsource: test fixture\n---\n{body}\n",
        encoding="utf-8",
    )
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("path,published,source,title\ndoc.md,2016-07-01,test fixture,Events\n")
    document = run("evaluate", str(gold), "--documents", str(manifest), "--by-event", "--json")
    assert document.exit_code == 0, document.stderr
    sentence = run("evaluate", str(gold), "--by-event", "--json")
    doc_data, sent_data = json.loads(document.stdout), json.loads(sentence.stdout)
    assert doc_data["items"] == 7
    assert {k: v["pairs"] for k, v in doc_data["by_event"]["root"].items()} == {
        k: v["pairs"] for k, v in sent_data["by_event"]["root"].items()
    }
    assert doc_data["event"] == sent_data["event"]
