-- 0005 event views: the event a score row holds is read where the score is, so the views cost
-- one join less. `statement_scores` gains the whole statement's event columns and
-- `dyad_scores` the event of the score it shows (the relation's clause row where the statement
-- carries two relations, else the statement's), both as new columns at the end; `dyad_events`
-- (same columns as before) is now the rows of `dyad_scores` that hold an event.

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
    sc.event_end
FROM current_run AS cr
JOIN scores AS sc
    ON sc.run_id = cr.run_id AND sc.statement_id = cr.statement_id AND sc.dyad IS NULL
JOIN statements AS st ON st.statement_id = cr.statement_id
JOIN documents AS d ON d.document_id = st.document_id
LEFT JOIN current_analysis AS a ON a.statement_id = st.statement_id;

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
    CASE WHEN dsc.statement_id IS NULL THEN ss.event_end ELSE dsc.event_end END AS event_end
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
    explanation
FROM dyad_scores
WHERE event_code IS NOT NULL;
