"""Tone in the corpus: article and per-entity tone tables, GDELT AvgTone / MentionDocTone, GKG
V2Tone, and ``query tone`` / ``query entities --tone``."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from conftest import make_article
from dateline.cli import cli
from dateline.export.gdelt import EVENT_COLUMNS, MENTION_COLUMNS
from dateline.export.gkg import GKG_COLUMNS
from dateline.model import Analysis
from test_store import store

MARCH = """Police arrested Governor Maria Jones in Springfield on Monday after investigators accused her of fraud and bribery.

Critics condemned Jones for the corruption scandal, calling it a disgraceful abuse of power."""
APRIL = """Governor Maria Jones was cleared of all charges on Friday, and supporters praised her courage and honesty.

Jones thanked the volunteers who helped the flood victims in Springfield and promised to rebuild the damaged schools."""


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, nlp) -> Path:  # type: ignore[no-untyped-def]
    from dateline.pipeline import Pipeline

    pipeline = Pipeline.create(None)
    analyses: list[Analysis] = []
    for body, published, host in (
        (MARCH, "2025-03-10T09:00:00+00:00", "springfield-herald"),
        (APRIL, "2025-04-18T09:00:00+00:00", "capitol-post"),
    ):
        article = make_article(body, published=published).model_copy(
            update={"source": f"{host}.txt", "url": f"https://{host}.example/story"}
        )
        analyses.append(pipeline.annotate(article))
    path = tmp_path_factory.mktemp("tone") / "news.duckdb"
    store(path, analyses)
    return path


def run(db: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_tone_tables_hold_article_and_entity_tone(db: Path) -> None:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tones = dict(con.execute("SELECT article_id, tone FROM article_tone").fetchall())
        rows = con.execute(
            "SELECT a.published_date, t.label, t.score FROM entity_tone t "
            "JOIN entities e USING (entity_id) JOIN articles a USING (article_id) "
            "WHERE e.name ILIKE '%Jones%' ORDER BY a.published_date"
        ).fetchall()
    finally:
        con.close()
    assert len(tones) == 2
    march, april = rows
    assert march[1] == "negative" and april[1] == "positive"
    assert march[2] < 0 < april[2]


def test_query_tone_shows_coverage_turning(db: Path) -> None:
    lines = run(db, "query", "tone", "--actor", "jones", "--by", "month", "--format", "jsonl")
    rows = [json.loads(line) for line in lines.splitlines()]
    assert [r["month"] for r in rows] == ["2025-03-01", "2025-04-01"]
    assert rows[0]["negative"] == 1 and rows[1]["positive"] == 1
    assert rows[0]["tone_score"] < 0 < rows[1]["tone_score"]
    assert rows[0]["article_tone"] < rows[1]["article_tone"]


def test_query_entities_with_tone_columns(db: Path) -> None:
    lines = run(db, "query", "entities", "--name", "Jones", "--tone", "--format", "jsonl")
    row = json.loads(lines.splitlines()[0])
    assert row["tone_articles"] == 2
    assert row["negative_articles"] == 1 and row["positive_articles"] == 1
    plain = json.loads(
        run(db, "query", "entities", "--name", "Jones", "--format", "jsonl").splitlines()[0]
    )
    assert "tone_score" not in plain


def test_gdelt_exports_carry_tone(db: Path) -> None:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tones = {
            url: tone
            for url, tone in con.execute(
                "SELECT a.url, t.tone FROM article_tone t JOIN articles a USING (article_id)"
            ).fetchall()
        }
    finally:
        con.close()
    events = [
        dict(zip(EVENT_COLUMNS, line.split("\t"), strict=True))
        for line in run(db, "export", "events", "--format", "gdelt", "--status", "all").splitlines()
    ]
    assert events, "the articles tell events"
    for event in events:
        assert float(event["AvgTone"]) == pytest.approx(tones[event["SOURCEURL"]], abs=0.001)
    mentions = [
        dict(zip(MENTION_COLUMNS, line.split("\t"), strict=True))
        for line in run(
            db, "export", "mentions", "--format", "gdelt", "--status", "all"
        ).splitlines()
    ]
    for mention in mentions:
        assert float(mention["MentionDocTone"]) == pytest.approx(
            tones[mention["MentionIdentifier"]]
        )
    gkg = [
        dict(zip(GKG_COLUMNS, line.split("\t"), strict=True))
        for line in run(db, "export", "gkg", "--format", "gdelt").splitlines()
    ]
    for row in gkg:
        figures = row["V2Tone"].split(",")
        assert len(figures) == 7
        assert float(figures[0]) == pytest.approx(tones[row["DocumentIdentifier"]])
        assert float(figures[3]) == pytest.approx(float(figures[1]) + float(figures[2]), abs=0.01)
        assert int(figures[6]) > 20
