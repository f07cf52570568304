"""``dateline ingest`` end to end: sources, bad input, stdin, workers, and SIGKILL + resume."""

from __future__ import annotations

import gzip
import json
import os
import re
import signal
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.errors import InputError
from dateline.sources.jsonl import iter_jsonl, parse_field_options, record_to_raw
from dateline.sources.warc import iter_warc

DATELINE = str(Path(sys.executable).parent / "dateline")

LEADERS = [
    ("Emmanuel Macron", "France", "Paris"),
    ("Olaf Scholz", "Germany", "Berlin"),
    ("Recep Tayyip Erdogan", "Turkey", "Ankara"),
    ("Narendra Modi", "India", "New Delhi"),
    ("Cyril Ramaphosa", "South Africa", "Pretoria"),
    ("Fumio Kishida", "Japan", "Tokyo"),
]
TOPICS = [
    "grain exports",
    "energy security",
    "a ceasefire in Sudan",
    "climate finance",
    "migration",
]
WIRE_STYLES = [
    "{a} met {b} in {city} on {day} to discuss {topic}, officials said.",
    "{city} ({agency}) - {b} held talks with {a} on {day}, with {topic} at the top of the agenda.",
    "{a} hosted {b} in {city} on {day}. The two leaders discussed {topic} over a working lunch.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def news_story(n: int) -> tuple[str, str]:
    """An invented, distinct short news story (headline, body)."""
    a, country_a, city = LEADERS[n % len(LEADERS)]
    b, country_b, _ = LEADERS[(n * 5 + 1) % len(LEADERS)]
    if a == b:
        b, country_b, _ = LEADERS[(n + 2) % len(LEADERS)]
    topic, day = TOPICS[n % len(TOPICS)], DAYS[(n // 3) % len(DAYS)]
    lead = WIRE_STYLES[n % len(WIRE_STYLES)].format(
        a=a, b=b, city=city, day=day, topic=topic, agency=["AFP", "Reuters", "AP"][n % 3]
    )
    body = (
        f"{lead}\n\n"
        f'"We have agreed on the next steps on {topic}," {a.split()[-1]} told reporters. '
        f"{country_b} will send {n + 2} experts to {country_a} within {n % 4 + 2} weeks.\n\n"
        f"{b.split()[-1]} said the visit was the {['first', 'second', 'third'][n % 3]} of its kind "
        f"since {2010 + n % 12} and that talks on story {n} would resume in the autumn."
    )
    return f"{a.split()[-1]} and {b.split()[-1]} discuss {topic}", body


def write_corpus(folder: Path, files: int, jsonl_records: int) -> int:
    """Text files, one JSON Lines dump (with one broken line) and one binary file; returns inputs."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(files):
        headline, body = news_story(n)
        (folder / f"story-{n:03d}.txt").write_text(f"{headline}\n\n{body}\n", encoding="utf-8")
    with (folder / "feed.jsonl").open("w", encoding="utf-8") as handle:
        for n in range(files, files + jsonl_records):
            headline, body = news_story(n)
            record = {"headline": headline, "body": body, "link": f"https://wire.example/{n}",
                      "pubdate": f"2024-05-{n % 28 + 1:02d}T09:00:00+00:00"}  # fmt: skip
            handle.write(json.dumps(record) + "\n")
            if n == files + 2:
                handle.write('{"headline": "truncated record", "body": "The minis\n')
    (folder / "scan.txt").write_bytes(bytes(range(256)) * 8)
    return files + jsonl_records + 2


def counts(db: Path) -> dict[str, object]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = (
            "articles",
            "minhash",
            "minhash_bands",
            "entities",
            "mentions",
            "quotes",
            "events",
            "event_mentions",
            "locations",
            "times",
            "article_copies",
        )
        result: dict[str, object] = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables
        }  # type: ignore[index]
        result["log"] = dict(
            con.execute("SELECT status, count(*) FROM ingest_log GROUP BY status").fetchall()
        )
        result["inputs_logged_twice"] = con.execute(
            "SELECT count(*) FROM (SELECT input FROM ingest_log GROUP BY input HAVING count(*) > 1)"
        ).fetchone()[0]  # type: ignore[index]
        result["event_mentions_counted"] = con.execute(
            # Every telling counts: each article's mentions, again for each exact copy of it.
            "SELECT coalesce(sum(num_mentions), 0) = (SELECT coalesce(sum(times_told), 0) FROM event_mentions)"
            " + (SELECT coalesce(sum(m.times_told), 0) FROM event_mentions m JOIN article_copies c USING (article_id))"
            " FROM events"
        ).fetchone()[0]  # type: ignore[index]
        result["distinct_bodies"] = con.execute(
            "SELECT count(DISTINCT article_id) FROM articles"
        ).fetchone()[0]  # type: ignore[index]
        return result
    finally:
        con.close()


def run_ingest(folder: Path, db: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    args = [DATELINE, "ingest", str(folder), "--db", str(db), "--no-progress", *extra]
    return subprocess.run(args, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_sigkill_midway_then_rerun_loses_and_doubles_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    inputs = write_corpus(folder, files=24, jsonl_records=8)
    # spaCy only: the analysis stages belong to other modules and are tested there; what this
    # test checks is that every batch is all-or-nothing across the tables and the log.
    stages = "nlp"

    # Reference: one uninterrupted run, with two worker processes.
    clean = run_ingest(
        folder, tmp_path / "clean.duckdb", "--stages", stages, "--workers", "2", "--batch-size", "3"
    )
    assert clean.returncode == 1, clean.stderr  # two inputs are bad
    assert "2 failed" in clean.stderr

    # Killed: SIGKILL as soon as a few batches are committed (the write-ahead log grows).
    db = tmp_path / "killed.duckdb"
    wal = Path(f"{db}.wal")
    args = [
        DATELINE,
        "ingest",
        str(folder),
        "--db",
        str(db),
        "--no-progress",
        "--stages",
        stages,
        "--batch-size",
        "1",
    ]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Committed batches land in DuckDB's write-ahead log; every story says "talks on story N".
    committed: set[bytes] = set()
    deadline = time.monotonic() + 240
    while proc.poll() is None and time.monotonic() < deadline:
        if wal.exists():
            committed = set(re.findall(rb"talks on story (\d+)", wal.read_bytes()))
        if len(committed) >= 3:
            os.kill(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.01)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    partial = counts(db)
    assert 0 < partial["articles"] < inputs - 2, (partial, committed)  # type: ignore[operator]

    # Re-run: finishes the job.
    resumed = run_ingest(folder, db, "--stages", stages)
    assert resumed.returncode == 1  # only inputs not logged by the killed run are reported
    final, reference = counts(db), counts(tmp_path / "clean.duckdb")
    assert final == reference
    assert final["articles"] == inputs - 2 == final["distinct_bodies"] == final["minhash"]
    assert final["minhash_bands"] == 32 * final["articles"]  # type: ignore[operator]
    assert final["inputs_logged_twice"] == 0
    assert final["event_mentions_counted"] is True  # num_mentions agree with event_mentions
    log = final["log"]
    assert isinstance(log, dict)
    assert log["failed"] == 2 and log["stored"] + log.get("near_duplicate", 0) == inputs - 2
    assert log["done"] == 1  # the JSON Lines container was read to the end

    # A third run has nothing left to do: 25 files and the finished JSON Lines container.
    again = run_ingest(folder, db, "--stages", stages)
    assert again.returncode == 0
    assert "0 articles stored" in again.stderr and "26 done by an earlier run" in again.stderr
    assert counts(db) == final


def make_warc(path: Path, pages: list[tuple[str, str]], corrupt: int | None = None) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    offsets = []
    for n, (url, html) in enumerate(pages):
        offsets.append(buffer.tell())
        ctype = "text/html; charset=utf-8" if n != 1 else "image/png"
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=BytesIO(html.encode()), http_headers=headers
            )
        )
    data = bytearray(buffer.getvalue())
    if corrupt is not None:
        start = offsets[corrupt] + 60
        data[start : start + 40] = b"\x00" * 40
    path.write_bytes(bytes(data))


def html_page(n: int) -> str:
    headline, body = news_story(n)
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        f"<!DOCTYPE html><html><head><title>{headline} | World News</title></head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{headline}</h1>"
        f"{paragraphs}</article><footer>Copyright 2024 World News</footer></body></html>"
    )


def test_warc_yields_html_responses_and_skips_a_corrupt_record(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    pages = [(f"https://news.example/{n}", html_page(n)) for n in range(5)]
    make_warc(path, pages, corrupt=3)
    items = list(iter_warc(str(path)))
    good = [i for i in items if i.raw is not None]
    bad = [i for i in items if i.error is not None]
    assert [i.raw.meta["url"] for i in good if i.raw] == [
        "https://news.example/0",
        "https://news.example/2",
        "https://news.example/4",
    ]
    assert len(bad) == 1 and "corrupt WARC record" in bad[0].error.problem  # type: ignore[union-attr]
    assert bad[0].key.startswith(f"{path}@")


def test_jsonl_fields_are_configurable_and_bad_lines_named(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl.gz"
    lines = [
        json.dumps(
            {
                "story": {
                    "content": "Parliament passed the budget on Thursday after a long night of votes."
                },
                "pubdate": "2024-02-01",
            }
        ),
        "not json at all",
        json.dumps({"title": "No body here"}),
    ]
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    fields = parse_field_options(["text=story.content", "date=pubdate"])
    items = list(iter_jsonl(str(path), fields))
    assert items[0].raw is not None and items[0].raw.meta == {"published": "2024-02-01"}
    assert items[0].raw.data.startswith(b"Parliament passed")
    assert items[1].key == f"{path}:2" and "invalid JSON" in items[1].error.problem  # type: ignore[union-attr]
    assert "no article text (field story.content)" in items[2].error.problem  # type: ignore[union-attr]
    with pytest.raises(InputError, match="unknown name"):
        parse_field_options(["body=text"])
    with pytest.raises(InputError, match="NAME=FIELD"):
        parse_field_options(["text"])
    raw = record_to_raw(
        "x:1", {"html": "<html><body><p>Hi</p></body></html>", "url": "https://a.example/1"}, {}
    )
    assert raw.content_type == "html" and raw.meta["url"] == "https://a.example/1"


def test_ingest_folder_of_mixed_sources_with_article_stage(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    sub = folder / "2024" / "05"
    sub.mkdir(parents=True)
    headline, body = news_story(1)
    (folder / "a.txt").write_text(f"{headline}\n\n{body}\n")
    (sub / "b.html").write_text(html_page(2))
    (sub / "c.html.gz").write_bytes(gzip.compress(html_page(3).encode()))
    (folder / "empty.txt").write_text("   \n")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 ignored: not a news format")
    make_warc(
        folder / "crawl.warc.gz", [(f"https://w.example/{n}", html_page(n)) for n in (4, 5, 6)]
    )
    (folder / "wire.ndjson").write_text(
        json.dumps(
            {"text": news_story(7)[1], "source": "Wire Service", "url": "https://wire.example/7"}
        )
        + "\n"
    )
    db = tmp_path / "corpus.duckdb"
    result = CliRunner().invoke(
        cli, ["ingest", str(folder), "--db", str(db), "--stages", "article", "--no-progress"]
    )
    assert result.exit_code == 1  # empty.txt
    assert "6 articles stored" in result.output and "1 failed" in result.output
    assert "empty.txt: input is empty" in result.output
    con = duckdb.connect(str(db), read_only=True)
    rows = dict(con.execute("SELECT source_name, count(*) FROM articles GROUP BY ALL").fetchall())
    assert rows["Wire Service"] == 1 and rows["w.example"] == 2  # one WARC record is an image
    formats = {r[0] for r in con.execute("SELECT DISTINCT format FROM articles").fetchall()}
    assert formats == {"text", "html", "json"}  # the .ndjson record is JSON
    con.close()


@pytest.mark.slow
def test_ingest_from_stdin_then_same_article_again_is_not_doubled(tmp_path: Path) -> None:
    db = tmp_path / "stdin.duckdb"
    headline, body = news_story(9)
    text = f"{headline}\n\n{body}\n"
    args = [DATELINE, "ingest", "-", "--db", str(db), "--stages", "article", "--no-progress"]
    first = subprocess.run(args, input=text, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    second = subprocess.run(args, input=text, capture_output=True, text=True, timeout=120)
    assert "0 articles stored" in second.stderr and "1 already stored" in second.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone() == (1,)
    con.close()
    # JSON Lines on stdin: two records.
    lines = "\n".join(json.dumps({"text": news_story(n)[1]}) for n in (10, 11)) + "\n"
    third = subprocess.run(args, input=lines, capture_output=True, text=True, timeout=120)
    assert "2 articles stored" in third.stderr, third.stderr


@pytest.mark.slow
def test_exact_copies_from_other_publishers_are_counted_once_across_reruns(tmp_path: Path) -> None:
    headline, body = news_story(12)
    feed = tmp_path / "wires.jsonl"
    records = [
        {"title": headline, "text": body, "url": "https://wire.example/12", "publisher": "Wire"},
        # The same story reprinted word for word by two other outlets, and one repeat of it.
        {"title": headline, "text": body, "url": "https://daily.example/a", "publisher": "Daily"},
        {"title": headline, "text": body, "url": "https://herald.example/b", "publisher": "Herald"},
        {"title": headline, "text": body, "url": "https://daily.example/a", "publisher": "Daily"},
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "copies.duckdb"
    first = run_ingest(feed, db, "--stages", "article", "--batch-size", "2")
    assert first.returncode == 0, first.stderr
    assert "1 articles stored" in first.stderr and "2 exact copies" in first.stderr
    assert "1 already stored" in first.stderr
    before = counts(db)
    assert before["articles"] == 1 and before["article_copies"] == 2
    assert before["log"] == {"stored": 1, "copy": 2, "duplicate": 1, "done": 1}
    con = duckdb.connect(str(db), read_only=True)
    outlets = {r[0] for r in con.execute("SELECT source_name FROM article_copies").fetchall()}
    assert outlets == {"Daily", "Herald"}
    con.close()
    stats = CliRunner().invoke(cli, ["stats", "--db", str(db), "--format", "json"])
    assert json.loads(stats.output)["counts"]["sources"] == 3
    # A re-run, and a re-run after the log of the file was lost, double nothing.
    again = run_ingest(feed, db, "--stages", "article")
    assert again.returncode == 0 and counts(db) == before
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM ingest_log WHERE status IN ('copy', 'duplicate', 'done')")
    con.close()
    third = run_ingest(feed, db, "--stages", "article")
    assert third.returncode == 0, third.stderr
    after = counts(db)
    assert after["article_copies"] == 2 and after["articles"] == 1
    assert after["log"] == {"stored": 1, "duplicate": 3, "done": 1}


@pytest.mark.slow
def test_query_while_ingesting_says_busy_or_works(tmp_path: Path) -> None:
    db = tmp_path / "busy.duckdb"
    from dateline.store.db import open_store

    writer = open_store(str(db))  # stands in for a running ingest
    try:
        out = subprocess.run(
            [DATELINE, "stats", "--db", str(db)], capture_output=True, text=True, timeout=120
        )
        assert out.returncode == 1 and "busy" in out.stderr and "Traceback" not in out.stderr
    finally:
        writer.close()
    out = subprocess.run(
        [DATELINE, "stats", "--db", str(db)], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0 and "0 articles" in out.stdout


def test_retry_failed_reads_again_only_what_failed(tmp_path: Path) -> None:
    dump = tmp_path / "wire.jsonl"
    good = [json.dumps({"text": news_story(n)[1], "publisher": "Wire"}) for n in (20, 21, 22)]
    dump.write_text("\n".join([good[0], '{"text": "cut off', good[2]]) + "\n")
    db = str(tmp_path / "retry.duckdb")
    args = ["ingest", str(dump), "--db", db, "--stages", "article", "--no-progress"]
    first = CliRunner().invoke(cli, args)
    assert (
        first.exit_code == 1 and "2 articles stored" in first.output and "1 failed" in first.output
    )
    again = CliRunner().invoke(cli, args).output
    assert "0 articles stored" in again  # failures are not retried, but the run says so
    assert "1 done by an earlier run (1 of them failed then; --retry-failed" in again
    dump.write_text("\n".join(good) + "\n")  # the feed is repaired in place
    retried = CliRunner().invoke(cli, [*args, "--retry-failed"])
    assert retried.exit_code == 0, retried.output
    assert "1 articles stored" in retried.output and "2 done by an earlier run" in retried.output
    con = duckdb.connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone() == (3,)
    con.close()


def test_jsonl_line_nested_too_deeply_fails_alone(tmp_path: Path) -> None:
    # json.loads raises RecursionError past ~1,000 levels; it used to end the whole file's
    # reading instead of failing that one line.
    path = tmp_path / "deep.jsonl"
    good = json.dumps({"text": "Negotiators met in Geneva on Monday, officials said."})
    path.write_text('{"text": ' + "[" * 5000 + "]" * 5000 + "}\n" + good + "\n")
    items = list(iter_jsonl(str(path), {}))
    assert items[0].error is not None and "nested too deeply" in items[0].error.problem
    assert items[1].raw is not None and b"Geneva" in items[1].raw.data


def test_inputs_that_cannot_be_read_fail_without_waiting_for_a_worker() -> None:
    """An empty or binary input fails in the parent: the worker pool is never handed it, and a
    run of nothing else stops the pool without waiting for the model to load."""
    from dateline.sources.stream import InputItem
    from dateline.store.ingest import Analyser, Batch

    analyser = Analyser(1, ["article"], None)
    try:
        unread = [
            InputItem(key="notes.txt", container="notes.txt", error="input is empty"),
            InputItem(key="photo.txt", container="photo.txt", error="binary data, not text"),
        ]
        [(_, results)] = list(analyser.run(iter([Batch(unread, [], 0)])))
        assert [(r.key, r.error) for r in results] == [
            ("notes.txt", "input is empty"),
            ("photo.txt", "binary data, not text"),
        ]
        assert not analyser.used
    finally:
        started = time.monotonic()
        analyser.close()
        assert time.monotonic() - started < 10 and analyser.pool is None
