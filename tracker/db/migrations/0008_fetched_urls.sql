-- 0008 fetched_urls: what `tracker fetch` asked for, so it never fetches a page twice and sends
-- conditional requests for feeds. One row per address as requested (fragment removed): a feed
-- (fetched every run, with its ETag / Last-Modified) or a page (fetched once; a transient
-- failure is tried again on a later run, up to a few attempts). Independent of 0007.

CREATE TABLE fetched_urls (
    url           VARCHAR   PRIMARY KEY,  -- the address as requested, without its #fragment
    kind          VARCHAR   NOT NULL CHECK (kind IN ('feed', 'page')),
    outcome       VARCHAR   NOT NULL      -- what the last attempt gave
        CHECK (outcome IN ('stored', 'read', 'not-modified', 'rejected', 'gone', 'failed',
                           'disallowed')),
    http_status   INTEGER,                -- the last response's status (NULL: none came)
    final_url     VARCHAR,                -- where redirects ended
    etag          VARCHAR,                -- the validators the last 200 sent, for the next
    last_modified VARCHAR,                --   conditional request (feeds)
    document_id   BIGINT,                 -- documents.document_id of a stored page
    error         VARCHAR,                -- the one-line error of a failed attempt
    attempts      INTEGER   NOT NULL,     -- runs that asked for it
    first_fetched TIMESTAMP NOT NULL,
    last_fetched  TIMESTAMP NOT NULL,
    found_in      VARCHAR                 -- the feed that listed it, or the URL-list file
);
