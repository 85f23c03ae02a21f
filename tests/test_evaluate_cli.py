"""tracker evaluate / evaluate-sentiment / explain, on fixtures we wrote."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli.main import main
from tracker.evaluation.gold import read_gold

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini_gold"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_document_mode_json_has_exactly_the_documented_keys() -> None:
    result = run(
        "evaluate", str(MINI / "gold.jsonl"), "--documents", str(MINI / "manifest.csv"), "--json"
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {
        "items",
        "is_statement",
        "speaker",
        "speaker_side",
        "dyad",
        "event_date",
        "polarity",
    }
    assert set(data["dyad"]) == {"precision", "recall", "f1"}
    assert set(data["event_date"]) == {"accuracy", "month_accuracy", "published_known"}
    assert set(data["polarity"]) == {"diplomacy", "vader"}
    assert data["items"] == 4
    # In context the quotation's first sentence belongs to the diplomat and to Turkey–Russia.
    assert data["speaker"]["accuracy"] == 1.0
    assert data["dyad"]["f1"] == 1.0
    assert data["is_statement"]["accuracy"] == 1.0
    assert data["polarity"]["diplomacy"]["sign_agreement"] == 1.0


def test_sentence_mode_lists_misses_with_errors() -> None:
    result = run("evaluate", str(MINI / "gold.jsonl"), "--errors")
    assert result.exit_code == 0
    assert "speaker accuracy          0.667" in result.stdout
    miss = "m-3\tspeaker\tgold=a Russian diplomat\tsystem=narrator\t“This is a good step."
    assert miss in result.stdout


def test_gold_with_null_published_does_not_fail(tmp_path: Path) -> None:
    gold = tmp_path / "g.jsonl"
    gold.write_text(
        json.dumps(
            {
                "id": "x",
                "text": "On July 22, 2016, Russia eased curbs on flights to Turkey.",
                "published": None,
                "speaker": "narrator",
                "speaker_side": None,
                "event_date": "2016-07-22",
                "date_precision": "day",
                "dyad": "Turkey–Russia",
                "polarity": 2,
            }
        )
        + "\n",
        encoding="utf-8",
    )
    data = json.loads(run("evaluate", str(gold), "--json").stdout)
    assert data["event_date"]["accuracy"] == 1.0
    assert data["speaker"]["accuracy"] == 1.0


def test_missing_gold_file_is_one_line(tmp_path: Path) -> None:
    result = run("evaluate", str(tmp_path / "none.jsonl"))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path}/none.jsonl: no such gold file; check the path.\n"


def test_evaluate_sentiment_json_shape() -> None:
    result = run("evaluate-sentiment", str(FIXTURES / "vader_mini"), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"vader", "diplomacy"}
    for by_corpus in data.values():
        assert set(by_corpus) == {"tweets", "movie", "amazon", "nyt"}
        assert all(-1.0 <= r <= 1.0 for r in by_corpus.values())


def test_evaluate_sentiment_missing_folder(tmp_path: Path) -> None:
    result = run("evaluate-sentiment", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {tmp_path} lacks tweets_GroundTruth.txt")


def test_explain_names_the_reversal_rule(db_path: Path) -> None:
    assert run("ingest", str(MINI / "manifest.csv")).exit_code == 0
    ids = run(
        "sql",
        "SELECT statement_id FROM statements WHERE text LIKE 'Russia lifted%'",
        "--format",
        "csv",
    )
    statement_id = ids.stdout.splitlines()[1]
    result = run("explain", statement_id)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith(f"Statement {statement_id}: Russia lifted its ban on charter flights")
    assert "Speaker: Kremlin (Russia)" in out
    assert "Refers to: 2016-06-30 (day)" in out
    assert "Relation: Turkey–Russia (primary" in out
    assert "reversal rule, +" in out
    assert "\nvader: compound" in out and "\ndiplomacy: compound" in out


def test_explain_unknown_statement(db_path: Path) -> None:
    run("ingest", str(MINI / "manifest.csv"))
    result = run("explain", "9999")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: No statement 9999 in {db_path};")


TAGS = [
    # (name, gold object's extra keys, expected tags)
    (
        "note opening tags",
        {"note": "[negation; reversal verb] lifted, not imposed"},
        ("negation", "reversal verb"),
    ),
    ("tags list wins over the note", {"tags": ["Hedged"], "note": "[negation] x"}, ("hedged",)),
    ("note without opening tags", {"note": "plain remark [negation]"}, ()),
    ("repeated and padded tags", {"note": "[ negation ;Negation; ] x"}, ("negation",)),
    ("no note", {}, ()),
    ("note not a string", {"note": 3}, ()),
]


@pytest.mark.parametrize(("name", "extra", "expected"), TAGS, ids=[t[0] for t in TAGS])
def test_gold_tags(tmp_path: Path, name: str, extra: dict, expected: tuple[str, ...]) -> None:
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({"id": "x", "text": "A line.", "speaker": None, **extra}) + "\n")
    assert read_gold(gold)[0].tags == expected, name


def _tagged_gold(tmp_path: Path) -> Path:
    """Two statements: the tool gets the first speaker right and the second wrong."""
    lines = [
        {
            "id": "t1",
            "text": "Russia lifted its ban on charter flights to Turkey, the Kremlin said.",
            "published": "2016-06-30",
            "speaker": "Kremlin",
            "speaker_side": "Russia",
            "dyad": "Turkey–Russia",
            "polarity": 2,
            "note": "[reversal verb] the ban ends",
        },
        {
            "id": "t2",
            "text": "“This is a good step for both countries.",
            "published": "2016-06-30",
            "speaker": "a Russian diplomat",
            "speaker_side": "Russia",
            "dyad": "Turkey–Russia",
            "polarity": 1,
            "tags": ["pronoun speaker", "reversal verb"],
        },
    ]
    gold = tmp_path / "tagged.jsonl"
    gold.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines))
    return gold


def test_by_tag_gives_the_figures_of_each_category(tmp_path: Path) -> None:
    result = run("evaluate", str(_tagged_gold(tmp_path)), "--by-tag", "--json")
    assert result.exit_code == 0, result.stderr
    by_tag = json.loads(result.stdout)["by_tag"]
    assert sorted(by_tag) == ["pronoun speaker", "reversal verb"]
    assert (by_tag["reversal verb"]["items"], by_tag["pronoun speaker"]["items"]) == (2, 1)
    assert by_tag["reversal verb"]["speaker"]["accuracy"] == 0.5
    assert by_tag["pronoun speaker"]["speaker"]["accuracy"] == 0.0


def test_by_tag_table_and_json_without_the_flag(tmp_path: Path) -> None:
    gold = str(_tagged_gold(tmp_path))
    table = run("evaluate", gold, "--by-tag").stdout
    header = table.splitlines()[10]
    assert header.split() == [
        "category",
        "items",
        "speaker",
        "side",
        "dyad",
        "F1",
        "date",
        "sign",
        "diplomacy",
        "sign",
        "vader",
    ]
    assert table.splitlines()[11].split()[:4] == ["pronoun", "speaker", "1", "0.000"]
    assert "by_tag" not in json.loads(run("evaluate", gold, "--json").stdout)


# Sentence mode, no `published`: the page address gives what an ingest would know.
URL_PUBLISHED_CASES = [
    ("a month in the address dates a remark to the month",
     "https://blog.example.org/2016/02/envoy-remarks.html", "2016-02", "month", 1),
    ("a day in the address resolves the weekday",
     "https://example.org/2016/02/10/envoy-remarks", "2016-02-09", "day", 1),
    ("must not: an article id in the address dates nothing",
     "https://example.org/news/a-20160210", "2016-02", "month", 0),
]  # fmt: skip


@pytest.mark.parametrize(
    ("url", "gold_date", "precision", "hits"),
    [case[1:] for case in URL_PUBLISHED_CASES],
    ids=[case[0] for case in URL_PUBLISHED_CASES],
)
def test_sentence_mode_reads_the_publication_date_from_the_address(
    tmp_path: Path, url: str, gold_date: str, precision: str, hits: int
) -> None:
    item = {
        "id": "u1",
        "text": "A ministry spokesman said on Tuesday that the talks would go on.",
        "source_url": url,
        "published": None,
        "speaker": "a ministry spokesman",
        "speaker_side": "Turkey",
        "event_date": gold_date,
        "date_precision": precision,
        "dyad": None,
        "polarity": None,
        "note": "",
    }
    gold = tmp_path / "url.jsonl"
    gold.write_text(json.dumps(item) + "\n")
    result = run("evaluate", str(gold), "--json")
    assert result.exit_code == 0, result.stderr
    dates = json.loads(result.stdout)["event_date"]
    assert dates["accuracy"] == hits
    assert dates["published_known"]["items"] == hits


# (name, gold speaker, system speaker, whether they match)
SPEAKER_MATCH_CASES = [
    ("an article in the gold only", "a Turkish diplomat", "Turkish diplomat", True),
    ("an article in the output only", "German foreign ministry", "The German foreign ministry",
     True),
    ("must not fold: an article inside the name", "minister of the interior",
     "minister of interior", False),
    ("must not fold: another descriptor", "a Turkish diplomat", "a Russian diplomat", False),
]  # fmt: skip


@pytest.mark.parametrize(("gold", "system", "same"), [c[1:] for c in SPEAKER_MATCH_CASES],
                         ids=[c[0] for c in SPEAKER_MATCH_CASES])  # fmt: skip
def test_speaker_names_match_without_a_leading_article(gold: str, system: str, same: bool) -> None:
    from tracker.analysis.actors import ActorDictionary
    from tracker.evaluation.statements import _same_speaker

    assert _same_speaker(gold, system, ActorDictionary.default(), None) is same
