-- 0009 per-day totals of the timeline (tracker/db/aggregates.py): per date axis, day, relation,
-- scorer, speaker side, source and `counted`, the sums over the `dyad_scores` rows with those
-- values, so that a chart reads thousands of rows instead of every statement. Ingest and
-- rescore keep them in the same transactions that change the rows they sum; this migration
-- fills them once for an existing database.

CREATE TABLE dyad_aggregates (
    axis                 VARCHAR NOT NULL CHECK (axis IN ('published', 'refers_to')),
    day                  DATE    NOT NULL,  -- dyad_scores.published or .refers_to
    precision            VARCHAR NOT NULL,  -- refers_to_precision; 'day' on the published axis
    dyad                 VARCHAR NOT NULL,
    scorer               VARCHAR NOT NULL,
    speaker_side         VARCHAR,           -- as in dyad_scores (NULL stays NULL)
    source               VARCHAR,           -- documents.source (NULL: none given)
    counted              BOOLEAN NOT NULL,  -- the rows that stand for their cluster of copies
    n                    BIGINT  NOT NULL,  -- rows (statements: one per relation and scorer)
    sum_score            DOUBLE  NOT NULL,
    sum_score_sq         DOUBLE  NOT NULL,  -- for the standard deviation and the band
    n_events             BIGINT  NOT NULL,  -- rows whose score holds an event
    sum_goldstein        DOUBLE  NOT NULL,
    verbal_cooperation   BIGINT  NOT NULL,
    material_cooperation BIGINT  NOT NULL,
    verbal_conflict      BIGINT  NOT NULL,
    material_conflict    BIGINT  NOT NULL
);

INSERT INTO dyad_aggregates
WITH r AS (SELECT * FROM dyad_scores),
measured AS (
    SELECT 'published' AS axis, published AS day, 'day' AS precision, dyad, scorer,
           speaker_side, source, counted, score, event_code, event_goldstein, event_quad
    FROM r
    UNION ALL
    SELECT 'refers_to', refers_to, refers_to_precision, dyad, scorer, speaker_side, source,
           counted, score, event_code, event_goldstein, event_quad
    FROM r
)
SELECT axis, day, precision, dyad, scorer, speaker_side, source, counted,
       count(*), sum(score), sum(score * score), count(event_code),
       coalesce(sum(event_goldstein), 0),
       count(*) FILTER (WHERE event_quad = 'verbal cooperation'),
       count(*) FILTER (WHERE event_quad = 'material cooperation'),
       count(*) FILTER (WHERE event_quad = 'verbal conflict'),
       count(*) FILTER (WHERE event_quad = 'material conflict')
FROM measured
GROUP BY ALL;
