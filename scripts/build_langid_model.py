"""Re-pack py3langid's language model for a fast start (see ``dateline.article.language``).

Usage::

    .venv/bin/python scripts/build_langid_model.py     # (make data runs it)

Reads the installed py3langid's ``model.npz.xz`` and writes the same arrays, zlib-compressed, to
``src/dateline/article/data/langid_model.npz`` (or ``--out``). Rerun it after upgrading
py3langid; until then the installed package's own loader is used.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from dateline.article.language import MODEL_FILE, source_model, write_repacked

DATA = Path(__file__).resolve().parent.parent / "src" / "dateline" / "article" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DATA / MODEL_FILE)
    args = parser.parse_args()
    write_repacked(source_model(), args.out)
    print(f"{args.out}: {args.out.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
