"""The section tables' specs (``dateline.store.tables``) are tied to the document model, the
database schema and what the writer stores."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dateline.article.structure import article_id
from dateline.model import (
    Amount,
    Analysis,
    Article,
    ArticleTone,
    Entity,
    EntityTone,
    Location,
    Quote,
    Span,
    TimeExpression,
    Tone,
)
from dateline.store import merge, minhash
from dateline.store.db import open_store
from dateline.store.tables import SECTION_TABLES
from dateline.store.worker import WorkResult
from dateline.store.writer import StoreWriter

# Analysis fields stored outside the section tables (the corpus tables of tables.CORPUS_TABLES, which
# merge articles, entities and events across the corpus), or only in the stored JSON.
CORPUS_FIELDS = {
    "schema_": "articles.analysis (the whole document)",
    "article": "articles",
    "entities": "entities (corpus-wide) and mentions",
    "events": "events and event_mentions (corpus-wide)",
    "stages": "articles.stages",
    "notices": "articles.analysis only",
}


@pytest.mark.parametrize("table", SECTION_TABLES, ids=lambda t: t.name)
def test_every_record_field_is_stored_or_said_not_to_be(table) -> None:  # type: ignore[no-untyped-def]
    model = table.record_model
    fields = set(model.model_fields) | set(model.model_computed_fields)
    assert set(table.stored) | set(table.not_stored) == fields, (
        f"{table.name}: fields of {model.__name__} neither stored nor listed in not_stored"
    )
    assert not set(table.stored) & set(table.not_stored)
    assert set(table.stored.values()) <= set(table.column_names)


def test_every_analysis_section_has_a_home_in_the_database() -> None:
    section_models = {
        "quotes": Quote,
        "locations": Location,
        "times": TimeExpression,
        "amounts": Amount,
        "tone": Tone,
    }
    stored_models = {table.record_model for table in SECTION_TABLES}
    for name in Analysis.model_fields:
        if name in CORPUS_FIELDS:
            continue
        assert name in section_models, f"Analysis.{name} is stored nowhere"
        if name == "tone":
            assert {ArticleTone, EntityTone} <= stored_models
        else:
            assert section_models[name] in stored_models


def test_database_schema_is_the_specs(tmp_path: Path) -> None:
    con = open_store(str(tmp_path / "c.duckdb"))
    try:
        for table in SECTION_TABLES:
            columns = con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = ? "
                "ORDER BY column_index",
                [table.name],
            ).fetchall()
            assert tuple(c[0] for c in columns) == table.column_names
    finally:
        con.close()


def _analysis() -> Analysis:
    body = (
        "GENEVA — Foreign Minister Elena Varga met her Serbian counterpart on Tuesday. "
        "“We agreed on a second round of talks,” Varga told reporters. Trade rose 12 percent."
    )
    headline = "Varga meets Serbian minister in Geneva"
    article = Article(
        id=article_id(body), source="wire.txt", headline=headline, language="en",
        published="2024-03-05T10:00:00+01:00", paragraphs=[body], text=body,
    )  # fmt: skip

    def span(words: str, field: str = "text") -> Span:
        source = body if field == "text" else headline
        start = source.index(words)
        return Span(start=start, end=start + len(words), text=words, field=field)

    varga = Entity(
        id="E1", name="Elena Varga", type="PERSON", country="HUN",
        mentions=[span("Elena Varga"), span("Varga", "headline")],
    )  # fmt: skip
    geneva = Entity(id="E2", name="Geneva", type="LOCATION", mentions=[span("GENEVA")])
    quote_text = "We agreed on a second round of talks"
    start = body.index(quote_text)
    return Analysis(
        article=article,
        entities=[varga, geneva],
        quotes=[
            Quote(
                id="Q1",
                text=quote_text,
                kind="direct",
                speaker="E1",
                speaker_name="Varga",
                cue="told",
                start=start,
                end=start + len(quote_text),
                speaker_span=span("Varga told"),
            )
        ],  # fmt: skip
        locations=[
            Location(
                id="L1",
                name="Geneva",
                geonameid=2660646,
                country="CH",
                lat=46.2,
                lon=6.15,
                kind="city",
                entity="E2",
                mentions=[span("GENEVA")],
            )
        ],  # fmt: skip
        times=[TimeExpression(text="Tuesday", value="2024-03-05", **_offsets(body, "Tuesday"))],
        amounts=[
            Amount(
                text="12 percent",
                value=12.0,
                unit="%",
                object="Trade",
                **_offsets(body, "12 percent"),
            )
        ],  # fmt: skip
        tone=Tone(
            article=ArticleTone(
                tone=1.5,
                positive=3.0,
                negative=1.5,
                polarity=4.5,
                activity_density=10.0,
                self_group_density=2.0,
                word_count=30,
            ),
            entities=[
                EntityTone(
                    entity="E1",
                    label="positive",
                    score=0.4,
                    sentences=2,
                    negative=0,
                    neutral=1,
                    positive=1,
                )
            ],
        ),  # fmt: skip
    )


def _offsets(text: str, words: str) -> dict[str, int]:
    start = text.index(words)
    return {"start": start, "end": start + len(words)}


def test_writer_stores_each_section_as_its_spec_says(tmp_path: Path) -> None:
    analysis = _analysis()
    db = tmp_path / "c.duckdb"
    con = open_store(str(db))
    try:
        signature = minhash.to_blob(minhash.signature(analysis.article.text))
        StoreWriter(con, run_id="t").write_batch(
            [WorkResult("wire.txt", "wire.txt", analysis=analysis, signature=signature)]
        )
    finally:
        con.close()
    ids = merge.entity_ids(analysis)
    con = duckdb.connect(str(db), read_only=True)
    try:
        for table in SECTION_TABLES:
            expected = list(table.rows(analysis, ids))
            assert expected, table.name  # the invented article fills every section
            stored = con.execute(
                f"SELECT {', '.join(table.column_names)} FROM {table.name}"
            ).fetchall()
            assert sorted(stored, key=repr) == sorted(expected, key=repr), table.name
    finally:
        con.close()
    quote_row = next(SECTION_TABLES[1].rows(analysis, ids))
    assert quote_row[4] == ids["E1"]  # the speaker as the corpus entity


def test_quotes_export_carries_every_stored_quote_column() -> None:
    from dateline.export.tables import TABLES
    from dateline.store.tables import QUOTES

    for column in QUOTES.column_names:
        assert f"q.{column}" in TABLES["quotes"], column


def test_a_database_written_before_a_later_column_gains_it(tmp_path: Path) -> None:
    from dateline.store.tables import LOCATIONS

    later = [c for c in LOCATIONS.columns if c.added_later]
    assert later and LOCATIONS.columns[-len(later) :] == tuple(later)
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    early = ", ".join(f"{c.name} {c.sql}" for c in LOCATIONS.columns if not c.added_later)
    con.execute(f"CREATE TABLE locations ({early})")
    con.close()
    con = open_store(str(db))
    try:
        names = [r[0] for r in con.execute("DESCRIBE locations").fetchall()]
    finally:
        con.close()
    assert tuple(names) == LOCATIONS.column_names


def test_the_corpus_tables_spec_makes_the_database_and_every_column_has_a_parquet_type(
    tmp_path: Path,
) -> None:
    from dateline.spark.schema import spark_type_name
    from dateline.store.tables import CORPUS_TABLES, table_columns

    con = open_store(str(tmp_path / "c.duckdb"))
    try:
        for name, columns in table_columns().items():
            described = con.execute(f"DESCRIBE {name}").fetchall()
            assert [(r[0], r[1], r[2] == "YES") for r in described] == [
                (c.name, c.type, c.nullable) for c in columns
            ], name
            assert all(spark_type_name(c) for c in columns)
    finally:
        con.close()
    assert {t.name for t in CORPUS_TABLES} >= {"articles", "events", "event_mentions", "entities"}
