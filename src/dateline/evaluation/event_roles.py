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

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

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
    role_candidates,
    stage_roles,
)
from dateline.events.triggers import Trigger, find_triggers
from dateline.model import Analysis

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


def plv_dyads(pipeline, plv_file: Path) -> list[Dyad]:  # type: ignore[no-untyped-def]
    from dateline.events import training_data as data

    rows = data.read_plv(plv_file)
    dyads = []
    for row, (analysis, doc) in zip(
        rows, _analysed(pipeline, [r.text for r in rows], [r.id for r in rows]), strict=True
    ):
        candidate = data.dyad_candidate(doc, row)
        if candidate is None:
            continue
        dyads.append(
            build_dyad(
                analysis,
                doc,
                candidate.trigger,
                [row.source] if row.source else [],
                [row.target] if row.target else [],
                f"plv:{row.id}",
            )
        )
    return dyads


def gsr_dyads(pipeline, gsr_file: Path) -> list[Dyad]:  # type: ignore[no-untyped-def]
    """The PLOVER gold records' dev split (never the test split)."""
    from dateline.events import training_data as data

    rows = data.gsr_dev(data.read_gsr(gsr_file))
    dyads = []
    for row, (analysis, doc) in zip(
        rows, _analysed(pipeline, [r.text for r in rows], [r.id for r in rows]), strict=True
    ):
        candidate = data.gsr_candidate(doc, row)
        if candidate is None:
            continue
        sources = [s for s in (data._find(doc, a) for a in row.sources) if s is not None]
        targets = [s for s in (data._find(doc, t) for t in row.targets) if s is not None]
        dyads.append(
            build_dyad(
                analysis,
                doc,
                candidate.trigger,
                [(s.start_char, s.end_char) for s in sources],
                [(s.start_char, s.end_char) for s in targets],
                f"gsr:{row.id}",
            )
        )
    return dyads


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
