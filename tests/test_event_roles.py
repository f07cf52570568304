"""The learned actor/recipient ranker (``dateline.events.roles``) on invented news sentences."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from dateline.events.arguments import Arguments, EntityIndex, arguments
from dateline.events.roles import (
    RoleCandidate,
    RoleExample,
    RoleModel,
    candidate_features,
    choose_roles,
    context_for,
    fit_roles,
    overridden,
    role_candidates,
    shipped_model,
    stage_roles,
)
from dateline.events.stage import find_events
from dateline.events.triggers import find_triggers
from dateline.stage import Parsed
from test_events import build, only


def _features(nlp, body: str, entities: dict[str, tuple[str, list[str]]], trigger_word: str):  # type: ignore[no-untyped-def]
    analysis = build(nlp, body, entities, keep_unattributed=True)
    doc = nlp(analysis.article.text)
    index = EntityIndex.build(analysis, "text")
    token = next(t for t in doc if t.text == trigger_word)
    trigger = next(t for t in find_triggers(list(token.sent)) if t.token.i == token.i)
    candidates = role_candidates(token.sent, index)
    types = {e.id: e.type for e in analysis.entities}
    rules = arguments(trigger, index)
    context = context_for(trigger, candidates, index, types, rules)
    return candidates, {c.entity: candidate_features(context, c) for c in candidates}, rules


def test_features_say_how_a_passive_agent_and_its_subject_hang(nlp) -> None:  # type: ignore[no-untyped-def]
    candidates, features, rules = _features(
        nlp,
        "The mayor of Tarnow was criticised by the Greenway Party on Monday.",
        {"E1": ("PERSON", ["The mayor of Tarnow"]), "E2": ("ORG", ["Greenway Party"])},
        "criticised",
    )
    assert [c.entity for c in candidates] == ["E1", "E2"]
    assert "rel|voice=prep:by:agent|pass" in features["E2"]
    assert "rel|voice=child:nsubjpass|pass" in features["E1"]
    assert rules.actor == ["E2"] and "rule=actor" in features["E2"]


def test_features_of_the_owner_of_the_object(nlp) -> None:  # type: ignore[no-untyped-def]
    _, features, _ = _features(
        nlp,
        "Carla Mendes mocked the qualifications of Tomas Varga during a televised debate.",
        {"E1": ("PERSON", ["Carla Mendes"]), "E2": ("PERSON", ["Tomas Varga"])},
        "mocked",
    )
    assert "rel=child:nsubj" in features["E1"]
    assert "rel=prep-of:dobj:of" in features["E2"]


def test_coordinated_subjects_share_the_relation_of_the_first(nlp) -> None:  # type: ignore[no-untyped-def]
    _, features, _ = _features(
        nlp,
        "Norway and Chile condemned the blockade imposed by Valdoria.",
        {
            "E1": ("LOCATION", ["Norway"]),
            "E2": ("LOCATION", ["Chile"]),
            "E3": ("LOCATION", ["Valdoria"]),
        },
        "condemned",
    )
    assert "rel=child:nsubj" in features["E1"] and "rel=child:nsubj" in features["E2"]
    assert "inner=conj" in features["E2"]


def _examples() -> list[RoleExample]:
    """Invented candidates: subjects act, objects are acted on, an agent acts on a passive
    subject, a time phrase is neither."""
    rows = []
    for n in range(30):
        rows += [
            RoleExample(["rel=child:nsubj", f"noise{n % 3}"], True, False, f"s{n}"),
            RoleExample(["rel=child:dobj", f"noise{n % 5}"], False, True, f"s{n}"),
            RoleExample(["rel=prep:by:agent", "voice=pass"], True, False, f"p{n}"),
            RoleExample(["rel=child:nsubjpass", "voice=pass"], False, True, f"p{n}"),
            RoleExample(["rel=child:npadvmod"], False, False, f"t{n}"),
        ]
    return rows


def test_fit_learns_roles_and_survives_a_round_trip(tmp_path: Path) -> None:
    model = fit_roles(_examples(), min_count=1)
    p = model.probabilities(
        [["rel=child:nsubj"], ["rel=child:dobj"], ["rel=prep:by:agent", "voice=pass"],
         ["rel=child:nsubjpass", "voice=pass"], ["rel=child:npadvmod"]]
    )  # fmt: skip
    assert p[0, 0] > 0.8 and p[0, 1] < 0.2
    assert p[1, 1] > 0.8 and p[1, 0] < 0.2
    assert p[2, 0] > 0.8 and p[3, 1] > 0.8
    assert p[4].max() < 0.2
    again = fit_roles(_examples(), min_count=1)
    assert np.array_equal(model.weights, again.weights)
    model.save(tmp_path / "roles.json")
    loaded = RoleModel.from_json(__import__("json").loads((tmp_path / "roles.json").read_text()))
    assert np.allclose(loaded.probabilities([["rel=child:dobj"]]), p[1:2], atol=1e-5)


def test_rule_features_are_left_out_without_use_rules() -> None:
    rows = [RoleExample(["rel=x", "rule=actor"], True, False, "a")] * 3
    assert "rule=actor" not in fit_roles(rows, use_rules=False, min_count=1).vocab
    assert "rule=actor" in fit_roles(rows, use_rules=True, min_count=1).vocab


def _candidates(nlp, entities: list[str]) -> list[RoleCandidate]:  # type: ignore[no-untyped-def]
    doc = nlp("One two three four")
    return [RoleCandidate(e, doc[n], doc[n].idx, doc[n].idx + 1) for n, e in enumerate(entities)]


def test_choose_keeps_the_actor_out_of_the_recipient_and_abstains(nlp) -> None:  # type: ignore[no-untyped-def]
    candidates = _candidates(nlp, ["E1", "E2", "E1"])
    chosen = choose_roles(candidates, np.array([[0.9, 0.95], [0.3, 0.6], [0.2, 0.1]]))
    assert chosen.actor == ["E1"] and chosen.recipient == ["E2"]
    none = choose_roles(candidates, np.array([[0.3, 0.2], [0.4, 0.1], [0.2, 0.1]]))
    assert none.actor == [] and none.recipient == []


def test_override_keeps_the_rules_unless_the_model_is_sure(nlp) -> None:  # type: ignore[no-untyped-def]
    candidates = _candidates(nlp, ["E1", "E2", "E3"])
    rules = Arguments(["E1"], ["E2"])
    unsure = overridden(rules, candidates, np.array([[0.3, 0.1], [0.7, 0.2], [0.1, 0.6]]), 0.8)
    assert unsure.actor == ["E1"] and unsure.recipient == ["E2"]
    sure = overridden(rules, candidates, np.array([[0.1, 0.1], [0.9, 0.1], [0.1, 0.85]]), 0.8)
    assert sure.actor == ["E2"] and sure.recipient == ["E3"]
    filled = overridden(
        Arguments([], []), candidates, np.array([[0.6, 0.1], [0.1, 0.55], [0.1, 0.2]]), 0.8
    )
    assert filled.actor == ["E1"] and filled.recipient == ["E2"]


SHIPPED = shipped_model()


@pytest.mark.skipif(SHIPPED is None, reason="no shipped role weights")
@pytest.mark.parametrize(
    ("body", "entities", "trigger", "actors", "recipient"),
    [
        (
            "The harbour master was attacked by two masked men outside his office.",
            {"E1": ("PERSON", ["The harbour master"]), "E2": ("GROUP", ["two masked men"])},
            "attacked", {"E2"}, "E1",
        ),
        (
            "Judge Amara Okoye's criticism of Minister Piet Laan dominated the hearing.",
            {"E1": ("PERSON", ["Amara Okoye"]), "E2": ("PERSON", ["Piet Laan"])},
            "criticism", {"E1"}, "E2",
        ),
        (
            "Carla Mendes mocked the qualifications of Tomas Varga during a televised debate.",
            {"E1": ("PERSON", ["Carla Mendes"]), "E2": ("PERSON", ["Tomas Varga"])},
            "mocked", {"E1"}, "E2",
        ),
        (
            "Norway and Chile condemned Valdoria over the blockade of the port.",
            {"E1": ("LOCATION", ["Norway"]), "E2": ("LOCATION", ["Chile"]), "E3": ("LOCATION", ["Valdoria"])},
            "condemned", {"E1", "E2"}, "E3",
        ),
        (
            "Speaking to Governor Ana Hale, Minister Luis Ruiz accused the Sable Front of treason.",
            {"E1": ("PERSON", ["Ana Hale"]), "E2": ("PERSON", ["Luis Ruiz"]), "E3": ("GROUP", ["Sable Front"])},
            "accused", {"E2"}, "E3",
        ),
    ],
)  # fmt: skip
def test_shipped_model_ranks_the_parties(nlp, body, entities, trigger, actors, recipient) -> None:  # type: ignore[no-untyped-def]
    assert SHIPPED is not None
    candidates, features, _ = _features(nlp, body, entities, trigger)
    probabilities = SHIPPED.probabilities([features[c.entity] for c in candidates])
    chosen = choose_roles(candidates, probabilities)
    # Passive agent, possessive critic, owner of the object, either of two co-ordinated
    # subjects, and the one addressed is not the actor.
    assert len(chosen.actor) == 1 and chosen.actor[0] in actors
    assert chosen.recipient == [recipient]


def test_stage_option_only_adds_a_missing_recipient(nlp) -> None:  # type: ignore[no-untyped-def]
    candidates = _candidates(nlp, ["E1", "E2", "E3"])
    probabilities = np.array([[0.9, 0.95], [0.9, 0.85], [0.1, 0.3]])
    # The actor's own high recipient score does not count; E2 is added beside the rules' actor.
    added = stage_roles(Arguments(["E1"], []), candidates, probabilities)
    assert added.actor == ["E1"] and added.recipient == ["E2"]
    # Never replaces what the rules found, never names an actor.
    assert stage_roles(Arguments(["E1"], ["E3"]), candidates, probabilities).recipient == ["E3"]
    assert stage_roles(Arguments([], []), candidates, probabilities).actor == []
    unsure = np.array([[0.9, 0.95], [0.2, 0.5], [0.1, 0.3]])
    assert stage_roles(Arguments(["E1"], []), candidates, unsure).recipient == []


@pytest.mark.skipif(SHIPPED is None, reason="no shipped role weights")
def test_events_stage_option_keeps_the_rules_actors(nlp) -> None:  # type: ignore[no-untyped-def]
    body = (
        "Governor Ana Hale condemned the decision on Tuesday. Minister Luis Ruiz accused the "
        "Sable Front of treason after the vote in Tarnow."
    )
    entities = {
        "E1": ("PERSON", ["Ana Hale"]),
        "E2": ("PERSON", ["Luis Ruiz"]),
        "E3": ("GROUP", ["Sable Front"]),
    }
    plain = build(nlp, body, entities)
    analysis = build(nlp, body, entities)
    doc = nlp(analysis.article.text)
    learned = find_events(analysis, Parsed(doc), learned_roles=True)
    assert [(e.type, e.actor) for e in learned] == [(e.type, e.actor) for e in plain.events]
    for before, after in zip(plain.events, learned, strict=True):
        assert before.recipient == after.recipient or not before.recipient


def test_stage_option_names_the_recipient_but_scores_the_rules_arguments(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # A ranker sure of every candidate as recipient: the record names one beside the rules'
    # actor, while the confidence (fitted on the rules' arguments) reads what the rules found.
    import dateline.events.stage as events_stage

    sure = RoleModel({}, np.zeros((0, 2)), np.array([-3.0, 3.0]), use_rules=True)
    monkeypatch.setattr(events_stage, "shipped_model", lambda: sure)
    body = "Governor Ana Hale condemned the decision on Tuesday, a week after the Sable Front vote."
    entities = {"E1": ("PERSON", ["Ana Hale"]), "E2": ("GROUP", ["Sable Front"])}
    plain = build(nlp, body, entities)
    doc = nlp(plain.article.text)
    learned = find_events(plain, Parsed(doc), learned_roles=True)
    before = only(plain.events, "ACCUSE")
    after = only(learned, "ACCUSE")
    assert before.actor == after.actor == ["E1"]
    assert before.recipient == [] and after.recipient == ["E2"]
    assert after.confidence == before.confidence
