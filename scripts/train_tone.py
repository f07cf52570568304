"""Rebuild the tone stage's target-dependent classifier from NewsMTSC's training split.

Usage::

    python scripts/train_tone.py --train ../shared/bench/tone/newsmtsc/train.jsonl

Parses every sentence with Dateline's spaCy model, extracts ``dateline.tone.features`` for each
target, and fits a multinomial logistic regression (L2, full-batch Adam, numpy, fixed seed).
With ``--dev-share`` > 0 it first reports macro F1 on a held-out slice of train.jsonl (cut by
the SHA-1 of the record id) for each ``--l2`` candidate, and trains the final weights on all of
train.jsonl with the best one. Writes ``src/dateline/tone/data/tdsc_weights.json.gz``. Only
train.jsonl is read: the reported split (devtest_mt.jsonl) never shapes the model.
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

import numpy as np

from dateline.evaluation import id_digest
from dateline.nlp import load_model
from dateline.tone.features import Features, mention_features
from dateline.tone.model import CLASSES, WEIGHTS_FILE
from dateline.tone.newsmtsc import parse, read_records, target_spans

OUT = Path(__file__).resolve().parents[1] / "src" / "dateline" / "tone" / "data" / WEIGHTS_FILE
SEED = 13


def _matrix(rows: list[Features], vocab: dict[str, int]) -> tuple[np.ndarray, ...]:
    indptr = [0]
    indices: list[int] = []
    values: list[float] = []
    for features in rows:
        for name, value in features.items():
            if name in vocab:
                indices.append(vocab[name])
                values.append(value)
        indptr.append(len(indices))
    return np.array(indptr), np.array(indices, dtype=np.int64), np.array(values)


def _logits(x: tuple[np.ndarray, ...], w: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    indptr, indices, values = x
    rows = np.repeat(np.arange(n), np.diff(indptr))
    contrib = values[:, None] * w[indices]
    out = np.stack([np.bincount(rows, weights=contrib[:, k], minlength=n) for k in range(3)], 1)
    return out, rows


def fit(
    rows: list[Features], labels: np.ndarray, vocab: dict[str, int], l2: float, steps: int
) -> np.ndarray:
    rng = np.random.default_rng(SEED)
    n, size = len(rows), len(vocab)
    x = _matrix(rows, vocab)
    _, indices, values = x
    w = rng.normal(0, 0.01, (size, 3))
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    onehot = np.eye(3)[labels]
    # Balanced class weights: the score is macro F1, so every class counts alike.
    counts = np.bincount(labels, minlength=3)
    sample_w = (n / (3 * counts))[labels]
    lr, b1, b2 = 0.05, 0.9, 0.999
    for step in range(1, steps + 1):
        logits, rows_idx = _logits(x, w, n)
        logits -= logits.max(1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(1, keepdims=True)
        g_rows = (p - onehot) * sample_w[:, None] / n
        grad: np.ndarray = np.stack(
            [
                np.bincount(indices, weights=values * g_rows[rows_idx, k], minlength=size)
                for k in range(3)
            ],
            1,
        )
        grad += l2 * w
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad**2
        w -= lr * (m / (1 - b1**step)) / (np.sqrt(v / (1 - b2**step)) + 1e-8)
    return w


def predict(rows: list[Features], vocab: dict[str, int], w: np.ndarray) -> np.ndarray:
    logits, _ = _logits(_matrix(rows, vocab), w, len(rows))
    return logits.argmax(1)


def macro_f1(gold: np.ndarray, pred: np.ndarray) -> float:
    scores = []
    for k in range(3):
        tp = float(((pred == k) & (gold == k)).sum())
        p = tp / max(1, (pred == k).sum())
        r = tp / max(1, (gold == k).sum())
        scores.append(2 * p * r / (p + r) if p + r else 0.0)
    return sum(scores) / 3


def build_vocab(rows: list[Features], min_count: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for features in rows:
        for name in features:
            counts[name] = counts.get(name, 0) + 1
    kept = sorted(name for name, c in counts.items() if c >= min_count)
    return {name: i for i, name in enumerate(kept)}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--train", type=Path, required=True)
    parser.add_argument("--l2", type=float, nargs="+", default=[1e-3, 3e-3, 1e-2])
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--dev-share", type=float, default=0.2)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    records = read_records(args.train)
    docs = parse(load_model(), records)
    rows: list[Features] = []
    labels: list[int] = []
    dev: list[bool] = []
    for record, doc in zip(records, docs, strict=True):
        held_out = int(id_digest(record.id)[:8], 16) / 0xFFFFFFFF < args.dev_share
        for target, spans in target_spans(doc, record):
            rows.append(mention_features(spans))
            labels.append(CLASSES.index(target.label))
            dev.append(held_out)
    y = np.array(labels)
    is_dev = np.array(dev)
    best_l2 = args.l2[0]
    if args.dev_share > 0 and len(args.l2) > 1:
        fit_rows = [r for r, d in zip(rows, dev, strict=True) if not d]
        dev_rows = [r for r, d in zip(rows, dev, strict=True) if d]
        vocab = build_vocab(fit_rows, args.min_count)
        best = -1.0
        for l2 in args.l2:
            w = fit(fit_rows, y[~is_dev], vocab, l2, args.steps)
            score = macro_f1(y[is_dev], predict(dev_rows, vocab, w))
            print(f"l2={l2:g}: held-out macro F1 {100 * score:.1f} ({len(dev_rows)} targets)")
            if score > best:
                best, best_l2 = score, l2
    vocab = build_vocab(rows, args.min_count)
    w = fit(rows, y, vocab, best_l2, args.steps)
    features = {name: [round(float(x), 5) for x in w[i]] for name, i in vocab.items()}
    payload = {
        "classes": list(CLASSES),
        "meta": {
            "source": "NewsMTSC train.jsonl",
            "targets": len(rows),
            "l2": best_l2,
            "steps": args.steps,
            "min_count": args.min_count,
            "seed": SEED,
        },
        "features": features,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(gzip.compress(json.dumps(payload, sort_keys=True).encode(), mtime=0))
    print(f"wrote {args.out}: {len(features)} features, l2={best_l2:g}, {len(rows)} targets")


if __name__ == "__main__":
    main()
