"""Rebuild the learned event confidence (src/dateline/events/data/event_confidence.json).

    python scripts/train_event_confidence.py --bench ../shared/bench \
        --classifier src/dateline/events/data/event_model.npz

Training data: the tellings the events stage emits in the dev split of tests/gold/events
(labelled by the gold events at them; see dateline.events.training_confidence), with the event
classifier at ``--classifier`` as one of the features. The test split is never read. The fit
is deterministic (Newton's method from zero weights): the same rules, gold and classifier give
the same file. Prints the chosen threshold: DEFAULT_MIN_CONFIDENCE in dateline.events must
equal it (a test checks).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from dateline.events.training_confidence import train

REPO = Path(__file__).resolve().parent.parent
EVENT_DATA = REPO / "src" / "dateline" / "events" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bench", type=Path, default=REPO.parent / "shared" / "bench")
    parser.add_argument("--gold", type=Path, default=REPO / "tests" / "gold" / "events")
    parser.add_argument("--classifier", type=Path, default=EVENT_DATA / "event_model.npz")
    parser.add_argument("--out", type=Path, default=EVENT_DATA / "event_confidence.json")
    args = parser.parse_args()
    model = train(args.gold, args.bench, args.classifier)
    model.save(args.out)
    print(
        f"wrote {args.out}: {len(model.weights)} features, threshold {model.threshold:g}, "
        + json.dumps(model.metadata["trained_on"])
    )
    # The cross-validated curve the threshold was read from (held-out corpora, pooled).
    columns = model.metadata["cv_levels_columns"]
    assert isinstance(columns, list)
    print("threshold | " + " | ".join(str(c) for c in columns))
    levels = model.metadata["cv_levels"]
    assert isinstance(levels, dict)
    for threshold, row in levels.items():
        print(f"{threshold} | " + " | ".join(f"{v:g}" for v in row))
    # The same curve per held-out corpus is in the file (cv_corpus_levels); what a threshold
    # read with each corpus counting alike would be:
    print("threshold by rule: " + json.dumps(model.metadata["threshold_alternatives"]))


if __name__ == "__main__":
    main()
