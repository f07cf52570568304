"""The fetching commands' bookkeeping in the corpus database (tables in ``store/live.sql``).

Every function takes an open read-write connection; callers decide the transactions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import duckdb

from dateline.store.db import insert_rows


def now() -> datetime:
    """UTC without a time zone, like every timestamp in the database."""
    return datetime.now(UTC).replace(tzinfo=None)


def _in_list(values: Sequence[Any]) -> str:
    return "(" + ", ".join("?" for _ in values) + ")"


# -- rounds -----------------------------------------------------------------------------------


def start_round(con: duckdb.DuckDBPyConnection, command: str) -> int:
    row = con.execute("SELECT coalesce(max(round_id), 0) + 1 FROM fetch_rounds").fetchone()
    round_id = int(row[0]) if row else 1
    con.execute(
        "INSERT INTO fetch_rounds (round_id, command, started_at, status) VALUES (?, ?, ?, 'running')",
        [round_id, command, now()],
    )
    return round_id


@dataclass
class RoundCounts:
    feeds_polled: int = 0
    feeds_not_modified: int = 0
    feeds_failed: int = 0
    feeds_backed_off: int = 0
    urls_new: int = 0
    pages_fetched: int = 0
    pages_failed: int = 0
    articles_stored: int = 0
    requests: int = 0
    bytes: int = 0


_ROUND_FIELDS = tuple(RoundCounts.__dataclass_fields__)


def finish_round(
    con: duckdb.DuckDBPyConnection, round_id: int, status: str, counts: RoundCounts,
    warc_pages: str | None, warc_other: str | None,
) -> None:  # fmt: skip
    assignments = ", ".join(f"{name} = ?" for name in _ROUND_FIELDS)
    con.execute(
        f"UPDATE fetch_rounds SET finished_at = ?, status = ?, {assignments}, warc_pages = ?, "
        "warc_feeds = ? WHERE round_id = ?",
        [now(), status, *(getattr(counts, n) for n in _ROUND_FIELDS), warc_pages, warc_other,
         round_id],
    )  # fmt: skip


# -- the fetch log ----------------------------------------------------------------------------


def log_requests(con: duckdb.DuckDBPyConnection, rows: Iterable[Sequence[Any]]) -> None:
    insert_rows(
        con,
        "fetch_log",
        ("round_id", "url", "role", "outcome", "http_status", "bytes", "seconds", "error",
         "logged_at"),
        rows,
    )  # fmt: skip


# -- sources (feeds, sitemaps) ----------------------------------------------------------------


@dataclass
class SourceState:
    url: str
    etag: str | None
    last_modified: str | None
    consecutive_failures: int
    next_poll: datetime | None


def source_state(con: duckdb.DuckDBPyConnection, url: str) -> SourceState | None:
    row = con.execute(
        "SELECT url, etag, last_modified, consecutive_failures, next_poll FROM fetch_sources "
        "WHERE url = ?",
        [url],
    ).fetchone()
    return SourceState(*row) if row else None


def ensure_source(
    con: duckdb.DuckDBPyConnection, url: str, name: str | None, parent: str | None
) -> None:
    con.execute(
        "INSERT INTO fetch_sources (url, name, parent_url) VALUES (?, ?, ?) "
        "ON CONFLICT (url) DO UPDATE SET name = coalesce(excluded.name, fetch_sources.name)",
        [url, name, parent],
    )


def source_polled(
    con: duckdb.DuckDBPyConnection, url: str, *, kind: str | None, outcome: str,
    error: str | None, etag: str | None, last_modified: str | None, entries: int, new: int,
    backoff_base: float,
) -> None:  # fmt: skip
    """Record one poll; a failure backs the source off for backoff_base × 2^(failures-1)."""
    moment = now()
    if outcome in ("ok", "not_modified"):
        con.execute(
            "UPDATE fetch_sources SET kind = coalesce(?, kind), etag = coalesce(?, etag), "
            "last_modified = coalesce(?, last_modified), polls = polls + 1, "
            "not_modified = not_modified + ?, consecutive_failures = 0, last_polled = ?, "
            "last_ok = ?, last_status = ?, last_error = NULL, next_poll = NULL, "
            "entries_seen = entries_seen + ?, urls_new = urls_new + ? WHERE url = ?",
            [kind, etag, last_modified, int(outcome == "not_modified"), moment, moment, outcome,
             entries, new, url],
        )  # fmt: skip
        return
    row = con.execute(
        "SELECT consecutive_failures FROM fetch_sources WHERE url = ?", [url]
    ).fetchone()
    failures = (int(row[0]) if row else 0) + 1
    pause = min(backoff_base * 2 ** (failures - 1), 24 * 3600.0)
    con.execute(
        "UPDATE fetch_sources SET polls = polls + 1, failures = failures + 1, "
        "consecutive_failures = ?, last_polled = ?, last_status = ?, last_error = ?, "
        "next_poll = ? WHERE url = ?",
        [failures, moment, outcome, error, moment + timedelta(seconds=pause), url],
    )


# -- article URLs -----------------------------------------------------------------------------


@dataclass(frozen=True)
class QueuedUrl:
    url: str
    published: str | None = None
    title: str | None = None


def enqueue(
    con: duckdb.DuckDBPyConnection, urls: Sequence[QueuedUrl], source: str, round_id: int
) -> int:
    """Queue URLs not seen before as pending; returns how many were new."""
    fresh: dict[str, QueuedUrl] = {}
    for item in urls:
        fresh.setdefault(item.url, item)
    keys = list(fresh)
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        for (known,) in con.execute(
            f"SELECT url FROM fetch_urls WHERE url IN {_in_list(chunk)}", chunk
        ).fetchall():
            fresh.pop(known, None)
    moment = now()
    insert_rows(
        con,
        "fetch_urls",
        ("url", "source_url", "status", "first_seen", "feed_published", "feed_title", "round_id"),
        [
            (q.url, source, "pending", moment, q.published, q.title, round_id)
            for q in fresh.values()
        ],
    )
    return len(fresh)


def pending_urls(
    con: duckdb.DuckDBPyConnection, only: Sequence[str] | None, limit: int | None
) -> list[tuple[str, int]]:
    """(url, attempts so far) of the URLs due for fetching, oldest first."""
    sql = (
        "SELECT url, attempts FROM fetch_urls WHERE status = 'pending' "
        "AND (next_attempt IS NULL OR next_attempt <= ?)"
    )
    sql += " ORDER BY first_seen, url"
    if only is None and limit is not None:
        sql += f" LIMIT {int(limit)}"
    due = [(r[0], int(r[1])) for r in con.execute(sql, [now()]).fetchall()]
    if only is not None:
        # Filtered here, not with an IN list: a URLs file may list a million URLs.
        wanted = set(only)
        due = [row for row in due if row[0] in wanted][:limit]
    return due


def children(con: duckdb.DuckDBPyConnection, parent: str) -> list[str]:
    """The sitemaps of a sitemap index, or the feeds of a home page, found in earlier rounds."""
    rows = con.execute(
        "SELECT url FROM fetch_sources WHERE parent_url = ? ORDER BY url", [parent]
    ).fetchall()
    return [r[0] for r in rows]


def known_statuses(con: duckdb.DuckDBPyConnection, urls: Sequence[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for start in range(0, len(urls), 500):
        chunk = list(urls[start : start + 500])
        found.update(
            con.execute(
                f"SELECT url, status FROM fetch_urls WHERE url IN {_in_list(chunk)}", chunk
            ).fetchall()
        )
    return found


def retry_failed(con: duckdb.DuckDBPyConnection, urls: Sequence[str]) -> None:
    for start in range(0, len(urls), 500):
        chunk = list(urls[start : start + 500])
        con.execute(
            "UPDATE fetch_urls SET status = 'pending', next_attempt = NULL "
            f"WHERE status = 'failed' AND url IN {_in_list(chunk)}",
            chunk,
        )


@dataclass
class UrlUpdate:
    """The result of one attempt at an article URL, written when its batch commits."""

    url: str
    status: str  # fetched, failed, pending (retry later), duplicate
    round_id: int
    http_status: int | None = None
    final_url: str | None = None
    canonical_of: str | None = None
    warc_record: str | None = None
    error: str | None = None
    next_attempt: datetime | None = None
    also_known_as: tuple[str, ...] = ()  # the page's canonical and final URLs: never fetch again


def apply_updates(con: duckdb.DuckDBPyConnection, updates: Sequence[UrlUpdate]) -> None:
    moment = now()
    for u in updates:
        con.execute(
            "UPDATE fetch_urls SET status = ?, attempts = attempts + 1, last_attempt = ?, "
            "next_attempt = ?, http_status = ?, final_url = ?, canonical_of = ?, "
            "warc_record = coalesce(?, warc_record), error = ?, round_id = ? WHERE url = ?",
            [u.status, moment, u.next_attempt, u.http_status, u.final_url, u.canonical_of,
             u.warc_record, u.error, u.round_id, u.url],
        )  # fmt: skip
        aliases = [a for a in dict.fromkeys(u.also_known_as) if a != u.url]
        if not aliases:
            continue
        known = known_statuses(con, aliases)
        for alias in aliases:
            if alias not in known:
                con.execute(
                    "INSERT INTO fetch_urls (url, source_url, status, first_seen, canonical_of, "
                    "round_id) VALUES (?, ?, 'duplicate', ?, ?, ?)",
                    [alias, u.url, moment, u.url, u.round_id],
                )
            elif known[alias] == "pending":
                # Listed by a feed but not fetched yet: the page is in hand under another URL.
                con.execute(
                    "UPDATE fetch_urls SET status = 'duplicate', canonical_of = ?, round_id = ? "
                    "WHERE url = ?",
                    [u.url, u.round_id, alias],
                )
