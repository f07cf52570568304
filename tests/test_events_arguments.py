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
