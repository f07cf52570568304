"""``dateline eval events --plv PLV_train.tsv``: the event classifier against the rules and a
published zero-shot system, by cross-validation on PLV_train.

PLV_train (snowood1/Zero-Shot-PLOVER, ACL 2024) holds 1,049 news sentences, each with one source
and one target marked and a gold PLOVER root. Rows are cut into ``FOLDS`` folds by the SHA-1 of
their id; for each fold the classifier is trained on the other folds plus its fixed extra data
(the dev split of the PLOVER gold records and weak off-topic negatives, whose pages are folded
the same way) and tested on the fold: no row is ever scored by a model that saw it. Scored in the
same run, on the same rows:

- **rules**: the events stage (every stage it needs, as ``dateline analyze`` runs it); the
  row's prediction is its event at the dyad's trigger (:func:`dyad_trigger`), else its event on
  the dependency path between source and target, else the sentence's main-clause event, typed as
  the PLOVER gold records code it (``gsr_type``);
- **model without the rule lexicon**: the classifier trained without the ``rule*`` features;
- **model + rules**: the classifier with the rule lexicon's codes as features (what ships);
- **published zero-shot** (``root_L2`` of the file): roberta-large-mnli over codebook
  hypotheses on a GPU, as released with the paper.

The "codeable" head is scored on the same folds: the share of held-out PLV events it accepts
(probability >= 0.5) and the share of held-out weak negatives it rejects.

Then the PLOVER gold records' **test** split (the one ``dateline eval events --data`` reports;
the classifier only ever trains on the dev split): the rules' main-clause event type, the same
event re-typed by the classifier (trained on all of PLV, GSR dev and the negatives, as shipped),
and the classifier at the gold-marked event word with the gold actors.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token

from dateline.evaluation import id_digest, pct, prf, table_row
from dateline.events.arguments import tree_depth
from dateline.events.classifier import PLOVER_TYPES, EventClassifier, LinearEventModel
from dateline.events.features import _path_words, kept_features
from dateline.events.learning import Example, fit
from dateline.events.training import (
    SEED,
    SHIPPED,
    choose_configuration,
    fit_configured,
    gsr_path,
    train_shipped_model,
)

FOLDS = 5


def fold_of(group: str, folds: int = FOLDS) -> int:
    return int(id_digest(group)[:8], 16) % folds


@dataclass
class TypeScore:
    gold: list[str] = field(default_factory=list)
    predicted: list[str | None] = field(default_factory=list)

    def add(self, gold: str, predicted: str | None) -> None:
        self.gold.append(gold)
        self.predicted.append(predicted)

    @property
    def accuracy(self) -> float:
        hits = sum(g == p for g, p in zip(self.gold, self.predicted, strict=True))
        return hits / max(len(self.gold), 1)

    @property
    def coverage(self) -> float:
        return sum(p is not None for p in self.predicted) / max(len(self.predicted), 1)

    @property
    def macro_f1(self) -> float:
        labels = set(self.gold)
        tp = Counter(g for g, p in zip(self.gold, self.predicted, strict=True) if g == p)
        predicted = Counter(p for p in self.predicted if p)
        gold = Counter(self.gold)
        return sum(prf(tp[t], predicted[t], tp[t], gold[t])[2] for t in labels) / max(
            len(labels), 1
        )


def _located(analysis, doc: Doc) -> list[tuple[Token, object]]:  # type: ignore[no-untyped-def]
    """The stage's body events with their trigger tokens."""
    located = []
    for event in analysis.events:
        if event.field != "text":
            continue
        span = doc.char_span(event.start, event.end, alignment_mode="expand")
        if span is not None:
            located.append((span.root, event))
    return located


def main_event(analysis, doc: Doc):  # type: ignore[no-untyped-def]
    """The event whose trigger is highest in the parse (ties: the earlier), as
    ``dateline eval events --data`` picks a sentence's event."""
    located = _located(analysis, doc)
    if not located:
        return None
    return min(located, key=lambda te: (tree_depth(te[0]), te[0].i))[1]


def rules_type(analysis, doc: Doc, trigger: Token | None, path: set[int]) -> str | None:  # type: ignore[no-untyped-def]
    """The rules' type for a dyad: the stage's event at ``trigger``, else on the dyad's path,
    else the main-clause event of the sentence."""
    from dateline.evaluation.events import gsr_type

    located = _located(analysis, doc)
    if not located:
        return None
    if trigger is not None:
        for token, event in located:
            if token.i == trigger.i:
                return gsr_type(event)
    on_path = [(t, e) for t, e in located if t.i in path]
    if on_path:
        return gsr_type(on_path[-1][1])
    return gsr_type(main_event(analysis, doc))


def _predict(model: LinearEventModel, examples: list[Example]):  # type: ignore[no-untyped-def]
    sparse = [kept_features(e.sparse, model.use_rules, model.groups) for e in examples]
    ngrams = [e.ngrams for e in examples] if model.ngram is not None else None
    return model.predict(sparse, np.stack([e.dense for e in examples]), ngrams)


@dataclass
class PlvResult:
    rows: int
    scores: dict[str, TypeScore]
    codeable_accepted: tuple[int, int]  # held-out PLV events with p >= 0.5 / all
    negatives_rejected: tuple[int, int]  # held-out weak negatives with p < 0.5 / all
    gsr: dict[str, TypeScore]
    training: dict[str, int]
    fold_groups: list[str] = field(default_factory=list)  # what each training fold chose


RULES = "rules: events stage"
MODEL = "model without the rule lexicon"
COMBINED = "model + rules (rule codes as features; + n-gram view as chosen; shipped)"
ZERO_SHOT = "published zero-shot (root_L2: roberta-large-mnli, GPU)"


def evaluate_plv(
    plv_file: Path, bench: Path, gold_dir: Path | None, model_name: str | None = None
) -> PlvResult:
    from dateline.article.structure import article_id
    from dateline.evaluation.events import gsr_type, split_of
    from dateline.events import training_data as data
    from dateline.model import Article
    from dateline.pipeline import Pipeline

    rows = data.read_plv(plv_file)
    pipeline = Pipeline.create(["events"], model=model_name)
    nlp = pipeline.nlp

    def analysed(texts: list[str], sources: list[str]):  # type: ignore[no-untyped-def]
        for text, source, doc in zip(texts, sources, nlp.pipe(texts), strict=True):
            article = Article(
                id=article_id(text), source=source, language="en", paragraphs=[text], text=text
            )
            yield pipeline.annotate(article, doc), doc

    scores = {name: TypeScore() for name in (RULES, MODEL, COMBINED, ZERO_SHOT)}
    row_examples: list[Example | None] = []
    for row, (analysis, doc) in zip(
        rows, analysed([r.text for r in rows], [r.id for r in rows]), strict=True
    ):
        candidate = data.dyad_candidate(doc, row)
        trigger = candidate.trigger if candidate is not None else None
        path: set[int] = set()
        if candidate is not None and candidate.actor and candidate.recipient:
            path = {t.i for t in _path_words(candidate.actor.root, candidate.recipient.root)}
        scores[RULES].add(row.type, rules_type(analysis, doc, trigger, path))
        scores[ZERO_SHOT].add(row.type, row.zero_shot)
        row_examples.append(
            data.example(candidate, row.type, f"plv:{row.id}", "plv") if candidate else None
        )

    gsr_rows = data.read_gsr(gsr_path(bench))
    dev = data.gsr_dev(gsr_rows)
    extra = data.gsr_examples(dev, list(nlp.pipe(r.text for r in dev)))
    excluded = data.gold_sources(gold_dir) if gold_dir is not None else set()
    negatives = data.negative_examples(nlp, bench, excluded)

    predictions: dict[str, list[str | None]] = {
        MODEL: [None] * len(rows),
        COMBINED: [None] * len(rows),
    }
    accepted = rejected = 0
    fold_groups = []
    for fold in range(FOLDS):
        train = [e for e in row_examples if e is not None and fold_of(e.group) != fold]
        held_negatives = [e for e in negatives if fold_of(e.group) == fold]
        train += extra + [e for e in negatives if fold_of(e.group) != fold]
        test = [
            (i, e) for i, e in enumerate(row_examples) if e is not None and fold_of(e.group) == fold
        ]
        # The optional feature groups and the n-gram view's weight are chosen inside the
        # training folds (nested CV); the model without the rule lexicon is the parse view alone.
        configuration = choose_configuration(train)
        fold_groups.append(configuration.describe())
        for name, use_rules in ((MODEL, False), (COMBINED, True)):
            if use_rules:
                model = fit_configured(train, configuration)
            else:
                model = fit(train, use_rules=False, hyper=SHIPPED, seed=SEED)
            for (i, _), p in zip(test, _predict(model, [e for _, e in test]), strict=True):
                predictions[name][i] = p.type
            if use_rules:
                accepted += sum(p.codeable >= 0.5 for p in _predict(model, [e for _, e in test]))
                if held_negatives:
                    rejected += sum(p.codeable < 0.5 for p in _predict(model, held_negatives))
    for name in (MODEL, COMBINED):
        for row, predicted in zip(rows, predictions[name], strict=True):
            scores[name].add(row.type, predicted)

    # The PLOVER gold records' test split, with the model as shipped (all training data).
    every = [e for e in row_examples if e is not None] + extra + negatives
    shipped = EventClassifier(train_shipped_model(every))
    test_rows = [r for r in gsr_rows if split_of(r.id) == "test"]
    gsr = {
        "rules: main-clause event": TypeScore(),
        "rules' main-clause event, typed by the model": TypeScore(),
        "model at the gold event word and actors": TypeScore(),
    }
    names = list(gsr)
    for record, (analysis, doc) in zip(
        test_rows, analysed([r.text for r in test_rows], [r.id for r in test_rows]), strict=True
    ):
        main = main_event(analysis, doc)
        gsr[names[0]].add(record.type, gsr_type(main) if main is not None else None)
        retyped = None
        if main is not None:
            prediction = shipped.classify_event(analysis, doc, main)
            retyped = prediction.type if prediction is not None else None
        gsr[names[1]].add(record.type, retyped)
        candidate = data.gsr_candidate(doc, record)
        at_gold = shipped.classify_candidate(candidate).type if candidate is not None else None
        gsr[names[2]].add(record.type, at_gold)
    counts = Counter(e.source for e in every)
    return PlvResult(
        len(rows),
        scores,
        (accepted, sum(e is not None for e in row_examples)),
        (rejected, len(negatives)),
        gsr,
        dict(sorted(counts.items())),
        fold_groups,
    )


def report(result: PlvResult) -> str:
    lines = [
        f"PLV_train, {FOLDS}-fold cross-validation by SHA-1 of the row id ({result.rows} rows; "
        f"training data per fold: the other folds + {result.training.get('gsr', 0)} GSR dev "
        "records + weak negatives of the other folds' pages)",
        "",
        "optional feature groups and n-gram view weight chosen inside each training fold: "
        + "; ".join(result.fold_groups),
        "",
        "| system | type accuracy | type macro F1 | coverage |",
        "|---|---|---|---|",
    ]
    for name, score in result.scores.items():
        lines.append(
            table_row([name, pct(score.accuracy), pct(score.macro_f1), pct(score.coverage)])
        )
    accepted, positives = result.codeable_accepted
    rejected, negatives = result.negatives_rejected
    lines += [
        "",
        "| codeable head (held-out folds, p >= 0.5 = codeable) | share |",
        "|---|---|",
        table_row(
            ["PLV events accepted", f"{pct(accepted / max(positives, 1))} ({accepted}/{positives})"]
        ),
        table_row(
            [
                "off-topic rule events rejected (weak labels)",
                f"{pct(rejected / max(negatives, 1))} ({rejected}/{negatives})",
            ]
        ),
        "",
        f"PLOVER gold records, split `test` ({len(next(iter(result.gsr.values())).gold)} "
        "sentences; the model is trained on all of PLV, GSR dev and the negatives)",
        "",
        "| system | type accuracy | type macro F1 | coverage |",
        "|---|---|---|---|",
    ]
    for name, score in result.gsr.items():
        lines.append(
            table_row([name, pct(score.accuracy), pct(score.macro_f1), pct(score.coverage)])
        )
    lines += [
        "",
        "| type | gold | " + " | ".join(f"{name[:24]} F1" for name in result.scores) + " |",
        "|---|---|" + "---|" * len(result.scores),
    ]
    gold_counts = Counter(next(iter(result.scores.values())).gold)
    for label in PLOVER_TYPES:
        if not gold_counts[label]:
            continue
        cells = []
        for score in result.scores.values():
            tp = sum(g == p == label for g, p in zip(score.gold, score.predicted, strict=True))
            predicted = sum(p == label for p in score.predicted)
            cells.append(pct(prf(tp, predicted, tp, gold_counts[label])[2]))
        lines.append(table_row([label, str(gold_counts[label]), *cells]))
    return "\n".join(lines)
