-- The Dateline corpus database (DuckDB). Documented in docs/store.md; keep the two in step.
-- Offsets (char_start, char_end) point into the article string named by `field`.
-- The tables of the Analysis document's sections (mentions, quotes, locations, times, amounts,
-- article_tone, entity_tone) are created from their specs in dateline/store/tables.py.

CREATE TABLE IF NOT EXISTS store_meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
);

-- One row per distinct article body (id = hash of the cleaned body).
CREATE TABLE IF NOT EXISTS articles (
    article_id VARCHAR PRIMARY KEY,
    story_id VARCHAR NOT NULL,          -- id of the first article of its near-duplicate cluster
    similarity DOUBLE,                  -- estimated Jaccard with story_id's article (near-duplicates)
    source VARCHAR NOT NULL,            -- path, path:line, path@offset or "-"
    source_name VARCHAR,                -- publisher, else the URL's host
    url VARCHAR,
    publisher VARCHAR,
    headline VARCHAR,
    published VARCHAR,                  -- ISO 8601 as structured
    published_date DATE,
    language VARCHAR,
    format VARCHAR,
    num_chars INTEGER,
    num_entities INTEGER,
    num_quotes INTEGER,
    num_events INTEGER,
    stages VARCHAR,
    ingested_at TIMESTAMP NOT NULL,
    analysis VARCHAR NOT NULL           -- the whole Analysis document as JSON
);

-- Exact copies of a stored article (same body) published elsewhere: another publisher or URL.
-- Each is one more telling of the article's events (num_articles, num_sources, num_mentions).
CREATE TABLE IF NOT EXISTS article_copies (
    article_id VARCHAR NOT NULL,        -- the stored article with the same body
    source VARCHAR NOT NULL,            -- the copy's input: path, path:line, path@offset or "-"
    source_name VARCHAR,                -- its publisher, else the URL's host
    url VARCHAR,
    publisher VARCHAR,
    published VARCHAR,
    published_date DATE,
    ingested_at TIMESTAMP NOT NULL
);

-- MinHash signatures and LSH buckets for near-duplicate detection.
CREATE TABLE IF NOT EXISTS minhash (
    article_id VARCHAR PRIMARY KEY,
    signature BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS minhash_bands (
    band SMALLINT NOT NULL,
    bucket UBIGINT NOT NULL,
    article_id VARCHAR NOT NULL
);

-- Corpus-wide entities: one row per real-world actor across all articles.
CREATE TABLE IF NOT EXISTS entities (
    entity_id VARCHAR PRIMARY KEY,      -- hash of kb_id, else of (name, type, country)
    name VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    country VARCHAR,                    -- ISO 3166-1 alpha-3
    sector VARCHAR,
    code VARCHAR,                       -- CAMEO-style actor code
    kb_id VARCHAR,
    first_article_id VARCHAR
);

-- Corpus-wide events: mentions of the same type, actors, recipients, place and date (+-1 day).
CREATE TABLE IF NOT EXISTS events (
    event_id BIGINT PRIMARY KEY,
    match_key VARCHAR NOT NULL,         -- hash of type, actors, recipients and place
    type VARCHAR NOT NULL,
    mode VARCHAR,
    cameo VARCHAR,
    quad_class INTEGER,
    goldstein DOUBLE,
    date DATE,
    actor_ids VARCHAR[],
    recipient_ids VARCHAR[],
    place_name VARCHAR,
    place_geonameid BIGINT,
    place_country VARCHAR,              -- ISO 3166-1 alpha-2
    place_lat DOUBLE,
    place_lon DOUBLE,
    place_kind VARCHAR,
    first_article_id VARCHAR NOT NULL,
    story_id VARCHAR NOT NULL,          -- the first article's story (undated events merge only within it)
    source_url VARCHAR,
    is_root_event BOOLEAN,              -- told in the headline or first paragraph of a report
    date_added TIMESTAMP NOT NULL,
    num_mentions INTEGER NOT NULL,
    num_sources INTEGER NOT NULL,
    num_articles INTEGER NOT NULL,
    date_is_fallback BOOLEAN,           -- date is the first report's publication day, not stated
    status VARCHAR,                     -- occurred, ongoing, future, hypothetical, negated
    date_source VARCHAR,                -- clause, sentence, paragraph, lead, publication
    date_precision VARCHAR,             -- day, month, year, ...; "before": undated, before publication
    confidence DOUBLE                   -- its surest telling's confidence, 0-1
);
-- Databases created before these columns existed gain them (NULL for their events).
ALTER TABLE events ADD COLUMN IF NOT EXISTS date_is_fallback BOOLEAN;
ALTER TABLE events ADD COLUMN IF NOT EXISTS status VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS date_source VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS date_precision VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS confidence DOUBLE;
-- First-level division (state, province) of the event's place: GeoNames admin1 code.
ALTER TABLE events ADD COLUMN IF NOT EXISTS place_admin1 VARCHAR;

CREATE TABLE IF NOT EXISTS event_mentions (
    event_id BIGINT NOT NULL,
    article_id VARCHAR NOT NULL,
    local_id VARCHAR NOT NULL,
    trigger VARCHAR,
    sentence VARCHAR,
    status VARCHAR,
    date_is_fallback BOOLEAN,
    quote_local_id VARCHAR,
    char_start INTEGER,
    char_end INTEGER,
    field VARCHAR,
    in_lead BOOLEAN,                    -- told in the headline, standfirst or first paragraph
    source_name VARCHAR,
    doc_len INTEGER,
    times_told INTEGER NOT NULL,        -- places the article tells it (headline, body...): GDELT mentions
    confidence DOUBLE,                  -- the article's event record's confidence, 0-1
    -- What this telling says, for recognising the same event in later articles:
    actor_ids VARCHAR[],                -- corpus entity ids
    recipient_ids VARCHAR[],
    own_date VARCHAR,                   -- the date the article states (never the publication date)
    place_key VARCHAR,                  -- geonames:ID or name:NAME|CC
    context_terms VARCHAR[],            -- content words and entity ids of the surrounding sentences
    date_precision VARCHAR              -- the telling's date precision ("before": undated background)
);
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS confidence DOUBLE;
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS actor_ids VARCHAR[];
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS recipient_ids VARCHAR[];
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS own_date VARCHAR;
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS place_key VARCHAR;
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS context_terms VARCHAR[];
ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS date_precision VARCHAR;

-- What happened to every input: stored, near_duplicate, duplicate, failed; and "done" rows
-- for containers (files, JSONL, WARC) read to the end.
CREATE TABLE IF NOT EXISTS ingest_log (
    input VARCHAR NOT NULL,             -- path, path:line, path@offset, or "-"
    container VARCHAR NOT NULL,         -- the file the input came from
    status VARCHAR NOT NULL,
    article_id VARCHAR,
    duplicate_of VARCHAR,
    reason VARCHAR,
    run_id VARCHAR,
    logged_at TIMESTAMP NOT NULL
);
