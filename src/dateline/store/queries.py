"""Read-side queries over the corpus database: stats, events, quotes, entities and raw SQL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from dateline.errors import DatelineError
from dateline.events import DEFAULT_MIN_CONFIDENCE


@dataclass(frozen=True)
class Rows:
    columns: list[str]
    rows: list[tuple[Any, ...]]


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Rows:
    cursor = con.execute(sql, params or [])
    columns = [d[0] for d in cursor.description or []]
    return Rows(columns, cursor.fetchall())


# Names of an event's actors or recipients, in order, from the corpus entities.
_NAMES = (
    "(SELECT string_agg(coalesce(n.name, u.id), '; ' ORDER BY u.i) "
    "FROM (SELECT unnest({col}) AS id, generate_subscripts({col}, 1) AS i) u "
    "LEFT JOIN entities n ON n.entity_id = u.id)"
)
_PARTICIPANT = (
    "EXISTS (SELECT 1 FROM (SELECT unnest({col}) AS id) u JOIN entities n ON n.entity_id = u.id "
    "WHERE n.name ILIKE ?)"
)


def has_column(con: duckdb.DuckDBPyConnection, table: str, column: str | None = None) -> bool:
    """Whether a table (and column) exists: databases written by older versions lack some."""
    sql = "SELECT count(*) FROM duckdb_columns() WHERE table_name = ?"
    params = [table]
    if column:
        sql += " AND column_name = ?"
        params.append(column)
    row = con.execute(sql, params).fetchone()
    return bool(row and row[0])


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


STATUSES = ("occurred", "ongoing", "future", "hypothetical", "negated")
# What ``--by`` counts per: DuckDB date_trunc parts.
PERIODS = ("day", "week", "month")


def check_event_type(event_type: str) -> str:
    """The PLOVER type named (any case); an error listing the types when it is none of them."""
    from dateline.events.lexicon import plover_types

    known = plover_types()
    if event_type.upper() not in known:
        raise DatelineError(
            f"unknown event type {event_type!r}: PLOVER types are {', '.join(known)}"
        )
    return event_type.upper()


def check_statuses(statuses: list[str]) -> list[str]:
    wrong = [s for s in statuses if s not in STATUSES]
    if wrong:
        raise DatelineError(
            f"unknown status {', '.join(map(repr, wrong))}: statuses are {', '.join(STATUSES)}"
        )
    return statuses


def _article_ids(con: duckdb.DuckDBPyConnection, article: str) -> list[str]:
    """Stored article ids starting with ``article`` (a whole id or an unambiguous prefix)."""
    found = [
        row[0]
        for row in con.execute(
            "SELECT article_id FROM articles WHERE starts_with(article_id, ?) ORDER BY article_id",
            [article],
        ).fetchall()
    ]
    if not found:
        raise DatelineError(f"no article {article!r} in the database")
    if len(found) > 1 and article not in found:
        raise DatelineError(
            f"article id {article!r} is ambiguous: {', '.join(found[:5])}"
            + (" ..." if len(found) > 5 else "")
        )
    return [article] if article in found else found


def events(
    con: duckdb.DuckDBPyConnection,
    actor: str | None = None,
    role: str = "any",
    event_type: str | None = None,
    since: date | None = None,
    until: date | None = None,
    place: str | None = None,
    limit: int = 50,
    statuses: list[str] | None = None,
    article: str | None = None,
    by: str | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> Rows:
    """Corpus events, most reported first; ``actor`` matches part of a participant's name.
    Events below ``min_confidence`` are left out (events stored before confidences existed
    have none and always count).

    ``statuses`` keeps events of those statuses; ``article`` those told by that article (its
    id or an unambiguous prefix); ``by`` ("day", "week", "month") returns counts of the
    matching events per period of their date instead of the events.
    """
    where: list[str] = []
    params: list[Any] = []
    has_confidence = has_column(con, "events", "confidence")
    if has_confidence and min_confidence > 0:
        where.append("coalesce(e.confidence, 1.0) >= ?")
        params.append(min_confidence)
    if event_type:
        event_type = check_event_type(event_type)
    if statuses:
        check_statuses(statuses)
        if has_column(con, "events", "status"):
            where.append(f"e.status IN ({', '.join('?' for _ in statuses)})")
            params.extend(statuses)
        else:  # a database written before events.status: read the first report's status
            where.append(
                "(SELECT m.status FROM event_mentions m WHERE m.event_id = e.event_id "
                f"ORDER BY m.article_id, m.char_start LIMIT 1) IN ({', '.join('?' for _ in statuses)})"
            )
            params.extend(statuses)
    if article:
        ids = _article_ids(con, article)
        where.append(
            "EXISTS (SELECT 1 FROM event_mentions m WHERE m.event_id = e.event_id "
            f"AND m.article_id IN ({', '.join('?' for _ in ids)}))"
        )
        params.extend(ids)
    if actor:
        columns = {"actor": ["e.actor_ids"], "recipient": ["e.recipient_ids"]}.get(
            role, ["e.actor_ids", "e.recipient_ids"]
        )
        where.append("(" + " OR ".join(_PARTICIPANT.format(col=c) for c in columns) + ")")
        params.extend(_like(actor) for _ in columns)
    if event_type:
        where.append("upper(e.type) = upper(?)")
        params.append(event_type)
    if since:
        where.append("e.date >= ?")
        params.append(since)
    if until:
        where.append("e.date <= ?")
        params.append(until)
    if place:
        where.append("e.place_name ILIKE ?")
        params.append(_like(place))
    condition = " WHERE " + " AND ".join(where) if where else ""
    if by is not None:
        return _event_counts(con, by, condition, params, limit)
    status = "e.status" if has_column(con, "events", "status") else "NULL::VARCHAR"
    sql = (
        f"SELECT e.event_id, e.date, e.type, {status} AS status, e.cameo, "
        f"{_NAMES.format(col='e.actor_ids')} AS actors, "
        f"{_NAMES.format(col='e.recipient_ids')} AS recipients, "
        "e.place_name AS place, e.num_mentions, e.num_sources, e.num_articles, "
        + ("e.confidence, " if has_confidence else "NULL::DOUBLE AS confidence, ")
        + "(SELECT trim(m.sentence) FROM event_mentions m WHERE m.event_id = e.event_id "
        " ORDER BY m.article_id, m.char_start LIMIT 1) AS example, "
        # True when the date is only the canonical report's publication day.
        + (
            "e.date_is_fallback"
            if has_column(con, "events", "date_is_fallback")
            else "NULL::BOOLEAN"
        )
        + " AS date_is_fallback, "
        # What the first report states, at its own granularity ("2015", "2015-03").
        + ("e.date_value" if has_column(con, "events", "date_value") else "NULL::VARCHAR")
        + " AS date_value, "
        + ("e.date_precision" if has_column(con, "events", "date_precision") else "NULL::VARCHAR")
        + " AS date_precision FROM events e"
        + condition
        + " ORDER BY e.num_articles DESC, e.num_mentions DESC, e.date, e.event_id LIMIT ?"
    )
    return _rows(con, sql, [*params, limit])


def _event_counts(
    con: duckdb.DuckDBPyConnection, by: str, condition: str, params: list[Any], limit: int
) -> Rows:
    """Matching events per day, week (starting Monday) or month of their date, in date order;
    undated events count in a last row with an empty period."""
    if by not in PERIODS:
        raise DatelineError(f"--by must be one of {', '.join(PERIODS)}, not {by!r}")
    sql = (
        f"SELECT CAST(date_trunc('{by}', e.date) AS DATE) AS {by}, count(*) AS events, "
        "sum(e.num_mentions) AS mentions, sum(e.num_articles) AS articles "
        f"FROM events e{condition} GROUP BY 1 ORDER BY 1 NULLS LAST LIMIT ?"
    )
    return _rows(con, sql, [*params, limit])


def quotes(
    con: duckdb.DuckDBPyConnection,
    speaker: str | None = None,
    contains: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 50,
) -> Rows:
    """Quotes with their speakers and articles; filters match parts of names and text."""
    where: list[str] = []
    params: list[Any] = []
    if speaker:
        where.append("(q.speaker_name ILIKE ? OR s.name ILIKE ?)")
        params += [_like(speaker), _like(speaker)]
    if contains:
        where.append("q.text ILIKE ?")
        params.append(_like(contains))
    if since:
        where.append("a.published_date >= ?")
        params.append(since)
    if until:
        where.append("a.published_date <= ?")
        params.append(until)
    sql = (
        "SELECT a.published_date AS date, coalesce(s.name, q.speaker_name) AS speaker, q.kind, "
        "q.cue, q.text AS quote, a.source_name AS source, q.article_id "
        "FROM quotes q JOIN articles a USING (article_id) "
        "LEFT JOIN entities s ON s.entity_id = q.speaker_entity_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY a.published_date DESC NULLS LAST, q.article_id, q.char_start LIMIT ?"
    )
    return _rows(con, sql, [*params, limit])


def entities(
    con: duckdb.DuckDBPyConnection,
    name: str | None = None,
    entity_type: str | None = None,
    country: str | None = None,
    limit: int = 50,
    tone: bool = False,
) -> Rows:
    """Corpus entities with how many articles and mentions name them; with ``tone``, also how
    the articles portray them (``entity_tone``): articles scored, mean score (-1 .. +1) and
    articles classed negative / neutral / positive."""
    where: list[str] = []
    params: list[Any] = []
    if name:
        where.append("e.name ILIKE ?")
        params.append(_like(name))
    if entity_type:
        where.append("upper(e.type) = upper(?)")
        params.append(entity_type)
    if country:
        where.append("upper(e.country) = upper(?)")
        params.append(country)
    tone_columns, tone_join = "", ""
    if tone and has_column(con, "entity_tone"):
        # Per-actor tone: one row per (article, entity) in entity_tone, so aggregate it apart
        # from the mention counts.
        tone_columns = (
            ", t.tone_articles, round(t.tone_score, 3) AS tone_score, t.negative_articles, "
            "t.neutral_articles, t.positive_articles"
        )
        tone_join = (
            " LEFT JOIN (SELECT entity_id, count(*) AS tone_articles, avg(score) AS tone_score, "
            "count(*) FILTER (label = 'negative') AS negative_articles, "
            "count(*) FILTER (label = 'neutral') AS neutral_articles, "
            "count(*) FILTER (label = 'positive') AS positive_articles "
            "FROM entity_tone GROUP BY entity_id) t USING (entity_id)"
        )
    sql = (
        "SELECT e.entity_id, e.name, e.type, e.country, e.sector, e.code, e.kb_id, "
        "count(DISTINCT m.article_id) AS num_articles, count(m.article_id) AS num_mentions"
        + tone_columns
        + " FROM entities e LEFT JOIN mentions m USING (entity_id)"
        + tone_join
        + (" WHERE " + " AND ".join(where) if where else "")
        + " GROUP BY ALL ORDER BY num_articles DESC, num_mentions DESC, e.name LIMIT ?"
    )
    return _rows(con, sql, [*params, limit])


def actor_tone(
    con: duckdb.DuckDBPyConnection,
    actor: str,
    by: str = "month",
    since: date | None = None,
    until: date | None = None,
    limit: int = 1000,
) -> Rows:
    """How coverage portrays actors whose name contains ``actor``, per day, week or month of
    the articles' publication date: articles, mean target-dependent score (-1 .. +1), articles
    classed negative / neutral / positive towards the actor, and the articles' mean V2Tone.
    Undated articles count in a last row with an empty period."""
    if by not in PERIODS:
        raise DatelineError(f"--by must be one of {', '.join(PERIODS)}, not {by!r}")
    if not has_column(con, "entity_tone"):
        return Rows([by, "name", "articles"], [])
    where = ["e.name ILIKE ?"]
    params: list[Any] = [_like(actor)]
    if since is not None:
        where.append("a.published_date >= ?")
        params.append(since)
    if until is not None:
        where.append("a.published_date <= ?")
        params.append(until)
    sql = (
        f"SELECT CAST(date_trunc('{by}', a.published_date) AS DATE) AS {by}, e.name, "
        "count(DISTINCT t.article_id) AS articles, round(avg(t.score), 3) AS tone_score, "
        "count(*) FILTER (t.label = 'negative') AS negative, "
        "count(*) FILTER (t.label = 'neutral') AS neutral, "
        "count(*) FILTER (t.label = 'positive') AS positive, "
        "round(avg(d.tone), 3) AS article_tone "
        "FROM entity_tone t JOIN entities e USING (entity_id) "
        "JOIN articles a USING (article_id) LEFT JOIN article_tone d USING (article_id) "
        "WHERE " + " AND ".join(where) + f" GROUP BY ALL ORDER BY {by} NULLS LAST, articles DESC "
        "LIMIT ?"
    )
    return _rows(con, sql, [*params, limit])


def read_only_sql(con: duckdb.DuckDBPyConnection, sql: str, limit: int | None = None) -> Rows:
    """Run one SELECT (or WITH ... SELECT); anything else is refused before it runs."""
    columns, batches = stream_read_only_sql(con, sql)
    rows: list[tuple[Any, ...]] = []
    for batch in batches:
        rows.extend(batch)
        if limit and len(rows) >= limit:
            return Rows(columns, rows[:limit])
    return Rows(columns, rows)


def sql_error(exc: duckdb.Error) -> DatelineError:
    """DuckDB's message as a one-line error, its further lines (a hint, the statement with a
    caret under the place it failed) as the detail printed beneath."""
    first, _, rest = str(exc).partition("\n")
    return DatelineError(f"SQL error: {first}", detail=rest or None)


def stream_read_only_sql(
    con: duckdb.DuckDBPyConnection, sql: str, chunk: int = 2000
) -> tuple[list[str], Iterator[list[tuple[Any, ...]]]]:
    """The columns of one SELECT and its rows in chunks, fetched as they are read: ten million
    rows are never held at once."""
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        raise sql_error(exc) from None
    if len(statements) != 1:
        raise DatelineError(f"give exactly one SQL statement (got {len(statements)})")
    if statements[0].type != duckdb.StatementType.SELECT:
        kind = str(statements[0].type).rsplit(".", 1)[-1]
        raise DatelineError(f"only SELECT queries are allowed here (got {kind})")
    try:
        cursor = con.execute(sql)
    except duckdb.Error as exc:
        raise sql_error(exc) from None
    columns = [d[0] for d in cursor.description or []]

    def batches() -> Iterator[list[tuple[Any, ...]]]:
        while True:
            try:
                batch = cursor.fetchmany(chunk)
            except duckdb.Error as exc:
                raise sql_error(exc) from None
            if not batch:
                return
            yield batch

    return columns, batches()


# A top actor: a group counts when something places it (a country, a knowledge-base entry),
# as "Kenyan police" or "Hamas" do, unlike "officials" (columns of ``entities e``).
NAMED_ACTOR = "(e.type <> 'GROUP' OR e.country IS NOT NULL OR e.kb_id IS NOT NULL)"


def stats(
    con: duckdb.DuckDBPyConnection, top: int = 10, min_confidence: float = DEFAULT_MIN_CONFIDENCE
) -> dict[str, Any]:
    """Counts, date ranges, top actors, event types, events, speakers and the ingest log.

    ``counts["sources"]`` counts the publishers of stored articles and of their exact copies
    (``counts["copies"]``); top actors are people, organisations and groups (not NORP). Events
    are counted as ``query events`` lists them: those at least ``min_confidence`` sure (their
    mentions, dates and types too); ``counts["events_below_confidence"]`` says how many more
    the database keeps.
    """

    def one(sql: str) -> Any:
        row = con.execute(sql).fetchone()
        return row[0] if row else None

    counts = {
        table: one(f"SELECT count(*) FROM {table}")
        for table in (
            "articles", "entities", "mentions", "quotes", "locations", "times", "amounts",
        )
    }  # fmt: skip
    # Events stored before confidences existed count as sure, as in ``events``.
    sure = (
        f"coalesce(confidence, 1.0) >= {float(min_confidence)!r}"
        if has_column(con, "events", "confidence") and min_confidence > 0
        else "TRUE"
    )
    kept = f"(SELECT * FROM events WHERE {sure})"
    counts["events"] = one(f"SELECT count(*) FROM {kept}")
    counts["event_mentions"] = one(
        f"SELECT count(*) FROM event_mentions WHERE event_id IN (SELECT event_id FROM {kept})"
    )
    # Every place an article tells a kept event, as the events' num_mentions (and so the event
    # types table, query events and its --by counts) count them; event_mentions has one row per
    # article and event.
    counts["event_num_mentions"] = one(f"SELECT coalesce(sum(num_mentions), 0) FROM {kept}")
    counts["events_below_confidence"] = one(f"SELECT count(*) FROM events WHERE NOT ({sure})")
    counts["stories"] = one("SELECT count(DISTINCT story_id) FROM articles")
    counts["near_duplicates"] = one("SELECT count(*) FROM articles WHERE story_id <> article_id")
    copies = has_column(con, "article_copies")
    counts["copies"] = one("SELECT count(*) FROM article_copies") if copies else 0
    counts["sources"] = one(
        "SELECT count(DISTINCT source_name) FROM (SELECT source_name FROM articles"
        + (" UNION ALL SELECT source_name FROM article_copies)" if copies else ")")
    )
    published = con.execute(
        "SELECT min(published_date), max(published_date) FROM articles"
    ).fetchone()
    event_dates = con.execute(f"SELECT min(date), max(date) FROM {kept}").fetchone()
    return {
        "counts": counts,
        "published": published,
        "event_dates": event_dates,
        "top_actors": _rows(
            con,
            "SELECT e.name, e.type, e.country, count(DISTINCT m.article_id) AS articles "
            "FROM mentions m JOIN entities e USING (entity_id) "
            # Nationality adjectives (NORP: "Russian", "Syrian") are not actors, nor are groups
            # named only by a common noun ("officials", "the company"): one is in every story.
            f"WHERE e.type IN ('PERSON', 'ORG', 'GROUP') AND {NAMED_ACTOR} "
            "GROUP BY ALL ORDER BY articles DESC, count(*) DESC, e.name LIMIT ?",
            [top],
        ),
        "event_types": _rows(
            con,
            f"SELECT type, count(*) AS events, sum(num_mentions) AS mentions FROM {kept} "
            "GROUP BY type ORDER BY events DESC, type LIMIT ?",
            [top],
        ),
        "top_events": events(con, limit=top, min_confidence=min_confidence),
        "min_confidence": min_confidence,
        "top_speakers": _rows(
            con,
            "SELECT coalesce(s.name, q.speaker_name) AS speaker, count(*) AS quotes, "
            "count(DISTINCT q.article_id) AS articles FROM quotes q "
            "LEFT JOIN entities s ON s.entity_id = q.speaker_entity_id "
            "WHERE coalesce(s.name, q.speaker_name) IS NOT NULL "
            "GROUP BY ALL ORDER BY quotes DESC, speaker LIMIT ?",
            [top],
        ),
        "sample_quotes": quotes(con, limit=top),
        "ingest_log": _rows(
            con,
            "SELECT status, count(*) AS inputs FROM ingest_log GROUP BY status ORDER BY inputs DESC",
        ),
        # Stored but not analysed: the analysis stages read English only.
        "not_english": _rows(
            con,
            "SELECT language, count(*) AS articles FROM articles "
            "WHERE language IS NOT NULL AND language <> 'en' "
            "GROUP BY language ORDER BY articles DESC, language",
        ),
        **live_stats(con, top),
    }


def live_stats(con: duckdb.DuckDBPyConnection, top: int = 10) -> dict[str, Rows]:
    """The last rounds of the fetching commands, and the health of every polled source."""
    if not has_column(con, "fetch_rounds"):
        return {}
    return {
        "rounds": _rows(
            con,
            "SELECT round_id AS round, command, strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started,"
            " round(epoch(finished_at - started_at), 1) AS seconds, status, feeds_polled AS feeds,"
            " feeds_not_modified AS unchanged, feeds_failed AS feeds_failed, urls_new AS new_urls,"
            " pages_fetched AS fetched, pages_failed AS failed, articles_stored AS stored,"
            " requests FROM fetch_rounds ORDER BY round_id DESC LIMIT ?",
            [top],
        ),
        "sources": _rows(
            con,
            "SELECT coalesce(name, regexp_replace(url, '^https?://', '')) AS source, kind, polls,"
            " not_modified AS unchanged, consecutive_failures AS failing, last_status,"
            " strftime(last_ok, '%Y-%m-%d %H:%M') AS last_ok,"
            " CASE WHEN next_poll > now()::TIMESTAMP"
            "  THEN strftime(next_poll, '%Y-%m-%d %H:%M') END AS backed_off_until,"
            " urls_new AS new_urls, last_error"
            " FROM fetch_sources ORDER BY parent_url NULLS FIRST, url",
        ),
        "pending_urls": _rows(
            con,
            "SELECT status, count(*) AS urls FROM fetch_urls GROUP BY status ORDER BY urls DESC",
        ),
    }
