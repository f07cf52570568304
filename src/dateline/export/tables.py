"""Flat export tables: what ``dateline export <table>`` writes as CSV, Parquet or JSON Lines.

Each table is one SELECT over the documented database tables; GDELT-compatible layouts are in
``dateline.export.gdelt``.
"""

from __future__ import annotations

# Names of an event's actors / recipients, in order, joined from the corpus entities.
_NAMES = (
    "(SELECT string_agg(coalesce(n.name, u.id), '; ' ORDER BY u.i) "
    "FROM (SELECT unnest({col}) AS id, generate_subscripts({col}, 1) AS i) u "
    "LEFT JOIN entities n ON n.entity_id = u.id)"
)

TABLES: dict[str, str] = {
    "events": (
        "SELECT e.event_id, e.date, e.type, e.mode, e.cameo, e.quad_class, e.goldstein, "
        f"{_NAMES.format(col='e.actor_ids')} AS actors, "
        f"{_NAMES.format(col='e.recipient_ids')} AS recipients, "
        "nullif(array_to_string(e.actor_ids, ';'), '') AS actor_ids, "
        "nullif(array_to_string(e.recipient_ids, ';'), '') AS recipient_ids, "
        "e.place_name, e.place_geonameid, e.place_country, e.place_lat, e.place_lon, e.place_kind, "
        "e.num_mentions, e.num_sources, e.num_articles, e.is_root_event, e.first_article_id, "
        "e.source_url, e.date_added, e.date_is_fallback, e.status, e.date_source, "
        "e.date_precision, e.confidence, e.date_value, e.place_admin1 "
        "FROM events e{where} ORDER BY e.event_id"
    ),
    "mentions": (
        "SELECT m.event_id, m.article_id, m.local_id, m.trigger, m.sentence, m.status, "
        "m.date_is_fallback, m.quote_local_id, m.char_start, m.char_end, m.field, m.in_lead, "
        "m.times_told, m.source_name, a.url, a.published, m.confidence "
        "FROM event_mentions m JOIN articles a USING (article_id){where} "
        "ORDER BY m.event_id, m.article_id, m.char_start"
    ),
    # GKG-like: one row per entity, counted across the corpus.
    "entities": (
        "SELECT e.entity_id, e.name, e.type, e.country, e.sector, e.code, e.kb_id, "
        "count(DISTINCT m.article_id) AS num_articles, count(m.article_id) AS num_mentions, "
        "string_agg(DISTINCT m.text, '; ') AS surface_forms "
        "FROM entities e LEFT JOIN mentions m USING (entity_id) "
        "GROUP BY ALL ORDER BY num_articles DESC, e.name"
    ),
    # GKG-like: one row per quote, with its speaker and article.
    "quotes": (
        "SELECT q.article_id, a.published, a.source_name, a.url, q.local_id, q.kind, "
        "q.speaker_entity_id, coalesce(s.name, q.speaker_name) AS speaker, q.cue, q.text, "
        "q.char_start, q.char_end, q.field "
        "FROM quotes q JOIN articles a USING (article_id) "
        "LEFT JOIN entities s ON s.entity_id = q.speaker_entity_id "
        "ORDER BY a.published NULLS LAST, q.article_id, q.char_start"
    ),
    "articles": (
        "SELECT article_id, story_id, similarity, source, source_name, url, publisher, headline, "
        "published, published_date, language, format, num_chars, num_entities, num_quotes, "
        "num_events, stages, ingested_at FROM articles ORDER BY ingested_at, article_id"
    ),
    "ingest_log": "SELECT * FROM ingest_log ORDER BY logged_at, input",
}

# Tables whose rows have a status (occurred, ongoing, ...), with the column that holds it;
# their SELECT has a ``{where}`` slot for a status filter.
STATUS_COLUMNS: dict[str, str] = {"events": "e.status", "mentions": "m.status"}
# ... and the column with their confidence: a mention is kept by its event's (the surest of its
# tellings), so the mentions export holds every telling of the events the events export holds.
CONFIDENCE_COLUMNS: dict[str, tuple[str, str]] = {
    "events": ("events", "e.confidence"),
    "mentions": ("events", "e.confidence"),
}

# Columns of the events table that databases written by older versions lack (they export
# empty), with their types.
LATER_EVENT_COLUMNS: dict[str, str] = {
    "date_is_fallback": "BOOLEAN",
    "status": "VARCHAR",
    "date_source": "VARCHAR",
    "date_precision": "VARCHAR",
    "confidence": "DOUBLE",
    "date_value": "VARCHAR",
    "place_admin1": "VARCHAR",
}


def events_sql(missing: set[str]) -> str:
    """The events export for a database lacking the ``missing`` later columns."""
    sql = TABLES["events"]
    for column in missing:
        sql = sql.replace(f"e.{column},", f"NULL::{LATER_EVENT_COLUMNS[column]} AS {column},")
        sql = sql.replace(f"e.{column} ", f"NULL::{LATER_EVENT_COLUMNS[column]} AS {column} ")
    return sql
