"""``dateline eval extraction`` (the benchmark's metric) and ``dateline bench analyze`` on tiny data."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURES
from dateline.evaluation.bench_analyze import analyze_command
from dateline.evaluation.extraction import BodyScore, command, shingle_scores, shingles

ARTICLES = FIXTURES / "articles"


def test_shingles_are_word_4grams_with_counts() -> None:
    grams = shingles("The cat sat on the mat. The cat sat on")
    assert grams["The cat sat on"] == 2
    assert grams["sat on the mat"] == 1
    assert sum(grams.values()) == 7
    assert shingles("Too short") == {"Too short": 1}


def test_shingle_scores_are_normalised_overlaps() -> None:
    assert shingle_scores("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    tp, fp, fn = shingle_scores("a b c d e f", "a b c d x y")
    # gold shingles: abcd bcde cdef; predicted: abcd bcdx cdxy -> 1 shared, 2 extra, 2 missed.
    assert (tp, fp, fn) == pytest.approx((0.2, 0.4, 0.4))
    assert shingle_scores("", "") == (0.0, 0.0, 0.0)


def test_body_score_averages_over_pages_and_skips_empty_predictions() -> None:
    score = BodyScore()
    score.add("one two three four five", "one two three four five")
    score.add("alpha beta gamma delta epsilon", "")  # nothing predicted: no precision term
    assert score.precision == 1.0
    assert score.recall == 0.5
    assert score.f1 == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    assert score.accuracy == 0.5


def _scrapinghub_like(folder: Path) -> None:
    """Two pages in the benchmark's layout, gold bodies written by hand."""
    (folder / "html").mkdir()
    gold = {}
    for page_id, name in (("p1", "standfirst_jsonld.html"), ("p2", "og_description.html")):
        html = (ARTICLES / "html" / name).read_bytes()
        (folder / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(html))
        from lxml import html as lxml_html

        paragraphs = lxml_html.fromstring(html).xpath(
            "//article/p[not(@class)] | //div[@class='story-body']/p"
        )
        gold[page_id] = {"articleBody": "\n".join(p.text_content() for p in paragraphs), "url": ""}
    (folder / "ground-truth.json").write_text(json.dumps(gold))


def test_eval_extraction_scores_dateline_beside_trafilatura(tmp_path: Path) -> None:
    _scrapinghub_like(tmp_path)
    result = CliRunner().invoke(command, ["--data", str(tmp_path)])
    assert result.exit_code == 0, result.output
    rows = {
        line.split("|")[1].strip(): line
        for line in result.output.splitlines()
        if line.startswith("| HTML")
    }
    assert set(rows) == {
        "HTML: Dateline (HTML path)",
        "HTML: trafilatura.extract, defaults (bare, same run)",
    }
    # On these clean pages Dateline keeps exactly the body paragraphs.
    assert "| **1.000** |" in rows["HTML: Dateline (HTML path)"]


def test_eval_extraction_names_a_wrong_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(command, ["--data", str(tmp_path)])
    assert result.exit_code != 0
    assert "neither ground-truth.json" in str(result.exception)


def test_bench_analyze_reports_both_rows(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    for name in ("wire_dateline.txt", "telegraph_like.txt", "german.txt"):
        (tmp_path / name).write_bytes((ARTICLES / "text" / name).read_bytes())
    result = CliRunner().invoke(
        analyze_command,
        ["--data", str(tmp_path), "--articles", "3", "--stages", "article", "--repeat", "1",
         "--startup-runs", "0"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Start-up" not in result.output
    assert "(2 distinct English texts)" in result.output  # the German article is left out
    assert "| bare spaCy `nlp.pipe` (baseline) |" in result.output
    assert "| Dateline analyze | article |" in result.output
    assert "| article (structuring) |" in result.output


@pytest.mark.slow
def test_bench_analyze_reports_start_up_beside_bare_spacy(tmp_path: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    article = tmp_path / "wire_dateline.txt"
    article.write_bytes((ARTICLES / "text" / "wire_dateline.txt").read_bytes())
    result = CliRunner().invoke(
        analyze_command,
        ["--data", str(tmp_path), "--articles", "1", "--stages", "article", "--repeat", "1",
         "--startup-runs", "1", "--startup-article", str(article)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"Start-up: one article ({article})" in result.output
    rows = [line for line in result.output.splitlines() if line.startswith("| ")]
    bare = next(r for r in rows if r.startswith("| bare spaCy: load the model"))
    ours = next(r for r in rows if r.startswith("| `dateline analyze` of the same file"))
    assert bare.endswith("| 1.00× |")
    # Without a model (--stages article) Dateline's process uses less memory than bare spaCy.
    bare_mib, ours_mib = (float(r.split("|")[4]) for r in (bare, ours))
    assert 0 < ours_mib < bare_mib


def test_bench_all_counts_the_ingest_rate_from_the_first_batch_stored() -> None:
    """The model load before the first batch does not drag the ingest rate down."""
    from dateline.evaluation.bench_all import _steady_rate

    # (seconds, stored so far, CPU seconds so far): a failed batch, then three stored.
    marks = [[30.0, 0, 20.0], [40.0, 16, 26.0], [44.0, 32, 30.0], [48.0, 48, 33.0]]
    first, rate, cpu = _steady_rate(marks)
    assert first == 40.0 and rate == 4.0
    # CPU over the same window: 7 s for the 32 articles stored after the first batch.
    assert cpu == 7.0 / 32
    assert _steady_rate([[5.0, 0, 3.0]])[1] == 0.0


def test_bench_tree_cpu_counts_a_child_process() -> None:
    """The CPU time of a process tree counts what a running child spent, beside the parent."""
    import os
    import subprocess
    import sys
    import time

    from dateline.evaluation.bench_ingest import tree_cpu

    # The child spends at least 0.5 s of CPU (its start-up counts towards it), then sleeps.
    burn = "import time\nwhile time.process_time() < 0.5: pass\n"
    child = subprocess.Popen([sys.executable, "-c", burn + "time.sleep(30)"])
    try:
        time.sleep(0.2)
        deadline = time.monotonic() + 20
        while tree_cpu(os.getpid()) - time.process_time() < 0.4 and time.monotonic() < deadline:
            time.sleep(0.1)
        # /proc counts in clock ticks: allow for this process's count being a tick behind.
        assert tree_cpu(os.getpid()) - time.process_time() >= 0.4
    finally:
        child.kill()
        child.wait()


def test_bench_ingest_counts_the_cpu_time_of_orphaned_descendants() -> None:
    """A Spark run's JVM and Python workers may outlive the command that started them; their
    CPU time still counts (the benchmark adopts and reaps them); without adoption an orphan
    escapes the count. Run in its own process: adopting orphans would change how this test
    process's children are reaped."""
    import subprocess
    import sys

    code = (
        "import json, sys\n"
        "from dateline.evaluation import bench_ingest as b\n"
        # A child that starts a busy grandchild (1 s of CPU) and exits at once.
        "busy = 'import time\\nend = time.process_time() + 1.0\\n"
        "while time.process_time() < end: pass'\n"
        "spawn = f'import subprocess, sys; subprocess.Popen([sys.executable, \"-c\", {busy!r}])'\n"
        "before = b._measure([sys.executable, '-c', spawn])[2]\n"
        "adopted = b._become_subreaper()\n"
        "seconds, _, cpu, done = b._measure([sys.executable, '-c', spawn], adopted)\n"
        "print(json.dumps([before, adopted, seconds, cpu, done.returncode]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    before, adopted, seconds, cpu, returncode = json.loads(result.stdout.strip().splitlines()[-1])
    assert before < 0.5 and returncode == 0
    if not adopted:
        pytest.skip("no PR_SET_CHILD_SUBREAPER here (not Linux)")
    # The child exits long before its grandchild is done: the grandchild's second counts.
    assert cpu >= 1.0


def test_bench_ingest_counts_workers_reaped_by_a_parent_that_ignores_sigchld() -> None:
    """PySpark's worker daemon ignores SIGCHLD, so the kernel reaps its Python workers and
    their CPU time reaches no parent's rusage; sampling each process's own CPU time counts it."""
    import subprocess
    import sys

    daemon = (
        "import os, signal, time\n"
        "signal.signal(signal.SIGCHLD, signal.SIG_IGN)\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    end = time.process_time() + 1.0\n"
        "    while time.process_time() < end: pass\n"
        "    os._exit(0)\n"
        "while True:\n"
        "    try: os.kill(pid, 0)\n"
        "    except ProcessLookupError: break\n"
        "    time.sleep(0.05)\n"
    )
    code = (
        "import json, sys\n"
        "from dateline.evaluation import bench_ingest as b\n"
        f"daemon = {daemon!r}\n"
        "adopted = b._become_subreaper()\n"
        "seconds, _, cpu, done = b._measure([sys.executable, '-c', daemon], adopted)\n"
        "print(json.dumps([cpu, done.returncode]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    cpu, returncode = json.loads(result.stdout.strip().splitlines()[-1])
    assert returncode == 0
    # The worker's second (less what it spent after the last 0.1 s sample).
    assert cpu >= 0.8
