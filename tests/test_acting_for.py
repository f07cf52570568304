"""A person acting for a body, and an act of force done to one named person, across articles.

Invented reports of a police shooting: one outlet tells it as done by the police, another by
the officer it names with her title, a third by the officer alone; a fourth tells another
shooting by the same force that week, of another man.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from itertools import permutations
from pathlib import Path

from dateline.model import Analysis, Article, Entity, Event, Span
from dateline.store.affiliation import bodies_acted_for
from dateline.store.event_identity import (
    Telling,
    acts_for_body,
    disagreement,
    participant_keys,
    same_victim,
)
from test_event_identity import groupings
from test_store import store

# (body, the doer as named, the victim as named): each outlet in its own words.
SHOOTING = {
    "Valley Courier": (
        "Daniel Ortiz was shot and killed by police on Friday after his truck broke down on "
        "the highway. His sister said he had raised his hands.",
        "police",
        "Daniel Ortiz",
    ),
    "Metro Ledger": (
        "Mayor Ruth Kim criticized county police officer Jane Roe for shooting Daniel Ortiz "
        "during a traffic stop. The police union defended the officer at a rally downtown.",
        "Jane Roe",
        "Daniel Ortiz",
    ),
    "State Wire": (
        "Officer Jane Roe, who shot Daniel Ortiz last week, was charged with manslaughter on "
        "Thursday, prosecutors announced at a press conference in the capital.",
        "Jane Roe",
        "Daniel Ortiz",
    ),
}
# The same force, the same week, another man: another act.
OTHER_SHOOTING = (
    "Police shot Marcus Lee on Saturday outside a grocery store; witnesses said he was "
    "unarmed and protesters gathered through the night.",
    "police",
    "Marcus Lee",
)


def shooting(publisher: str, told: tuple[str, str, str], day: str = "2024-06-07") -> Analysis:
    """One outlet's article: its police (a GROUP named "police", as "the police union" and
    "police"), the person who shot if named, and the victim; the shooting dated ``day``."""
    body, doer, victim = told
    entities = [_entity("E1", "police", "GROUP", body)]
    if doer != "police":
        entities.append(_entity("E2", doer, "PERSON", body))
    entities.append(_entity("E3", victim, "PERSON", body))
    trigger = "shot" if "shot" in body else "shooting"
    start = body.find(trigger)
    event = Event(id="V1", type="ASSAULT", actor=["E1" if doer == "police" else "E2"],
                  recipient=["E3"], trigger=trigger, sentence=body, start=start,
                  end=start + len(trigger), cameo="190", date=day, date_source="clause",
                  date_precision="day")  # fmt: skip
    digest = hashlib.sha1(body.encode()).hexdigest()[:16]
    article = Article(id=digest, source=f"{publisher}.txt", publisher=publisher,
                      published=f"{day}T12:00:00+00:00", text=body, paragraphs=[body])  # fmt: skip
    return Analysis(article=article, entities=entities, events=[event])


def _entity(local: str, name: str, kind: str, body: str) -> Entity:
    """An entity with every mention of ``name`` in ``body`` (any case)."""
    lowered, spans, start = body.lower(), [], 0
    while (found := lowered.find(name.lower(), start)) >= 0:
        spans.append(Span(start=found, end=found + len(name), text=body[found : found + len(name)]))
        start = found + len(name)
    return Entity(id=local, name=name, type=kind, mentions=spans)  # type: ignore[arg-type]


def test_a_title_before_or_after_a_name_says_which_body_the_person_acts_for() -> None:
    def acted_for(body: str, person: str, body_name: str = "police") -> bool:
        text = body
        entities = [_entity("E1", body_name, "GROUP", text), _entity("E2", person, "PERSON", text)]
        article = Article(id="x", source="x", text=text, paragraphs=[text])
        analysis = Analysis(article=article, entities=entities)
        return bodies_acted_for(analysis, ["E2"]) == {"E1"}

    assert acted_for("The county police officer Jane Roe fired twice.", "Jane Roe")
    assert acted_for("Jane Roe, a county police officer, fired twice.", "Jane Roe")
    assert acted_for("Senior FBI agent Tom Hale said the bureau was still searching.", "Tom Hale",
                     "FBI")  # fmt: skip
    assert acted_for("Critics blamed FBI Director Ann Wells, and the FBI declined comment.",
                     "Ann Wells", "FBI")  # fmt: skip
    # A title that names no body, a former office, a body the article does not name otherwise.
    assert not acted_for("Officer Jane Roe fired twice, the police said.", "Jane Roe")
    assert not acted_for("Former police officer Jane Roe testified.", "Jane Roe")
    assert not acted_for("Army officer Jane Roe testified as the police watched.", "Jane Roe")
    # No title at all: a person named beside a body is not its member.
    assert not acted_for("The police questioned Jane Roe for hours.", "Jane Roe")


def test_one_shooting_told_by_the_force_and_by_its_named_officer_is_one_event_in_any_order(
    tmp_path: Path,
) -> None:
    reports = [shooting(p, told) for p, told in SHOOTING.items()]
    reports.append(shooting("Night Desk", OTHER_SHOOTING, day="2024-06-08"))
    for n, order in enumerate(permutations(reports[:3])):
        path = tmp_path / f"order{n}.duckdb"
        store(path, [*order, reports[3]], batch_size=1)
        assert groupings(path) == {frozenset(SHOOTING), frozenset({"Night Desk"})}, n


def _told(**changes: object) -> Telling:
    base = dict(article_id="a", local_id="V1", story_id="a", type="ASSAULT", status="occurred",
                actors=frozenset({"police"}), recipients=frozenset({"ortiz"}), date="2024-06-07",
                place=None, terms=frozenset({"highway", "truck"}),
                recipient_people=frozenset({"ortiz"}))  # fmt: skip
    base.update(changes)
    return Telling(**base)  # type: ignore[arg-type]


def test_what_the_officer_and_the_victim_decide_and_what_they_do_not() -> None:
    by_force = _told()
    by_officer = _told(article_id="b", story_id="b", actors=frozenset({"roe"}),
                       actor_bodies=frozenset({"police"}), terms=frozenset({"mayor", "union"}))  # fmt: skip
    assert acts_for_body(by_force, by_officer) and acts_for_body(by_officer, by_force)
    assert same_victim(by_force, by_officer)
    assert disagreement(by_force, by_officer) is None
    # Blocking (the writer's index, Spark's join) finds the pair by the body.
    assert participant_keys(by_force)[0] & participant_keys(by_officer)[1]
    assert participant_keys(by_officer)[0] & participant_keys(by_force)[1]
    # Another victim, or dates apart: two acts. Two officers of one force: two parties.
    assert disagreement(by_force, _told(article_id="b", recipients=frozenset({"lee"}),
                                        recipient_people=frozenset({"lee"}))) == "parties"  # fmt: skip
    assert disagreement(by_force, _told(article_id="b", date="2024-06-20")) == "dates"
    second_officer = _told(article_id="c", actors=frozenset({"diaz"}),
                           actor_bodies=frozenset({"police"}))  # fmt: skip
    assert not acts_for_body(by_officer, second_officer)
    # The victim is the story for an act of force only: an accusation of one person by one
    # actor a day apart, in other words, still asks for shared words.
    accused = _told(type="ACCUSE", terms=frozenset({"contract"}))
    other_accusation = _told(article_id="b", story_id="b", type="ACCUSE")
    assert not same_victim(accused, other_accusation)
    assert disagreement(accused, other_accusation) == "story"
    # A group as the target (protesters, a crowd) is no named victim.
    crowd = _told(recipients=frozenset({"protesters"}), recipient_people=frozenset())
    other_crowd = _told(article_id="b", story_id="b", recipients=frozenset({"protesters"}),
                        recipient_people=frozenset(), terms=frozenset({"rally"}))  # fmt: skip
    assert not same_victim(crowd, other_crowd)
    assert disagreement(crowd, other_crowd) == "story"
    # Two undated tellings of background ("a new ad hitting Rui Costa", "the campaign has hit
    # Costa hard"), each reaching a month back: a public figure is the target of many such
    # acts in a month, so the named target does not say which; the words must.
    ad = _told(actors=frozenset({"ames"}), date=None, published="2024-10-03",
               date_precision="before", terms=frozenset({"tax", "clip"}))  # fmt: skip
    convention = replace(ad, article_id="b", story_id="b", published="2024-09-27",
                         terms=frozenset({"convention", "record"}))  # fmt: skip
    assert not same_victim(ad, convention)
    assert disagreement(ad, convention) == "story"
    # One of them pinned to a day is the act of force the victim names, as above.
    assert same_victim(replace(ad, date="2024-09-26", date_precision="day"), convention)


def test_only_a_person_named_in_full_is_a_victim_across_articles() -> None:
    from dateline.store.event_identity import _fully_named_person

    def person(name: str, kind: str = "PERSON") -> Entity:
        return Entity(id="E1", name=name, type=kind)  # type: ignore[arg-type]

    assert _fully_named_person(person("Daniel Ortiz"))
    assert _fully_named_person(person("Ana de la Cruz"))
    assert not _fully_named_person(person("Ortiz"))  # a surname: anyone's elsewhere
    assert not _fully_named_person(person("a man"))
    assert not _fully_named_person(person("the Driver"))
    assert not _fully_named_person(person("Daniel Ortiz", "GROUP"))


def test_a_horizontal_bar_around_an_apposition_is_read_as_a_dash(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(
        "Daniel Ortiz, 38 \u2015 a nurse who coached the school team \u2015 was shot and "
        "killed by an officer on Friday."
    )
    name = next(token for token in doc if token.text == "Ortiz")
    assert name.dep_ == "nsubjpass" and name.head.text == "shot"
    assert all(token.pos_ == "PUNCT" for token in doc if token.text == "\u2015")


def test_the_title_before_a_name_is_the_patterns_search_from_where_a_match_can_begin() -> None:
    # The words before a name are read with the pattern tried only after the fifth run of
    # white space from the end; the result is the full search's on every window, also where
    # the window begins or ends inside a word, ends in a line break or holds five words or more.
    from dateline.store import affiliation

    text = (
        "On Tuesday the long-serving county police officer Jane Roe (a veteran of the force) "
        "said that Senior FBI agent Tom Hale,\nthe bureau's chief  spokeswoman\u00a0Ann Wells "
        "and O'Neill's deputy ran the inquiry.\n"
    )
    windows = [
        text[max(0, end - reach) : end] for end in range(len(text) + 1) for reach in (0, 7, 60)
    ]
    windows += ["", " ", "\n", "police officer \n", "one two three four five six seven "]
    for window in windows:
        expected = affiliation._WORDS_BEFORE.search(window)
        found = affiliation._words_before(window)
        assert (found and (found.span(), found.group(1))) == (
            expected and (expected.span(), expected.group(1))
        ), repr(window)
