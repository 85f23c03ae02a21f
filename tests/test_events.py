"""The event layer: the dictionary, reading acts in a clause (pattern families, negation,
modality, agent, must-not-fire cases), the score and explanation, storage and the CLI option.

Every sentence is our own writing; none is taken from news text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import write
from tracker.cli.main import main
from tracker.db import connection as db
from tracker.errors import InputError
from tracker.ingest.identity import changed_terms, snapshot
from tracker.models import DyadAssignment
from tracker.scoring.diplomacy.profile import DiplomacyScorer
from tracker.scoring.diplomacy.tokens import tokenize
from tracker.scoring.events.dictionary import (
    ROOT_GOLDSTEIN,
    default_events_path,
    load_events,
    quad_class,
)
from tracker.scoring.events.reading import EventReader, event_direction
from tracker.scoring.statement import score_statement

READER = EventReader(load_events([default_events_path()]))


def first_event(text: str) -> tuple[str, str, str | None] | None:
    readings = READER.read(tokenize(text))
    if not readings:
        return None
    e = readings[0]
    return (e.cameo, e.mode, e.agent)


# (name, input, expected first event: (CAMEO root, mode, agent) or None)
PATTERN_FAMILIES = [
    ("shoot down", "Air force jets shot down a bomber near the frontier.", ("19", "act", None)),
    ("shoot down, gap", "The pilots shot the drone down over the hills.", ("19", "act", None)),
    ("down as a verb", "Two fighters downed a reconnaissance plane.", ("19", "act", None)),
    ("violate airspace", "Warplanes violated the neighbour's airspace twice.", ("15", "act", None)),
    ("deploy", "The ministry deployed air-defence batteries to the base.", ("15", "act", None)),
    (
        "impose sanctions",
        "The government imposed sweeping sanctions on its neighbour.",
        ("16", "act", None),
    ),
    ("impose a ban", "The cabinet imposed a ban on fruit from the south.", ("16", "act", None)),
    (
        "suspend flights",
        "The carrier suspended all charter flights on Monday.",
        ("16", "act", None),
    ),
    ("freeze projects", "Both capitals froze joint energy projects.", ("16", "act", None)),
    (
        "recall ambassador",
        "The republic recalled its ambassador for consultations.",
        ("16", "act", None),
    ),
    ("expel diplomats", "The ministry expelled four diplomats on Friday.", ("16", "act", None)),
    (
        "summon envoy",
        "The foreign office summoned the envoy over the remarks.",
        ("10", "act", None),
    ),
    ("arrest", "Police arrested two visiting businessmen at the airport.", ("17", "act", None)),
    ("detain", "Border guards detained a lorry crew overnight.", ("17", "act", None)),
    ("extradite", "The court extradited the suspect to his home country.", ("06", "act", None)),
    ("lift ban", "The government lifted its ban on package tours.", ("08", "act", None)),
    ("ease restrictions", "Officials eased restrictions on lorry drivers.", ("08", "act", None)),
    (
        "resume flights",
        "Airlines resumed scheduled flights between the capitals.",
        ("06", "act", None),
    ),
    ("resume talks", "The delegations resumed talks in the spring.", ("04", "act", None)),
    ("cooperate", "The two navies cooperated during the rescue.", ("06", "act", None)),
    ("provide aid", "The agency provided humanitarian aid after the quake.", ("07", "act", None)),
    (
        "sign agreement",
        "The ministers signed an agreement on grain shipments.",
        ("05", "act", None),
    ),
    ("meet", "The two presidents met on the sidelines of the summit.", ("04", "act", None)),
    ("visit", "The premier visited the neighbouring capital in June.", ("04", "act", None)),
    ("host", "The city hosted the foreign minister for two days.", ("04", "act", None)),
    ("phone call", "The leaders spoke by phone on Wednesday.", ("04", "act", None)),
    ("invite", "The president invited his counterpart to the summit.", ("03", "act", None)),
    ("apologise", "The leader apologised for the loss of the crew.", ("05", "act", None)),
    ("condolences", "The palace sent its condolences to the families.", ("05", "act", None)),
    ("solidarity", "The alliance expressed solidarity with its member.", ("05", "act", None)),
    ("accuse", "The spokesman accused the neighbour of aiding smugglers.", ("11", "act", None)),
    ("condemn", "The parliament condemned the incursion.", ("11", "act", None)),
    ("criticise", "The envoy criticised the decision in a letter.", ("11", "act", None)),
    ("warn", "The general warned of consequences.", ("13", "act", None)),
    ("demand", "The ministry demanded an explanation.", ("10", "act", None)),
    ("reject", "The cabinet rejected the proposal outright.", ("12", "act", None)),
    ("protest", "The embassy protested against the detention.", ("14", "act", None)),
    ("change a law", "Parliament changed the press law in May.", ("08", "act", None)),
]

MODALITY = [
    (
        "harm on a condition is a threat",
        "If the waiver does not come, we will back out of the deal.",
        ("13", "threat", "speaker"),
    ),
    (
        "forced to, a threat",
        "The capital would be forced to walk away from the talks.",
        ("13", "threat", None),
    ),
    # No condition, no compulsion: the announced act is coded as such.
    ("backing out, no condition", "The cabinet will back out of the deal.", ("16", "act", None)),
    (
        "threat to sanction",
        "The ministry threatened to impose sanctions on the republic.",
        ("13", "threat", None),
    ),
    (
        "warning with would",
        "The spokesman warned that it would suspend flights.",
        ("13", "threat", None),
    ),
    (
        "promise of cooperation",
        "The premier pledged to resume flights by summer.",
        ("03", "promise", None),
    ),
    (
        "promise of harm is a threat",
        "The president vowed to impose sanctions in reply.",
        ("13", "promise", None),
    ),
    ("proposal", "The capital offered to host talks next month.", ("03", "proposal", None)),
    (
        "refusal of cooperation",
        "The ministry refused to resume talks with its neighbour.",
        ("12", "refusal", None),
    ),
    (
        "demand for an act",
        "The minister demanded that the neighbour extradite the suspect.",
        ("10", "demand", None),
    ),
    (
        "appeal for an act",
        "The alliance urged the republic to lift the ban.",
        ("02", "appeal", None),
    ),
    (
        "appeal with a time between addressee and act",
        "The minister called on the United States on Tuesday to extradite the banker.",
        ("02", "appeal", None),
    ),
    # A cooperative act refused for the future is a rejection; a wish with an addressee a demand.
    (
        "will not, a refusal",
        "The president said the cabinet will not change the press law for any reward.",
        ("12", "refusal", None),
    ),
    ("won't, a refusal", "The ministry won't lift the ban this year.", ("12", "refusal", None)),
    (
        "wants the other side to act",
        "The bloc wants the republic to amend its security legislation.",
        ("10", "demand", None),
    ),
    # Must not: a wish of the subject's own is no demand ("wanted to restore ties").
    (
        "a wish of one's own",
        "The premier wanted to restore ties with the neighbour.",
        ("05", "act", None),
    ),
]

NO_EVENT = [
    ("negated act", "The government did not lift the ban on tours.", None),
    ("negated act in the present", "The carrier has not resumed flights.", None),
    ("yet to", "The carrier has yet to resume flights.", None),
    ("speculated act", "The cabinet could impose sanctions next week.", None),
    ("held back", "The allies were slow to express solidarity.", None),
    ("negated threat", "The ministry did not threaten to impose sanctions.", None),
    ("refused harm", "The parliament refused to impose sanctions on its neighbour.", None),
    ("past event named", "The downed jet's pilot was buried with honours.", None),
    ("possessive names the event", "The ministry's recalled ambassador flew home on Sunday.", None),
    ("noun of a stem pattern", "Swift condemnation came from the capital.", None),
    ("aide is no aid", "A presidential aide spoke to reporters.", None),
    ("hostile is no host", "The hostile crowd gathered outside.", None),
    ("call on a weekday", "The leaders held a call on Tuesday evening.", None),
    ("urging calm", "The secretary general urged calm on all sides.", None),
    ("noun ending in -ors", "Foreign visitors filled the old town.", None),
    ("plural gerund", "Pilots ignored repeated warnings from the tower.", None),
    ("a demand named, not made", "Lawyers discussed the request to extradite the banker.", None),
    ("hosting people is no visit", "The province hosts thousands of displaced families.", None),
    ("mobilising money is no force", "The bloc will mobilise further funds for the camps.", None),
]

AGENTS = [
    ("first person acts", "We will lift the ban on tours next week.", ("08", "act", "speaker")),
    ("second person acts", "You shot down our plane.", ("19", "act", "other")),
    (
        "first-person patient, passive",
        "Our jet was shot down over the border.",
        ("19", "act", "other"),
    ),
    ("narrated act names no agent", "The republic lifted the ban.", ("08", "act", None)),
    (
        "first person makes a threat",
        "We threatened to suspend flights.",
        ("13", "threat", "speaker"),
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    PATTERN_FAMILIES + MODALITY + NO_EVENT + AGENTS,
    ids=[c[0] for c in PATTERN_FAMILIES + MODALITY + NO_EVENT + AGENTS],
)
def test_reading_events(name: str, text: str, expected: tuple | None) -> None:
    assert first_event(text) == expected


def test_every_bundled_pattern_family_is_exercised() -> None:
    """Each root category the bundled dictionary uses appears in the tables above."""
    used = {p.cameo for p in load_events([default_events_path()]).patterns.values()}
    tested = {c[2][0] for c in PATTERN_FAMILIES if c[2]} | {c[2][0] for c in AGENTS if c[2]}
    assert used - tested - {"02", "03", "18"} == set()  # 02, 03: covered by MODALITY


def test_a_cue_used_as_such_is_not_an_event_of_its_own() -> None:
    readings = READER.read(tokenize("The ministry threatened to impose sanctions."))
    assert [(r.cameo, r.mode, r.act_cameo) for r in readings] == [("13", "threat", "16")]


def test_one_cue_makes_one_event() -> None:
    readings = READER.read(tokenize("The envoy urged the republic to extradite or arrest him."))
    assert [(r.cameo, r.mode, r.act_cameo) for r in readings] == [("02", "appeal", "06")]


def test_modal_events_carry_the_published_value_of_their_category() -> None:
    readings = READER.read(tokenize("The ministry refused to resume talks."))
    assert readings[0].goldstein == ROOT_GOLDSTEIN["12"] == -4.0


QUADS = [
    ("01", "verbal cooperation"),
    ("05", "verbal cooperation"),
    ("06", "material cooperation"),
    ("09", "material cooperation"),
    ("10", "verbal conflict"),
    ("14", "verbal conflict"),
    ("15", "material conflict"),
    ("20", "material conflict"),
]


@pytest.mark.parametrize(("code", "quad"), QUADS, ids=[q[0] for q in QUADS])
def test_quad_class_of_root_categories(code: str, quad: str) -> None:
    assert quad_class(code) == quad


DIRECTIONS = [
    ("speaker acts", "speaker", "Russia\u2192Turkey", "Russia\u2192Turkey"),
    ("other side acts", "other", "Russia\u2192Turkey", "Turkey\u2192Russia"),
    ("agent unknown", None, "Turkey\u2192West", None),
    ("narrated statement", "speaker", "narrated", None),
]


@pytest.mark.parametrize(
    ("name", "agent", "direction", "expected"), DIRECTIONS, ids=[d[0] for d in DIRECTIONS]
)
def test_event_direction_from_the_relation_assignment(
    name: str, agent: str | None, direction: str, expected: str | None
) -> None:
    assignment = DyadAssignment("Turkey\u2013Russia", direction, "speaker", None)
    assert event_direction(agent, assignment) == expected


# -- the dictionary file -------------------------------------------------------------------

BAD_ROWS = [
    ("no header", "shot down,19,,x\n", "expected the header 'pattern,cameo,goldstein,note'"),
    ("not a root", "pattern,cameo,goldstein,note\nshot down,21,,x\n", "write 01 to 20"),
    ("goldstein range", "pattern,cameo,goldstein,note\nshot down,19,-11,x\n", "outside -10..10"),
    ("goldstein word", "pattern,cameo,goldstein,note\nshot down,19,big,x\n", "is not a number"),
    ("bad stem", "pattern,cameo,goldstein,note\nsh* down,19,,x\n", "a stem needs 3 letters"),
    ("doubled", "pattern,cameo,goldstein,note\nmet,04,,x\nmet,04,,y\n", "already appears"),
    ("fields", "pattern,cameo,goldstein,note\nmet\n", "expected 4 fields"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_ROWS, ids=[b[0] for b in BAD_ROWS])
def test_bad_dictionary_rows_name_file_and_line(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = write(tmp_path / "mine.csv", content)
    with pytest.raises(InputError, match=message) as info:
        load_events([path])
    assert str(path) in str(info.value)


def test_a_user_dictionary_extends_and_overrides_the_bundled_one(tmp_path: Path) -> None:
    mine = write(
        tmp_path / "mine.csv",
        "pattern,cameo,goldstein,note\n"
        "ground* ... flights,16,,grounding flights\n"
        "met,01,0.5,a meeting is only a statement here\n",
    )
    merged = load_events([default_events_path(), mine])
    reader = EventReader(merged)
    first = reader.read(tokenize("The regulator grounded all charter flights."))[0]
    assert (first.cameo, first.goldstein) == ("16", -4.0)  # empty: the root's value
    met = reader.read(tokenize("The ministers met in the capital."))[0]
    assert (met.cameo, met.goldstein) == ("01", 0.5)
    assert merged.files == (default_events_path(), mine)


def test_the_dictionary_is_part_of_the_diplomacy_identity(tmp_path: Path) -> None:
    mine = write(
        tmp_path / "mine.csv",
        "pattern,cameo,goldstein,note\nground* ... jets,16,,x\nmet,01,,a statement\n",
    )
    plain, extended = DiplomacyScorer(), DiplomacyScorer(extra_events=(mine,))
    assert plain.identity.lexicon_hash != extended.identity.lexicon_hash
    # Not a rules change: the rescoring diffs the patterns, like lexicon terms.
    old, new = snapshot(plain), snapshot(extended)
    assert old.rules_hash == new.rules_hash
    assert changed_terms(old, new) == ("ground* ... jets", "met")


# -- score and explanation -----------------------------------------------------------------


def test_an_act_no_word_marks_scores_by_its_intensity() -> None:
    scorer = DiplomacyScorer()
    text = "Turkish jets shot the Russian bomber down near the Syrian border."
    score, explanation = scorer.score_and_explain(text)
    (event,) = explanation.by_kind("event")
    assert event.text == "shot the Russian bomber down"
    assert "CAMEO 19 fight (material conflict), Goldstein -10.0" in event.note
    assert "with the words' +0.00" in event.note
    assert score.compound < -0.3


def test_the_event_does_not_soften_words_that_say_as_much() -> None:
    scorer = DiplomacyScorer()
    explanation = scorer.explain("The government lifted its ban on package tours.")
    assert explanation.by_kind("event") == ()
    assert explanation.by_kind("reversal")


def test_an_event_near_neutral_leaves_the_score_to_the_words() -> None:
    scorer = DiplomacyScorer()
    text = "The Turkish minister negotiated with Russian officials all night."
    assert score_statement(scorer, text).whole.event is not None  # stored: 04 consult
    assert scorer.explain(text).by_kind("event") == ()


def test_a_negated_act_adds_no_event() -> None:
    explanation = DiplomacyScorer().explain("The government did not lift the ban on tours.")
    assert explanation.by_kind("event") == ()


RECAPS = [
    # (name, statement, (CAMEO root, the words that set it) of the stored event, or None)
    ("recalled after 'since'", "Relations have not recovered since Turkey shot down a Russian "
     "bomber.", None),
    ("recalled after 'after'", "Trade collapsed after Turkey shot down a Russian bomber last "
     "year.", None),
    ("recalled in a warming statement", "Ties warmed quickly after Ankara expelled the "
     "diplomats in March.", None),
    ("reported act", "Turkey shot down a Russian bomber on Tuesday.", ("19", "shot down")),
    ("'since' after an auxiliary is an adverb", "Russia has since deployed air defence systems "
     "near the border.", ("15", "deployed air defence systems")),
    ("act after a background clause", "After the talks, Moscow lifted the ban on charter "
     "flights.", ("08", "lifted the ban")),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text", "expected"), RECAPS, ids=[r[0] for r in RECAPS])
def test_a_recalled_act_is_not_the_statements_event(
    name: str, text: str, expected: tuple[str, str] | None
) -> None:
    event = score_statement(DiplomacyScorer(), text).whole.event
    got = None if event is None else (event.cameo, text[event.start : event.end])
    assert got == expected, name


def test_the_stored_event_carries_its_span() -> None:
    text = "The ministry threatened to impose sanctions on the republic."
    scored = score_statement(DiplomacyScorer(), text)
    event = scored.whole.event
    assert event is not None
    assert (event.cameo, event.quad_class, event.goldstein, event.mode) == (
        "13",
        "verbal conflict",
        -4.4,
        "threat",
    )
    assert text[event.start : event.end] == "threatened to impose sanctions"


# -- storage and the command line ----------------------------------------------------------

ARTICLE = """
---
published: 2015-11-24
title: Border incident
source: test wire
---
Turkish jets shot the Russian bomber down near the Syrian border on Tuesday.
"We will impose sanctions on Turkey," a Russian ministry spokesman said.
"""


def events_of(path: Path) -> list[tuple]:
    with db.reader(path) as con:
        return con.execute(
            "SELECT dyad, event_code, event_quad, event_goldstein, event_mode, event_agent, "
            "event_direction, event_text FROM dyad_events WHERE scorer = 'diplomacy' "
            "ORDER BY statement_id"
        ).fetchall()


def test_ingest_stores_events_and_the_views_show_them(tmp_path: Path, db_path: Path) -> None:
    article = write(tmp_path / "incident.md", ARTICLE)
    result = CliRunner().invoke(main, ["ingest", str(article)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    tr = "Turkey\u2013Russia"
    assert events_of(db_path) == [
        (tr, "19", "material conflict", -10.0, "act", None, None,
         "shot the Russian bomber down"),
        (tr, "16", "material conflict", -8.0, "act", "speaker", "Russia\u2192Turkey",
         "impose sanctions"),
    ]  # fmt: skip
    with db.reader(db_path) as con:
        daily = con.execute(
            "SELECT day, n_events, mean_goldstein, material_conflict, verbal_conflict "
            "FROM daily_dyad_events WHERE scorer = 'diplomacy'"
        ).fetchall()
        vader = con.execute(
            "SELECT count(*) FROM scores AS s JOIN score_runs USING (run_id) "
            "WHERE scorer = 'vader' AND event_code IS NOT NULL"
        ).fetchall()
    assert [row[1:] for row in daily] == [(2, -9.0, 2, 0)]
    assert vader == [(0,)]


def test_events_dict_option_and_env_extend_the_dictionary(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = write(
        tmp_path / "mine.csv",
        "pattern,cameo,goldstein,note\nground* ... flights,16,,grounding flights\n",
    )
    article = write(
        tmp_path / "flights.md",
        """
        ---
        published: 2015-12-01
        ---
        Russia grounded all charter flights to Turkey on Monday.
        """,
    )
    runner = CliRunner()
    plain = tmp_path / "plain.duckdb"
    runner.invoke(main, ["ingest", str(article), "--db", str(plain)], catch_exceptions=False)
    assert events_of(plain) == []
    result = runner.invoke(
        main, ["ingest", str(article), "--events-dict", str(mine)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert [row[1] for row in events_of(db_path)] == ["16"]
    monkeypatch.setenv("TRACKER_EVENTS_DICT", str(mine))
    by_env = tmp_path / "env.duckdb"
    runner.invoke(main, ["ingest", str(article), "--db", str(by_env)], catch_exceptions=False)
    assert [row[1] for row in events_of(by_env)] == ["16"]


def test_a_dictionary_edit_rescores_the_statements_with_its_words(
    tmp_path: Path, db_path: Path
) -> None:
    mine = write(tmp_path / "mine.csv", "pattern,cameo,goldstein,note\nshot ... down,18,,x\n")
    article = write(tmp_path / "incident.md", ARTICLE)
    runner = CliRunner()
    runner.invoke(main, ["ingest", str(article)], catch_exceptions=False)
    result = runner.invoke(
        main, ["rescore", "--events-dict", str(mine), "--json"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    (run,) = [r for r in json.loads(result.stdout)["runs"] if r["kind"] == "score"]
    # Only the statement containing "shot" and "down" was rescored.
    assert (run["name"], run["scope"], run["statements"]) == ("diplomacy", "changed", 1)
    assert [row[1] for row in events_of(db_path)] == ["18", "16"]
    # The same as ingesting with that dictionary in the first place.
    fresh = tmp_path / "fresh.duckdb"
    args = ["ingest", str(article), "--events-dict", str(mine), "--db", str(fresh)]
    runner.invoke(main, args, catch_exceptions=False)
    assert events_of(fresh) == events_of(db_path)


def test_migration_adds_the_event_columns(db_path: Path) -> None:
    with db.writer(db_path) as con:
        versions = con.execute("SELECT version, name FROM schema_migrations").fetchall()
        columns = con.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = 'scores' AND column_name LIKE 'event_%' ORDER BY ALL"
        ).fetchall()
    assert (4, "events") in versions
    assert [c[0] for c in columns] == sorted(
        f"event_{c}" for c in ("code", "quad", "goldstein", "mode", "agent", "start", "end")
    )


def test_evaluate_reads_the_users_dictionary(tmp_path: Path) -> None:
    """`tracker evaluate --events-dict` builds the scorer with the file (a bad one is refused)."""
    gold = Path(__file__).resolve().parent / "fixtures" / "mini_gold" / "gold.jsonl"
    bad = write(tmp_path / "bad.csv", "pattern,cameo,goldstein,note\nmet,42,,\n")
    good = write(tmp_path / "good.csv", "pattern,cameo,goldstein,note\nmet,01,,\n")
    runner = CliRunner()
    result = runner.invoke(main, ["evaluate", str(gold), "--events-dict", str(bad)])
    assert result.exit_code != 0
    assert "write 01 to 20" in result.stderr
    result = runner.invoke(main, ["evaluate", str(gold), "--events-dict", str(good), "--json"])
    assert result.exit_code == 0, result.stderr
