"""Rebuild the event classifier's weights (src/dateline/events/data/event_model.npz) from open data.

    python scripts/train_event_model.py --bench ../shared/bench

Training data (none of it ships with Dateline; see dateline.events.training_data and NOTICE):
PLV_train.tsv (all rows), the dev split of plover_gsr_cameo.json, and weak negatives (events the
rules emit in off-topic scrapinghub pages not annotated in tests/gold/events). The fit is
full-batch from zero weights with a fixed seed: the same data gives the same weights.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from dateline.events.training import build_examples, train_shipped_model

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "src" / "dateline" / "events" / "data" / "event_model.npz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bench", type=Path, default=REPO.parent / "shared" / "bench")
    parser.add_argument("--gold", type=Path, default=REPO / "tests" / "gold" / "events")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    examples = build_examples(args.bench, args.gold)
    model = train_shipped_model(examples, seed=args.seed)
    model.save(args.out)
    counts = {s: sum(e.source == s for e in examples) for s in sorted({e.source for e in examples})}
    print(f"wrote {args.out}: {len(model.vocab)} sparse features, examples {counts}")


if __name__ == "__main__":
    main()
