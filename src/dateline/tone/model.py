"""The target-dependent sentiment classifier: multinomial logistic regression over the
features of ``features.py``, its weights shipped in ``data/tdsc_weights.json.gz``.

The weights are rebuilt by ``scripts/train_tone.py`` from NewsMTSC's ``train.jsonl`` with a
fixed seed; this module only reads them and scores.
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Span

from dateline.model import ToneLabel
from dateline.tone.features import Features, mention_features

CLASSES: tuple[ToneLabel, ToneLabel, ToneLabel] = ("negative", "neutral", "positive")
WEIGHTS_FILE = "tdsc_weights.json.gz"


@dataclass(frozen=True)
class Weights:
    """Per-feature weights of the three classes."""

    features: dict[str, tuple[float, float, float]]


@cache
def weights() -> Weights:
    raw = resources.files("dateline.tone").joinpath("data", WEIGHTS_FILE).read_bytes()
    data = json.loads(gzip.decompress(raw))
    if tuple(data["classes"]) != CLASSES:
        raise ValueError(f"{WEIGHTS_FILE}: classes {data['classes']} are not {CLASSES}")
    return Weights({name: tuple(w) for name, w in data["features"].items()})  # type: ignore[misc]


def probabilities(features: Features, model: Weights | None = None) -> tuple[float, float, float]:
    """P(negative), P(neutral), P(positive) for one feature set."""
    table = (model or weights()).features
    # The three sums unrolled (each adds the same products in the same order as a loop over
    # the classes would): asked for every entity in every sentence that names it.
    negative = neutral = positive = 0.0
    for name, value in features.items():
        w = table.get(name)
        if w is None:
            continue
        negative += value * w[0]
        neutral += value * w[1]
        positive += value * w[2]
    logits = [negative, neutral, positive]
    top = max(logits)
    exps = [math.exp(x - top) for x in logits]
    total = sum(exps)
    return exps[0] / total, exps[1] / total, exps[2] / total


def classify(*mentions: Span) -> tuple[float, float, float]:
    """Class probabilities of how one sentence portrays a target, from its mentions there."""
    return probabilities(mention_features(list(mentions)))


def label_of(probs: tuple[float, float, float]) -> ToneLabel:
    return CLASSES[max(range(3), key=lambda k: probs[k])]
