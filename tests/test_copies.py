"""Syndicated copies: the normal form, cluster decisions, the planted-copies floor, and the
clusters kept consistent through ingest, --replace, --defer-analysis + rescore, and the views."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tracker.db import connection, copies
from tracker.db.shingles import normalise, signature, similarity
from tracker.ingest.batches import ingest_articles
from tracker.ingest.pipeline import PipelineSpec
from tracker.models import Article
from tracker.rescore import execute
from tracker.rescore.execute import rescore
from tracker.synthetic.copies import candidates, pair_scores, place, planted_corpus

D = dt.date

NORMALISE = [
    ("curly double quotes", "He said “no”.", "he said no"),
    ("guillemets", "He said «no».", "he said no"),
    ("curly apostrophe", "Turkey’s minister", "turkey s minister"),
    ("straight apostrophe", "Turkey's minister", "turkey s minister"),
    ("doubled spaces and newline", "Ties  were\n  warm .", "ties were warm"),
    ("case", "TIES WERE WARM", "ties were warm"),
    ("Reuters dateline", "ANKARA (Reuters) - Ties were warm.", "ties were warm"),
    ("dated AFP dateline", "MOSCOW, July 26 (AFP) — Ties were warm.", "ties were warm"),
    ("AP dateline, two-word city", "NEW YORK (AP) — Ties were warm.", "ties were warm"),
    ("AFP lead", "AFP - Ties were warm.", "ties were warm"),
    ("TASS sign-off", "Ties were warm. — TASS", "ties were warm"),
    ("AFP sign-off with hyphen", "Ties were warm - AFP", "ties were warm"),
    ("bracketed Anadolu", "Ties were warm (Anadolu).", "ties were warm"),
    ("upper-case dateline without agency", "ANKARA — Ties were warm.", "ties were warm"),
    (
        "a sentence starting with a title is no dateline",
        "A Kremlin spokesman (Reuters) said ties were warm.",
        "a kremlin spokesman said ties were warm",
    ),
    ("an agency named in the text stays", "Reuters reported that ties were warm.",
     "reuters reported that ties were warm"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text", "expected"), NORMALISE, ids=[n[0] for n in NORMALISE])
def test_normalise(name: str, text: str, expected: str) -> None:
    assert normalise(text) == expected


REMARK = "A Kremlin spokesman said ties between Ankara and Moscow were slowly improving."
OTHER = "A Kremlin spokesman said the talks on tourist flights would resume next month."

# (name, [(text, speaker, published)], expected clusters as groups of indexes)
DECISIONS = [
    ("same remark, other outlet", [(REMARK, "K", D(2016, 7, 1)),
     ("MOSCOW (Reuters) - " + REMARK, "K", D(2016, 7, 2))], [[0, 1]]),
    ("curly quotes and spaces", [('He said "relations are warm" on Tuesday.', "K", D(2016, 7, 1)),
     ("He said  “relations are warm”  on Tuesday.", "K", D(2016, 7, 1))], [[0, 1]]),
    ("light rewording", [(REMARK, "K", D(2016, 7, 1)),
     (REMARK.replace(" said ", " said on Tuesday "), "K", D(2016, 7, 3))], [[0, 1]]),
    ("same words a week later", [(REMARK, "K", D(2016, 7, 1)), (REMARK, "K", D(2016, 7, 8))],
     [[0], [1]]),
    ("same words three days later", [(REMARK, "K", D(2016, 7, 1)),
     (REMARK, "K", D(2016, 7, 4))], [[0, 1]]),
    ("four days later", [(REMARK, "K", D(2016, 7, 1)), (REMARK, "K", D(2016, 7, 5))],
     [[0], [1]]),
    ("different speaker", [(REMARK, "K", D(2016, 7, 1)), (REMARK, "T", D(2016, 7, 1))],
     [[0], [1]]),
    ("another remark by the same speaker", [(REMARK, "K", D(2016, 7, 1)),
     (OTHER, "K", D(2016, 7, 1))], [[0], [1]]),
    ("another tone, same template", [(REMARK, "K", D(2016, 7, 1)),
     (REMARK.replace("slowly improving", "badly strained"), "K", D(2016, 7, 1))], [[0], [1]]),
    ("three outlets, one remark", [(REMARK, "K", D(2016, 7, 1)), ("AFP - " + REMARK, "K",
     D(2016, 7, 1)), (REMARK + " — TASS", "K", D(2016, 7, 2))], [[0, 1, 2]]),
]  # fmt: skip


def _groups(placed: dict[int, int]) -> list[list[int]]:
    by: dict[int, list[int]] = {}
    for i, cid in sorted(placed.items()):
        by.setdefault(cid, []).append(i)
    return sorted(by.values())


@pytest.mark.parametrize(("name", "items", "expected"), DECISIONS, ids=[d[0] for d in DECISIONS])
@pytest.mark.parametrize("one_by_one", [False, True], ids=["one batch", "one per run"])
def test_cluster_decisions(
    tmp_path: Path, name: str, items: list, expected: list, one_by_one: bool
) -> None:
    cands = [copies.CopyCandidate(i, t, s, d) for i, (t, s, d) in enumerate(items)]
    placed: dict[int, int] = {}
    for batch in [[c] for c in cands] if one_by_one else [cands]:
        # a new connection each time: matching reads the stored clusters, nothing in memory
        with connection.writer(tmp_path / "c.duckdb") as con:
            placed |= copies.assign(con, batch)
    assert _groups(placed) == expected


def test_similarity_of_signatures() -> None:
    a = signature(normalise(REMARK))
    assert similarity(a, signature(normalise("AFP - " + REMARK))) == 1.0
    assert similarity(a, signature(normalise(OTHER))) < 0.5


def test_planted_copies_floor(tmp_path: Path) -> None:
    """bench/dedup.py prints the full figures; this floor holds them on a smaller corpus."""
    with connection.writer(tmp_path / "p.duckdb") as con:
        truth, found = place(con, planted_corpus(150, seed=3))
    scores = pair_scores(truth, found)
    assert scores.true_pairs > 300
    assert scores.precision >= 0.95
    assert scores.recall >= 0.95


def test_pair_scores() -> None:
    scores = pair_scores([1, 1, 1, 2, 2], [7, 7, 8, 8, 8])
    # true pairs: 3 + 1; found: 1 + 3; both: (0,1) and (3,4)
    assert (scores.true_pairs, scores.found_pairs) == (4, 4)
    assert (scores.precision, scores.recall) == (0.5, 0.5)


# --- the clusters in a real database ----------------------------------------------------------

LEAD = "Turkey's foreign minister said on Tuesday that relations with Moscow were improving."
SECOND = "A Kremlin spokesman said Russia welcomed the letter of regret from Ankara."
BODY = f"{LEAD} {SECOND}"
LATER = "Officials in both capitals said trade would resume."


def _article(text: str, day: dt.date, origin: str, source: str) -> Article:
    slug = source.lower().replace(" ", "-")
    return Article(text, day, origin, source=source, url=f"https://example.org/{slug}/{origin}")


def _clusters(db: Path) -> list[tuple]:
    with connection.reader(db) as con:
        return con.execute(
            "SELECT representative_id, copies, list(statement_id ORDER BY statement_id) "
            "FROM copy_clusters JOIN statement_copies USING (cluster_id) "
            "GROUP BY ALL ORDER BY representative_id"
        ).fetchall()


def _daily(db: Path) -> list[tuple]:
    with connection.reader(db) as con:
        return con.execute(
            "SELECT day, sum(n)::INT, sum(n_copies)::INT FROM daily_scores "
            "WHERE scorer = 'diplomacy' GROUP BY day ORDER BY day"
        ).fetchall()


@pytest.fixture
def syndicated(tmp_path: Path) -> Path:
    db = tmp_path / "s.duckdb"
    ingest_articles(
        [
            _article(BODY, D(2016, 6, 28), "a", "Ankara Wire"),
            _article("ANKARA (Reuters) - " + BODY, D(2016, 6, 29), "b", "Moscow Evening Post"),
            _article(BODY + " — TASS", D(2016, 6, 29), "c", "Caspian Herald"),
            # the same words, news again (another text: the same text is stored once)
            _article(BODY + " " + LATER, D(2016, 7, 10), "d", "Levant Monitor"),
        ],
        db,
    )
    return db


def test_ingest_clusters_copies_and_views_count_them_once(syndicated: Path) -> None:
    assert _clusters(syndicated) == [
        (1, 3, [1, 3, 5]),
        (2, 3, [2, 4, 6]),
        (7, 1, [7]),
        (8, 1, [8]),
        (9, 1, [9]),
    ]
    # Each day: statements counted once (the representatives') and with every copy.
    assert _daily(syndicated) == [(D(2016, 6, 28), 2, 6), (D(2016, 7, 10), 3, 3)]
    with connection.reader(syndicated) as con:
        rows = con.execute(
            "SELECT statement_id, copies, counted FROM statement_scores "
            "WHERE scorer = 'diplomacy' ORDER BY statement_id"
        ).fetchall()
    assert rows == [
        (1, 3, True), (2, 3, True), (3, 3, False), (4, 3, False), (5, 3, False), (6, 3, False),
        (7, 1, True), (8, 1, True), (9, 1, True),
    ]  # fmt: skip


def test_a_later_ingest_matches_the_stored_clusters(syndicated: Path) -> None:
    ingest_articles([_article("AFP - " + BODY, D(2016, 6, 30), "e", "Atlantic Desk")], syndicated)
    clusters = _clusters(syndicated)
    assert clusters[:2] == [(1, 4, [1, 3, 5, 10]), (2, 4, [2, 4, 6, 11])]


def test_replace_takes_statements_out_and_moves_the_representative(syndicated: Path) -> None:
    changed = "The Turkish president said ties with the West were under review."
    ingest_articles(
        [_article(changed, D(2016, 6, 28), "a", "Ankara Wire")], syndicated, replace=True
    )
    clusters = _clusters(syndicated)
    # Statements 1 and 2 are gone: the oldest remaining copies stand for their clusters.
    assert clusters[:2] == [(3, 2, [3, 5]), (4, 2, [4, 6])]
    assert (10, 1, [10]) in clusters
    # The new representative is found by its own keys: a new copy still joins.
    ingest_articles([_article(BODY, D(2016, 6, 30), "f", "Atlantic Desk")], syndicated)
    assert _clusters(syndicated)[:2] == [(3, 3, [3, 5, 11]), (4, 3, [4, 6, 12])]


def test_deferred_analysis_is_placed_by_rescore(tmp_path: Path) -> None:
    db = tmp_path / "d.duckdb"
    articles = [
        _article(BODY, D(2016, 6, 28), "a", "Ankara Wire"),
        _article("AFP - " + BODY, D(2016, 6, 28), "b", "Atlantic Desk"),
    ]
    ingest_articles(articles, db, spec=PipelineSpec(profiles=("vader",), analyze=False))
    assert _clusters(db) == []
    rescore(db)
    assert _clusters(db) == [(1, 2, [1, 3]), (2, 2, [2, 4])]


def test_refresh_places_a_statement_again_when_its_speaker_changes(syndicated: Path) -> None:
    with connection.writer(syndicated) as con:
        # As if a re-analysis had found another speaker for statement 5.
        con.execute("UPDATE statement_analysis SET speaker = 'someone else' WHERE statement_id = 5")
        con.execute("BEGIN TRANSACTION")
        assert copies.refresh(con) == 1
        con.execute("COMMIT")
    clusters = _clusters(syndicated)
    assert clusters[0] == (1, 2, [1, 3])
    assert (5, 1, [5]) in clusters


@pytest.mark.parametrize("chunk", [2_000, 3], ids=["one write", "writes of 3"])
def test_rescore_places_the_statements_of_a_database_from_before_0007(
    syndicated: Path, chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(execute, "PLACE_CHUNK", chunk)
    before = _clusters(syndicated)
    with connection.writer(syndicated) as con:
        for table in ("statement_copies", "copy_clusters", "copy_bands"):
            con.execute(f"DELETE FROM {table}")  # as migration 0007 leaves an older database
    assert _clusters(syndicated) == []
    report = rescore(syndicated)
    assert report.runs == ()  # nothing to rescore: only the clusters were missing
    assert _clusters(syndicated) == before


def test_evaluation_timeline_counts_a_syndicated_remark_once() -> None:
    from tracker.evaluation.gold import GoldItem, GoldRelation
    from tracker.evaluation.statements import SystemStatement, _points

    def gold(i: int) -> GoldItem:
        rel = (GoldRelation("Turkey–Russia", 2),)
        return GoldItem(f"g{i}", REMARK, D(2016, 7, 1), True, "K", "Russia", "2016-07-01",
                        "day", rel)  # fmt: skip

    def system(cluster: int | None, score: float) -> SystemStatement:
        return SystemStatement(REMARK, "K", "Russia", D(2016, 7, 1), "day", ("Turkey–Russia",),
                               {"diplomacy": score}, cluster=cluster)  # fmt: skip

    found = [system(7, 0.5), system(7, 0.4), system(8, 0.1), system(None, 0.2), None]
    points = _points([gold(i) for i in range(5)], found, ["diplomacy"])
    # the second copy of cluster 7 is left out; no cluster, or no statement, counts as itself
    assert [p.scores["diplomacy"] for p in points] == [0.5, 0.1, 0.2, 0.0]


def test_fresh_parts_are_joined_and_parts_with_moved_statements_keep_their_bounds() -> None:
    day = dt.date(2016, 6, 27)
    fresh = tuple(copies.CopyCandidate(i, f"remark {i}", "a spokesman", day) for i in range(7))
    moved = tuple(copies.CopyCandidate(i, f"remark {i}", "a minister", day) for i in range(7, 10))
    parts = copies.Pending(fresh, moved).chunks(2, 5)
    assert [(len(p.fresh), len(p.moved)) for p in parts] == [(4, 0), (2, 0), (1, 1), (0, 2)]
    assert [c for p in parts for c in (*p.fresh, *p.moved)] == [*fresh, *moved]


def test_bulk_placement_in_any_cut_forms_the_same_clusters(tmp_path: Path) -> None:
    articles = planted_corpus(40, seed=3)
    items = [c for n, a in enumerate(articles) for c in candidates(a, 1000 * n)]
    found = []
    for k, size in enumerate((len(items), 37, 1)):
        with connection.writer(tmp_path / f"{k}.duckdb") as con:
            for lo in range(0, len(items), size):
                copies.assign(con, items[lo : lo + size])
            found.append(
                con.execute(
                    "SELECT statement_id, cluster_id FROM statement_copies ORDER BY 1"
                ).fetchall()
            )
    assert found[0] == found[1] == found[2]
    assert len({c for _, c in found[0]}) < len(found[0])  # copies were found


def test_placement_writes_leave_readers_a_gap_the_next_signatures_are_computed_in(
    syndicated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class FakeTime:
        def __init__(self) -> None:
            self.now, self.sleeps, self.writes = 0.0, list[float](), list[tuple[float, float]]()

        def monotonic(self) -> float:
            return self.now

        def sleep(self, seconds: float) -> None:
            self.sleeps.append(round(seconds, 6))
            self.now += seconds

    fake = FakeTime()
    prepare, place = copies.prepare, copies.place

    def slow_prepare(candidates: list[copies.CopyCandidate]) -> Any:
        fake.now += 0.1  # signatures take 0.1 s
        return prepare(candidates)

    def slow_place(con: duckdb.DuckDBPyConnection, part: copies.Pending, prepared: Any) -> None:
        began = fake.now
        fake.now += 0.05  # the write holds the file 0.05 s
        place(con, part, prepared)
        fake.writes.append((began, fake.now))

    monkeypatch.setattr(execute, "time", fake)
    monkeypatch.setattr(execute.copies, "prepare", slow_prepare)
    monkeypatch.setattr(execute.copies, "place", slow_place)
    monkeypatch.setattr(execute, "PLACE_CHUNK", 3)
    monkeypatch.setattr(execute, "PLACE_FRESH_CHUNK", 3)
    with connection.writer(syndicated) as con:
        for table in ("statement_copies", "copy_clusters", "copy_bands"):
            con.execute(f"DELETE FROM {table}")
    rescore(syndicated)
    gaps = [round(b - a, 6) for (_, a), (b, _) in itertools.pairwise(fake.writes)]
    assert len(fake.writes) > 2 and gaps == [execute.PLACE_GAP_SECONDS] * (len(fake.writes) - 1)
    # the signatures are computed in the gap; nothing is slept after the last write
    assert fake.sleeps == [0.0] + [execute.PLACE_GAP_SECONDS - 0.1] * (len(fake.writes) - 1)
