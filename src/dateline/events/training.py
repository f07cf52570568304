"""Assembling the event classifier's training set from ``../shared/bench`` and fitting the
shipped model (used by ``scripts/train_event_model.py`` and ``dateline eval events --plv``)."""

from __future__ import annotations

import json
from pathlib import Path

from dateline.events.classifier import LinearEventModel
from dateline.events.learning import Example, Hyperparameters, fit

# Chosen by 5-fold cross-validation on PLV_train (the figures in docs/EVALUATION.md).
SHIPPED = Hyperparameters(steps=300, learning_rate=0.05, l2_sparse=3e-4, l2_dense=1e-1, min_count=2)
SEED = 13


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
    metadata = {
        "trained_on": counts,
        "seed": seed,
        "hyperparameters": {
            k: v for k, v in SHIPPED.__dict__.items() if isinstance(v, int | float)
        },
    }
    return fit(examples, use_rules=True, hyper=SHIPPED, seed=seed, metadata=metadata)


def describe(model: LinearEventModel) -> str:
    return json.dumps(json.loads(model.metadata), sort_keys=True)
