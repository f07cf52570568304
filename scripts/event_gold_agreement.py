"""Agreement between two annotations of the same articles (document event gold).

    python scripts/event_gold_agreement.py tests/gold/events tests/gold/events_agreement \
        --bench ../shared/bench [--differences]

Pairs the records of the two folders by article, matches their events with the document
evaluation's rule (dateline.evaluation.event_agreement) and prints event-level F1 at type,
type+actor and type+actor+recipient, and status and date agreement, for all articles and per
split (dev/test). ``--differences`` lists every disagreement to review by hand.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from dateline.evaluation.event_agreement import compare_folders, differences, report
from dateline.evaluation.event_documents import split_of

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("first", type=Path, help="annotation A (the reference for P/R)")
    parser.add_argument("second", type=Path, help="annotation B of some of the same articles")
    parser.add_argument("--bench", type=Path, default=REPO.parent / "shared" / "bench")
    parser.add_argument("--differences", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    results = compare_folders(args.first, args.second, args.bench)
    groups = {"all": list(range(len(results)))}
    for split in ("dev", "test"):
        groups[split] = [n for n, r in enumerate(results) if split_of(r.record.id) == split]
    print(report(results, groups))
    if args.differences:
        print()
        print(differences(results))


if __name__ == "__main__":
    main()
