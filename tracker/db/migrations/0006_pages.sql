-- 0006 pages: the web page a document was extracted from, kept gzip-compressed so a better
-- extractor can re-run on it later, with what was read from it. One row per document that came
-- from a page (a .html file, a JSON Lines record's html field); none for plain text.

CREATE TABLE pages (
    document_id            BIGINT  PRIMARY KEY,  -- documents.document_id
    raw_gzip               BLOB    NOT NULL,     -- the page's bytes as read, gzip-compressed
    encoding               VARCHAR NOT NULL,     -- the codec the bytes were decoded with
    url                    VARCHAR,              -- the address it came with (a JSON record's url)
    canonical_url          VARCHAR,              -- the page's own canonical link (or og:url)
    site_name              VARCHAR,              -- og:site_name, JSON-LD publisher ...
    author                 VARCHAR,              -- several are joined with '; '
    date_source            VARCHAR NOT NULL      -- where documents.published came from
        CHECK (date_source IN ('json-ld', 'meta', 'url', 'input')),
    extractor              VARCHAR NOT NULL,     -- 'trafilatura': the text and metadata
    extractor_version      VARCHAR NOT NULL,
    date_extractor         VARCHAR NOT NULL,     -- 'htmldate': the publication date
    date_extractor_version VARCHAR NOT NULL
);
