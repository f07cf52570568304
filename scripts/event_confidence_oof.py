"""Out-of-fold census of the learned event confidence on the dev split (docs/EVALUATION.md).

    python scripts/event_confidence_oof.py --bench ../shared/bench --out oof.txt

Every dev article is scored by a confidence trained without its corpus (the folds of
``dateline.events.training_confidence``), as the cross-validation that picks the default
threshold does. Prints the held-out precision and recall at a few thresholds, pooled, then for
each held-out corpus and averaged over the corpora (each counting alike), with the threshold
each rule of ``threshold_alternatives`` would pick; then every kept event
(out-of-fold confidence at or above ``--threshold``) that no gold event matches at type level, with its
sentence, a first guess at why (another telling of a matched gold event, a gold event of another
type near it, or no gold event near it) and the features that carry its score most, and last
the features summed over those wrong events against the right ones. The shipped weights are
neither read nor written except for the L2 penalty and feature set they were chosen with.
``--cache`` keeps the analysed articles (a pickle) so a second run skips the analysis.
``--recipients`` lists instead the kept events right at type+actor but not at strict, by what
the recipient gets wrong (the gold names one and we none; we name one and the gold none; both,
different), where the gold's recipient is told (the trigger's sentence or another; an entity of
the analysis or only a description), and the parse link of ours (``Evidence.recipient_link``),
then how often each link's recipient is right among the kept events right at type+actor.
"""

from __future__ import annotations

import argparse
import json
import pickle
from collections import Counter
from pathlib import Path

from dateline.evaluation.event_documents import (
    LEVELS,
    ArticleResult,
    GoldEvent,
    PredictedEvent,
    _distance,
    ambiguous_last_words,
    match,
    tally,
)
from dateline.events.classifier import EventClassifier
from dateline.events.confidence import Evidence
from dateline.events.confidence import confidence as rule_confidence
from dateline.events.confidence_model import ConfidenceModel, Scorer, features
from dateline.events.stage import find_events
from dateline.events.training_confidence import (
    FEATURE_VIEWS,
    DevArticle,
    corpus_levels,
    dev_articles,
    macro_levels,
    out_of_fold_models,
    out_of_fold_results,
    pooled_counts,
    read_tellings,
    threshold_alternatives,
)
from dateline.model import Event

REPO = Path(__file__).resolve().parent.parent
EVENT_DATA = REPO / "src" / "dateline" / "events" / "data"


def load_articles(args: argparse.Namespace, classifier: EventClassifier) -> list[DevArticle]:
    if args.cache and args.cache.exists():
        with args.cache.open("rb") as handle:
            cached: list[DevArticle] = pickle.load(handle)  # noqa: S301 (our own file)
        for article in cached:
            read_tellings(article, classifier)  # the events stage of the code as it is now
        return cached
    articles = dev_articles(args.gold, args.bench, classifier)
    if args.cache:
        with args.cache.open("wb") as handle:
            pickle.dump(articles, handle)
    return articles


def cause(
    p: PredictedEvent,
    result: ArticleResult,
    kept: list[PredictedEvent],
    pairs: list[tuple[int, int]],
) -> str:
    """A first guess at why a kept event matches no gold event at type level."""
    near = [
        j
        for j, g in enumerate(result.record.events)
        if _distance(p.spans, g.spans, result.source) is not None
    ]
    same = [j for j in near if result.record.events[j].type == p.type]
    if same:
        takers = [kept[i] for i, j in pairs if j in same]
        told = ", ".join(f"'{t.trigger}' {t.confidence:.2f}" for t in takers)
        return f"same type near: gold taken by {told}"
    if near:
        return "other type near: " + ",".join(sorted({result.record.events[j].type for j in near}))
    return "no gold near"


def telling_features(
    tellings: list[tuple[Event, Evidence]], model: ConfidenceModel, event: Event
) -> list[tuple[str, float]]:
    """The feature contributions (weight x value) of the telling that gives ``event`` its
    confidence, largest first."""
    spans = {(m.field, m.start, m.end) for m in event.mentions or []}
    spans.add((event.field, event.start, event.end))
    best: list[tuple[str, float]] = []
    best_p = -1.0
    for told, evidence in tellings:
        if (told.field, told.start, told.end) not in spans or told.type != event.type:
            continue
        row = features(evidence, rule_confidence(evidence))
        p = model.probability(row)
        if p > best_p:
            best_p = p
            best = [(n, model.weights.get(n, 0.0) * v) for n, v in row.items()]
    return sorted(best, key=lambda item: -abs(item[1]))


def sentence_bounds(source: str, span: tuple[int, int]) -> tuple[int, int]:
    """Where the sentence around ``span`` starts and ends in ``source`` (a full stop and a
    space, or a line break)."""
    start = max(source.rfind(". ", 0, span[0]), source.rfind("\n", 0, span[0])) + 1
    ends = [i for i in (source.find(". ", span[1]), source.find("\n", span[1])) if i >= 0]
    return start, min(ends) + 1 if ends else len(source)


def sentence_of(source: str, span: tuple[int, int]) -> str:
    start, end = sentence_bounds(source, span)
    text = source[start : span[0]] + "[" + source[span[0] : span[1]] + "]" + source[span[1] : end]
    return " ".join(text.split())[:400]


SHOWN = (0.5, 0.6, 0.65, 0.7, 0.75, 0.8)


def print_corpus_levels(results: list[ArticleResult], folds: dict[str, list[int]]) -> None:
    """Each held-out corpus's precision (type / +actor / +recipient), type+actor recall and
    events kept at each shown threshold, their macro-average (each corpus counting alike), and
    the threshold each rule of ``threshold_alternatives`` would pick from these folds."""
    by_corpus = corpus_levels(results)
    macro = macro_levels(by_corpus)
    print("\nby held-out corpus (articles): P type / type+actor / +recipient, R t+a, kept")
    rows = [*(f"{name} ({len(folds[name])})" for name in by_corpus), "macro-average"]
    tables = [*by_corpus.values(), macro]
    for label, levels in zip(rows, tables, strict=True):
        cells = []
        for threshold in SHOWN:
            p_type, p_actor, p_strict, recall, kept = levels[threshold]
            cells.append(f"{threshold:.2f}: {100 * p_type:.0f}/{100 * p_actor:.0f}/"
                         f"{100 * p_strict:.0f} R {100 * recall:.1f} n {kept:g}")  # fmt: skip
        print(f"{label}\n   " + " | ".join(cells))
    picks = threshold_alternatives(pooled_counts(results), by_corpus)
    print("threshold by rule: " + ", ".join(f"{rule} {t:g}" for rule, t in picks.items()))


def recipient_miss(
    p: PredictedEvent, gold: GoldEvent, article: DevArticle, result: ArticleResult
) -> str:
    """What a kept event right at type+actor gets wrong about the recipient, and where the
    gold's recipient is told: "none given", "none in gold" or "another", then for the gold's
    recipients "sentence" (a mention in the trigger's sentence) or "elsewhere", "entity" (a
    mention of some entity of the analysis overlaps it) or "description"."""
    if not p.recipient:
        kind = "none given"
    elif not gold.recipient:
        return "none in gold"
    else:
        kind = "another"
    spans = [a.span for a in gold.recipient if a.span is not None]
    if not spans or not p.spans:
        return f"{kind}, gold unplaced"
    start, end = sentence_bounds(result.source, p.spans[0])
    where = "sentence" if any(start <= s < end for s, _ in spans) else "elsewhere"
    mapped = [m for e in _all_entities(article) for m in e]
    named = any(a < t and s < b for s, t in spans for a, b in mapped)
    return f"{kind}, {where}, {'entity' if named else 'description'}"


def _all_entities(article: DevArticle) -> list[list[tuple[int, int]]]:
    """Each entity of the analysis as its mentions' spans in the source."""
    found = []
    for entity in article.analysis.entities:
        spans = []
        for mention in entity.mentions:
            mapped = article.alignment.to_source(mention.field, mention.start, mention.end)
            if mapped is not None:
                spans.append(mapped)
        found.append(spans)
    return found


def recipient_link(tellings: list[tuple[Event, Evidence]], event: Event) -> str | None:
    """The parse link of the recipient of the telling that gave ``event`` its recipient."""
    spans = {(m.field, m.start, m.end) for m in event.mentions or []}
    spans.add((event.field, event.start, event.end))
    for told, evidence in tellings:
        if (told.field, told.start, told.end) in spans and told.recipient == event.recipient:
            return evidence.recipient_link
    return None


def list_recipients(
    articles: list[DevArticle],
    scored: list[tuple[ArticleResult, ConfidenceModel]],
    classifier: EventClassifier,
    threshold: float,
) -> None:
    """Print each kept event right at type+actor but wrong at strict (``recipient_miss``), then
    for each recipient link how many kept events right at type+actor have their recipient
    right (strict) or wrong."""
    misses: Counter[str] = Counter()
    links: dict[str, Counter[str]] = {}
    for article, (result, model) in zip(articles, scored, strict=True):
        kept = [p for p in result.predicted if p.confidence >= threshold]
        if not kept:
            continue
        ambiguous = ambiguous_last_words(result.record)
        actor_pairs = dict(
            match(kept, result.record.events, result.source, "type+actor", ambiguous)
        )
        strict = {
            i for i, _ in match(kept, result.record.events, result.source, LEVELS[2], ambiguous)
        }
        tellings: list[tuple[Event, Evidence]] = []
        find_events(article.analysis, article.parsed, scorer=Scorer(model, classifier),
                    tellings=tellings)  # fmt: skip
        for i, p in enumerate(kept):
            if i not in actor_pairs and i not in strict:
                continue
            link = recipient_link(tellings, p.event) if p.recipient else "none"
            links.setdefault(str(link), Counter())["right" if i in strict else "wrong"] += 1
            if i in strict:
                continue
            gold = result.record.events[actor_pairs[i]]
            why = recipient_miss(p, gold, article, result)
            misses[why] += 1
            ours = "; ".join(sorted(min(a.names, key=len) for a in p.recipient if a.names))
            theirs = "; ".join(a.name for a in gold.recipient)
            print(f"\n## {result.record.id} conf {p.confidence:.3f} {p.type} trigger "
                  f"'{p.trigger}' recipient [{ours}] link {link}, gold [{theirs}] -- {why}")  # fmt: skip
            if p.spans:
                print("   " + sentence_of(result.source, p.spans[0]))
    print(f"\nright at type+actor, wrong recipient, at {threshold}: {dict(misses)}")
    print("recipient link | right at strict | wrong (kept, right at type+actor)")
    for name, counts in sorted(links.items(), key=lambda kv: -sum(kv[1].values())):
        print(f"{name} | {counts['right']} | {counts['wrong']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bench", type=Path, default=REPO.parent / "shared" / "bench")
    parser.add_argument("--gold", type=Path, default=REPO / "tests" / "gold" / "events")
    parser.add_argument("--classifier", type=Path, default=EVENT_DATA / "event_model.npz")
    parser.add_argument("--shipped", type=Path, default=EVENT_DATA / "event_confidence.json")
    parser.add_argument("--threshold", type=float, default=0.7)
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--list", action="store_true", help="list every wrong kept event")
    parser.add_argument(
        "--recipients",
        action="store_true",
        help="list the kept events right at type+actor with a wrong recipient, by cause",
    )
    args = parser.parse_args()
    classifier = EventClassifier.load(args.classifier)
    articles = load_articles(args, classifier)
    meta = json.loads(args.shipped.read_text(encoding="utf-8"))["metadata"]
    view_name = str(meta["features"])
    l2 = float(meta["l2"])
    folds, models = out_of_fold_models(articles, l2, FEATURE_VIEWS[view_name])
    scored = out_of_fold_results(articles, classifier, folds, models)
    print(f"out of fold ({view_name}, l2 {l2:g}); {len(articles)} articles")
    for threshold in SHOWN:
        t = tally([r for r, _ in scored], threshold)
        cells = " ".join(f"P {level} {100 * t.precision(level):.1f}" for level in LEVELS)
        print(f"{threshold:.2f}: kept {t.predicted} {cells} R t+a "
              f"{100 * t.recall('type+actor'):.1f}")  # fmt: skip
    print_corpus_levels([r for r, _ in scored], folds)
    if args.recipients:
        list_recipients(articles, scored, classifier, args.threshold)
        return
    wrong_sum: Counter[str] = Counter()
    right_sum: Counter[str] = Counter()
    causes: Counter[str] = Counter()
    wrong = right = 0
    for article, (result, model) in zip(articles, scored, strict=True):
        kept = [p for p in result.predicted if p.confidence >= args.threshold]
        if not kept:
            continue
        ambiguous = ambiguous_last_words(result.record)
        pairs = match(kept, result.record.events, result.source, "type", ambiguous)
        matched = {i for i, _ in pairs}
        tellings: list[tuple[Event, Evidence]] = []
        find_events(article.analysis, article.parsed, scorer=Scorer(model, classifier),
                    tellings=tellings)  # fmt: skip
        for i, p in enumerate(kept):
            contributions = telling_features(tellings, model, p.event)
            if i in matched:
                right += 1
                right_sum.update(dict(contributions))
                continue
            wrong += 1
            wrong_sum.update(dict(contributions))
            why = cause(p, result, kept, pairs)
            causes[why.split(":")[0]] += 1
            if not args.list:
                continue
            actors = "; ".join(sorted(min(a.names, key=len) for a in p.actor if a.names))
            print(f"\n## {result.record.id} conf {p.confidence:.3f} {p.type} "
                  f"trigger '{p.trigger}' status {p.status} actor [{actors}]  -- {why}")  # fmt: skip
            if p.spans:
                print("   " + sentence_of(result.source, p.spans[0]))
            print("   " + ", ".join(f"{n} {v:+.2f}" for n, v in contributions[:8]))
    print(
        f"\nkept at {args.threshold}: {right} right at type, {wrong} wrong; causes {dict(causes)}"
    )
    print("feature | mean contribution on wrong | on right")
    for name in sorted(set(wrong_sum) | set(right_sum),
                       key=lambda n: -wrong_sum[n] / max(wrong, 1))[:40]:  # fmt: skip
        print(
            f"{name} | {wrong_sum[name] / max(wrong, 1):+.3f} | {right_sum[name] / max(right, 1):+.3f}"
        )


if __name__ == "__main__":
    main()
