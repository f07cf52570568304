"""Actor and recipient attachment on invented news sentences (hand-built entity sections)."""

from __future__ import annotations

from test_events import build, only


def test_dateline_place_is_never_the_actor(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "LIMA, Peru (Reuters) - Chilean Foreign Minister Ana Rojas on Tuesday accused Bolivia "
        "of blocking the border talks.",
        {
            "E1": ("LOCATION", ["Peru"]),
            "E2": ("PERSON", ["Ana Rojas"]),
            "E3": ("LOCATION", ["Bolivia"]),
        },
    )
    accusation = only(analysis.events, "ACCUSE")
    assert accusation.actor == ["E2"] and accusation.recipient == ["E3"]
    assert all("E1" not in [*e.actor, *e.recipient] for e in analysis.events)


def test_possessive_critic_and_the_owner_of_the_object_are_recipients(nlp) -> None:  # type: ignore[no-untyped-def]
    criticism = build(
        nlp,
        "Senator Lopez's criticism of Governor Hale dominated the debate.",
        {"E1": ("PERSON", ["Senator Lopez"]), "E2": ("PERSON", ["Governor Hale"])},
    )
    event = only(criticism.events, "ACCUSE")
    assert event.actor == ["E1"] and event.recipient == ["E2"]
    mocked = build(
        nlp,
        "Maria Lopez mocked the qualifications of Daniel Hale at a rally on Friday.",
        {"E1": ("PERSON", ["Maria Lopez"]), "E2": ("PERSON", ["Daniel Hale"])},
    )
    event = only(mocked.events, "ACCUSE")
    assert event.actor == ["E1"] and event.recipient == ["E2"]


def test_active_verb_joined_to_a_reported_passive_takes_the_reporter(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Human rights commissioner Lena Ortiz's office said the deaths were caused by gunshot "
        "wounds and called on the army to withdraw its units from the city.",
        {"E1": ("PERSON", ["Lena Ortiz"]), "E2": ("ORG", ["army"])},
    )
    appeal = only(analysis.events, "REQUEST")
    assert appeal.actor == ["E1"] and appeal.recipient == ["E2"]


def test_they_after_an_unnamed_plural_subject_is_not_the_named_group(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "The two aid workers had been held by the Revolutionary Front since 2019. "
        "Both men said that they were treated well and asked their governments for help."
    )
    front = [e for e in analysis.entities if "Revolutionary Front" in e.name]
    assert front, [e.name for e in analysis.entities]
    assert all(m.text.lower() != "they" for e in front for m in e.mentions)


def test_a_subject_after_the_dateline_wins_over_the_dateline_place(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "BERLIN (AP) — The Merkel administration on Friday officially accused Belarus of "
        "jamming flights.",
        {
            "E1": ("LOCATION", ["BERLIN"]),
            "E2": ("GROUP", ["The Merkel administration"]),
            "E3": ("LOCATION", ["Belarus"]),
        },
    )
    accusation = only(analysis.events, "ACCUSE")
    assert accusation.actor == ["E2"] and accusation.recipient == ["E3"]


def test_a_city_joined_to_another_subject_stands_for_its_government(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Ankara and the rebel council have been holding direct talks since March.",
        {"E1": ("LOCATION", ["Ankara"]), "E2": ("GROUP", ["rebel council"])},
        places={"Ankara": ("E1", "city")},
    )
    talks = only(analysis.events, "CONSULT")
    assert {*talks.actor, *talks.recipient} == {"E1", "E2"}


def test_both_sides_of_a_hyphened_pair_meet(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Investors waited for news of the Peru-Chile border talks on Monday.",
        {"E1": ("LOCATION", ["Peru"]), "E2": ("LOCATION", ["Chile"])},
    )
    talks = only(analysis.events, "CONSULT")
    assert {*talks.actor, *talks.recipient} == {"E1", "E2"}


def test_who_after_a_comma_is_the_name_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "He hoped for talks between the council and the Northern Front, who have long refused "
        "to negotiate with Dakar.",
        {"E1": ("GROUP", ["Northern Front"]), "E2": ("LOCATION", ["Dakar"])},
        keep_unattributed=True,
    )
    refusal = only(analysis.events, "REJECT")
    assert refusal.actor == ["E1"] and refusal.recipient == ["E2"]


def test_to_death_is_no_party_of_a_passive(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Carl Mertens was stabbed to death at his home in Bonn on Sunday.",
        {"E1": ("PERSON", ["Carl Mertens"])},
        keep_unattributed=True,
    )
    stabbing = only(analysis.events, "ASSAULT")
    assert stabbing.actor == [] and stabbing.recipient == ["E1"]


def test_called_on_with_on_as_a_particle_names_whom_it_asks(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "In June, the South Dakota senator called on fellow Republicans to unendorse Brandt "
        "after the mogul claimed that a judge presiding over a lawsuit was unfit.",
        {
            "E1": ("GROUP", ["South Dakota senator"]),
            "E2": ("ORG", ["Republicans"]),
            "E3": ("PERSON", ["Brandt"]),
        },
    )
    appeal = only(analysis.events, "REQUEST")
    assert appeal.actor == ["E1"] and appeal.recipient == ["E2"]


def test_a_name_in_the_phrase_wins_over_its_pronoun_owner(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Anna Berg phoned her cousin Lena Berg in Riga on Friday.",
        {"E1": ("PERSON", ["Anna Berg", "her"]), "E2": ("PERSON", ["Lena Berg"])},
    )
    call = only(analysis.events, "CONSULT")
    assert {*call.actor, *call.recipient} == {"E1", "E2"}


def test_the_owner_of_an_arrest_is_the_one_arrested(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Tomas Weber's arrest by the border police drew protests.",
        {"E1": ("PERSON", ["Tomas Weber"]), "E2": ("ORG", ["border police"])},
    )
    arrest = only(analysis.events, "COERCE")
    assert arrest.actor == ["E2"] and arrest.recipient == ["E1"]


def test_a_title_parsed_as_its_own_conjunct_is_not_a_second_party(analyze) -> None:  # type: ignore[no-untyped-def]
    analysis = analyze(
        "Putin said he and Turkish President Recep Tayyip Erdogan agreed in a phone call that "
        "the inquiry would go on."
    )
    names = {e.id: e.name for e in analysis.entities}
    agreement = only(analysis.events, "AGREE")
    parties = sorted(names[e] for e in [*agreement.actor, *agreement.recipient])
    assert parties == ["Recep Tayyip Erdogan", "Vladimir Putin"]
    assert not any(e.type == "GROUP" and "President" in e.name for e in analysis.entities)


def test_the_owner_of_a_demanded_removal_and_its_own_party_are_both_recipients(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "Northern rebels demanded the removal of Governor Tomas Ekwe and his ruling party at "
        "the talks.",
        {
            "E1": ("GROUP", ["Northern rebels"]),
            "E2": ("PERSON", ["Governor Tomas Ekwe"]),
            "E3": ("GROUP", ["his ruling party"]),
        },
    )
    demand = only(analysis.events, "REQUEST")
    assert demand.actor == ["E1"] and set(demand.recipient) == {"E2", "E3"}


def test_the_actors_own_possessive_is_no_recipient(nlp) -> None:  # type: ignore[no-untyped-def]
    analysis = build(
        nlp,
        "The Nordic Labour Office (NLO) reiterated its demand today that Norway ease restrictions "
        "on the movement of seasonal workers.",
        {"E1": ("ORG", ["Nordic Labour Office", "NLO", "its"]), "E2": ("LOCATION", ["Norway"])},
    )
    demand = only(analysis.events, "REQUEST")
    assert demand.actor == ["E1"] and demand.recipient == ["E2"]
