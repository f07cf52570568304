"""The learned event confidence: shipped weights, scoring on invented articles, deterministic fit."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.errors import InputError
from dateline.events import DEFAULT_MIN_CONFIDENCE
from dateline.events.confidence import Evidence
from dateline.events.confidence import confidence as rule_confidence
from dateline.events.confidence_model import ConfidenceModel, features, fit, shipped_model
from test_events import build

ATTACK = (
    "Syrian government forces attacked rebel positions near Idlib on Tuesday, killing at least "
    "twelve fighters, the opposition said. The army denied targeting civilians."
)
SPORT = (
    "Rovers attacked United from the first whistle and the striker scored twice before half "
    "time. The coach praised the squad after the league match, and the fans in the stadium "
    "sang as the team sealed the win that keeps them top of the table before the playoff game."
)


def test_shipped_threshold_is_the_default() -> None:
    model = shipped_model()
    assert model.threshold == DEFAULT_MIN_CONFIDENCE
    assert model.weights and model.metadata["trained_on"]


def test_clear_attack_ranks_above_a_sports_attack(nlp) -> None:  # type: ignore[no-untyped-def]
    war = build(
        nlp,
        ATTACK,
        {
            "E1": ("ORG", ["Syrian government forces"]),
            "E2": ("GROUP", ["rebel"]),
            "E3": ("ORG", ["army"]),
        },
    ).events
    match = build(
        nlp,
        SPORT,
        {"E1": ("ORG", ["Rovers"]), "E2": ("ORG", ["United"])},
    ).events
    (attack,) = [e for e in war if e.trigger == "attacked"]
    (sport,) = [e for e in match if e.trigger == "attacked"]
    assert attack.type == sport.type == "ASSAULT"
    assert attack.confidence > sport.confidence
    assert sport.confidence < DEFAULT_MIN_CONFIDENCE


def test_rules_fallback_keeps_the_hand_set_score(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {"E1": ("ORG", ["Syrian government forces"]), "E2": ("GROUP", ["rebel"])}
    learned = build(nlp, ATTACK, entities).events
    rules = build(nlp, ATTACK, entities, confidence="rules").events
    assert [e.trigger for e in learned] == [e.trigger for e in rules]
    assert all(0.0 <= e.confidence <= 1.0 for e in learned)
    assert [e.confidence for e in learned] != [e.confidence for e in rules]


def _evidence(**changes: object) -> Evidence:
    base: dict[str, object] = {
        "trigger_kind": "verb",
        "word_class": None,
        "actor": "named",
        "recipient": True,
        "political_party": True,
        "domain": "politics",
        "event_type": "ASSAULT",
        "lemma": "attack",
        "actor_type": "ORG",
        "recipient_type": "GROUP",
    }
    base.update(changes)
    return Evidence(**base)  # type: ignore[arg-type]


def test_features_read_the_evidence() -> None:
    named = features(_evidence(question=True, codeable=0.9, type_probability=0.8,
                               classifier_type="ASSAULT"), 0.7)  # fmt: skip
    assert named["question"] == 1.0 and named["classifier_agrees"] == 1.0
    assert named["type=ASSAULT"] == named["lemma=attack"] == 1.0
    assert named["codeable_logit"] > 2 and named["rule_logit"] > 0
    # The type probability is read twice: overall and for the rules' type alone (calibration).
    assert named["type_logit|ASSAULT"] == named["type_logit"] > 1
    assert not any(n.startswith("type_logit|") and n != "type_logit|ASSAULT" for n in named)
    differs = features(_evidence(codeable=0.2, type_probability=0.1, classifier_type="AID"), 0.0)
    assert "classifier_agrees" not in differs and differs["codeable_logit"] < 0
    # Without an actor no record is emitted; the learned score says so too.
    model = ConfidenceModel({"bias_only": 1.0}, 5.0, 0.5)
    assert model.score(_evidence(actor=None), 0.9) == 0.0
    assert model.score(_evidence(), 0.9) > 0.99


def _rows() -> tuple[list[dict[str, float]], list[bool]]:
    rows, labels = [], []
    for n in range(40):
        sport = n % 3 == 0
        evidence = _evidence(domain="sport" if sport else "politics", recipient=n % 2 == 0)
        rows.append(features(evidence, rule_confidence(evidence)))
        labels.append(not sport and n % 5 != 1)
    return rows, labels


def test_fit_is_deterministic_and_learns_the_signal(tmp_path: Path) -> None:
    rows, labels = _rows()
    weights, bias = fit(rows, labels, l2=1.0)
    again = fit(list(reversed(rows)), list(reversed(labels)), l2=1.0)
    assert again[0] == pytest.approx(weights, abs=1e-9) and again[1] == pytest.approx(bias)
    assert weights["domain=sport"] < 0 < weights["domain=politics"]
    model = ConfidenceModel(weights, bias, 0.4, {"trained_on": {"rows": len(rows)}})
    path = tmp_path / "weights.json"
    model.save(path)
    read = ConfidenceModel.read(path)
    assert read.to_json() == model.to_json()
    assert read.threshold == 0.4


def test_a_warm_start_reaches_the_same_optimum() -> None:
    rows, labels = _rows()
    held_out = rows[:-4], labels[:-4]
    cold = fit(*held_out, l2=1.0)
    # Cross-validation starts each fold from the fit on all rows: same optimum, fewer steps.
    start = fit(rows, labels, l2=1.0)
    warm = fit(*held_out, l2=1.0, start=start)
    assert warm[0] == pytest.approx(cold[0], abs=1e-7) and warm[1] == pytest.approx(cold[1])
    assert fit(*held_out, l2=1.0, steps=2, start=start)[0] == pytest.approx(cold[0], abs=1e-4)


def test_coded_parties_are_features() -> None:
    named = features(_evidence(actor_coded=True, actor_sector=True, recipient_coded=True), 0.7)
    assert named["actor_coded"] == named["actor_sector"] == named["recipient_coded"] == 1.0
    assert "actor_coded" not in features(_evidence(), 0.7)


def test_unreadable_weights_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "confidence.json"
    path.write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(InputError, match="confidence.json"):
        ConfidenceModel.read(path)
    path.write_text("not json", encoding="utf-8")
    with pytest.raises(InputError, match="unreadable event confidence weights"):
        ConfidenceModel.read(path)


def test_cross_validation_holds_out_whole_corpora() -> None:
    from dateline.evaluation.event_documents import GoldDocument
    from dateline.events.training_confidence import corpus_of

    def record(path: str, pointer: str | None = None) -> GoldDocument:
        return GoldDocument(path, path, pointer, "politics", None, (), Path("gold.json"))

    # Records of one corpus file are one fold, whatever field they read; files in a dataset
    # folder are one fold, whatever sub-folder (split, publisher) holds them.
    assert corpus_of(record("news/feeds.json", "/a1/body")) == "news/feeds.json"
    assert corpus_of(record("news/feeds.json", "/b7/body")) == "news/feeds.json"
    assert corpus_of(record("quotes/wires/dev/a.txt")) == "quotes/wires"
    assert corpus_of(record("quotes/wires/test/b.txt")) == "quotes/wires"
    assert corpus_of(record("geo/Stories/12.txt")) != "quotes/wires"
    # A TimeML document holds one article: the field it reads does not make it a corpus.
    assert corpus_of(record("time/wire/TB/a.tml", "TEXT")) == "time/wire"
    assert corpus_of(record("time/wire/AQ/b.tml", "TEXT")) == "time/wire"
    assert corpus_of(record("geo/Corpora/local.xml", "3")) == "geo/Corpora/local.xml"
    assert corpus_of(record("geo/Corpora/virus.xml", "3")) == "geo/Corpora/virus.xml"
    # A corpus of one file per publisher is one fold, not one per file.
    assert corpus_of(record("extraction/pages/test_data/uk/Daily.json", "/V1")) == (
        corpus_of(record("extraction/pages/test_data/us/Wire.json", "/V2"))
    )


def test_threshold_is_read_off_a_lower_bound_of_precision() -> None:
    from dateline.events.training_confidence import THRESHOLDS, choose_threshold, wilson_lower

    assert wilson_lower(0, 0) == 0.0
    assert wilson_lower(8, 10) < wilson_lower(80, 100) < 0.8 < wilson_lower(800, 900)
    # (events kept, right ones, recall) per threshold: the few-event tail is precise by luck,
    # a broader threshold is known to be nearly as precise and is chosen instead.
    counts = {t: (400, 200, 0.5) for t in THRESHOLDS}
    counts[0.6] = (120, 90, 0.2)  # 75 % of 120
    counts[0.8] = (10, 8, 0.11)  # 80 % of 10
    assert choose_threshold(counts) == 0.6
    # A threshold whose bound reaches the target is taken (the lowest of them) ...
    counts[0.5] = (1000, 900, 0.4)
    assert choose_threshold(counts) == 0.5
    # ... unless it keeps too little of the gold.
    counts[0.5] = (1000, 900, 0.05)
    assert choose_threshold(counts) == 0.6


def test_thresholds_are_also_read_per_corpus_each_counting_alike() -> None:
    from dateline.events.training_confidence import (
        THRESHOLDS,
        choose_threshold,
        macro_levels,
        threshold_alternatives,
    )

    # Held-out rows per corpus: P type, P type+actor, P strict, R type+actor, events kept. A
    # large local-news corpus and a small wire corpus whose precisions cross.
    local = {t: [0.7, 0.6, 0.5, 0.3, 100] for t in THRESHOLDS}
    wire = {t: [0.9, 0.85, 0.7, 0.3, 10] for t in THRESHOLDS}
    local[0.5], wire[0.5] = [0.95, 0.9, 0.8, 0.2, 60], [0.7, 0.6, 0.5, 0.2, 8]
    local[0.6], wire[0.6] = [0.8, 0.75, 0.6, 0.15, 40], [0.95, 0.9, 0.8, 0.2, 6]
    local[0.8], wire[0.8] = [0.9, 0.8, 0.7, 0.1, 20], [1.0, 0.95, 0.9, 0.1, 4]
    local[0.9], wire[0.9] = [0.9, 0.85, 0.8, 0.05, 5], [0.0, 0.0, 0.0, 0.0, 0]
    by_corpus = {"local": local, "wire": wire}
    macro = macro_levels(by_corpus)
    assert macro[0.6] == [0.875, 0.825, 0.7, 0.175, 46]
    # A corpus that keeps nothing at a threshold has no precision there; it still has recall.
    assert macro[0.9] == [0.9, 0.85, 0.8, 0.025, 5]
    counts = {t: (110, 66, 0.3 if t <= 0.8 else 0.05) for t in THRESHOLDS}
    picks = threshold_alternatives(counts, by_corpus)
    assert picks["pooled lower bound"] == choose_threshold(counts)
    # The lowest threshold whose corpus average reaches the target (0.5 averages 0.75) ...
    assert picks["corpus macro-average"] == 0.6
    # ... and the most precise worst corpus, among thresholds keeping enough of the gold
    # (0.9 would be better but keeps too little).
    assert picks["worst corpus"] == 0.8


def test_a_feature_set_can_leave_out_or_restrain_the_trigger_lemmas() -> None:
    from types import SimpleNamespace

    from dateline.events.training_confidence import FEATURE_VIEWS, _fit

    rows, labels = _rows()
    for n, row in enumerate(rows):  # a lemma that goes with the label on every row
        row.pop("lemma=attack")
        row["lemma=strike" if labels[n] else "lemma=praise"] = 1.0
    articles = [SimpleNamespace(rows=rows[:20], labels=labels[:20]),
                SimpleNamespace(rows=rows[20:], labels=labels[20:])]  # fmt: skip
    every = _fit(articles, 1.0)  # type: ignore[arg-type]
    fewer = _fit(articles, 1.0, view=FEATURE_VIEWS["without trigger lemmas"])  # type: ignore[arg-type]
    restrained = _fit(articles, 1.0, view=FEATURE_VIEWS["trigger lemmas penalised 10x"])  # type: ignore[arg-type]
    assert "lemma=strike" in every.weights
    assert not any(n.startswith("lemma=") for n in fewer.weights)
    assert fewer.weights["domain=sport"] < 0
    # The heavier penalty keeps the lemma's weight smaller; the other features take up more.
    assert 0 < restrained.weights["lemma=strike"] < every.weights["lemma=strike"]
    assert restrained.weights["domain=sport"] < every.weights["domain=sport"] < 0


@pytest.mark.parametrize(
    ("text", "trigger", "party", "link"),
    [
        ("Rebel fighters attacked the convoy near the border on Monday.", "attacked", "fighters",
         "subject"),
        ("Rebel fighters attacked the convoy near the border on Monday.", "attacked", "convoy",
         "object"),
        ("The convoy was attacked by rebel fighters near the border.", "attacked", "fighters",
         "agent"),
        ("The minister agreed to meet the union leaders next week.", "meet", "minister",
         "governor_subject"),
        ("The ministry's criticism of the union surprised observers.", "criticism", "ministry",
         "possessor"),
        ("Prosecutors said the mayor was charged in a case the governor praised.", "charged",
         "governor", "clause"),
        ("The president thanked the envoy after farmers protested in the capital.", "protested",
         "envoy", "sentence"),
    ],
)  # fmt: skip
def test_link_says_how_the_parse_ties_a_party_to_the_trigger(  # type: ignore[no-untyped-def]
    nlp, text: str, trigger: str, party: str, link: str
) -> None:
    from dateline.events.stage import _link
    from dateline.events.triggers import find_triggers

    doc = nlp(text)
    (found,) = [t for t in find_triggers(list(doc)) if t.token.text == trigger]
    word = next(t for t in doc if t.text == party)
    assert _link(doc[word.left_edge.i : word.i + 1], found) == link
    assert _link(None, found) == "outside"


def test_features_read_the_links() -> None:
    named = features(_evidence(actor_link="subject", recipient_link="prep", actor_distance=7), 0.7)
    assert named["actor_link=subject"] == named["recipient_link=prep"] == 1.0
    assert named["actor_distance=6-10"] == 1.0
    bare = features(_evidence(), 0.7)
    assert not any(n.startswith(("actor_link", "recipient_link", "actor_distance")) for n in bare)


def test_a_party_told_by_a_pronoun_or_a_description_is_a_feature(nlp) -> None:  # type: ignore[no-untyped-def]
    from dateline.events.stage import _by_reference
    from dateline.model import Entity

    doc = nlp("Acme Corp sued the council in May. The company said they had broken the deal.")
    acme = Entity(id="E1", name="Acme Corp", type="ORG")
    police = Entity(id="E2", name="police", type="GROUP")
    assert not _by_reference(doc[0:2], acme)  # "Acme Corp"
    assert _by_reference(doc[8:10], acme)  # "The company"
    assert _by_reference(doc[11:12], acme)  # "they"
    assert not _by_reference(doc[4:5], police)  # "council", its own noun
    assert not _by_reference(None, acme)
    told = features(_evidence(actor_by_reference=True, recipient_by_reference=True), 0.7)
    assert told["actor_by_reference"] == told["recipient_by_reference"] == 1.0
    assert "actor_by_reference" not in features(_evidence(), 0.7)


@pytest.mark.parametrize(
    ("text", "trigger", "kind"),
    [
        ("The mayor urged motorists to slow down near the school.", "urged", "bare"),
        ("The mayor urged the Harbor Council to approve the budget.", "urged", "party"),
        ("The senator rejected the new budget on Tuesday.", "rejected", "noun"),
        ("The union refused to negotiate with the owners.", "refused", "clause"),
        ("Thousands of farmers protested in the capital.", "protested", "none"),
    ],
)  # fmt: skip
def test_object_kind_says_what_a_verb_trigger_acts_on(  # type: ignore[no-untyped-def]
    nlp, text: str, trigger: str, kind: str
) -> None:
    from dateline.events.arguments import EntityIndex
    from dateline.events.stage import _object_kind

    doc = nlp(text)
    start = text.find("Harbor Council")
    index = EntityIndex(spans=[(start, start + len("Harbor Council"), "E1")] if start >= 0 else [])
    verb = next(t for t in doc if t.text == trigger)
    assert _object_kind(verb, index) == kind


def test_a_relative_clause_trigger_is_background(nlp) -> None:  # type: ignore[no-untyped-def]
    from dateline.events.stage import _in_relative_clause
    from dateline.events.triggers import find_triggers

    doc = nlp("A lawyer who defended the dissidents was arrested by police on Monday.")
    found = {t.token.text: t for t in find_triggers(list(doc))}
    assert _in_relative_clause(found["defended"])
    assert not _in_relative_clause(found["arrested"])


def test_features_read_the_object_and_the_clause() -> None:
    told = features(_evidence(object_kind="bare", relative_clause=True), 0.7)
    assert told["object=bare"] == told["relative_clause"] == 1.0
    plain = features(_evidence(), 0.7)
    assert "relative_clause" not in plain
    assert not any(n.startswith("object=") for n in plain)
