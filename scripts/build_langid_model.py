"""Re-pack py3langid's language model for a fast start (see ``dateline.article.language``).

Usage::

    .venv/bin/python scripts/build_langid_model.py     # (make data runs it)

Reads the installed py3langid's ``model.npz.xz`` and writes the same arrays, uncompressed, one
``.npy`` file each, to the folder ``src/dateline/article/data/langid_model/`` (or ``--out``),
which ``dateline.article.language`` memory-maps. Rerun it after upgrading
py3langid; until then the installed package's own loader is used.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from dateline.article.language import MODEL_DIR, source_model, write_unpacked

DATA = Path(__file__).resolve().parent.parent / "src" / "dateline" / "article" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DATA / MODEL_DIR)
    args = parser.parse_args()
    write_unpacked(source_model(), args.out)
    size = sum(f.stat().st_size for f in args.out.iterdir())
    print(f"{args.out}: {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
