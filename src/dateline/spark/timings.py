"""``dateline spark ingest --timings``: where a run's wall-clock time goes.

Each phase of the run (starting Spark, listing the inputs, the analysis, each corpus step,
writing each table) is timed on the driver and tagged as a Spark job group, so the report also
says how many Spark jobs and tasks the phase ran (from Spark's status tracker). The analysis
tasks add what they did (records, input bytes, seconds, which Python worker, the pipeline load)
through an accumulator, which shows whether every core was busy and how evenly the work split.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class TaskFacts:
    """What one analysis task did, reported from the executor."""

    partition: int
    worker: int  # the Python worker's process id
    records: int
    nbytes: int
    seconds: float  # from the task's first record to its last row, pipeline load included
    load_seconds: float  # loading the pipeline (0 when the worker had it already)
    loads: int = 0  # how many times the task loaded the pipeline (0 or 1)


@dataclass
class Phase:
    name: str
    seconds: float
    jobs: int
    tasks: int


@dataclass
class PhaseReport:
    """The phases of one run, in order (filled by ``phase``)."""

    phases: list[Phase] = field(default_factory=list)
    tasks: list[TaskFacts] = field(default_factory=list)
    cores: int = 0
    _context: Any = None

    def attach(self, context: Any) -> None:
        """Count the Spark jobs of the phases from now on (``context``: the SparkContext)."""
        self._context = context
        self.cores = int(context.defaultParallelism)

    @contextmanager
    def phase(self, name: str, spark_jobs: bool = True) -> Iterator[None]:
        """Time a phase; ``spark_jobs`` False for one that stops Spark (nothing to ask)."""
        started = time.monotonic()
        counted = spark_jobs and self._context is not None
        if counted:
            self._context.setJobGroup(name, name)
        try:
            yield
        finally:
            jobs, tasks = self._counted(name) if counted else (0, 0)
            self.phases.append(Phase(name, time.monotonic() - started, jobs, tasks))

    def _counted(self, group: str) -> tuple[int, int]:
        """(Spark jobs, tasks run) of a job group."""
        if self._context is None:
            return 0, 0
        tracker = self._context.statusTracker()
        ids = tracker.getJobIdsForGroup(group)
        tasks = 0
        for job in ids:
            info = tracker.getJobInfo(job)
            for stage in info.stageIds if info is not None else []:
                stage_info = tracker.getStageInfo(stage)
                tasks += stage_info.numCompletedTasks if stage_info is not None else 0
        return len(ids), tasks

    def lines(self, total: float) -> list[str]:
        """The report: one line per phase, then how the analysis split over the cores."""
        rows = [f"timings (wall-clock seconds; {self.cores} cores):"]
        width = max([len(p.name) for p in self.phases] + [10])
        for p in self.phases:
            spark = f"{p.jobs} Spark jobs, {p.tasks} tasks" if p.jobs else ""
            rows.append(f"  {p.name:<{width}} {p.seconds:8.1f}  {spark}".rstrip())
        accounted = sum(p.seconds for p in self.phases)
        rows.append(f"  {'other':<{width}} {max(0.0, total - accounted):8.1f}")
        rows.append(f"  {'total':<{width}} {total:8.1f}")
        rows.extend(self._analysis_lines())
        return rows

    def _analysis_lines(self) -> list[str]:
        if not self.tasks:
            return []
        analysis = next((p for p in self.phases if p.name == "analyse"), None)
        tasks = sorted(self.tasks, key=lambda t: t.partition)
        workers: dict[int, list[TaskFacts]] = {}
        for task in tasks:
            workers.setdefault(task.worker, []).append(task)
        seconds = [t.seconds for t in tasks]
        records = [t.records for t in tasks]
        mib = [t.nbytes / 2**20 for t in tasks]
        lines = [
            f"  analysis: {len(tasks)} tasks on {len(workers)} Python workers; per task "
            f"{min(records)}-{max(records)} records, {min(mib):.1f}-{max(mib):.1f} MiB, "
            f"{min(seconds):.1f}-{max(seconds):.1f} s (median {statistics.median(seconds):.1f})"
        ]
        for worker, done in sorted(workers.items()):
            busy = sum(t.seconds for t in done)
            load = sum(t.load_seconds for t in done)
            loads = sum(t.loads for t in done)
            lines.append(
                f"    worker {worker}: {len(done)} tasks, {sum(t.records for t in done)} records, "
                f"busy {busy:.1f} s ({loads} pipeline loads, {load:.1f} s)"
            )
        if analysis is not None and analysis.seconds > 0 and self.cores:
            busy = sum(seconds) / (analysis.seconds * self.cores)
            lines.append(f"    cores busy {100 * busy:.0f}% of the analysis phase")
        return lines


class TaskClock:
    """Counts one analysis task's records and bytes; ``facts`` once the task is done."""

    def __init__(self, partition: int) -> None:
        self.partition = partition
        self.started = time.monotonic()
        self.records = 0
        self.nbytes = 0
        self.load_seconds = 0.0
        self.loads = 0

    def facts(self) -> TaskFacts:
        return TaskFacts(
            self.partition, os.getpid(), self.records, self.nbytes,
            time.monotonic() - self.started, self.load_seconds, self.loads,
        )  # fmt: skip


class FactsParam:
    """How Spark adds up the analysis tasks' ``TaskFacts`` lists (an AccumulatorParam: PySpark
    only calls these two methods)."""

    def zero(self, value: list[TaskFacts]) -> list[TaskFacts]:
        return []

    def addInPlace(self, a: list[TaskFacts], b: list[TaskFacts]) -> list[TaskFacts]:  # noqa: N802
        return a + b


def task_accumulator(context: Any) -> Any:
    """An accumulator the analysis tasks add their ``TaskFacts`` to."""
    return context.accumulator([], FactsParam())
