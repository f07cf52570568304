"""A budget per article, and workers that never outlive the ingest that started them.

Each worker process runs a watchdog thread. While an article is analysed it checks, every few
hundredths of a second, how much CPU time the article has taken and how much memory the process
holds. The limit is on CPU seconds, not elapsed ones, so a busy machine (other jobs sharing the
cores) does not push ordinary articles over it; a wall-clock backstop of ``WALL_FACTOR`` times
the limit still ends work that is stuck without computing (waiting on a lock, say).
An article over its time limit or the process over its memory ceiling cannot be interrupted from
Python (spaCy, numpy and the regex engine run in C), so the watchdog writes its *last words* (the
article, the stage it was in, the limit it broke) to a file the parent reads, and kills its own
process. The parent records that article as failed in ``ingest_log``, starts a new worker and
analyses the rest of the batch again.

The same thread ends the worker when its parent is gone (the parent's pid changes), and on Linux
the kernel does too (``PR_SET_PDEATHSIG``): a killed ingest leaves no orphan workers behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# Defaults sized from the benchmark: the median article takes about 0.2 s to analyse
# (docs/EVALUATION.md, 6 articles/s on one core) and the slowest benchmark page about 3 s, so
# 60 s is over 20x the slowest article, while no hostile page can hold a worker for long.
DEFAULT_SECONDS = 60.0
# Elapsed seconds, as a multiple of the CPU limit, after which an article is abandoned even if it
# used little CPU: at load 10 on every core an ordinary article still finishes well within it.
WALL_FACTOR = 10.0
# A worker with every stage loaded holds about 1 GB; 4 GB leaves room for a 1,000,000-character
# article's parse while stopping runaway growth well before the machine swaps.
DEFAULT_MEMORY_MB = 4096
_POLL_SECONDS = 0.05
_PR_SET_PDEATHSIG = 1

# Package directory of each stage, to name the stage a stuck article was in.
_STAGE_OF_PACKAGE = {
    "article": "structuring",
    "sources": "reading",
    "entities": "entities",
    "geo": "geo",
    "time": "time",
    "amounts": "amounts",
    "quotes": "quotes",
    "events": "events",
    "tone": "tone",
}


@dataclass(frozen=True)
class Budget:
    """Per-article limits: CPU seconds of analysis (and ``WALL_FACTOR`` times as many elapsed),
    and megabytes the worker may hold (RSS)."""

    seconds: float = DEFAULT_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB


def die_with_parent() -> None:
    """Ask the kernel to kill this process when its parent dies (Linux; elsewhere a no-op)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def resident_mb() -> float | None:
    """This process's resident memory in MB (None where /proc is not available)."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            pages = int(handle.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


def stage_of(frame) -> str:  # type: ignore[no-untyped-def]
    """The analysis stage a thread is in, judged from the modules on its stack."""
    stage = "analysis"
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        parts = module.split(".")
        if parts[0] == "dateline" and len(parts) > 1 and parts[1] in _STAGE_OF_PACKAGE:
            return _STAGE_OF_PACKAGE[parts[1]]
        if parts[0] in ("spacy", "thinc"):
            stage = "nlp (spaCy parse)"
        frame = frame.f_back
    return stage


class Watchdog:
    """The worker side: limits for the article in hand, and the parent's life."""

    def __init__(self, budget: Budget, report_dir: str, parent_pid: int) -> None:
        self.budget = budget
        self.report_dir = report_dir
        self.parent_pid = parent_pid
        self._keys: tuple[str, ...] | None = None
        self._started = 0.0
        self._cpu_started = 0.0
        self._main = threading.main_thread().ident
        self._lock = threading.Lock()
        thread = threading.Thread(target=self._watch, name="dateline-watchdog", daemon=True)
        thread.start()

    @contextlib.contextmanager
    def article(self, *keys: str) -> Iterator[None]:
        """Hold the article ``keys[0]`` to the budget while the block runs; with several keys,
        the block is work on all of them at once (one ``nlp.pipe`` call over a batch), held
        to one article's budget: which article broke it is then unknown, and the parent
        analyses those articles again one by one (see ``last_words``)."""
        with self._lock:
            self._keys, self._started = keys, time.monotonic()
            self._cpu_started = time.process_time()
        try:
            yield
        finally:
            with self._lock:
                self._keys = None

    def _watch(self) -> None:
        while True:
            time.sleep(_POLL_SECONDS)
            if os.getppid() != self.parent_pid:
                os._exit(1)  # the ingest is gone: nobody will read our results
            with self._lock:
                keys, started, cpu_started = self._keys, self._started, self._cpu_started
            if keys is None:
                continue
            # The process's CPU time: the article's work (the parse may use several threads);
            # this thread's polling adds microseconds.
            used = time.process_time() - cpu_started
            if used > self.budget.seconds:
                self._give_up(keys, f"over the time limit ({self.budget.seconds:g} s)")
            elapsed = time.monotonic() - started
            if elapsed > self.budget.seconds * WALL_FACTOR:
                self._give_up(
                    keys,
                    f"over the time limit ({self.budget.seconds:g} s; stalled: "
                    f"{elapsed:.0f} s elapsed, {used:.1f} s of CPU)",
                )
            memory = resident_mb()
            if memory is not None and memory > self.budget.memory_mb:
                limit = (
                    f"over the memory ceiling ({self.budget.memory_mb} MB; held {memory:.0f} MB)"
                )
                self._give_up(keys, limit)

    def _give_up(self, keys: tuple[str, ...], limit: str) -> None:
        frame = sys._current_frames().get(self._main) if self._main is not None else None
        words: dict[str, object] = {"stage": stage_of(frame), "limit": limit}
        if len(keys) == 1:
            words["key"] = keys[0]
        else:
            words["batch"] = list(keys)
        path = Path(self.report_dir) / f"{os.getpid()}.json"
        with contextlib.suppress(OSError):
            path.write_text(json.dumps(words), encoding="utf-8")
        os.kill(os.getpid(), signal.SIGKILL)


@dataclass
class LastWords:
    """What dead workers said since the last reading: articles abandoned over the budget
    (key -> reason), and the keys of batches whose shared work (one parse) broke the budget."""

    reasons: dict[str, str]
    shared: set[str]


def last_words(report_dir: str) -> LastWords:
    """What workers that gave up since the last call said (their files are removed)."""
    said = LastWords({}, set())
    for path in sorted(Path(report_dir).glob("*.json")):
        try:
            words = json.loads(path.read_text(encoding="utf-8"))
            if "batch" in words:
                said.shared.update(str(key) for key in words["batch"])
            else:
                said.reasons[str(words["key"])] = (
                    f"analysis abandoned in stage {words['stage']}: {words['limit']}"
                )
        except (OSError, ValueError, KeyError, TypeError):
            pass
        with contextlib.suppress(OSError):
            path.unlink()
    return said


_watchdog: Watchdog | None = None


def start_watchdog(budget: Budget, report_dir: str, parent_pid: int) -> None:
    """Called once in each worker process, before any article."""
    global _watchdog
    die_with_parent()
    # Ctrl-C reaches the whole process group; the parent alone decides what to do about it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _watchdog = Watchdog(budget, report_dir, parent_pid)


def watchdog_running() -> bool:
    return _watchdog is not None


def budgeted(*keys: str) -> contextlib.AbstractContextManager[None]:
    """The budget for article ``keys[0]`` (or for work shared by the articles ``keys``) in
    this worker; no limit where no watchdog runs."""
    return _watchdog.article(*keys) if _watchdog is not None else contextlib.nullcontext()


def budgeted_keys(keys: tuple[str, ...]) -> contextlib.AbstractContextManager[None]:
    """``budgeted`` taking the keys as one tuple (the pipeline's guard hook)."""
    return budgeted(*keys)
