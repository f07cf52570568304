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
