-- Live news: what `dateline fetch`, `ingest --urls` and `watch` fetched, and the export marks.
-- Documented in docs/store.md ("Live news tables"); keep the two in step.

-- Feeds and sitemaps polled by `watch` (and the children of sitemap indexes), with their health.
CREATE TABLE IF NOT EXISTS fetch_sources (
    url VARCHAR PRIMARY KEY,            -- the feed or sitemap URL (canonical)
    name VARCHAR,                       -- the name the feeds file gave
    parent_url VARCHAR,                 -- the sitemap index or home page it was found in
    kind VARCHAR,                       -- rss, atom, feed, sitemap, sitemap_index, html (home page)
    etag VARCHAR,                       -- validators for conditional requests
    last_modified VARCHAR,
    polls INTEGER NOT NULL DEFAULT 0,
    not_modified INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0,
    consecutive_failures INTEGER NOT NULL DEFAULT 0,
    last_polled TIMESTAMP,
    last_ok TIMESTAMP,
    last_status VARCHAR,                -- ok, not_modified, or the failure kind
    last_error VARCHAR,
    next_poll TIMESTAMP,                -- a failing source is not polled before this
    entries_seen BIGINT NOT NULL DEFAULT 0,
    urls_new BIGINT NOT NULL DEFAULT 0
);

-- Every article URL ever queued: pending until fetched, so a killed round's URLs are picked up.
CREATE TABLE IF NOT EXISTS fetch_urls (
    url VARCHAR PRIMARY KEY,            -- canonical URL (tracking parameters stripped)
    source_url VARCHAR,                 -- the feed that listed it, or "urls:FILE", "fetch"
    status VARCHAR NOT NULL,            -- pending, fetched, failed, duplicate
    first_seen TIMESTAMP NOT NULL,
    feed_published VARCHAR,             -- the publication time the feed gave
    feed_title VARCHAR,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_attempt TIMESTAMP,
    next_attempt TIMESTAMP,             -- a failed fetch is retried after this
    http_status INTEGER,
    final_url VARCHAR,                  -- after redirects
    canonical_of VARCHAR,               -- duplicate: the URL already fetched with this page
    warc_record VARCHAR,                -- path@offset of the page's WARC record (the ingest key)
    error VARCHAR,
    round_id BIGINT                     -- the round that fetched it (or last tried)
);

-- One row per round of `watch` (and per `fetch` / `ingest --urls` run).
CREATE TABLE IF NOT EXISTS fetch_rounds (
    round_id BIGINT PRIMARY KEY,
    command VARCHAR NOT NULL,           -- watch, fetch, ingest --urls
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    status VARCHAR NOT NULL,            -- running, done, interrupted (a killed round stays running)
    feeds_polled INTEGER NOT NULL DEFAULT 0,
    feeds_not_modified INTEGER NOT NULL DEFAULT 0,
    feeds_failed INTEGER NOT NULL DEFAULT 0,
    feeds_backed_off INTEGER NOT NULL DEFAULT 0,
    urls_new INTEGER NOT NULL DEFAULT 0,
    pages_fetched INTEGER NOT NULL DEFAULT 0,
    pages_failed INTEGER NOT NULL DEFAULT 0,
    articles_stored INTEGER NOT NULL DEFAULT 0,
    requests INTEGER NOT NULL DEFAULT 0,
    bytes BIGINT NOT NULL DEFAULT 0,
    warc_pages VARCHAR,                 -- the round's WARC files
    warc_feeds VARCHAR
);

-- Every HTTP request a round made (each redirect hop, robots.txt included) and how it ended.
CREATE TABLE IF NOT EXISTS fetch_log (
    round_id BIGINT NOT NULL,
    url VARCHAR NOT NULL,
    role VARCHAR NOT NULL,              -- feed, page, robots
    outcome VARCHAR NOT NULL,           -- ok, not_modified, redirect, http_error, robots, too_large, timeout, network
    http_status INTEGER,
    bytes BIGINT,
    seconds DOUBLE,
    error VARCHAR,
    logged_at TIMESTAMP NOT NULL
);

-- What `export --since-last-export` wrote last, per target (output file or "stdout") and table.
CREATE TABLE IF NOT EXISTS export_marks (
    target VARCHAR NOT NULL,
    what VARCHAR NOT NULL,
    exported_until TIMESTAMP NOT NULL,  -- rows added up to this moment (UTC) have been exported
    rows_exported BIGINT NOT NULL,
    exported_at TIMESTAMP NOT NULL,
    PRIMARY KEY (target, what)
);
