"""Snapshot ``dateline analyze --format json`` of ~30 varied inputs, to check that a speed change
leaves every output byte-identical.

The inputs are fixed: the example articles, every 9th scrapinghub gold body (plain text), every
20th scrapinghub HTML page and every 12th fundus English HTML page of ``../shared/bench/extraction``.
Each input is analysed by ``dateline analyze INPUT --format json`` in its own process (the
command a user runs, start-up included), and the outputs are written as one JSON Lines file
(input name, SHA-256 of the output, the output).

    python scripts/analysis_snapshot.py before.jsonl               # take a snapshot
    python scripts/analysis_snapshot.py after.jsonl --against before.jsonl

With ``--against`` it exits 1 and names every input whose output differs. ``--one-process``
analyses every input in one ``dateline analyze --format jsonl`` process instead (much quicker on a
busy machine) and writes each document as ``--format json`` would; compared with a snapshot,
a document counts as identical when it holds the same JSON value.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def inputs(shared: Path, folder: Path) -> list[Path]:
    """The fixed inputs, written into ``folder`` (gzipped pages decompressed)."""
    chosen: list[Path] = sorted((shared / "examples").glob("*.txt"))
    scrapinghub = shared / "bench" / "extraction" / "scrapinghub"
    gold = json.loads((scrapinghub / "ground-truth.json").read_text(encoding="utf-8"))
    for n, page_id in enumerate(sorted(gold)):
        if n % 9 == 0:
            path = folder / f"sh-{page_id}.txt"
            path.write_text(gold[page_id]["articleBody"], encoding="utf-8")
            chosen.append(path)
    for n, page in enumerate(sorted((scrapinghub / "html").glob("*.html.gz"))):
        if n % 20 == 0:
            path = folder / page.name.removesuffix(".gz")
            path.write_bytes(gzip.decompress(page.read_bytes()))
            chosen.append(path)
    fundus = shared / "bench" / "extraction" / "fundus"
    pairs = json.loads((fundus / "pairs.json").read_text(encoding="utf-8"))
    for n, pair in enumerate(pairs):
        source = fundus / "test_data" / pair["html"]
        if n % 12 == 0 and source.exists():
            path = folder / f"fundus-{n}.html"
            path.write_bytes(gzip.decompress(source.read_bytes()))
            chosen.append(path)
    return chosen


def analyse(path: Path) -> str:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from dateline.cli import main; main()",
            "analyze",
            str(path),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    # A failure is an output too (its message and exit code), compared like any other.
    return done.stdout if done.returncode == 0 else f"exit {done.returncode}: {done.stderr}"


def analyse_together(paths: list[Path]) -> dict[str, str]:
    """Input name -> its document, from one ``analyze --format jsonl`` of every input."""
    done = subprocess.run(
        [sys.executable, "-c", "from dateline.cli import main; main()", "analyze",
         *map(str, paths), "--format", "jsonl"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    outputs: dict[str, str] = {}
    for line in done.stdout.splitlines():
        document = json.loads(line)
        outputs[Path(document["article"]["source"]).name] = line
    return outputs


def same_value(a: str, b: str) -> bool:
    try:
        return bool(json.loads(a) == json.loads(b))
    except ValueError:
        return a == b


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--against", type=Path, default=None)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--one-process", action="store_true")
    args = parser.parse_args()
    rows = []
    # A fixed folder: the inputs' paths are in the documents (article.source).
    folder = Path(tempfile.gettempdir()) / "dateline-analysis-snapshot"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    paths = inputs(args.shared, folder)
    together = analyse_together(paths) if args.one_process else {}
    for path in paths:
        output = together.get(path.name, "missing") if args.one_process else analyse(path)
        digest = hashlib.sha256(output.encode("utf-8")).hexdigest()
        rows.append({"input": path.name, "sha256": digest, "output": output})
        print(f"{digest[:12]} {path.name}", file=sys.stderr)
    with args.out.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    if args.against is None:
        return 0
    before = {}
    with args.against.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            before[row["input"]] = row
    differ = [
        r["input"]
        for r in rows
        if r["input"] not in before
        or not (
            before[r["input"]]["sha256"] == r["sha256"]
            or (args.one_process and same_value(before[r["input"]]["output"], r["output"]))
        )
    ]
    missing = sorted(set(before) - {r["input"] for r in rows})
    print(f"{len(rows) - len(differ)} of {len(rows)} outputs identical", file=sys.stderr)
    for name in differ + missing:
        print(f"differs: {name}", file=sys.stderr)
    return 1 if differ or missing else 0


if __name__ == "__main__":
    sys.exit(main())
