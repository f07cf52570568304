"""Assembling the event classifier's training set from ``../shared/bench`` and fitting the
shipped model (used by ``scripts/train_event_model.py`` and ``dateline eval events --plv``)."""

from __future__ import annotations

import json
from pathlib import Path

from dateline.events.classifier import LinearEventModel
from dateline.events.features import kept_features
from dateline.events.learning import Example, Hyperparameters, fit

# Chosen by 5-fold cross-validation on PLV_train (the figures in docs/EVALUATION.md).
SHIPPED = Hyperparameters(steps=300, learning_rate=0.05, l2_sparse=3e-4, l2_dense=1e-1, min_count=2)
SEED = 13
# The optional feature groups a training may use (features.OPTIONAL_GROUPS), simplest first;
# which one is chosen by cross-validation inside the training data (``choose_groups``).
GROUP_CHOICES: tuple[tuple[str, ...], ...] = ((), ("chain",))
INNER_FOLDS = 4


def inner_fold(group: str) -> int:
    """A fold of the training data's own cross-validation, independent of any outer split."""
    from dateline.evaluation import id_digest

    return int(id_digest(f"inner:{group}")[:8], 16) % INNER_FOLDS


def choose_groups(
    examples: list[Example], seed: int = SEED
) -> tuple[tuple[str, ...], dict[str, float]]:
    """The optional feature groups for a model trained on ``examples``: the choice of
    ``GROUP_CHOICES`` with the best type accuracy over ``INNER_FOLDS`` folds of the typed PLV
    examples among them (the other examples always train), the simpler on a tie. Only the
    training data is read, so a caller that holds rows out (``dateline eval events --plv``)
    can call it on each training fold and report a figure the choice never saw."""
    import numpy as np

    scored = [e for e in examples if e.source == "plv" and e.type is not None]
    accuracy: dict[str, float] = {}
    for groups in GROUP_CHOICES:
        hits = 0
        for fold in range(INNER_FOLDS):
            held = [e for e in scored if inner_fold(e.group) == fold]
            if not held:
                continue
            train = [e for e in examples if not (e.source == "plv" and inner_fold(e.group) == fold)]
            model = fit(train, use_rules=True, hyper=SHIPPED, seed=seed, groups=groups)
            sparse = [kept_features(e.sparse, True, groups) for e in held]
            logits = model.logits(sparse, np.stack([e.dense for e in held]))[:, :-1]
            hits += sum(
                model.types[int(k)] == e.type
                for k, e in zip(logits.argmax(axis=1), held, strict=True)
            )
        accuracy["+".join(groups) or "none"] = round(hits / max(len(scored), 1), 4)
    best = max(GROUP_CHOICES, key=lambda g: accuracy["+".join(g) or "none"])
    return best, accuracy


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
    groups, inner_accuracy = choose_groups(examples, seed)
    metadata = {
        "trained_on": counts,
        "seed": seed,
        "hyperparameters": {
            k: v for k, v in SHIPPED.__dict__.items() if isinstance(v, int | float)
        },
        "feature_groups": list(groups),
        "inner_cv_type_accuracy": inner_accuracy,
    }
    return fit(examples, use_rules=True, hyper=SHIPPED, seed=seed, metadata=metadata, groups=groups)


def describe(model: LinearEventModel) -> str:
    return json.dumps(json.loads(model.metadata), sort_keys=True)
