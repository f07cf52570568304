"""Write the generated hostile inputs of docs/EVALUATION.md's reliability table, at two sizes.

    python scripts/hostile_inputs.py /tmp/hostile
    for f in /tmp/hostile/*.txt; do /usr/bin/time -f "$f %e s %M KB" dateline analyze "$f" --format jsonl >/dev/null; done

Each input is an invented article (a headline and one ordinary sentence) followed by a hostile
body: a run of commas, many short lines, punctuation runs, deeply nested quotation marks,
digit soup, and terminal escape sequences.
"""

from __future__ import annotations

import sys
from pathlib import Path

LEAD = "Hostile input\n\nThe mayor of Lisbon said on Monday that the new bridge would open in May.\n\n"
UNITS = {
    "commas": ",",
    "word_commas": "word, ",
    "short_lines": "line x\n",
    "punctuation": "!?.;:-—()[]\"'…,",
    "nested_quotes": "“‘«",
    "digits": "1,2.3 4-5/6 ",
    "escapes": "news \x1b[2J\x1b]0;title\x07 text ",
}
SIZES = {"10k": 10_000, "100k": 100_000}


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, unit in UNITS.items():
        for label, size in SIZES.items():
            body = (unit * (size // len(unit) + 1))[:size]
            path = folder / f"{name}_{label}.txt"
            path.write_text(LEAD + body + "\n", encoding="utf-8")
            written.append(path)
    return written


if __name__ == "__main__":
    for path in write(Path(sys.argv[1] if len(sys.argv) > 1 else "hostile")):
        print(path)
