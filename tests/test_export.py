"""Exports: Analysis documents as JSON Lines, tables as CSV/Parquet, GDELT 2.0-compatible TSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from dateline.article.structure import article_id
from dateline.cli import cli
from dateline.export.gdelt import EVENT_COLUMNS, MENTION_COLUMNS, fips_code
from dateline.model import Analysis
from test_store import ANADOLU, corpus, store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "news.duckdb"
    store(path, corpus())
    return path


def export(db: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["export", *args, "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_gdelt_events_have_61_columns_in_codebook_order(db: Path) -> None:
    assert EVENT_COLUMNS[0] == "GlobalEventID" and EVENT_COLUMNS[26] == "EventCode"
    assert EVENT_COLUMNS[51] == "ActionGeo_Type" and EVENT_COLUMNS[60] == "SOURCEURL"
    lines = export(db, "events", "--format", "gdelt").splitlines()
    assert len(lines) == 2
    rows = [dict(zip(EVENT_COLUMNS, line.split("\t"), strict=True)) for line in lines]
    meeting = next(r for r in rows if r["NumArticles"] == "2")
    assert (
        meeting["Day"] == "20240312"
        and meeting["MonthYear"] == "202403"
        and meeting["Year"] == "2024"
    )
    assert meeting["FractionDate"] == "2024.1945"
    assert (meeting["Actor1Code"], meeting["Actor1Name"], meeting["Actor1CountryCode"]) == (
        "TURGOV",
        "RECEP TAYYIP ERDOGAN",
        "TUR",
    )
    assert (meeting["Actor2Code"], meeting["Actor2Type1Code"]) == ("DEUGOV", "GOV")
    assert (meeting["EventCode"], meeting["EventBaseCode"], meeting["EventRootCode"]) == (
        "040",
        "040",
        "04",
    )
    assert (meeting["QuadClass"], meeting["GoldsteinScale"], meeting["IsRootEvent"]) == (
        "1",
        "1",
        "1",
    )
    assert (meeting["NumMentions"], meeting["NumSources"]) == ("2", "2")
    # Turkey is TU in FIPS 10-4 (TR in ISO); a city is WORLDCITY (4) with its GeoNames id.
    assert (
        meeting["ActionGeo_Type"],
        meeting["ActionGeo_CountryCode"],
        meeting["ActionGeo_FeatureID"],
    ) == ("4", "TU", "323786")
    assert meeting["ActionGeo_FullName"] == "Ankara, Turkey"
    assert meeting["Actor1Geo_Type"] == "0"
    assert meeting["SOURCEURL"] == "https://anadoluagency.example/story"
    assert len(meeting["DATEADDED"]) == 14 and meeting["DATEADDED"].isdigit()


def test_gdelt_mentions_have_16_columns(db: Path) -> None:
    lines = export(db, "mentions", "--format", "gdelt", "--header").splitlines()
    assert lines[0].split("\t") == list(MENTION_COLUMNS)
    rows = [dict(zip(MENTION_COLUMNS, line.split("\t"), strict=True)) for line in lines[1:]]
    assert len(rows) == 3
    anadolu = next(r for r in rows if r["MentionSourceName"] == "Anadolu Agency")
    assert anadolu["MentionTimeDate"] == "20240312150000"  # 18:00 +03:00 in UTC
    assert anadolu["MentionType"] == "1" and anadolu["ActionCharOffset"] == str(ANADOLU.find("met"))
    assert anadolu["MentionDocLen"] == str(len(ANADOLU))


def test_analyses_round_trip_as_json_lines(db: Path) -> None:
    lines = export(db, "analyses").splitlines()
    docs = [Analysis.from_dict(json.loads(line)) for line in lines]
    assert {d.article.id for d in docs} == {a.article.id for a in corpus()}
    original = next(a for a in corpus() if a.article.id == article_id(ANADOLU))
    assert next(d for d in docs if d.article.id == original.article.id) == original


def test_events_csv_and_parquet_hold_the_same_rows(db: Path, tmp_path: Path) -> None:
    text = export(db, "events", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 2
    assert {r["actors"] for r in rows} == {"Recep Tayyip Erdogan", "Olaf Scholz"}
    target = tmp_path / "events.parquet"
    CliRunner().invoke(
        cli, ["export", "events", "--format", "parquet", "-o", str(target), "--db", str(db)]
    )
    con = duckdb.connect()
    parquet = con.execute(
        f"SELECT event_id, num_articles, actors FROM read_parquet('{target}') ORDER BY event_id"
    ).fetchall()
    assert [(str(a), str(b), c) for a, b, c in parquet] == [
        (r["event_id"], r["num_articles"], r["actors"])
        for r in sorted(rows, key=lambda r: int(r["event_id"]))
    ]


def test_gkg_like_entities_and_quotes_tables(db: Path) -> None:
    entities = [json.loads(line) for line in export(db, "entities").splitlines()]
    erdogan = next(e for e in entities if e["name"] == "Recep Tayyip Erdogan")
    assert erdogan["num_articles"] == 3 and "Erdogan" in erdogan["surface_forms"]
    quotes = list(csv.DictReader(io.StringIO(export(db, "quotes", "--format", "csv"))))
    assert {q["speaker"] for q in quotes} == {"Recep Tayyip Erdogan"}
    assert {q["source_name"] for q in quotes} == {"Anadolu Agency", "Deutsche Welle"}


def test_impossible_exports_are_refused_clearly(db: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["export", "events", "--format", "parquet", "--db", str(db)])
    assert result.exit_code != 0 and "--output" in str(result.exception)
    result = runner.invoke(cli, ["export", "quotes", "--format", "gdelt", "--db", str(db)])
    assert "events, mentions and gkg" in str(result.exception)
    assert fips_code("RU") == "RS" and fips_code("DE") == "GM" and fips_code(None) == ""


def test_gkg_like_rows_have_27_fields_with_offsets(db: Path) -> None:
    from dateline.export.gkg import GKG_COLUMNS

    lines = export(db, "gkg", "--format", "gdelt").splitlines()
    assert len(lines) == 4  # one per stored article
    rows = [dict(zip(GKG_COLUMNS, line.split("\t"), strict=True)) for line in lines]
    anadolu = next(r for r in rows if r["SourceCommonName"] == "Anadolu Agency")
    assert anadolu["DATE"] == "20240312150000" and anadolu["SourceCollectionIdentifier"] == "1"
    assert anadolu["Persons"] == "Recep Tayyip Erdogan;Olaf Scholz"
    assert f"Olaf Scholz,{ANADOLU.find('Olaf Scholz')}" in anadolu["V2Persons"].split(";")
    quote = "We will not allow a new wave of refugees"
    assert anadolu["Quotations"] == f"{ANADOLU.find(quote)}|{len(quote)}|told|{quote}"
    assert anadolu["V2Locations"] == f"4#Ankara#TU#TU##39.92#32.85#323786#{ANADOLU.find('Ankara')}"
    assert anadolu["V2Tone"] == "" and anadolu["GKGRECORDID"].endswith(("-1", "-2", "-3", "-4"))
    refused = CliRunner().invoke(cli, ["export", "gkg", "--format", "csv", "--db", str(db)])
    assert "only as --format gdelt" in str(refused.exception)


def test_events_exports_keep_the_fallback_date_flag(db: Path, tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(export(db, "events", "--format", "csv"))))
    assert {r["date_is_fallback"] for r in rows} == {"False"}  # both meetings state their date
    jsonl = [json.loads(line) for line in export(db, "events").splitlines()]
    assert {r["date_is_fallback"] for r in jsonl} == {False}
    target = tmp_path / "events.parquet"
    CliRunner().invoke(
        cli, ["export", "events", "--format", "parquet", "-o", str(target), "--db", str(db)]
    )
    con = duckdb.connect()
    flags = con.execute(f"SELECT date_is_fallback FROM read_parquet('{target}')").fetchall()
    assert flags == [(False,), (False,)]


def test_events_export_of_a_database_without_the_flag_column(tmp_path: Path) -> None:
    # A database written before events.date_is_fallback existed still exports (flag empty).
    path = tmp_path / "old.duckdb"
    store(path, corpus())
    con = duckdb.connect(str(path))
    con.execute("ALTER TABLE events DROP COLUMN date_is_fallback")
    con.close()
    rows = list(csv.DictReader(io.StringIO(export(path, "events", "--format", "csv"))))
    assert len(rows) == 2 and {r["date_is_fallback"] for r in rows} == {""}
    result = CliRunner().invoke(cli, ["query", "events", "--db", str(path), "--format", "csv"])
    assert result.exit_code == 0 and "date_is_fallback" in result.output.splitlines()[0]


def test_gdelt_action_geo_adm1_code_joins_country_and_division() -> None:
    from dateline.export.gdelt import _action_geo

    city = _action_geo("Austin", 4671654, "US", 30.27, -97.74, "city", "TX")
    assert city[0] == "3" and city[2] == "US" and city[3] == "USTX"
    country = _action_geo("Russia", 2017370, "RU", 60.0, 100.0, "country", None)
    assert country[0] == "1" and country[2] == country[3] == "RS"
    unknown_division = _action_geo("Sochi", 491422, "RU", 43.6, 39.7, "city", None)
    assert unknown_division[3] == "RS"
