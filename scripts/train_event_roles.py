"""Rebuild the learned actor/recipient ranker's weights (src/dateline/events/data/event_roles.json).

    python scripts/train_event_roles.py --bench ../shared/bench

Training data (none of it ships with Dateline; see dateline.evaluation.event_roles and NOTICE):
every PLV_train.tsv row that marks both its source and its target, and the dev split of
plover_gsr_cameo.json (never its test split), each at its dyad's trigger with the entity
mentions of its sentence as candidates; and every event of the document gold's dev split
(tests/gold/events, never its test split) at its gold trigger, where a role the gold leaves
empty, or names outside the sentence, makes every candidate a negative. The fit is full-batch
from zero weights with a fixed seed: the same data and rules give the same weights. The rules'
choice is a feature, so retrain after changing events/arguments.py (`make data-check` says when).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from dateline.evaluation.event_roles import (
    document_dyads,
    gsr_dyads,
    plv_dyads,
    training_examples,
)
from dateline.events.roles import ROLE_FILE, fit_roles
from dateline.events.training import gsr_path, plv_path
from dateline.pipeline import Pipeline

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "src" / "dateline" / "events" / "data" / ROLE_FILE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bench", type=Path, default=REPO.parent / "shared" / "bench")
    parser.add_argument("--gold", type=Path, default=REPO / "tests" / "gold" / "events")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    pipeline = Pipeline.create(["events"])
    dyads = plv_dyads(pipeline, plv_path(args.bench)) + gsr_dyads(pipeline, gsr_path(args.bench))
    documents = document_dyads(args.gold, args.bench)
    examples = training_examples(dyads + documents)
    model = fit_roles(examples, use_rules=True, seed=args.seed)
    model.metadata = {
        "dyads": len(dyads),
        "document_events": len(documents),
        "candidates": len(examples),
        "seed": args.seed,
    }
    model.save(args.out)
    print(f"wrote {args.out}: {len(model.vocab)} features, {len(examples)} candidates")


if __name__ == "__main__":
    main()
