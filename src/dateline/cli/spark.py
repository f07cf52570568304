"""``dateline spark``: build the corpus on Apache Spark (needs ``pip install 'dateline[spark]'``)."""

from __future__ import annotations

import shlex
import sys

import click


@click.group()
def spark() -> None:
    """Build the corpus on Apache Spark: the same corpus as `ingest`, as Parquet.

    \b
    Examples:
      dateline spark ingest 'data/warc/' --out corpus/           # local[*]
      dateline spark ingest news.jsonl --out corpus/ --master local[2]
      dateline query events --db corpus/ --actor Putin            # reads the Parquet
      spark-submit --master yarn $(dateline spark submit-args --wheel dist/dateline.whl) \\
          ingest /shared/news/ --out /shared/corpus/
    """


@spark.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", required=True, metavar="DIR", help="The Parquet corpus folder (created).")
@click.option(
    "--master",
    default=None,
    help="Spark master URL (default: local[*], or whatever spark-submit was given).",
)
@click.option(
    "--partitions",
    type=click.IntRange(1, 100000),
    default=None,
    help="Spark partitions of the input files (default: 4 per core, at most one per file).",
)
@click.option(
    "--records-per-task",
    type=click.IntRange(1, 1_000_000),
    default=64,
    show_default=True,
    help="At most this many records of a JSON Lines or WARC file per work item (big files are "
    "cut into runs of about equal bytes, eight per core, spread over tasks).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 1024),
    default=16,
    show_default=True,
    help="Articles per nlp.pipe call inside a partition.",
)
@click.option(
    "--stages", default=None, help="Comma-separated stages to run (default: every installed stage)."
)
@click.option(
    "--model", default=None, help="spaCy model package or path (default: pinned en_core_web_sm)."
)
@click.option(
    "--field", "fields", multiple=True, metavar="NAME=FIELD", help="JSON Lines field names."
)
@click.option("--retry-failed", is_flag=True, help="Try again the inputs that failed before.")
@click.option(
    "--driver-graph-edges",
    type=click.IntRange(0, 100_000_000),
    default=200_000,
    show_default=True,
    metavar="N",
    help="Candidate graphs (near-duplicate and event pairs) of at most N edges have their "
    "connected components found on the driver (one Spark job); larger ones by label "
    "propagation on the executors (two jobs a step). 0: always on the executors.",
)
@click.option(
    "--timings",
    is_flag=True,
    help="Print where the time went on stderr: each phase's wall-clock seconds (Spark start, "
    "listing, analysis, each corpus step, each table written) with its Spark jobs and tasks, "
    "and how the analysis split over the cores.",
)
def spark_ingest(
    inputs: tuple[str, ...], out: str, master: str | None, partitions: int | None,
    records_per_task: int, batch_size: int, stages: str | None, model: str | None, fields: tuple[str, ...],
    retry_failed: bool, driver_graph_edges: int, timings: bool,
) -> None:  # fmt: skip
    """Analyse INPUTS on Spark into the Parquet corpus folder --out.

    INPUTS are what `dateline ingest` reads (files, folders, .jsonl, .warc(.gz), gzip): local
    paths every executor sees (local[*], or a shared mount on a cluster), or paths on any
    Hadoop file system (s3a://, hdfs://, file://; globs allowed). The analysis runs in Spark
    partitions into OUT/_analysed/; the corpus steps (copies, near-duplicates, corpus entities
    and events, counts) run as Spark operations over it and give the tables `dateline ingest`
    gives, written to OUT/<table>/*.parquet with the same columns and types. Re-running skips
    inputs already done, so nothing is doubled.

    \b
    Examples:
      dateline spark ingest ./news/ --out corpus/
      dateline spark ingest crawl.warc.gz dump.jsonl --out corpus/ --master local[2]
      dateline stats --db corpus/
    """
    from dateline.errors import InputError
    from dateline.sources.jsonl import parse_field_options
    from dateline.spark.job import SparkIngestOptions, spark_ingest
    from dateline.spark.timings import PhaseReport
    from dateline.textsafety import for_terminal

    try:
        field_map = parse_field_options(fields)
    except InputError as exc:
        raise click.BadParameter(exc.problem, param_hint="--field") from None
    options = SparkIngestOptions(
        out=out, master=master, batch_size=batch_size,
        stages=stages.split(",") if stages else None, model=model, fields=field_map,
        retry_failed=retry_failed, partitions=partitions,
        records_per_task=records_per_task, driver_graph_edges=driver_graph_edges,
    )  # fmt: skip
    report = PhaseReport() if timings else None
    try:
        summary = spark_ingest(list(inputs), options, report)
    except ValueError as exc:  # unknown stage name
        raise click.BadParameter(str(exc), param_hint="--stages") from None
    if report is not None:
        for line in report.lines(summary.seconds):
            click.echo(f"dateline: {line}", err=True)
    c = summary.counts
    for key, reason in c.failures[:20]:
        click.echo(f"dateline: failed: {for_terminal(f'{key}: {reason}', one_line=True)}", err=True)
    rate = c.stored / summary.seconds if summary.seconds else 0.0
    click.echo(
        f"Ingested on Spark into {for_terminal(out, one_line=True)}: {c.stored} articles stored "
        f"({c.near_duplicates} near-duplicates linked to earlier stories), {c.copies} exact "
        f"copies from other sources counted, {c.duplicates} already stored, {c.failed} failed, "
        f"{summary.skipped} done by an earlier run; {summary.seconds:.1f} s, {rate:.1f} "
        f"articles/s. Stages: {', '.join(summary.stages)}.",
        err=True,
    )
    if c.failed:
        sys.exit(1)


@spark.command("submit-args")
@click.option(
    "--wheel",
    default=None,
    metavar="FILE",
    help="The dateline wheel to ship (default: the newest dist/dateline-*.whl).",
)
@click.option(
    "--env-archive",
    default=None,
    metavar="FILE",
    help="A packed Python environment (venv-pack/conda-pack .tar.gz) with dateline, its "
    "dependencies and the spaCy model installed, unpacked on every executor.",
)
def submit_args(wheel: str | None, env_archive: str | None) -> None:
    """Print the spark-submit arguments that run `dateline spark` on a cluster.

    Prints (on stdout, one line) the files to ship and the driver script, to be followed by
    `ingest INPUTS --out DIR`; what every node needs is checked and explained on stderr.

    \b
    Example:
      spark-submit --master yarn $(dateline spark submit-args --env-archive env.tar.gz) \\
          ingest /shared/news/ --out /shared/corpus/
    """
    from dateline.spark.submit import submit_arguments

    args, notes = submit_arguments(wheel, env_archive)
    for note in notes:
        click.echo(f"dateline: {note}", err=True)
    click.echo(" ".join(shlex.quote(a) for a in args))
