"""Agreement between two annotations of the same articles (document event gold).

Two folders of records in the format of ``tests/gold/events`` (``docs/annotation/events.md``)
are paired by record id (``path`` or ``path#field``). Events of the two annotations are matched
as ``dateline eval events --docs`` matches a prediction with the gold: candidates when a telling
of one overlaps a telling of the other or lies within ``NEAR_CHARS`` characters in the same
sentence; one-to-one, nearest first, separately at each level. Unlike the evaluation, the
comparison is symmetric, since neither side is the reference:

- type: the PLOVER types are equal;
- type+actor: also the actors agree: each actor of one side is an actor of the other, both
  ways (none on both sides agrees); for CONSULT and COOPERATE actors and recipients are pooled;
- type+actor+recipient: also the recipients agree in the same way.

Two arguments are the same party when their folded names are equal, when one name is the last
word (surname) of the other and that word is not shared by two parties of the article, or when
their spans overlap. Per level the agreement is F1 = 2 x matched / (events of A + events of B)
(= Dice), with A's events as the reference for precision (matched / B) and recall (matched / A).
Date and status agreement are read on the type-level matches (date: where both sides call the
event occurred or ongoing; equal values, both null counting as equal).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dateline.evaluation import one_to_one
from dateline.evaluation.event_documents import (
    SYMMETRIC_TYPES,
    GoldArgument,
    GoldDocument,
    GoldEvent,
    PredictedEntity,
    _distance,
    fold,
    is_gold_argument,
    load_records,
    source_text,
)

LEVELS = ("type", "type+actor", "type+actor+recipient")
REAL = {"occurred", "ongoing"}


def same_party(a: GoldArgument, b: GoldArgument, ambiguous: set[str]) -> bool:
    """Whether two annotated arguments name the same party (either direction of the
    evaluation's gold-argument rule)."""
    as_entity = PredictedEntity(frozenset({fold(a.name)}), (a.span,) if a.span else ())
    other = PredictedEntity(frozenset({fold(b.name)}), (b.span,) if b.span else ())
    return is_gold_argument(as_entity, b, ambiguous) or is_gold_argument(other, a, ambiguous)


def parties_agree(
    a: Sequence[GoldArgument], b: Sequence[GoldArgument], ambiguous: set[str]
) -> bool:
    """Every party of ``a`` is one of ``b`` and the other way round (both empty agrees)."""
    return all(any(same_party(x, y, ambiguous) for y in b) for x in a) and all(
        any(same_party(y, x, ambiguous) for x in a) for y in b
    )


def events_agree(a: GoldEvent, b: GoldEvent, level: str, ambiguous: set[str]) -> bool:
    if a.type != b.type:
        return False
    if level == "type":
        return True
    if a.type in SYMMETRIC_TYPES:
        return parties_agree((*a.actor, *a.recipient), (*b.actor, *b.recipient), ambiguous)
    if not parties_agree(a.actor, b.actor, ambiguous):
        return False
    return level == "type+actor" or parties_agree(a.recipient, b.recipient, ambiguous)


def match_events(
    a: Sequence[GoldEvent], b: Sequence[GoldEvent], source: str, level: str, ambiguous: set[str]
) -> list[tuple[int, int]]:
    """One-to-one greedy matching, nearest first: pairs of (index in a, index in b)."""
    candidates = []
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            distance = _distance(x.spans, y.spans, source)
            if distance is not None and events_agree(x, y, level, ambiguous):
                candidates.append((distance, i, j))
    return one_to_one(candidates)


@dataclass
class Agreement:
    articles: int = 0
    events_a: int = 0
    events_b: int = 0
    matched: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LEVELS, 0))
    status_same: int = 0
    status_pairs: int = 0
    date_same: int = 0
    date_pairs: int = 0

    def f1(self, level: str) -> float:
        total = self.events_a + self.events_b
        return 2 * self.matched[level] / total if total else 1.0

    def precision(self, level: str) -> float:
        return self.matched[level] / self.events_b if self.events_b else 1.0

    def recall(self, level: str) -> float:
        return self.matched[level] / self.events_a if self.events_a else 1.0

    def add(self, other: Agreement) -> None:
        self.articles += other.articles
        self.events_a += other.events_a
        self.events_b += other.events_b
        for level in LEVELS:
            self.matched[level] += other.matched[level]
        self.status_same += other.status_same
        self.status_pairs += other.status_pairs
        self.date_same += other.date_same
        self.date_pairs += other.date_pairs


@dataclass
class ArticleAgreement:
    record: GoldDocument  # annotation A
    other: GoldDocument  # annotation B
    source: str
    agreement: Agreement
    unmatched_a: list[GoldEvent]  # A's events with no type-level partner in B
    unmatched_b: list[GoldEvent]
    differing: list[tuple[GoldEvent, GoldEvent]]  # type-level pairs that differ beyond type


def shared_last_words(*records: GoldDocument) -> set[str]:
    """Last words that two different parties of the articles end in ("Bill Clinton", "Hillary
    Clinton"); a name that is the tail of the other ("Wekesa", "Amina Wekesa") is one party."""
    names: dict[str, set[tuple[str, ...]]] = {}
    for record in records:
        for event in record.events:
            for argument in (*event.actor, *event.recipient):
                words = tuple(fold(argument.name).split())
                if words:
                    names.setdefault(words[-1], set()).add(words)
    return {
        last
        for last, group in names.items()
        if any(x[-len(y) :] != y and y[-len(x) :] != x for x in group for y in group)
    }


def compare_article(a: GoldDocument, b: GoldDocument, source: str) -> ArticleAgreement:
    ambiguous = shared_last_words(a, b)
    tally = Agreement(articles=1, events_a=len(a.events), events_b=len(b.events))
    by_level = {lv: match_events(a.events, b.events, source, lv, ambiguous) for lv in LEVELS}
    for level, pairs in by_level.items():
        tally.matched[level] = len(pairs)
    strict = set(by_level["type+actor+recipient"])
    differing = []
    for i, j in by_level["type"]:
        x, y = a.events[i], b.events[j]
        tally.status_pairs += 1
        tally.status_same += x.status == y.status
        if x.status in REAL and y.status in REAL:
            tally.date_pairs += 1
            tally.date_same += x.date == y.date
        if (i, j) not in strict or x.status != y.status or x.date != y.date:
            differing.append((x, y))
    typed_a = {i for i, _ in by_level["type"]}
    typed_b = {j for _, j in by_level["type"]}
    return ArticleAgreement(
        a,
        b,
        source,
        tally,
        [e for i, e in enumerate(a.events) if i not in typed_a],
        [e for j, e in enumerate(b.events) if j not in typed_b],
        differing,
    )


def compare_folders(first: Path, second: Path, bench: Path) -> list[ArticleAgreement]:
    """Every article annotated in both folders, compared (records only in one are skipped)."""
    others = {r.id: r for r in load_records(second)}
    return [
        compare_article(record, others[record.id], source_text(record, bench))
        for record in load_records(first)
        if record.id in others
    ]


def _pct(value: float) -> str:
    return f"{100 * value:.1f}"


def report(results: Sequence[ArticleAgreement], groups: dict[str, list[int]]) -> str:
    """A Markdown table: one row per group of articles (indices into ``results``)."""
    lines = [
        "| articles | events A / B | F1 type | F1 type+actor | F1 type+actor+recipient "
        "| status agreement | date agreement |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, members in groups.items():
        total = Agreement()
        for n in members:
            total.add(results[n].agreement)
        status = total.status_same / total.status_pairs if total.status_pairs else 1.0
        date = total.date_same / total.date_pairs if total.date_pairs else 1.0
        lines.append(
            f"| {name} ({total.articles}) | {total.events_a} / {total.events_b} "
            f"| {_pct(total.f1('type'))} | {_pct(total.f1('type+actor'))} "
            f"| {_pct(total.f1('type+actor+recipient'))} "
            f"| {_pct(status)} ({total.status_pairs}) | {_pct(date)} ({total.date_pairs}) |"
        )
    return "\n".join(lines)


def _describe(event: GoldEvent, source: str) -> str:
    start, end = event.spans[0]
    actor = ", ".join(a.name for a in event.actor) or "-"
    recipient = ", ".join(a.name for a in event.recipient) or "-"
    return (
        f"{event.type} {source[start:end]!r} @{start} {actor} -> {recipient} "
        f"[{event.status}, {event.date}]"
    )


def differences(results: Sequence[ArticleAgreement]) -> str:
    """Every disagreement, article by article, to review by hand."""
    out = []
    for result in results:
        out.append(f"## {result.record.file.name}")
        for event in result.unmatched_a:
            out.append(f"  only A: {_describe(event, result.source)}")
        for event in result.unmatched_b:
            out.append(f"  only B: {_describe(event, result.source)}")
        for x, y in result.differing:
            out.append(f"  A: {_describe(x, result.source)}")
            out.append(f"  B: {_describe(y, result.source)}")
    return "\n".join(out)
