"""``dateline bench analyze``: throughput of ``analyze`` beside bare spaCy, in one run.

Both sides get the same English texts. Bare spaCy runs ``nlp.pipe`` over the article bodies
(the model as spaCy ships it, with Dateline's dash rules: ``nlp.loader.load_plain_model``);
Dateline runs what ``dateline analyze`` runs (structuring the raw text, then every requested
stage that exists at run time). The model is loaded and every stage warmed up (its lexicons
and caches loaded) before any clock starts, so the table compares steady-state throughput.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from statistics import median
from typing import TYPE_CHECKING

import click

from dateline.cli.options import batch_size_option, model_option, stages_option
from dateline.errors import InputError
from dateline.sources.files import RawInput

if TYPE_CHECKING:
    from dateline.pipeline import Pipeline

DEFAULT_CORPORA = (
    Path("../shared/bench/extraction/scrapinghub"),
    Path("../shared/examples"),
)


def _gold_bodies(folder: Path) -> Iterator[str]:
    """Article bodies of a scrapinghub-style ``ground-truth.json``."""
    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(gold):
        yield gold[page_id]["articleBody"]


def _article_files(folder: Path) -> Iterator[str]:
    from dateline.sources.files import decode_bytes

    for path in sorted(folder.rglob("*")):
        name = path.name.lower().removesuffix(".gz")
        if path.is_file() and name.endswith((".txt", ".text")):
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            yield decode_bytes(str(path), data)


def load_corpus(folder: Path | None, articles: int) -> tuple[list[str], str]:
    """``articles`` English plain texts (repeated when the corpus is smaller) and its name."""
    from dateline.article.language import detect_language

    candidates = [folder] if folder else [p for p in DEFAULT_CORPORA if p.is_dir()]
    if not candidates:
        raise InputError("--data", "no corpus folder given and ../shared/bench not found")
    source = candidates[0]
    if not source.is_dir():
        raise InputError(str(source), "no such folder")
    if (source / "ground-truth.json").exists():
        texts, name = list(_gold_bodies(source)), f"gold article bodies of {source}"
    else:
        texts, name = list(_article_files(source)), f"plain-text articles in {source}"
    # Non-English texts skip the English stages and would flatter the throughput.
    texts = [t for t in texts if t.strip() and detect_language(t) == "en"]
    if not texts:
        raise InputError(str(source), "holds no English plain-text articles")
    repeated = [texts[i % len(texts)] for i in range(articles)]
    return repeated, f"{name} ({len(texts)} distinct English texts)"


# Prepended to both scripts: the process's own peak resident memory (VmHWM) on stderr at exit.
# (The rusage of a child counts the parent's memory on Linux, whose pages it starts from.)
PEAK_PRELUDE = """
import atexit as _atexit, sys as _sys
def _report_peak():
    try:
        with open("/proc/self/status") as _status:
            for _line in _status:
                if _line.startswith("VmHWM:"):
                    _sys.stderr.write("\\nPEAK_KIB=" + _line.split()[1] + "\\n")
    except OSError:
        pass
_atexit.register(_report_peak)
"""
# A bare-spaCy script: what any spaCy user pays to analyse one article from a cold start.
BARE_SPACY_SCRIPT = """
import sys, spacy
nlp = spacy.load(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as f:
    nlp(f.read())
"""
DATELINE_SCRIPT = "from dateline.cli import main; main()"
EXAMPLES = Path("../shared/examples")


@dataclass
class ProcessCost:
    """One whole process: wall seconds, CPU seconds (user + system) and peak resident MiB."""

    wall: float
    cpu: float
    peak_mib: float


def run_process(args: list[str], env: dict[str, str] | None = None) -> ProcessCost:
    """Run ``args`` to completion with output discarded and measure that process alone."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=errors, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        error = errors.read().decode("utf-8", "replace")
    if code != 0:
        raise InputError(" ".join(args[3:]) or args[0], f"exited {code}: {error[-500:]}")
    peaks = [line for line in error.splitlines() if line.startswith("PEAK_KIB=")]
    # ru_maxrss (KiB on Linux) only where /proc is missing: it may count the parent too.
    peak_kib = int(peaks[-1].removeprefix("PEAK_KIB=")) if peaks else usage.ru_maxrss
    return ProcessCost(wall, usage.ru_utime + usage.ru_stime, peak_kib / 1024)


def startup_costs(
    article: Path, model_path: str, runs: int, analyze_args: list[str]
) -> dict[str, list[ProcessCost]]:
    """``runs`` cold starts each of bare spaCy (load the model, parse ``article``) and of
    ``dateline analyze article``, alternated so both see the same machine load.

    Both sides run as installed code does: with compiled bytecode. The processes share a
    private bytecode cache (``PYTHONPYCACHEPREFIX``) that one unmeasured run of each side
    fills first; otherwise, where ``PYTHONDONTWRITEBYTECODE`` is set and the checkout has no
    ``__pycache__``, every Dateline start would compile its modules from source while spaCy's
    come compiled from its installation.
    """
    commands = {
        "bare": [sys.executable, "-c", PEAK_PRELUDE + BARE_SPACY_SCRIPT, model_path, str(article)],
        "dateline": [
            sys.executable,
            "-c",
            PEAK_PRELUDE + DATELINE_SCRIPT,
            "analyze",
            str(article),
            *analyze_args,
        ],
    }
    costs: dict[str, list[ProcessCost]] = {"bare": [], "dateline": []}
    with tempfile.TemporaryDirectory(prefix="dateline-bytecode-") as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = cache
        for command in commands.values():
            run_process(command, env)
        for _ in range(runs):
            for side, command in commands.items():
                costs[side].append(run_process(command, env))
    return costs


def _startup_table(article: Path, costs: dict[str, list[ProcessCost]]) -> None:
    bare, ours = costs["bare"], costs["dateline"]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    click.echo(
        f"\nStart-up: one article ({article}) from a cold process, median of {len(bare)} runs "
        f"each, alternated, both with compiled bytecode; load average {load:.1f} on "
        f"{os.cpu_count()} CPUs (wall time inflates under load, CPU time much less).\n"
    )
    click.echo("| process | wall s | CPU s | peak MiB | CPU relative to bare spaCy |")
    click.echo("|---|---:|---:|---:|---:|")
    base_cpu = median(c.cpu for c in bare)
    for name, runs in (
        ("bare spaCy: load the model, parse the text (baseline)", bare),
        ("`dateline analyze` of the same file", ours),
    ):
        cpu = median(c.cpu for c in runs)
        click.echo(
            f"| {name} | {median(c.wall for c in runs):.2f} | {cpu:.2f} | "
            f"{median(c.peak_mib for c in runs):.0f} | {cpu / base_cpu:.2f}× |"
        )


def _timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


@click.command()
@click.option(
    "--data",
    type=click.Path(path_type=Path),
    default=None,
    help="Corpus: a scrapinghub-style folder (ground-truth.json) or a folder of .txt articles "
    "[default: ../shared/bench/extraction/scrapinghub].",
)
@click.option("--articles", type=int, default=100, show_default=True, help="Articles to analyse.")
@stages_option
@model_option
@batch_size_option
@click.option(
    "--repeat", type=int, default=2, show_default=True, help="Runs of each; best is kept."
)
@click.option(
    "--startup-runs",
    type=int,
    default=3,
    show_default=True,
    help="Cold starts of `dateline analyze` of one article and of a bare-spaCy script "
    "(median reported); 0 skips the start-up table.",
)
@click.option(
    "--startup-article",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    default=None,
    help="The article for the start-up table [default: the first .txt in ../shared/examples, "
    "else the corpus's first text].",
)
def analyze_command(
    data: Path | None,
    articles: int,
    stages: str | None,
    model: str | None,
    batch_size: int,
    repeat: int,
    startup_runs: int,
    startup_article: Path | None,
) -> None:
    """Articles/s and words/s of analyze beside bare spaCy nlp.pipe on the same texts.

    \b
    Examples:
      dateline bench
      dateline bench analyze --articles 200 --stages entities,quotes
    """
    from dateline.pipeline import Pipeline, resolve_stages

    if articles < 1:
        raise click.BadParameter("must be at least 1", param_hint="--articles")
    if repeat < 1:
        raise click.BadParameter("must be at least 1", param_hint="--repeat")
    texts, corpus = load_corpus(data, articles)
    try:
        requested = stages.split(",") if stages else None
        wanted = resolve_stages(requested)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--stages") from None
    # Only the stages whose code exists at run time (other engineers' stages land over time).
    present = resolve_stages(requested, installed_only=True)
    missing = [s for s in wanted if s not in present]
    pipeline = Pipeline(stages=present, model=model, batch_size=batch_size)
    nlp = pipeline.nlp
    raws = [RawInput(source=f"bench-{i}", data=t.encode("utf-8")) for i, t in enumerate(texts)]

    spacy_seconds, dateline_seconds, words = throughput(pipeline, raws, batch_size, repeat)

    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    click.echo(
        f"Throughput on {len(texts)} articles ({words} words): {corpus}; "
        f"model {nlp.meta.get('name', '?')} {nlp.meta.get('version', '')}; "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}; best of {repeat} runs; "
        f"run {when}.\n"
    )
    click.echo("| system | stages | articles/s | words/s | ms/article | relative |")
    click.echo("|---|---|---:|---:|---:|---:|")
    rows = [
        ("bare spaCy `nlp.pipe` (baseline)", "tokenise, tag, parse, NER", spacy_seconds),
        ("Dateline analyze", ", ".join(present), dateline_seconds),
    ]
    for name, what, seconds in rows:
        click.echo(
            f"| {name} | {what} | {len(texts) / seconds:.1f} | {words / seconds:,.0f} | "
            f"{1000 * seconds / len(texts):.1f} | {spacy_seconds / seconds:.2f}× |"
        )
    breakdown = _stage_breakdown(raws, pipeline)
    click.echo("\nWhere the time goes (one pass, same texts):\n")
    click.echo("| part | ms/article | share |")
    click.echo("|---|---:|---:|")
    total = sum(breakdown.values())
    for part, seconds in breakdown.items():
        click.echo(f"| {part} | {1000 * seconds / len(texts):.1f} | {seconds / total:.0%} |")
    if missing:
        click.echo(f"\nStages not present at run time (skipped): {', '.join(missing)}.")
    if startup_runs > 0:
        analyze_args = [
            *(["--stages", stages] if stages else []),
            *(["--model", model] if model else []),
        ]
        with tempfile.TemporaryDirectory() as tmp:
            article = startup_article or next(iter(sorted(EXAMPLES.glob("*.txt"))), None)
            if article is None:
                article = Path(tmp) / "article.txt"
                article.write_text(texts[0], encoding="utf-8")
            costs = startup_costs(article, str(nlp.path), startup_runs, analyze_args)
        _startup_table(article, costs)


def throughput(
    pipeline: Pipeline, raws: list[RawInput], batch_size: int, repeat: int
) -> tuple[float, float, int]:
    """(bare spaCy seconds, Dateline seconds, words) over ``raws``: bare spaCy ``nlp.pipe`` on
    the structured bodies, Dateline ``Pipeline.run`` on the raw inputs; both warmed up first,
    alternated ``repeat`` times, each one's best kept."""
    from dateline.article import structure
    from dateline.nlp.loader import load_plain_model

    # spaCy's own components (Dateline's model finds the attribute ruler's matches faster).
    nlp = load_plain_model(pipeline.model)

    def run_dateline() -> list[object]:
        return list(pipeline.run(raws, raise_errors=True))

    # Warm-up: load lexicons, gazetteers and caches of every stage before timing.
    list(pipeline.run(raws[: min(4, len(raws))], raise_errors=True))
    bodies = [structure(raw).text for raw in raws]
    words = sum(len(body.split()) for body in bodies)
    list(nlp.pipe(bodies[:4]))
    # Alternate the two and keep each one's best time: the machine is shared, and the best of
    # several runs is the least disturbed measure of what the code itself costs.
    spacy_seconds = dateline_seconds = float("inf")
    for _ in range(repeat):
        spacy_seconds = min(
            spacy_seconds, _timed(lambda: list(nlp.pipe(bodies, batch_size=batch_size)))
        )
        dateline_seconds = min(dateline_seconds, _timed(run_dateline))
    return spacy_seconds, dateline_seconds, words


def _stage_breakdown(raws: list[RawInput], pipeline: Pipeline) -> dict[str, float]:
    """Seconds spent structuring, in spaCy, and in each analysis stage, over the texts: one
    pass of the pipeline with its timing hook."""
    names = {"article": "article (structuring)", "nlp": "nlp (spaCy parse)"}
    seconds: dict[str, float] = {"article (structuring)": 0.0, "nlp (spaCy parse)": 0.0}

    def add(stage: str, spent: float) -> None:
        part = names.get(stage, stage)
        seconds[part] = seconds.get(part, 0.0) + spent

    pipeline.on_timing = add
    try:
        list(pipeline.run(raws, raise_errors=True))
    finally:
        pipeline.on_timing = None
    return seconds
