"""``dateline spark ingest``: the analysis in Spark partitions, the corpus as Parquet.

How the work splits:
- The driver expands the inputs (files, folders, JSON Lines, WARC, gzip; the same code as
  ``dateline ingest``) into a list of files and leaves out those an earlier run finished.
- Spark spreads the work items (a file, or a run of the records of a JSON Lines or WARC file)
  over partitions. Inside each partition an executor reads its files with ``dateline.sources`` and runs the one analysis pipeline (``store.worker.analyse_batch``)
  in batches; the pipeline and the spaCy model are loaded once per executor process (a
  module-level cache that Spark's reused Python workers keep).
- The analysed batches are persisted by Spark (disk), then streamed back to the driver one
  partition at a time, in input order, and written by the same ``StoreWriter`` as
  ``dateline ingest`` into the run's state database (``OUT/_state/corpus.duckdb``). The
  corpus-level steps (exact copies, near-duplicate clustering, corpus entities, cross-article
  event merging, the GDELT-style counts) therefore run on the driver with exactly the
  embedded path's code; the analysis, which is nearly all of the cost, runs in parallel.
- Every table of the state database is then written to ``OUT/<table>/`` as Parquet
  (``spark.parquet``), atomically per table.

Re-running over the same inputs skips what the state database's ``ingest_log`` marks done
(whole files, and records inside JSON Lines/WARC files), so nothing is doubled; a Spark task
that fails is recomputed from its input files, and its rows are written only once, by the
driver.
"""

from __future__ import annotations

import os
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.errors import DatelineError
from dateline.sources.stream import Resume, Step, expand, kind_of, stream
from dateline.store.db import open_store
from dateline.store.ingest import IngestSummary, _batches, _resume_state
from dateline.store.worker import WorkResult, analyse_batch, available_stages, init_worker
from dateline.store.writer import BatchCounts, StoreWriter

DEFAULT_MASTER = "local[*]"
STATE_DB = Path("_state") / "corpus.duckdb"


@dataclass
class SparkIngestOptions:
    out: str
    master: str | None = None
    batch_size: int = 16
    stages: list[str] | None = None
    model: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    retry_failed: bool = False
    partitions: int | None = None
    records_per_task: int = 64


@dataclass(frozen=True)
class WorkItem:
    """An input file, or a run of its records, for one executor.

    ``first``/``last`` count the file's records that are read (those an earlier run ``logged``
    are not counted); ``last`` None means to the end of the file, so this work item also marks
    the file finished.
    """

    path: str
    logged: frozenset[str] = frozenset()
    first: int = 0
    last: int | None = None


@dataclass(frozen=True)
class PartitionConfig:
    stages: tuple[str, ...]
    model: str | None
    fields: tuple[tuple[str, str], ...]
    batch_size: int


# The executor's pipeline, loaded by the first partition a Python worker runs and kept for
# the next ones (Spark reuses its Python workers), keyed by what it was loaded with.
_loaded: tuple[tuple[str, ...], str | None] | None = None


def _ensure_pipeline(config: PartitionConfig) -> None:
    global _loaded
    wanted = (config.stages, config.model)
    if _loaded != wanted:
        init_worker(list(config.stages), config.model)
        _loaded = wanted


def _resume_for(item: WorkItem) -> Resume:
    """The records of ``item`` an earlier run logged are skipped, as ``dateline ingest`` does."""

    def logged(_container: str) -> set[str]:
        return set(item.logged)

    return Resume(set(), logged)


def _records_of(item: WorkItem, steps: Iterator[Step]) -> Iterator[Step]:
    """The steps of ``item``'s run of records (and the file's end, when it is the last run)."""
    ordinal = 0
    for step in steps:
        if step.item is not None:
            if ordinal >= item.first:
                yield step
            ordinal += 1
            if item.last is not None and ordinal >= item.last:
                return
        elif step.finished is not None and item.last is None:
            yield step


def analyse_partition(
    config: PartitionConfig, work: Iterator[WorkItem]
) -> Iterator[tuple[list[WorkResult], list[str]]]:
    """Read and analyse one partition's files: (results, containers finished) per batch."""
    _ensure_pipeline(config)
    fields = dict(config.fields)
    for item in work:
        steps = _records_of(item, stream([item.path], fields, _resume_for(item)))
        for batch in _batches(steps, config.batch_size, lambda _nbytes: None):
            yield (analyse_batch(batch.items) if batch.items else []), batch.finished


def _spark_session(master: str | None) -> Any:
    try:
        from pyspark import SparkConf
        from pyspark.sql import SparkSession
    except ImportError:
        raise DatelineError(
            "dateline spark needs PySpark: pip install 'dateline[spark]' (and a Java 17+ runtime)"
        ) from None
    conf = SparkConf()
    builder = SparkSession.builder.appName("dateline spark ingest")
    if master:
        builder = builder.master(master)
    elif not conf.contains("spark.master"):  # not launched by spark-submit
        builder = builder.master(DEFAULT_MASTER)
    # Python workers run the driver's interpreter unless the user or spark-submit chose one:
    # PySpark's default, a bare "python3" from PATH, may be a Python without dateline. (The
    # SparkContext reads PYSPARK_PYTHON from the environment, not from the configuration.)
    if not (conf.contains("spark.pyspark.python") or os.environ.get("PYSPARK_PYTHON")):
        os.environ["PYSPARK_PYTHON"] = sys.executable
    # Quiet by default: Spark's INFO lines would drown the one-line summary.
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # no Java, bad master URL: one line, not a JVM trace
        raise DatelineError(f"cannot start Spark ({str(exc).splitlines()[0]})") from None
    session.sparkContext.setLogLevel("ERROR")
    return session


def _work_items(
    inputs: list[str], resume: Resume, fields: dict[str, str], per_item: int
) -> tuple[list[WorkItem], int]:
    """The work items, in input order, and how many input files an earlier run finished.

    A JSON Lines or WARC file is read once here (without analysis) to count its records and
    cut them into runs of ``per_item`` records, so that one big file spreads over many
    partitions.
    """
    items: list[WorkItem] = []
    skipped = 0
    for path in expand(inputs):
        if path == "-":
            raise DatelineError("-: dateline spark ingest reads files and folders, not stdin")
        if path in resume.done:
            skipped += 1
            continue
        if kind_of(path) not in ("jsonl", "warc"):
            items.append(WorkItem(path))
            continue
        whole = WorkItem(path, frozenset(resume.logged(path)))
        count = sum(
            1 for step in stream([path], fields, _resume_for(whole)) if step.item is not None
        )
        for first in range(0, max(count, 1), per_item):
            last = first + per_item
            items.append(WorkItem(path, whole.logged, first, last if last < count else None))
    return items, skipped


def spark_ingest(inputs: list[str], options: SparkIngestOptions) -> IngestSummary:
    """Analyse ``inputs`` on Spark and write the corpus as Parquet under ``options.out``."""
    from dateline.spark.parquet import write_parquet_corpus

    started = time.monotonic()
    out = Path(options.out)
    if out.exists() and not out.is_dir():
        raise DatelineError(f"{out}: --out must be a folder (the Parquet corpus)")
    stages = available_stages(options.stages)
    (out / STATE_DB).parent.mkdir(parents=True, exist_ok=True)
    con = open_store(str(out / STATE_DB))
    counts = BatchCounts()
    try:
        resume = _resume_state(con, options.retry_failed)
        work, skipped = _work_items(
            inputs, resume, options.fields, max(1, options.records_per_task)
        )
        if work:
            session = _spark_session(options.master)
            from pyspark import StorageLevel

            try:
                context = session.sparkContext
                slices = options.partitions or max(
                    1, min(len(work), 4 * context.defaultParallelism)
                )  # more, smaller tasks than cores: a slow one does not hold up the rest
                config = PartitionConfig(
                    tuple(stages), options.model, tuple(sorted(options.fields.items())),
                    options.batch_size,
                )  # fmt: skip
                analysed = context.parallelize(work, slices).mapPartitions(
                    lambda part: analyse_partition(config, part)
                )
                # Computed once, all partitions in parallel; then read back in input order.
                analysed.persist(StorageLevel.DISK_ONLY)
                analysed.count()
                writer = StoreWriter(con, run_id=uuid.uuid4().hex[:12])
                for results, finished in analysed.toLocalIterator():
                    counts.add(writer.write_batch(results, finished))
                analysed.unpersist()
            finally:
                session.stop()
        write_parquet_corpus(con, out)
    finally:
        con.close()
    return IngestSummary(counts, skipped, time.monotonic() - started, stages)
