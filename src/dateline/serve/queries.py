"""The explorer's reads: lists with filters and pages, detail records, timeline and map data.

Every value that comes from a request is a bound parameter; SQL text is only ever assembled
from fixed fragments chosen in this module. Rows come back as JSON-ready dicts (dates as ISO
strings), shared by the JSON API, the CSV downloads and the HTML pages. Columns that only
newer databases have (``events.confidence``, ``events.status``, ...) are read when present.
The ``serve_*`` tables are the explorer's lookup tables, added to its private snapshot of the
database (``corpus.py``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pycountry

from dateline.events import DEFAULT_MIN_CONFIDENCE
from dateline.serve.corpus import Reader
from dateline.serve.filters import (
    ENTITY_ID,
    ArticleFilter,
    BadParameterError,
    EntityFilter,
    EventFilter,
    QuoteFilter,
)
from dateline.store.queries import NAMED_ACTOR

# Actors in the "top actors" lists: people, organisations and groups (not nationalities), of
# the groups only those something places (``NAMED_ACTOR``: "officials" is in every story).
ACTOR_TYPES = ("PERSON", "ORG", "GROUP")


@dataclass(frozen=True)
class Page:
    total: int
    page: int
    per_page: int
    items: list[dict[str, Any]]

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "page": self.page,
            "per_page": self.per_page,
            "pages": self.pages,
            "items": self.items,
        }


def plain(value: Any) -> Any:
    """A database value as JSON: ISO dates, floats for decimals, null for NaN."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, bytes):
        return None
    return value


def _dicts(reader: Reader, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cursor = reader.con.execute(sql, list(params))
    names = [d[0] for d in cursor.description or []]
    return [{n: plain(v) for n, v in zip(names, row, strict=True)} for row in cursor.fetchall()]


def _one(reader: Reader, sql: str, params: Sequence[Any] = ()) -> Any:
    row = reader.con.execute(sql, list(params)).fetchone()
    return row[0] if row else None


_TOTAL = ", count(*) OVER () AS _total"


def _paged(
    reader: Reader,
    sql: str,
    params: list[Any],
    count_sql: str,
    page: int,
    per_page: int,
    searched: bool = False,
) -> tuple[int, list[dict[str, Any]]]:
    """One page of ``sql`` (ending with ORDER BY; ``{total}`` marks where the select list
    ends) and the number of matching rows.

    With a text search (``searched``) the filters are the expensive part, so the page and the
    total come from one pass (a window count); otherwise a separate ``count(*)`` is cheaper
    than a window over every row, which would keep DuckDB from taking only the top rows.
    """
    paged = [*params, per_page, (page - 1) * per_page]
    if searched:
        rows = _dicts(reader, sql.replace("{total}", _TOTAL) + " LIMIT ? OFFSET ?", paged)
        if rows:
            total = int(rows[0]["_total"])
            for row in rows:
                del row["_total"]
            return total, rows
        if page == 1:
            return 0, []
    total = int(_one(reader, count_sql, params) or 0)
    rows = _dicts(reader, sql.replace("{total}", "") + " LIMIT ? OFFSET ?", paged) if total else []
    return total, rows


def _in(values: Sequence[Any]) -> str:
    return "(" + ", ".join("?" for _ in values) + ")"


def _fold(value: str) -> str:
    return value.lower()


class _Where:
    """WHERE clauses and their parameters, built side by side."""

    def __init__(self) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def _entity_match(column: str, value: str) -> tuple[str, list[Any]]:
    """SQL true when ``column`` is the entity a filter names: one id, or every entity whose
    name contains the value."""
    if ENTITY_ID.match(value):
        return f"{column} = ?", [value]
    return (
        f"{column} IN (SELECT entity_id FROM entities WHERE contains(lower(name), ?))",
        [_fold(value)],
    )


def _country(code: str) -> Any:
    if len(code) == 2:
        return pycountry.countries.get(alpha_2=code)
    return pycountry.countries.get(alpha_3=code)


def _alpha2(code: str) -> str:
    found = _country(code)
    if found is None:
        raise BadParameterError(f"country: unknown ISO 3166 code {code!r}")
    return str(found.alpha_2)


def _alpha3(code: str) -> str:
    found = _country(code)
    if found is None:
        raise BadParameterError(f"country: unknown ISO 3166 code {code!r}")
    return str(found.alpha_3)


# -- events -------------------------------------------------------------------------------------

_EVENT_ORDER = {
    "reports": "e.num_articles DESC, e.num_mentions DESC, e.date DESC NULLS LAST, e.event_id",
    "date": "e.date DESC NULLS LAST, e.num_articles DESC, e.event_id DESC",
    "oldest": "e.date ASC NULLS LAST, e.num_articles DESC, e.event_id",
}


def _event_where(reader: Reader, f: EventFilter) -> _Where:
    cols = reader.columns
    w = _Where()
    if f.q:
        w.add(
            "e.event_id IN (SELECT event_id FROM serve_mention_text WHERE contains(body, ?))",
            _fold(f.q),
        )
    if f.type:
        w.add("upper(e.type) = ?", f.type)
    if f.actor:
        match, params = _entity_match("entity_id", f.actor)
        if f.role != "any":
            match += " AND role = ?"
            params.append(f.role)
        w.add(f"e.event_id IN (SELECT event_id FROM serve_participants WHERE {match})", *params)
    if f.place:
        w.add("contains(lower(e.place_name), ?)", _fold(f.place))
    if f.country:
        w.add("upper(e.place_country) = ?", _alpha2(f.country))
    if f.since:
        w.add("e.date >= ?", f.since)
    if f.until:
        w.add("e.date <= ?", f.until)
    if f.status:
        if cols.has("events", "status"):
            w.add("e.status = ?", f.status)
        else:
            w.add("e.event_id IN (SELECT event_id FROM event_mentions WHERE status = ?)", f.status)
    if cols.has("events", "confidence"):
        # As `dateline query events`: unsure events are hidden unless asked for (0 shows all);
        # events stored before confidences existed count as sure.
        threshold = DEFAULT_MIN_CONFIDENCE if f.min_confidence is None else f.min_confidence
        if threshold > 0:
            w.add("coalesce(e.confidence, 1.0) >= ?", threshold)
    elif f.min_confidence:
        raise BadParameterError(
            "min_confidence: this corpus has no event confidence scores (it was ingested "
            "by a version of Dateline that did not score events)"
        )
    if f.source:
        w.add(
            "e.event_id IN (SELECT event_id FROM event_mentions "
            "WHERE contains(lower(source_name), ?))",
            _fold(f.source),
        )
    if f.article:
        w.add("e.event_id IN (SELECT event_id FROM event_mentions WHERE article_id = ?)", f.article)
    return w


def _names(reader: Reader, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    rows = _dicts(
        reader,
        f"SELECT entity_id AS id, name, type FROM entities WHERE entity_id IN {_in(wanted)}",
        wanted,
    )
    return {row["id"]: row for row in rows}


def _complete_events(reader: Reader, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Participants by name, place as one object, and the first report's sentence."""
    if not rows:
        return rows
    names = _names(
        reader,
        [i for r in rows for i in (r.get("actor_ids") or []) + (r.get("recipient_ids") or [])],
    )
    ids = [r["event_id"] for r in rows]
    extra = ", confidence" if reader.columns.has("event_mentions", "confidence") else ""
    first: dict[int, dict[str, Any]] = {}
    for m in _dicts(
        reader,
        "SELECT m.event_id, m.article_id, m.local_id, m.trigger, trim(m.sentence) AS sentence, "
        f"m.status{extra} FROM event_mentions m LEFT JOIN articles a USING (article_id) "
        f"WHERE m.event_id IN {_in(ids)} "
        "ORDER BY m.event_id, a.published NULLS LAST, m.article_id, m.char_start",
        ids,
    ):
        first.setdefault(m["event_id"], m)
    out = []
    for row in rows:
        item = {k: v for k, v in row.items() if not k.startswith("place_")}
        item["actors"] = [
            names.get(i, {"id": i, "name": i, "type": None}) for i in row.get("actor_ids") or []
        ]
        item["recipients"] = [
            names.get(i, {"id": i, "name": i, "type": None}) for i in row.get("recipient_ids") or []
        ]
        item["place"] = (
            {
                "name": row.get("place_name"),
                "country": row.get("place_country"),
                "geonameid": row.get("place_geonameid"),
                "lat": row.get("place_lat"),
                "lon": row.get("place_lon"),
                "kind": row.get("place_kind"),
            }
            if row.get("place_name")
            else None
        )
        mention = first.get(row["event_id"])
        item["example"] = mention
        if "status" not in item:
            item["status"] = mention["status"] if mention else None
        if "confidence" not in item and mention and "confidence" in mention:
            item["confidence"] = mention["confidence"]
        out.append(item)
    return out


def events(reader: Reader, f: EventFilter, page: int = 1, per_page: int = 25) -> Page:
    w = _event_where(reader, f)
    # The page's ids first, then their rows: sorting ids is cheaper than sorting whole rows.
    total, hits = _paged(
        reader,
        "SELECT e.event_id{total} FROM events e" + w.sql() + f" ORDER BY {_EVENT_ORDER[f.sort]}",
        w.params,
        "SELECT count(*) FROM events e" + w.sql(),
        page,
        per_page,
        searched=bool(f.q),
    )
    ids = [h["event_id"] for h in hits]
    rows = (
        _dicts(
            reader,
            f"SELECT e.* EXCLUDE (match_key) FROM events e WHERE e.event_id IN {_in(ids)}",
            ids,
        )
        if ids
        else []
    )
    rows.sort(key=lambda r: ids.index(r["event_id"]))
    return Page(total, page, per_page, _complete_events(reader, rows))


def event(reader: Reader, event_id: int) -> dict[str, Any] | None:
    rows = _dicts(
        reader, "SELECT e.* EXCLUDE (match_key) FROM events e WHERE e.event_id = ?", [event_id]
    )
    if not rows:
        return None
    item = _complete_events(reader, rows)[0]
    item["mentions"] = _dicts(
        reader,
        "SELECT m.* EXCLUDE (event_id), a.headline, a.published, a.url, a.source AS input "
        "FROM event_mentions m JOIN articles a USING (article_id) WHERE m.event_id = ? "
        "ORDER BY a.published NULLS LAST, m.article_id, m.char_start",
        [event_id],
    )
    item["copies"] = (
        _dicts(
            reader,
            "SELECT c.article_id, c.source_name, c.url, c.published FROM article_copies c "
            "WHERE c.article_id IN (SELECT article_id FROM event_mentions WHERE event_id = ?) "
            "ORDER BY c.published NULLS LAST, c.source",
            [event_id],
        )
        if reader.columns.has("article_copies")
        else []
    )
    return item


def timeline(reader: Reader, f: EventFilter, interval: str = "auto") -> dict[str, Any]:
    """Events per day, week or month and type, for the filters (undated events left out)."""
    w = _event_where(reader, f)
    w.add("e.date IS NOT NULL")
    if interval == "auto":
        span = reader.con.execute(
            "SELECT min(e.date), max(e.date) FROM events e" + w.sql(), w.params
        ).fetchone()
        days = (span[1] - span[0]).days if span and span[0] and span[1] else 0
        interval = "day" if days <= 90 else "week" if days <= 3 * 365 else "month"
    rows = _dicts(
        reader,
        f"SELECT date_trunc('{interval}', e.date)::DATE AS bucket, e.type, count(*) AS events, "
        "sum(e.num_articles) AS articles FROM events e"
        + w.sql()
        + " GROUP BY ALL ORDER BY bucket, e.type",
        w.params,
    )
    return {"interval": interval, "buckets": rows}


def map_points(reader: Reader, f: EventFilter, limit: int = 2000) -> dict[str, Any]:
    """Events with a place, one point per place and type (the biggest first)."""
    w = _event_where(reader, f)
    w.add("e.place_lat IS NOT NULL AND e.place_lon IS NOT NULL")
    w.add("isfinite(e.place_lat) AND isfinite(e.place_lon)")
    total = int(_one(reader, "SELECT count(*) FROM events e" + w.sql(), w.params) or 0)
    points = _dicts(
        reader,
        "SELECT e.place_lat AS lat, e.place_lon AS lon, e.place_name AS place, "
        "e.place_country AS country, e.type, count(*) AS events, "
        "sum(e.num_articles) AS articles, min(e.event_id) AS first_event_id FROM events e"
        + w.sql()
        + " GROUP BY ALL ORDER BY events DESC, articles DESC, place, e.type LIMIT ?",
        [*w.params, limit],
    )
    return {"events": total, "points": points}


# -- articles -----------------------------------------------------------------------------------

_ARTICLE_COLUMNS = (
    "a.article_id, a.headline, a.source_name, a.publisher, a.url, a.published, "
    "a.published_date, a.language, a.num_chars, a.num_entities, a.num_quotes, a.num_events, "
    "a.story_id, a.similarity, a.source, a.ingested_at"
)


def _article_where(reader: Reader, f: ArticleFilter) -> _Where:
    w = _Where()
    if f.q:
        folded = _fold(f.q)
        w.add("a.article_id IN (SELECT article_id FROM serve_text WHERE contains(body, ?))", folded)
    if f.source:
        w.add("contains(lower(a.source_name), ?)", _fold(f.source))
    if f.entity:
        match, params = _entity_match("entity_id", f.entity)
        w.add(f"a.article_id IN (SELECT article_id FROM mentions WHERE {match})", *params)
    if f.since:
        w.add("a.published_date >= ?", f.since)
    if f.until:
        w.add("a.published_date <= ?", f.until)
    if f.language:
        w.add("lower(a.language) = ?", _fold(f.language))
    if f.story:
        w.add("a.story_id = ?", f.story)
    return w


def articles(reader: Reader, f: ArticleFilter, page: int = 1, per_page: int = 25) -> Page:
    w = _article_where(reader, f)
    total, rows = _paged(
        reader,
        f"SELECT {_ARTICLE_COLUMNS}{{total}} FROM articles a"
        + w.sql()
        + " ORDER BY a.published_date DESC NULLS LAST, a.published DESC NULLS LAST, "
        "a.article_id",
        w.params,
        "SELECT count(*) FROM articles a" + w.sql(),
        page,
        per_page,
        searched=bool(f.q),
    )
    return Page(total, page, per_page, rows)


def article(reader: Reader, article_id: str) -> dict[str, Any] | None:
    rows = _dicts(
        reader,
        f"SELECT {_ARTICLE_COLUMNS}, a.analysis FROM articles a WHERE a.article_id = ?",
        [article_id],
    )
    if not rows:
        return None
    row = rows[0]
    row["analysis"] = json.loads(row["analysis"])
    row["entity_ids"] = dict(
        reader.con.execute(
            "SELECT DISTINCT local_id, entity_id FROM mentions WHERE article_id = ?", [article_id]
        ).fetchall()
    )
    row["event_ids"] = dict(
        reader.con.execute(
            "SELECT local_id, event_id FROM event_mentions WHERE article_id = ?", [article_id]
        ).fetchall()
    )
    row["copies"] = (
        _dicts(
            reader,
            "SELECT source_name, url, published FROM article_copies WHERE article_id = ? "
            "ORDER BY published NULLS LAST, source",
            [article_id],
        )
        if reader.columns.has("article_copies")
        else []
    )
    row["story"] = _dicts(
        reader,
        "SELECT article_id, headline, source_name, published FROM articles "
        "WHERE story_id = ? AND article_id <> ? ORDER BY published NULLS LAST LIMIT 50",
        [row["story_id"], article_id],
    )
    return row


# -- quotes -------------------------------------------------------------------------------------


def _quote_where(f: QuoteFilter) -> _Where:
    w = _Where()
    if f.q:
        w.add("contains(lower(q.text), ?)", _fold(f.q))
    if f.speaker:
        if ENTITY_ID.match(f.speaker):
            w.add("q.speaker_entity_id = ?", f.speaker)
        else:
            w.add(
                "(contains(lower(q.speaker_name), ?) OR contains(lower(s.name), ?))",
                _fold(f.speaker),
                _fold(f.speaker),
            )
    if f.kind:
        w.add("q.kind = ?", f.kind)
    if f.source:
        w.add("contains(lower(a.source_name), ?)", _fold(f.source))
    if f.since:
        w.add("a.published_date >= ?", f.since)
    if f.until:
        w.add("a.published_date <= ?", f.until)
    if f.article:
        w.add("q.article_id = ?", f.article)
    return w


_QUOTES_FROM = (
    " FROM quotes q JOIN articles a USING (article_id) "
    "LEFT JOIN entities s ON s.entity_id = q.speaker_entity_id"
)


def quotes(reader: Reader, f: QuoteFilter, page: int = 1, per_page: int = 25) -> Page:
    w = _quote_where(f)
    total, rows = _paged(
        reader,
        "SELECT q.article_id, q.local_id, q.text, q.kind, q.speaker_entity_id, "
        "coalesce(s.name, q.speaker_name) AS speaker, q.speaker_name AS speaker_as_named, q.cue, "
        "a.published_date, a.source_name, a.headline{total}"
        + _QUOTES_FROM
        + w.sql()
        + " ORDER BY a.published_date DESC NULLS LAST, q.article_id, q.char_start",
        w.params,
        "SELECT count(*)" + _QUOTES_FROM + w.sql(),
        page,
        per_page,
        searched=bool(f.q),
    )
    return Page(total, page, per_page, rows)


# -- entities -----------------------------------------------------------------------------------


def _entity_where(f: EntityFilter) -> _Where:
    w = _Where()
    if f.q:
        w.add(
            "(contains(lower(e.name), ?) OR contains(lower(coalesce(e.kb_id, '')), ?))",
            _fold(f.q),
            _fold(f.q),
        )
    if f.type:
        w.add("upper(e.type) = ?", f.type)
    if f.country:
        w.add("upper(e.country) = ?", _alpha3(f.country))
    if f.sector:
        w.add("upper(e.sector) = upper(?)", f.sector)
    return w


def entities(reader: Reader, f: EntityFilter, page: int = 1, per_page: int = 25) -> Page:
    w = _entity_where(f)
    total, rows = _paged(
        reader,
        "SELECT e.entity_id, e.name, e.type, e.country, e.sector, e.code, e.kb_id, "
        "coalesce(m.num_articles, 0) AS num_articles, "
        "coalesce(m.num_mentions, 0) AS num_mentions{total} "
        "FROM entities e LEFT JOIN serve_entity_stats m USING (entity_id)"
        + w.sql()
        + " ORDER BY num_articles DESC, num_mentions DESC, e.name, e.entity_id",
        w.params,
        "SELECT count(*) FROM entities e" + w.sql(),
        page,
        per_page,
        searched=bool(f.q),
    )
    return Page(total, page, per_page, rows)


def _sure(reader: Reader, alias: str = "e") -> str:
    """SQL keeping the events the lists show by default (confidence at least the default)."""
    if not reader.columns.has("events", "confidence"):
        return "true"
    return f"coalesce({alias}.confidence, 1.0) >= {float(DEFAULT_MIN_CONFIDENCE)!r}"


def _involving(reader: Reader) -> str:
    """SQL of the events one entity (the ``?``) takes part in, with whether it acts and whether
    it is acted on; unsure events are left out, as in the event lists."""
    return (
        "SELECT e.event_id, e.type, e.date, e.actor_ids, e.recipient_ids, p.as_actor, "
        "p.as_recipient FROM (SELECT event_id, bool_or(role = 'actor') AS as_actor, "
        "bool_or(role = 'recipient') AS as_recipient FROM serve_participants "
        "WHERE entity_id = ? GROUP BY event_id) p JOIN events e USING (event_id) "
        f"WHERE {_sure(reader)}"
    )


def entity(reader: Reader, entity_id: str) -> dict[str, Any] | None:
    """An actor: who it is, its timeline by type and role, partners, quotes, events, articles."""
    rows = _dicts(reader, "SELECT * FROM entities WHERE entity_id = ?", [entity_id])
    if not rows:
        return None
    item = rows[0]
    item["num_articles"] = (
        _one(reader, "SELECT num_articles FROM serve_entity_stats WHERE entity_id = ?", [entity_id])
        or 0
    )
    item["aliases"] = _dicts(
        reader,
        "SELECT text, count(*) AS mentions FROM mentions WHERE entity_id = ? "
        "GROUP BY text ORDER BY mentions DESC, text LIMIT 20",
        [entity_id],
    )
    involved, ids = _involving(reader), [entity_id]
    item["roles"] = _dicts(
        reader,
        "SELECT count(*) FILTER (WHERE as_actor) AS as_actor, "
        f"count(*) FILTER (WHERE as_recipient) AS as_recipient FROM ({involved})",
        ids,
    )[0]
    item["timeline"] = _dicts(
        reader,
        "SELECT date_trunc('week', date)::DATE AS bucket, type, "
        "CASE WHEN as_actor THEN 'actor' ELSE 'recipient' END AS role, count(*) AS events "
        f"FROM ({involved}) WHERE date IS NOT NULL GROUP BY ALL ORDER BY bucket, type, role",
        ids,
    )
    item["partners"] = _dicts(
        reader,
        f"WITH ev AS ({involved}), "
        "other AS (SELECT event_id, type, as_actor, "
        "unnest(list_concat(actor_ids, recipient_ids)) AS partner_id FROM ev) "
        "SELECT o.partner_id AS entity_id, n.name, n.type, count(DISTINCT o.event_id) AS events, "
        "count(DISTINCT o.event_id) FILTER (WHERE o.as_actor) AS as_actor, "
        "count(DISTINCT o.event_id) FILTER (WHERE NOT o.as_actor) AS as_recipient, "
        "list(DISTINCT o.type ORDER BY o.type) AS types "
        "FROM other o JOIN entities n ON n.entity_id = o.partner_id WHERE o.partner_id <> ? "
        "GROUP BY ALL ORDER BY events DESC, n.name LIMIT 25",
        [*ids, entity_id],
    )
    return item


def entity_events(
    reader: Reader, entity_id: str, limit: int = 15
) -> dict[str, list[dict[str, Any]]]:
    """An actor's most reported events as actor and as recipient, in one pass."""
    ranked = _dicts(
        reader,
        "SELECT role, event_id FROM (SELECT p.role, e.event_id, row_number() OVER ("
        f"PARTITION BY p.role ORDER BY {_EVENT_ORDER['reports']}) AS rank "
        "FROM serve_participants p JOIN events e USING (event_id) "
        f"WHERE p.entity_id = ? AND {_sure(reader)}) WHERE rank <= ? ORDER BY role, rank",
        [entity_id, limit],
    )
    ids = sorted({r["event_id"] for r in ranked})
    rows = (
        _dicts(
            reader,
            f"SELECT e.* EXCLUDE (match_key) FROM events e WHERE e.event_id IN {_in(ids)}",
            ids,
        )
        if ids
        else []
    )
    by_id = {e["event_id"]: e for e in _complete_events(reader, rows)}
    out: dict[str, list[dict[str, Any]]] = {"actor": [], "recipient": []}
    for r in ranked:
        out[r["role"]].append(by_id[r["event_id"]])
    return out


# -- home ---------------------------------------------------------------------------------------


def overview(reader: Reader) -> dict[str, Any]:
    counts = {
        table: int(_one(reader, f"SELECT count(*) FROM {table}") or 0)
        for table in ("articles", "quotes", "entities", "locations")
        if reader.columns.has(table)
    }
    counts["events"] = int(
        _one(reader, f"SELECT count(*) FROM events e WHERE {_sure(reader)}") or 0
    )
    counts["sources"] = int(_one(reader, "SELECT count(DISTINCT source_name) FROM articles") or 0)
    published = reader.con.execute(
        "SELECT min(published_date), max(published_date) FROM articles"
    ).fetchone()
    return {
        "counts": counts,
        "published": [plain(v) for v in published] if published else [None, None],
        "event_types": _dicts(
            reader,
            "SELECT type, count(*) AS events, sum(num_articles) AS articles FROM events e "
            f"WHERE {_sure(reader)} GROUP BY type ORDER BY events DESC, type LIMIT 20",
        ),
        "top_actors": _dicts(
            reader,
            "SELECT e.entity_id, e.name, e.type, e.country, s.num_articles AS articles "
            f"FROM serve_entity_stats s JOIN entities e USING (entity_id) "
            f"WHERE e.type IN {_in(ACTOR_TYPES)} AND {NAMED_ACTOR} "
            "ORDER BY articles DESC, s.num_mentions DESC, e.name LIMIT 12",
            ACTOR_TYPES,
        ),
        "latest": articles(reader, ArticleFilter(), 1, 10).items,
    }
