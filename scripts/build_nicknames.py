"""Build the entities stage's table of given names and their short forms.

Usage::

    python scripts/build_nicknames.py [--out src/dateline/entities/lexicons/nicknames.tsv]

The ``nicknames`` package (Apache-2.0; carltonnorthern/nicknames, a hand-curated table of
English given names and their nicknames; a build-time source only, in the ``dev`` extra) ships
``names.csv``: rows ``name,has_nickname,nickname`` ("timothy,has_nickname,tim",
"charles,has_nickname,chuck"). This script writes each pair folded (lower case, no diacritics)
as ``full<TAB>short``, sorted, without repeats or a name paired with itself. The entities stage
reads the file to join "Tim Sloan" and "Timothy J. Sloan" into one person
(``entities/coref.py``); nothing is read from the package at run time.

Deterministic: the same package version gives a byte-identical file.
"""

from __future__ import annotations

import argparse
import csv
import io
from importlib import resources
from pathlib import Path

from dateline.entities.names import fold

OUT = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "dateline"
    / "entities"
    / "lexicons"
    / "nicknames.tsv"
)


def nickname_pairs(text: str) -> list[tuple[str, str]]:
    """The (full name, short form) pairs of the package's CSV text."""
    pairs = set()
    for row in csv.DictReader(io.StringIO(text)):
        if row.get("relationship") != "has_nickname":
            continue
        full, short = fold(row["name1"].strip()), fold(row["name2"].strip())
        if full and short and full != short and full.isalpha() and short.isalpha():
            pairs.add((full, short))
    return sorted(pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    text = resources.files("nicknames").joinpath("names.csv").read_text(encoding="utf-8")
    lines = [f"{full}\t{short}" for full, short in nickname_pairs(text)]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
