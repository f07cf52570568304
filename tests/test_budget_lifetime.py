"""An article over its budget is abandoned alone; workers never outlive the ingest; Ctrl-C and
SIGTERM stop at once, keeping what was committed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from dateline.store.budget import WALL_FACTOR, last_words, stage_of

DATELINE = str(Path(sys.executable).parent / "dateline")
TOWNS = ["Ghent", "Bergen", "Cork", "Tartu", "Porto", "Split"]


def write_news(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        town = TOWNS[n % len(TOWNS)]
        body = "\n\n".join(
            f"The council of {town} voted {n + 5} to {k} on Tuesday to approve {n + k} million "
            f"euros for {['roads', 'schools', 'bridges'][k % 3]}, the mayor said."
            for k in range(4)
        )
        (folder / f"story{n:03d}.txt").write_text(f"{town} approves plan {n}\n\n{body}\n")


def children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead; its parent (init) reaps it.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split()[2] == "Z")


def wait_for_workers(pid: int, count: int, timeout: float = 240) -> list[int]:
    """The pids of the ingest's worker processes once ``count`` of them run."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        workers = [
            c for c in children(pid)
            if "spawn_main" in Path(f"/proc/{c}/cmdline").read_text(errors="replace")
        ]  # fmt: skip
        if len(workers) >= count:
            return workers
        time.sleep(0.5)
    raise AssertionError("the workers did not start")


WATCHED = """
import sys, time
from dateline.store.budget import Budget, start_watchdog, budgeted
start_watchdog(Budget(seconds={seconds}, memory_mb={memory}), sys.argv[1], {parent})
namespace = {{"__name__": "dateline.quotes.direct"}}
exec("def stuck():\\n    data = []\\n    while True:\\n        {work}", namespace)
with budgeted({keys}):
    namespace["stuck"]()
"""


def _work(grow: int) -> str:
    """The stuck article's loop body: computing (grow 0), or holding ``grow`` more bytes every
    hundredth of a second."""
    if grow:
        return f"data.append(bytearray({grow})); __import__('time').sleep(0.01)"
    return "sum(range(1000))"


@pytest.mark.parametrize(
    ("seconds", "memory", "grow", "limit"),
    [(0.5, 100_000, 0, "over the time limit (0.5 s)"),
     (600, 300, 4_000_000, "over the memory ceiling (300 MB")],
    ids=["time", "memory"],
)  # fmt: skip
def test_watchdog_abandons_the_article_and_names_it_and_the_stage(
    tmp_path: Path, seconds: float, memory: int, grow: int, limit: str
) -> None:
    code = WATCHED.format(
        seconds=seconds, memory=memory, parent=os.getpid(), work=_work(grow),
        keys='"crawl.warc@4096"',
    )  # fmt: skip
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-c", code, str(tmp_path)], timeout=60)
    assert run.returncode == -signal.SIGKILL
    assert time.monotonic() - started < 30
    said = last_words(str(tmp_path))
    reasons = said.reasons
    assert list(reasons) == ["crawl.warc@4096"] and not said.shared
    assert "stage quotes" in reasons["crawl.warc@4096"] and limit in reasons["crawl.warc@4096"]
    assert not list(tmp_path.glob("*.json"))  # read once


def test_work_shared_by_a_batch_over_the_budget_names_the_whole_batch(tmp_path: Path) -> None:
    """One nlp.pipe call over a batch is held to one article's budget; when it breaks it, no
    article is blamed: the parent learns the batch's keys and analyses them one by one."""
    code = WATCHED.format(
        seconds=0.5, memory=100_000, parent=os.getpid(), work=_work(0), keys='"a.txt", "b.txt"'
    )
    run = subprocess.run([sys.executable, "-c", code, str(tmp_path)], timeout=60)
    assert run.returncode == -signal.SIGKILL
    said = last_words(str(tmp_path))
    assert said.reasons == {} and said.shared == {"a.txt", "b.txt"}


def test_the_time_limit_counts_cpu_seconds_not_a_busy_machines_waiting(tmp_path: Path) -> None:
    """An article that computes little but waits (as on a machine whose cores other jobs hold)
    is not abandoned at the limit; one that makes no progress at all is, at WALL_FACTOR times
    it, named as stalled."""
    waiting = WATCHED.format(
        seconds=0.5, memory=100_000, parent=os.getpid(), keys='"waits.txt"',
        work="__import__('time').sleep(1.5); raise SystemExit(0)",
    )  # fmt: skip
    run = subprocess.run([sys.executable, "-c", waiting, str(tmp_path)], timeout=60)
    assert run.returncode == 0 and not list(tmp_path.glob("*.json"))

    stalled = WATCHED.format(
        seconds=0.2, memory=100_000, parent=os.getpid(), keys='"stalled.txt"',
        work="__import__('time').sleep(0.05)",
    )  # fmt: skip
    started = time.monotonic()
    run = subprocess.run([sys.executable, "-c", stalled, str(tmp_path)], timeout=60)
    assert run.returncode == -signal.SIGKILL
    assert time.monotonic() - started >= 0.2 * WALL_FACTOR
    reason = last_words(str(tmp_path)).reasons["stalled.txt"]
    assert "over the time limit (0.2 s; stalled:" in reason


def test_batches_a_dead_worker_did_not_name_are_analysed_again_without_blame(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker over its budget names its article; the other batches in flight lose their
    worker pool through no fault of theirs and must not move towards being failed. A worker
    that dies without a word leaves every batch in flight suspect (twice: failed)."""
    import json
    from collections import deque

    from dateline.sources.stream import InputItem
    from dateline.store import ingest

    analyser = ingest.Analyser.__new__(ingest.Analyser)
    analyser.report_dir = str(tmp_path)
    resubmitted: list[ingest.Batch] = []
    monkeypatch.setattr(analyser, "_restart", lambda: None)
    monkeypatch.setattr(analyser, "_submit", lambda batch: resubmitted.append(batch))

    def in_flight() -> tuple[ingest.Batch, ingest.Batch]:
        guilty = ingest.Batch([InputItem("slow.html", "slow.html")], [], 0)
        bystander = ingest.Batch([InputItem("fine.txt", "fine.txt")], [], 0, attempts=1)
        return guilty, bystander

    guilty, bystander = in_flight()
    words = {"key": "slow.html", "stage": "quotes", "limit": "over the time limit (60 s)"}
    (tmp_path / "4242.json").write_text(json.dumps(words), encoding="utf-8")
    assert list(analyser._recover(deque([(guilty, None), (bystander, None)]))) == []
    assert bystander.attempts == 1 and resubmitted == [guilty, bystander]
    assert [r.key for r in guilty.abandoned] == ["slow.html"]

    guilty, bystander = in_flight()
    yielded = list(analyser._recover(deque([(guilty, None), (bystander, None)])))
    assert [(b, [r.error for r in results]) for b, results in yielded] == [
        (bystander, ["worker process died analysing this batch"])
    ]
    assert guilty.attempts == 1


def test_stage_of_names_spacy_and_dateline_stages() -> None:
    assert stage_of(sys._getframe()) == "analysis"
    namespace = {"__name__": "dateline.geo.resolve", "sys": sys}
    exec("def where():\n    return sys._getframe()", namespace)
    assert stage_of(namespace["where"]()) == "geo"


def test_worker_ends_when_its_parent_is_gone(tmp_path: Path) -> None:
    """The watchdog's own check, for systems without PR_SET_PDEATHSIG: the parent is a shell
    that exits at once, so the worker's parent pid changes."""
    code = (
        "import os, sys, time\n"
        "from dateline.store.budget import Watchdog, Budget\n"
        "Watchdog(Budget(), sys.argv[1], int(sys.argv[2]))\n"
        "print(os.getpid(), flush=True)\n"
        "time.sleep(60)\n"
    )
    pid_file = tmp_path / "worker.pid"
    subprocess.run(
        ["sh", "-c", f'"{sys.executable}" -c "$0" "$1" $$ > "$2" 2>/dev/null & sleep 1', code,
         str(tmp_path), str(pid_file)],
        timeout=60, check=True,
    )  # fmt: skip
    wait = time.monotonic() + 30
    while not pid_file.read_text().strip() and time.monotonic() < wait:
        time.sleep(0.2)
    worker = int(pid_file.read_text().split()[0])
    deadline = time.monotonic() + 10
    while alive(worker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not alive(worker)


@pytest.mark.slow
def test_slow_article_is_abandoned_and_the_run_goes_on(tmp_path: Path) -> None:
    news = tmp_path / "news"
    write_news(news, 3)
    paragraphs = "\n\n".join(
        f"Paragraph {k}: the minister said on Monday that talks with the union, which began in "
        f"March in {TOWNS[k % 6]}, would resume next week, according to a statement."
        for k in range(1500)
    )
    (news / "story999.txt").write_text(f"Long report\n\n{paragraphs}\n")
    db = tmp_path / "c.duckdb"
    run = subprocess.run(
        [DATELINE, "ingest", str(news), "--db", str(db), "--no-progress", "--time-limit", "4"],
        capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert run.returncode == 1, run.stderr
    con = duckdb.connect(str(db), read_only=True)
    log = dict(
        con.execute("SELECT input, reason FROM ingest_log WHERE status = 'failed'").fetchall()
    )
    assert list(log) == [str(news / "story999.txt")]
    assert "over the time limit (4 s)" in log[str(news / "story999.txt")]
    assert con.execute("SELECT count(*) FROM articles").fetchone() == (3,)


STORIES = 40


def _sigint_as_at_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_no_worker_outlives_the_ingest(tmp_path: Path, signum: int) -> None:
    news = tmp_path / "news"
    write_news(news, STORIES)
    db = tmp_path / "c.duckdb"
    ingest = subprocess.Popen(
        [DATELINE, "ingest", str(news), "--db", str(db), "--no-progress", "--workers", "2",
         "--batch-size", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        # As a command typed at a terminal: a test runner started in the background by a
        # script inherits SIGINT ignored, and so would the ingest (Ctrl-C never reaches it).
        preexec_fn=_sigint_as_at_a_terminal,
    )  # fmt: skip
    workers = wait_for_workers(ingest.pid, 2)
    assert ingest.poll() is None, "the ingest finished before the signal: give it more work"
    ingest.send_signal(signum)
    started = time.monotonic()
    _, stderr = ingest.communicate(timeout=60)
    stopped = time.monotonic() - started
    deadline = time.monotonic() + 5
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(w) for w in workers), "a worker outlived its ingest"
    if signum != signal.SIGKILL:
        assert stopped < 10
        assert ingest.returncode == (130 if signum == signal.SIGINT else 143), stderr
        assert "Run the same command again to resume" in stderr and "Traceback" not in stderr
    # Whatever was committed is whole: resuming ends with every story exactly once.
    again = subprocess.run(
        [DATELINE, "ingest", str(news), "--db", str(db), "--no-progress"],
        capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*), count(DISTINCT source) FROM articles").fetchone() == (
        STORIES,
        STORIES,
    )
    log = con.execute("SELECT input, count(*) FROM ingest_log GROUP BY input HAVING count(*) > 1")
    assert log.fetchall() == []
