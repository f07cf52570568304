"""``dateline bench all``: every speed figure of Dateline beside bare spaCy, in one run.

1. Start-up: whole-process ``dateline analyze`` of one article against a bare-spaCy script that
   loads the model and parses the same text (median of ``--startup-runs`` alternated runs each,
   CPU seconds compared: the machine is shared, CPU time is what the code costs; both sides
   with compiled bytecode, as installed code runs: see ``bench_analyze.startup_costs``).
2. Analyze throughput: ``Pipeline.run`` against ``nlp.pipe`` on the same texts, model loaded and
   stages warmed up before any clock starts (the texts and method of ``bench analyze``).
3. Ingest: ``--articles`` inputs with one worker and with ``--workers`` workers, then
   ``--large`` inputs with ``--workers`` workers (the corpus of ``bench ingest``: benchmark
   pages and texts, then lightly edited copies). Each is one process calling the ingest that
   ``dateline ingest`` runs; its rate is counted from the first batch stored to the last, so
   the model load (timed apart, as start-up) does not depress it; bare spaCy ``nlp.pipe`` runs
   over exactly the bodies the one-worker ingest analysed, right after that ingest (so both
   sides of the one-worker ratio meet the same load on a shared machine). Beside each rate,
   the CPU seconds per stored article over the same window (the whole process tree: the
   writing parent and its workers), which a shared machine moves less than wall time; bare
   spaCy's is the CPU of its ``nlp.pipe`` loop. Peak memory is the largest summed
   resident memory of the ingest's process tree (parent and workers), sampled every 0.1 s:
   the second size's peak over the first's shows whether memory grows with the corpus.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from statistics import median

import click

from dateline.cli.options import batch_size_option, model_option, stages_option, usable_cores
from dateline.evaluation import bench_analyze, bench_ingest

# One ingest in its own process, timed batch by batch through ingest's progress callback: at
# each batch stored, the seconds since the start, the articles stored so far and the CPU seconds
# of the process tree so far (this process and its workers, each one's own time from /proc).
_INGEST_SCRIPT = """
import json, os, sys, time
from dateline.evaluation.bench_ingest import tree_cpu
from dateline.store.ingest import IngestOptions, ingest
spec = json.loads(sys.argv[1])
started = time.perf_counter()
marks = []
def progress(done, total, counts):
    marks.append((time.perf_counter() - started, counts.stored, tree_cpu(os.getpid())))
options = IngestOptions(db=spec["db"], workers=spec["workers"], batch_size=spec["batch_size"],
                        stages=spec["stages"], model=spec["model"])
summary = ingest([spec["corpus"]], options, progress=progress)
c = summary.counts
print(json.dumps({"seconds": time.perf_counter() - started, "marks": marks, "stored": c.stored,
                  "near_duplicates": c.near_duplicates, "failed": c.failed}))
"""


@dataclass(frozen=True)
class IngestRun:
    label: str
    inputs: int
    workers: int
    stored: int
    failed: int
    seconds: float  # the whole process, model load and shut-down included
    first_batch: float  # seconds until the first batch was stored
    steady_rate: float  # stored articles/s from the first batch stored to the last
    steady_cpu: float  # CPU seconds of the process tree per article stored in that window
    peak_mib: float


def _steady_rate(marks: list[list[float]]) -> tuple[float, float, float]:
    """(seconds to the first batch stored, articles/s from there to the last batch, CPU
    seconds of the process tree per article stored over the same window)."""
    stored = [(t, n, cpu) for t, n, cpu in marks if n > 0]
    if not stored:
        return float("nan"), 0.0, float("nan")
    (t0, n0, cpu0), (t1, n1, cpu1) = stored[0], stored[-1]
    if t1 <= t0 or n1 <= n0:
        return t0, 0.0, float("nan")
    return t0, (n1 - n0) / (t1 - t0), (cpu1 - cpu0) / (n1 - n0)


def run_ingest(
    corpus: Path, db: Path, workers: int, batch_size: int, stages: str | None, model: str | None
) -> tuple[dict[str, object], float]:
    for stale in (db, Path(f"{db}.wal")):
        stale.unlink(missing_ok=True)
    spec = {
        "corpus": str(corpus), "db": str(db), "workers": workers, "batch_size": batch_size,
        "stages": stages.split(",") if stages else None, "model": model,
    }  # fmt: skip
    _, peak, _, done = bench_ingest._measure(
        [sys.executable, "-c", _INGEST_SCRIPT, json.dumps(spec)]
    )
    if done.returncode != 0 or not done.stdout.strip():
        raise click.ClickException(f"ingest ({workers} workers) failed: {done.stderr[-800:]}")
    return json.loads(done.stdout.strip().splitlines()[-1]), peak


def _bare_spacy(db: Path, model: str | None, batch_size: int) -> tuple[dict[str, float], float]:
    """Bare spaCy ``nlp.pipe`` over the bodies the ingest into ``db`` stored: its figures
    (articles, seconds, CPU seconds of the loop, words) and its peak MiB."""
    _, peak, _, done = bench_ingest._measure(
        [sys.executable, "-c", bench_ingest._BARE_SPACY, str(db), model or "", str(batch_size)]
    )
    if done.returncode != 0 or not done.stdout.strip():
        raise click.ClickException(f"bare spaCy run failed: {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout.strip().splitlines()[-1]), peak


def _first_lines(source: Path, target: Path, n: int) -> None:
    with source.open(encoding="utf-8") as given, target.open("w", encoding="utf-8") as out:
        for _, line in zip(range(n), given, strict=False):
            out.write(line)


@click.command()
@click.option(
    "--articles", type=click.IntRange(10), default=100, show_default=True,
    help="Texts for the analyze throughput, and inputs for the ingest runs (1 and N workers).",
)  # fmt: skip
@click.option(
    "--large", type=click.IntRange(10), default=1000, show_default=True,
    help="Inputs of the second ingest size, for peak memory against --articles.",
)  # fmt: skip
@click.option(
    "--workers", type=click.IntRange(2, 64), default=None,
    help="Workers of the N-worker runs [default: the usable CPU cores, at least 2].",
)  # fmt: skip
@click.option(
    "--startup-runs", type=click.IntRange(1), default=5, show_default=True,
    help="Cold starts of each side for the start-up row (median).",
)  # fmt: skip
@click.option(
    "--repeat", type=click.IntRange(1), default=1, show_default=True,
    help="Analyze throughput runs of each side; best kept.",
)  # fmt: skip
@click.option(
    "--data", type=click.Path(path_type=Path), default=bench_ingest.DEFAULT_EXTRACTION,
    show_default=True, help="The shared extraction benchmark folder (scrapinghub/, fundus/).",
)  # fmt: skip
@click.option(
    "--examples", type=click.Path(path_type=Path), default=bench_ingest.DEFAULT_EXAMPLES,
    show_default=True,
)  # fmt: skip
@stages_option
@model_option
@batch_size_option
@click.option(
    "--keep", type=click.Path(path_type=Path), default=None,
    help="Keep the corpora and databases here.",
)  # fmt: skip
def command(
    articles: int, large: int, workers: int | None, startup_runs: int, repeat: int, data: Path,
    examples: Path, stages: str | None, model: str | None, batch_size: int, keep: Path | None,
) -> None:  # fmt: skip
    """Start-up, analyze throughput, ingest with 1 and N workers and peak memory at two corpus
    sizes, each beside bare spaCy, in one run.

    Ingest rates count stored articles from the first batch stored to the last; the bare-spaCy
    baseline parses the bodies the one-worker ingest stored, right after it. The one-worker
    row is also given in CPU seconds per stored article over the same window (steadier than
    wall time on a shared machine).

    \b
    Examples:
      dateline bench all                                # 100 and 1,000 inputs
      dateline bench all --articles 50 --large 200 --startup-runs 3   # a quicker look
    """
    from dateline.pipeline import Pipeline, resolve_stages
    from dateline.sources.files import RawInput

    n_workers = workers or max(2, usable_cores())

    def step(text: str) -> None:
        """What the bench is doing now, on stderr (the table comes at the end, on stdout)."""
        click.echo(f"bench all: {text} …", err=True)

    load_start = os.getloadavg()
    out = click.echo

    # -- start-up -------------------------------------------------------------------------
    requested = stages.split(",") if stages else None
    try:
        present = resolve_stages(requested, installed_only=True)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--stages") from None
    pipeline = Pipeline(stages=present, model=model, batch_size=batch_size)
    nlp = pipeline.nlp
    analyze_args = [
        *(["--stages", stages] if stages else []),
        *(["--model", model] if model else []),
    ]
    step(f"start-up, {startup_runs} cold runs of each side")
    with tempfile.TemporaryDirectory() as tmp:
        texts, corpus_name = bench_analyze.load_corpus(None, articles)
        article = next(iter(sorted(bench_analyze.EXAMPLES.glob("*.txt"))), None)
        if article is None:
            article = Path(tmp) / "article.txt"
            article.write_text(texts[0], encoding="utf-8")
        costs = bench_analyze.startup_costs(article, str(nlp.path), startup_runs, analyze_args)
    bare_start, ours_start = costs["bare"], costs["dateline"]

    # -- analyze throughput ----------------------------------------------------------------
    step(f"analyze throughput on {len(texts)} texts")
    raws = [RawInput(source=f"bench-{i}", data=t.encode("utf-8")) for i, t in enumerate(texts)]
    spacy_seconds, dateline_seconds, words = bench_analyze.throughput(
        pipeline, raws, batch_size, repeat
    )

    # -- ingest ------------------------------------------------------------------------------
    folder = keep or Path(tempfile.mkdtemp(prefix="dateline-bench-all-"))
    folder.mkdir(parents=True, exist_ok=True)
    big = folder / f"corpus-{large}.jsonl"
    distinct, copies = bench_ingest.build_corpus(big, max(large, articles), data, examples)
    small = folder / f"corpus-{articles}.jsonl"
    if small != big:  # the same file when --large equals --articles: writing it would empty it
        _first_lines(big, small, articles)
    runs: list[IngestRun] = []
    plan = [
        (f"`dateline ingest --workers 1`, {articles} inputs", small, articles, 1),
        (f"`dateline ingest --workers {n_workers}`, {articles} inputs", small, articles, n_workers),
        (f"`dateline ingest --workers {n_workers}`, {large} inputs", big, large, n_workers),
    ]
    bare: dict[str, float] = {}
    bare_peak = 0.0
    for label, corpus, inputs, count in plan:
        db = folder / f"ingest-{inputs}-{count}.duckdb"
        step(f"ingest of {inputs} inputs with {count} worker{'s' if count > 1 else ''}")
        result, peak = run_ingest(corpus, db, count, batch_size, stages, model)
        first_batch, rate, cpu = _steady_rate(result["marks"])  # type: ignore[arg-type]
        runs.append(
            IngestRun(label, inputs, count, int(result["stored"]), int(result["failed"]),  # type: ignore[call-overload]
                      float(result["seconds"]), first_batch, rate, cpu, peak)  # type: ignore[arg-type]
        )  # fmt: skip
        if not bare:
            # Right after the one-worker ingest, whose ratio it is the baseline of.
            step("bare spaCy nlp.pipe over the bodies the one-worker ingest stored")
            bare, bare_peak = _bare_spacy(db, model, batch_size)
    bare_rate = bare["articles"] / bare["seconds"]
    bare_cpu_per_article = bare["cpu"] / bare["articles"]
    load_end = os.getloadavg()

    # -- the table ---------------------------------------------------------------------------
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    out(
        f"`dateline bench all` run {when}: {os.cpu_count()} CPUs shared with other jobs, load "
        f"average {load_start[0]:.1f} at start and {load_end[0]:.1f} at the end; Python "
        f"{platform.python_version()}, model {nlp.meta.get('name', '?')} "
        f"{nlp.meta.get('version', '')}; stages {', '.join(present)}; batch size {batch_size}."
    )
    out(
        f"Analyze: {len(texts)} texts ({words:,} words), {corpus_name}. Ingest: JSON Lines of "
        f"{distinct} distinct pages/texts from {data} and {examples} then {copies} edited "
        f"copies; the {articles}-input corpus is its first {articles} lines."
    )
    out("")
    out("| what | Dateline | bare spaCy (same run) | ratio | target |")
    out("|---|---:|---:|---:|---|")
    ours_cpu = median(c.cpu for c in ours_start)
    bare_cpu = median(c.cpu for c in bare_start)
    out(
        f"| start-up: one article, whole process, CPU s (median of {startup_runs}, bytecode "
        f"compiled; wall "
        f"{median(c.wall for c in ours_start):.2f} vs {median(c.wall for c in bare_start):.2f}) "
        f"| {ours_cpu:.2f} s | {bare_cpu:.2f} s | {ours_cpu / bare_cpu:.2f}× slower | ≤ 1.5× |"
    )
    out(
        f"| start-up peak memory | {median(c.peak_mib for c in ours_start):.0f} MiB | "
        f"{median(c.peak_mib for c in bare_start):.0f} MiB | | |"
    )
    out(
        f"| analyze throughput, articles/s (best of {repeat}) | {len(texts) / dateline_seconds:.2f} "
        f"| {len(texts) / spacy_seconds:.2f} | {spacy_seconds / dateline_seconds:.2f}× | ≥ 0.85× |"
    )
    one, many, big_run = runs
    for run in (one, many, big_run):
        out(
            f"| {run.label}: stored articles/s after the first batch | {run.steady_rate:.2f} | "
            f"{bare_rate:.2f} | {run.steady_rate / bare_rate:.2f}× | "
            f"{'≥ 0.75×' if run is one else ''} |"
        )
        if run is one:
            out(
                f"| the same window in CPU s per stored article (process tree: writer and "
                f"worker; bare spaCy: its loop) | {run.steady_cpu:.3f} | {bare_cpu_per_article:.3f} | "
                f"{bare_cpu_per_article / run.steady_cpu if run.steady_cpu else float('nan'):.2f}× | |"
            )
    scaling = many.steady_rate / one.steady_rate if one.steady_rate else float("nan")
    out(
        f"| ingest scaling, {n_workers} workers over 1 ({articles} inputs) | {scaling:.2f}× | | | "
        f"≥ 1.8× on 2 cores |"
    )
    growth = big_run.peak_mib / many.peak_mib if many.peak_mib else float("nan")
    out(
        f"| ingest peak memory (process tree), {n_workers} workers: {articles} → {large} inputs "
        f"| {many.peak_mib:.0f} → {big_run.peak_mib:.0f} MiB | {bare_peak:.0f} MiB "
        f"(nlp.pipe of {bare['articles']} bodies) | {growth:.2f}× | ≤ 1.2× |"
    )
    out("")
    out(
        "| ingest run | inputs | stored | failed | process s | first batch stored at s "
        "| CPU s per stored article after it | peak MiB |"
    )
    out("|---|---:|---:|---:|---:|---:|---:|---:|")
    for run in runs:
        out(
            f"| {run.label} | {run.inputs} | {run.stored} | {run.failed} | {run.seconds:.1f} | "
            f"{run.first_batch:.1f} | {run.steady_cpu:.3f} | {run.peak_mib:.0f} |"
        )
    if keep is None:
        click.echo(f"\n(corpora and databases in {folder}; --keep DIR to choose)", err=True)
