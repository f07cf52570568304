"""``dateline bench``: throughput of Dateline beside bare spaCy, measured in one run."""

from __future__ import annotations

import click

from dateline.cli import LazyGroup

BENCHMARKS: dict[str, str] = {
    "all": "dateline.evaluation.bench_all:command",
    "analyze": "dateline.evaluation.bench_analyze:analyze_command",
    "ingest": "dateline.evaluation.bench_ingest:command",
    "watch": "dateline.evaluation.bench_watch:command",
    "serve": "dateline.evaluation.bench_serve:command",
}
SUMMARIES = {
    "all": "start-up, analyze, ingest 1/N workers and peak memory at two sizes, one table.",
    "analyze": "articles/s and words/s of analyze vs bare spaCy nlp.pipe (default).",
    "ingest": "articles/s of ingest with 1 and 2 workers vs bare spaCy; peak memory.",
    "watch": "pages/s of a watch round over a local site; 304s on an unchanged round.",
    "serve": "explorer response times per page on a 10,000-article synthetic corpus.",
}


@click.group(cls=LazyGroup, lazy=BENCHMARKS, summaries=SUMMARIES, invoke_without_command=True)
@click.pass_context
def bench(ctx: click.Context) -> None:
    """Measure throughput beside bare spaCy on the same texts, in the same run.

    Bare spaCy is the model as shipped (its own components, plus the dash rules Dateline adds
    to every parse); Dateline's own parse finds the attribute ruler's matches faster, with the
    same annotations, so that saving counts on Dateline's side.

    \b
    Examples:
      dateline bench                 # same as: dateline bench analyze
      dateline bench all             # every figure in one table (several minutes)
      dateline bench all --articles 50 --large 200 --startup-runs 3
      dateline bench ingest --articles 1000
      dateline bench watch --articles 500
      dateline bench serve --articles 10000
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(bench.get_command(ctx, "analyze"))  # type: ignore[arg-type]
