"""Fitting the event classifier's linear heads with numpy alone (deterministic, no extra deps).

Both heads share one feature space (named sparse indicators + standardised dense vectors) and
are fitted jointly by full-batch Adam from zero weights with L2 regularisation: a multinomial
logistic regression over PLOVER types on the examples that have a type, and a binary logistic
regression "codeable" on all examples. Full-batch, zero initialisation and a fixed number of
steps make the result a function of the data alone; the seed only orders the examples.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import numpy as np

from dateline.events.classifier import PLOVER_TYPES, LinearEventModel, _sigmoid, _softmax
from dateline.events.features import ARGUMENT_DENSE, ARGUMENT_PREFIXES


@dataclass
class Example:
    """One training candidate: its features, its PLOVER type (None for a negative) and
    whether it is a codeable event; ``group`` names its source record (for splits)."""

    sparse: list[str]
    dense: np.ndarray
    type: str | None
    codeable: bool
    group: str
    source: str = ""
    ngrams: list[str] = field(default_factory=list)  # the n-gram view (features.ngram_features)


@dataclass(frozen=True)
class Hyperparameters:
    steps: int = 300
    learning_rate: float = 0.05
    l2_sparse: float = 1e-3
    l2_dense: float = 3e-3
    min_count: int = 1
    codeable_weight: float = 1.0
    extra: dict[str, float] = field(default_factory=dict)


def vocabulary(sparse: list[list[str]], min_count: int) -> dict[str, int]:
    """A column for each feature name present in at least ``min_count`` rows, in name order."""
    counts: dict[str, int] = {}
    for names in sparse:
        for name in set(names):
            counts[name] = counts.get(name, 0) + 1
    kept = sorted(n for n, c in counts.items() if c >= min_count)
    return {name: i for i, name in enumerate(kept)}


def adam_update(
    updates: tuple[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray], ...],
    step: int,
    learning_rate: float,
) -> None:
    """One Adam step (betas 0.9 and 0.999), in place, for each (parameter, gradient, first
    moment, second moment); ``step`` counts from 1 for the bias correction."""
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for param, grad, m, s in updates:
        m *= beta1
        m += (1 - beta1) * grad
        s *= beta2
        s += (1 - beta2) * grad * grad
        m_hat = m / (1 - beta1**step)
        s_hat = s / (1 - beta2**step)
        param -= learning_rate * m_hat / (np.sqrt(s_hat) + eps)


@dataclass
class SparseMatrix:
    """Binary rows as (row, column) pairs, with the orderings the two products need."""

    rows: np.ndarray
    columns: np.ndarray
    row_starts: np.ndarray
    by_column: np.ndarray
    column_starts: np.ndarray
    present: np.ndarray

    @classmethod
    def build(cls, sparse: list[list[str]], vocab: dict[str, int]) -> SparseMatrix:
        rows, columns = [], []
        for row, names in enumerate(sparse):
            indices = sorted({vocab[n] for n in names if n in vocab})
            rows += [row] * len(indices)
            columns += indices
        rows_a = np.array(rows, dtype=np.int64)
        columns_a = np.array(columns, dtype=np.int64)
        row_starts = np.searchsorted(rows_a, np.arange(len(sparse)))
        order = np.argsort(columns_a, kind="stable")
        present, column_starts = np.unique(columns_a[order], return_index=True)
        return cls(rows_a, columns_a, row_starts, order, column_starts, present)

    def times(self, weights: np.ndarray, n_rows: int) -> np.ndarray:
        out = np.zeros((n_rows, weights.shape[1]), dtype=np.float64)
        if not len(self.columns):
            return out
        gathered = weights[self.columns]
        nonempty = np.diff(np.append(self.row_starts, len(self.columns))) > 0
        sums = np.add.reduceat(gathered, self.row_starts[nonempty], axis=0)
        out[nonempty] = sums
        return out

    def transpose_times(self, gradient: np.ndarray, n_columns: int) -> np.ndarray:
        out = np.zeros((n_columns, gradient.shape[1]), dtype=np.float64)
        if not len(self.columns):
            return out
        gathered = gradient[self.rows[self.by_column]]
        out[self.present] = np.add.reduceat(gathered, self.column_starts, axis=0)
        return out


def fit(
    examples: list[Example],
    use_rules: bool = True,
    hyper: Hyperparameters | None = None,
    seed: int = 13,
    metadata: dict[str, object] | None = None,
    groups: tuple[str, ...] = (),
) -> LinearEventModel:
    """Fit both heads on ``examples``; rule-lexicon features are dropped unless ``use_rules``,
    and the optional feature groups not named in ``groups``."""
    from dateline.events.features import kept_features

    hyper = hyper or Hyperparameters()
    order = np.random.default_rng(seed).permutation(len(examples))
    examples = [examples[i] for i in order]
    sparse = [kept_features(e.sparse, use_rules, groups) for e in examples]
    vocab = vocabulary(sparse, hyper.min_count)
    matrix = SparseMatrix.build(sparse, vocab)
    dense = np.stack([e.dense for e in examples]).astype(np.float64)
    mean = dense.mean(axis=0)
    scale = dense.std(axis=0)
    scale[scale < 1e-6] = 1.0
    dense = (dense - mean) / scale

    types = PLOVER_TYPES
    n, k = len(examples), len(types)
    labels = np.array([types.index(e.type) if e.type else -1 for e in examples])
    typed = labels >= 0
    one_hot = np.zeros((n, k))
    one_hot[typed, labels[typed]] = 1.0
    codeable = np.array([1.0 if e.codeable else 0.0 for e in examples])
    n_typed = max(int(typed.sum()), 1)

    v, d = len(vocab), dense.shape[1]
    weights = np.zeros((v + d, k + 1))
    bias = np.zeros(k + 1)
    l2 = np.concatenate([np.full(v, hyper.l2_sparse), np.full(d, hyper.l2_dense)])[:, None]
    # The codeable head judges the trigger in its sentence, not whether arguments were found
    # (the negatives' arguments come from the rules, the positives' from gold annotation).
    argument_rows = np.zeros(v + d, dtype=bool)
    for name, row in vocab.items():
        argument_rows[row] = name.startswith(ARGUMENT_PREFIXES)
    argument_rows[v:][ARGUMENT_DENSE] = True
    moments = [
        np.zeros_like(weights),
        np.zeros_like(weights),
        np.zeros_like(bias),
        np.zeros_like(bias),
    ]
    for step in range(1, hyper.steps + 1):
        z = matrix.times(weights[:v], n) + dense @ weights[v:] + bias
        gradient = np.zeros((n, k + 1))
        probs = _softmax(z[:, :k])
        gradient[:, :k] = (probs - one_hot) * typed[:, None] / n_typed
        gradient[:, k] = hyper.codeable_weight * (_sigmoid(z[:, k]) - codeable) / n
        grad_w = np.vstack([matrix.transpose_times(gradient, v), dense.T @ gradient]) + l2 * weights
        grad_w[argument_rows, k] = 0.0
        grad_b = gradient.sum(axis=0)
        adam_update(
            ((weights, grad_w, moments[0], moments[1]), (bias, grad_b, moments[2], moments[3])),
            step,
            hyper.learning_rate,
        )
    return LinearEventModel(
        vocab=vocab,
        types=types,
        weights=weights.astype(np.float32),
        bias=bias.astype(np.float32),
        dense_mean=mean.astype(np.float32),
        dense_scale=scale.astype(np.float32),
        use_rules=use_rules,
        metadata=json.dumps(metadata or {}, sort_keys=True),
        groups=tuple(groups),
    )
