"""Who acts: actor attachment on invented news sentences (full pipeline)."""

from __future__ import annotations

from test_events import only


def test_name_set_off_after_a_description_is_who_acts(analyze) -> None:  # type: ignore[no-untyped-def]
    # Two misparses of one apposition: "Hall" as a second subject of "refused", and "Stone"
    # in apposition to "sedan". Either way the name, not "the driver", is who acts.
    for text, name, kind in [
        ("The driver of the car, Dennis R. Hall, 27, allegedly refused to stop.",
         "Dennis R. Hall", "REJECT"),
        ("The driver of the sedan, Carla M. Stone, 27, allegedly threatened the deputy.",
         "Carla M. Stone", "THREATEN"),
    ]:  # fmt: skip
        analysis = analyze(text)
        person = next(e.id for e in analysis.entities if e.name == name)
        assert only(analysis.events, kind).actor == [person], text
    # A person noun may own the name ("the aide of the senator, Ann Hale"): left as it was.
    aide = analyze("The aide of the senator, Ann Hale, 41, rejected the offer on Monday.")
    hale = [e.id for e in aide.entities if e.name == "Ann Hale"]
    assert all(e.actor != hale for e in aide.events if e.type == "REJECT")


def test_a_pronoun_in_a_quotation_is_not_its_speaker(analyze) -> None:  # type: ignore[no-untyped-def]
    # The speaker names themself "I"; "he" in their own words is someone else, although the
    # nearest earlier sentence naming anyone ("Lopez said") names only the speaker.
    analysis = analyze(
        "Senator Maria Lopez spoke at a veterans forum in Ohio on Tuesday. She said her rival, "
        'Governor Tom Hale, had backed the war in 2003. "I have taken responsibility for my '
        'vote," Lopez said. "He refuses to take responsibility for his."'
    )
    lopez = next(e.id for e in analysis.entities if e.name == "Maria Lopez")
    assert any(q.speaker == lopez and q.kind == "direct" for q in analysis.quotes)
    assert not [e for e in analysis.events if e.trigger == "refuses" and lopez in e.actor]
    # "I" in the same words is the speaker, as before.
    own = analyze('"I refuse to apologise for my vote," Senator Maria Lopez said on Tuesday.')
    speaker = next(e.id for e in own.entities if e.name == "Maria Lopez")
    assert only(own.events, "REJECT").actor == [speaker]
