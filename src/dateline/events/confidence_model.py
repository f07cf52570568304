"""The learned event confidence: P(the record is a real event of its type, with the right actor).

The hand-set rules of :mod:`dateline.events.confidence` multiply factors whose sizes were
guessed; this module learns how much each piece of evidence is worth from the document gold
set. A logistic regression reads, for one telling of an event (a trigger in the body, the
headline or the standfirst):

- the rules' evidence (trigger kind, lexicon class, actor named or described, its entity type,
  whether it is coded (an actor code or a country) or has an agent sector, and whether the
  subject is a pronoun, the recipient, its type and whether it is coded, whether the actor
  (recipient) is told in the sentence only by a pronoun or a description, a political participant,
  the article's domain, question, opinion verb, credit line, "declined to comment", an act told
  inside another act's clause, modal hedging, status), the PLOVER type and the trigger's lemma;
- how the parse ties the actor and the recipient to the trigger (the trigger's own subject or
  object, a passive's agent, a possessor, a governing verb's subject, somewhere else in the
  clause or sentence, or not named in the sentence at all) and how far the actor is from it;
  what a verb trigger acts on (a party, a bare common noun naming none, another noun phrase, a
  clause or nothing) and whether the trigger heads a relative clause (background); whether
  the telling is a speaker's characterisation of a party recoded as their accusation;
- where the telling is (headline, standfirst or body, its position, inside a quote);
- the rules' own score (its logit), so the model corrects the rules rather than replacing them;
- the event classifier's view (:mod:`dateline.events.classifier`): the probability that the
  trigger is a codeable event, the probability of the rules' type (once overall and once per
  type, a per-type calibration), and whether the classifier's most probable type is the rules'
  type.

It is trained by ``scripts/train_event_confidence.py`` on the tellings the events stage emits in
the **dev** split of ``tests/gold/events`` (a telling is positive when a gold event of the same
type whose actors include the telling's lies at it, as ``dateline eval events --docs`` matches),
with an L2 penalty (heavier on the trigger's lemmas when they are used) and Newton's method
from zero weights: the same data give the same weights. The default threshold
(``DEFAULT_MIN_CONFIDENCE``) is chosen by cross-validation on the same dev articles, holding
out one corpus at a time; the weights file keeps the held-out figures pooled, per corpus and
averaged over the corpora (:mod:`dateline.events.training_confidence`). Inference
is a dictionary look-up per feature: no measurable cost.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from dateline.errors import InputError
from dateline.events.confidence import Evidence

if TYPE_CHECKING:
    from dateline.events.classifier import EventClassifier
    from dateline.events.features import Candidate

MODEL_FILE = "event_confidence.json"
FORMAT = "dateline.event-confidence/1"
# Probabilities are clipped before taking their logit: a rule score of 0 is "very unlikely",
# not minus infinity.
CLIP = 0.01
LEAD_POSITION = 0.15


def _logit(p: float) -> float:
    p = min(max(p, CLIP), 1 - CLIP)
    return math.log(p / (1 - p))


# Words between the trigger and its actor's mention, read in buckets (the last one open).
DISTANCE_BUCKETS = (2, 5, 10)


def _bucket(value: int, bounds: tuple[int, ...]) -> str:
    """The bucket of ``bounds`` (inclusive upper bounds) ``value`` falls in: "0-2", "11+"."""
    low = 0
    for bound in bounds:
        if value <= bound:
            return f"{low}-{bound}"
        low = bound + 1
    return f"{low}+"


def features(evidence: Evidence, rule_score: float) -> dict[str, float]:
    """The named features of one telling (indicators are 1.0; the logits are real-valued)."""
    e = evidence
    found: dict[str, float] = {
        f"kind={e.trigger_kind}": 1.0,
        f"class={e.word_class or 'none'}": 1.0,
        f"type={e.event_type}": 1.0,
        f"actor={e.actor or 'none'}": 1.0,
        f"recipient={e.recipient_type or 'none'}": 1.0,
        f"domain={e.domain}": 1.0,
        f"status={e.status}": 1.0,
        f"field={e.field}": 1.0,
        "rule_logit": _logit(rule_score),
    }
    if e.lemma:
        found[f"lemma={e.lemma}"] = 1.0
    if e.actor_type:
        found[f"actor_type={e.actor_type}"] = 1.0
    if e.actor_count > 1:
        found["several_actors"] = 1.0
    if e.field == "text" and e.position < LEAD_POSITION:
        found["lead"] = 1.0
    for name, flag in (
        ("political", e.political_party),
        ("question", e.question),
        ("opinion_governed", e.opinion_governed),
        ("credit", e.credit),
        ("no_comment", e.no_comment),
        ("embedded", e.embedded),
        ("subject_pronoun", e.subject_pronoun),
        ("actor_by_reference", e.actor_by_reference),
        ("recipient_by_reference", e.recipient_by_reference),
        ("in_quote", e.in_quote),
        ("modal", e.modal),
        ("actor_coded", e.actor_coded),
        ("actor_sector", e.actor_sector),
        ("recipient_coded", e.recipient_coded),
        ("relative_clause", e.relative_clause),
        ("characterisation", e.characterisation),
    ):
        if flag:
            found[name] = 1.0
    if e.actor_link:
        found[f"actor_link={e.actor_link}"] = 1.0
    if e.recipient_link:
        found[f"recipient_link={e.recipient_link}"] = 1.0
    if e.object_kind:
        found[f"object={e.object_kind}"] = 1.0
    if e.actor_distance >= 0:
        found[f"actor_distance={_bucket(e.actor_distance, DISTANCE_BUCKETS)}"] = 1.0
    if e.codeable is not None and e.type_probability is not None:
        found["codeable_logit"] = _logit(e.codeable)
        found["type_logit"] = _logit(e.type_probability)
        found[
            "classifier_agrees" if e.classifier_type == e.event_type else "classifier_differs"
        ] = 1.0
        # Per-type calibration: how much the classifier's probability of the rules' type says
        # differs by type (its accuracy does: per-type F1 in docs/EVALUATION.md).
        found[f"type_logit|{e.event_type}"] = _logit(e.type_probability)
    return found


@dataclass(frozen=True)
class ConfidenceModel:
    """Weights of the logistic regression, by feature name, and the default threshold."""

    weights: dict[str, float]
    bias: float
    threshold: float
    metadata: dict[str, object] = field(default_factory=dict)

    def probability(self, named: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(n, 0.0) * v for n, v in named.items())
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def score(self, evidence: Evidence, rule_score: float) -> float:
        """The learned confidence of one telling, rounded as event records keep it."""
        if evidence.actor is None:
            return 0.0  # events without an actor are never emitted (issue 11)
        return round(self.probability(features(evidence, rule_score)), 3)

    def to_json(self) -> str:
        """A stable text: sorted keys, weights rounded to 6 decimals (a rebuild from the same
        data is byte-identical)."""
        data = {
            "format": FORMAT,
            "threshold": self.threshold,
            "bias": round(self.bias, 6),
            "weights": {n: round(w, 6) for n, w in sorted(self.weights.items())},
            "metadata": self.metadata,
        }
        return json.dumps(data, indent=1, sort_keys=True) + "\n"

    def save(self, path: Path) -> None:
        path.write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> ConfidenceModel:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise InputError(str(path), f"not a {FORMAT} weights file")
            return cls(
                {str(k): float(v) for k, v in data["weights"].items()},
                float(data["bias"]),
                float(data["threshold"]),
                dict(data.get("metadata") or {}),
            )
        except (
            OSError,
            UnicodeDecodeError,
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
        ) as exc:
            raise InputError(str(path), f"unreadable event confidence weights ({exc})") from exc


@lru_cache(maxsize=1)
def shipped_model() -> ConfidenceModel:
    resource = resources.files("dateline.events").joinpath("data", MODEL_FILE)
    with resources.as_file(resource) as path:
        return ConfidenceModel.read(Path(path))


@dataclass(frozen=True)
class Scorer:
    """How the events stage turns evidence into confidences: the learned model over the rules'
    evidence and the classifier's view (``model`` None: the rules' score alone)."""

    model: ConfidenceModel | None
    classifier: EventClassifier | None

    @classmethod
    def shipped(cls) -> Scorer:
        from dateline.events.classifier import EventClassifier

        return cls(shipped_model(), EventClassifier.load())

    def score(
        self, tellings: list[tuple[Evidence, Candidate | None, float]]
    ) -> list[tuple[Evidence, float]]:
        """(evidence, rule score) with the classifier's view added -> (evidence, confidence)."""
        known = [c for _, c, _ in tellings if c is not None]
        predictions = iter(self.classifier.classify_many(known) if self.classifier else [])
        scored = []
        for evidence, candidate, rule_score in tellings:
            if candidate is not None and self.classifier is not None:
                prediction = next(predictions)
                evidence = replace(
                    evidence,
                    codeable=round(prediction.codeable, 6),
                    type_probability=round(prediction.type_probs.get(evidence.event_type, 0.0), 6),
                    classifier_type=prediction.type,
                )
            value = rule_score if self.model is None else self.model.score(evidence, rule_score)
            scored.append((evidence, value))
        return scored


# -- fitting ------------------------------------------------------------------------------------


def fit(
    rows: list[dict[str, float]],
    labels: list[bool],
    l2: float = 1.0,
    min_count: int = 2,
    steps: int = 30,
    start: tuple[dict[str, float], float] | None = None,
    heavier: tuple[str, ...] = (),
    heavier_factor: float = 1.0,
) -> tuple[dict[str, float], float]:
    """L2-penalised logistic regression by Newton's method from zero weights (the bias is not
    penalised; features whose names start with ``heavier`` are penalised ``heavier_factor``
    times more); features seen in fewer than ``min_count`` rows are left out. Deterministic:
    the result depends on the rows alone, not their order. ``start`` (weights by name, bias)
    only speeds the way to the same optimum (the loss is strictly convex): cross-validation
    starts each fold from the fit on all rows, a few Newton steps away."""
    counts: dict[str, int] = {}
    for row in rows:
        for name in row:
            counts[name] = counts.get(name, 0) + 1
    names = sorted(n for n, c in counts.items() if c >= min_count)
    column = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(rows), len(names) + 1))
    x[:, -1] = 1.0
    for i, row in enumerate(rows):
        for name, value in row.items():
            if name in column:
                x[i, column[name]] = value
    y = np.array([1.0 if label else 0.0 for label in labels])
    penalty = np.array(
        [l2 * (heavier_factor if heavier and n.startswith(heavier) else 1.0) for n in names] + [0.0]
    )
    w = np.zeros(len(names) + 1)
    if start is not None:
        w[:-1] = [start[0].get(n, 0.0) for n in names]
        w[-1] = start[1]
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if float(np.abs(step).max()) < 1e-10:
            break
    return {n: float(w[i]) for n, i in column.items()}, float(w[-1])
