"""``dateline eval events --plv PLV_train.tsv --roles``: actor and recipient attachment of the
rules (:mod:`dateline.events.arguments`) against the learned role ranker
(:mod:`dateline.events.roles`), by cross-validation on PLV_train, then on the PLOVER gold
records' dev split.

Each PLV row marks its source and target; the event word is the dyad's trigger
(:func:`~dateline.events.training_data.dyad_trigger`), and the candidates are the entity mentions
of its sentence, as the events stage sees them (every stage the events stage needs is run). A
side is *attachable* when some candidate overlaps its gold span; the gold entities of a side are
those candidates' entities. A system's actor (recipient) is right when it names at least one
entity and every entity it names is a gold one (the document eval's rule), and accuracy is over
the attachable sides, so abstaining counts as wrong.

Systems, same rows, same candidates:

- **rules**: :func:`~dateline.events.arguments.arguments` at the trigger (the stage's trigger
  there when it finds one, else the word as a trigger of its rule code), before the stage's
  quotation and police fallbacks;
- **model (parse features)**: the ranker without the rule features;
- **model + rule features**: the ranker told what the rules chose (a re-ranker);
- **rules, model overrides when confident**: the rules' choice unless the re-ranker gives
  another entity P >= ``OVERRIDE``, or the rules found none and it gives one P >= 0.5;
- **rules, model replaces only**: the rules' choice unless the re-ranker gives another entity
  P >= ``roles.STAGE_OVERRIDE``; a role the rules left empty stays empty;
- **rules, model adds a missing recipient** (the events stage's ``learned_roles`` option,
  :func:`~dateline.events.roles.stage_roles`): where the rules name an actor and no recipient,
  the re-ranker's recipient if P >= ``roles.STAGE_FILL``.

Rows are cut into the classifier eval's 5 folds (SHA-1 of the row id); each fold is scored by
models trained on the other four (and, for the GSR figures, on all of PLV; the GSR dev records
are never scored by a model that saw them, and the GSR test split is not read).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from spacy.tokens import Doc, Token

from dateline.evaluation import pct, table_row
from dateline.events.arguments import Arguments, EntityIndex, arguments
from dateline.events.roles import (
    STAGE_FILL,
    STAGE_OVERRIDE,
    RoleCandidate,
    RoleExample,
    RoleModel,
    candidate_features,
    choose_roles,
    context_for,
    fit_roles,
    overridden,
    recipient_beside_actor,
    role_candidates,
    stage_roles,
)
from dateline.events.triggers import Trigger, find_triggers
from dateline.model import Analysis

if TYPE_CHECKING:
    from dateline.evaluation.event_documents import GoldArgument, PredictedEntity

FOLDS = 5
# The re-ranker's probability above which it replaces an entity the rules chose.
OVERRIDE = 0.8

RULES = "rules (arguments.py at the dyad trigger)"
MODEL = "model (parse features)"
RERANKER = "model + rule features"
OVERRIDING = f"rules, model overrides when P >= {OVERRIDE} and fills empty roles at 0.5"
REPLACING = f"rules, model replaces when P >= {STAGE_OVERRIDE}, never fills"
FILLING = (
    f"rules, model adds a missing recipient when P >= {STAGE_FILL} (the events stage's option)"
)
SYSTEMS = (RULES, MODEL, RERANKER, OVERRIDING, REPLACING, FILLING)


@dataclass
class Dyad:
    """One marked source-target pair at its trigger, with the sentence's candidates."""

    group: str
    candidates: list[RoleCandidate]
    features: list[list[str]]
    rules: Arguments
    gold_actor: set[str]
    gold_recipient: set[str]
    marked_source: bool
    marked_target: bool
    rule_trigger: bool  # the stage finds a trigger at this word
    # The corpus of a document gold article (``training_confidence.corpus_of``), the unit its
    # cross-validation holds out; None for PLV and GSR sentences.
    corpus: str | None = None
    # CONSULT or COOPERATE in the document gold: the eval pools actors and recipients.
    symmetric: bool = False
    # Whether the gold names an actor (a recipient) at all, in the sentence or elsewhere: a
    # document gold event may have none, and then naming none is right.
    named_actor: bool = True
    named_recipient: bool = True

    def examples(self) -> list[RoleExample]:
        return [
            RoleExample(f, c.entity in self.gold_actor, c.entity in self.gold_recipient, self.group)
            for c, f in zip(self.candidates, self.features, strict=True)
        ]


def stage_trigger(token: Token) -> tuple[Trigger, bool]:
    """The events stage's trigger at ``token`` (or whose light verb is ``token``), else the
    word as a trigger of its rule code; and whether the stage found one."""
    from dateline.events.features import _rule_code

    for trigger in find_triggers(list(token.sent)):
        if trigger.token.i == token.i or (
            trigger.carrier is not None and trigger.carrier.i == token.i
        ):
            return trigger, True
    nominal = token.pos_ not in {"VERB", "AUX"}
    return Trigger(token, cameo=_rule_code(token) or "", symmetric=False, nominal=nominal), False


def _overlapping(candidates: list[RoleCandidate], spans: list[tuple[int, int]]) -> set[str]:
    return {c.entity for c in candidates for s, e in spans if c.start < e and s < c.end}


def build_dyad(
    analysis: Analysis,
    doc: Doc,
    token: Token,
    sources: list[tuple[int, int]],
    targets: list[tuple[int, int]],
    group: str,
) -> Dyad:
    index = EntityIndex.build(analysis, "text")
    trigger, found = stage_trigger(token)
    candidates = role_candidates(token.sent, index)
    rules = arguments(trigger, index)
    types = {e.id: e.type for e in analysis.entities}
    context = context_for(trigger, candidates, index, types, rules)
    return Dyad(
        group,
        candidates,
        [candidate_features(context, c) for c in candidates],
        rules,
        _overlapping(candidates, sources),
        _overlapping(candidates, targets),
        bool(sources),
        bool(targets),
        found,
    )


@dataclass
class Attachment:
    """Right answers over attachable sides, per role."""

    right: dict[str, int] = field(default_factory=lambda: {"actor": 0, "recipient": 0, "both": 0})
    answered: dict[str, int] = field(default_factory=lambda: {"actor": 0, "recipient": 0})
    total: dict[str, int] = field(default_factory=lambda: {"actor": 0, "recipient": 0, "both": 0})

    def add(self, dyad: Dyad, chosen: Arguments) -> None:
        sides = {}
        for role, gold, picked in (
            ("actor", dyad.gold_actor, chosen.actor),
            ("recipient", dyad.gold_recipient, chosen.recipient),
        ):
            if not gold:
                continue
            self.total[role] += 1
            self.answered[role] += bool(picked)
            sides[role] = bool(picked) and set(picked) <= gold
            self.right[role] += sides[role]
        if len(sides) == 2:
            self.total["both"] += 1
            self.right["both"] += all(sides.values())


def override(rules: Arguments, model: RoleModel, dyad: Dyad) -> Arguments:
    """The rules' choice, replaced where the re-ranker is confident of another entity."""
    return overridden(rules, dyad.candidates, model.probabilities(dyad.features), OVERRIDE)


def replace_only(rules: Arguments, model: RoleModel, dyad: Dyad) -> Arguments:
    """The rules' choice, replaced where the re-ranker is confident of another entity, empty
    roles left empty."""
    probabilities = model.probabilities(dyad.features)
    return overridden(rules, dyad.candidates, probabilities, STAGE_OVERRIDE, None)


def _score(
    dyads: list[Dyad], models: Callable[[Dyad], tuple[RoleModel, RoleModel]]
) -> dict[str, Attachment]:
    scores = {name: Attachment() for name in SYSTEMS}
    for dyad in dyads:
        parse_model, reranker = models(dyad)
        scores[RULES].add(dyad, dyad.rules)
        for name, model in ((MODEL, parse_model), (RERANKER, reranker)):
            chosen = choose_roles(dyad.candidates, model.probabilities(dyad.features))
            scores[name].add(dyad, chosen)
        scores[OVERRIDING].add(dyad, override(dyad.rules, reranker, dyad))
        scores[REPLACING].add(dyad, replace_only(dyad.rules, reranker, dyad))
        probabilities = reranker.probabilities(dyad.features)
        scores[FILLING].add(dyad, stage_roles(dyad.rules, dyad.candidates, probabilities))
    return scores


def fold_of(group: str) -> int:
    from dateline.evaluation.event_classifier import fold_of as classifier_fold

    return classifier_fold(group, FOLDS)


def training_examples(dyads: list[Dyad]) -> list[RoleExample]:
    """Candidates of the dyads that mark both sides (a side left unmarked is unknown, not
    absent)."""
    return [e for d in dyads if d.marked_source and d.marked_target for e in d.examples()]


def train_pair(dyads: list[Dyad]) -> tuple[RoleModel, RoleModel]:
    examples = training_examples(dyads)
    return fit_roles(examples, use_rules=False), fit_roles(examples, use_rules=True)


@dataclass
class RolesResult:
    plv: dict[str, Attachment]
    gsr: dict[str, Attachment]
    plv_rows: int
    gsr_rows: int
    rule_triggers: int
    candidates: float


def _analysed(pipeline, texts: list[str], ids: list[str]) -> Iterator[tuple[Analysis, Doc]]:  # type: ignore[no-untyped-def]
    from dateline.article.structure import article_id
    from dateline.model import Article

    for text, source, doc in zip(texts, ids, pipeline.nlp.pipe(texts), strict=True):
        article = Article(
            id=article_id(text), source=source, language="en", paragraphs=[text], text=text
        )
        yield pipeline.annotate(article, doc), doc


# Where a dyad's trigger and its gold parties lie in the parsed sentence, or None when the
# row's event cannot be placed there.
_Located = tuple[Token, list[tuple[int, int]], list[tuple[int, int]]] | None


def _sentence_dyads(  # type: ignore[no-untyped-def]
    pipeline, rows: list[Any], prefix: str, locate: Callable[[Doc, Any], _Located]
) -> list[Dyad]:
    """One dyad per row of a sentence set whose event ``locate`` places, analysed in one pass."""
    dyads = []
    for row, (analysis, doc) in zip(
        rows, _analysed(pipeline, [r.text for r in rows], [r.id for r in rows]), strict=True
    ):
        located = locate(doc, row)
        if located is not None:
            trigger, sources, targets = located
            dyads.append(build_dyad(analysis, doc, trigger, sources, targets, f"{prefix}:{row.id}"))
    return dyads


def plv_dyads(pipeline, plv_file: Path) -> list[Dyad]:  # type: ignore[no-untyped-def]
    from dateline.events import training_data as data

    def locate(doc: Doc, row: data.DyadRow) -> _Located:
        candidate = data.dyad_candidate(doc, row)
        if candidate is None:
            return None
        sources = [row.source] if row.source else []
        targets = [row.target] if row.target else []
        return candidate.trigger, sources, targets

    return _sentence_dyads(pipeline, data.read_plv(plv_file), "plv", locate)


def gsr_dyads(pipeline, gsr_file: Path) -> list[Dyad]:  # type: ignore[no-untyped-def]
    """The PLOVER gold records' dev split (never the test split)."""
    from dateline.events import training_data as data

    def offsets(doc: Doc, texts: Iterable[str]) -> list[tuple[int, int]]:
        spans = (data._find(doc, text) for text in texts)
        return [(s.start_char, s.end_char) for s in spans if s is not None]

    def locate(doc: Doc, row: data.GsrRow) -> _Located:
        candidate = data.gsr_candidate(doc, row)
        if candidate is None:
            return None
        return candidate.trigger, offsets(doc, row.sources), offsets(doc, row.targets)

    return _sentence_dyads(pipeline, data.gsr_dev(data.read_gsr(gsr_file)), "gsr", locate)


def evaluate_roles(plv_file: Path, bench: Path, model_name: str | None = None) -> RolesResult:
    from dateline.events.training import gsr_path
    from dateline.pipeline import Pipeline

    pipeline = Pipeline.create(["events"], model=model_name)
    plv = plv_dyads(pipeline, plv_file)
    gsr = gsr_dyads(pipeline, gsr_path(bench))
    folds = [train_pair([d for d in plv if fold_of(d.group) != k]) for k in range(FOLDS)]
    plv_scores = _score(plv, lambda d: folds[fold_of(d.group)])
    everything = train_pair(plv)
    gsr_scores = _score(gsr, lambda d: everything)
    return RolesResult(
        plv_scores,
        gsr_scores,
        len(plv),
        len(gsr),
        sum(d.rule_trigger for d in plv),
        sum(len(d.candidates) for d in plv) / max(len(plv), 1),
    )


def _table(scores: dict[str, Attachment]) -> list[str]:
    lines = [
        "| system | actor right (answered) | recipient right (answered) | both right |",
        "|---|---|---|---|",
    ]
    for name, score in scores.items():
        cells = [name]
        for role in ("actor", "recipient"):
            total = max(score.total[role], 1)
            cells.append(
                f"{pct(score.right[role] / total)} ({pct(score.answered[role] / total)}) "
                f"{score.right[role]}/{score.total[role]}"
            )
        cells.append(
            f"{pct(score.right['both'] / max(score.total['both'], 1))} "
            f"{score.right['both']}/{score.total['both']}"
        )
        lines.append(table_row(cells))
    return lines


def report(result: RolesResult) -> str:
    return "\n".join(
        [
            f"Actor and recipient attachment, PLV_train, {FOLDS}-fold cross-validation by SHA-1 "
            f"of the row id ({result.plv_rows} dyads; {result.rule_triggers} at a word the "
            f"stage finds a trigger at; {result.candidates:.1f} candidate mentions per dyad). "
            "Right: names a gold entity and no other; over the sides some candidate overlaps.",
            "",
            *_table(result.plv),
            "",
            f"PLOVER gold records, split `dev` ({result.gsr_rows} records; models trained on "
            "all of PLV_train)",
            "",
            *_table(result.gsr),
        ]
    )


# -- whole articles: the document gold's dev split ---------------------------------------------


def _gold_entities(
    candidates: list[RoleCandidate],
    gold: Iterable[GoldArgument],
    entities: Mapping[str, PredictedEntity],
    ambiguous: set[str],
) -> set[str]:
    """The candidates' entities that are one of the ``gold`` arguments, by the eval's rule."""
    from dateline.evaluation.event_documents import is_gold_argument

    return {
        c.entity
        for c in candidates
        if any(is_gold_argument(entities[c.entity], a, ambiguous) for a in gold)
    }


def document_dyads(gold_dir: Path, bench: Path, model_name: str | None = None) -> list[Dyad]:
    """Every gold event of the document gold's **dev** split at its gold trigger (in the body),
    with the entity mentions of the trigger's sentence as candidates. Unlike a PLV or GSR
    sentence, an article's event may have no recipient (or no actor) in its sentence: every
    candidate is then a negative, which is what teaches the ranker that a role can stay empty.
    A candidate is a gold actor (recipient) when its entity is one by the document eval's rule
    (``event_documents.is_gold_argument``: name, unambiguous surname, or an overlapping
    mention). The test split is never read."""
    from dateline.evaluation.event_documents import (
        SYMMETRIC_TYPES,
        PredictedEntity,
        ambiguous_last_words,
        analyse_record,
        fold,
        load_records,
        split_of,
    )
    from dateline.events.training_confidence import corpus_of
    from dateline.pipeline import Pipeline

    pipeline = Pipeline.create(["entities", "geo", "time", "quotes"], model=model_name)
    dyads: list[Dyad] = []
    for record in load_records(gold_dir):
        if split_of(record.id) != "dev":
            continue
        _, analysis, parsed, alignment = analyse_record(record, bench, pipeline)
        ambiguous = ambiguous_last_words(record)
        entities = {}
        for entity in analysis.entities:
            spans = [
                s
                for m in entity.mentions
                if (s := alignment.to_source(m.field, m.start, m.end)) is not None
            ]
            names = frozenset(n for n in (fold(entity.name), *map(fold, entity.aliases)) if n)
            entities[entity.id] = PredictedEntity(names, tuple(spans))
        index = EntityIndex.build(analysis, "text")
        types = {e.id: e.type for e in analysis.entities}
        doc = parsed.doc
        for number, event in enumerate(record.events):
            start, end = event.spans[0]
            at = alignment.to_analysis("text", start, end)
            span = doc.char_span(at, at + 1, alignment_mode="expand") if at is not None else None
            if span is None or not len(span):
                continue  # a trigger in the headline, or not placed in the body
            trigger, found = stage_trigger(span.root)
            candidates = role_candidates(span.root.sent, index)
            rules = arguments(trigger, index)
            context = context_for(trigger, candidates, index, types, rules)

            dyads.append(
                Dyad(
                    f"doc:{record.id}#{number}",
                    candidates,
                    [candidate_features(context, c) for c in candidates],
                    rules,
                    _gold_entities(candidates, event.actor, entities, ambiguous),
                    _gold_entities(candidates, event.recipient, entities, ambiguous),
                    True,
                    True,
                    found,
                    corpus_of(record),
                    event.type in SYMMETRIC_TYPES,
                    bool(event.actor),
                    bool(event.recipient),
                )
            )
    return dyads


def document_right(dyad: Dyad, role: str, picked: list[str]) -> bool:
    """Whether ``picked`` is the gold ``role`` of a document gold event, by the document eval's
    rule: every entity named is a gold one (at least one named), or none named where the gold
    names none; a meeting's actors and recipients are pooled."""
    named = dyad.named_actor if role == "actor" else dyad.named_recipient
    if not named:
        return not picked
    gold = dyad.gold_actor if role == "actor" else dyad.gold_recipient
    if dyad.symmetric:
        gold = dyad.gold_actor | dyad.gold_recipient
    return bool(picked) and set(picked) <= gold


@dataclass
class DocumentAttachment:
    """Right roles at the gold triggers: over every gold event, and over those whose trigger
    the rules give an actor (where the stage's ranker acts)."""

    right: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)

    def _count(self, key: str, hit: bool) -> None:
        self.total[key] = self.total.get(key, 0) + 1
        self.right[key] = self.right.get(key, 0) + hit

    def add(self, dyad: Dyad, chosen: Arguments) -> None:
        actor = document_right(dyad, "actor", chosen.actor)
        recipient = document_right(dyad, "recipient", chosen.recipient)
        self._count("actor", actor)
        self._count("recipient", recipient)
        self._count("both", actor and recipient)
        self._count(
            "recipient, none in gold" if not dyad.named_recipient else "recipient, named", recipient
        )
        if dyad.rules.actor:
            self._count("recipient, rules' actor", recipient)
            self._count("both, rules' actor", actor and recipient)

    def cell(self, key: str) -> str:
        total = self.total.get(key, 0)
        return f"{pct(self.right.get(key, 0) / max(total, 1))} ({self.right.get(key, 0)}/{total})"


def recipient_beside(
    rules: Arguments, candidates: list[RoleCandidate], probabilities: np.ndarray
) -> Arguments:
    """The rules' actor, and as recipient the other entity with the highest P(recipient) if at
    least ``STAGE_FILL``, else none: the rules' recipient replaced, filled or dropped (a variant
    measured against the stage's option, which only fills); unchanged where the rules name no
    actor."""
    if not rules.actor:
        return rules
    best = recipient_beside_actor(rules.actor, candidates, probabilities)
    return Arguments(rules.actor, [best] if best is not None else [])


DOC_RULES = "rules (arguments.py at the gold trigger)"
DOC_SENTENCES = "ranker trained on PLV + GSR only, both roles"
DOC_SENTENCES_STAGE = "ranker trained on PLV + GSR only, the stage's option"
DOC_BOTH = "ranker + the other corpora's articles, both roles"
DOC_STAGE = "ranker + the other corpora's articles, the stage's option"
DOC_REPLACE = "ranker + the other corpora's articles, recipient replaced beside the rules' actor"
DOC_SYSTEMS = (DOC_RULES, DOC_SENTENCES, DOC_SENTENCES_STAGE, DOC_BOTH, DOC_STAGE, DOC_REPLACE)
DOC_KEYS = (
    "actor",
    "recipient",
    "both",
    "recipient, named",
    "recipient, none in gold",
    "recipient, rules' actor",
    "both, rules' actor",
)


def evaluate_document_roles(
    gold_dir: Path, bench: Path, plv_file: Path, model_name: str | None = None
) -> str:
    """Actor and recipient at the document gold's dev triggers, one corpus held out at a time
    (``training_confidence.corpus_of``): the rules against the ranker trained on PLV_train and
    the GSR dev split alone and with the other corpora's dev articles."""
    from dateline.events.training import gsr_path
    from dateline.pipeline import Pipeline

    pipeline = Pipeline.create(["events"], model=model_name)
    sentences = training_examples(
        plv_dyads(pipeline, plv_file) + gsr_dyads(pipeline, gsr_path(bench))
    )
    documents = document_dyads(gold_dir, bench, model_name)
    sentence_model = fit_roles(sentences)
    scores = {name: DocumentAttachment() for name in DOC_SYSTEMS}
    corpora = sorted({d.corpus for d in documents if d.corpus})
    for corpus in corpora:
        others = training_examples([d for d in documents if d.corpus != corpus])
        model = fit_roles(sentences + others)
        for dyad in (d for d in documents if d.corpus == corpus):
            scores[DOC_RULES].add(dyad, dyad.rules)
            for both, option, ranker in (
                (DOC_SENTENCES, DOC_SENTENCES_STAGE, sentence_model),
                (DOC_BOTH, DOC_STAGE, model),
            ):
                probabilities = ranker.probabilities(dyad.features)
                scores[both].add(dyad, choose_roles(dyad.candidates, probabilities))
                scores[option].add(dyad, stage_roles(dyad.rules, dyad.candidates, probabilities))
            probabilities = model.probabilities(dyad.features)
            scores[DOC_REPLACE].add(
                dyad, recipient_beside(dyad.rules, dyad.candidates, probabilities)
            )
    lines = [
        f"Actor and recipient at the gold triggers of the document gold's dev split "
        f"({len(documents)} events in the body, {len(corpora)} corpora, each scored by "
        "rankers that never saw it). Right: every entity named is a gold one, or none named "
        "where the gold names none (meetings pool their parties).",
        "",
        "| system | " + " | ".join(DOC_KEYS) + " |",
        "|---" * (len(DOC_KEYS) + 1) + "|",
    ]
    for name, score in scores.items():
        lines.append(table_row([name, *(score.cell(k) for k in DOC_KEYS)]))
    return "\n".join(lines)
