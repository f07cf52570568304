"""Progress on stderr: shown on a terminal (a pseudo-terminal here), absent from pipes.

No timing is asserted: the clock of the unit tests is a fake one, and the end-to-end tests only
check what appears where.
"""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.cli.progress import Progress, clock, wanted

DATELINE = str(Path(sys.executable).parent / "dateline")

STORIES = [
    "Harbour strike ends\n\nDock workers in Valdora voted on Tuesday to end a nine-day strike "
    "after the port authority agreed to raise night-shift pay by 6 percent.",
    "Council approves budget\n\nThe city council of Brenmoor approved a 40 million euro budget "
    "on Monday, with new money for bus lanes and two libraries.",
    "Minister visits flood zone\n\nThe interior minister toured flooded villages along the Seln "
    "river on Sunday and promised emergency funds to 300 families.",
]


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_wanted_on_a_terminal_only_unless_the_user_says() -> None:
    assert wanted(None, Terminal())
    assert not wanted(None, io.StringIO())
    assert wanted(True, io.StringIO())
    assert not wanted(False, Terminal())


def test_the_line_shows_the_loading_phase_then_articles_rate_and_eta() -> None:
    fake = FakeClock()
    out = Terminal()
    line = Progress("ingest", out, True, total_bytes=10_000, now=fake)
    line.phase("loading model …")
    fake.now += 3
    assert "loading model … 0:03" in line.line()
    line.update(articles=10, failed=0, done_bytes=1_000)  # the first batch: no span yet
    assert "loading model" not in line.line()
    assert "10 articles" in line.line() and "ETA …" in line.line()
    fake.now += 10
    line.update(articles=30, failed=1, done_bytes=3_000)  # 2 articles/s, 200 bytes/s
    text = line.line()
    assert "30 articles (1 failed)" in text and "2.0/s" in text and "30% of 10.0 kB" in text
    assert "ETA 0:35" in text  # 7,000 bytes left at 200 bytes/s
    assert out.getvalue().count("\r\x1b[K") >= 3  # redrawn in place


def test_the_eta_stays_steady_through_bursty_batches() -> None:
    """Batches come back in bursts: the ETA falls with the clock instead of jumping."""
    fake = FakeClock()
    line = Progress("ingest", Terminal(), True, total_bytes=100_000, now=fake)
    line.update(articles=16, failed=0, done_bytes=1_600)
    etas = []
    done = 1_600
    for n in range(1, 30):
        fake.now += 4.0 if n % 2 else 0.5  # a slow batch, then a fast one
        done += 1_600
        line.update(articles=16 * (n + 1), failed=0, done_bytes=done)
        eta = line.eta()
        assert eta is not None
        etas.append(eta)
    late = etas[10:]
    # Never rising by more than a few seconds from one batch to the next.
    assert all(b - a < 5 for a, b in zip(late, late[1:], strict=False))
    assert etas[-1] < etas[0]


def test_a_disabled_line_writes_nothing() -> None:
    out = Terminal()
    with Progress("analyze", out, False, total_bytes=100) as line:
        line.phase("loading model …")
        line.advance(1, 0, 50)
        with line.paused():
            pass
    assert out.getvalue() == ""


def test_clock_formats_minutes_and_hours() -> None:
    assert clock(5) == "0:05"
    assert clock(125) == "2:05"
    assert clock(3725) == "1:02:05"


def _stories(folder: Path) -> Path:
    folder.mkdir()
    for n, story in enumerate(STORIES):
        (folder / f"story-{n}.txt").write_text(story, encoding="utf-8")
    return folder


def _run_with_pty_stderr(args: list[str]) -> tuple[int, str, str]:
    """Run ``args`` with stderr on a pseudo-terminal (stdout on a pipe): exit code, stdout,
    what the terminal received."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    received = bytearray()
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        received.extend(chunk)
    os.close(master)
    out = proc.stdout.read().decode("utf-8") if proc.stdout else ""
    code = proc.wait(timeout=300)
    return code, out, received.decode("utf-8", "replace")


def test_analyze_shows_progress_on_a_terminal_and_none_in_a_pipe(tmp_path: Path) -> None:
    folder = _stories(tmp_path / "news")
    args = [DATELINE, "analyze", str(folder), "--stages", "article", "--format", "jsonl"]
    piped = subprocess.run(args, capture_output=True, text=True, timeout=300, check=True)
    assert piped.stderr == ""  # no progress, nothing else either
    assert len(piped.stdout.splitlines()) == len(STORIES)
    code, out, terminal = _run_with_pty_stderr(args)
    assert code == 0
    assert out == piped.stdout  # the results are the same with progress on
    assert "analyze" in terminal and "articles" in terminal and "\r\x1b[K" in terminal
    # --no-progress silences it even on a terminal.
    code, out, terminal = _run_with_pty_stderr([*args, "--no-progress"])
    assert code == 0 and out == piped.stdout and terminal == ""


@pytest.mark.slow
def test_ingest_shows_the_loading_phase_and_articles_on_a_terminal(tmp_path: Path) -> None:
    folder = _stories(tmp_path / "news")
    args = [DATELINE, "ingest", str(folder), "--stages", "article", "--workers", "1"]
    piped = subprocess.run(
        [*args, "--db", str(tmp_path / "piped.duckdb")],
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    assert "\r" not in piped.stderr and "ETA" not in piped.stderr
    assert len(piped.stderr.strip().splitlines()) == 1  # the summary line alone
    code, _, terminal = _run_with_pty_stderr([*args, "--db", str(tmp_path / "tty.duckdb")])
    assert code == 0
    assert "loading model" in terminal
    assert "3 articles" in terminal and "ETA" in terminal
    assert "Ingested into" in terminal  # the summary follows the (removed) progress line
