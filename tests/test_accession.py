"""A state joining an alliance, told as "joined", "became members of" and "accession to".

Trigger tests on invented sentences (the parse and named entities of the small model); store
tests on invented reports of one accession by three outlets in their own words, and a fourth
report of the same state's planned entry into another body.
"""

from __future__ import annotations

import hashlib
from itertools import permutations
from pathlib import Path

from dateline.events.triggers import ACCESSION, find_triggers
from dateline.model import Analysis, Article, Entity, Event, Span
from dateline.store.event_identity import Telling, disagreement, same_accession
from test_event_identity import groupings
from test_events import build
from test_store import store


def _codes(nlp, text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {t.token.text: t.cameo for t in find_triggers(list(nlp(text)))}


def test_a_state_joining_a_body_is_an_accession(nlp) -> None:  # type: ignore[no-untyped-def]
    joined = _codes(nlp, "Estonia and Latvia formally joined the European Union on Saturday.")
    assert joined.get("joined") == ACCESSION
    became = _codes(nlp, "Slovenia and Slovakia became full members of NATO on Monday.")
    assert became.get("became") == ACCESSION
    # A planned entry is still an accession (its status says it is planned).
    assert _codes(nlp, "Finland wants to join NATO.").get("join") == ACCESSION
    # "the alliance" is the body joined, not an alliance made.
    assert _codes(nlp, "Croatia joined the alliance in April.").get("alliance") == ACCESSION


def test_a_person_joining_a_firm_or_a_state_joining_talks_is_no_accession(nlp) -> None:  # type: ignore[no-untyped-def]
    assert "joined" not in _codes(nlp, "Maria Lopez joined Deutsche Bank in 2019.")
    assert "became" not in _codes(nlp, "Maria Lopez became a member of the Senate in 2010.")
    # "join" is still a light verb: the talks are the event, no accession to them.
    talks = _codes(nlp, "Iran joined the talks in Vienna on Tuesday.")
    assert talks.get("talks") != ACCESSION and "joined" not in talks
    # Joining a body in an act is taking part in that act; the year it joined is no act.
    joined_in = _codes(nlp, "Norway joined the European Union in condemning the raid.")
    assert joined_in.get("joined") != ACCESSION
    assert _codes(nlp, "Sweden joined the European Union in 1995.").get("joined") == ACCESSION
    # Becoming something other than a member names no accession.
    assert "became" not in _codes(
        nlp, "Portugal became the largest exporter in the European Union."
    )


def test_the_body_a_state_became_a_member_of_is_the_recipient(nlp) -> None:  # type: ignore[no-untyped-def]
    parties = {
        "E1": ("LOCATION", ["Estonia"]),
        "E2": ("LOCATION", ["Latvia"]),
        "E3": ("ORG", ["the European Union"]),
    }
    text = "Estonia and Latvia became members of the European Union in May."
    analysis = build(nlp, text, parties, keep_unattributed=True, confidence="rules")
    [became] = [e for e in analysis.events if e.trigger == "became"]
    assert became.type == "COOPERATE" and became.recipient == ["E3"]
    assert sorted(became.actor) == ["E1", "E2"]


# Three outlets, one accession, few words in common beyond the parties.
ACCESSION_REPORTS = {
    "Baltic Wire": (
        "Norland and Vesteria became full members of the Atlantic Union on Friday, ending a "
        "decade of negotiations. Fireworks lit the sky over the old harbour.",
        "became",
    ),
    "Capital Post": (
        "Norland and Vesteria formally joined the Atlantic Union at a ceremony in Geneva, "
        "where their foreign ministers handed over the signed instruments.",
        "joined",
    ),
    "Evening Courier": (
        "Norland's accession to the Atlantic Union changes the balance of the region, its prime "
        "minister told parliament, promising new spending on its border guards.",
        "accession",
    ),
}
# The same state, the same week: its planned entry into another body is another act.
PLANNED = (
    "Norland wants to join the Northern Trade Council next year, its trade minister said "
    "at the ceremony in Geneva.",
    "join",
)


def accession_report(
    publisher: str, told: tuple[str, str], body_name: str = "Atlantic Union",
    status: str = "occurred", day: str | None = "2031-03-14",
) -> Analysis:  # fmt: skip
    """One outlet's article: the states named in it (actors), the body (recipient) and the
    accession told by its ``told`` word."""
    text, trigger = told
    entities = [_entity("E1", "Norland", "LOCATION", text), _entity("E3", body_name, "ORG", text)]
    actors = ["E1"]
    if "Vesteria" in text:
        entities.append(_entity("E2", "Vesteria", "LOCATION", text))
        actors.append("E2")
    start = text.find(trigger)
    event = Event(id="V1", type="COOPERATE", actor=actors, recipient=["E3"], trigger=trigger,
                  sentence=text, start=start, end=start + len(trigger), cameo=ACCESSION,
                  status=status, date=day, date_source="clause" if day else None,
                  date_precision="day" if day else None)  # fmt: skip
    digest = hashlib.sha1(text.encode()).hexdigest()[:16]
    article = Article(id=digest, source=f"{publisher}.txt", publisher=publisher,
                      published="2031-03-15T08:00:00+00:00", text=text, paragraphs=[text])  # fmt: skip
    return Analysis(article=article, entities=entities, events=[event])


def _entity(local: str, name: str, kind: str, text: str) -> Entity:
    spans, start = [], 0
    while (found := text.find(name, start)) >= 0:
        spans.append(Span(start=found, end=found + len(name), text=name))
        start = found + len(name)
    return Entity(id=local, name=name, type=kind, mentions=spans)  # type: ignore[arg-type]


def test_one_accession_told_in_three_words_is_one_event_in_any_order(tmp_path: Path) -> None:
    reports = [accession_report(p, told) for p, told in ACCESSION_REPORTS.items()]
    planned = accession_report("Trade Weekly", PLANNED, "Northern Trade Council", "future")
    for n, order in enumerate(permutations(reports)):
        path = tmp_path / f"order{n}.duckdb"
        store(path, [*order, planned], batch_size=1)
        assert groupings(path) == {frozenset(ACCESSION_REPORTS), frozenset({"Trade Weekly"})}, n


def _told(**changes: object) -> Telling:
    base = dict(article_id="a", local_id="V1", story_id="a", type="COOPERATE", status="occurred",
                actors=frozenset({"norland"}), recipients=frozenset({"union"}),
                date="2031-03-14", place=None, terms=frozenset({"fireworks", "harbour"}),
                trigger="joined", cameo=ACCESSION)  # fmt: skip
    base.update(changes)
    return Telling(**base)  # type: ignore[arg-type]


def test_what_makes_two_accessions_one_and_what_does_not() -> None:
    joined = _told()
    accession = _told(article_id="b", story_id="b", trigger="accession",
                      terms=frozenset({"parliament", "border"}))  # fmt: skip
    assert same_accession(joined, accession) and disagreement(joined, accession) is None
    # Another body, or another state: other parties. A week apart: other dates.
    assert disagreement(joined, _told(article_id="b", recipients=frozenset({"council"}))) == (
        "parties"
    )
    assert disagreement(joined, _told(article_id="b", date="2031-03-25")) == "dates"
    # Planned on both sides: talked about for years, so the words must still tell one story.
    planned = _told(status="future")
    other_plan = _told(article_id="b", story_id="b", status="future", trigger="join",
                       terms=frozenset({"referendum"}))  # fmt: skip
    assert not same_accession(planned, other_plan)
    assert disagreement(planned, other_plan) == "story"
    # Material cooperation told by another word (a joint exercise) asks for the words too.
    exercise = _told(trigger="exercise")
    other_exercise = _told(article_id="b", story_id="b", trigger="exercise",
                           terms=frozenset({"navy"}))  # fmt: skip
    assert not same_accession(exercise, other_exercise)
    assert disagreement(exercise, other_exercise) == "story"
