"""``dateline spark ingest``: the analysis in Spark partitions, the corpus as Parquet.

How the work splits:
- The driver lists the inputs (files, folders, JSON Lines, WARC, gzip: local paths with the
  code of ``dateline ingest``, paths with a scheme such as ``s3a://`` or ``hdfs://`` through
  Hadoop's FileSystem API) and leaves out what earlier runs finished.
- Spark spreads the work items (a file, or a run of the records of a local JSON Lines or WARC
  file) over partitions. Each executor reads its items (local paths directly; other file
  systems' files come as bytes through ``binaryFiles``) and runs the one analysis pipeline
  (``store.worker.analyse_batch``) in batches, the pipeline and spaCy model loaded once per
  executor process. The analysed rows (Analysis JSON, MinHash signature, or the failure) are
  written as this run's part of ``OUT/_analysed/`` by Spark's output committer, so a retried
  task leaves no duplicate rows, and moved into place only when the whole job succeeded.
- The corpus-level steps then run as Spark operations over the analysed rows of every run
  (``spark.corpus``): exact copies, near-duplicate stories, corpus entities, cross-article
  event merging and the GDELT-style counts, giving the tables the embedded writer gives.
- Every table is written to ``OUT/<table>/`` as Parquet with the schema derived from the
  table specs (``spark.schema``), and swapped in table by table.

Re-running over the same inputs analyses nothing again (the analysed rows say which inputs,
and which records of a JSON Lines or WARC file, are done) and rebuilds the same tables.
"""

from __future__ import annotations

import gc
import hashlib
import heapq
import os
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from dateline.errors import DatelineError
from dateline.sources.stream import Resume, Step, expand, kind_of, stream
from dateline.spark.corpus import (
    ITEM_SHIFT,
    LAST_POSITION,
    LOCAL_COMPONENT_EDGES,
    MAX_ITEMS,
    RUN_SHIFT,
)
from dateline.spark.paths import HadoopFS, has_scheme
from dateline.spark.timings import PhaseReport, TaskClock, task_accumulator
from dateline.store.db import insert_rows
from dateline.store.ingest import IngestSummary, _batches, _resume_state
from dateline.store.tables import INGEST_LOG, table_columns
from dateline.store.worker import analyse_batch, available_stages, init_worker
from dateline.store.writer import BatchCounts

DEFAULT_MASTER = "local[*]"
ANALYSED = "_analysed"  # every run's analysed rows, one folder per run
BUILDING = "_building"  # work in progress: Spark's output before it is moved into place
BUILT = "_built"  # one empty folder naming the runs the tables were last built from


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
    driver_graph_edges: int = LOCAL_COMPONENT_EDGES


@dataclass(frozen=True)
class WorkItem:
    """An input file, or a run of its records, for one executor.

    ``first``/``last`` count the file's records that are read (those an earlier run ``logged``
    are not counted); ``last`` None means to the end of the file, so this work item also marks
    the file finished. ``index`` is its place in the run's input order; ``remote`` says the
    file is on a file system with a scheme, read through Spark (``binaryFiles``).
    """

    path: str
    index: int = 0
    logged: frozenset[str] = frozenset()
    first: int = 0
    last: int | None = None
    remote: bool = False
    nbytes: int = 0  # the input bytes it reads (its records' or file's), to balance partitions


@dataclass(frozen=True)
class PartitionConfig:
    stages: tuple[str, ...]
    model: str | None
    fields: tuple[tuple[str, str], ...]
    batch_size: int
    run_id: str
    logged_at: datetime


# The columns of the analysed rows (OUT/_analysed/RUN/).
ANALYSED_COLUMNS = (
    ("run_id", "string"), ("logged_at", "timestamp_ntz"), ("item", "bigint"),
    ("position", "int"), ("key", "string"), ("container", "string"), ("kind", "string"),
    ("analysis", "string"), ("signature", "binary"), ("error", "string"),
)  # fmt: skip


# The executor's pipeline, loaded by the first partition a Python worker runs and kept for
# the next ones (Spark reuses its Python workers), keyed by what it was loaded with.
_loaded: tuple[tuple[str, ...], str | None] | None = None


def _ensure_pipeline(config: PartitionConfig) -> bool:
    """Load the pipeline unless this process has it already; whether it loaded it now."""
    global _loaded
    wanted = (config.stages, config.model)
    if _loaded == wanted:
        return False
    init_worker(list(config.stages), config.model)
    _loaded = wanted
    return True


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


def _renamed(name: str, local: str, remote: str) -> str:
    """A key or container read from the local copy ``local``, named after ``remote``."""
    return remote + name[len(local) :] if name.startswith(local) else name


def analyse_partition(
    config: PartitionConfig,
    work: Iterator[tuple[WorkItem, bytes | None]],
    facts: Any = None,
    partition: int = 0,
) -> Iterator[tuple[Any, ...]]:
    """Read and analyse one partition's work items: one analysed row per record (and one
    ``done`` row per container read to the end), in ANALYSED_COLUMNS order. ``facts``, an
    accumulator (``timings.task_accumulator``), is given what the task did."""
    clock = TaskClock(partition)
    loading = time.monotonic()
    clock.loads = int(_ensure_pipeline(config))
    clock.load_seconds = time.monotonic() - loading
    rows = _analysed_rows(config, work, clock)
    yield from rows
    if facts is not None:
        facts.add([clock.facts()])
    # PySpark's worker runs a full garbage collection after every task it is reused for, and
    # this worker's heap now holds the pipeline and the stages' data: collect once and freeze
    # what survives (the long-lived objects), so those later collections skip them.
    gc.collect()
    gc.freeze()


def _counted_steps(steps: Iterator[Step], clock: TaskClock) -> Iterator[Step]:
    for step in steps:
        if step.item is not None:
            clock.records += 1
            clock.nbytes += step.nbytes
        yield step


def _analysed_rows(
    config: PartitionConfig, work: Iterator[tuple[WorkItem, bytes | None]], clock: TaskClock
) -> Iterator[tuple[Any, ...]]:
    fields = dict(config.fields)
    head = (config.run_id, config.logged_at)
    for item, content in work:
        folder = None
        path = item.path
        if content is not None:
            # A file from another file system: analysed from a local copy named like it (its
            # kind is read from the name), its keys naming the original.
            folder = tempfile.mkdtemp(prefix="dateline-spark-")
            path = os.path.join(folder, item.path.rstrip("/").rsplit("/", 1)[-1])
            Path(path).write_bytes(content)
        try:
            position = item.first
            steps = _counted_steps(
                _records_of(item, stream([path], fields, _resume_for(item))), clock
            )
            for batch in _batches(steps, config.batch_size, lambda _nbytes: None):
                for result in analyse_batch(batch.items) if batch.items else []:
                    key = _renamed(result.key, path, item.path)
                    container = _renamed(result.container, path, item.path)
                    if position >= LAST_POSITION:
                        raise DatelineError(f"{item.path}: too many records in one work item")
                    if result.analysis is None or result.signature is None:
                        yield (*head, item.index, position, key, container, "failed", None,
                               None, result.error or "unknown error")  # fmt: skip
                    else:
                        analysis = result.analysis
                        if content is not None:  # the document names the original too
                            article = analysis.article
                            source = _renamed(article.source, path, item.path)
                            analysis = analysis.model_copy(
                                update={"article": article.model_copy(update={"source": source})}
                            )
                        yield (*head, item.index, position, key, container, "article",
                               analysis.to_json(), result.signature, None)  # fmt: skip
                    position += 1
                for finished in batch.finished:
                    name = _renamed(finished, path, item.path)
                    yield (*head, item.index, LAST_POSITION, name, name, "done", None, None, None)
        finally:
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)


# The JVM's options on one machine (``spark.driver.defaultJavaOptions``, unless configured):
# there it runs many small jobs and otherwise waits for the Python workers, so its optimising
# (C2) compiler and parallel garbage collector spend CPU the analysis needs on the same cores
# and are never repaid; the client compiler alone and a serial collector cost far less
# (measured in docs/EVALUATION.md, "Ingest on Spark").
LOCAL_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"


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
    # Unless the user or the cluster chose otherwise: Python workers kept between tasks, so
    # each executor process loads the pipeline and spaCy model once (``_ensure_pipeline``);
    # and on one machine no web UI (a web server started for a batch run nobody watches) and
    # the cheaper JVM options above.
    defaults = {"spark.python.worker.reuse": "true"}
    if (master or conf.get("spark.master", DEFAULT_MASTER)).startswith("local"):
        defaults["spark.ui.enabled"] = "false"
        defaults["spark.driver.defaultJavaOptions"] = LOCAL_JAVA_OPTIONS
    for key, value in defaults.items():
        if not conf.contains(key):
            builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # no Java, bad master URL: one line, not a JVM trace
        raise DatelineError(f"cannot start Spark ({str(exc).splitlines()[0]})") from None
    session.sparkContext.setLogLevel("ERROR")
    # Shuffles in a few partitions per core, not Spark's fixed 200 (each one a task with its
    # own start-up), unless the user or the cluster set the number.
    if not conf.contains("spark.sql.shuffle.partitions"):
        cores = session.sparkContext.defaultParallelism
        session.conf.set("spark.sql.shuffle.partitions", str(max(2, 2 * cores)))
    return session


def _input_files(inputs: list[str], fs: HadoopFS) -> list[tuple[str, bool]]:
    """(path, on another file system) of every input file, in input order."""
    files: list[tuple[str, bool]] = []
    for path in inputs:
        if path == "-":
            raise DatelineError("-: dateline spark ingest reads files and folders, not stdin")
        if has_scheme(path):
            files.extend((uri, True) for uri in fs.input_files(path))
        else:
            files.extend((p, False) for p in expand([path]))
    return files


# Work items per core the driver aims for when it cuts JSON Lines and WARC files into runs of
# records: enough that the cores finish together (the last task of a core is short), few enough
# that each task's skipping of the file's earlier records stays cheap.
ITEMS_PER_CORE = 8


def _work_items(
    files: list[tuple[str, bool]],
    resume: Resume,
    fields: dict[str, str],
    per_item: int,
    cores: int = 1,
) -> tuple[list[WorkItem], int]:
    """The work items, in input order, and how many input files an earlier run finished.

    A local JSON Lines or WARC file is read once here (without analysis) to measure its
    records and cut them into runs of at most ``per_item`` records and about an equal share
    of the input bytes (``ITEMS_PER_CORE`` items per core over all inputs), so that one big
    file spreads evenly over many partitions. (A file on another file system is one work item.)
    """
    measured: list[tuple[str, bool, frozenset[str], list[int] | None]] = []
    skipped = 0
    for path, remote in files:
        if path in resume.done:
            skipped += 1
            continue
        logged = frozenset(resume.logged(path))
        if remote or kind_of(path) not in ("jsonl", "warc"):
            measured.append((path, remote, logged, None))
            continue
        whole = WorkItem(path, 0, logged)
        records = [
            step.nbytes
            for step in stream([path], fields, _resume_for(whole))
            if step.item is not None
        ]
        measured.append((path, False, logged, records))
    total = sum(sum(sizes) if sizes is not None else _file_size(path)
                for path, _, _, sizes in measured)  # fmt: skip
    share = max(1, total // (ITEMS_PER_CORE * max(1, cores)))
    items: list[WorkItem] = []
    for path, remote, logged, sizes in measured:
        if sizes is None:
            nbytes = 0 if remote else _file_size(path)
            items.append(WorkItem(path, len(items), logged, remote=remote, nbytes=nbytes))
            continue
        first, held = 0, 0
        for position, size in enumerate(sizes):
            held += size
            if position + 1 - first >= per_item or held >= share:
                last = position + 1
                if last < len(sizes):
                    items.append(WorkItem(path, len(items), logged, first, last, nbytes=held))
                    first, held = last, 0
        items.append(WorkItem(path, len(items), logged, first, None, nbytes=held))
    if len(items) >= MAX_ITEMS:
        raise DatelineError(f"{len(items)} work items in one run: at most {MAX_ITEMS - 1}")
    return items, skipped


def _file_size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _balanced(items: list[WorkItem], slices: int) -> list[list[WorkItem]]:
    """The items in at most ``slices`` groups of about equal input bytes (each item to the
    lightest group, biggest items first), the heaviest group first: Spark starts tasks in
    partition order, so the long ones start early and the cores finish together."""
    loads = [(0, n) for n in range(max(1, slices))]
    groups: list[list[WorkItem]] = [[] for _ in loads]
    for item in sorted(items, key=lambda i: (-i.nbytes, i.index)):
        load, n = heapq.heappop(loads)
        groups[n].append(item)
        heapq.heappush(loads, (load + max(1, item.nbytes), n))
    filled = [sorted(group, key=lambda i: i.index) for group in groups if group]
    return sorted(filled, key=lambda group: -sum(i.nbytes for i in group))


def _join(base: str, *names: str) -> str:
    return "/".join([base.rstrip("/"), *names])


def _earlier_runs(session: Any, fs: HadoopFS, out: str) -> tuple[Any | None, list[str]]:
    """The analysed rows of every earlier run (a DataFrame, or None) and the run ids in order."""
    runs = [name for name in fs.child_dirs(_join(out, ANALYSED)) if name.startswith("run-")]
    if not runs:
        return None, []
    return session.read.parquet(*[_join(out, ANALYSED, run) for run in runs]), runs


def _resume_from(analysed: Any | None, retry_failed: bool) -> Resume:
    """What earlier runs finished, decided by ``dateline ingest``'s own rules over their log."""
    con = duckdb.connect(":memory:")
    con.execute(INGEST_LOG.ddl())
    if analysed is not None:
        rows = analysed.select("key", "container", "kind", "logged_at").collect()
        insert_rows(
            con, "ingest_log", ("input", "container", "status", "logged_at"),
            [(r.key, r.container, "stored" if r.kind == "article" else r.kind, r.logged_at)
             for r in rows],
        )  # fmt: skip
    return _resume_state(con, retry_failed)


def _with_ordinals(session: Any, analysed: Any, runs: list[str]) -> Any:
    """The analysed rows with their ordinal: runs in time order, then items, then records."""
    from pyspark.sql import functions as F

    ranks = session.createDataFrame(
        [(run, n) for n, run in enumerate(runs)], "run_id string, rank long"
    )
    return analysed.join(F.broadcast(ranks), "run_id").withColumn(
        "ordinal",
        F.shiftleft("rank", RUN_SHIFT) + F.shiftleft("item", ITEM_SHIFT) + F.col("position"),
    )


def _summary_counts(tables: dict[str, Any], run_id: str) -> BatchCounts:
    """This run's counts, from its rows of the ingest log (and its new articles' languages)."""
    from pyspark.sql import functions as F

    log = tables["ingest_log"].filter(F.col("run_id") == run_id)
    by_status = dict(log.groupBy("status").count().collect())
    counts = BatchCounts(
        stored=by_status.get("stored", 0) + by_status.get("near_duplicate", 0),
        near_duplicates=by_status.get("near_duplicate", 0),
        duplicates=by_status.get("duplicate", 0),
        copies=by_status.get("copy", 0),
        failed=by_status.get("failed", 0),
    )
    failures = log.filter("status = 'failed'").orderBy("input").limit(20).collect()
    counts.failures = [(r.input, r.reason or "unknown error") for r in failures]
    stored_ids = log.filter("status IN ('stored', 'near_duplicate')").select("article_id")
    languages = (
        tables["articles"].join(stored_ids, "article_id", "left_semi")
        .filter("language IS NOT NULL AND language != 'en'")
        .groupBy("language").count().collect()
    )  # fmt: skip
    counts.not_english.update({str(r[0]): int(r[1]) for r in languages})
    return counts


def _write_tables(
    fs: HadoopFS, out: str, tables: dict[str, Any], build: str, report: PhaseReport
) -> None:
    """Write every table under ``OUT/_building/BUILD/`` (Spark's committer: only committed
    tasks' files), then swap each into ``OUT/<table>`` by renames."""
    staging = _join(out, BUILDING, build)
    for name in table_columns():
        with report.phase(f"write {name}"):
            tables[name].write.parquet(_join(staging, name))
    for name in table_columns():
        final = _join(out, name)
        retired = _join(staging, f"old-{name}")
        if fs.exists(final):
            fs.rename(final, retired)
        fs.rename(_join(staging, name), final)
    fs.delete(staging)


def spark_ingest(
    inputs: list[str], options: SparkIngestOptions, report: PhaseReport | None = None
) -> IngestSummary:
    """Analyse ``inputs`` on Spark and write the corpus as Parquet under ``options.out``;
    ``report``, when given, is filled with each phase's time (``--timings``)."""
    from dateline.spark.corpus import build_corpus

    started = time.monotonic()
    timed = report is not None
    report = report or PhaseReport()
    out = options.out
    if not has_scheme(out):
        if Path(out).exists() and not Path(out).is_dir():
            raise DatelineError(f"{out}: --out must be a folder (the Parquet corpus)")
        out = str(Path(out).resolve())
    stages = available_stages(options.stages)
    with report.phase("start Spark"):
        session = _spark_session(options.master)
    try:
        context = session.sparkContext
        report.attach(context)
        with report.phase("list inputs"):
            fs = HadoopFS(context)
            fs.mkdirs(_join(out, ANALYSED))
            earlier, runs = _earlier_runs(session, fs, out)
            resume = _resume_from(earlier, options.retry_failed)
            files = _input_files(inputs, fs)
            work, skipped = _work_items(
                files, resume, options.fields, max(1, options.records_per_task),
                context.defaultParallelism,
            )  # fmt: skip
        now = datetime.now(UTC).replace(tzinfo=None)
        # Run ids sort in time order: the ordinal puts earlier runs' articles first.
        run_id = f"run-{now:%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:6]}"
        if work:
            config = PartitionConfig(
                tuple(stages), options.model, tuple(sorted(options.fields.items())),
                options.batch_size, run_id, now,
            )  # fmt: skip
            slices = options.partitions or max(1, min(len(work), 4 * context.defaultParallelism))
            # More, smaller tasks than cores, of about equal input bytes: a slow one does not
            # hold up the rest. One group of items per partition.
            local = [item for item in work if not item.remote]
            groups = _balanced(local, slices)
            pieces = context.parallelize(
                [[(item, None) for item in group] for group in groups], max(1, len(groups))
            ).flatMap(lambda group: group)
            remote = {item.path: item for item in work if item.remote}
            if remote:
                by_path = context.broadcast(remote)
                contents = context.binaryFiles(",".join(remote), minPartitions=slices).map(
                    lambda pair: (by_path.value[pair[0]], pair[1])
                )
                pieces = pieces.union(contents) if local else contents
            facts = task_accumulator(context) if timed else None
            rows = pieces.mapPartitionsWithIndex(
                lambda index, part: analyse_partition(config, part, facts, index)
            )
            schema = ", ".join(f"{name} {kind}" for name, kind in ANALYSED_COLUMNS)
            staged = _join(out, BUILDING, run_id)
            with report.phase("analyse"):
                session.createDataFrame(rows, schema).write.parquet(staged)
            if facts is not None:
                report.tasks = list(facts.value)
            fs.rename(staged, _join(out, ANALYSED, run_id))  # the run counts once complete
            runs.append(run_id)
        counts = BatchCounts()
        # The tables already built from exactly these runs are not built again.
        built = _join(out, BUILT, hashlib.sha1(" ".join(runs).encode()).hexdigest()[:16])
        if runs and not fs.exists(built):
            analysed = session.read.parquet(*[_join(out, ANALYSED, run) for run in runs])
            tables = build_corpus(
                session, _with_ordinals(session, analysed, runs), options.driver_graph_edges,
                report.phase,
            )  # fmt: skip
            _write_tables(fs, out, tables, run_id, report)
            fs.delete(_join(out, BUILT))
            fs.mkdirs(built)
            with report.phase("summary counts"):
                counts = _summary_counts(tables, run_id)
    finally:
        with report.phase("stop Spark", spark_jobs=False):
            session.stop()
    return IngestSummary(counts, skipped, time.monotonic() - started, stages)
