"""The database schema is a public interface: this test pins it exactly, and checks that
docs/schema.md documents every table and view. Change the schema only by a new migration, then
update this listing and the docs in the same commit."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from tracker.db import connection as db
from tracker.fetch import state as fetch_state
from tracker.ingest.pages import DATE_SOURCES, INPUT
from tracker.models import DYADS, SIDES

EXPECTED = """
table actors.name VARCHAR
table actors.side VARCHAR
table actors.role VARCHAR
table actors.kind VARCHAR
table actors.aliases VARCHAR[]
table actors.titles VARCHAR[]
table actors.valid_from DATE
table actors.valid_to DATE
table actors.source_file VARCHAR
table analysis_runs.analysis_id BIGINT
table analysis_runs.analysis_version VARCHAR
table analysis_runs.inputs_hash VARCHAR
table analysis_runs.scope VARCHAR
table analysis_runs.started TIMESTAMP
table analysis_runs.finished TIMESTAMP
table analysis_runs.status VARCHAR
table analysis_runs.n_statements BIGINT
table copy_bands.band_key BIGINT
table copy_bands.cluster_id BIGINT
table copy_clusters.cluster_id BIGINT
table copy_clusters.representative_id BIGINT
table copy_clusters.speaker VARCHAR
table copy_clusters.published DATE
table copy_clusters.signature UINTEGER[]
table copy_clusters.copies INTEGER
view current_analysis.analysis_id BIGINT
view current_analysis.statement_id BIGINT
view current_analysis.speaker VARCHAR
view current_analysis.speaker_actor VARCHAR
view current_analysis.speaker_side VARCHAR
view current_analysis.attribution_start INTEGER
view current_analysis.attribution_end INTEGER
view current_analysis.said_on DATE
view current_analysis.said_on_precision VARCHAR
view current_analysis.said_on_start INTEGER
view current_analysis.said_on_end INTEGER
view current_analysis.refers_to DATE
view current_analysis.refers_to_precision VARCHAR
view current_analysis.refers_to_start INTEGER
view current_analysis.refers_to_end INTEGER
view current_dyads.analysis_id BIGINT
view current_dyads.statement_id BIGINT
view current_dyads.dyad VARCHAR
view current_dyads.role VARCHAR
view current_dyads.direction VARCHAR
view current_dyads.basis VARCHAR
view current_dyads.clause_start INTEGER
view current_dyads.clause_end INTEGER
view daily_dyad_events.day DATE
view daily_dyad_events.dyad VARCHAR
view daily_dyad_events.scorer VARCHAR
view daily_dyad_events.n_events BIGINT
view daily_dyad_events.mean_goldstein DOUBLE
view daily_dyad_events.verbal_cooperation BIGINT
view daily_dyad_events.material_cooperation BIGINT
view daily_dyad_events.verbal_conflict BIGINT
view daily_dyad_events.material_conflict BIGINT
view daily_dyad_events.n_copies BIGINT
view daily_dyad_scores.day DATE
view daily_dyad_scores.dyad VARCHAR
view daily_dyad_scores.scorer VARCHAR
view daily_dyad_scores.n BIGINT
view daily_dyad_scores.mean_score DOUBLE
view daily_dyad_scores.sd_score DOUBLE
view daily_dyad_scores.n_copies BIGINT
view daily_scores.day DATE
view daily_scores.scorer VARCHAR
view daily_scores.n BIGINT
view daily_scores.mean_score DOUBLE
view daily_scores.sd_score DOUBLE
view daily_scores.n_copies BIGINT
table documents.document_id BIGINT
table documents.content_hash VARCHAR
table documents.origin VARCHAR
table documents.title VARCHAR
table documents.source VARCHAR
table documents.url VARCHAR
table documents.published DATE
table documents.text VARCHAR
table documents.ingested_at TIMESTAMP
table dyad_aggregates.axis VARCHAR
table dyad_aggregates.day DATE
table dyad_aggregates.precision VARCHAR
table dyad_aggregates.dyad VARCHAR
table dyad_aggregates.scorer VARCHAR
table dyad_aggregates.speaker_side VARCHAR
table dyad_aggregates.source VARCHAR
table dyad_aggregates.counted BOOLEAN
table dyad_aggregates.n BIGINT
table dyad_aggregates.sum_score DOUBLE
table dyad_aggregates.sum_score_sq DOUBLE
table dyad_aggregates.n_events BIGINT
table dyad_aggregates.sum_goldstein DOUBLE
table dyad_aggregates.verbal_cooperation BIGINT
table dyad_aggregates.material_cooperation BIGINT
table dyad_aggregates.verbal_conflict BIGINT
table dyad_aggregates.material_conflict BIGINT
view dyad_events.statement_id BIGINT
view dyad_events.document_id BIGINT
view dyad_events.text VARCHAR
view dyad_events.published DATE
view dyad_events.said_on DATE
view dyad_events.refers_to DATE
view dyad_events.refers_to_precision VARCHAR
view dyad_events.speaker VARCHAR
view dyad_events.speaker_side VARCHAR
view dyad_events.dyad VARCHAR
view dyad_events.role VARCHAR
view dyad_events.direction VARCHAR
view dyad_events.scorer VARCHAR
view dyad_events.run_id BIGINT
view dyad_events.score DOUBLE
view dyad_events.event_code VARCHAR
view dyad_events.event_quad VARCHAR
view dyad_events.event_goldstein DOUBLE
view dyad_events.event_mode VARCHAR
view dyad_events.event_agent VARCHAR
view dyad_events.event_direction VARCHAR
view dyad_events.event_start INTEGER
view dyad_events.event_end INTEGER
view dyad_events.event_text VARCHAR
view dyad_events.explanation JSON
view dyad_events.cluster_id BIGINT
view dyad_events.copies INTEGER
view dyad_events.counted BOOLEAN
view dyad_scores.statement_id BIGINT
view dyad_scores.document_id BIGINT
view dyad_scores.text VARCHAR
view dyad_scores.published DATE
view dyad_scores.said_on DATE
view dyad_scores.refers_to DATE
view dyad_scores.refers_to_precision VARCHAR
view dyad_scores.speaker VARCHAR
view dyad_scores.speaker_actor VARCHAR
view dyad_scores.speaker_side VARCHAR
view dyad_scores.dyad VARCHAR
view dyad_scores.role VARCHAR
view dyad_scores.direction VARCHAR
view dyad_scores.basis VARCHAR
view dyad_scores.clause_start INTEGER
view dyad_scores.clause_end INTEGER
view dyad_scores.scorer VARCHAR
view dyad_scores.run_id BIGINT
view dyad_scores.score DOUBLE
view dyad_scores.explanation JSON
view dyad_scores.title VARCHAR
view dyad_scores.source VARCHAR
view dyad_scores.url VARCHAR
view dyad_scores.event_code VARCHAR
view dyad_scores.event_quad VARCHAR
view dyad_scores.event_goldstein DOUBLE
view dyad_scores.event_mode VARCHAR
view dyad_scores.event_agent VARCHAR
view dyad_scores.event_start INTEGER
view dyad_scores.event_end INTEGER
view dyad_scores.cluster_id BIGINT
view dyad_scores.copies INTEGER
view dyad_scores.counted BOOLEAN
table event_patterns.lexicon_hash VARCHAR
table event_patterns.position INTEGER
table event_patterns.pattern VARCHAR
table event_patterns.cameo VARCHAR
table event_patterns.goldstein DOUBLE
table event_patterns.note VARCHAR
table fetched_urls.url VARCHAR
table fetched_urls.kind VARCHAR
table fetched_urls.outcome VARCHAR
table fetched_urls.http_status INTEGER
table fetched_urls.final_url VARCHAR
table fetched_urls.etag VARCHAR
table fetched_urls.last_modified VARCHAR
table fetched_urls.document_id BIGINT
table fetched_urls.error VARCHAR
table fetched_urls.attempts INTEGER
table fetched_urls.first_fetched TIMESTAMP
table fetched_urls.last_fetched TIMESTAMP
table fetched_urls.found_in VARCHAR
table key_events.event_date DATE
table key_events.label VARCHAR
table key_events.dyad VARCHAR
table key_events.description VARCHAR
table key_events.aliases VARCHAR[]
table lexicon_terms.lexicon_hash VARCHAR
table lexicon_terms.position INTEGER
table lexicon_terms.term VARCHAR
table lexicon_terms.valence DOUBLE
table lexicon_terms.note VARCHAR
table pages.document_id BIGINT
table pages.raw_gzip BLOB
table pages.encoding VARCHAR
table pages.url VARCHAR
table pages.canonical_url VARCHAR
table pages.site_name VARCHAR
table pages.author VARCHAR
table pages.date_source VARCHAR
table pages.extractor VARCHAR
table pages.extractor_version VARCHAR
table pages.date_extractor VARCHAR
table pages.date_extractor_version VARCHAR
table run_inputs.kind VARCHAR
table run_inputs.run_id BIGINT
table run_inputs.reason VARCHAR
table run_inputs.inputs JSON
table schema_migrations.version INTEGER
table schema_migrations.name VARCHAR
table schema_migrations.applied_at TIMESTAMP
table score_runs.run_id BIGINT
table score_runs.scorer VARCHAR
table score_runs.scorer_version VARCHAR
table score_runs.lexicon_hash VARCHAR
table score_runs.scope VARCHAR
table score_runs.started TIMESTAMP
table score_runs.finished TIMESTAMP
table score_runs.status VARCHAR
table score_runs.n_statements BIGINT
table scorer_identities.scorer VARCHAR
table scorer_identities.scorer_version VARCHAR
table scorer_identities.lexicon_hash VARCHAR
table scorer_identities.rules_hash VARCHAR
table scorer_identities.lexicon_files VARCHAR[]
table scorer_identities.recorded_at TIMESTAMP
table scores.run_id BIGINT
table scores.statement_id BIGINT
table scores.compound DOUBLE
table scores.positive DOUBLE
table scores.neutral DOUBLE
table scores.negative DOUBLE
table scores.dyad VARCHAR
table scores.explanation JSON
table scores.event_code VARCHAR
table scores.event_quad VARCHAR
table scores.event_goldstein DOUBLE
table scores.event_mode VARCHAR
table scores.event_agent VARCHAR
table scores.event_start INTEGER
table scores.event_end INTEGER
table statement_analysis.analysis_id BIGINT
table statement_analysis.statement_id BIGINT
table statement_analysis.speaker VARCHAR
table statement_analysis.speaker_actor VARCHAR
table statement_analysis.speaker_side VARCHAR
table statement_analysis.attribution_start INTEGER
table statement_analysis.attribution_end INTEGER
table statement_analysis.said_on DATE
table statement_analysis.said_on_precision VARCHAR
table statement_analysis.said_on_start INTEGER
table statement_analysis.said_on_end INTEGER
table statement_analysis.refers_to DATE
table statement_analysis.refers_to_precision VARCHAR
table statement_analysis.refers_to_start INTEGER
table statement_analysis.refers_to_end INTEGER
table statement_copies.statement_id BIGINT
table statement_copies.cluster_id BIGINT
table statement_copies.speaker VARCHAR
table statement_dyads.analysis_id BIGINT
table statement_dyads.statement_id BIGINT
table statement_dyads.dyad VARCHAR
table statement_dyads.role VARCHAR
table statement_dyads.direction VARCHAR
table statement_dyads.basis VARCHAR
table statement_dyads.clause_start INTEGER
table statement_dyads.clause_end INTEGER
view statement_scores.statement_id BIGINT
view statement_scores.document_id BIGINT
view statement_scores.seq INTEGER
view statement_scores.start_char INTEGER
view statement_scores.end_char INTEGER
view statement_scores.text VARCHAR
view statement_scores.published DATE
view statement_scores.scorer VARCHAR
view statement_scores.run_id BIGINT
view statement_scores.score DOUBLE
view statement_scores.positive DOUBLE
view statement_scores.neutral DOUBLE
view statement_scores.negative DOUBLE
view statement_scores.title VARCHAR
view statement_scores.source VARCHAR
view statement_scores.url VARCHAR
view statement_scores.origin VARCHAR
view statement_scores.speaker VARCHAR
view statement_scores.speaker_actor VARCHAR
view statement_scores.speaker_side VARCHAR
view statement_scores.said_on DATE
view statement_scores.refers_to DATE
view statement_scores.refers_to_precision VARCHAR
view statement_scores.explanation JSON
view statement_scores.event_code VARCHAR
view statement_scores.event_quad VARCHAR
view statement_scores.event_goldstein DOUBLE
view statement_scores.event_mode VARCHAR
view statement_scores.event_agent VARCHAR
view statement_scores.event_start INTEGER
view statement_scores.event_end INTEGER
view statement_scores.cluster_id BIGINT
view statement_scores.copies INTEGER
view statement_scores.counted BOOLEAN
table statements.statement_id BIGINT
table statements.document_id BIGINT
table statements.seq INTEGER
table statements.start_char INTEGER
table statements.end_char INTEGER
table statements.text VARCHAR
table statements.published DATE
"""

DOCS = Path(__file__).resolve().parent.parent / "docs" / "schema.md"


def current_schema(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "SELECT t.table_type, c.table_name, c.column_name, c.data_type "
        "FROM information_schema.columns AS c "
        "JOIN information_schema.tables AS t USING (table_schema, table_name) "
        "WHERE c.table_schema = 'main' ORDER BY c.table_name, c.ordinal_position"
    ).fetchall()
    return [
        f"{'view' if kind == 'VIEW' else 'table'} {table}.{column} {dtype}"
        for kind, table, column, dtype in rows
    ]


def test_schema_is_exactly_as_pinned(db_path: Path) -> None:
    with db.writer(db_path) as con:
        assert current_schema(con) == EXPECTED.strip().splitlines()


def test_every_table_and_view_is_documented() -> None:
    documented = set(re.findall(r"^#+ `(\w+)`", DOCS.read_text(encoding="utf-8"), flags=re.M))
    names = {line.split()[1].split(".")[0] for line in EXPECTED.strip().splitlines()}
    assert names - documented == set()


def test_the_names_in_code_are_the_ones_the_schema_admits(db_path: Path) -> None:
    """tracker.models spells each relation and side once; a retyped dash would store nothing."""
    with db.writer(db_path) as con:
        checks = [
            row[0]
            for row in con.execute(
                "SELECT expression FROM duckdb_constraints() WHERE constraint_type = 'CHECK'"
            ).fetchall()
        ]

    def admitted(column: str) -> tuple[str, ...]:
        (check,) = [c for c in checks if re.match(rf"\(?{column} IN ", c)]
        return tuple(re.findall(r"'([^']*)'", check))

    assert admitted("dyad") == DYADS
    assert admitted("side") == SIDES
    assert admitted("date_source") == (*DATE_SOURCES, INPUT)
    assert admitted("outcome") == fetch_state.OUTCOMES
    assert fetch_state.KINDS in [tuple(re.findall(r"'([^']*)'", c)) for c in checks]
