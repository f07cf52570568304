"""Training the learned event confidence (:mod:`dateline.events.confidence_model`) on the dev split
of the document gold set, and choosing its default threshold by cross-validation there.

Data: every telling the events stage emits (before merging, with the classifier's view) in the
**dev** articles of ``tests/gold/events``; the test split is never read. A telling is labelled
positive when, as ``dateline eval events --docs`` compares a prediction with a gold event, some
gold event lies at it (overlapping, or within ``NEAR_CHARS`` in the same sentence) and agrees at
``LABEL_LEVEL``, type+actor (same PLOVER type, every predicted actor a gold actor). Unlike the eval's one-to-one matching, several tellings of one gold event
are all positive: each is a true telling.

Cross-validation holds out one **corpus** at a time (``corpus_of``: the corpus file a record
reads one field of, else, and for a file of one article such as a TimeML document, its
benchmark dataset folder), not one article: articles of one corpus
share publishers, period and house style, so a model scored on a corpus it never saw meets the
kind of shift a new source brings. The L2 penalty is chosen among ``L2_GRID`` by the held-out
log loss (each fold's Newton fit starts from the fit on all articles, which only shortens the
way to the same optimum). The threshold is read off the pooled held-out event precision at
``TARGET_LEVEL`` (type+actor; scored by the eval's own matching on the merged records) through
its lower confidence bound (Wilson, one-sided, ``CONFIDENCE_Z``), not its point estimate: the
lowest of ``THRESHOLDS`` whose bound reaches ``TARGET_PRECISION``, else the one with the
highest bound, so a threshold held by a handful of lucky events is not chosen over one whose
precision is known. Only thresholds keeping a type+actor recall of at least ``MIN_RECALL`` are
eligible. This is done for each feature set of ``FEATURE_VIEWS`` (the trigger's lemmas with a
penalty ten times the other features'; without them) and the one whose threshold has the
higher bound is kept. The weights file
records the cross-validated precision at all three levels and the bound for every threshold
(``cv_levels``), the same figures for each held-out corpus (``cv_corpus_levels``) and averaged
over the corpora with each counting alike (``cv_macro_levels``), and what a threshold read off
that average, or off the worst corpus, would be (``threshold_alternatives``): dev holds a third
of its articles from one local-news corpus that a different mix of sources lacks, so the
pooled figures are one mix among others. The pooled rule stays the one applied: on the dev
split of 2026-12-05 the three rules pick the same threshold (docs/EVALUATION.md).

Measured out of fold and not kept (docs/EVALUATION.md, helper ``confx``): rows weighted so each
corpus counts alike (or by one over the square root of its size, or capped at a quarter of the
weight), an L2 penalty below 1.0, and type x (in a quote, domain, actor type, trigger kind,
status) conjunction features: none raised the held-out type+actor precision at equal recall on
most corpora or on their average.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from dateline.events.confidence import Evidence
from dateline.events.confidence import confidence as rule_confidence
from dateline.events.confidence_model import ConfidenceModel, Scorer, features, fit

if TYPE_CHECKING:
    from dateline.evaluation.event_documents import Alignment, ArticleResult, GoldDocument
    from dateline.events.classifier import EventClassifier
    from dateline.model import Analysis, Event
    from dateline.stage import Parsed

# Below 1.0 the held-out log loss still falls a little (0.3: 1280 against 1285) but the held-out
# precision at equal recall drops on six of eight corpora: the grid stops at 1.0 on purpose.
L2_GRID = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0)
MIN_COUNT = 2
THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(1, 20))
# Labelling and thresholding at type+actor+recipient (the strict target) was measured on
# dev and not kept: by leave-one-article-out it bought ~3 points of strict precision at the
# default for ~7 of type+actor and ~12 of type precision (docs/EVALUATION.md).
TARGET_PRECISION = 0.8
MIN_RECALL = 0.1  # no default threshold may keep less of the gold events (cross-validated)
TARGET_LEVEL = "type+actor"
RECALL_LEVEL = "type+actor"
LABEL_LEVEL = "type+actor"
# One-sided 90 % Wilson bound on the cross-validated precision.
CONFIDENCE_Z = 1.2816


@dataclass(frozen=True)
class FeatureView:
    """A feature set the training can choose: feature-name prefixes left out, and prefixes
    whose weights are penalised ``factor`` times more than the rest's."""

    dropped: tuple[str, ...] = ()
    heavier: tuple[str, ...] = ()
    factor: float = 1.0


LEMMA = ("lemma=",)
# The feature sets the training chooses between, simplest last. The trigger's own lemma is
# most of the features (about 230 of 320) and the likeliest to learn the dev articles' words
# rather than what makes a telling right: left out, or kept with a penalty ten times the
# others' so a lemma's weight moves only on many tellings (measured on dev against an equal
# penalty and 5 or 20 times, docs/EVALUATION.md).
FEATURE_VIEWS: dict[str, FeatureView] = {
    "trigger lemmas penalised 10x": FeatureView(heavier=LEMMA, factor=10.0),
    "without trigger lemmas": FeatureView(dropped=LEMMA),
}


# Files that hold one article each even when a record reads one field of them (a TimeML
# document's ``TEXT``): such an article belongs to its dataset folder, like a plain-text file.
ONE_ARTICLE_SUFFIXES = (".tml",)


def corpus_of(record: GoldDocument) -> str:
    """The corpus an article of the gold set comes from: a file holding one article (a TimeML
    document, whatever field is read) or a plain-text file belongs to its dataset folder
    (``time/tbaq``, ``geo/GeoWebNews``); a record read from one field of a corpus file belongs
    to that file under the dataset folder (``geo/Corpora/lgl.xml``, a JSON or XML corpus) or to
    the folder of such files (``extraction/fundus/test_data``: one JSON file per publisher).
    Never one fold per article or per publisher file: a fold holds a corpus's house style, not
    one page of it."""
    path = PurePosixPath(record.path)
    if not record.field or path.suffix.lower() in ONE_ARTICLE_SUFFIXES:
        return "/".join(path.parts[:2])
    return "/".join(path.parts[:3])


def wilson_lower(hits: int, total: int, z: float = CONFIDENCE_Z) -> float:
    """The lower Wilson bound of a proportion ``hits / total`` (0 when nothing was counted)."""
    if total <= 0:
        return 0.0
    p = hits / total
    centre = p + z * z / (2 * total)
    spread = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    return (centre - spread) / (1 + z * z / total)


@dataclass
class DevArticle:
    """One dev article, analysed once: what every fold re-runs the events stage on."""

    record: GoldDocument
    source: str
    analysis: Analysis
    parsed: Parsed
    alignment: Alignment
    rows: list[dict[str, float]]
    labels: list[bool]


def telling_rows(
    article: DevArticle, tellings: list[tuple[Event, Evidence]]
) -> tuple[list[dict[str, float]], list[bool]]:
    """Each telling's features, and whether a gold event at it agrees at ``LABEL_LEVEL``."""
    from dateline.evaluation.event_documents import (
        ambiguous_last_words,
        matches_some_gold,
        predicted_events,
    )

    ambiguous = ambiguous_last_words(article.record)
    events = [event for event, _ in tellings]
    predicted = predicted_events(article.analysis, article.alignment, events)
    rows = [features(evidence, rule_confidence(evidence)) for _, evidence in tellings]
    labels = [
        matches_some_gold(p, article.record, article.source, LABEL_LEVEL, ambiguous)
        for p in predicted
    ]
    return rows, labels


def dev_articles(
    gold_dir: Path, bench: Path, classifier: EventClassifier, model_name: str | None = None
) -> list[DevArticle]:
    """Every dev article of the gold set, analysed, with its tellings' features and labels."""
    from dateline.evaluation.event_documents import analyse_record, load_records, split_of
    from dateline.pipeline import Pipeline

    pipeline = Pipeline.create(["entities", "geo", "time", "quotes"], model=model_name)
    found = []
    for record in load_records(gold_dir):
        if split_of(record.id) != "dev":
            continue
        source, analysis, parsed, alignment = analyse_record(record, bench, pipeline)
        article = DevArticle(record, source, analysis, parsed, alignment, [], [])
        read_tellings(article, classifier)
        found.append(article)
    return found


def read_tellings(article: DevArticle, classifier: EventClassifier) -> None:
    """The events stage run on the article's analysis: its tellings' features and labels (so a
    cache of the analyses can be scored again after the events stage changed)."""
    from dateline.events.stage import find_events

    tellings: list[tuple[Event, Evidence]] = []
    find_events(article.analysis, article.parsed, scorer=Scorer(None, classifier),
                tellings=tellings)  # fmt: skip
    article.rows, article.labels = telling_rows(article, tellings)


def _log_loss(model: ConfidenceModel, rows: list[dict[str, float]], labels: list[bool]) -> float:
    total = 0.0
    for row, label in zip(rows, labels, strict=True):
        p = min(max(model.probability(row), 1e-6), 1 - 1e-6)
        total -= math.log(p if label else 1 - p)
    return total


def _fit(
    articles: list[DevArticle],
    l2: float,
    start: ConfidenceModel | None = None,
    view: FeatureView = FeatureView(),
) -> ConfidenceModel:
    rows = [r for a in articles for r in a.rows]
    if view.dropped:
        rows = [{n: v for n, v in r.items() if not n.startswith(view.dropped)} for r in rows]
    labels = [y for a in articles for y in a.labels]
    begin = (start.weights, start.bias) if start is not None else None
    weights, bias = fit(
        rows,
        labels,
        l2=l2,
        min_count=MIN_COUNT,
        start=begin,
        heavier=view.heavier,
        heavier_factor=view.factor,
    )
    return ConfidenceModel(weights, bias, 0.5)


@dataclass
class CrossValidation:
    l2: float
    log_loss: dict[float, float]  # per L2 value, pooled over held-out corpora
    precision: dict[float, tuple[float, float]]  # threshold -> (TARGET_LEVEL P, RECALL_LEVEL R)
    threshold: float
    # threshold -> precision at each of the eval's levels (type, +actor, +recipient), recall at
    # RECALL_LEVEL, the lower bound of the TARGET_LEVEL precision and the events kept: what the
    # threshold costs at every strictness.
    levels: dict[float, list[float]] = field(default_factory=dict)
    folds: dict[str, int] = field(default_factory=dict)  # held-out corpus -> articles
    view: str = "all"  # the feature set (FEATURE_VIEWS) chosen
    # per feature set: its L2, threshold and the lower precision bound there
    views: dict[str, list[float]] = field(default_factory=dict)
    # held-out corpus -> threshold -> its own row of ``levels`` (no bound): how the threshold
    # fares on each kind of source, which the pooled figures weigh by how much dev holds of it
    fold_levels: dict[str, dict[float, list[float]]] = field(default_factory=dict)
    # threshold -> the corpora's rows averaged (each corpus counts alike, whatever its size)
    macro_levels: dict[float, list[float]] = field(default_factory=dict)
    # threshold rule (THRESHOLD_RULES) -> the threshold it picks from these folds
    alternatives: dict[str, float] = field(default_factory=dict)


def corpus_folds(articles: list[DevArticle]) -> dict[str, list[int]]:
    """The articles' indices by corpus, each corpus one cross-validation fold."""
    folds: dict[str, list[int]] = {}
    for k, article in enumerate(articles):
        folds.setdefault(corpus_of(article.record), []).append(k)
    return dict(sorted(folds.items()))


def corpus_levels(
    results: list[ArticleResult], thresholds: tuple[float, ...] = THRESHOLDS
) -> dict[str, dict[float, list[float]]]:
    """Each corpus's held-out figures at each threshold: precision at each of the eval's
    levels, RECALL_LEVEL recall and the events kept (``results`` scored out of fold)."""
    from dateline.evaluation.event_documents import LEVELS, tally

    by_corpus: dict[str, list[ArticleResult]] = {}
    for result in results:
        by_corpus.setdefault(corpus_of(result.record), []).append(result)
    found: dict[str, dict[float, list[float]]] = {}
    for name, group in sorted(by_corpus.items()):
        found[name] = {}
        for threshold in thresholds:
            tallied = tally(group, threshold)
            found[name][threshold] = [round(tallied.precision(level), 4) for level in LEVELS] + [
                round(tallied.recall(RECALL_LEVEL), 4),
                tallied.predicted,
            ]
    return found


def macro_levels(by_corpus: dict[str, dict[float, list[float]]]) -> dict[float, list[float]]:
    """The corpora's figures averaged, each corpus counting alike: precisions over the corpora
    that keep any event at the threshold, recall over all of them; then the events kept."""
    thresholds = sorted({t for rows in by_corpus.values() for t in rows})
    found = {}
    for threshold in thresholds:
        rows = [rows[threshold] for rows in by_corpus.values()]
        kept = [row for row in rows if row[-1] > 0]
        precisions = [round(sum(r[i] for r in kept) / len(kept), 4) if kept else 0.0
                      for i in range(len(rows[0]) - 2)]  # fmt: skip
        recall = round(sum(r[-2] for r in rows) / len(rows), 4)
        found[threshold] = [*precisions, recall, sum(r[-1] for r in rows)]
    return found


def choose_threshold(
    counts: dict[float, tuple[int, int, float]],
) -> float:
    """The default threshold from the cross-validated (events kept, right at TARGET_LEVEL,
    RECALL_LEVEL recall) of each threshold: the lowest whose lower precision bound reaches
    TARGET_PRECISION, else the one with the highest bound, among those keeping MIN_RECALL."""
    eligible = [t for t in THRESHOLDS if counts[t][2] >= MIN_RECALL] or list(THRESHOLDS)
    bound = {t: wilson_lower(counts[t][1], counts[t][0]) for t in eligible}
    reaching = [t for t in eligible if bound[t] >= TARGET_PRECISION]
    return min(reaching) if reaching else max(eligible, key=lambda t: (bound[t], -t))


def pooled_counts(results: list[ArticleResult]) -> dict[float, tuple[int, int, float]]:
    """(events kept, right at TARGET_LEVEL, RECALL_LEVEL recall) of the pooled held-out
    results at each of THRESHOLDS: what ``choose_threshold`` reads."""
    from dateline.evaluation.event_documents import tally

    counts = {}
    for threshold in THRESHOLDS:
        tallied = tally(results, threshold)
        recall = round(tallied.recall(RECALL_LEVEL), 4)
        counts[threshold] = (tallied.predicted, tallied.matched[TARGET_LEVEL], recall)
    return counts


def threshold_alternatives(
    counts: dict[float, tuple[int, int, float]], by_corpus: dict[str, dict[float, list[float]]]
) -> dict[str, float]:
    """What each threshold rule would pick from the same held-out folds. The pooled rule
    (``choose_threshold``) weighs each corpus by how many events dev holds of it (local news
    the most), the others weigh the corpora alike, as a source mix unlike dev's would: the
    lowest threshold whose macro-average of the corpora's TARGET_LEVEL precision reaches
    TARGET_PRECISION (else the highest average), and the one whose worst corpus is the most
    precise; both among the thresholds keeping the pooled MIN_RECALL."""
    from dateline.evaluation.event_documents import LEVELS

    column = LEVELS.index(TARGET_LEVEL)
    eligible = [t for t in THRESHOLDS if counts[t][2] >= MIN_RECALL] or list(THRESHOLDS)
    macro = macro_levels(by_corpus)
    reaching = [t for t in eligible if macro[t][column] >= TARGET_PRECISION]

    def worst(threshold: float) -> float:
        rows = [rows[threshold] for rows in by_corpus.values() if rows[threshold][-1] > 0]
        return min((row[column] for row in rows), default=0.0)

    return {
        "pooled lower bound": choose_threshold(counts),
        "corpus macro-average": min(reaching) if reaching else max(
            eligible, key=lambda t: (macro[t][column], -t)),
        "worst corpus": max(eligible, key=lambda t: (worst(t), -t)),
    }  # fmt: skip


def cross_validate(articles: list[DevArticle], classifier: EventClassifier) -> CrossValidation:
    """Each feature set of FEATURE_VIEWS cross-validated (``cross_validate_view``); the one whose
    threshold has the highest lower bound of held-out precision is chosen (on a tie the one
    with fewer features): the measure the default threshold is chosen by, not log loss, which
    the bulk of unsure tellings far below any threshold dominates."""
    done = {name: cross_validate_view(articles, classifier, view) for name, view in
            FEATURE_VIEWS.items()}  # fmt: skip

    def bound(name: str) -> float:
        return done[name].levels[done[name].threshold][4]

    chosen = max(reversed(list(done)), key=bound)
    result = done[chosen]
    result.view = chosen
    result.views = {n: [v.l2, v.threshold, bound(n)] for n, v in done.items()}
    return result


def out_of_fold_models(
    articles: list[DevArticle], l2: float, view: FeatureView = FeatureView()
) -> tuple[dict[str, list[int]], dict[str, ConfidenceModel]]:
    """The corpus folds and, for each, the model fitted on every other corpus (``l2``,
    features of ``view``): what scores a corpus's tellings as if its articles were new."""
    folds = corpus_folds(articles)
    everything = _fit(articles, l2, view=view)
    models = {}
    for name, indices in folds.items():
        held = set(indices)
        rest = [a for k, a in enumerate(articles) if k not in held]
        models[name] = _fit(rest, l2, everything, view)
    return folds, models


def out_of_fold_results(
    articles: list[DevArticle],
    classifier: EventClassifier,
    folds: dict[str, list[int]],
    models: dict[str, ConfidenceModel],
) -> list[tuple[ArticleResult, ConfidenceModel]]:
    """Each article's events as the events stage keeps them, scored by the model of its fold
    (trained without its corpus), in the articles' order, with that model."""
    from dateline.evaluation.event_documents import ArticleResult, predicted_events
    from dateline.events.stage import find_events

    results: list[tuple[ArticleResult, ConfidenceModel] | None] = [None] * len(articles)
    for name, indices in folds.items():
        scorer = Scorer(models[name], classifier)
        for k in indices:
            held = articles[k]
            events = find_events(held.analysis, held.parsed, scorer=scorer)
            predicted = predicted_events(held.analysis, held.alignment, events)
            results[k] = (ArticleResult(held.record, held.source, predicted), models[name])
    return [r for r in results if r is not None]


def cross_validate_view(
    articles: list[DevArticle], classifier: EventClassifier, view: FeatureView = FeatureView()
) -> CrossValidation:
    """Leave one corpus out: the L2 penalty by log loss, then the threshold by the eval's
    event-level precision on the held-out corpora's merged records (features of ``view``)."""
    from dateline.evaluation.event_documents import LEVELS, tally

    folds = corpus_folds(articles)

    def without(indices: list[int]) -> list[DevArticle]:
        held = set(indices)
        return [a for k, a in enumerate(articles) if k not in held]

    losses = {}
    fold_models: dict[tuple[float, str], ConfidenceModel] = {}
    for l2 in L2_GRID:
        everything = _fit(articles, l2, view=view)
        loss = 0.0
        for name, indices in folds.items():
            model = fold_models[l2, name] = _fit(without(indices), l2, everything, view)
            loss += sum(_log_loss(model, articles[k].rows, articles[k].labels) for k in indices)
        losses[l2] = round(loss, 4)
    l2 = min(L2_GRID, key=lambda value: (losses[value], value))
    models = {name: fold_models[l2, name] for name in folds}
    scored = [result for result, _ in out_of_fold_results(articles, classifier, folds, models)]
    curve = {}
    levels = {}
    counts = {}
    for threshold in THRESHOLDS:
        tallied = tally(scored, threshold)
        recall = round(tallied.recall(RECALL_LEVEL), 4)
        counts[threshold] = (tallied.predicted, tallied.matched[TARGET_LEVEL], recall)
        bound = wilson_lower(tallied.matched[TARGET_LEVEL], tallied.predicted)
        levels[threshold] = [round(tallied.precision(level), 4) for level in LEVELS] + [
            recall,
            round(bound, 4),
            tallied.predicted,
        ]
        curve[threshold] = (round(tallied.precision(TARGET_LEVEL), 4), recall)
    threshold = choose_threshold(counts)
    sizes = {name: len(indices) for name, indices in folds.items()}
    by_corpus = corpus_levels(scored)
    return CrossValidation(
        l2,
        losses,
        curve,
        threshold,
        levels,
        sizes,
        fold_levels=by_corpus,
        macro_levels=macro_levels(by_corpus),
        alternatives=threshold_alternatives(counts, by_corpus),
    )


def train(gold_dir: Path, bench: Path, classifier_path: Path) -> ConfidenceModel:
    """The shipped model: fitted on every dev telling, threshold from cross-validation."""
    from dateline.events.classifier import EventClassifier

    classifier = EventClassifier.load(classifier_path)
    articles = dev_articles(gold_dir, bench, classifier)
    validation = cross_validate(articles, classifier)
    model = _fit(articles, validation.l2, view=FEATURE_VIEWS[validation.view])
    positives = sum(y for a in articles for y in a.labels)
    metadata: dict[str, object] = {
        "trained_on": {
            "dev_articles": len(articles),
            "tellings": sum(len(a.labels) for a in articles),
            "positive_tellings": positives,
        },
        "label": f"a gold event at the telling agrees at {LABEL_LEVEL}",
        "l2": validation.l2,
        "min_count": MIN_COUNT,
        "cv_log_loss": {str(k): v for k, v in validation.log_loss.items()},
        "cv_precision_recall": {f"{t:.2f}": list(pr) for t, pr in validation.precision.items()},
        "cv_levels": {f"{t:.2f}": v for t, v in validation.levels.items()},
        "cv_levels_columns": [
            "P type",
            "P type+actor",
            "P type+actor+recipient",
            "R type+actor",
            f"lower bound of P {TARGET_LEVEL}",
            "events",
        ],
        "cv_folds": validation.folds,
        "cv_corpus_levels": {
            name: {f"{t:.2f}": v for t, v in rows.items()}
            for name, rows in validation.fold_levels.items()
        },
        "cv_macro_levels": {f"{t:.2f}": v for t, v in validation.macro_levels.items()},
        "cv_corpus_levels_columns": [
            "P type",
            "P type+actor",
            "P type+actor+recipient",
            f"R {RECALL_LEVEL}",
            "events",
        ],
        "threshold_alternatives": validation.alternatives,
        "features": validation.view,
        "features_compared": {
            name: {"l2": l2, "threshold": threshold, "lower_bound": bound}
            for name, (l2, threshold, bound) in validation.views.items()
        },
        "cv": "leave one corpus out",
        "threshold_rule": f"lowest whose lower bound (Wilson, one-sided, z {CONFIDENCE_Z}) of "
        f"the cross-validated {TARGET_LEVEL} precision is >= {TARGET_PRECISION}, else the one "
        f"with the highest bound, among those keeping {RECALL_LEVEL} recall >= {MIN_RECALL}",
    }
    return ConfidenceModel(model.weights, model.bias, validation.threshold, metadata)
