"""tracker evaluate / evaluate-sentiment / explain, on fixtures we wrote."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tracker.cli.main import main

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
    assert set(data["event_date"]) == {"accuracy", "month_accuracy"}
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
