-- 0003 rescoring: what each scorer identity's domain lexicon held, so that `tracker rescore`
-- can diff a lexicon edit term by term and rescore only the statements that contain a changed
-- term; and why each run of `tracker rescore` was made, with its inputs.

CREATE TABLE scorer_identities (
    scorer         VARCHAR   NOT NULL,  -- profile name, e.g. 'diplomacy'
    scorer_version VARCHAR   NOT NULL,  -- vaderSentiment version (score_runs.scorer_version)
    lexicon_hash   VARCHAR   NOT NULL,  -- score_runs.lexicon_hash of this identity
    rules_hash     VARCHAR   NOT NULL,  -- sha256 over VADER's lexicon and the rule sources only
    lexicon_files  VARCHAR[],           -- the domain lexicon files read, in load order
    recorded_at    TIMESTAMP NOT NULL
);

-- The merged domain lexicon of an identity: one row per term (none for the 'vader' profile).
CREATE TABLE lexicon_terms (
    lexicon_hash VARCHAR NOT NULL,      -- scorer_identities.lexicon_hash
    position     INTEGER NOT NULL,      -- order after merging the files (phrases are tried in it)
    term         VARCHAR NOT NULL,      -- as in the lexicon file: words, 'stem*', '...'
    valence      DOUBLE  NOT NULL,
    note         VARCHAR
);

CREATE TABLE run_inputs (
    kind   VARCHAR NOT NULL CHECK (kind IN ('score', 'analysis')),
    run_id BIGINT  NOT NULL,            -- score_runs.run_id or analysis_runs.analysis_id
    reason VARCHAR NOT NULL,            -- why the run was made, in words
    inputs JSON    NOT NULL             -- files, identities it replaced, changed terms, counts
);
