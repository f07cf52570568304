"""Record-level integrity of WARC crawls: a damaged record is one failure, never stored, and the
records after it are kept."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import duckdb
import pytest

from dateline.sources.warc import iter_warc

DATELINE = str(Path(sys.executable).parent / "dateline")

CITIES = ["Lisbon", "Nairobi", "Osaka", "Quito", "Tallinn", "Accra"]


def page(n: int) -> bytes:
    """An invented news page, distinct per n."""
    city = CITIES[n % len(CITIES)]
    paragraphs = "".join(
        f"<p>The city council of {city} voted {n + k} to {k} on Tuesday to approve a plan for "
        f"{40 + n * 7 + k} new bus lines, the mayor's office said in a statement.</p>"
        for k in range(12)
    )
    return (
        f"<html><head><title>{city} approves bus plan {n}</title></head><body><article>"
        f"<h1>{city} council approves transport plan number {n}</h1>{paragraphs}"
        "</article></body></html>"
    ).encode()


def write_warc(count: int, gzipped: bool) -> tuple[bytearray, list[int]]:
    """A crawl of ``count`` HTML responses; returns its bytes and each record's offset (+ end)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    offsets = []
    for n in range(count):
        offsets.append(buffer.tell())
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            f"https://news.example/{n}", "response", payload=BytesIO(page(n)), http_headers=headers
        )
        writer.write_record(record)
    offsets.append(buffer.tell())
    return bytearray(buffer.getvalue()), offsets


def damage_bytes(data: bytearray, start: int, end: int, seed: int) -> None:
    """Overwrite random bytes inside [start, end) (past the first bytes of the record)."""
    rng = random.Random(seed)
    for _ in range(rng.randint(1, 25)):
        data[rng.randrange(start + 40, end - 8)] = rng.randrange(256)


def inflate_length(data: bytearray, start: int, end: int, extra: int) -> bytes:
    record = bytes(data[start:end])
    match = re.search(rb"Content-Length: (\d+)", record)
    assert match
    swollen = f"Content-Length: {int(match.group(1)) + extra}".encode()
    return bytes(data[:start]) + record.replace(match.group(0), swollen, 1) + bytes(data[end:])


def urls(items) -> list[str]:  # type: ignore[no-untyped-def]
    return [i.raw.meta["url"] for i in items if i.raw is not None]


@pytest.mark.parametrize("seed", range(12))
def test_damaged_gzip_member_is_one_failure_and_later_records_are_kept(
    tmp_path: Path, seed: int
) -> None:
    data, offsets = write_warc(4, gzipped=True)
    damage_bytes(data, offsets[1], offsets[2], seed)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(bytes(data))
    items = list(iter_warc(str(path)))
    assert urls(items) == [
        "https://news.example/0",
        "https://news.example/2",
        "https://news.example/3",
    ]
    failed = [i for i in items if i.error is not None]
    assert [i.key for i in failed] == [f"{path}@{offsets[1]}"]
    assert "corrupt WARC record" in failed[0].error.problem  # type: ignore[union-attr]
    # Every page that is kept is exactly the page that was written: nothing decompressed wrongly.
    assert [i.raw.data for i in items if i.raw is not None] == [page(0), page(2), page(3)]


def test_truncated_gzip_crawl_keeps_every_whole_record(tmp_path: Path) -> None:
    data, offsets = write_warc(3, gzipped=True)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(bytes(data[: offsets[2] + 300]))
    items = list(iter_warc(str(path)))
    assert urls(items) == ["https://news.example/0", "https://news.example/1"]
    assert [i.key for i in items if i.error] == [f"{path}@{offsets[2]}"]


@pytest.mark.parametrize("extra", [7, 900, 50_000])
def test_inflated_content_length_fails_one_record_only(tmp_path: Path, extra: int) -> None:
    data, offsets = write_warc(4, gzipped=False)
    path = tmp_path / "crawl.warc"
    path.write_bytes(inflate_length(data, offsets[1], offsets[2], extra))
    items = list(iter_warc(str(path)))
    assert urls(items) == [
        "https://news.example/0",
        "https://news.example/2",
        "https://news.example/3",
    ]
    failed = [i for i in items if i.error is not None]
    assert [i.key for i in failed] == [f"{path}@{offsets[1]}"]
    assert "Content-Length" in failed[0].error.problem  # type: ignore[union-attr]


def test_damaged_body_of_an_uncompressed_record_fails_its_block_digest(tmp_path: Path) -> None:
    data, offsets = write_warc(3, gzipped=False)
    body = data.index(b"<h1>", offsets[1])
    data[body + 10 : body + 14] = b"\x1b[2J"  # same length: only the digest can tell
    path = tmp_path / "crawl.warc"
    path.write_bytes(bytes(data))
    items = list(iter_warc(str(path)))
    assert urls(items) == ["https://news.example/0", "https://news.example/2"]
    assert "WARC-Block-Digest" in next(i for i in items if i.error).error.problem  # type: ignore[union-attr]


def test_garbage_between_records_is_one_failure(tmp_path: Path) -> None:
    data, offsets = write_warc(2, gzipped=True)
    spliced = bytes(data[: offsets[1]]) + b"not a record at all\n" * 50 + bytes(data[offsets[1] :])
    path = tmp_path / "spliced.warc.gz"
    path.write_bytes(spliced)
    items = list(iter_warc(str(path)))
    assert urls(items) == ["https://news.example/0", "https://news.example/1"]
    assert len([i for i in items if i.error]) == 1


def test_ingest_logs_the_damaged_record_keeps_the_rest_and_exits_1(tmp_path: Path) -> None:
    gz, gz_offsets = write_warc(4, gzipped=True)
    damage_bytes(gz, gz_offsets[1], gz_offsets[2], seed=3)
    (tmp_path / "a.warc.gz").write_bytes(bytes(gz))
    plain, plain_offsets = write_warc(6, gzipped=False)
    inflated = inflate_length(plain, plain_offsets[4], plain_offsets[5], 3000)
    # The second file repeats pages 0-3 (page 1 intact this time), then 4 (damaged) and 5.
    (tmp_path / "b.warc").write_bytes(inflated)
    db = tmp_path / "c.duckdb"
    run = subprocess.run(
        [DATELINE, "ingest", str(tmp_path / "a.warc.gz"), str(tmp_path / "b.warc"),
         "--db", str(db), "--stages", "article", "--no-progress"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 1, run.stderr
    assert "2 failed" in run.stderr
    assert "Traceback" not in run.stderr
    con = duckdb.connect(str(db), read_only=True)
    log = dict(con.execute("SELECT input, status FROM ingest_log").fetchall())
    assert log[f"{tmp_path / 'a.warc.gz'}@{gz_offsets[1]}"] == "failed"
    assert log[f"{tmp_path / 'b.warc'}@{plain_offsets[4]}"] == "failed"
    assert log[str(tmp_path / "a.warc.gz")] == "done" and log[str(tmp_path / "b.warc")] == "done"
    stored = {row[0] for row in con.execute("SELECT url FROM articles").fetchall()}
    assert stored == {f"https://news.example/{n}" for n in (0, 1, 2, 3, 5)}
    # No article is decompression garbage: each stored text is a page that was written.
    for (headline,) in con.execute("SELECT headline FROM articles").fetchall():
        assert re.fullmatch(r"\w+ (council )?approves (transport|bus) plan( number)? \d", headline)
