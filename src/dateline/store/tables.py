"""One spec per stored section of the Analysis document: the table, its columns, and where each
column's value comes from in the model.

The DuckDB schema of these tables (``CREATE TABLE``) and the rows the writer inserts are both
derived from the specs, and ``tests/test_store_tables.py`` ties every spec to its record model:
each model field is either stored in a column or listed in ``not_stored`` with the reason, so a
field added to the model cannot be forgotten in the database. (The corpus-wide tables that
merging maintains, ``articles``, ``entities``, ``events`` and ``event_mentions``, and the log
tables are written in ``schema.sql``.)
"""

from __future__ import annotations

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
    value: Callable[[Row], Any]
    comment: str = ""
    # Added after databases were first written: created in new databases, and added to older
    # ones (NULL in their rows) by ``ALTER TABLE ... ADD COLUMN IF NOT EXISTS``. Always last.
    added_later: bool = False


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
        lines = []
        for n, column in enumerate(self.columns):
            comma = "," if n < len(self.columns) - 1 else ""
            comment = f"  -- {column.comment}" if column.comment else ""
            lines.append(f"    {column.name} {column.sql}{comma}{comment}")
        head = f"-- {self.comment}\n" if self.comment else ""
        create = f"{head}CREATE TABLE IF NOT EXISTS {self.name} (\n" + "\n".join(lines) + "\n);\n"
        return create + "".join(
            f"ALTER TABLE {self.name} ADD COLUMN IF NOT EXISTS {c.name} {c.sql};\n"
            for c in self.columns
            if c.added_later
        )

    def rows(self, analysis: Analysis, entity_ids: dict[str, str]) -> Iterator[tuple[Any, ...]]:
        """The rows of ``analysis``'s records, in column order."""
        for record, owner in self.records(analysis):
            row = Row(analysis, entity_ids, record, owner)
            yield tuple(column.value(row) for column in self.columns)


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
