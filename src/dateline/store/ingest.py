"""``dateline ingest`` as a library call: stream inputs, analyse in workers, write in batches.

The parent process reads inputs and owns the database; worker processes (``--workers``) run
spaCy and the analysis stages. At most ``2 × workers`` batches are in flight, so memory stays
bounded whatever the size of the input.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

import duckdb

from dateline.pipeline import check_stage_names, heap_settled
from dateline.sources.stream import InputItem, Resume, Step, expand, stream, total_bytes
from dateline.store.budget import DEFAULT_MEMORY_MB, DEFAULT_SECONDS, Budget, last_words
from dateline.store.db import bound_writer_memory, open_store
from dateline.store.worker import WorkResult, analyse_batch, available_stages, init_worker
from dateline.store.writer import BatchCounts, StoreWriter


@dataclass
class IngestOptions:
    db: str = "dateline.duckdb"
    workers: int = 1
    batch_size: int = 16
    stages: list[str] | None = None
    model: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    retry_failed: bool = False
    time_limit: float = DEFAULT_SECONDS  # per article
    memory_limit_mb: int = DEFAULT_MEMORY_MB  # per worker process


@dataclass
class IngestSummary:
    counts: BatchCounts
    skipped: int
    seconds: float
    stages: list[str]
    # Why the run stopped early ("interrupted by the user"), None when it read every input.
    interrupted: str | None = None
    # Of the skipped inputs, those an earlier run logged a failure in (--retry-failed retries).
    skipped_failed: int = 0

    @property
    def processed(self) -> int:
        c = self.counts
        return c.stored + c.copies + c.duplicates + c.failed


@dataclass
class Batch:
    items: list[InputItem]
    finished: list[str]
    nbytes: int
    attempts: int = 0
    # Analyse each article by itself (a shared parse of this batch broke the budget).
    alone: bool = False
    # Articles a worker abandoned over the budget: their failures, and the items themselves.
    abandoned: list[WorkResult] = field(default_factory=list)
    abandoned_items: list[InputItem] = field(default_factory=list)

    def take_abandoned(self, reasons: dict[str, str]) -> None:
        """Move the items named in ``reasons`` out of the batch, as failures with that reason."""
        for item in [i for i in self.items if i.key in reasons]:
            self.items.remove(item)
            self.abandoned_items.append(item)
            self.abandoned.append(WorkResult(item.key, item.container, error=reasons[item.key]))


# Progress callback: (bytes done, articles stored, inputs processed, inputs failed).
ProgressFn = Callable[[int, BatchCounts], None]


# An input's latest outcome; with retry_failed, inputs whose latest outcome is a failure (and
# containers holding one) count as not done.
_LATEST = (
    "SELECT input, container, arg_max(status, logged_at) AS status FROM ingest_log "
    "GROUP BY input, container"
)


def _resume_state(con: duckdb.DuckDBPyConnection, retry_failed: bool = False) -> Resume:
    with_failures = {
        r[0] for r in con.execute(f"SELECT DISTINCT container FROM ({_LATEST}) WHERE status = 'failed'").fetchall()
    }  # fmt: skip
    failed_containers = with_failures if retry_failed else set()
    done = {
        row[0]
        for row in con.execute(
            "SELECT DISTINCT container FROM ingest_log WHERE status = 'done' OR input = container"
        ).fetchall()
    } - failed_containers

    def logged(container: str) -> set[str]:
        rows = con.execute(
            f"SELECT input, status FROM ({_LATEST}) WHERE container = ?", [container]
        ).fetchall()
        return {key for key, status in rows if not (retry_failed and status == "failed")}

    return Resume(done, logged, failed=with_failures - failed_containers)


def _batches(steps: Iterable[Step], size: int, on_skip: Callable[[int], None]) -> Iterator[Batch]:
    items: list[InputItem] = []
    finished: list[str] = []
    nbytes = 0
    for step in steps:
        if step.skipped:
            on_skip(step.nbytes)
            continue
        nbytes += step.nbytes
        if step.item is not None:
            items.append(step.item)
        if step.finished is not None:
            finished.append(step.finished)
        if len(items) >= size:
            yield Batch(items, finished, nbytes)
            items, finished, nbytes = [], [], 0
    if items or finished:
        yield Batch(items, finished, nbytes)


# The signals that stop an ingest (cli/ingest.py turns SIGTERM into KeyboardInterrupt).
STOPPING_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def whole_submission() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until a submission to the pool is done, then act on them.

    A submission may spawn a worker, and a spawned worker reads its start-up data from a pipe
    the parent writes after starting it: a KeyboardInterrupt raised in between closes the pipe
    half-written, and the new worker dies printing a traceback into the user's terminal (seen
    once in CI under SIGTERM). Python runs signal handlers in the main thread only, so swapping
    the handlers there for the submission's few milliseconds is enough; an ignored signal stays
    ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    previous: dict[int, Any] = {}
    for signum in STOPPING_SIGNALS:
        handler = signal.getsignal(signum)
        if handler is signal.SIG_IGN or handler is None:
            continue
        previous[signum] = handler
        signal.signal(signum, lambda number, _frame: held.append(number))
    try:
        yield
    finally:
        for number, restored in previous.items():
            signal.signal(number, restored)
        for number in held[:1]:
            if callable(previous[number]):
                previous[number](number, None)
            else:  # SIG_DFL: the default action, now that the handler is back
                os.kill(os.getpid(), number)


class Analyser:
    """Runs analyse_batch in a pool of worker processes, each article held to a budget.

    Every ingest analyses in worker processes (even with one worker): only a separate process
    can be stopped in the middle of an article stuck in C code, and only then does Ctrl-C
    return at once. With ``budget=None`` and one worker the analysis runs in this process.

    With ``skip_repeats`` a worker does not analyse again a body it analysed for an earlier
    result (``analyse_batch``): for callers that store every result in order, as ingest does,
    where such a repeat is only ever a copy of a stored article.
    """

    def __init__(
        self, workers: int, stages: list[str] | None, model: str | None,
        budget: Budget | None = Budget(),  # noqa: B008 - frozen, shared safely
        skip_repeats: bool = False,
    ) -> None:  # fmt: skip
        self.workers = workers
        self.stages = stages
        self.model = model
        self.budget = budget
        self.skip_repeats = skip_repeats
        self.pool: ProcessPoolExecutor | None = None
        self.report_dir: str | None = None
        # Whether any batch went to the pool: a run with nothing left to analyse (every input
        # done before) need not wait for its workers to finish loading the model.
        self.used = False
        if budget is None and workers <= 1:
            init_worker(stages, model)
        else:
            self.report_dir = tempfile.mkdtemp(prefix="dateline-budget-")
            self._start_pool()

    def _start_pool(self) -> None:
        # spawn, not fork: the parent holds an open DuckDB connection and threads.
        context = multiprocessing.get_context("spawn")
        self.pool = ProcessPoolExecutor(
            self.workers,
            mp_context=context,
            initializer=init_worker,
            initargs=(self.stages, self.model, self.budget, self.report_dir, os.getpid()),
        )
        # A pool spawns a worker when a task is submitted: one now, so the worker imports and
        # loads the model while this process still prepares its first batch (with one worker,
        # ~0.6 s of CPU in ingest's parent before then: the stage modules, the store).
        with whole_submission():
            self.pool.submit(os.getpid)

    def run(self, batches: Iterator[Batch]) -> Iterator[tuple[Batch, list[WorkResult]]]:
        if self.pool is None:
            for batch in batches:
                skip = self.skip_repeats
                yield batch, analyse_batch(batch.items, skip_repeats=skip) if batch.items else []
            return
        pending: deque[tuple[Batch, Future[list[WorkResult]] | None]] = deque()
        limit = 2 * self.workers
        source = iter(batches)
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < limit:
                upcoming = next(source, None)
                if upcoming is None:
                    exhausted = True
                    break
                pending.append((upcoming, self._submit(upcoming)))
            if not pending:
                break
            batch, future = pending.popleft()
            try:
                results = future.result() if future is not None else []
            except BrokenProcessPool:
                pending.appendleft((batch, None))
                yield from self._recover(pending)
                continue
            yield batch, batch.abandoned + results

    def _recover(
        self, pending: deque[tuple[Batch, Future[list[WorkResult]] | None]]
    ) -> Iterator[tuple[Batch, list[WorkResult]]]:
        """A worker died: over budget (its last words name the article, or the batch whose
        shared parse broke the budget), out of memory, or a crash in native code. The articles
        it abandoned are failures; a batch whose shared parse broke the budget is analysed
        again article by article; every other article in flight is analysed again by a new
        pool; a batch that kills a worker twice without last words is logged failed. When a
        worker left last words, the batches it did not name were innocent bystanders of the
        pool's restart: they are analysed again without counting an attempt against them (on
        a busy machine several workers may give up in one run; innocent batches must not fail
        for it)."""
        said = last_words(self.report_dir) if self.report_dir else None
        reasons = said.reasons if said else {}
        someone_said = bool(said and (said.reasons or said.shared))
        self._restart()
        retry = list(pending)
        pending.clear()
        for batch, _ in retry:
            batch.take_abandoned(reasons)
            if said and not batch.alone and any(i.key in said.shared for i in batch.items):
                batch.alone = True  # which article broke the shared parse is found alone
            elif not someone_said and not any(i.key in reasons for i in batch.abandoned_items):
                batch.attempts += 1
            if batch.attempts >= 2:
                died = [
                    WorkResult(i.key, i.container, error="worker process died analysing this batch")
                    for i in batch.items
                ]
                yield batch, batch.abandoned + died
            else:
                pending.append((batch, self._submit(batch)))

    def _submit(self, batch: Batch) -> Future[list[WorkResult]] | None:
        if not batch.items:
            return None
        if all(item.raw is None for item in batch.items):
            # Inputs that could not even be read (empty, binary, over the size limit, a bad
            # JSON line) fail here, as a worker would fail them: none waits for the model.
            unread: Future[list[WorkResult]] = Future()
            unread.set_result([_unread(item) for item in batch.items])
            return unread
        assert self.pool is not None
        self.used = True
        try:
            with whole_submission():
                return self.pool.submit(analyse_batch, batch.items, batch.alone, self.skip_repeats)
        except BrokenProcessPool as exc:
            # A worker died before this batch was handed over (while loading, or with an
            # earlier batch): the batch's result is that failure, recovered as any other.
            failed: Future[list[WorkResult]] = Future()
            failed.set_exception(exc)
            return failed

    def _restart(self) -> None:
        self._stop_pool()
        self._start_pool()

    def _stop_pool(self) -> None:
        """Stop the workers now: kill them rather than wait for their batches."""
        if self.pool is None:
            return
        processes = list(getattr(self.pool, "_processes", {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            with contextlib.suppress(Exception):
                process.kill()
        for process in processes:
            with contextlib.suppress(Exception):
                process.join(timeout=5)
        self.pool = None

    def close(self, interrupted: bool = False) -> None:
        if interrupted or not self.used:
            self._stop_pool()
        elif self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        if self.report_dir is not None:
            shutil.rmtree(self.report_dir, ignore_errors=True)


def _unread(item: InputItem) -> WorkResult:
    """The failure of an input read without an article to analyse (``analyse_batch``'s)."""
    return WorkResult(item.key, item.container, error=item.error or "nothing to read")


def ingest(
    inputs: list[str],
    options: IngestOptions,
    progress: Callable[[int, int | None, BatchCounts], None] | None = None,
) -> IngestSummary:
    """Ingest ``inputs`` into ``options.db``; returns what happened. Re-running resumes."""
    started = time.monotonic()
    paths = list(expand(inputs))
    total = total_bytes(paths)
    check_stage_names(options.stages)
    budget = Budget(options.time_limit, options.memory_limit_mb)
    # The workers start loading first (they resolve the stages themselves, as below), while
    # this process imports the stage modules and opens the store.
    analyser = Analyser(
        max(1, options.workers), options.stages, options.model, budget, skip_repeats=True
    )
    # A stop that lands while the store opens (the workers are already loading, so a user or a
    # supervisor may stop the run this early) ends it as a later one does: nothing stored, the
    # workers killed, the same exit status, never an error (DuckDB turns a KeyboardInterrupt
    # inside a call into its InterruptException).
    con: duckdb.DuckDBPyConnection | None = None
    try:
        stages = available_stages(options.stages)
        con = open_store(options.db)
        bound_writer_memory(con)
    except (KeyboardInterrupt, duckdb.InterruptException) as exc:
        analyser.close(interrupted=True)
        if con is not None:
            con.close()
        reason = str(exc) or "interrupted by the user"
        return IngestSummary(BatchCounts(), 0, time.monotonic() - started, [], reason, 0)
    except BaseException:
        analyser.close(interrupted=True)
        if con is not None:
            con.close()
        raise
    counts = BatchCounts()
    done_bytes = 0
    skipped = 0

    def on_skip(nbytes: int) -> None:
        nonlocal done_bytes, skipped
        done_bytes += nbytes
        skipped += 1

    skipped_failed = 0

    def noting_failed_before(steps: Iterable[Step]) -> Iterator[Step]:
        nonlocal skipped_failed
        for step in steps:
            skipped_failed += step.failed_before
            yield step

    writer = StoreWriter(con, run_id=uuid.uuid4().hex[:12])
    interrupted: str | None = None
    try:
        steps = noting_failed_before(
            stream(paths, options.fields, _resume_state(con, options.retry_failed))
        )
        # The parent's modules (spaCy's among them) out of the collector's walks, which each
        # batch's unpickled Analysis documents would otherwise set off (~3 ms an article).
        with heap_settled():
            for batch, results in analyser.run(_batches(steps, options.batch_size, on_skip)):
                counts.add(writer.write_batch(results, batch.finished))
                done_bytes += batch.nbytes
                if progress is not None:
                    progress(done_bytes, total, counts)
    except (KeyboardInterrupt, duckdb.InterruptException) as exc:
        # Ctrl-C or SIGTERM (see cli/ingest.py): the batch being written was rolled back, the
        # workers are killed below, every batch committed before stays.
        interrupted = str(exc) or "interrupted by the user"
    finally:
        analyser.close(interrupted=interrupted is not None or sys.exc_info()[0] is not None)
        con.close()
    return IngestSummary(
        counts, skipped, time.monotonic() - started, stages, interrupted, skipped_failed
    )
