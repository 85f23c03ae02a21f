-- 0002 statement analysis: who said it, which relation it is about, when; scores per relation
-- with their explanations. Analysis results are versioned like scores: an analysis run appends
-- rows, and a statement's current analysis is the one from the newest completed run.

CREATE TABLE actors (
    name        VARCHAR NOT NULL,      -- canonical name, e.g. 'Recep Tayyip Erdogan'
    side        VARCHAR NOT NULL CHECK (side IN ('Turkey', 'Russia', 'West', 'other')),
    role        VARCHAR,
    kind        VARCHAR,               -- person, body or place
    aliases     VARCHAR[],
    titles      VARCHAR[],             -- title forms, e.g. 'the Turkish president'
    valid_from  DATE,                  -- titles resolve to this actor only between these dates
    valid_to    DATE,
    source_file VARCHAR                -- the dictionary file the entry came from
);

CREATE TABLE key_events (
    event_date  DATE    NOT NULL,
    label       VARCHAR NOT NULL,
    dyad        VARCHAR NOT NULL,
    description VARCHAR,
    aliases     VARCHAR[]
);

CREATE TABLE analysis_runs (
    analysis_id      BIGINT PRIMARY KEY,
    analysis_version VARCHAR   NOT NULL,  -- version of the analysis rules in the package
    inputs_hash      VARCHAR   NOT NULL,  -- sha256 over the actor and event files used
    scope            VARCHAR   NOT NULL,  -- 'new' or 'all'
    started          TIMESTAMP NOT NULL,
    finished         TIMESTAMP,
    status           VARCHAR   NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
    n_statements     BIGINT
);

CREATE TABLE statement_analysis (
    analysis_id         BIGINT  NOT NULL,  -- analysis_runs.analysis_id
    statement_id        BIGINT  NOT NULL,
    speaker             VARCHAR NOT NULL,  -- as resolved; 'narrator' when nobody is quoted
    speaker_actor       VARCHAR,           -- actors.name when the speaker is known
    speaker_side        VARCHAR,           -- Turkey, Russia, West, other; NULL for the narrator
    attribution_start   INTEGER,           -- span of the attribution in the statement text
    attribution_end     INTEGER,
    said_on             DATE,              -- when the remark was made
    said_on_precision   VARCHAR,           -- day, month or year
    said_on_start       INTEGER,           -- span that gave it (NULL: the publication date)
    said_on_end         INTEGER,
    refers_to           DATE,              -- the date the statement is about
    refers_to_precision VARCHAR,
    refers_to_start     INTEGER,
    refers_to_end       INTEGER
);

CREATE TABLE statement_dyads (
    analysis_id  BIGINT  NOT NULL,
    statement_id BIGINT  NOT NULL,
    dyad         VARCHAR NOT NULL CHECK (dyad IN ('Turkey–Russia', 'Turkey–West')),
    role         VARCHAR NOT NULL CHECK (role IN ('primary', 'also')),
    direction    VARCHAR NOT NULL,         -- e.g. 'Russia→Turkey', or 'narrated'
    basis        VARCHAR NOT NULL,         -- text, speaker or document
    clause_start INTEGER,                  -- the clause carrying this relation, if not the whole
    clause_end   INTEGER
);

-- A score row with a dyad scores that relation's clause; dyad NULL scores the whole statement.
ALTER TABLE scores ADD COLUMN dyad VARCHAR;
-- Which tokens, phrases and rules moved the score, and by how much (see docs/schema.md).
ALTER TABLE scores ADD COLUMN explanation JSON;

CREATE VIEW current_analysis AS
WITH latest AS (
    SELECT a.statement_id, max(a.analysis_id) AS analysis_id
    FROM statement_analysis AS a
    JOIN analysis_runs AS r USING (analysis_id)
    WHERE r.status = 'completed'
    GROUP BY a.statement_id
)
SELECT a.*
FROM statement_analysis AS a
JOIN latest AS l USING (statement_id, analysis_id);

CREATE VIEW current_dyads AS
WITH latest AS (
    SELECT statement_id, analysis_id FROM current_analysis
)
SELECT d.*
FROM statement_dyads AS d
JOIN latest AS l USING (statement_id, analysis_id);

CREATE OR REPLACE VIEW statement_scores AS
WITH current_run AS (
    SELECT sc.statement_id, r.scorer, max(sc.run_id) AS run_id
    FROM scores AS sc
    JOIN score_runs AS r USING (run_id)
    WHERE r.status = 'completed'
    GROUP BY sc.statement_id, r.scorer
)
SELECT
    st.statement_id,
    st.document_id,
    st.seq,
    st.start_char,
    st.end_char,
    st.text,
    st.published,
    cr.scorer,
    cr.run_id,
    sc.compound AS score,
    sc.positive,
    sc.neutral,
    sc.negative,
    d.title,
    d.source,
    d.url,
    d.origin,
    coalesce(a.speaker, 'narrator') AS speaker,
    a.speaker_actor,
    a.speaker_side,
    coalesce(a.said_on, st.published) AS said_on,
    coalesce(a.refers_to, a.said_on, st.published) AS refers_to,
    coalesce(a.refers_to_precision, 'day') AS refers_to_precision,
    sc.explanation
FROM current_run AS cr
JOIN scores AS sc
    ON sc.run_id = cr.run_id AND sc.statement_id = cr.statement_id AND sc.dyad IS NULL
JOIN statements AS st ON st.statement_id = cr.statement_id
JOIN documents AS d ON d.document_id = st.document_id
LEFT JOIN current_analysis AS a ON a.statement_id = st.statement_id;

-- One row per (statement, relation, scorer): the main input of the timeline.
CREATE VIEW dyad_scores AS
SELECT
    ss.statement_id,
    ss.document_id,
    ss.text,
    ss.published,
    ss.said_on,
    ss.refers_to,
    ss.refers_to_precision,
    ss.speaker,
    ss.speaker_actor,
    ss.speaker_side,
    cd.dyad,
    cd.role,
    cd.direction,
    cd.basis,
    cd.clause_start,
    cd.clause_end,
    ss.scorer,
    ss.run_id,
    coalesce(dsc.compound, ss.score) AS score,
    coalesce(dsc.explanation, ss.explanation) AS explanation,
    ss.title,
    ss.source,
    ss.url
FROM statement_scores AS ss
JOIN current_dyads AS cd ON cd.statement_id = ss.statement_id
LEFT JOIN scores AS dsc
    ON dsc.run_id = ss.run_id AND dsc.statement_id = ss.statement_id AND dsc.dyad = cd.dyad;

CREATE OR REPLACE VIEW daily_scores AS
SELECT
    published AS day,
    scorer,
    count(*) AS n,
    avg(score) AS mean_score,
    stddev_samp(score) AS sd_score
FROM statement_scores
GROUP BY published, scorer;

CREATE VIEW daily_dyad_scores AS
SELECT
    refers_to AS day,
    dyad,
    scorer,
    count(*) AS n,
    avg(score) AS mean_score,
    stddev_samp(score) AS sd_score
FROM dyad_scores
GROUP BY refers_to, dyad, scorer;
