"""The Parquet corpus (`--db FOLDER`) and `dateline spark`: the same corpus as `dateline ingest`."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner, Result

from conftest import SHARED
from dateline.cli import cli
from dateline.spark.parquet import write_parquet_corpus
from dateline.store.db import open_store, parquet_table_files
from dateline.store.tables import table_columns
from test_ingest import DATELINE, html_page, make_warc, news_story, write_corpus

# Columns that say when or in which run a row was written, not what was found.
RUN_COLUMNS = {"ingested_at", "date_added", "logged_at", "run_id"}


def table_rows(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    columns = [row[0] for row in con.execute(f"DESCRIBE {table}").fetchall()]
    kept = ", ".join(c for c in columns if c not in RUN_COLUMNS)
    return sorted(repr(row) for row in con.execute(f"SELECT {kept} FROM {table}").fetchall())


def assert_same_corpus(db: Path, folder: Path, tables: list[str] | None = None) -> None:
    """Every table of the database (or those named) is in the folder with the same columns,
    types and rows."""
    reference = duckdb.connect(str(db), read_only=True)
    parquet = open_store(str(folder), read_only=True)
    try:
        if tables is None:
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


def assert_parquet_files_have_the_database_schema(db: Path, folder: Path) -> None:
    """The Parquet files themselves (not the views over them) hold every specified table
    with the DuckDB table's column names and types (UBIGINT as DECIMAL(20,0), the one type
    Spark cannot write)."""
    reference = duckdb.connect(str(db), read_only=True)
    reader = duckdb.connect(":memory:")
    files = parquet_table_files(folder)
    try:
        for table in table_columns():
            written = reader.execute(
                f"DESCRIBE SELECT * FROM read_parquet({files[table]!r})"
            ).fetchall()
            expected = reference.execute(f"DESCRIBE {table}").fetchall()
            assert [(r[0], r[1]) for r in written] == [
                (r[0], "DECIMAL(20,0)" if r[1] == "UBIGINT" else r[1]) for r in expected
            ], table
    finally:
        reference.close()
        reader.close()


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


def _require_spark() -> None:
    missing = _spark_available()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(missing)
        pytest.skip(missing)


def spark_ingest(*args: str) -> Result:
    """``dateline spark ingest ARGS`` in this process: the Spark runs of this module share
    one JVM (each run starts and stops its own Spark session in it, as the command does),
    instead of starting a JVM per run."""
    result = CliRunner().invoke(cli, ["spark", "ingest", *args])
    # A crash would come back as the exception (with exit code 1, as a failed input gives).
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.stderr
    return result


def _without_scheme(con: duckdb.DuckDBPyConnection, table: str, prefix: str) -> list[str]:
    """The table's rows with input names read through Hadoop (``file:/x``) named as local
    paths (``/x``): in columns, and inside the stored Analysis documents (JSON strings)."""
    rows = table_rows(con, table)
    return sorted(row.replace(f"'{prefix}", "'").replace(f'"{prefix}', '"') for row in rows)


@pytest.mark.slow
def test_spark_ingest_reads_and_writes_hadoop_paths_and_a_rerun_doubles_nothing(
    tmp_path: Path,
) -> None:
    _require_spark()
    inputs = tmp_path / "news"
    write_corpus(inputs, files=3, jsonl_records=3)
    headline, body = news_story(1)
    (inputs / "copy.json").write_text(
        json.dumps({"title": headline, "text": body, "publisher": "Elsewhere"}), encoding="utf-8"
    )
    db = tmp_path / "embedded.duckdb"
    ingest_into_duckdb(inputs, db, "--stages", "article")
    out = tmp_path / "corpus"
    # Inputs as a glob and --out as file:// URIs: listed, read (binaryFiles) and written
    # through Hadoop's file system API, as s3a:// or hdfs:// would be. Components by label
    # propagation on the executors (the path of graphs too big for the driver).
    args = [f"file://{inputs}/*", "--out", f"file://{out}", "--master", "local[2]",
            "--stages", "article", "--driver-graph-edges", "0"]  # fmt: skip
    first = spark_ingest(*args)
    assert first.exit_code == 1, first.stderr  # the broken JSON line and the binary file
    assert "6 articles stored" in first.stderr and "1 exact copies" in first.stderr
    reference = duckdb.connect(str(db), read_only=True)
    parquet = open_store(str(out), read_only=True)
    try:
        for table in ("articles", "article_copies", "ingest_log", "minhash", "minhash_bands"):
            assert _without_scheme(parquet, table, "file:") == table_rows(reference, table), table
    finally:
        reference.close()
        parquet.close()
    analysed = sorted(p.name for p in (out / "_analysed").iterdir())
    again = spark_ingest(*args)
    assert again.exit_code == 0, again.stderr
    # 3 stories, the feed, the copy and the binary file (failed: not tried again).
    assert "0 articles stored" in again.stderr and "6 done by an earlier run" in again.stderr
    assert sorted(p.name for p in (out / "_analysed").iterdir()) == analysed
    parquet = open_store(str(out), read_only=True)
    try:
        counted = parquet.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(DISTINCT article_id) FROM articles),"
            " (SELECT count(*) FROM ingest_log WHERE status IN ('stored', 'near_duplicate'))"
        ).fetchone()
    finally:
        parquet.close()
    assert counted is not None and counted[0] == counted[1] == counted[2] == 6
    assert not (out / "_building").exists() or not list((out / "_building").iterdir())


def test_big_json_lines_files_are_cut_into_items_of_equal_bytes_on_balanced_partitions(
    tmp_path: Path,
) -> None:
    """A feed of short and long records is cut into runs of about an equal share of its bytes
    (never more records than --records-per-task), covering every record once in order; the
    runs go to partitions of about equal bytes, the heaviest first."""
    from dateline.sources.stream import Resume
    from dateline.spark.job import _balanced, _work_items

    feed = tmp_path / "feed.jsonl"
    rng = random.Random(3)
    lengths = [rng.choice([200, 400, 6000, 12000]) for _ in range(120)]
    with feed.open("w", encoding="utf-8") as out:
        for n, length in enumerate(lengths):
            words = " ".join(f"word{n}x{i}" for i in range(length // 10))
            out.write(json.dumps({"title": f"Story {n}", "text": words}) + "\n")
    page = tmp_path / "page.txt"
    page.write_text("A council met on Monday to discuss the budget.", encoding="utf-8")
    files = [(str(feed), False), (str(page), False)]
    items, skipped = _work_items(files, Resume(set(), lambda _c: set()), {}, 16, cores=2)
    assert skipped == 0
    runs = [item for item in items if item.path == str(feed)]
    # Consecutive runs covering records 0..119 once; the last run reads to the end.
    assert runs[0].first == 0 and runs[-1].last is None
    assert all(a.last == b.first for a, b in zip(runs, runs[1:], strict=False))
    assert all((item.last or 120) - item.first <= 16 for item in runs)
    assert [item.index for item in items] == list(range(len(items)))
    total = sum(item.nbytes for item in runs)
    assert total == feed.stat().st_size
    # About 8 runs per core over the feed, none far above its share but a single record.
    assert len(runs) >= 12
    share = total / 16
    assert all(item.nbytes < share + 13000 for item in runs)
    groups = _balanced(items, 4)
    assert sorted(i.index for g in groups for i in g) == [i.index for i in items]
    loads = [sum(i.nbytes for i in g) for g in groups]
    assert loads == sorted(loads, reverse=True)
    assert max(loads) - min(loads) <= max(i.nbytes for i in items)


def test_the_timings_report_names_every_phase_and_how_the_analysis_split() -> None:
    from dateline.spark.timings import PhaseReport, TaskFacts

    report = PhaseReport()
    with report.phase("start Spark"):
        pass
    with report.phase("analyse"):
        pass
    report.cores = 2
    report.phases[-1].seconds = 10.0
    report.tasks = [TaskFacts(0, 101, 20, 2 << 20, 8.0, 3.0, 1),
                    TaskFacts(1, 102, 24, 3 << 20, 9.0, 3.5, 1),
                    TaskFacts(2, 101, 4, 1 << 19, 1.0, 0.0, 0)]  # fmt: skip
    lines = report.lines(20.0)
    assert lines[1].split()[:3] == ["start", "Spark", "0.0"]
    assert any(line.split()[:2] == ["total", "20.0"] for line in lines)
    split = "\n".join(lines)
    assert "3 tasks on 2 Python workers" in split and "per task 4-24 records" in split
    assert "worker 101: 2 tasks, 24 records, busy 9.0 s (1 pipeline loads, 3.0 s)" in split
    assert "cores busy 90% of the analysis phase" in split


def test_every_module_imports_without_pyspark() -> None:
    """`pip install dateline` (no extras) has no PySpark: nothing may import it at module
    level, the spark package included (it imports PySpark only inside its functions)."""
    code = (
        "import importlib, pkgutil, sys\n"
        "sys.modules['pyspark'] = None\n"
        "import dateline\n"
        "for info in pkgutil.walk_packages(dateline.__path__, 'dateline.'):\n"
        "    if info.name.endswith('.__main__'):\n"
        "        continue\n"
        "    importlib.import_module(info.name)\n"
        "assert sys.modules['pyspark'] is None\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def _shared_inputs(folder: Path) -> bool:
    """About two hundred inputs from the shared benchmark pages, of every kind ingest reads:
    gzipped HTML pages, plain-text articles, a WARC crawl and a JSON Lines feed of some of
    them (exact copies from other publishers), and a few files given twice (plain copies).
    False (and nothing written) when the shared pages are not there."""
    import gzip

    bench = SHARED / "bench"
    pages = sorted((bench / "extraction" / "scrapinghub" / "html").glob("*.html.gz"))[:70]
    political = sorted((bench / "quotes" / "polnear" / "dev" / "text").glob("*.txt"))[:60]
    local = sorted((bench / "geo" / "GeoWebNews").glob("*.txt"))[:50]
    if len(pages) < 70 or len(political) < 60 or len(local) < 50:
        return False
    folder.mkdir(parents=True)
    for group, files in (("html", pages[:60]), ("polnear", political), ("geo", local)):
        (folder / group).mkdir()
        for source in files:
            shutil.copyfile(source, folder / group / source.name)
    # The same bodies again: two of them under another name (nothing new), and a JSON Lines
    # feed in which ten reappear from another publisher (exact copies from elsewhere).
    for source in political[:2]:
        shutil.copyfile(source, folder / f"again-{source.name}")
    with (folder / "wire.jsonl").open("w", encoding="utf-8") as feed:
        for n, source in enumerate(local[:10] + political[-10:]):
            text = source.read_text(encoding="utf-8", errors="replace")
            record = {"text": text, "publisher": f"Wire {n % 3}",
                      "url": f"https://wire.example/{n}"}  # fmt: skip
            feed.write(json.dumps(record) + "\n")
    make_warc(
        folder / "crawl.warc.gz",
        [(f"https://crawl.example/{p.name}", gzip.decompress(p.read_bytes()).decode("utf-8",
          errors="replace")) for p in pages[60:]],
    )  # fmt: skip
    return True


def _invented_inputs(folder: Path) -> None:
    """Invented inputs of every kind: text files, a JSON Lines feed with a broken line, a
    binary file, a wire story reprinted word for word by another outlet (an exact copy from
    elsewhere) and a WARC crawl of three pages."""
    write_corpus(folder, files=14, jsonl_records=10)
    headline, body = news_story(3)
    reprint = {"title": headline, "text": body, "url": "https://other.example/a",
               "publisher": "Other Daily"}  # fmt: skip
    (folder / "reprint.json").write_text(json.dumps(reprint), encoding="utf-8")
    make_warc(
        folder / "crawl.warc.gz",
        [(f"https://crawl.example/{n}", html_page(40 + n)) for n in range(3)],
    )


@dataclass(frozen=True)
class SparkRun:
    inputs: Path
    shared: bool  # whether the shared benchmark pages are among the inputs
    db: Path  # `dateline ingest` of the inputs
    out: Path  # `dateline spark ingest` of the inputs
    args: list[str]
    first: Result


@pytest.fixture(scope="module")
def spark_run(tmp_path_factory: pytest.TempPathFactory) -> SparkRun:
    """The inputs through `dateline ingest --workers 2` and `dateline spark ingest` in
    local[2], once for the tests below (each run costs minutes)."""
    _require_spark()
    root = tmp_path_factory.mktemp("spark")
    inputs = root / "inputs"
    shared = _shared_inputs(inputs / "shared")
    _invented_inputs(inputs / "invented")
    db = root / "embedded.duckdb"
    # No article budget: on a loaded machine a long page can take over the default 60 s, and
    # the embedded path would log it failed where Spark (which has no budget) stores it.
    ingest_into_duckdb(inputs, db, "--workers", "2", "--time-limit", "3600")
    out = root / "corpus"
    # Runs of 3 records: the JSON Lines and WARC files spread over several tasks.
    args = [str(inputs), "--out", str(out), "--master", "local[2]", "--records-per-task", "3"]
    return SparkRun(inputs, shared, db, out, args, spark_ingest(*args))


@pytest.mark.slow
def test_spark_ingest_gives_the_corpus_of_dateline_ingest(spark_run: SparkRun) -> None:
    run = spark_run.first
    assert run.exit_code == 1, run.stderr  # the broken JSON line and the binary file
    assert "failed: " in run.stderr
    reference = duckdb.connect(str(spark_run.db), read_only=True)
    try:
        failed = reference.execute(
            "SELECT input FROM ingest_log WHERE status = 'failed'"
        ).fetchall()
    finally:
        reference.close()
    assert len(failed) == 2, failed  # the same two, and nothing else, on the embedded path
    assert_same_corpus(spark_run.db, spark_run.out, list(table_columns()))
    assert_parquet_files_have_the_database_schema(spark_run.db, spark_run.out)
    reference = duckdb.connect(str(spark_run.db), read_only=True)
    try:
        counts = reference.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM event_mentions),"
            " (SELECT count(*) FROM article_copies), (SELECT count(*) FROM quotes)"
        ).fetchone()
    finally:
        reference.close()
    # What the comparison covered: a corpus with events, quotes and syndicated copies
    # (~200 shared pages and 27 invented inputs).
    assert counts is not None and counts[1] > 0 and counts[2] >= 1
    if spark_run.shared:
        assert counts[0] >= 200 and counts[1] > 100 and counts[2] >= 11 and counts[3] > 50


@pytest.mark.slow
def test_a_spark_rerun_over_the_same_inputs_analyses_and_doubles_nothing(
    spark_run: SparkRun,
) -> None:
    analysed = sorted(p.name for p in (spark_run.out / "_analysed").iterdir())
    again = spark_ingest(*spark_run.args)
    assert "0 articles stored" in again.stderr, again.stderr
    assert sorted(p.name for p in (spark_run.out / "_analysed").iterdir()) == analysed
    assert_same_corpus(spark_run.db, spark_run.out, list(table_columns()))


@pytest.mark.slow
def test_components_on_the_driver_and_by_propagation_agree() -> None:
    """The two ways `spark ingest` finds connected components of a candidate graph (union-find
    on the driver for a small graph, label propagation on the executors for a big one) give
    every node the smallest node of its component, on a graph of chains, stars and cycles."""
    _require_spark()
    from pyspark.sql import SparkSession

    from dateline.spark.corpus import connected_components

    rng = random.Random(17)
    edges: list[tuple[int, int]] = []
    expected: dict[int, int] = {}
    node = 1000
    for shape in range(60):
        size = rng.randint(2, 6)
        members = rng.sample(range(node, node + 40), size)  # not in label order
        node += 40
        if shape % 3 == 0:  # a chain
            edges += [(members[i], members[i + 1]) for i in range(size - 1)]
        elif shape % 3 == 1:  # a star around its largest node
            hub = max(members)
            edges += [(hub, m) for m in members if m != hub]
        else:  # a cycle
            edges += [(members[i], members[(i + 1) % size]) for i in range(size)]
        expected.update({m: min(members) for m in members})
    edges += [(b, a) for a, b in edges[::7]]  # some edges twice, reversed
    session = SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false")
    spark = session.config("spark.sql.shuffle.partitions", "2").getOrCreate()
    try:
        frame = spark.createDataFrame(edges, "a long, b long")
        on_driver = connected_components(spark, frame)
        propagated = connected_components(spark, frame, local_limit=0)
        at_the_limit = connected_components(spark, frame, local_limit=len(edges))
        for labels in (on_driver, propagated, at_the_limit):
            assert dict(labels.collect()) == expected
    finally:
        spark.stop()
