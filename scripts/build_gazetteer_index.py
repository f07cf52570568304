"""Build the geo stage's SQLite gazetteer index from the gazetteer TSV.

Usage::

    .venv/bin/python scripts/build_gazetteer_index.py     # (make data runs it)

Reads ``src/dateline/geo/data/gazetteer.tsv.gz`` (written by ``scripts/build_gazetteer.py``)
and writes ``src/dateline/geo/data/gazetteer.sqlite``, which the geo stage opens read-only at
run time (see ``dateline.geo.index``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from dateline.geo.index import write_index

DATA = Path(__file__).resolve().parent.parent / "src" / "dateline" / "geo" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DATA / "gazetteer.tsv.gz")
    parser.add_argument("--out", type=Path, default=DATA / "gazetteer.sqlite")
    args = parser.parse_args()
    rows = write_index(args.source, args.out)
    print(f"{args.out}: {rows} places, {args.out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
