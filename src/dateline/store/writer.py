"""The writing side of ingest: one transaction per batch of analysed articles.

Only the ingesting (parent) process writes. Each batch is committed whole or not at all, and
its ``ingest_log`` rows are in the same transaction, so a run killed at any moment resumes from
the last committed batch without losing or doubling an article.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import duckdb
import numpy as np

from dateline.model import Analysis, Event, parse_published
from dateline.store import event_identity as identity
from dateline.store import merge, minhash
from dateline.store.db import explain_write_error, insert_rows
from dateline.store.tables import EVENT_MENTIONS, EVENTS, SECTION_TABLES
from dateline.store.worker import WorkResult


@dataclass
class BatchCounts:
    stored: int = 0
    near_duplicates: int = 0
    duplicates: int = 0
    copies: int = 0
    failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    # Stored articles the English-only stages skipped, by language code.
    not_english: Counter[str] = field(default_factory=Counter)

    def add(self, other: BatchCounts) -> None:
        self.stored += other.stored
        self.near_duplicates += other.near_duplicates
        self.duplicates += other.duplicates
        self.copies += other.copies
        self.failed += other.failed
        self.failures.extend(other.failures)
        self.not_english.update(other.not_english)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _in_list(values: Sequence[Any]) -> str:
    return "(" + ", ".join("?" for _ in values) + ")"


# How a telling ranks as its event's canonical one (``telling_rank``): the smaller the better.
TellingRank = tuple[int, int, int, int, float, str, str, str]

# Sorts after every ISO publication time: a report of unknown date is nobody's first.
_UNPUBLISHED = "~"

# Date granularities from the finest; an unknown one ranks after them all.
_PRECISION_ORDER = ("time", "day", "week", "month", "quarter", "season", "year", "decade", "range")


def publication_order(published: str | None) -> str:
    """An article's publication time (``Article.published``) as text that sorts in time
    order: UTC, ISO 8601 (a time without an offset taken as UTC); ``_UNPUBLISHED`` when the
    time is unknown or unreadable."""
    if not published:
        return _UNPUBLISHED
    try:
        moment = parse_published(published)
    except ValueError:
        return _UNPUBLISHED
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat()


def telling_rank(
    told: identity.Telling, confidence: float | None, published: str | None
) -> TellingRank:
    """How well a telling describes its event, for choosing the one telling a corpus event's
    row is taken from (its date, place, parties, source): the smallest rank wins.

    In order: a date the article states for the act (over the date of the story telling an
    undated act, over no date at all); a finer date; a known place; more roles named (actor,
    recipient); a higher confidence; the earliest published report (``published``: its
    article's ``Article.published``; the first to tell it, as GDELT keeps the first report's
    fields); then the article id (a hash of the body) and the event's id in it. So the choice
    depends only on what the tellings say, never on which arrived first."""
    # A story-dated undated act has a date but no precision of its own (``identity_precision``).
    stated = told.date is not None and told.date_precision not in (None, "before")
    dated = 0 if stated else 1 if told.date is not None else 2
    precision = (
        _PRECISION_ORDER.index(told.date_precision)
        if told.date_precision in _PRECISION_ORDER
        else len(_PRECISION_ORDER)
    )
    roles = bool(told.actors) + bool(told.recipients)
    return (
        dated, precision, told.place is None, -roles, -(confidence or 0.0),
        publication_order(published), told.article_id, told.local_id,
    )  # fmt: skip


@dataclass
class EventRef:
    """A corpus event as merging sees it: the match key, day and story of its canonical
    telling (``telling_rank``), and that telling's rank."""

    event_id: int
    match_key: str
    day: date | None
    story_id: str
    rank: TellingRank


def attach_canonical(
    known: dict[int, tuple[EventRef, list[identity.Telling]]],
    told: identity.Telling,
    own: EventRef,
    tells: Callable[[EventRef, Sequence[identity.Telling]], bool],
    start: Callable[[], EventRef],
) -> tuple[EventRef, list[int], EventRef]:
    """``event_identity.attach_telling``, then the event kept takes the match key, day and
    story of its best telling (``own``: the new telling's, with its rank), from whichever of
    its tellings, the absorbed events' or the new one's, ranks first: the events it joined
    each carry their own best (``EventRef.rank``), so the best of the union is among them.

    Returns the kept event (updated in ``known``), the absorbed ids, and the ref the kept
    event's fields came from: ``own``, the kept event's previous ref, or an absorbed
    event's. An event ``start`` created is returned as its own source."""
    told_refs: dict[int, EventRef] = {}

    def noting(ref: EventRef, tellings: Sequence[identity.Telling]) -> bool:
        if not tells(ref, tellings):
            return False
        told_refs[ref.event_id] = ref
        return True

    ref, absorbed = identity.attach_telling(known, told, noting, start)
    if ref.event_id not in told_refs:  # started: its ref is the new telling's already
        return ref, absorbed, ref
    best = min([ref, *(told_refs[a] for a in absorbed), own], key=lambda r: r.rank)
    kept = EventRef(ref.event_id, best.match_key, best.day, best.story_id, best.rank)
    known[ref.event_id] = (kept, known[ref.event_id][1])
    return kept, absorbed, best


# A planned event mention: the article, its story, the event, its match key, day and telling.
Planned = tuple[Analysis, str, Event, str, date | None, identity.Telling]


def planned_mentions(analysis: Analysis, story: str) -> list[Planned]:
    """Each event of a new article with what merging judges it on."""
    ids = merge.entity_ids(analysis)
    places = {loc.id: merge.place_key(loc) for loc in analysis.locations}
    states = identity.state_ids(analysis) if analysis.events else {}
    planned: list[Planned] = []
    for event in analysis.events:
        key = merge.event_match_key(event, ids, analysis)
        place = places.get(event.location or "")
        told = identity.telling(analysis, event, ids, story, place, states)
        planned.append((analysis, story, event, key, merge.event_date(event, analysis), told))
    return planned


def tells_event(
    ref: EventRef, tellings: Sequence[identity.Telling], key: str, story: str,
    day: date | None, told: identity.Telling,
) -> bool:  # fmt: skip
    """Whether a mention (key, story, day, telling) tells the known corpus event ``ref``: the
    same match key in the same story with agreeing days, or ``event_identity.same_event``
    with a telling of it from another article."""
    if (
        ref.match_key == key
        and ref.story_id == story
        and merge.same_event(day, ref.day, story, ref.story_id)
    ):
        return True
    return any(t.article_id != told.article_id and identity.same_event(t, told) for t in tellings)


class KnownEvents:
    """The corpus events a batch's mentions may join, indexed by what a mention can tell an
    event by, so each mention is judged against those events only and not against every
    candidate of the batch (which grew with the corpus: every event of the batch's types in
    its stories or months, for every mention).

    ``tells_event`` accepts an event for a mention by its match key and story, or by a telling
    ``event_identity.same_event`` accepts: of the same type, and only when one telling names
    an entity the other takes part in (``event_identity.participant_keys``, the blocking
    ``dateline spark ingest`` uses). The index holds both, so the events it offers are a
    superset of those ``tells_event`` accepts, and ``attach_telling`` over them decides
    exactly as over all of them."""

    def __init__(self, known: dict[int, tuple[EventRef, list[identity.Telling]]]) -> None:
        self.known = known
        self._by_key: dict[tuple[str, str], set[int]] = defaultdict(set)
        # (type, entity) -> events with a telling that takes part in / names the entity.
        self._taking_part: dict[tuple[str, str], set[int]] = defaultdict(set)
        self._naming: dict[tuple[str, str], set[int]] = defaultdict(set)
        for event_id, (ref, tellings) in known.items():
            self._by_key[(ref.match_key, ref.story_id)].add(event_id)
            for told in tellings:
                self._index(event_id, told)

    def _index(self, event_id: int, told: identity.Telling) -> None:
        taking_part, named = identity.participant_keys(told)
        for entity in taking_part:
            self._taking_part[(told.type, entity)].add(event_id)
        for entity in named:
            self._naming[(told.type, entity)].add(event_id)

    def _could_tell(
        self, key: str, story: str, told: identity.Telling
    ) -> dict[int, tuple[EventRef, list[identity.Telling]]]:
        taking_part, named = identity.participant_keys(told)
        ids = set(self._by_key.get((key, story), ()))
        for entity in named:
            ids.update(self._taking_part.get((told.type, entity), ()))
        for entity in taking_part:
            ids.update(self._naming.get((told.type, entity), ()))
        # Events merged into another since they were indexed are gone from ``known``.
        return {
            event_id: self.known[event_id] for event_id in sorted(ids) if event_id in self.known
        }

    def attach(
        self, own: EventRef, told: identity.Telling,
        tells: Callable[[EventRef, Sequence[identity.Telling]], bool],
        start: Callable[[], EventRef],
    ) -> tuple[EventRef, list[int], EventRef]:  # fmt: skip
        """``attach_canonical`` of ``told`` (``own``: its match key, day, story and rank) over
        the events it could tell; ``known`` and the index follow the outcome."""
        could = self._could_tell(own.match_key, own.story_id, told)
        ref, absorbed, source = attach_canonical(could, told, own, tells, start)
        # A new event, or one whose canonical telling (and so maybe its key) changed.
        self.known[ref.event_id] = could[ref.event_id]
        self._by_key[(ref.match_key, ref.story_id)].add(ref.event_id)
        for event_id in absorbed:
            # attach_telling moved the absorbed event's tellings into ``ref``'s list.
            for moved in self.known.pop(event_id)[1]:
                self._index(ref.event_id, moved)
        self._index(ref.event_id, told)
        return ref, absorbed, source


def mention_row(
    analysis: Analysis, event: Event, told: identity.Telling, in_lead: bool
) -> tuple[Any, ...]:
    """The ``event_mentions`` row of a telling, without its event id (the first column)."""
    return (
        analysis.article.id, event.id, event.trigger, event.sentence, event.status,
        event.date_is_fallback, event.quote, event.start, event.end, event.field, in_lead,
        merge.source_name(analysis), len(analysis.article.text), max(1, len(event.mentions)),
        event.confidence, sorted(told.actors), sorted(told.recipients), told.date, told.place,
        sorted(told.terms), told.date_precision, told.cameo, sorted(told.actor_states),
        sorted(told.recipient_states), sorted(told.actor_names), sorted(told.recipient_names),
        sorted(told.actor_bodies), sorted(told.recipient_people),
    )  # fmt: skip


class StoreWriter:
    """Writes batches of WorkResults into an open (read-write) database connection."""

    def __init__(self, con: duckdb.DuckDBPyConnection, run_id: str) -> None:
        self.con = con
        self.run_id = run_id
        row = con.execute("SELECT coalesce(max(event_id), 0) FROM events").fetchone()
        self._next_event_id = int(row[0] if row else 0) + 1

    # -- public -----------------------------------------------------------------------------

    def write_batch(
        self,
        results: Sequence[WorkResult],
        finished_containers: Iterable[str] = (),
        also: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
    ) -> BatchCounts:
        """Store one batch (and mark containers read to the end) in a single transaction.

        ``also`` writes the caller's own bookkeeping in the same transaction (the fetching
        commands mark their URLs fetched), so both are committed together or not at all.
        """
        self.con.execute("BEGIN TRANSACTION")
        try:
            counts = self._write(results, list(finished_containers))
            if also is not None:
                also(self.con)
            self.con.execute("COMMIT")
        except BaseException as exc:
            # A failed COMMIT (disk full) may already have ended the transaction: a failing
            # ROLLBACK must not hide the real cause.
            with contextlib.suppress(duckdb.Error):
                self.con.execute("ROLLBACK")
            explained = explain_write_error(exc)
            if explained is not None:
                raise explained from exc
            raise
        return counts

    # -- the transaction ----------------------------------------------------------------------

    def _write(self, results: Sequence[WorkResult], finished: list[str]) -> BatchCounts:
        counts = BatchCounts()
        now = _now()
        log: list[tuple[Any, ...]] = []
        good = [r for r in results if r.analysis is not None and r.signature is not None]
        ids = [r.analysis.article.id for r in good if r.analysis is not None]
        existing = self._existing_articles(ids)

        new: list[tuple[WorkResult, Analysis, np.ndarray]] = []
        copies: list[tuple[WorkResult, Analysis]] = []
        seen_in_batch: set[str] = set()
        for result in results:
            analysis = result.analysis
            if analysis is None or result.signature is None:
                counts.failed += 1
                counts.failures.append((result.key, result.error or "unknown error"))
                log.append(
                    (
                        result.key,
                        result.container,
                        "failed",
                        None,
                        None,
                        result.error,
                        self.run_id,
                        now,
                    )
                )
                continue
            article_id = analysis.article.id
            if article_id in existing or article_id in seen_in_batch:
                copies.append((result, analysis))
                continue
            if result.repeat:
                # Only the structured article came back, for a body the worker analysed for an
                # earlier result; that body should be stored by now. Not storing half an
                # analysis: the input fails and a retry analyses it in full.
                lost = "a repeat of an article that is not stored; ingest it again"
                counts.failed += 1
                counts.failures.append((result.key, lost))
                log.append(
                    (result.key, result.container, "failed", None, None, lost, self.run_id, now)
                )
                continue
            seen_in_batch.add(article_id)
            new.append((result, analysis, minhash.from_blob(result.signature)))

        stories = self._link_near_duplicates([(a, sig) for _, a, sig in new])
        for result, analysis, _ in new:
            story_id, score = stories[analysis.article.id]
            duplicate_of = story_id if story_id != analysis.article.id else None
            status = "near_duplicate" if duplicate_of else "stored"
            counts.stored += 1
            counts.near_duplicates += bool(duplicate_of)
            if analysis.article.language not in (None, "en"):
                counts.not_english[str(analysis.article.language)] += 1
            reason = (
                f"near-duplicate of {duplicate_of} (similarity {score:.2f})"
                if duplicate_of
                else None
            )
            log.append(
                (result.key, result.container, status, analysis.article.id, duplicate_of, reason,
                 self.run_id, now)
            )  # fmt: skip
        self._insert_articles([(r, a, sig) for r, a, sig in new], stories, now)
        self._insert_events([(a, stories[a.article.id][0]) for _, a, _ in new], now)
        # After the batch's own articles, so a copy of an article new in this batch finds it.
        log.extend(self._record_copies(copies, counts, now))
        for container in finished:
            log.append((container, container, "done", None, None, None, self.run_id, now))
        insert_rows(
            self.con,
            "ingest_log",
            (
                "input",
                "container",
                "status",
                "article_id",
                "duplicate_of",
                "reason",
                "run_id",
                "logged_at",
            ),
            log,
        )
        return counts

    def _existing_articles(self, ids: list[str]) -> set[str]:
        if not ids:
            return set()
        rows = self.con.execute(
            f"SELECT article_id FROM articles WHERE article_id IN {_in_list(ids)}", ids
        ).fetchall()
        return {row[0] for row in rows}

    # -- near-duplicates ----------------------------------------------------------------------

    def _link_near_duplicates(
        self, new: list[tuple[Analysis, np.ndarray]]
    ) -> dict[str, tuple[str, float]]:
        """article id -> (story id, similarity); an article is its own story unless it copies one."""
        buckets = {a.article.id: minhash.band_buckets(sig) for a, sig in new}
        pairs = [(band, bucket) for b in buckets.values() for band, bucket in enumerate(b)]
        stored_candidates: dict[tuple[int, int], list[str]] = {}
        if pairs:
            self.con.execute(
                "CREATE TEMP TABLE IF NOT EXISTS wanted_buckets (band SMALLINT, bucket UBIGINT)"
            )
            self.con.execute("DELETE FROM wanted_buckets")
            insert_rows(self.con, "wanted_buckets", ("band", "bucket"), pairs)
            rows = self.con.execute(
                "SELECT DISTINCT m.band, m.bucket, m.article_id FROM minhash_bands m "
                "JOIN wanted_buckets w ON m.band = w.band AND m.bucket = w.bucket"
            ).fetchall()
            for band, bucket, article_id in rows:
                stored_candidates.setdefault((band, bucket), []).append(article_id)
        candidate_ids = {a for ids in stored_candidates.values() for a in ids}
        signatures: dict[str, np.ndarray] = {}
        story_of: dict[str, str] = {}
        if candidate_ids:
            cids = sorted(candidate_ids)
            for article_id, blob, story_id in self.con.execute(
                "SELECT m.article_id, m.signature, a.story_id FROM minhash m "
                f"JOIN articles a USING (article_id) WHERE m.article_id IN {_in_list(cids)}",
                cids,
            ).fetchall():
                signatures[article_id] = minhash.from_blob(blob)
                story_of[article_id] = story_id

        return minhash.link_stories(new, buckets, stored_candidates, signatures, story_of)

    # -- per-article tables -------------------------------------------------------------------

    def _insert_articles(
        self,
        new: list[tuple[WorkResult, Analysis, np.ndarray]],
        stories: dict[str, tuple[str, float]],
        now: datetime,
    ) -> None:
        Rows = list[tuple[Any, ...]]
        articles: Rows = []
        signatures: Rows = []
        bands: Rows = []
        entities: Rows = []
        sections: dict[str, Rows] = {table.name: [] for table in SECTION_TABLES}
        for result, analysis, sig in new:
            art = analysis.article
            story_id, score = stories[art.id]
            articles.append(
                (art.id, story_id, score if story_id != art.id else None, result.key,
                 merge.source_name(analysis), art.url, art.publisher, art.headline, art.published,
                 merge.published_date(analysis), art.language, art.format, len(art.text),
                 len(analysis.entities), len(analysis.quotes), len(analysis.events),
                 ",".join(analysis.stages), now, analysis.to_json())
            )  # fmt: skip
            signatures.append((art.id, minhash.to_blob(sig)))
            bands.extend(
                (band, bucket, art.id) for band, bucket in enumerate(minhash.band_buckets(sig))
            )
            ids = merge.entity_ids(analysis)
            for entity in analysis.entities:
                entities.append(
                    (ids[entity.id], entity.name, entity.type, entity.country, entity.sector,
                     entity.code, entity.kb_id, art.id)
                )  # fmt: skip
            for table in SECTION_TABLES:
                sections[table.name].extend(table.rows(analysis, ids))
        insert_rows(
            self.con,
            "articles",
            ("article_id", "story_id", "similarity", "source", "source_name", "url", "publisher",
             "headline", "published", "published_date", "language", "format", "num_chars",
             "num_entities", "num_quotes", "num_events", "stages", "ingested_at", "analysis"),
            articles,
        )  # fmt: skip
        insert_rows(self.con, "minhash", ("article_id", "signature"), signatures)
        insert_rows(self.con, "minhash_bands", ("band", "bucket", "article_id"), bands)
        self._insert_entities(entities)
        for table in SECTION_TABLES:
            insert_rows(self.con, table.name, table.column_names, sections[table.name])

    def _insert_entities(self, rows: list[tuple[Any, ...]]) -> None:
        """Add corpus entities not seen before; the first article's record names them."""
        unique: dict[str, tuple[Any, ...]] = {}
        for row in rows:
            unique.setdefault(row[0], row)
        if not unique:
            return
        ids = list(unique)
        known = {
            r[0]
            for r in self.con.execute(
                f"SELECT entity_id FROM entities WHERE entity_id IN {_in_list(ids)}", ids
            ).fetchall()
        }
        insert_rows(
            self.con,
            "entities",
            ("entity_id", "name", "type", "country", "sector", "code", "kb_id", "first_article_id"),
            [row for key, row in unique.items() if key not in known],
        )

    # -- corpus events ------------------------------------------------------------------------

    def _insert_events(self, analyses: list[tuple[Analysis, str]], now: datetime) -> None:
        """Attach each event mention to the corpus event it tells, or to a new one.

        ``analyses`` pairs each new article with its story id (near-duplicate cluster). Within
        a story, a mention joins an event with the same match key and agreeing dates; across
        stories when ``event_identity.same_event`` judges it the same event as a telling of
        the event (participants, dates, place, story). A mention that joins several events
        merges them into the one with the lowest id, so the corpus events are the connected
        parts of that relation whatever order the articles arrive in. An event's row is that of
        its canonical telling (``telling_rank``): rewritten when a new telling, or a telling of
        an event it absorbs, outranks the one it had.
        """
        planned = [p for analysis, story in analyses for p in planned_mentions(analysis, story)]
        if not planned:
            return
        known = KnownEvents(self._candidate_events(planned))
        new_events: dict[int, tuple[Any, ...]] = {}
        # Stored events whose canonical telling changed: their new row, or the stored event
        # whose row holds that telling already (an event they absorbed).
        rewritten: dict[int, tuple[Any, ...] | int] = {}
        mention_rows: list[list[Any]] = []
        absorbed: dict[int, int] = {}  # stored event -> the event it was merged into
        for analysis, story, event, key, day, told in planned:
            in_lead = told_in_lead(event, analysis)
            rank = telling_rank(told, event.confidence, analysis.article.published)
            own = EventRef(0, key, day, story, rank)
            # Both closures are called inside this iteration only (B023 cannot see that).

            def tells(ref: EventRef, tellings: Sequence[identity.Telling]) -> bool:
                return tells_event(ref, tellings, key, story, day, told)  # noqa: B023

            def start() -> EventRef:
                ref = dataclasses.replace(own, event_id=self._next_event_id)  # noqa: B023
                self._next_event_id += 1
                new_events[ref.event_id] = self._event_row(ref, analysis, event, in_lead, now)  # noqa: B023
                return ref

            ref, merged, source = known.attach(own, told, tells, start)
            if source is own:
                self._set_row(ref.event_id, event_row(ref, analysis, event, in_lead, now),
                              new_events, rewritten)  # fmt: skip
            elif source.event_id in merged:
                taken = new_events.get(source.event_id) or rewritten.get(source.event_id)
                self._set_row(ref.event_id, taken or source.event_id, new_events, rewritten)
            for other in merged:
                # This telling bridges two events: they are one.
                rewritten.pop(other, None)
                if new_events.pop(other, None) is None:
                    absorbed[other] = ref.event_id
                for row in mention_rows:
                    if row[0] == other:
                        row[0] = ref.event_id
            mention_rows.append([ref.event_id, *mention_row(analysis, event, told, in_lead)])
        survivors = {row[0] for row in mention_rows}
        # Read before ``_merge_stored`` drops the absorbed events that hold them.
        rows = self._stored_rows(sorted({v for v in rewritten.values() if isinstance(v, int)}))
        if absorbed:
            survivors.update(self._merge_stored(absorbed))
        self._rewrite_events(
            {event_id: row if isinstance(row, tuple) else rows[row]
             for event_id, row in rewritten.items()}
        )  # fmt: skip
        insert_rows(self.con, "events", EVENTS.column_names, list(new_events.values()))
        insert_rows(
            self.con, "event_mentions", EVENT_MENTIONS.column_names,
            [tuple(row) for row in mention_rows],
        )  # fmt: skip
        self._recount(sorted(survivors))

    @staticmethod
    def _set_row(
        event_id: int, row: tuple[Any, ...] | int,
        new_events: dict[int, tuple[Any, ...]], rewritten: dict[int, tuple[Any, ...] | int],
    ) -> None:  # fmt: skip
        """Give event ``event_id`` the row of its new canonical telling: ``row``, or the row of
        the stored event numbered ``row``. A new event keeps its id; a stored one its id and
        ``date_added`` (``_rewrite_events``)."""
        if event_id in new_events:
            # A new event only absorbs newer ones (the lowest id is kept): rows in hand. Checked
            # explicitly, not by ``assert`` (dropped under ``python -O``): a stored row number
            # here would write a wrong row to the store.
            if not isinstance(row, tuple):
                raise RuntimeError(
                    f"new event {event_id} took the row of stored event {row}: merging keeps "
                    "the lowest id, so a new event can only absorb newer events"
                )
            new_events[event_id] = (event_id, *row[1:])
        else:
            rewritten[event_id] = row

    def _stored_rows(self, event_ids: list[int]) -> dict[int, tuple[Any, ...]]:
        """The ``events`` rows of these stored events."""
        if not event_ids:
            return {}
        rows = self.con.execute(
            f"SELECT {', '.join(EVENTS.column_names)} FROM events "
            f"WHERE event_id IN {_in_list(event_ids)}",
            event_ids,
        ).fetchall()
        return {row[0]: tuple(row) for row in rows}

    def _rewrite_events(self, rows: dict[int, tuple[Any, ...]]) -> None:
        """Overwrite stored events with the rows of their new canonical tellings, keeping each
        event's id and ``date_added`` (when it was first stored; exports read it)."""
        if not rows:
            return
        names = EVENTS.column_names
        kept = {"event_id", "date_added"}
        columns = [n for n in names if n not in kept]
        self.con.executemany(
            f"UPDATE events SET {', '.join(f'{n} = ?' for n in columns)} WHERE event_id = ?",
            [
                [value for n, value in zip(names, row, strict=True) if n not in kept] + [event_id]
                for event_id, row in sorted(rows.items())
            ],
        )

    def _merge_stored(self, absorbed: dict[int, int]) -> list[int]:
        """Move the mentions of stored events that a new telling joined to another event
        (``absorbed``: event -> the event it went into) and drop the emptied events; the
        events that received mentions."""
        targets = {}
        for event_id in absorbed:
            target = absorbed[event_id]
            while target in absorbed:  # merged again later in the batch
                target = absorbed[target]
            targets[event_id] = target
        for event_id, target in sorted(targets.items()):
            self.con.execute(
                "UPDATE event_mentions SET event_id = ? WHERE event_id = ?", [target, event_id]
            )
        gone = sorted(targets)
        self.con.execute(f"DELETE FROM events WHERE event_id IN {_in_list(gone)}", gone)
        return sorted(set(targets.values()))

    def _candidate_events(
        self, planned: list[tuple[Analysis, str, Event, str, date | None, identity.Telling]]
    ) -> dict[int, tuple[EventRef, list[identity.Telling]]]:
        """Stored corpus events a planned mention might join, in event id order, with all their
        tellings: events of the batch's types told in the batch's stories, or with a telling
        whose time (its own date, else the days before its article's publication) may meet a
        planned telling's (``event_identity.could_meet``) and that names an entity a planned
        telling names (``event_identity.same_event`` needs one: see ``KnownEvents``; without
        it every event of a type in a busy month was read back for every batch)."""
        types = sorted({p[2].type for p in planned})
        stories = sorted({p[1] for p in planned})
        months, days = identity.candidate_times([p[5] for p in planned])
        month_list = sorted(months) or [""]
        day_list = sorted(days) or [date(1, 1, 1)]
        # A telling that could be one event with a planned one takes part in an entity that
        # one names, or names one it takes part in (``participant_keys``): either way, the
        # stored telling's participants or context entities meet the planned tellings' named
        # entities (``named_around``: participants and context entities).
        # A stored telling whose actor acts for a body a planned telling names, or names one
        # a planned telling's actor acts for (``acts_for_body``), is a candidate too.
        named = sorted(
            {e for p in planned for e in identity.named_around(p[5]) | p[5].actor_bodies}
        )
        across: tuple[str, list[Any]] = ("FALSE", [])
        if named:
            across = (
                f"((left(m.own_date, 7) IN {_in_list(month_list)} "
                f"OR m.own_date IN {_in_list(month_list)} "
                f"OR (m.own_date IS NULL AND a.published_date IN {_in_list(day_list)})) "
                "AND (list_has_any(m.actor_ids, ?) OR list_has_any(m.recipient_ids, ?) "
                "OR list_has_any(m.context_terms, ?) OR list_has_any(m.actor_states, ?) "
                "OR list_has_any(m.actor_bodies, ?)))",
                [*month_list, *month_list, *day_list, named, named,
                 [f"entity:{e}" for e in named], named, named],
            )  # fmt: skip
        matching = (
            "SELECT DISTINCT m.event_id FROM event_mentions m JOIN events e USING (event_id) "
            "LEFT JOIN articles a USING (article_id) "
            f"WHERE e.type IN {_in_list(types)} AND (e.story_id IN {_in_list(stories)} "
            f"OR a.story_id IN {_in_list(stories)} OR {across[0]})"
        )
        rows = self.con.execute(
            "SELECT e.event_id, e.match_key, e.date, e.story_id, m.article_id, m.local_id, "
            "e.type, coalesce(m.status, e.status), m.actor_ids, m.recipient_ids, m.own_date, "
            "m.place_key, m.context_terms, a.published_date, m.date_precision, "
            "coalesce(a.story_id, e.story_id), m.trigger, m.cameo, m.actor_states, "
            "m.recipient_states, m.actor_names, m.recipient_names, m.confidence, a.published, "
            "m.actor_bodies, m.recipient_people "
            "FROM events e JOIN event_mentions m USING (event_id) "
            "LEFT JOIN articles a USING (article_id) "
            f"WHERE e.event_id IN ({matching}) "
            "ORDER BY e.event_id, m.article_id, m.char_start",
            [*types, *stories, *stories, *across[1]],
        ).fetchall()
        known: dict[int, tuple[EventRef, list[identity.Telling]]] = {}
        for (event_id, key, day, story, article, local, kind, status, actors, recipients,
             own, place, terms, published, precision, told_story, trigger, cameo, actor_states,
             recipient_states, actor_names, recipient_names, confidence, published_at,
             actor_bodies, recipient_people) in rows:  # fmt: skip
            told = identity.Telling(
                article_id=article, local_id=local, story_id=told_story, type=kind,
                status=status or "occurred", actors=frozenset(actors or ()),
                recipients=frozenset(recipients or ()), date=own, place=place,
                terms=frozenset(terms or ()),
                published=published.isoformat() if published else None,
                date_precision=precision, trigger=identity.trigger_word(trigger or ""),
                cameo=cameo, actor_states=frozenset(actor_states or ()),
                recipient_states=frozenset(recipient_states or ()),
                actor_names=frozenset(actor_names or ()),
                recipient_names=frozenset(recipient_names or ()),
                actor_bodies=frozenset(actor_bodies or ()),
                recipient_people=frozenset(recipient_people or ()),
            )  # fmt: skip
            rank = telling_rank(told, confidence, published_at)
            # The event's row is its best telling's (``attach_canonical``): so is its rank.
            ref, tellings = known.setdefault(
                event_id, (EventRef(event_id, key, day, story, rank), [])
            )
            if rank < ref.rank:
                known[event_id] = (dataclasses.replace(ref, rank=rank), tellings)
            tellings.append(told)
        return known

    def _recount(self, event_ids: list[int]) -> None:
        """Recount num_mentions / num_articles / num_sources of these events.

        Every telling counts: each article's event mentions, and once more for every exact copy
        of that article found at another publisher or URL (``article_copies``). The event is a
        root event (GDELT's IsRootEvent) when any report tells it in its lead.
        """
        if not event_ids:
            return
        where = f"m.event_id IN {_in_list(event_ids)}"
        self.con.execute(
            "UPDATE events SET num_mentions = s.m, num_articles = s.a, num_sources = s.s,"
            "  is_root_event = s.root FROM ("
            "  SELECT event_id, sum(times_told) AS m, count(DISTINCT telling) AS a,"
            "         count(DISTINCT source_name) AS s, bool_or(in_lead) AS root FROM ("
            "    SELECT m.event_id, m.article_id AS telling, m.source_name, m.times_told,"
            "           m.in_lead"
            f"   FROM event_mentions m WHERE {where}"
            "    UNION ALL"
            "    SELECT m.event_id, m.article_id || ' ' || c.source AS telling, c.source_name,"
            "           m.times_told, m.in_lead"
            f"   FROM event_mentions m JOIN article_copies c USING (article_id) WHERE {where}"
            "  ) GROUP BY event_id"
            ") AS s WHERE events.event_id = s.event_id",
            [*event_ids, *event_ids],
        )
        # A corpus event is as sure as its surest telling, and as real as its most real one:
        # tellings of one act may differ in status (a retold passage read as planned in one
        # article and done in the next), and the event's own status must not depend on which
        # telling arrived first.
        self.con.execute(
            "UPDATE events SET confidence = s.c, status = coalesce(s.st, events.status) FROM ("
            "  SELECT event_id, max(confidence) AS c,"
            f"         arg_min(status, {_status_rank_sql('status')}) AS st"
            f"  FROM event_mentions m WHERE {where}"
            "  GROUP BY event_id"
            ") AS s WHERE events.event_id = s.event_id",
            event_ids,
        )

    # -- exact copies -------------------------------------------------------------------------

    def _record_copies(
        self, copies: list[tuple[WorkResult, Analysis]], counts: BatchCounts, now: datetime
    ) -> list[tuple[Any, ...]]:
        """Exact copies of stored articles: an extra telling when published elsewhere.

        A copy whose (source name, URL) differs from the stored article's and from every copy
        already recorded is a syndicated copy: one ``article_copies`` row, counted as one more
        article (and source, when the publisher is new) of every event the article tells.
        Otherwise (the same input again, or the same page under another file name) it is a
        plain duplicate and changes nothing. Returns the ingest_log rows.
        """
        if not copies:
            return []
        ids = sorted({a.article.id for _, a in copies})
        seen: set[tuple[str, str, str]] = set()
        for row in self.con.execute(
            "SELECT article_id, source_name, coalesce(url, '') FROM articles "
            f"WHERE article_id IN {_in_list(ids)} UNION ALL "
            "SELECT article_id, source_name, coalesce(url, '') FROM article_copies "
            f"WHERE article_id IN {_in_list(ids)}",
            [*ids, *ids],
        ).fetchall():
            seen.add((row[0], row[1], row[2]))
        log: list[tuple[Any, ...]] = []
        rows: list[tuple[Any, ...]] = []
        for result, analysis in copies:
            art = analysis.article
            name = merge.source_name(analysis)
            identity = (art.id, name, art.url or "")
            if identity in seen:
                counts.duplicates += 1
                log.append(
                    (result.key, result.container, "duplicate", art.id, art.id,
                     "the same article body is already stored", self.run_id, now)
                )  # fmt: skip
                continue
            seen.add(identity)
            counts.copies += 1
            rows.append(
                (art.id, result.key, name, art.url, art.publisher, art.published,
                 merge.published_date(analysis), now)
            )  # fmt: skip
            log.append(
                (result.key, result.container, "copy", art.id, art.id,
                 f"the same article body as {art.id}, published by {name}", self.run_id, now)
            )  # fmt: skip
        if rows:
            insert_rows(
                self.con,
                "article_copies",
                ("article_id", "source", "source_name", "url", "publisher", "published",
                 "published_date", "ingested_at"),
                rows,
            )  # fmt: skip
            copied = sorted({r[0] for r in rows})
            events = self.con.execute(
                "SELECT DISTINCT event_id FROM event_mentions "
                f"WHERE article_id IN {_in_list(copied)} ORDER BY event_id",
                copied,
            ).fetchall()
            self._recount([r[0] for r in events])
        return log

    @staticmethod
    def _event_row(
        ref: EventRef, analysis: Analysis, event: Event, in_lead: bool, now: datetime
    ) -> tuple[Any, ...]:
        return event_row(ref, analysis, event, in_lead, now)


def event_row(
    ref: EventRef, analysis: Analysis, event: Event, in_lead: bool, now: datetime
) -> tuple[Any, ...]:
    """The ``events`` row of a corpus event whose canonical telling is ``event`` (counts 0:
    recounted)."""
    # The corpus ids of its participants alone (not of every entity, once per event).
    ids = merge.entity_ids(analysis, only={*event.actor, *event.recipient})
    location = next((loc for loc in analysis.locations if loc.id == event.location), None)
    return (
        ref.event_id, ref.match_key, event.type, event.mode, event.cameo, event.quad_class,
        event.goldstein, ref.day, [ids.get(a, a) for a in event.actor],
        [ids.get(r, r) for r in event.recipient],
        location.name if location else None, location.geonameid if location else None,
        location.country if location else None, location.lat if location else None,
        location.lon if location else None, location.kind if location else None,
        analysis.article.id, ref.story_id, analysis.article.url or analysis.article.source,
        in_lead, now,
        0, 0, 0,
        # The publication day stands in: the stage said so, or gave no date at all.
        event.date_is_fallback or (merge.parse_date(event.date) is None and ref.day is not None),
        event.status, event.date_source, event.date_precision, event.confidence,
        location.admin1 if location else None,
        # What the article states, at its own granularity ("2015" stays a year, where the
        # day column can only hold the publication day standing in).
        None if event.date_is_fallback else event.date,
    )  # fmt: skip


# Fields outside the body that a report opens with.
_LEAD_FIELDS = {"headline", "standfirst"}


def _status_rank_sql(column: str) -> str:
    """SQL ranking a status by ``event_identity.STATUS_REALNESS`` (0 the most real; an unknown status last)."""
    cases = " ".join(
        f"WHEN '{status}' THEN {rank}" for rank, status in enumerate(identity.STATUS_REALNESS)
    )
    return f"CASE {column} {cases} ELSE {len(identity.STATUS_REALNESS)} END"


def told_in_lead(event: Event, analysis: Analysis) -> bool:
    """Whether the article tells the event in its headline, standfirst or first paragraph
    (GDELT's root-event test: what a report leads with is what it is about)."""
    lead = len(analysis.article.paragraphs[0]) if analysis.article.paragraphs else 0
    told = [(m.field, m.start) for m in event.mentions] or [(event.field, event.start)]
    return any(field in _LEAD_FIELDS or (field == "text" and start < lead) for field, start in told)


def status_counts(con: duckdb.DuckDBPyConnection) -> Counter[str]:
    return Counter(
        dict(con.execute("SELECT status, count(*) FROM ingest_log GROUP BY status").fetchall())
    )
