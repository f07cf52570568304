"""How many of the dev events the gold calls wrong are the gold's gaps (docs/EVALUATION.md).

    python scripts/event_gold_gap.py --out-of-fold 181/202 --in-sample 191/209

Reads ``tests/gold/events_audit/goldgap/goldgap.json``: the kept events at 0.7 that no dev gold
event matches at type level, each judged on sight from the page and then classed against its
gold record: ``a`` the system is wrong, ``b`` a gold omission, ``c`` the gold has the event and
the eval did not match it (a trigger offset, a type near-miss, or another telling of an event
whose gold record another Dateline event already took), ``d`` guideline-unclear. Prints the
classes of each set, how the on-sight type call compares with the class, and the type
precision of each set if ``b`` and ``c`` (then also ``d``) counted right, from the right/kept
counts the listings report (``--out-of-fold``, ``--in-sample``: RIGHT/KEPT).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RECORD = REPO / "tests" / "gold" / "events_audit" / "goldgap" / "goldgap.json"
SETS = ("out_of_fold", "in_sample")
CLASSES = ("a", "b", "c", "d")


def read_events(record: Path) -> list[dict]:
    events: list[dict] = json.loads(record.read_text(encoding="utf-8"))["events"]
    return events


def classes(events: list[dict], which: str) -> Counter[str]:
    return Counter(e["class"] for e in events if which in e["sets"])


def sight_against_class(events: list[dict]) -> Counter[tuple[bool, str]]:
    """(on-sight type call, class) pairs: was the judge's call made before reading the gold
    the gold's (a: wrong), or did it find what the gold has elsewhere (c) or leaves open (d)?"""
    return Counter((e["on_sight"]["type"] is True, e["class"]) for e in events)


def ratio(text: str) -> tuple[int, int]:
    right, kept = text.split("/")
    return int(right), int(kept)


def precision_line(name: str, counts: Counter[str], right: int, kept: int) -> str:
    gap = counts["b"] + counts["c"]
    cells = [
        f"as the eval counts {100 * right / kept:.1f} ({right}/{kept})",
        f"b+c right {100 * (right + gap) / kept:.1f} ({right + gap}/{kept})",
        f"b+c+d right {100 * (right + gap + counts['d']) / kept:.1f} "
        f"({right + gap + counts['d']}/{kept})",
    ]
    return f"{name}: type precision at 0.7 " + "; ".join(cells)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--record", type=Path, default=RECORD)
    parser.add_argument("--out-of-fold", type=ratio, help="RIGHT/KEPT at type, out of fold")
    parser.add_argument("--in-sample", type=ratio, help="RIGHT/KEPT at type, in sample")
    args = parser.parse_args()
    events = read_events(args.record)
    totals = {"out_of_fold": args.out_of_fold, "in_sample": args.in_sample}
    for which in SETS:
        counts = classes(events, which)
        shown = " ".join(f"{c}={counts[c]}" for c in CLASSES)
        print(f"{which}: {sum(counts.values())} events, {shown}")
        if totals[which] is not None:
            print("   " + precision_line(which, counts, *totals[which]))
    print("on-sight type call by class (all events):")
    for (right, klass), n in sorted(sight_against_class(events).items()):
        print(f"   called {'right' if right else 'wrong'} at type, class {klass}: {n}")


if __name__ == "__main__":
    main()
