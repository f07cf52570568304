"""Acts kept from, phrasal senses and requested acts (issue 11; docs/EVALUATION.md, "Kinds of
wrong events from a live blog"): an act its subject abstained from is no event, a verb of force
or seizing whose particle or object turns it to another sense is no attack or seizure, an act
asked for has not happened, and a complaint's recipient is the one complained about (invented
news sentences, hand-built entity sections)."""

from __future__ import annotations

from test_events import build, only

TWO_PEOPLE = {"E1": ("PERSON", ["Dana Whitfield"]), "E2": ("PERSON", ["Owen Castellano"])}


def _rules_events(nlp, text: str, entities=TWO_PEOPLE):  # type: ignore[no-untyped-def]
    """The analysis of ``text`` with its people, every event the rules find kept."""
    return build(nlp, text, entities, keep_unattributed=True, confidence="rules")


def _types(analysis) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(e.type, e.trigger) for e in analysis.events]


def test_an_act_kept_from_is_no_event(nlp) -> None:  # type: ignore[no-untyped-def]
    for body in (
        "Dana Whitfield avoided criticizing Owen Castellano in her speech on Friday.",
        "Dana Whitfield refrained from attacking Owen Castellano during the debate.",
        "Dana Whitfield stopped short of calling for sanctions against Owen Castellano.",
        "Dana Whitfield steered clear of condemning Owen Castellano at the rally.",
        "Dana Whitfield has shied away from praising Owen Castellano in public.",
        "Dana Whitfield held off on endorsing Owen Castellano until the primary.",
        "Dana Whitfield avoided a confrontation with Owen Castellano.",
    ):
        analysis = _rules_events(nlp, body)
        # Nothing Dana Whitfield did ("sanctions" asked for may stay, with no actor).
        assert not [e for e in analysis.events if "E1" in e.actor], (body, _types(analysis))


def test_an_act_not_kept_from_is_still_an_event(nlp) -> None:  # type: ignore[no-untyped-def]
    done = _rules_events(nlp, "Dana Whitfield criticized Owen Castellano in her speech.")
    assert only(done.events, "ACCUSE").recipient == ["E2"]
    # A refusal is not an abstention: refusing talks with a party rejects them.
    refused = _rules_events(nlp, "Dana Whitfield refused to meet Owen Castellano.")
    assert [e.type for e in refused.events] == ["REJECT"]


def test_resisting_an_act_told_by_a_verb_keeps_from_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # "resisted" keeps its subject from an act told by a verb ("resisted arrest": arrested).
    deed = _rules_events(nlp, "Dana Whitfield resisted condemning Owen Castellano.")
    assert not [e for e in deed.events if e.type == "ACCUSE"], _types(deed)


def test_seizing_on_a_report_or_firing_off_a_letter_is_no_seizure_or_attack(nlp) -> None:  # type: ignore[no-untyped-def]
    for body in (
        "Dana Whitfield seized on the leaked memo about Owen Castellano.",
        "Dana Whitfield seized upon the figures in the report.",
        "Dana Whitfield fired off a letter to the council.",
        "Dana Whitfield kicked off her campaign in the capital.",
        "Dana Whitfield struck up a friendship with Owen Castellano.",
    ):
        analysis = _rules_events(nlp, body)
        assert not [e for e in analysis.events if e.type in {"COERCE", "ASSAULT"}], (
            body,
            _types(analysis),
        )


def test_seizing_on_a_party_s_words_criticises_the_party(nlp) -> None:  # type: ignore[no-untyped-def]
    seized = _rules_events(nlp, "Dana Whitfield seized on Owen Castellano's remarks about taxes.")
    assert only(seized.events, "ACCUSE").recipient == ["E2"]


def test_opening_fire_is_still_shooting(nlp) -> None:  # type: ignore[no-untyped-def]
    fired = _rules_events(nlp, "Owen Castellano opened fire when the officers came toward him.")
    assert [e.type for e in fired.events] == ["ASSAULT"], _types(fired)


def test_a_seizure_on_a_day_is_still_a_seizure(nlp) -> None:  # type: ignore[no-untyped-def]
    seized = _rules_events(
        nlp, "Police seized on Monday two kilograms of heroin from Owen Castellano."
    )
    assert [e.type for e in seized.events if e.trigger == "seized"] == ["COERCE"]
    # "on" after the object, far from the verb, is no "seize on".
    bomb = _rules_events(
        nlp, "Police seized a rifle from Owen Castellano on the eve of the peace talks."
    )
    assert [e.type for e in bomb.events if e.trigger == "seized"] == ["COERCE"]


def test_force_against_a_proposal_rejects_or_criticises_it(nlp) -> None:  # type: ignore[no-untyped-def]
    rejected = _rules_events(nlp, "Dana Whitfield shot down the proposal of Owen Castellano.")
    assert [e.type for e in rejected.events if e.trigger == "shot"] == ["REJECT"]
    criticised = _rules_events(nlp, "Dana Whitfield slammed the plan of Owen Castellano.")
    assert [e.type for e in criticised.events if e.trigger == "slammed"] == ["ACCUSE"]
    # Breaking a law rejects nothing.
    broken = _rules_events(nlp, "Dana Whitfield said Owen Castellano broke the law.")
    assert not [e for e in broken.events if e.type == "REJECT"], _types(broken)
    # A weapon shot down is still an attack.
    downed = _rules_events(nlp, "Dana Whitfield's forces shot down a drone of Owen Castellano.")
    assert [e.type for e in downed.events if e.trigger == "shot"] == ["ASSAULT"]


def test_force_against_what_someone_says_or_believes_criticises_it(nlp) -> None:  # type: ignore[no-untyped-def]
    for body in (
        "In a speech in Ohio, Dana Whitfield attacked the divisive rhetoric of Owen Castellano.",
        "Dana Whitfield blasted the remarks of Owen Castellano on Sunday.",
        "Dana Whitfield attacked the ideology that Owen Castellano defends.",
    ):
        analysis = _rules_events(nlp, body)
        told = [e.type for e in analysis.events if e.trigger in {"attacked", "blasted"}]
        assert told == ["ACCUSE"], (body, _types(analysis))
    # Troops' positions are no opinion: attacking them is still an assault.
    held = _rules_events(nlp, "Dana Whitfield's fighters attacked the positions of the army.")
    assert [e.type for e in held.events if e.trigger == "attacked"] == ["ASSAULT"]


def test_fighting_a_fire_or_a_disease_attacks_nobody(nlp) -> None:  # type: ignore[no-untyped-def]
    for body in (
        "Crews led by Dana Whitfield battled the blaze for six hours.",
        "Dana Whitfield vowed to fight the virus with every tool she has.",
        "Dana Whitfield attacked the problem with new money.",
    ):
        analysis = _rules_events(nlp, body)
        assert not [e for e in analysis.events if e.type == "ASSAULT"], (body, _types(analysis))
    attacked = _rules_events(nlp, "Dana Whitfield's men attacked Owen Castellano's convoy.")
    assert [e.type for e in attacked.events if e.trigger == "attacked"] == ["ASSAULT"]


def test_a_requested_investigation_has_not_happened(nlp) -> None:  # type: ignore[no-untyped-def]
    requested = _rules_events(
        nlp, "Dana Whitfield requested an investigation into Owen Castellano."
    )
    assert only(requested.events, "REQUEST").actor == ["E1"]
    assert only(requested.events, "ACCUSE").status == "hypothetical"
    opened = _rules_events(nlp, "The bureau opened an investigation into Owen Castellano.")
    assert only(opened.events, "ACCUSE").status == "occurred"


def test_a_complaint_is_aimed_at_the_one_complained_about(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {**TWO_PEOPLE, "E3": ("ORG", ["the Ethics Board"])}
    told = _rules_events(
        nlp,
        "Dana Whitfield complained to the Ethics Board about Owen Castellano.",
        entities,
    )
    assert only(told.events, "ACCUSE").recipient == ["E2"]
    # With nobody complained about, the body complained to stays the recipient.
    bare = _rules_events(nlp, "Dana Whitfield complained to the Ethics Board.", entities)
    assert only(bare.events, "ACCUSE").recipient == ["E3"]


def test_investigating_a_mishap_accuses_nobody(nlp) -> None:  # type: ignore[no-untyped-def]
    entities = {**TWO_PEOPLE, "E3": ("ORG", ["the health ministry"])}
    for body in (
        "The health ministry is investigating an outbreak of fever in the north.",
        "The health ministry opened an inquiry into the cause of the crash.",
    ):
        analysis = _rules_events(nlp, body, entities)
        assert not [e for e in analysis.events if e.type == "ACCUSE"], (body, _types(analysis))
    suspect = _rules_events(nlp, "The health ministry is investigating Owen Castellano.", entities)
    assert only(suspect.events, "ACCUSE").recipient == ["E2"]
