-- 0007 syndicated copies: statements that are the same remark carried by several outlets (the
-- same or near-same text once quotes, whitespace and agency credits are evened out; the same
-- speaker; published within a few days) form one cluster (tracker/db/copies.py). Each cluster
-- keeps a representative, the copy new statements are matched against: its MinHash signature
-- and one LSH key per band, indexed, so matching a new article is an indexed lookup per band.
-- The row views gain `cluster_id`, `copies` and `counted` (the row that stands for its
-- cluster: the representative, or a statement in no cluster) as new columns at the end; the
-- daily views count each cluster once and gain `n_copies` (every copy counted).
-- Independent of 0006 (web pages): it reads and changes none of its tables.

CREATE TABLE copy_clusters (
    cluster_id        BIGINT     PRIMARY KEY,
    representative_id BIGINT     NOT NULL,  -- statements.statement_id new text is matched against
    speaker           VARCHAR    NOT NULL,  -- the speaker every copy has (statement_analysis.speaker)
    published         DATE       NOT NULL,  -- the representative's publication date
    signature         UINTEGER[] NOT NULL,  -- MinHash of the representative's normal form
    copies            INTEGER    NOT NULL   -- statements in the cluster
);

-- One row per band of each representative's signature: candidates are the clusters sharing a key.
CREATE TABLE copy_bands (
    band_key   BIGINT NOT NULL,
    cluster_id BIGINT NOT NULL
);
CREATE INDEX copy_bands_key ON copy_bands (band_key);

-- A statement's cluster, and the speaker it was placed with (a re-analysis that changes the
-- speaker places it again).
CREATE TABLE statement_copies (
    statement_id BIGINT  PRIMARY KEY,
    cluster_id   BIGINT  NOT NULL,
    speaker      VARCHAR NOT NULL
);

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
    sc.explanation,
    sc.event_code,
    sc.event_quad,
    sc.event_goldstein,
    sc.event_mode,
    sc.event_agent,
    sc.event_start,
    sc.event_end,
    cp.cluster_id,
    coalesce(cc.copies, 1) AS copies,
    cp.cluster_id IS NULL OR cc.representative_id = st.statement_id AS counted
FROM current_run AS cr
JOIN scores AS sc
    ON sc.run_id = cr.run_id AND sc.statement_id = cr.statement_id AND sc.dyad IS NULL
JOIN statements AS st ON st.statement_id = cr.statement_id
JOIN documents AS d ON d.document_id = st.document_id
LEFT JOIN current_analysis AS a ON a.statement_id = st.statement_id
LEFT JOIN statement_copies AS cp ON cp.statement_id = st.statement_id
LEFT JOIN copy_clusters AS cc ON cc.cluster_id = cp.cluster_id;

-- One row per (statement, relation, scorer): the main input of the timeline.
CREATE OR REPLACE VIEW dyad_scores AS
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
    ss.url,
    CASE WHEN dsc.statement_id IS NULL THEN ss.event_code ELSE dsc.event_code END AS event_code,
    CASE WHEN dsc.statement_id IS NULL THEN ss.event_quad ELSE dsc.event_quad END AS event_quad,
    CASE WHEN dsc.statement_id IS NULL THEN ss.event_goldstein ELSE dsc.event_goldstein END AS event_goldstein,
    CASE WHEN dsc.statement_id IS NULL THEN ss.event_mode ELSE dsc.event_mode END AS event_mode,
    CASE WHEN dsc.statement_id IS NULL THEN ss.event_agent ELSE dsc.event_agent END AS event_agent,
    CASE WHEN dsc.statement_id IS NULL THEN ss.event_start ELSE dsc.event_start END AS event_start,
    CASE WHEN dsc.statement_id IS NULL THEN ss.event_end ELSE dsc.event_end END AS event_end,
    ss.cluster_id,
    ss.copies,
    ss.counted
FROM statement_scores AS ss
JOIN current_dyads AS cd ON cd.statement_id = ss.statement_id
LEFT JOIN scores AS dsc
    ON dsc.run_id = ss.run_id AND dsc.statement_id = ss.statement_id AND dsc.dyad = cd.dyad;

CREATE OR REPLACE VIEW dyad_events AS
SELECT
    statement_id,
    document_id,
    text,
    published,
    said_on,
    refers_to,
    refers_to_precision,
    speaker,
    speaker_side,
    dyad,
    role,
    direction,
    scorer,
    run_id,
    score,
    event_code,
    event_quad,
    event_goldstein,
    event_mode,
    event_agent,
    -- who acts on whom: the relation's direction (speaker's side → other side) as is when the
    -- speaker's side acts, turned round when the other side does; NULL when not said.
    CASE
        WHEN direction NOT LIKE '%→%' OR event_agent IS NULL THEN NULL
        WHEN event_agent = 'speaker' THEN direction
        ELSE split_part(direction, '→', 2) || '→' || split_part(direction, '→', 1)
    END AS event_direction,
    event_start,
    event_end,
    substr(text, event_start + 1, event_end - event_start) AS event_text,
    explanation,
    cluster_id,
    copies,
    counted
FROM dyad_scores
WHERE event_code IS NOT NULL;


CREATE OR REPLACE VIEW daily_scores AS
SELECT
    published AS day,
    scorer,
    count(*) AS n,
    avg(score) AS mean_score,
    stddev_samp(score) AS sd_score,
    sum(copies)::BIGINT AS n_copies
FROM statement_scores
WHERE counted
GROUP BY published, scorer;

CREATE OR REPLACE VIEW daily_dyad_scores AS
SELECT
    refers_to AS day,
    dyad,
    scorer,
    count(*) AS n,
    avg(score) AS mean_score,
    stddev_samp(score) AS sd_score,
    sum(copies)::BIGINT AS n_copies
FROM dyad_scores
WHERE counted
GROUP BY refers_to, dyad, scorer;

CREATE OR REPLACE VIEW daily_dyad_events AS
SELECT
    refers_to AS day,
    dyad,
    scorer,
    count(*) AS n_events,
    avg(event_goldstein) AS mean_goldstein,
    count(*) FILTER (WHERE event_quad = 'verbal cooperation') AS verbal_cooperation,
    count(*) FILTER (WHERE event_quad = 'material cooperation') AS material_cooperation,
    count(*) FILTER (WHERE event_quad = 'verbal conflict') AS verbal_conflict,
    count(*) FILTER (WHERE event_quad = 'material conflict') AS material_conflict,
    sum(copies)::BIGINT AS n_copies
FROM dyad_events
WHERE counted
GROUP BY refers_to, dyad, scorer;
