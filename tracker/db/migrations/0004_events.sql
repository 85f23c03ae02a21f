-- 0004 events: the act between the sides a scored text reports, coded as a CAMEO root category
-- with its quad class and Goldstein intensity, the mode it was read in and the span that set
-- it. Written by the 'diplomacy' profile on each score row (the whole statement, or a
-- relation's clause); NULL where the text reports no event and for the 'vader' profile.

ALTER TABLE scores ADD COLUMN event_code VARCHAR;       -- CAMEO root category, '01' .. '20'
ALTER TABLE scores ADD COLUMN event_quad VARCHAR;       -- verbal/material cooperation/conflict
ALTER TABLE scores ADD COLUMN event_goldstein DOUBLE;   -- Goldstein scale, -10 .. +10
ALTER TABLE scores ADD COLUMN event_mode VARCHAR;       -- act, threat, promise, proposal, refusal
ALTER TABLE scores ADD COLUMN event_agent VARCHAR;      -- speaker, other, or NULL: not said
ALTER TABLE scores ADD COLUMN event_start INTEGER;      -- the span that set it, in the statement
ALTER TABLE scores ADD COLUMN event_end INTEGER;

-- The merged event dictionary of a scorer identity (scorer_identities.lexicon_hash), so that a
-- dictionary edit rescores only the statements that contain a changed pattern's words.
CREATE TABLE event_patterns (
    lexicon_hash VARCHAR NOT NULL,      -- scorer_identities.lexicon_hash
    position     INTEGER NOT NULL,      -- order after merging the files
    pattern      VARCHAR NOT NULL,      -- as in the dictionary file: words, 'stem*', '...'
    cameo        VARCHAR NOT NULL,      -- CAMEO root category, '01' .. '20'
    goldstein    DOUBLE  NOT NULL,
    note         VARCHAR
);

-- One row per (statement, relation, scorer) whose current score row holds an event: the
-- relation's own clause row where the statement carries two relations, else the statement's.
CREATE VIEW dyad_events AS
WITH chosen AS (
    SELECT
        ds.*,
        CASE WHEN dsc.statement_id IS NULL THEN whole.event_code ELSE dsc.event_code END
            AS event_code,
        CASE WHEN dsc.statement_id IS NULL THEN whole.event_quad ELSE dsc.event_quad END
            AS event_quad,
        CASE WHEN dsc.statement_id IS NULL THEN whole.event_goldstein ELSE dsc.event_goldstein END
            AS event_goldstein,
        CASE WHEN dsc.statement_id IS NULL THEN whole.event_mode ELSE dsc.event_mode END
            AS event_mode,
        CASE WHEN dsc.statement_id IS NULL THEN whole.event_agent ELSE dsc.event_agent END
            AS event_agent,
        CASE WHEN dsc.statement_id IS NULL THEN whole.event_start ELSE dsc.event_start END
            AS event_start,
        CASE WHEN dsc.statement_id IS NULL THEN whole.event_end ELSE dsc.event_end END
            AS event_end
    FROM dyad_scores AS ds
    JOIN scores AS whole
        ON whole.run_id = ds.run_id AND whole.statement_id = ds.statement_id
        AND whole.dyad IS NULL
    LEFT JOIN scores AS dsc
        ON dsc.run_id = ds.run_id AND dsc.statement_id = ds.statement_id AND dsc.dyad = ds.dyad
)
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
FROM chosen
WHERE event_code IS NOT NULL;

-- The event-data measures per day referred to and relation: the number of events, their mean
-- Goldstein intensity, and the count of each quad class.
CREATE VIEW daily_dyad_events AS
SELECT
    refers_to AS day,
    dyad,
    scorer,
    count(*) AS n_events,
    avg(event_goldstein) AS mean_goldstein,
    count(*) FILTER (WHERE event_quad = 'verbal cooperation') AS verbal_cooperation,
    count(*) FILTER (WHERE event_quad = 'material cooperation') AS material_cooperation,
    count(*) FILTER (WHERE event_quad = 'verbal conflict') AS verbal_conflict,
    count(*) FILTER (WHERE event_quad = 'material conflict') AS material_conflict
FROM dyad_events
GROUP BY refers_to, dyad, scorer;
