"""``dateline bench ingest``: end-to-end ingest throughput with 1 and 2 workers beside bare spaCy.

With ``--spark MASTERS``, ``dateline spark ingest`` runs on the same corpus too (one run per
Spark master, e.g. ``local[1]`` and ``local[2]``), timed the same way.

The corpus is built from the shared extraction benchmark (scrapinghub gold bodies, whole-page
plain texts and raw HTML pages; fundus English HTML pages) and the example articles, written
as one JSON Lines file. When these give fewer articles than asked, lightly edited copies of the
article bodies are added (the middle paragraph dropped, an update line appended): syndicated
copies, as in a real crawl, which ingest analyses in full and links as near-duplicates. The
three versions of each scrapinghub page often structure to the same body: those are exact
duplicates, read and structured but not analysed again.

Each ingest runs as a ``dateline ingest`` subprocess on a fresh database, timed from start to
exit (model loading included). Bare spaCy then runs ``nlp.pipe`` over exactly the article
bodies the first ingest stored. Peak memory is the largest summed RSS of the process tree,
sampled every 0.1 s. CPU seconds are those of the whole process tree (the ingest process, its
worker processes; for Spark the driver, the JVM and the Python workers), the larger of what
reaped processes report and what sampling each process's own CPU time finds (``TreeSampler``:
PySpark's Python workers are reaped where their time is lost): on a machine shared
with other jobs, wall-clock time measures the load as much as the code, while CPU seconds per
article stay readable as the cost per core.
"""

from __future__ import annotations

import gzip
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import click

from dateline.cli.options import batch_size_option, model_option, stages_option

DEFAULT_EXTRACTION = Path("../shared/bench/extraction")
DEFAULT_EXAMPLES = Path("../shared/examples")
_TAGS = re.compile(r"<script.*?</script>|<style.*?</style>|<[^>]+>", re.S | re.I)
# Body-like closing lines (wire credits would be dropped as boilerplate and leave exact copies).
_UPDATES = (
    "The story was updated at {hour} p.m. with further details from {n} officials.",
    "This version adds comment received at {hour} a.m. from {n} people close to the matter.",
    "An earlier version misstated the figure; it has been corrected to {n} in this update.",
)


@dataclass(frozen=True)
class Run:
    name: str
    articles: int
    seconds: float
    peak_mib: float
    cpu_seconds: float | None
    note: str = ""


def _english(text: str) -> bool:
    from dateline.article.language import detect_language

    return detect_language(text[:5000]) == "en"


def base_records(extraction: Path, examples: Path) -> Iterator[dict[str, str]]:
    """Distinct English inputs: text bodies, whole-page texts and HTML pages."""
    scrapinghub = extraction / "scrapinghub"
    if (scrapinghub / "ground-truth.json").exists():
        gold = json.loads((scrapinghub / "ground-truth.json").read_text(encoding="utf-8"))
        plain_file = scrapinghub / "plain-text-html-text.json"
        plain = (
            json.loads(plain_file.read_text(encoding="utf-8"))["output"]
            if plain_file.exists()
            else {}
        )
        for page_id in sorted(gold):
            body, url = gold[page_id]["articleBody"], gold[page_id].get("url", "")
            if not _english(body):
                continue
            yield {"text": body, "url": url, "kind": "gold body"}
            if page_id in plain:
                yield {"text": plain[page_id]["articleBody"], "kind": "whole-page text"}
            html_file = scrapinghub / "html" / f"{page_id}.html.gz"
            if html_file.exists():
                yield {
                    "html": gzip.decompress(html_file.read_bytes()).decode("utf-8", "replace"),
                    "url": url,
                }
    pairs_file = extraction / "fundus" / "pairs.json"
    if pairs_file.exists():
        for pair in json.loads(pairs_file.read_text(encoding="utf-8")):
            html_file = extraction / "fundus" / "test_data" / pair["html"]
            if not html_file.exists():
                continue
            html = gzip.decompress(html_file.read_bytes()).decode("utf-8", "replace")
            if _english(" ".join(_TAGS.sub(" ", html).split())):
                yield {
                    "html": html,
                    "url": pair.get("url", ""),
                    "publisher": pair.get("publisher", ""),
                }
    for path in sorted(examples.glob("*.txt")) if examples.is_dir() else []:
        yield {"text": path.read_text(encoding="utf-8"), "kind": "gold body"}


def _edited_copy(record: dict[str, str], n: int) -> dict[str, str] | None:
    """A syndicated copy: one paragraph from the middle dropped, an update line added."""
    text = record.get("text")
    # Whole-page texts would lose the added line among their footers: copy article bodies.
    if not text or record.get("kind") != "gold body":
        return None
    paragraphs = [p for p in text.split("\n") if p.strip()]
    if len(paragraphs) < 3:
        return None
    # The middle is body text in gold bodies and whole-page texts alike (edges may be menus).
    del paragraphs[len(paragraphs) // 2]
    paragraphs.append(_UPDATES[n % len(_UPDATES)].format(hour=n % 12 + 1, n=n + 2))
    return {"text": "\n\n".join(paragraphs), "kind": "edited copy"}


def build_corpus(path: Path, articles: int, extraction: Path, examples: Path) -> tuple[int, int]:
    """Write ``articles`` JSON Lines records; returns (distinct inputs, edited copies)."""
    bases = list(base_records(extraction, examples))
    if not bases:
        raise click.ClickException(f"no benchmark articles found under {extraction} or {examples}")
    records = bases[:articles]
    copies = 0
    n = 0
    while len(records) < articles and n < 50 * articles:
        copy = _edited_copy(bases[n % len(bases)], n // len(bases))
        n += 1
        if copy is not None:
            records.append(copy)
            copies += 1
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(records) - copies, copies


def _children(pid: int) -> list[int]:
    """The processes ``pid`` started (of any of its threads), from /proc; none when it ended."""
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as children:
                found.extend(int(c) for c in children.read().split())
    except (OSError, ValueError):
        pass
    return found


def _descendants(roots: list[int]) -> list[int]:
    """``roots`` and every process below them (processes that end meanwhile are skipped)."""
    found, todo = [], list(roots)
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(_children(current))
    return found


_TICKS = os.sysconf("SC_CLK_TCK")


def _own_cpu(pid: int) -> tuple[tuple[int, int], float] | None:
    """((pid, start time), CPU seconds so far) of one process, from /proc/PID/stat: its own
    user and system time, not its children's. The start time tells a reused pid apart."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    # After the command name: state is field 3, utime 14, stime 15, starttime 22 (man proc).
    return (pid, int(fields[19])), (int(fields[11]) + int(fields[12])) / _TICKS


def tree_cpu(pid: int) -> float:
    """CPU seconds so far of ``pid`` and every live process below it, each one's own time
    (what ended already is not counted: sample while the processes of interest run)."""
    return sum(seen[1] for p in _descendants([pid]) if (seen := _own_cpu(p)) is not None)


class TreeSampler:
    """Samples a command's process tree every 0.1 s: peak summed RSS, and each process's own
    CPU time as last seen.

    The sampled CPU counts processes whose CPU time never reaches the bench through
    ``RUSAGE_CHILDREN``: PySpark's worker daemon ignores SIGCHLD, so the kernel reaps its
    Python workers (where the analysis runs) without adding their time to any parent. It
    misses what a process spends after its last sample (under 0.1 s each); the bench reports
    the larger of the two counts."""

    def __init__(self, pid: int, adopted_before: set[int]) -> None:
        self.pid = pid
        self.adopted_before = adopted_before
        self.peak_rss = 0
        self.cpu: dict[tuple[int, int], float] = {}

    def sample(self) -> None:
        # Orphans adopted by this process (the subreaper) are the command's too.
        roots = [self.pid] + sorted(_own_children() - self.adopted_before - {self.pid})
        page = os.sysconf("SC_PAGE_SIZE")
        rss = 0
        for current in _descendants(roots):
            try:
                with open(f"/proc/{current}/statm") as statm:
                    rss += int(statm.read().split()[1]) * page
            except (OSError, ValueError):
                continue
            seen = _own_cpu(current)
            if seen is not None:
                self.cpu[seen[0]] = seen[1]
        self.peak_rss = max(self.peak_rss, rss)

    @property
    def cpu_seconds(self) -> float:
        return sum(self.cpu.values())


def _own_children() -> set[int]:
    return set(_children(os.getpid()))


def _become_subreaper() -> bool:
    """Make this process the reaper of its orphaned descendants (Linux ``PR_SET_CHILD_SUBREAPER``).

    The Spark JVM and its Python workers can outlive the process that started them; adopted
    and reaped here, their CPU time reaches this process's ``RUSAGE_CHILDREN`` like any other
    descendant's (a process's CPU time is added to its parent's when the parent reaps it)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(36, 1, 0, 0, 0)) == 0  # 36: PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def _reap_descendants(limit: float = 120.0) -> bool:
    """Wait for every adopted descendant to exit; False if some still run after ``limit`` s."""
    give_up = time.monotonic() + limit
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return True
        if pid == 0:
            if time.monotonic() > give_up:
                return False
            time.sleep(0.1)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _measure(
    args: list[str], subreaper: bool = False
) -> tuple[float, float, float | None, subprocess.CompletedProcess[str]]:
    """Run a command; returns (seconds, peak MiB of its process tree, CPU seconds of its
    process tree or None when some of it could not be counted, the completed process)."""
    cpu_before = _children_cpu()
    adopted_before = _own_children()
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    tree = TreeSampler(proc.pid, adopted_before)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            tree.sample()
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    # Without the subreaper, orphaned descendants' CPU time never reaches RUSAGE_CHILDREN;
    # with it, workers reaped by a parent ignoring SIGCHLD still do not: see TreeSampler.
    counted = subreaper and _reap_descendants()
    reaped = _children_cpu() - cpu_before if counted else 0.0
    cpu = max(reaped, tree.cpu_seconds)
    completed = subprocess.CompletedProcess(args, proc.returncode, out, err)
    return seconds, tree.peak_rss / 2**20, cpu, completed


_BARE_SPACY = """
import json, sys, time
import duckdb
from dateline.nlp.loader import load_plain_model as load_model
con = duckdb.connect(sys.argv[1], read_only=True)
texts = [json.loads(a)["article"]["text"] for (a,) in con.execute(
    "SELECT analysis FROM articles WHERE stages LIKE '%nlp%' ORDER BY ingested_at, article_id").fetchall()]
con.close()
nlp = load_model(sys.argv[2] or None)
list(nlp.pipe(texts[:4]))
started, cpu = time.perf_counter(), time.process_time()
for _ in nlp.pipe(texts, batch_size=int(sys.argv[3])):
    pass
print(json.dumps({"articles": len(texts), "seconds": time.perf_counter() - started,
                  "cpu": time.process_time() - cpu, "words": sum(len(t.split()) for t in texts)}))
"""


@click.command()
@click.option(
    "--articles", type=click.IntRange(10), default=1000, show_default=True, help="Corpus size."
)
@click.option(
    "--data",
    type=click.Path(path_type=Path),
    default=DEFAULT_EXTRACTION,
    show_default=True,
    help="The shared extraction benchmark folder (scrapinghub/, fundus/).",
)
@click.option(
    "--examples", type=click.Path(path_type=Path), default=DEFAULT_EXAMPLES, show_default=True
)
@click.option(
    "--workers", "worker_counts", default="1,2", show_default=True, help="Worker counts to run."
)
@click.option(
    "--spark",
    "spark_masters",
    default="",
    metavar="MASTERS",
    help="Also run `dateline spark ingest` with these Spark masters, e.g. 'local[1],local[2]' "
    "(needs the spark extra and Java).",
)
@stages_option
@model_option
@batch_size_option
@click.option(
    "--keep",
    type=click.Path(path_type=Path),
    default=None,
    help="Keep the corpus and databases here.",
)
def command(articles: int, data: Path, examples: Path, worker_counts: str, spark_masters: str,
            stages: str | None, model: str | None, batch_size: int,
            keep: Path | None) -> None:  # fmt: skip
    """Ingest throughput (articles/s end to end) with 1 and 2 workers beside bare spaCy; peak memory.

    \b
    Examples:
      dateline bench ingest                          # 1,000 articles, workers 1 and 2
      dateline bench ingest --articles 200 --workers 2 --stages entities
      dateline bench ingest --workers 2 --spark 'local[1],local[2]'
    """
    counts = [int(w) for w in worker_counts.split(",") if w.strip()]
    folder = keep or Path(tempfile.mkdtemp(prefix="dateline-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    corpus = folder / "corpus.jsonl"
    distinct, copies = build_corpus(corpus, articles, data, examples)
    dateline = str(Path(sys.executable).parent / "dateline")
    subreaper = _become_subreaper()
    load = os.getloadavg()
    runs: list[Run] = []
    first_db: Path | None = None
    for workers in counts:
        db = folder / f"ingest-{workers}.duckdb"
        for stale in (db, Path(f"{db}.wal")):
            stale.unlink(missing_ok=True)
        args = [dateline, "ingest", str(corpus), "--db", str(db), "--workers", str(workers),
                "--batch-size", str(batch_size), "--no-progress"]  # fmt: skip
        if stages:
            args += ["--stages", stages]
        if model:
            args += ["--model", model]
        seconds, peak, cpu, done = _measure(args, subreaper)
        summary = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
        stored = re.search(r"(\d+) articles stored \((\d+) near-duplicates", summary)
        failed = re.search(r"(\d+) failed", summary)
        n_stored = int(stored.group(1)) if stored else 0
        note = (f"{n_stored} stored ({stored.group(2) if stored else '?'} near-duplicates), "
                f"{failed.group(1) if failed else '?'} failed")  # fmt: skip
        runs.append(
            Run(f"`dateline ingest --workers {workers}`", n_stored, seconds, peak, cpu, note)
        )
        first_db = first_db or db
    for master in [m.strip() for m in spark_masters.split(",") if m.strip()]:
        out = folder / f"spark-{re.sub(r'[^A-Za-z0-9]+', '-', master).strip('-')}"
        if out.exists():
            shutil.rmtree(out)
        args = [dateline, "spark", "ingest", str(corpus), "--out", str(out), "--master", master,
                "--batch-size", str(batch_size)]  # fmt: skip
        if stages:
            args += ["--stages", stages]
        if model:
            args += ["--model", model]
        seconds, peak, cpu, done = _measure(args, subreaper)
        summary = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
        stored = re.search(r"(\d+) articles stored \((\d+) near-duplicates", summary)
        if stored is None:
            raise click.ClickException(f"spark ingest ({master}) failed: {summary[-500:]}")
        note = f"{stored.group(1)} stored ({stored.group(2)} near-duplicates); JVM start included"
        runs.append(
            Run(
                f"`dateline spark ingest --master {master}`",
                int(stored.group(1)),
                seconds,
                peak,
                cpu,
                note,
            )  # fmt: skip
        )
    assert first_db is not None
    seconds, peak, _, done = _measure(
        [sys.executable, "-c", _BARE_SPACY, str(first_db), model or "", str(batch_size)]
    )
    if done.returncode != 0 or not done.stdout.strip():
        raise click.ClickException(f"bare spaCy run failed: {done.stderr.strip()[-500:]}")
    bare = json.loads(done.stdout.strip().splitlines()[-1])
    runs.insert(0, Run("bare spaCy `nlp.pipe`, 1 process (baseline)", bare["articles"], bare["seconds"], peak,
                       bare["cpu"], f"{bare['words']:,} words; model load excluded"))  # fmt: skip

    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    end_load = os.getloadavg()
    click.echo(
        f"Ingest throughput on {articles} inputs ({distinct} distinct pages/texts from {data} and "
        f"{examples}, {copies} lightly edited copies); {os.cpu_count()} CPUs shared with other "
        f"jobs (load average {load[0]:.1f} at start, {end_load[0]:.1f} at the end), Python "
        f"{platform.python_version()}; run {when}. CPU seconds: the whole process tree's.\n"
    )
    click.echo(
        "| run | articles | seconds | articles/s | relative to bare spaCy | peak RSS (MiB) "
        "| CPU seconds | CPU s/article | notes |"
    )
    click.echo("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    baseline = runs[0].articles / runs[0].seconds if runs[0].seconds else 0.0
    for run in runs:
        rate = run.articles / run.seconds if run.seconds else 0.0
        relative = rate / baseline if baseline else 0.0
        if run.cpu_seconds is None:
            cpu_cells = "— | —"
        else:
            per = run.cpu_seconds / run.articles if run.articles else 0.0
            cpu_cells = f"{run.cpu_seconds:.1f} | {per:.2f}"
        click.echo(
            f"| {run.name} | {run.articles} | {run.seconds:.1f} | {rate:.2f} | {relative:.2f}× | "
            f"{run.peak_mib:.0f} | {cpu_cells} | {run.note} |"
        )
    if keep is None:
        click.echo(
            f"\n(corpus and databases in {folder}; pass --keep DIR to choose where)", err=True
        )
