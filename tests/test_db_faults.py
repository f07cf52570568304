"""Database faults: a damaged file is named as such (stats says what is wrong), a full disk stops
an ingest cleanly with everything committed before readable, and a busy database names its
holder without assuming an ingest."""

from __future__ import annotations

import contextlib
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from dateline.errors import DatelineError
from dateline.store.db import busy_message, open_store

DATELINE = str(Path(sys.executable).parent / "dateline")


def dateline(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([DATELINE, *args], capture_output=True, text=True, timeout=timeout)


def write_news(folder: Path, count: int, paragraphs: int = 3) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        body = "\n\n".join(
            f"The harbour board of port {n} met on Thursday and approved {n * 7 + k} new "
            f"berths for container ships, its chair said in a statement number {k}."
            for k in range(paragraphs)
        )
        (folder / f"port{n:04d}.txt").write_text(f"Port {n} expands\n\n{body}\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_news(folder / "news", 30)
    db = folder / "c.duckdb"
    run = dateline("ingest", str(folder / "news"), "--db", str(db), "--stages", "article",
                   "--no-progress")  # fmt: skip
    assert run.returncode == 0, run.stderr
    return db


@pytest.mark.parametrize("damage", ["truncated", "corrupted", "garbage"])
def test_damaged_database_is_named_by_stats_and_query(
    corpus: Path, tmp_path: Path, damage: str
) -> None:
    data = bytearray(corpus.read_bytes())
    if damage == "truncated":
        data = data[: len(data) // 3]
    elif damage == "corrupted":
        rng = random.Random(4)
        for _ in range(3000):
            data[rng.randrange(4096, len(data))] = rng.randrange(256)
    else:
        data = bytearray(random.Random(5).randbytes(20_000))
    db = tmp_path / "damaged.duckdb"
    db.write_bytes(bytes(data))
    expected = {"truncated": "truncated", "corrupted": "corrupted", "garbage": "not a DuckDB"}
    # A truncated file may still answer a query that reads only its first blocks; stats reads
    # every table.
    commands = [["stats"]] + ([["export", "articles"]] if damage != "truncated" else [])
    for args in commands:
        run = dateline(*args, "--db", str(db))
        assert run.returncode == 1, run.stderr
        assert expected[damage] in run.stderr and "Traceback" not in run.stderr
        assert len(run.stderr.strip().splitlines()) == 1


def test_busy_message_names_the_holder_not_an_ingest() -> None:
    error = duckdb.IOException(
        'Could not set lock on file "c.duckdb": Conflicting lock is held in '
        "/usr/bin/python3.11 (PID 4242) by user ana."
    )
    message = busy_message("c.duckdb", error)
    assert "process 4242 (python3.11)" in message and "probably an ingest" not in message


def test_busy_database_from_another_process(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    db.write_bytes(corpus.read_bytes())
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ok', flush=True); "
         "time.sleep(60)", str(db)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        with pytest.raises(DatelineError, match=rf"busy: process {holder.pid} \("):
            open_store(str(db))
    finally:
        holder.kill()
        holder.wait()


@contextlib.contextmanager
def small_tmpfs(path: Path, size: str) -> Iterator[Path]:
    path.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root); the disk-full case is untested")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix" or not Path("/proc/mounts").exists(), reason="Linux only")
def test_full_disk_fails_cleanly_and_keeps_what_was_committed(tmp_path: Path) -> None:
    write_news(tmp_path / "news", 600, paragraphs=20)
    with small_tmpfs(tmp_path / "disk", "2m") as disk:
        db = disk / "c.duckdb"
        run = dateline("ingest", str(tmp_path / "news"), "--db", str(db), "--stages", "article",
                       "--no-progress", "--batch-size", "8", timeout=900)  # fmt: skip
        assert run.returncode != 0
        assert "no space left on device" in run.stderr, run.stderr[-2000:]
        assert "Traceback" not in run.stderr and "cannot rollback" not in run.stderr
        # The database opens, and holds exactly the batches committed before the disk filled.
        con = duckdb.connect(str(db), read_only=True)
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]  # type: ignore[index]
        logged = con.execute(
            "SELECT count(*) FROM ingest_log WHERE status IN ('stored', 'near_duplicate')"
        ).fetchone()[0]  # type: ignore[index]
        con.close()
        assert 0 < articles < 600 and articles == logged
