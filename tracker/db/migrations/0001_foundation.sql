-- 0001 foundation: documents, their statements, score runs and scores.
-- Identifiers are assigned by the single writer (max + 1), so bulk inserts need no sequence.

CREATE TABLE documents (
    document_id  BIGINT PRIMARY KEY,
    content_hash VARCHAR   NOT NULL,   -- sha256 of text: the same text is stored once
    origin       VARCHAR   NOT NULL,   -- where it came from: a file path, or path:line for JSON Lines
    title        VARCHAR,
    source       VARCHAR,              -- outlet, e.g. 'Anadolu Agency'
    url          VARCHAR,
    published    DATE      NOT NULL,
    text         VARCHAR   NOT NULL,   -- statements' offsets point into this text
    ingested_at  TIMESTAMP NOT NULL
);

CREATE TABLE statements (
    statement_id BIGINT PRIMARY KEY,
    document_id  BIGINT  NOT NULL,     -- documents.document_id
    seq          INTEGER NOT NULL,     -- 0-based position in the document
    start_char   INTEGER NOT NULL,     -- text = documents.text[start_char : end_char] (0-based, Python slicing)
    end_char     INTEGER NOT NULL,
    text         VARCHAR NOT NULL,
    published    DATE    NOT NULL      -- the document's publication date
);

CREATE TABLE score_runs (
    run_id         BIGINT PRIMARY KEY,
    scorer         VARCHAR   NOT NULL,  -- profile name, e.g. 'vader'
    scorer_version VARCHAR   NOT NULL,  -- vaderSentiment version
    lexicon_hash   VARCHAR   NOT NULL,  -- sha256 over every lexicon and rule file the scorer read
    scope          VARCHAR   NOT NULL,  -- 'new' (statements without a score) or 'all'
    started        TIMESTAMP NOT NULL,
    finished       TIMESTAMP,
    status         VARCHAR   NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
    n_statements   BIGINT
);

-- Appended by runs, never updated: a statement's current score is the one from the newest
-- completed run of its scorer that scored it.
CREATE TABLE scores (
    run_id       BIGINT NOT NULL,       -- score_runs.run_id
    statement_id BIGINT NOT NULL,       -- statements.statement_id
    compound     DOUBLE NOT NULL,       -- -1 .. +1
    positive     DOUBLE NOT NULL,
    neutral      DOUBLE NOT NULL,
    negative     DOUBLE NOT NULL
);

CREATE VIEW statement_scores AS
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
    d.origin
FROM current_run AS cr
JOIN scores AS sc ON sc.run_id = cr.run_id AND sc.statement_id = cr.statement_id
JOIN statements AS st ON st.statement_id = cr.statement_id
JOIN documents AS d ON d.document_id = st.document_id;

CREATE VIEW daily_scores AS
SELECT
    published AS day,
    scorer,
    count(*) AS n,
    avg(score) AS mean_score,
    stddev_samp(score) AS sd_score
FROM statement_scores
GROUP BY published, scorer;
