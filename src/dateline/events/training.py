"""Assembling the event classifier's training set from ``../shared/bench`` and fitting the
shipped model (used by ``scripts/train_event_model.py`` and ``dateline eval events --plv``)."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from dateline.events.classifier import PLOVER_TYPES, LinearEventModel
from dateline.events.features import kept_features
from dateline.events.learning import Example, Hyperparameters, fit

# Chosen by 5-fold cross-validation on PLV_train (the figures in docs/EVALUATION.md).
SHIPPED = Hyperparameters(steps=300, learning_rate=0.05, l2_sparse=3e-4, l2_dense=1e-1, min_count=2)
SEED = 13
# The optional feature groups a training may use (features.OPTIONAL_GROUPS), simplest first;
# which one is chosen by cross-validation inside the training data (``choose_configuration``).
GROUP_CHOICES: tuple[tuple[str, ...], ...] = ((), ("chain",))
# Weights of the n-gram view's type logits added to the parse view's (0: the parse view
# alone), chosen with the groups by the same inner cross-validation.
NGRAM_WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5)
# The n-gram view's fit: sparse features only, so one L2 strength.
NGRAM_HYPER = Hyperparameters(steps=300, learning_rate=0.05, l2_sparse=3e-4, min_count=2)
INNER_FOLDS = 4


def inner_fold(group: str) -> int:
    """A fold of the training data's own cross-validation, independent of any outer split."""
    from dateline.evaluation import id_digest

    return int(id_digest(f"inner:{group}")[:8], 16) % INNER_FOLDS


@dataclass(frozen=True)
class Configuration:
    """What a training chose inside its own data: the optional feature groups of the parse
    view, the weight of the n-gram view, and the inner type accuracy of every choice."""

    groups: tuple[str, ...]
    ngram_weight: float
    accuracy: dict[str, float]

    def describe(self) -> str:
        return f"{'+'.join(self.groups) or 'none'}, n-grams x{self.ngram_weight:g}"


def configuration_name(groups: tuple[str, ...], ngram_weight: float) -> str:
    return f"{'+'.join(groups) or 'none'}|ngram={ngram_weight:g}"


def fit_ngram_view(examples: list[Example], seed: int = SEED) -> LinearEventModel:
    """The n-gram view fitted on ``examples``' n-grams, type columns only (the codeable
    probability stays the parse view's)."""
    import numpy as np

    view = fit(
        [
            Example(e.ngrams, np.zeros(0, dtype=np.float32), e.type, e.codeable, e.group, e.source)
            for e in examples
        ],
        use_rules=True,
        hyper=NGRAM_HYPER,
        seed=seed,
    )
    width = len(view.types)
    return replace(view, weights=view.weights[:, :width].copy(), bias=view.bias[:width].copy())


def fit_configured(
    examples: list[Example],
    configuration: Configuration,
    seed: int = SEED,
    metadata: dict[str, object] | None = None,
) -> LinearEventModel:
    """The parse view with the chosen groups, and the n-gram view when its weight is not 0."""
    model = fit(
        examples,
        use_rules=True,
        hyper=SHIPPED,
        seed=seed,
        metadata=metadata,
        groups=configuration.groups,
    )
    if not configuration.ngram_weight:
        return model
    return replace(
        model, ngram=fit_ngram_view(examples, seed), ngram_weight=configuration.ngram_weight
    )


def choose_configuration(examples: list[Example], seed: int = SEED) -> Configuration:
    """The optional feature groups and n-gram weight for a model trained on ``examples``: the
    choice of ``GROUP_CHOICES`` x ``NGRAM_WEIGHTS`` with the best type accuracy over
    ``INNER_FOLDS`` folds of the typed PLV examples among them (the other examples always
    train), the simpler on a tie (fewer groups first, then the smaller weight). Each view is
    fitted once per inner fold; the weights only combine their held-out logits (stacking on
    out-of-fold predictions). Only the training data is read, so a caller that holds rows out
    (``dateline eval events --plv``) can call it on each training fold and report a figure
    the choice never saw."""
    import numpy as np

    scored = [e for e in examples if e.source == "plv" and e.type is not None]
    gold: list[int] = []
    parse_logits: dict[tuple[str, ...], list[np.ndarray]] = {g: [] for g in GROUP_CHOICES}
    ngram_logits: list[np.ndarray] = []
    for fold in range(INNER_FOLDS):
        held = [e for e in scored if inner_fold(e.group) == fold]
        if not held:
            continue
        train = [e for e in examples if not (e.source == "plv" and inner_fold(e.group) == fold)]
        gold += [PLOVER_TYPES.index(str(e.type)) for e in held]
        dense = np.stack([e.dense for e in held])
        for groups in GROUP_CHOICES:
            model = fit(train, use_rules=True, hyper=SHIPPED, seed=seed, groups=groups)
            sparse = [kept_features(e.sparse, True, groups) for e in held]
            parse_logits[groups].append(model.logits(sparse, dense)[:, :-1])
        view = fit_ngram_view(train, seed)
        ngram_logits.append(view.logits([e.ngrams for e in held], np.zeros((len(held), 0))))
    accuracy: dict[str, float] = {}
    best: tuple[float, tuple[str, ...], float] | None = None
    labels = np.array(gold, dtype=np.int64)
    for groups in GROUP_CHOICES:
        for weight in NGRAM_WEIGHTS:
            if parse_logits[groups]:
                z = np.vstack(parse_logits[groups]) + weight * np.vstack(ngram_logits)
                value = float((z.argmax(axis=1) == labels).sum()) / len(labels)
            else:
                value = 0.0
            accuracy[configuration_name(groups, weight)] = round(value, 4)
            if best is None or value > best[0]:
                best = (value, groups, weight)
    assert best is not None
    return Configuration(best[1], best[2], accuracy)


def plv_path(bench: Path) -> Path:
    return bench / "events" / "plv" / "PLV_train.tsv"


def gsr_path(bench: Path) -> Path:
    return bench / "events" / "plover_gsr_cameo.json"


def build_examples(bench: Path, gold_dir: Path | None = None) -> list[Example]:
    """Every training example: PLV, the GSR dev split, weak off-topic negatives (never from a
    page of the document gold set in ``gold_dir``). The document gold's dev articles are left
    to the learned confidence (``dateline.events.training_confidence``), which reads this
    classifier's output on them as a feature: trained on them too, the classifier would look
    better there than on any new article."""
    from dateline.events import training_data as data
    from dateline.nlp import load_model

    nlp = load_model()
    plv = data.read_plv(plv_path(bench))
    examples = data.plv_examples(plv, list(nlp.pipe(r.text for r in plv)))
    gsr = data.gsr_dev(data.read_gsr(gsr_path(bench)))
    examples += data.gsr_examples(gsr, list(nlp.pipe(r.text for r in gsr)))
    excluded = data.gold_sources(gold_dir) if gold_dir is not None else set()
    examples += data.negative_examples(nlp, bench, excluded)
    return examples


def train_shipped_model(examples: list[Example], seed: int = SEED) -> LinearEventModel:
    counts = {s: sum(e.source == s for e in examples) for s in sorted({e.source for e in examples})}
    configuration = choose_configuration(examples, seed)
    metadata = {
        "trained_on": counts,
        "seed": seed,
        "hyperparameters": {
            k: v for k, v in SHIPPED.__dict__.items() if isinstance(v, int | float)
        },
        "ngram_hyperparameters": {
            k: v for k, v in NGRAM_HYPER.__dict__.items() if isinstance(v, int | float)
        },
        "feature_groups": list(configuration.groups),
        "ngram_weight": configuration.ngram_weight,
        "inner_cv_type_accuracy": configuration.accuracy,
    }
    return fit_configured(examples, configuration, seed, metadata)


def describe(model: LinearEventModel) -> str:
    return json.dumps(json.loads(model.metadata), sort_keys=True)
