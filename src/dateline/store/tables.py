"""One spec per stored section of the Analysis document: the table, its columns, and where each
column's value comes from in the model.

The DuckDB schema of these tables (``CREATE TABLE``) and the rows the writer inserts are both
derived from the specs, and ``tests/test_store_tables.py`` ties every spec to its record model:
each model field is either stored in a column or listed in ``not_stored`` with the reason, so a
field added to the model cannot be forgotten in the database.

The corpus-wide tables that merging maintains (``articles``, ``article_copies``, ``minhash``,
``entities``, ``events``, ``event_mentions``) and the ingest log are specified here too
(``CORPUS_TABLES``: names, types, constraints; their rows are built by the writers). These
specs are the one source of the schema: the DuckDB ``CREATE TABLE`` statements and the Parquet
schema of ``dateline spark ingest`` (``dateline.spark.schema``) are both derived from them.
(The fetching commands' bookkeeping tables, which no corpus build writes, are in ``live.sql``.)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from dateline.model import (
    Amount,
    Analysis,
    ArticleTone,
    EntityTone,
    Location,
    Quote,
    Span,
    TimeExpression,
)


@dataclass(frozen=True)
class Row:
    """What a column's value may come from: the article, its corpus entity ids, one record."""

    analysis: Analysis
    entity_ids: dict[str, str]  # the Analysis document's entity id -> corpus entity id
    record: Any
    owner: Any = None  # the record the stored one belongs to (an entity for its mentions)

    @property
    def article_id(self) -> str:
        return self.analysis.article.id

    def corpus_entity(self, local_id: str | None) -> str | None:
        return self.entity_ids.get(local_id or "")


@dataclass(frozen=True)
class Column:
    name: str
    sql: str  # DuckDB type and constraints
    # Where a section table's value comes from (None in the corpus tables, whose rows the
    # writers build).
    value: Callable[[Row], Any] | None = None
    comment: str = ""
    # Added after databases were first written: created in new databases, and added to older
    # ones (NULL in their rows) by ``ALTER TABLE ... ADD COLUMN IF NOT EXISTS``. Always last.
    added_later: bool = False

    @property
    def type(self) -> str:
        """The DuckDB type without constraints ("VARCHAR", "VARCHAR[]", "UBIGINT")."""
        return _CONSTRAINT.split(self.sql, maxsplit=1)[0].strip()

    @property
    def nullable(self) -> bool:
        return "NOT NULL" not in self.sql and "PRIMARY KEY" not in self.sql


_CONSTRAINT = re.compile(r"\b(?:NOT NULL|PRIMARY KEY|DEFAULT)\b")


def _table_ddl(name: str, columns: tuple[Column, ...], comment: str) -> str:
    """``CREATE TABLE IF NOT EXISTS`` for ``columns``, then ``ALTER TABLE ... ADD COLUMN IF NOT
    EXISTS`` for those added later (databases written before them gain them, NULL)."""
    lines = []
    for n, column in enumerate(columns):
        comma = "," if n < len(columns) - 1 else ""
        note = f"  -- {column.comment}" if column.comment else ""
        lines.append(f"    {column.name} {column.sql}{comma}{note}")
    head = "".join(f"-- {line}\n" for line in comment.splitlines())
    create = f"{head}CREATE TABLE IF NOT EXISTS {name} (\n" + "\n".join(lines) + "\n);\n"
    return create + "".join(
        f"ALTER TABLE {name} ADD COLUMN IF NOT EXISTS {c.name} {c.sql};\n"
        for c in columns
        if c.added_later
    )


def _field(name: str) -> Callable[[Row], Any]:
    """The value of the record's field ``name``."""
    return lambda row: getattr(row.record, name)


ARTICLE_ID = Column("article_id", "VARCHAR NOT NULL", lambda row: row.article_id)


@dataclass(frozen=True)
class SectionTable:
    """A table that stores one kind of record of the Analysis document, one row per record."""

    name: str
    record_model: type[BaseModel]
    records: Callable[[Analysis], Iterable[tuple[Any, Any]]]  # (record, owner) pairs
    columns: tuple[Column, ...]
    # Record fields -> the column that stores each.
    stored: dict[str, str]
    # Record fields deliberately not in this table -> why.
    not_stored: dict[str, str] = field(default_factory=dict)
    comment: str = ""

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def ddl(self) -> str:
        """The ``CREATE TABLE IF NOT EXISTS`` statement of this table."""
        return _table_ddl(self.name, self.columns, self.comment)

    def rows(self, analysis: Analysis, entity_ids: dict[str, str]) -> Iterator[tuple[Any, ...]]:
        """The rows of ``analysis``'s records, in column order."""
        values = [column.value for column in self.columns]
        assert all(v is not None for v in values), f"{self.name}: a column without a value"
        for record, owner in self.records(analysis):
            row = Row(analysis, entity_ids, record, owner)
            yield tuple(value(row) for value in values if value is not None)


def _entity_mentions(analysis: Analysis) -> Iterator[tuple[Span, Any]]:
    for entity in analysis.entities:
        for mention in entity.mentions:
            yield mention, entity


def _each(section: str) -> Callable[[Analysis], Iterator[tuple[Any, None]]]:
    return lambda analysis: ((record, None) for record in getattr(analysis, section))


def _article_tone(analysis: Analysis) -> Iterator[tuple[ArticleTone, None]]:
    if analysis.tone is not None:
        yield analysis.tone.article, None


def _entity_tones(analysis: Analysis) -> Iterator[tuple[EntityTone, None]]:
    if analysis.tone is None:
        return
    known = {entity.id for entity in analysis.entities}
    yield from ((e, None) for e in analysis.tone.entities if e.entity in known)


_SPAN_COLUMNS = (
    Column("char_start", "INTEGER", _field("start")),
    Column("char_end", "INTEGER", _field("end")),
    Column("field", "VARCHAR", _field("field")),
)
_SPAN_FIELDS = {"start": "char_start", "end": "char_end", "field": "field"}

MENTIONS = SectionTable(
    name="mentions",
    comment="Every mention of an entity in an article.",
    record_model=Span,
    records=_entity_mentions,
    columns=(
        ARTICLE_ID,
        Column(
            "local_id",
            "VARCHAR NOT NULL",
            lambda row: row.owner.id,
            "the entity's id inside the Analysis document",
        ),
        Column("entity_id", "VARCHAR NOT NULL", lambda row: row.entity_ids[row.owner.id]),
        Column("text", "VARCHAR", _field("text")),
        *_SPAN_COLUMNS,
    ),
    stored={"text": "text", **_SPAN_FIELDS},
)

QUOTES = SectionTable(
    name="quotes",
    record_model=Quote,
    records=_each("quotes"),
    columns=(
        ARTICLE_ID,
        Column("local_id", "VARCHAR NOT NULL", _field("id")),
        Column("text", "VARCHAR NOT NULL", _field("text")),
        Column("kind", "VARCHAR", _field("kind")),
        Column(
            "speaker_entity_id",
            "VARCHAR",
            lambda row: row.corpus_entity(row.record.speaker),
            "corpus entity id of the speaker, or NULL",
        ),
        Column("speaker_name", "VARCHAR", _field("speaker_name")),
        Column("cue", "VARCHAR", _field("cue")),
        *_SPAN_COLUMNS,
    ),
    stored={
        "id": "local_id",
        "text": "text",
        "kind": "kind",
        "speaker": "speaker_entity_id",
        "speaker_name": "speaker_name",
        "cue": "cue",
        **_SPAN_FIELDS,
    },
    not_stored={"speaker_span": "the words naming the speaker: in the stored analysis JSON"},
)

LOCATIONS = SectionTable(
    name="locations",
    record_model=Location,
    records=_each("locations"),
    columns=(
        ARTICLE_ID,
        Column("local_id", "VARCHAR NOT NULL", _field("id")),
        Column("name", "VARCHAR NOT NULL", _field("name")),
        Column("geonameid", "BIGINT", _field("geonameid")),
        Column("country", "VARCHAR", _field("country")),
        Column("lat", "DOUBLE", _field("lat")),
        Column("lon", "DOUBLE", _field("lon")),
        Column("kind", "VARCHAR", _field("kind")),
        Column(
            "entity_id",
            "VARCHAR",
            lambda row: row.corpus_entity(row.record.entity),
            "corpus entity id of the same place, or NULL",
        ),
        Column("num_mentions", "INTEGER", lambda row: len(row.record.mentions)),
        Column(
            "first_offset",
            "INTEGER",
            lambda row: min((m.start for m in row.record.mentions), default=None),
        ),
        Column(
            "admin1",
            "VARCHAR",
            _field("admin1"),
            "GeoNames admin1 code",
            added_later=True,
        ),
    ),
    stored={
        "id": "local_id",
        "name": "name",
        "geonameid": "geonameid",
        "country": "country",
        "admin1": "admin1",
        "lat": "lat",
        "lon": "lon",
        "kind": "kind",
        "entity": "entity_id",
        "mentions": "num_mentions",
    },
)

TIMES = SectionTable(
    name="times",
    record_model=TimeExpression,
    records=_each("times"),
    columns=(
        ARTICLE_ID,
        Column("text", "VARCHAR", _field("text")),
        Column("value", "VARCHAR", _field("value")),
        Column("type", "VARCHAR", _field("type")),
        *_SPAN_COLUMNS,
    ),
    stored={"text": "text", "value": "value", "type": "type", **_SPAN_FIELDS},
    not_stored={"date": "computed from value"},
)

AMOUNTS = SectionTable(
    name="amounts",
    record_model=Amount,
    records=_each("amounts"),
    columns=(
        ARTICLE_ID,
        Column("text", "VARCHAR", _field("text")),
        Column("value", "DOUBLE", _field("value")),
        Column("unit", "VARCHAR", _field("unit")),
        Column("object", "VARCHAR", _field("object")),
        *_SPAN_COLUMNS,
    ),
    stored={"text": "text", "value": "value", "unit": "unit", "object": "object", **_SPAN_FIELDS},
)

ARTICLE_TONE = SectionTable(
    name="article_tone",
    comment="GDELT V2Tone of each article's body (the tone stage; no row when it did not run).",
    record_model=ArticleTone,
    records=_article_tone,
    columns=(
        Column("article_id", "VARCHAR PRIMARY KEY", lambda row: row.article_id),
        Column("tone", "DOUBLE", _field("tone"), "positive - negative (per cent of the words)"),
        Column("positive", "DOUBLE", _field("positive")),
        Column("negative", "DOUBLE", _field("negative")),
        Column("polarity", "DOUBLE", _field("polarity"), "positive + negative"),
        Column("activity_density", "DOUBLE", _field("activity_density")),
        Column("self_group_density", "DOUBLE", _field("self_group_density")),
        Column("word_count", "INTEGER", _field("word_count")),
    ),
    stored={
        name: name
        for name in (
            "tone",
            "positive",
            "negative",
            "polarity",
            "activity_density",
            "self_group_density",
            "word_count",
        )
    },
)

ENTITY_TONE = SectionTable(
    name="entity_tone",
    comment="How each article portrays each entity it mentions (target-dependent sentiment).",
    record_model=EntityTone,
    records=_entity_tones,
    columns=(
        ARTICLE_ID,
        Column(
            "local_id",
            "VARCHAR NOT NULL",
            _field("entity"),
            "the entity's id inside the Analysis document",
        ),
        Column("entity_id", "VARCHAR NOT NULL", lambda row: row.entity_ids[row.record.entity]),
        Column("label", "VARCHAR NOT NULL", _field("label"), "negative, neutral, positive"),
        Column(
            "score",
            "DOUBLE NOT NULL",
            _field("score"),
            "mean P(positive) - P(negative) over its sentences",
        ),
        Column("sentences", "INTEGER NOT NULL", _field("sentences")),
        Column("negative", "INTEGER NOT NULL", _field("negative")),
        Column("neutral", "INTEGER NOT NULL", _field("neutral")),
        Column("positive", "INTEGER NOT NULL", _field("positive")),
    ),
    stored={
        "entity": "local_id",
        "label": "label",
        "score": "score",
        "sentences": "sentences",
        "negative": "negative",
        "neutral": "neutral",
        "positive": "positive",
    },
)

SECTION_TABLES: tuple[SectionTable, ...] = (
    MENTIONS,
    QUOTES,
    LOCATIONS,
    TIMES,
    AMOUNTS,
    ARTICLE_TONE,
    ENTITY_TONE,
)


def section_tables_ddl() -> str:
    """The ``CREATE TABLE`` statements of every section table."""
    return "\n".join(table.ddl() for table in SECTION_TABLES)


@dataclass(frozen=True)
class CorpusTable:
    """A corpus-wide or log table: its columns (names, DuckDB types, constraints)."""

    name: str
    columns: tuple[Column, ...]
    comment: str = ""

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def ddl(self) -> str:
        return _table_ddl(self.name, self.columns, self.comment)


def _c(name: str, sql: str, comment: str = "", added_later: bool = False) -> Column:
    return Column(name, sql, None, comment, added_later)


STORE_META = CorpusTable(
    "store_meta",
    (_c("key", "VARCHAR PRIMARY KEY"), _c("value", "VARCHAR")),
    "What the database is: schema_version.",
)

ARTICLES = CorpusTable(
    "articles",
    (
        _c("article_id", "VARCHAR PRIMARY KEY", "hash of the cleaned body"),
        _c("story_id", "VARCHAR NOT NULL", "id of the first article of its near-duplicate cluster"),
        _c("similarity", "DOUBLE", "estimated Jaccard with story_id's article (near-duplicates)"),
        _c("source", "VARCHAR NOT NULL", 'path, path:line, path@offset or "-"'),
        _c("source_name", "VARCHAR", "publisher, else the URL's host"),
        _c("url", "VARCHAR"),
        _c("publisher", "VARCHAR"),
        _c("headline", "VARCHAR"),
        _c("published", "VARCHAR", "ISO 8601 as structured"),
        _c("published_date", "DATE"),
        _c("language", "VARCHAR"),
        _c("format", "VARCHAR"),
        _c("num_chars", "INTEGER"),
        _c("num_entities", "INTEGER"),
        _c("num_quotes", "INTEGER"),
        _c("num_events", "INTEGER"),
        _c("stages", "VARCHAR"),
        _c("ingested_at", "TIMESTAMP NOT NULL"),
        _c("analysis", "VARCHAR NOT NULL", "the whole Analysis document as JSON"),
    ),
    "One row per distinct article body.",
)

ARTICLE_COPIES = CorpusTable(
    "article_copies",
    (
        _c("article_id", "VARCHAR NOT NULL", "the stored article with the same body"),
        _c("source", "VARCHAR NOT NULL", "the copy's input: path, path:line, path@offset or -"),
        _c("source_name", "VARCHAR", "its publisher, else the URL's host"),
        _c("url", "VARCHAR"),
        _c("publisher", "VARCHAR"),
        _c("published", "VARCHAR"),
        _c("published_date", "DATE"),
        _c("ingested_at", "TIMESTAMP NOT NULL"),
    ),
    "Exact copies of a stored article (same body) published elsewhere: another publisher or\n"
    "URL. Each is one more telling of the article's events (num_articles, num_sources, ...).",
)

MINHASH = CorpusTable(
    "minhash",
    (_c("article_id", "VARCHAR PRIMARY KEY"), _c("signature", "BLOB NOT NULL")),
    "MinHash signatures and LSH buckets for near-duplicate detection.",
)

MINHASH_BANDS = CorpusTable(
    "minhash_bands",
    (
        _c("band", "SMALLINT NOT NULL"),
        _c("bucket", "UBIGINT NOT NULL"),
        _c("article_id", "VARCHAR NOT NULL"),
    ),
)

ENTITIES = CorpusTable(
    "entities",
    (
        _c("entity_id", "VARCHAR PRIMARY KEY", "hash of kb_id, else of (name, type, country)"),
        _c("name", "VARCHAR NOT NULL"),
        _c("type", "VARCHAR NOT NULL"),
        _c("country", "VARCHAR", "ISO 3166-1 alpha-3"),
        _c("sector", "VARCHAR"),
        _c("code", "VARCHAR", "CAMEO-style actor code"),
        _c("kb_id", "VARCHAR"),
        _c("first_article_id", "VARCHAR"),
    ),
    "Corpus-wide entities: one row per real-world actor across all articles.",
)

EVENTS = CorpusTable(
    "events",
    (
        _c("event_id", "BIGINT PRIMARY KEY"),
        _c("match_key", "VARCHAR NOT NULL", "hash of type, actors, recipients and place"),
        _c("type", "VARCHAR NOT NULL"),
        _c("mode", "VARCHAR"),
        _c("cameo", "VARCHAR"),
        _c("quad_class", "INTEGER"),
        _c("goldstein", "DOUBLE"),
        _c("date", "DATE"),
        _c("actor_ids", "VARCHAR[]"),
        _c("recipient_ids", "VARCHAR[]"),
        _c("place_name", "VARCHAR"),
        _c("place_geonameid", "BIGINT"),
        _c("place_country", "VARCHAR", "ISO 3166-1 alpha-2"),
        _c("place_lat", "DOUBLE"),
        _c("place_lon", "DOUBLE"),
        _c("place_kind", "VARCHAR"),
        _c("first_article_id", "VARCHAR NOT NULL", "the canonical report's article"),
        _c("story_id", "VARCHAR NOT NULL", "the canonical report's story"),
        _c("source_url", "VARCHAR"),
        _c("is_root_event", "BOOLEAN", "told in the headline or first paragraph of a report"),
        _c("date_added", "TIMESTAMP NOT NULL"),
        _c("num_mentions", "INTEGER NOT NULL"),
        _c("num_sources", "INTEGER NOT NULL"),
        _c("num_articles", "INTEGER NOT NULL"),
        _c("date_is_fallback", "BOOLEAN", "date is the canonical report's publication day", True),
        _c("status", "VARCHAR", "occurred, ongoing, future, hypothetical, negated", True),
        _c("date_source", "VARCHAR", "clause, sentence, paragraph, lead, publication", True),
        _c("date_precision", "VARCHAR", "day, month, year, ...; before", True),
        _c("confidence", "DOUBLE", "its surest telling's confidence, 0-1", True),
        _c("place_admin1", "VARCHAR", "GeoNames admin1 code of the place", True),
        _c(
            "date_value",
            "VARCHAR",
            "the canonical report's TIMEX3 date (2015, 2015-03, 2015-03-25TMO); NULL: none stated",
            True,
        ),
    ),
    "Corpus-wide events: the tellings judged one event (store/event_identity.py).",
)

EVENT_MENTIONS = CorpusTable(
    "event_mentions",
    (
        _c("event_id", "BIGINT NOT NULL"),
        _c("article_id", "VARCHAR NOT NULL"),
        _c("local_id", "VARCHAR NOT NULL"),
        _c("trigger", "VARCHAR"),
        _c("sentence", "VARCHAR"),
        _c("status", "VARCHAR"),
        _c("date_is_fallback", "BOOLEAN"),
        _c("quote_local_id", "VARCHAR"),
        _c("char_start", "INTEGER"),
        _c("char_end", "INTEGER"),
        _c("field", "VARCHAR"),
        _c("in_lead", "BOOLEAN", "told in the headline, standfirst or first paragraph"),
        _c("source_name", "VARCHAR"),
        _c("doc_len", "INTEGER"),
        _c("times_told", "INTEGER NOT NULL", "places the article tells it: GDELT mentions"),
        _c("confidence", "DOUBLE", "the article's event record's confidence, 0-1", True),
        # What this telling says, for recognising the same event in later articles:
        _c("actor_ids", "VARCHAR[]", "corpus entity ids", True),
        _c("recipient_ids", "VARCHAR[]", "", True),
        _c(
            "own_date",
            "VARCHAR",
            "the date the article states, or for an undated act the date of the story telling "
            "it (story_date; never the publication date)",
            True,
        ),
        _c("place_key", "VARCHAR", "geonames:ID or name:NAME|CC", True),
        _c("context_terms", "VARCHAR[]", "content words and entity ids around it", True),
        _c("date_precision", "VARCHAR", 'the telling\'s date precision ("before": undated)', True),
        _c("cameo", "VARCHAR", "the CAMEO code the article's event record gives it", True),
        _c("actor_states", "VARCHAR[]", 'the states its actors act for ("state:RUS")', True),
        _c("recipient_states", "VARCHAR[]", "the states its recipients act for", True),
        _c("actor_names", "VARCHAR[]", "the names its article gives its actors, lower-cased", True),
        _c("recipient_names", "VARCHAR[]", "the same for its recipients", True),
        _c(
            "actor_bodies",
            "VARCHAR[]",
            "corpus ids of the bodies its actors act for by their title in the article",
            True,
        ),
        _c("recipient_people", "VARCHAR[]", "corpus ids of its recipients named in full", True),
    ),
    "Every telling of a corpus event in an article.",
)

INGEST_LOG = CorpusTable(
    "ingest_log",
    (
        _c("input", "VARCHAR NOT NULL", 'path, path:line, path@offset, or "-"'),
        _c("container", "VARCHAR NOT NULL", "the file the input came from"),
        _c("status", "VARCHAR NOT NULL", "stored, near_duplicate, duplicate, copy, failed, done"),
        _c("article_id", "VARCHAR"),
        _c("duplicate_of", "VARCHAR"),
        _c("reason", "VARCHAR"),
        _c("run_id", "VARCHAR"),
        _c("logged_at", "TIMESTAMP NOT NULL"),
    ),
    "What happened to every input, and a done row for each container read to the end.",
)

CORPUS_TABLES: tuple[CorpusTable, ...] = (
    STORE_META,
    ARTICLES,
    ARTICLE_COPIES,
    MINHASH,
    MINHASH_BANDS,
    ENTITIES,
    EVENTS,
    EVENT_MENTIONS,
    INGEST_LOG,
)


def corpus_tables_ddl() -> str:
    """The ``CREATE TABLE`` statements of the corpus and log tables."""
    return "\n".join(table.ddl() for table in CORPUS_TABLES)


def table_columns() -> dict[str, tuple[Column, ...]]:
    """Every specified table (corpus, log and section tables) -> its columns, in order."""
    tables: dict[str, tuple[Column, ...]] = {t.name: t.columns for t in CORPUS_TABLES}
    tables.update((t.name, t.columns) for t in SECTION_TABLES)
    return tables
