"""The Parquet corpus (`--db FOLDER`) and `dateline spark`: the same corpus as `dateline ingest`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.spark.parquet import write_parquet_corpus
from dateline.store.db import open_store
from test_ingest import DATELINE, html_page, make_warc, news_story, write_corpus

# Columns that say when or in which run a row was written, not what was found.
RUN_COLUMNS = {"ingested_at", "date_added", "logged_at", "run_id"}


def table_rows(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    columns = [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]
    kept = ", ".join(c for c in columns if c not in RUN_COLUMNS)
    return sorted(repr(row) for row in con.execute(f"SELECT {kept} FROM {table}").fetchall())


def assert_same_corpus(db: Path, folder: Path) -> None:
    """Every table of the database is in the folder with the same columns, types and rows."""
    reference = duckdb.connect(str(db), read_only=True)
    parquet = open_store(str(folder), read_only=True)
    try:
        tables = [
            row[0]
            for row in reference.execute(
                "SELECT table_name FROM duckdb_tables() WHERE NOT temporary"
            ).fetchall()
        ]
        assert "events" in tables and "event_mentions" in tables
        for table in tables:
            # Names and types; a view over Parquet carries no NOT NULL or key constraints.
            assert [r[:2] for r in reference.execute(f"DESCRIBE {table}").fetchall()] == [
                r[:2] for r in parquet.execute(f"DESCRIBE {table}").fetchall()
            ], table
            assert table_rows(reference, table) == table_rows(parquet, table), table
    finally:
        reference.close()
        parquet.close()


def ingest_into_duckdb(inputs: Path, db: Path, *extra: str) -> None:
    result = CliRunner().invoke(
        cli, ["ingest", str(inputs), "--db", str(db), "--no-progress", *extra]
    )
    assert result.exit_code in (0, 1), result.output


def test_parquet_corpus_answers_stats_query_and_export_like_the_database(tmp_path: Path) -> None:
    write_corpus(tmp_path / "news", files=6, jsonl_records=4)
    db = tmp_path / "news.duckdb"
    ingest_into_duckdb(tmp_path / "news", db, "--stages", "article")
    folder = tmp_path / "corpus"
    con = duckdb.connect(str(db))
    try:
        counts = write_parquet_corpus(con, folder)
    finally:
        con.close()
    assert counts["articles"] == 10
    assert (folder / "articles").is_dir() and list((folder / "articles").glob("*.parquet"))
    assert_same_corpus(db, folder)

    runner = CliRunner()
    for command in (
        ["stats", "--format", "json"],
        [
            "query",
            "sql",
            "SELECT headline, publisher FROM articles ORDER BY headline",
            "--format",
            "csv",
        ],
        ["export", "events", "--format", "gdelt"],
        ["export", "quotes", "--format", "jsonl"],
    ):
        from_db = runner.invoke(cli, [*command, "--db", str(db)])
        from_folder = runner.invoke(cli, [*command, "--db", str(folder)])
        assert from_db.exit_code == 0, from_db.output
        assert from_folder.exit_code == 0, from_folder.output
        assert from_folder.output == from_db.output, command
    titles = runner.invoke(
        cli, ["query", "sql", "SELECT count(*) FROM articles", "--db", str(folder)]
    )
    assert "10" in titles.output


def test_serve_browses_a_parquet_corpus(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from dateline.serve import synthetic
    from dateline.serve.app import create_app

    db = tmp_path / "synthetic.duckdb"
    synthetic.build(db, 12)
    con = duckdb.connect(str(db))
    write_parquet_corpus(con, tmp_path / "corpus")
    con.close()
    from_db = TestClient(create_app(db))
    from_folder = TestClient(create_app(tmp_path / "corpus"))
    for route in ("/api/articles", "/api/events", "/api/quotes"):
        answer = from_folder.get(route)
        assert answer.status_code == 200, route
        assert answer.json() == from_db.get(route).json(), route


def test_parquet_corpus_is_read_only_and_reads_nothing_else(tmp_path: Path) -> None:
    write_corpus(tmp_path / "news", files=3, jsonl_records=0)
    db = tmp_path / "news.duckdb"
    ingest_into_duckdb(tmp_path / "news", db, "--stages", "article")
    folder = tmp_path / "corpus"
    con = duckdb.connect(str(db))
    write_parquet_corpus(con, folder)
    con.close()
    secret = tmp_path / "secret.csv"
    secret.write_text("password\nhunter2\n", encoding="utf-8")

    reader = open_store(str(folder), read_only=True)
    with pytest.raises(duckdb.Error):
        reader.execute(f"SELECT * FROM read_csv('{secret}')").fetchall()
    with pytest.raises(duckdb.Error):
        reader.execute("SET enable_external_access = true")
    reader.close()

    runner = CliRunner()
    writing = runner.invoke(cli, ["ingest", str(tmp_path / "news"), "--db", str(folder)])
    assert writing.exit_code != 0
    assert "read-only" in str(writing.exception)
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = runner.invoke(cli, ["stats", "--db", str(empty)])
    assert missing.exit_code != 0
    assert "not a Dateline corpus" in str(missing.exception)


def test_rewriting_the_parquet_corpus_replaces_tables_without_doubling(tmp_path: Path) -> None:
    write_corpus(tmp_path / "news", files=4, jsonl_records=0)
    db = tmp_path / "news.duckdb"
    ingest_into_duckdb(tmp_path / "news", db, "--stages", "article")
    folder = tmp_path / "corpus"
    con = duckdb.connect(str(db))
    write_parquet_corpus(con, folder)
    first = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*.parquet")}
    write_parquet_corpus(con, folder)
    con.close()
    second = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*.parquet")}
    assert first == second
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_submit_args_name_the_wheel_and_the_driver_or_say_what_is_missing(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(cli, ["spark", "submit-args", "--wheel", str(tmp_path / "none.whl")])
    assert missing.exit_code != 0
    assert "no dateline wheel" in str(missing.exception)
    wheel = tmp_path / "dateline-0.1.0-py3-none-any.whl"
    wheel.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    result = subprocess.run(
        [DATELINE, "spark", "submit-args", "--wheel", str(wheel)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    args = result.stdout.split()
    assert args[-1].endswith("dateline/spark/driver.py") and Path(args[-1]).is_file()
    assert f"pip install {wheel}" in result.stderr
    assert f"spark.pyspark.python=python{sys.version_info[0]}.{sys.version_info[1]}" in args


def test_spark_ingest_without_pyspark_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_corpus(tmp_path / "news", files=1, jsonl_records=0)
    monkeypatch.setitem(sys.modules, "pyspark", None)  # as if the extra were not installed
    result = CliRunner().invoke(
        cli, ["spark", "ingest", str(tmp_path / "news"), "--out", str(tmp_path / "corpus")]
    )
    assert result.exit_code != 0
    assert "pip install 'dateline[spark]'" in str(result.exception)


def _spark_available() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install 'dateline[spark]')"
    if shutil.which("java") is None:
        return "no java on PATH (apt-get install openjdk-17-jre-headless)"
    return None


@pytest.mark.slow
def test_spark_ingest_gives_the_corpus_of_dateline_ingest(tmp_path: Path) -> None:
    missing = _spark_available()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)
    inputs = tmp_path / "news"
    write_corpus(inputs, files=14, jsonl_records=10)
    # A wire story reprinted word for word by another outlet (an exact copy from elsewhere),
    # and a WARC crawl of three pages.
    headline, body = news_story(3)
    reprint = {"title": headline, "text": body, "url": "https://other.example/a",
               "publisher": "Other Daily"}  # fmt: skip
    (inputs / "reprint.json").write_text(json.dumps(reprint), encoding="utf-8")
    make_warc(
        inputs / "crawl.warc.gz",
        [(f"https://crawl.example/{n}", html_page(40 + n)) for n in range(3)],
    )
    db = tmp_path / "embedded.duckdb"
    ingest_into_duckdb(inputs, db)
    out = tmp_path / "corpus"
    # Runs of 3 records: the JSON Lines and WARC files spread over several tasks.
    command = [DATELINE, "spark", "ingest", str(inputs), "--out", str(out), "--master", "local[2]",
               "--records-per-task", "3"]  # fmt: skip
    run = subprocess.run(command, capture_output=True, text=True, timeout=1200)
    assert run.returncode == 1, run.stderr  # the broken JSON line and the binary file
    assert "failed: " in run.stderr and "Traceback" not in run.stderr
    assert_same_corpus(db, out)

    again = subprocess.run(command, capture_output=True, text=True, timeout=1200)
    assert "0 articles stored" in again.stderr, again.stderr
    assert_same_corpus(db, out)
