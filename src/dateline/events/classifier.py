"""The learned event classifier: for a trigger in a parsed sentence, is it a codeable PLOVER
event, and of which type.

A linear model (multinomial logistic regression for the type, binary logistic regression for
"codeable") over the features of :mod:`dateline.events.features`, trained by
``scripts/train_event_model.py`` on open gold data (see :mod:`dateline.events.training` and
NOTICE). A second view may be stacked on the type head: a multinomial logistic regression over
the word n-grams around and between the parties (``features.ngram_features``), whose logits are
added with the weight the training's inner cross-validation chose (a product of the two views'
type probabilities). Inference is numpy only: a few dozen weight-row look-ups and one small matrix product
per candidate. The weights ship in ``events/data/event_model.npz`` (plain arrays, no pickle).

Use from the events stage::

    from dateline.events.classifier import EventClassifier

    model = EventClassifier.load()          # cached: loaded once per process
    prediction = model.classify(doc, sentence, trigger.i, actor_span, recipient_span)
    prediction.codeable                     # P(codeable event), in [0, 1]
    prediction.type_probs["ACCUSE"]         # P(type = ACCUSE | codeable); sums to 1 over types
    prediction.type                         # the most probable PLOVER type

    model.classify_event(analysis, doc, event)   # the same for an Event record of the stage

What the figures say about using it (``dateline eval events --plv``, docs/EVALUATION.md): on
news sentences (PLV, cross-validated) its type is far better than the rules'; on the CAMEO-manual
sentences of the PLOVER gold records the rules' type is better than the model's, and on whole
articles (the document gold's dev split) its confident disagreements with the rules' type are
wrong more often than right at every margin: PLV labels the event of a source-target pair, the
document gold the trigger's, so the events stage keeps the rules' type and the model only feeds
the confidence (docs/EVALUATION.md, "The classifier's type on whole articles"). The
codeable probability separates political events from the rule firings of off-topic pages (sport,
entertainment, reviews). It never trains on the document gold: its probabilities are features
of the learned event confidence (``dateline.events.confidence_model``), which is fitted on that
gold's dev split and must see the classifier as it will be on new articles.

Cost: about 0.1-1.5 ms per candidate on a loaded 2-core machine (feature look-ups and one
product with a ~5,000 x 17 weight matrix), under 1 % of ``dateline analyze`` time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span

from dateline.errors import InputError
from dateline.events.features import (
    NGRAM_PREFIX,
    Candidate,
    dense_features,
    kept_features,
    ngram_features,
    sparse_features,
)
from dateline.stage import Parsed

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
MODEL_FILE = "event_model.npz"
FORMAT = "dateline.event-model/1"


@dataclass(frozen=True)
class EventPrediction:
    """What the classifier says about one candidate event.

    ``codeable`` is the probability that the trigger tells a codeable PLOVER event at all (not an
    opinion, a plain statement, a figure of speech, a sports result...). ``type_probs`` maps each
    of the 16 PLOVER types to its probability given that the event is codeable (they sum to 1).
    """

    codeable: float
    type_probs: dict[str, float]

    @property
    def type(self) -> str:
        """The most probable PLOVER type."""
        return max(self.type_probs, key=lambda t: self.type_probs[t])

    @property
    def type_probability(self) -> float:
        return self.type_probs[self.type]


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    out: np.ndarray = e / e.sum(axis=-1, keepdims=True)
    return out


def _sigmoid(z: np.ndarray) -> np.ndarray:
    out: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
    return out


def _write_npz(path: Path, **arrays: np.ndarray) -> None:
    import io
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.asanyarray(array), allow_pickle=False)
            member = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(member, buffer.getvalue())


@dataclass(frozen=True)
class LinearEventModel:
    """Weights of the two heads over one feature space.

    Rows of ``weights`` are the named sparse features (``vocab``) followed by the standardised
    dense features; columns are the PLOVER types (``types``) followed by the codeable logit.
    """

    vocab: dict[str, int]
    types: tuple[str, ...]
    weights: np.ndarray  # (len(vocab) + dense size, len(types) + 1)
    bias: np.ndarray  # (len(types) + 1,)
    dense_mean: np.ndarray
    dense_scale: np.ndarray
    use_rules: bool = True
    metadata: str = "{}"
    groups: tuple[str, ...] = ()  # optional feature groups (features.OPTIONAL_GROUPS) it reads
    # The n-gram view (features.ngram_features): a second multinomial type model, sparse only,
    # whose type logits are added with ``ngram_weight`` (a product of the two views' type
    # probabilities, the second raised to that power). None: the parse view alone.
    ngram: LinearEventModel | None = None
    ngram_weight: float = 0.0

    def logits(
        self,
        sparse: list[list[str]],
        dense: np.ndarray,
        ngrams: list[list[str]] | None = None,
    ) -> np.ndarray:
        """(n, types + 1) logits of n candidates' features; ``ngrams`` (the candidates'
        n-gram view) is needed when the model has one."""
        size = len(self.vocab)
        standardised = (dense - self.dense_mean) / self.dense_scale
        out = standardised @ self.weights[size:] + self.bias
        for row, names in enumerate(sparse):
            indices = [self.vocab[n] for n in names if n in self.vocab]
            if indices:
                out[row] += self.weights[indices].sum(axis=0)
        if self.ngram is not None and self.ngram_weight:
            if ngrams is None or len(ngrams) != len(sparse):
                raise ValueError(
                    "this event model has an n-gram view: pass each candidate's n-grams"
                )
            width = len(self.ngram.bias)
            view = self.ngram.logits(ngrams, np.zeros((len(ngrams), 0), dtype=np.float32))
            out[:, :width] += self.ngram_weight * view
        return out

    def predict(
        self,
        sparse: list[list[str]],
        dense: np.ndarray,
        ngrams: list[list[str]] | None = None,
    ) -> list[EventPrediction]:
        z = self.logits(sparse, dense, ngrams)
        type_probs = _softmax(z[:, :-1])
        codeable = _sigmoid(z[:, -1])
        return [
            EventPrediction(
                float(codeable[row]),
                {t: float(p) for t, p in zip(self.types, type_probs[row], strict=True)},
            )
            for row in range(len(sparse))
        ]

    def save(self, path: Path) -> None:
        """Write the weights as an ``.npz`` archive whose bytes depend on the weights alone
        (``np.savez`` stamps each member with the current time; here every member carries a
        fixed date, so a rebuild from the same data is byte-identical)."""
        names = sorted(self.vocab, key=self.vocab.__getitem__)
        _write_npz(
            path,
            format=np.array(FORMAT),
            vocab=np.array(names, dtype=np.str_),
            types=np.array(self.types, dtype=np.str_),
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
            dense_mean=self.dense_mean.astype(np.float32),
            dense_scale=self.dense_scale.astype(np.float32),
            use_rules=np.array(self.use_rules),
            metadata=np.array(self.metadata),
            groups=np.array(self.groups, dtype=np.str_),
            **self._ngram_arrays(),
        )

    def _ngram_arrays(self) -> dict[str, np.ndarray]:
        if self.ngram is None or not self.ngram_weight:
            return {}
        names = sorted(self.ngram.vocab, key=self.ngram.vocab.__getitem__)
        hashes = [int(n.removeprefix(NGRAM_PREFIX), 16) for n in names]
        return {
            # The names are ``ng:`` + 16 hex digits (features.ngram_name): kept as integers.
            "ngram_vocab": np.array(hashes, dtype=np.uint64),
            "ngram_weights": self.ngram.weights.astype(np.float32),
            "ngram_bias": self.ngram.bias.astype(np.float32),
            "ngram_weight": np.array(self.ngram_weight, dtype=np.float64),
        }

    @classmethod
    def read(cls, path: Path) -> LinearEventModel:
        try:
            with np.load(path, allow_pickle=False) as data:
                if str(data["format"]) != FORMAT:
                    raise InputError(str(path), f"not a {FORMAT} weights file")
                names = [str(n) for n in data["vocab"]]
                ngram, ngram_weight = None, 0.0
                # Weights written before the n-gram view existed have the parse view alone.
                if "ngram_weights" in data:
                    ngram = cls(
                        vocab={
                            f"{NGRAM_PREFIX}{int(n):016x}": i
                            for i, n in enumerate(data["ngram_vocab"])
                        },
                        types=tuple(str(t) for t in data["types"]),
                        weights=data["ngram_weights"].astype(np.float32),
                        bias=data["ngram_bias"].astype(np.float32),
                        dense_mean=np.zeros(0, dtype=np.float32),
                        dense_scale=np.ones(0, dtype=np.float32),
                    )
                    ngram_weight = float(data["ngram_weight"])
                return cls(
                    vocab={n: i for i, n in enumerate(names)},
                    types=tuple(str(t) for t in data["types"]),
                    weights=data["weights"].astype(np.float32),
                    bias=data["bias"].astype(np.float32),
                    dense_mean=data["dense_mean"].astype(np.float32),
                    dense_scale=data["dense_scale"].astype(np.float32),
                    use_rules=bool(data["use_rules"]),
                    metadata=str(data["metadata"]),
                    # Weights written before the optional groups existed read none of them.
                    groups=tuple(str(g) for g in data["groups"]) if "groups" in data else (),
                    ngram=ngram,
                    ngram_weight=ngram_weight,
                )
        except (OSError, KeyError, ValueError) as exc:
            raise InputError(str(path), f"unreadable event model weights ({exc})") from exc


def features_of(
    candidate: Candidate, use_rules: bool = True, groups: tuple[str, ...] = ()
) -> list[str]:
    return kept_features(sparse_features(candidate), use_rules, groups)


class EventClassifier:
    """The shipped event model, with the spaCy-facing API the events stage calls."""

    def __init__(self, model: LinearEventModel) -> None:
        self.model = model

    @classmethod
    def load(cls, path: Path | None = None) -> EventClassifier:
        """The classifier with the shipped weights (cached), or with the weights at ``path``."""
        if path is not None:
            return cls(LinearEventModel.read(path))
        return _shipped()

    @property
    def metadata(self) -> dict[str, object]:
        loaded: dict[str, object] = json.loads(self.model.metadata)
        return loaded

    def classify_candidate(self, candidate: Candidate) -> EventPrediction:
        return self.classify_many([candidate])[0]

    def classify_many(self, candidates: list[Candidate]) -> list[EventPrediction]:
        """Predictions for several candidates at once (one matrix product)."""
        if not candidates:
            return []
        sparse = [features_of(c, self.model.use_rules, self.model.groups) for c in candidates]
        dense = np.stack([dense_features(c) for c in candidates])
        ngrams = [ngram_features(c) for c in candidates] if self.model.ngram is not None else None
        return self.model.predict(sparse, dense, ngrams)

    def classify(
        self,
        doc: Doc,
        sentence: Span,
        trigger_index: int,
        actor: Span | None = None,
        recipient: Span | None = None,
        cameo: str | None = None,
    ) -> EventPrediction:
        """Classify the event told by token ``trigger_index`` of ``doc`` (a ``Doc`` index, not
        an offset in ``sentence``) in ``sentence``; ``actor`` and ``recipient`` are the spans of
        its arguments when known, ``cameo`` the rules' CAMEO code for the trigger if already
        computed (else the rule lexicon is consulted)."""
        candidate = Candidate(doc, sentence, doc[trigger_index], actor, recipient, cameo)
        return self.classify_candidate(candidate)

    def classify_event(self, analysis, doc: Doc, event) -> EventPrediction | None:  # type: ignore[no-untyped-def]
        """Classify an :class:`~dateline.model.Event` of ``analysis`` (body or display line;
        ``doc`` is the body's parse). Argument spans are the entities' mentions in the event's
        sentence nearest the trigger. None when the trigger does not align with a token."""
        candidate = event_candidate(analysis, doc, event)
        return None if candidate is None else self.classify_candidate(candidate)


@lru_cache(maxsize=1)
def _shipped() -> EventClassifier:
    resource = resources.files("dateline.events").joinpath("data", MODEL_FILE)
    with resources.as_file(resource) as path:
        return EventClassifier(LinearEventModel.read(Path(path)))


def _mention_span(
    analysis, doc: Doc, sentence: Span, entity_ids: list[str], field: str, trigger_i: int
) -> Span | None:  # type: ignore[no-untyped-def]
    best: tuple[int, Span] | None = None
    for entity_id in entity_ids:
        entity = analysis.entity(entity_id)
        if entity is None:
            continue
        for mention in entity.mentions:
            if mention.field != field:
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or not sentence.start <= span.start < sentence.end:
                continue
            distance = min(abs(span.start - trigger_i), abs(span.end - 1 - trigger_i))
            if best is None or distance < best[0]:
                best = (distance, span)
    return best[1] if best else None


def event_candidate(analysis, doc: Doc | Parsed, event) -> Candidate | None:  # type: ignore[no-untyped-def]
    """The classifier's view of an Event record: its trigger token in the parse of its field,
    with the nearest in-sentence mentions of its actor and recipient entities. ``doc`` is the
    body's parse, or the article's ``Parsed`` (whose display-string parses are then reused)."""
    parsed = doc if isinstance(doc, Parsed) else Parsed(doc)
    doc = parsed.doc
    if event.field != "text":
        text = analysis.article.field_text(event.field)
        if text is None:
            return None
        doc = parsed.field(event.field, text)
    span = doc.char_span(event.start, event.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    trigger = span.root
    sentence = trigger.sent
    actor = _mention_span(analysis, doc, sentence, event.actor, event.field, trigger.i)
    recipient = _mention_span(analysis, doc, sentence, event.recipient, event.field, trigger.i)
    return Candidate(doc, sentence, trigger, actor, recipient, event.cameo)
