"""One event told by several outlets: cross-article merging in the corpus database.

Invented reports of one story (a minister accusing a rival over a contract, told by three
outlets in their own words) and of an unrelated story sharing its actor, type and day.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from itertools import permutations
from pathlib import Path

from dateline.model import Analysis, Article, Entity, Event, Span
from dateline.store.db import open_store
from dateline.store.event_identity import (
    Telling,
    cluster,
    context_terms,
    date_agreement,
    dates_agree,
    disagreement,
    same_event,
)
from test_store import store

PEOPLE = {"okafor": ("Ada Okafor", "PERSON", "NGA"), "bello": ("Musa Bello", "PERSON", "NGA")}


def named_in(body: str, people: list[tuple[str, str, str]]) -> list[Entity]:
    """Entities E1, E2, ... for ``people`` (name, type, country), each with one mention where
    ``body`` gives the full name, else the surname."""
    entities = []
    for n, (name, kind, country) in enumerate(people, start=1):
        surname = name.split()[-1]
        start = body.find(name) if name in body else body.find(surname)
        entities.append(
            Entity(id=f"E{n}", name=name, type=kind, country=country,  # type: ignore[arg-type]
                   mentions=[Span(start=start, end=start + len(name), text=name)])
        )  # fmt: skip
    return entities


REPORTS = {
    "Lagos Daily": (
        "Finance Minister Ada Okafor on Tuesday accused Musa Bello of inflating the cost of the "
        "Kano rail contract by 40 million dollars, in a letter to the anti-graft agency.",
        "2024-05-14",
    ),
    "Abuja Times": (
        "Ada Okafor accused her rival Musa Bello on Tuesday of padding the Kano rail contract, "
        "saying the anti-graft agency should examine 40 million dollars in extra costs.",
        "2024-05-14",
    ),
    "Wire Africa": (
        "Nigeria's finance minister, Ada Okafor, accused Musa Bello on May 14 of inflating the "
        "price of a rail contract in Kano and asked the anti-graft agency to investigate.",
        "2024-05-14",
    ),
    # Same actor, type and day, another story: a football row.
    "Sports Desk": (
        "Ada Okafor on Tuesday accused Musa Bello of insulting the national football team after "
        "the friendly against Ghana, in a heated exchange at the stadium.",
        "2024-05-14",
    ),
}


def report(
    publisher: str,
    reports: dict[str, tuple[str, str]] = REPORTS,
    stated: str | None = "same",
    published: str | None = None,
) -> Analysis:
    """One outlet's article: its event dated as stated in the text (``stated``: "same" for the
    report's day, None for undated, else that value), published on ``published`` (default the
    report's day)."""
    body, day = reports[publisher]
    own = day if stated == "same" else stated
    published = published or day
    entities = named_in(body, [PEOPLE["okafor"], PEOPLE["bello"]])
    start = body.find("accused")
    if own is None:  # undated: the publication day stands in
        dating = dict(date=published, date_source="publication", date_precision="day",
                      date_is_fallback=True)  # fmt: skip
    else:
        dating = dict(date=own, date_source="clause", date_precision="day")
    event = Event(id="V1", type="ACCUSE", actor=["E1"], recipient=["E2"], trigger="accused",
                  sentence=body, start=start, end=start + 7, cameo="112",
                  **dating)  # type: ignore[arg-type]  # fmt: skip
    digest = hashlib.sha1(body.encode()).hexdigest()[:16]
    article = Article(id=digest, source=f"{publisher}.txt",
                      publisher=publisher, published=f"{published}T12:00:00+00:00", text=body,
                      paragraphs=[body])  # fmt: skip
    return Analysis(article=article, entities=entities, events=[event])


def groupings(path: Path) -> set[frozenset[str]]:
    con = open_store(str(path), read_only=True)
    rows = con.execute(
        "SELECT e.event_id, a.publisher FROM event_mentions e JOIN articles a USING (article_id)"
    ).fetchall()
    con.close()
    groups: dict[int, set[str]] = {}
    for event_id, publisher in rows:
        groups.setdefault(event_id, set()).add(publisher)
    return {frozenset(g) for g in groups.values()}


def test_three_outlets_telling_one_accusation_are_one_event_not_the_football_row(
    tmp_path: Path,
) -> None:
    path = tmp_path / "corpus.duckdb"
    store(path, [report(p) for p in REPORTS], batch_size=1)
    assert groupings(path) == {
        frozenset({"Lagos Daily", "Abuja Times", "Wire Africa"}),
        frozenset({"Sports Desk"}),
    }
    con = open_store(str(path), read_only=True)
    counts = con.execute(
        "SELECT num_articles, num_sources FROM events ORDER BY event_id"
    ).fetchall()
    assert counts == [(3, 3), (1, 1)]


def test_ingest_order_and_batching_do_not_change_the_corpus_events(tmp_path: Path) -> None:
    expected = None
    for n, order in enumerate(permutations(REPORTS)):
        if n % 5:  # a spread of the 24 orders keeps the test fast
            continue
        path = tmp_path / f"order{n}.duckdb"
        store(path, [report(p) for p in order], batch_size=1 + n % 3)
        found = groupings(path)
        expected = expected or found
        assert found == expected, order
    # Storing the same reports again changes nothing.
    again = tmp_path / "again.duckdb"
    store(again, [report(p) for p in REPORTS])
    store(again, [report(p) for p in REPORTS])
    assert groupings(again) == expected


def telling(**changes: object) -> Telling:
    base = dict(article_id="a", local_id="V1", story_id="a", type="ACCUSE", status="occurred",
                actors=frozenset({"okafor"}), recipients=frozenset({"bello"}), date="2024-05-14",
                place=None, terms=frozenset({"rail", "contract", "kano", "anti-graft"}))  # fmt: skip
    base.update(changes)
    return Telling(**base)  # type: ignore[arg-type]


def test_what_keeps_two_tellings_apart() -> None:
    a, b = telling(), telling(article_id="b", story_id="b")
    assert same_event(a, b)
    assert not same_event(a, telling(article_id="b", story_id="b", date=None))  # publication day
    assert not same_event(a, telling(article_id="b", story_id="b", date="2024-05-17"))
    assert not same_event(a, telling(article_id="b", story_id="b", status="negated"))
    assert not same_event(a, telling(article_id="b", story_id="b", recipients=frozenset({"x"})))
    assert same_event(a, telling(article_id="b", story_id="b", recipients=frozenset()))
    assert not same_event(a, telling(article_id="b", story_id="b", terms=frozenset({"football"})))
    assert same_event(a, telling(article_id="b", story_id="a", terms=frozenset({"football"})))
    assert not same_event(telling(place="geonames:1"), telling(article_id="b", place="geonames:2"))
    assert dates_agree("2024-05", "2024-05-14") and not dates_agree("2024", "2024-05-14")
    assert cluster([a, b, telling(article_id="c", story_id="c", type="ASSAULT")]) == [0, 0, 1]


# One story told over three days: each report's date lies a day from the next one's, so the
# first and the last are too far apart to be matched directly; the middle one joins them.
DRIFTING = {
    "Lagos Daily": (REPORTS["Lagos Daily"][0], "2024-05-13"),
    "Abuja Times": (REPORTS["Abuja Times"][0], "2024-05-14"),
    "Wire Africa": (REPORTS["Wire Africa"][0], "2024-05-15"),
}


def test_a_telling_that_agrees_with_two_events_joins_them_in_any_order(tmp_path: Path) -> None:
    found = set()
    for n, order in enumerate(permutations(DRIFTING)):
        path = tmp_path / f"drift{n}.duckdb"
        store(path, [report(p, DRIFTING) for p in order], batch_size=1 + n % 2)
        groups = groupings(path)
        found.add(frozenset(groups))
        con = open_store(str(path), read_only=True)
        events = con.execute("SELECT count(*), min(num_articles) FROM events").fetchone()
        con.close()
        assert events == (1, 3), order  # no emptied event left behind; counts recounted
    assert found == {frozenset({frozenset(DRIFTING)})}


def test_an_undated_telling_joins_the_story_told_with_a_date_the_day_before(
    tmp_path: Path,
) -> None:
    path = tmp_path / "undated.duckdb"
    dated = report("Lagos Daily")
    # Published the next morning, the accusation told without a date of its own.
    undated = report("Abuja Times", stated=None, published="2024-05-15")
    # The football row, also undated and published the same morning: another story.
    football = report("Sports Desk", stated=None, published="2024-05-15")
    store(path, [dated, undated, football], batch_size=1)
    assert groupings(path) == {
        frozenset({"Lagos Daily", "Abuja Times"}),
        frozenset({"Sports Desk"}),
    }


def test_weak_dates_agree_only_when_their_spans_of_time_meet() -> None:
    stated = telling(date="2024-05-14")
    undated = telling(article_id="b", date=None, published="2024-05-16")
    assert date_agreement(stated, undated) == "weak"
    assert (
        date_agreement(stated, telling(article_id="b", date=None, published="2024-06-20")) == "no"
    )
    background = telling(article_id="b", date=None, published="2024-06-10", date_precision="before")
    assert date_agreement(stated, background) == "weak"
    assert date_agreement(stated, telling(article_id="b", date="2024-05-16")) == "no"
    assert date_agreement(stated, telling(article_id="b", date=None)) == "no"  # nothing known
    # Weak dates ask for more of the same story than stated ones.
    some_story = frozenset({"rail", "contract", "kano", "anti-graft", "budget"})
    a = telling(terms=some_story)
    b = telling(
        article_id="b",
        story_id="b",
        terms=frozenset({"rail", "football", "goal", "referee", "ghana"}),
    )
    assert same_event(a, telling(article_id="b", story_id="b", date="2024-05-14", terms=b.terms))
    assert not same_event(a, telling(article_id="b", story_id="b", date=None,
                                     published="2024-05-15", terms=b.terms))  # fmt: skip


def test_an_investigation_dated_by_the_day_each_outlet_mentions_it_is_one_event() -> None:
    from dateline.store.event_identity import triggers_alike

    # An anti-graft probe into Bello: one outlet dates it by its opening (the 10th), another
    # by the day it tells it (the 14th), and names it an inquiry; the contexts share three
    # words in twenty (less than a one-off act told on agreeing days needs).
    opened = telling(trigger="probe", date="2024-05-10", published="2024-05-10",
                     terms=_words_with(["rail", "contract", "audit"], "a", 20))  # fmt: skip
    inquiry = telling(article_id="b", story_id="b", trigger="inquiry", date="2024-05-14",
                      published="2024-05-14",
                      terms=_words_with(["rail", "contract", "audit"], "b", 20))  # fmt: skip
    assert triggers_alike(opened, inquiry) and not triggers_alike(opened, telling(trigger="met"))
    assert same_event(opened, inquiry)
    # A one-off act so dated stays two acts; so does a probe weeks later, or of someone else.
    assert not same_event(
        telling(trigger="accused", date="2024-05-10", terms=opened.terms),
        telling(article_id="b", story_id="b", trigger="accused", date="2024-05-14",
                terms=inquiry.terms),
    )  # fmt: skip
    later = telling(article_id="b", story_id="b", trigger="inquiry", date="2024-06-20",
                    published="2024-06-20", terms=inquiry.terms)  # fmt: skip
    assert not same_event(opened, later)
    other = telling(article_id="b", story_id="b", trigger="inquiry", date="2024-05-14",
                    published="2024-05-14", recipients=frozenset({"x"}), terms=inquiry.terms)  # fmt: skip
    assert not same_event(opened, other)
    # Nothing in common around the two tellings: not enough.
    unrelated = telling(article_id="b", story_id="b", trigger="inquiry", date="2024-05-14",
                        published="2024-05-14", terms=frozenset({"football", "ghana"}))  # fmt: skip
    assert not same_event(opened, unrelated)


def test_context_words_drop_the_possessive_and_share_the_lexicon_sense() -> None:
    from dateline.store.event_identity import _sense_terms, _words

    assert _words("Okafor's probes of Bello's contracts") == [
        "okafor",
        "probe",
        "bello",
        "contract",
    ]
    assert _sense_terms(["investigation"]) == _sense_terms(["probe"]) != set()


PROBE = {
    "Lagos Daily": (
        "The anti-graft agency opened a probe on Thursday into Musa Bello over the Kano rail "
        "contract, Ada Okafor said, after auditors flagged 40 million dollars in extra costs.",
        "2024-05-30",
    ),
    "Abuja Times": (
        "Musa Bello, whom the inquiry led by Ada Okafor is examining over the Kano rail contract, "
        "denied on Monday that auditors had found extra costs of 40 million dollars.",
        "2024-06-10",
    ),
}


def probe_report(publisher: str) -> Analysis:
    """An outlet's telling of the investigation, dated by the day the outlet mentions it."""
    analysis = report(publisher, PROBE)
    body = analysis.article.text
    word = "probe" if "probe" in body else "inquiry"
    start = body.find(word)
    event = analysis.events[0].model_copy(
        update={"trigger": word, "start": start, "end": start + len(word), "cameo": "090"}
    )
    return analysis.model_copy(update={"events": [event]})


def test_an_investigation_told_across_a_month_boundary_is_one_event_in_any_order(
    tmp_path: Path,
) -> None:
    for n, order in enumerate(permutations(PROBE)):
        path = tmp_path / f"probe{n}.duckdb"
        store(path, [probe_report(p) for p in order], batch_size=1)
        assert groupings(path) == {frozenset(PROBE)}, order


def test_a_person_coded_with_a_country_in_one_article_and_without_in_another_is_one_entity(
    tmp_path: Path,
) -> None:
    from dateline.store.merge import entity_key

    # "Nigeria's finance minister, Ada Okafor" is coded Nigerian; the next outlet's "Ada
    # Okafor" has no country. One person, one corpus entity, one accusation.
    coded = report("Lagos Daily")
    uncoded = report("Abuja Times")
    uncoded = uncoded.model_copy(
        update={"entities": [e.model_copy(update={"country": None}) for e in uncoded.entities]}
    )
    assert entity_key(coded.entities[0]) == entity_key(uncoded.entities[0])
    # An organisation's country still tells two of one name apart.
    ministry = Entity(id="E9", name="Foreign Ministry", type="ORG", country="NGA")
    assert entity_key(ministry) != entity_key(ministry.model_copy(update={"country": "GHA"}))
    path = tmp_path / "corpus.duckdb"
    store(path, [coded, uncoded], batch_size=1)
    assert groupings(path) == {frozenset({"Lagos Daily", "Abuja Times"})}
    con = open_store(str(path), read_only=True)
    assert con.execute("SELECT count(*) FROM entities WHERE name = 'Ada Okafor'").fetchone() == (1,)
    con.close()


def test_words_that_name_no_act_of_their_own_are_not_one_sense() -> None:
    from dateline.store.event_identity import trigger_senses, triggers_alike

    # "call" and "tell" only report ("---" in the lexicon): naming an act with them says
    # nothing about which act.
    assert trigger_senses("called") == frozenset() == trigger_senses("told")
    assert not triggers_alike(telling(trigger="called"), telling(trigger="told"))
    assert triggers_alike(telling(trigger="probe"), telling(trigger="inquiry"))


def test_a_week_or_month_touching_the_other_dates_weakly() -> None:
    june = telling(trigger="recommend", date="2024-06", status="negated")
    july = telling(article_id="b", story_id="b", trigger="recommend", date="2024-07",
                   status="negated")  # fmt: skip
    assert date_agreement(june, july) == "weak"
    assert same_event(june, july)  # the same word and the same story around it
    assert date_agreement(june, telling(article_id="b", date="2024-08")) == "no"
    assert date_agreement(telling(date="2024-05-14"), telling(date="2024-05-16")) == "no"
    # Weak: named otherwise, the same story must show more.
    other_words = telling(article_id="b", story_id="b", trigger="urge", date="2024-07",
                          status="negated", terms=frozenset({"rail", "football", "goal"}))  # fmt: skip
    assert not same_event(june, other_words)


# One investigation, two outlets: one names the agency running it, the other the man it
# examines ("the Bello probe"), the name that modifies the noun read as its actor.
AGENCY_PROBE = {
    "Lagos Daily": (
        "The anti-graft agency reopened its probe on Friday, looking again at Musa Bello and "
        "the Kano rail contract after auditors found 40 million dollars in extra costs.",
        "2024-05-31",
    ),
    "Abuja Times": (
        "Shares in Kano Rail fell on Monday as the anti-graft agency pressed on with the Bello "
        "probe into the rail contract and the 40 million dollars auditors flagged.",
        "2024-06-03",
    ),
}


def agency_probe_report(publisher: str, precision: str = "day") -> Analysis:
    """An outlet's telling of the probe: the agency as actor in one, Bello in the other, each
    naming the other side around the trigger."""
    body, day = AGENCY_PROBE[publisher]
    people = {"E1": ("anti-graft agency", "ORG", "NGA"), "E2": ("Musa Bello", "PERSON", None)}
    entities = []
    for local, (name, kind, country) in people.items():
        text = name if name in body else name.split()[-1]
        start = body.find(text)
        entities.append(
            Entity(id=local, name=name, type=kind, country=country,  # type: ignore[arg-type]
                   mentions=[Span(start=start, end=start + len(text), text=text)])
        )  # fmt: skip
    start = body.find("probe")
    if precision == "before":  # undated background: "had opened a probe"
        dating = dict(date=None, date_source="publication", date_precision="before")
    else:
        dating = dict(date=day, date_source="clause", date_precision="day")
    actor = "E1" if publisher == "Lagos Daily" else "E2"
    event = Event(id="V1", type="ACCUSE", actor=[actor], trigger="probe", sentence=body,
                  start=start, end=start + 5, cameo="090", **dating)  # type: ignore[arg-type]  # fmt: skip
    digest = hashlib.sha1((body + precision).encode()).hexdigest()[:16]
    article = Article(id=digest, source=f"{publisher}.txt", publisher=publisher,
                      published=f"{day}T12:00:00+00:00", text=body, paragraphs=[body])  # fmt: skip
    return Analysis(article=article, entities=entities, events=[event])


def test_an_investigation_told_by_its_doer_and_by_its_target_is_one_event_in_any_order(
    tmp_path: Path,
) -> None:
    for n, order in enumerate(permutations(AGENCY_PROBE)):
        path = tmp_path / f"agency{n}.duckdb"
        store(path, [agency_probe_report(p) for p in order], batch_size=1)
        assert groupings(path) == {frozenset(AGENCY_PROBE)}, order
    # Told as undated background ("had opened a probe"), it may be an earlier investigation.
    path = tmp_path / "background.duckdb"
    background = agency_probe_report("Abuja Times", precision="before")
    store(path, [agency_probe_report("Lagos Daily"), background], batch_size=1)
    assert len(groupings(path)) == 2


def test_roles_are_compared_either_way_only_for_a_lasting_activity_told_one_sided() -> None:
    from dateline.store.event_identity import participant_keys, participants_compatible

    around = frozenset({"entity:agency", "entity:bello", "rail", "contract"})
    by_agency = telling(trigger="probe", actors=frozenset({"agency"}), recipients=frozenset(),
                        terms=around)  # fmt: skip
    of_bello = telling(article_id="b", story_id="b", trigger="inquiry",
                       actors=frozenset({"bello"}), recipients=frozenset(), terms=around)  # fmt: skip
    assert participants_compatible(by_agency, of_bello)
    # Blocking (Spark) finds the pair: a participant of one is named around the other.
    assert participant_keys(by_agency)[0] & participant_keys(of_bello)[1]
    # Not named around the other telling: nothing says it is the same probe.
    elsewhere = telling(article_id="b", story_id="b", trigger="inquiry",
                        actors=frozenset({"bello"}), recipients=frozenset(),
                        terms=frozenset({"entity:bello", "rail"}))  # fmt: skip
    assert not participants_compatible(by_agency, elsewhere)
    # An accusation (a one-off act) keeps its roles: who accused whom matters.
    accused = telling(trigger="accused", actors=frozenset({"agency"}), recipients=frozenset(),
                      terms=around)  # fmt: skip
    assert not participants_compatible(
        accused, telling(article_id="b", trigger="accused", actors=frozenset({"bello"}),
                         recipients=frozenset(), terms=around)
    )  # fmt: skip
    # Both outlets tell both sides: the roles are told, and must agree.
    both = telling(trigger="probe", actors=frozenset({"agency"}), recipients=frozenset({"bello"}),
                   terms=around)  # fmt: skip
    swapped = telling(article_id="b", trigger="probe", actors=frozenset({"bello"}),
                      recipients=frozenset({"agency"}), terms=around)  # fmt: skip
    assert not participants_compatible(both, swapped)


# A shooting told in the passive by one outlet, whose parse took the victim for the doer, and
# in the active by the next one.
SHOOTING = {
    "Lagos Daily": (
        "Musa Bello, a 40-year-old teacher, was shot by a police officer on Friday at a "
        "checkpoint on the Kano road, witnesses said.",
        "2024-05-31",
    ),
    "Abuja Times": (
        "Officer Ada Okafor shot Musa Bello at the Kano road checkpoint on Friday; the teacher "
        "died in hospital, police said.",
        "2024-05-31",
    ),
}


def shooting_report(publisher: str) -> Analysis:
    body = SHOOTING[publisher][0]
    okafor = "Ada Okafor" in body
    analysis = report(publisher, SHOOTING)
    entities = analysis.entities if okafor else analysis.entities[1:]
    trigger = "shot"
    start = body.find(trigger)
    event = analysis.events[0].model_copy(
        update={
            "type": "ASSAULT",
            "trigger": trigger,
            "start": start,
            "end": start + 4,
            "actor": ["E1"] if okafor else ["E2"],
            "recipient": ["E2"] if okafor else [],
            "cameo": "190",
        }
    )
    return analysis.model_copy(update={"entities": entities, "events": [event]})


def test_a_victim_taken_for_the_doer_of_an_act_of_force_joins_the_telling_naming_the_doer(
    tmp_path: Path,
) -> None:
    from dateline.store.event_identity import participant_keys, victim_as_doer

    for n, order in enumerate(permutations(SHOOTING)):
        path = tmp_path / f"shooting{n}.duckdb"
        store(path, [shooting_report(p) for p in order], batch_size=1)
        assert groupings(path) == {frozenset(SHOOTING)}, order
    # Blocking (Spark) finds the pair: the one-sided telling's doer is the other's target.
    passive = telling(type="ASSAULT", actors=frozenset({"bello"}), recipients=frozenset())
    active = telling(article_id="b", type="ASSAULT", actors=frozenset({"okafor"}),
                     recipients=frozenset({"bello"}))  # fmt: skip
    assert victim_as_doer(passive, active) and victim_as_doer(active, passive)
    assert participant_keys(passive)[0] & participant_keys(active)[1]
    # Not for words: "Bello accused" and "Okafor accused Bello" are two accusations.
    assert not victim_as_doer(
        telling(actors=frozenset({"bello"}), recipients=frozenset()),
        telling(article_id="b", actors=frozenset({"okafor"}), recipients=frozenset({"bello"})),
    )
    # Nor when the one-sided doer is not the other's target, or both name a target.
    assert not victim_as_doer(
        telling(type="ASSAULT", actors=frozenset({"musa"}), recipients=frozenset()), active
    )
    assert not victim_as_doer(
        telling(type="ASSAULT", actors=frozenset({"bello"}), recipients=frozenset({"x"})), active
    )


def test_the_writers_event_index_attaches_every_telling_as_a_scan_of_all_events_would() -> None:
    """``KnownEvents`` judges a telling only against the events it could tell (same match key
    and story, or a shared participant); over many tellings of overlapping people, types,
    stories and dates the events and merges come out as ``attach_telling`` over every event."""
    import random
    from datetime import date, timedelta

    from dateline.store.writer import (
        EventRef,
        KnownEvents,
        attach_canonical,
        telling_rank,
        tells_event,
    )

    rng = random.Random(20261203)
    people = [f"person-{n}" for n in range(6)]
    # Triggers of lasting activities (investigations: compared either way) and acts of force
    # (a victim taken for the doer) beside plain ones.
    kinds = [("ACCUSE", "accused"), ("INVESTIGATE", "investigation"), ("ASSAULT", "attack"),
             ("INVESTIGATE", "probe"), ("CONSULT", "met")]  # fmt: skip
    plans = []
    for n in range(160):
        kind, trigger = rng.choice(kinds)
        actors = frozenset(rng.sample(people, rng.choice((0, 1, 1, 2))))
        recipients = frozenset(rng.sample(people, rng.choice((0, 1, 1))))
        around = frozenset(f"entity:{p}" for p in rng.sample(people, rng.choice((0, 1, 2))))
        day = date(2024, 5, 1) + timedelta(days=rng.randrange(6))
        story = f"story-{rng.randrange(5)}"
        told = Telling(
            article_id=f"article-{n // 2}", local_id=f"V{n}", story_id=story, type=kind,
            status=rng.choice(("occurred", "occurred", "ongoing", "planned")), actors=actors,
            recipients=recipients, date=day.isoformat() if rng.random() < 0.6 else None,
            place=rng.choice((None, None, "lagos", "kano")),
            terms=around | {rng.choice(("contract", "rail", "stadium", "election"))},
            published=day.isoformat(), date_precision=rng.choice(("day", "day", "before")),
            trigger=trigger,
        )  # fmt: skip
        key = f"{kind}|{sorted(actors)}|{sorted(recipients)}"
        plans.append((key, story, day if told.date else None, told))

    def run(indexed: bool) -> list[tuple[int, list[int], str]]:
        known: dict[int, tuple[EventRef, list[Telling]]] = {}
        index = KnownEvents(known)
        outcomes = []
        for n, (key, story, day, told) in enumerate(plans):
            own = EventRef(0, key, day, story, telling_rank(told, (n % 7) / 7, told.published))

            def tells(ref: EventRef, tellings) -> bool:  # type: ignore[no-untyped-def]
                return tells_event(ref, tellings, key, story, day, told)  # noqa: B023

            def start() -> EventRef:
                return replace(own, event_id=len(outcomes) + 1)  # noqa: B023

            if indexed:
                ref, absorbed, _ = index.attach(own, told, tells, start)
            else:
                ref, absorbed, _ = attach_canonical(known, told, own, tells, start)
            outcomes.append((ref.event_id, absorbed, ref.match_key))
        return outcomes

    scanned, indexed = run(False), run(True)
    assert indexed == scanned
    # The tellings do merge and bridge events, or the comparison would prove little.
    assert len({event for event, _, _ in scanned}) < 0.75 * len(plans)
    assert any(absorbed for _, absorbed, _ in scanned)


def _words_with(shared: list[str], own: str, total: int) -> frozenset[str]:
    """Context terms: the ``shared`` words and ``own``-prefixed words up to ``total``."""
    return frozenset(shared + [f"{own}{n}" for n in range(total - len(shared))])


def test_a_word_of_two_senses_counts_only_the_sense_it_was_coded_with() -> None:
    from dataclasses import replace

    from dateline.store.event_identity import triggers_alike

    # "questioned the health of Bello" is criticism (CAMEO 111), though "question" may name an
    # investigation (090) as "inquiry" does; the two contexts share two words in ten.
    shared = ["rail", "contract"]
    inquiry = telling(trigger="inquiry", cameo="090", date=None, published="2024-05-16",
                      terms=_words_with(shared, "a", 10))  # fmt: skip
    doubted = telling(article_id="b", story_id="b", trigger="questioned", cameo="111",
                      date="2024-05-14", terms=_words_with(shared, "b", 10))  # fmt: skip
    assert not triggers_alike(inquiry, doubted)
    assert not same_event(inquiry, doubted)
    interrogated = replace(doubted, cameo="090")
    assert triggers_alike(inquiry, interrogated) and same_event(inquiry, interrogated)
    # Without a code (an older store), every sense of the word counts.
    assert triggers_alike(inquiry, replace(doubted, cameo=None))


def test_undated_background_investigations_need_the_evidence_of_a_one_off_act() -> None:
    # Two outlets mention "the investigation of Bello" as background, three weeks apart; the
    # contexts share three words in twenty. Each may be an earlier or a later probe.
    shared = ["rail", "contract", "audit"]
    earlier = telling(trigger="investigation", cameo="090", date=None, published="2024-05-20",
                      date_precision="before", terms=_words_with(shared, "a", 20))  # fmt: skip
    later = telling(article_id="b", story_id="b", trigger="probe", cameo="090", date=None,
                    published="2024-06-10", date_precision="before",
                    terms=_words_with(shared, "b", 20))  # fmt: skip
    assert not same_event(earlier, later)
    # The news of the day (a probe told as current) with the same evidence is the same probe.
    current = telling(article_id="b", story_id="b", trigger="probe", cameo="090", date=None,
                      published="2024-05-21", terms=later.terms)  # fmt: skip
    assert same_event(earlier, current)


def test_a_background_review_naming_nobody_bridges_no_two_probes_in_any_order() -> None:
    # X's review, told as background with no target but Mensah named beside it; X's earlier
    # inquiry into Bello, also background, a month before; X's current probe of Mensah. The
    # review's context shares a quarter of its words with each; Bello and Mensah are two
    # targets.
    shared = ["rail", "contract", "audit", "kano", "costs"]
    review = telling(trigger="reviewing", cameo="090", recipients=frozenset(), date=None,
                     published="2024-06-10", date_precision="before",
                     terms=_words_with([*shared, "entity:mensah"], "a", 20))  # fmt: skip
    of_bello = telling(article_id="b", story_id="b", trigger="investigated", cameo="090",
                       date=None, published="2024-05-11", date_precision="before",
                       terms=_words_with(shared, "b", 20))  # fmt: skip
    of_mensah = telling(article_id="c", story_id="c", trigger="probe", cameo="090",
                        recipients=frozenset({"mensah"}), date=None, published="2024-06-11",
                        terms=_words_with(shared, "c", 20))  # fmt: skip
    assert not same_event(of_bello, of_mensah)
    # Two undated background mentions by a word of one sense are no evidence of one probe...
    assert not same_event(review, of_bello)
    # ...while the probe in the news the next day is the review's.
    assert same_event(review, of_mensah)
    for order in permutations([review, of_bello, of_mensah]):
        labels = dict(zip((t.article_id for t in order), cluster(list(order)), strict=True))
        assert labels["a"] == labels["c"] != labels["b"], order


def test_each_stored_telling_keeps_the_code_its_senses_are_read_by(tmp_path: Path) -> None:
    # A stored telling must be judged as it was when fresh: its CAMEO code goes with it.
    path = tmp_path / "codes.duckdb"
    store(path, [report(p) for p in REPORTS])
    con = open_store(str(path), read_only=True)
    codes = con.execute("SELECT DISTINCT cameo FROM event_mentions").fetchall()
    con.close()
    assert codes == [("112",)]


# One state's accusation told by outlets naming each state in their own way (the government,
# the capital, a ministry; the country, its capital), and the same accusation made by the
# country's opposition the same day: another party.
STATE_ACCUSATION = {
    "Daily Nation": (
        "The Kenyan government on Tuesday accused Uganda of moving troops across the border "
        "near Busia and summoned the Ugandan envoy.",
        ("Kenyan government", "GROUP", "KEN", "GOV"),
        ("Uganda", "LOCATION", "UGA", None),
    ),
    "East African": (
        "Nairobi accused Kampala on Tuesday of sending troops across the Busia border and "
        "summoned Uganda's envoy to explain the incursion.",
        ("Nairobi", "LOCATION", "KEN", None),
        ("Kampala", "LOCATION", "UGA", None),
    ),
    "Wire Africa": (
        "Kenya's Foreign Ministry accused Uganda on May 14 of moving troops over the border at "
        "Busia, and summoned the Ugandan envoy.",
        ("Foreign Ministry", "ORG", "KEN", "GOV"),
        ("Uganda", "LOCATION", "UGA", None),
    ),
    "Opposition Herald": (
        "Kenya's opposition on Tuesday accused Uganda of moving troops across the border near "
        "Busia and asked that the Ugandan envoy be summoned.",
        ("opposition", "GROUP", "KEN", "OPP"),
        ("Uganda", "LOCATION", "UGA", None),
    ),
}

PartySpec = tuple[str, str, str | None, str | None]  # name, entity type, country, sector


def state_report(publisher: str, actor: PartySpec | None = None) -> Analysis:
    """An outlet's report of the accusation, its parties coded as the entities stage codes
    them (``actor`` replaces the report's own)."""
    body, own_actor, recipient = STATE_ACCUSATION[publisher]
    return accusation_report(publisher, body, [actor or own_actor, recipient], salt=str(actor))


def accusation_report(
    publisher: str,
    body: str,
    parties: list[PartySpec],
    published: str = "2024-05-14",
    salt: str = "",
) -> Analysis:
    """One outlet's report whose "accused" is an accusation by the first party of the second,
    dated the day of ``published``; the other parties are named elsewhere in ``body``. Its
    article id comes from ``body`` and ``salt``."""
    entities = []
    for n, (name, kind, country, sector) in enumerate(parties, start=1):
        start = body.find(name)
        entities.append(
            Entity(id=f"E{n}", name=name, type=kind, country=country, sector=sector,  # type: ignore[arg-type]
                   mentions=[Span(start=start, end=start + len(name), text=name)])
        )  # fmt: skip
    start = body.find("accused")
    event = Event(id="V1", type="ACCUSE", actor=["E1"], recipient=["E2"], trigger="accused",
                  sentence=body, start=start, end=start + 7, cameo="112", date="2024-05-14",
                  date_source="clause", date_precision="day")  # fmt: skip
    digest = hashlib.sha1((body + salt).encode()).hexdigest()[:16]
    article = Article(id=digest, source=f"{publisher}.txt", publisher=publisher,
                      published=f"{published}T12:00:00+00:00", text=body, paragraphs=[body])  # fmt: skip
    return Analysis(article=article, entities=entities, events=[event])


def test_a_state_named_by_its_government_capital_or_ministry_is_one_party_in_any_order(
    tmp_path: Path,
) -> None:
    government = frozenset({"Daily Nation", "East African", "Wire Africa"})
    for n, order in enumerate(permutations(STATE_ACCUSATION)):
        if n % 4:  # a spread of the 24 orders keeps the test fast
            continue
        path = tmp_path / f"state{n}.duckdb"
        store(path, [state_report(p) for p in order], batch_size=1 + n % 2)
        # The opposition's accusation is not the government's.
        assert groupings(path) == {government, frozenset({"Opposition Herald"})}, order
    con = open_store(str(path), read_only=True)
    states = con.execute(
        "SELECT DISTINCT actor_states, recipient_states FROM event_mentions ORDER BY 1"
    ).fetchall()
    con.close()
    assert states == [([], ["state:UGA"]), (["state:KEN"], ["state:UGA"])]


def test_two_officials_of_one_government_are_two_parties(tmp_path: Path) -> None:
    # The president and the foreign minister both speak for the government, but an act of
    # one is not an act of the other.
    president = ("Amina Wanjiru", "PERSON", "KEN", "GOV")
    minister = ("Peter Otieno", "PERSON", "KEN", "GOV")
    nation = STATE_ACCUSATION["Daily Nation"][0].replace("The Kenyan government", president[0])
    wire = STATE_ACCUSATION["Wire Africa"][0].replace("Kenya's Foreign Ministry", minister[0])
    reports = []
    for publisher, body, actor in (("Daily Nation", nation, president),
                                   ("Wire Africa", wire, minister)):  # fmt: skip
        analysis = state_report(publisher, actor)
        article = analysis.article.model_copy(update={"text": body, "paragraphs": [body]})
        start = body.find("accused")
        event = analysis.events[0].model_copy(
            update={"sentence": body, "start": start, "end": start + 7}
        )
        entities = [
            e.model_copy(update={"mentions": [Span(start=body.find(e.name),
                                                   end=body.find(e.name) + len(e.name),
                                                   text=e.name)]})
            for e in analysis.entities
        ]  # fmt: skip
        reports.append(
            analysis.model_copy(
                update={"article": article, "events": [event], "entities": entities}
            )
        )
    path = tmp_path / "officials.duckdb"
    store(path, reports, batch_size=1)
    assert len(groupings(path)) == 2


def test_which_entities_act_for_a_state() -> None:
    from dateline.store.event_identity import participant_keys, state_actor

    def entity(name: str, kind: str, country: str | None, sector: str | None = None) -> Entity:
        return Entity(id="E1", name=name, type=kind, country=country, sector=sector)  # type: ignore[arg-type]

    assert state_actor(entity("Kenyan government", "GROUP", "KEN", "GOV")) == "state:KEN"
    assert state_actor(entity("Kenya", "LOCATION", "KEN")) == "state:KEN"
    assert state_actor(entity("the U.S.", "LOCATION", "USA")) == "state:USA"
    assert state_actor(entity("Nairobi", "LOCATION", "KEN")) == "state:KEN"  # the capital
    # Not the state: a person, a nationality, a city that is no capital, the state of
    # Washington, a party without a country, the opposition, the legislature.
    assert state_actor(entity("Amina Wanjiru", "PERSON", "KEN", "GOV")) is None
    assert state_actor(entity("Kenyans", "NORP", "KEN")) is None
    assert state_actor(entity("Kenyans", "GROUP", "KEN")) is None
    assert state_actor(entity("Mombasa", "LOCATION", "KEN")) is None
    assert state_actor(entity("Washington", "LOCATION", "USA"), ["admin1"]) is None
    assert state_actor(entity("Washington", "LOCATION", "USA"), ["city"]) == "state:USA"
    assert state_actor(entity("administration", "GROUP", None, "GOV")) is None
    assert state_actor(entity("opposition", "GROUP", "KEN", "OPP")) is None
    assert state_actor(entity("Parliament", "ORG", "KEN", "LEG")) is None
    # Blocking (Spark, the writer's index) finds a pair that shares only its state.
    by_capital = telling(actors=frozenset({"nairobi"}), actor_states=frozenset({"state:KEN"}))
    by_ministry = telling(article_id="b", actors=frozenset({"ministry"}),
                          actor_states=frozenset({"state:KEN"}))  # fmt: skip
    assert participant_keys(by_capital)[0] & participant_keys(by_ministry)[1]
    assert same_event(by_capital, by_ministry)
    assert not same_event(by_capital, replace(by_ministry, actor_states=frozenset({"state:UGA"})))


def countryless_report(
    publisher: str, body: str, parties: list[PartySpec], published: str = "2024-05-14"
) -> Analysis:
    """An outlet's report of the accusation by a government body the entities stage coded
    without a country (the first party, "the government"); the second party is the accused,
    the others are named elsewhere in the report."""
    return accusation_report(publisher, body, parties, published)


GOVERNMENT_ONLY = (
    "The government on Tuesday accused Uganda of moving troops across the border near Busia, "
    "and President Amina Wanjiru summoned the Ugandan envoy."
)
GOVERNMENT_PARTIES: list[PartySpec] = [
    ("government", "GROUP", None, "GOV"),
    ("Uganda", "LOCATION", "UGA", None),
    ("Amina Wanjiru", "PERSON", "KEN", "GOV"),
]


def test_a_government_body_coded_without_a_country_acts_for_the_one_state_its_article_implies(
    tmp_path: Path,
) -> None:
    from dateline.store.event_identity import state_ids

    # The only government the report names is Kenya's (its president): "the government" is
    # Kenya's, one party with "the Kenyan government" of another outlet, in any order.
    implied = countryless_report("Coast Weekly", GOVERNMENT_ONLY, GOVERNMENT_PARTIES)
    assert state_ids(implied) == {"E1": "state:KEN", "E2": "state:UGA"}
    reports = [state_report("Daily Nation"), implied, state_report("Wire Africa")]
    for n, order in enumerate(permutations(reports)):
        path = tmp_path / f"implied{n}.duckdb"
        store(path, list(order), batch_size=1 + n % 2)
        assert groupings(path) == {frozenset({"Daily Nation", "Coast Weekly", "Wire Africa"})}

    # "The administration" beside "the Wanjiru administration" is that administration, even
    # where a Ugandan minister is named too; "the government" beside the governments of two
    # countries is neither.
    administration = (
        "The administration on Tuesday accused Uganda of moving troops near Busia; the Wanjiru "
        "administration had warned Kampala, and Ugandan minister Joseph Okello denied it."
    )
    two_states = countryless_report("Lake Post", administration, [
        ("administration", "GROUP", None, "GOV"),
        ("Uganda", "LOCATION", "UGA", None),
        ("Wanjiru administration", "GROUP", "KEN", "GOV"),
        ("Joseph Okello", "PERSON", "UGA", "GOV"),
    ])  # fmt: skip
    assert state_ids(two_states)["E1"] == "state:KEN"
    ambiguous = countryless_report(
        "Border Times",
        GOVERNMENT_ONLY + " Ugandan minister Joseph Okello denied it.",
        [*GOVERNMENT_PARTIES, ("Joseph Okello", "PERSON", "UGA", "GOV")],
    )
    assert "E1" not in state_ids(ambiguous)
    path = tmp_path / "ambiguous.duckdb"
    store(path, [state_report("Daily Nation"), ambiguous], batch_size=1)
    assert len(groupings(path)) == 2
    # Unnamed members, a bare plural or an indefinite, may be any government's: no state.
    for members in ("Officials", "A spokesman"):
        body = GOVERNMENT_ONLY.replace("The government", members)
        parties = [(members, "GROUP", None, "GOV"), *GOVERNMENT_PARTIES[1:]]
        assert "E1" not in state_ids(countryless_report("Coast Weekly", body, parties))
    # Only a government body: the opposition keeps no implied state.
    opposition_body = GOVERNMENT_ONLY.replace("The government", "The opposition")
    opposition = countryless_report("Coast Weekly", opposition_body, [
        ("opposition", "GROUP", None, "OPP"), *GOVERNMENT_PARTIES[1:]
    ])  # fmt: skip
    assert "E1" not in state_ids(opposition)


def test_the_first_test_two_tellings_fail_names_why_they_are_apart() -> None:
    from dateline.store.event_identity import disagreement

    a = telling()
    other = dict(article_id="b", story_id="b")
    assert disagreement(a, telling(**other)) is None
    assert disagreement(a, telling(**other, type="ASSAULT", status="negated")) == "type"
    assert disagreement(a, telling(**other, status="negated")) == "status"
    assert disagreement(a, telling(**other, recipients=frozenset({"x"}))) == "parties"
    assert disagreement(telling(place="geonames:1"), telling(**other, place="geonames:2")) == (
        "place"
    )
    assert disagreement(a, telling(**other, date="2024-05-17")) == "dates"
    assert disagreement(a, telling(**other, terms=frozenset({"football"}))) == "story"
    # A quarter of the terms shared: enough with two stated dates, not with an undated one.
    some = frozenset({"rail", "football", "stadium", "ghana"})
    assert disagreement(a, telling(**other, terms=some)) is None
    assert disagreement(a, telling(**other, terms=some, date=None, published="2024-05-14")) == (
        "story"
    )


def story_dated_report(publisher: str, story_date: str | None, published: str) -> Analysis:
    """``report`` whose accusation has no date of its own (``date_precision`` "before"), told
    in the story of ``story_date`` (None: undated background)."""
    analysis = report(publisher, published=published)
    event = analysis.events[0].model_copy(
        update={"date": None, "date_source": "publication", "date_precision": "before",
                "date_is_fallback": False, "story_date": story_date}
    )  # fmt: skip
    return analysis.model_copy(update={"events": [event]})


def test_an_undated_act_told_in_one_days_story_is_compared_by_that_day(tmp_path: Path) -> None:
    from dateline.store.event_identity import telling as telling_of

    told = story_dated_report("Abuja Times", "2024-05-14", "2024-05-16")
    background = story_dated_report("Abuja Times", None, "2024-05-16")
    as_told = telling_of(told, told.events[0], {}, "s", None)
    assert (as_told.date, as_told.date_precision) == ("2024-05-14", None)
    as_background = telling_of(background, background.events[0], {}, "s", None)
    assert (as_background.date, as_background.date_precision) == (None, "before")
    # Told a week later in another day's story: not the act stated on May 14 (background,
    # reaching a month back, would have met it).
    later = story_dated_report("Abuja Times", "2024-05-21", "2024-05-22")
    dated = telling_of(report("Lagos Daily"), report("Lagos Daily").events[0], {}, "l", None)
    assert date_agreement(dated, as_told) == "stated"
    assert date_agreement(dated, telling_of(later, later.events[0], {}, "s", None)) == "no"
    assert date_agreement(dated, as_background) == "weak"
    # Through the store, in any order: the two tellings of May 14's story are one event, the
    # football row told in the same day's story another.
    reports = {
        "Lagos Daily": report("Lagos Daily"),
        "Abuja Times": told,
        "Sports Desk": story_dated_report("Sports Desk", "2024-05-14", "2024-05-15"),
    }
    for n, order in enumerate(permutations(reports)):
        path = tmp_path / f"story{n}.duckdb"
        store(path, [reports[p] for p in order], batch_size=1 + n % 2)
        assert groupings(path) == {
            frozenset({"Lagos Daily", "Abuja Times"}),
            frozenset({"Sports Desk"}),
        }, order


# A wire story and its update the next day: the paragraph telling the dock workers' rejection
# is retold almost word for word, the rest of each article is new. Coreference named the
# doers "Dock workers" in the first and "Mombasa dockers" in the update (where "Dock workers"
# is one of its forms): two corpus entities for one party.
PASSAGE = (
    "Dock workers in Mombasa rejected the new shift rota of the Kenya Ports Authority on "
    "Sunday, saying it would cut their overtime pay. Shipping lines warned of delays to cargo "
    "bound for Uganda and Rwanda. "
)
RETOLD = {
    "Coast Wire": (
        "Cranes stood idle at the container terminal for a third day. "
        + PASSAGE
        + "Talks are due to resume at the labour ministry on Thursday.",
        "2024-06-03",
    ),
    "Coast Wire update": (
        "Port managers said about forty ships were waiting at anchor by Monday evening. "
        + PASSAGE
        + "Mombasa dockers have struck twice this year over pay.",
        "2024-06-04",
    ),
}
# name, entity type, other forms (``Entity.aliases``)
DOCKERS = {
    "workers": ("Dock workers", "GROUP", ["Dock workers"]),
    "dockers": ("Mombasa dockers", "GROUP", ["Mombasa dockers", "Dock workers"]),
    "union": ("Dock Workers Union", "ORG", ["Dock Workers Union"]),
    "kpa": ("Kenya Ports Authority", "ORG", ["Kenya Ports Authority"]),
}


def retold_report(publisher: str, actor: str) -> Analysis:
    """One article of ``RETOLD``, its rejection's doer the entity ``actor`` of ``DOCKERS``
    (named at "Dock workers"), the Kenya Ports Authority named too."""
    body, day = RETOLD[publisher]
    entities = []
    for n, key in enumerate((actor, "kpa"), start=1):
        name, kind, aliases = DOCKERS[key]
        at = body.find("Dock workers") if n == 1 else body.find(name)
        entities.append(
            Entity(id=f"E{n}", name=name, type=kind, country="KEN", aliases=aliases,  # type: ignore[arg-type]
                   mentions=[Span(start=at, end=at + 12, text=body[at : at + 12])])
        )  # fmt: skip
    start = body.find("rejected")
    event = Event(id="V1", type="REJECT", actor=["E1"], recipient=[], trigger="rejected",
                  sentence=PASSAGE.split(". ")[0], start=start, end=start + 8,
                  date="2024-06-02", date_source="clause", date_precision="day", cameo="120")  # fmt: skip
    digest = hashlib.sha1(body.encode()).hexdigest()[:16]
    article = Article(id=digest, source=f"{publisher}.txt", publisher=publisher,
                      published=f"{day}T09:00:00+00:00", text=body, paragraphs=[body])  # fmt: skip
    return Analysis(article=article, entities=entities, events=[event])


def test_one_passage_retold_is_one_event_when_both_name_its_doer_alike(tmp_path: Path) -> None:
    from dateline.store.event_identity import participant_keys, same_passage
    from dateline.store.event_identity import telling as telling_of
    from dateline.store.merge import entity_ids

    first = retold_report("Coast Wire", "workers")
    update = retold_report("Coast Wire update", "dockers")
    a = telling_of(first, first.events[0], entity_ids(first), "a", None)
    b = telling_of(update, update.events[0], entity_ids(update), "b", None)
    assert not a.actors & b.actors and a.actor_names & b.actor_names == {"dock workers"}
    assert same_passage(a, b) and same_event(a, b)
    # Blocking (the writer's index, Spark) finds the pair: the word and a name in both.
    assert participant_keys(a)[0] & participant_keys(b)[1]
    for n, order in enumerate(permutations([first, update])):
        path = tmp_path / f"retold{n}.duckdb"
        store(path, list(order), batch_size=1)
        assert groupings(path) == {frozenset(RETOLD)}, n
    # The union named as the doer in the same passage: another party, not the workers.
    union = retold_report("Coast Wire update", "union")
    assert not same_event(a, telling_of(union, union.events[0], entity_ids(union), "b", None))
    # Another word for the act, roles swapped, or less than half the passage shared: apart.
    assert not same_passage(a, replace(b, trigger="refused"))
    assert not same_passage(a, replace(b, recipients=a.actors, recipient_names=a.actor_names))
    third = {t for t in b.terms if t.startswith("entity:")} | set(sorted(b.terms)[:4])
    other = third | {f"word{n}" for n in range(len(b.terms) - len(third))}
    assert not same_passage(a, replace(b, terms=frozenset(other)))


def test_a_passage_retold_as_planned_in_one_article_and_done_in_the_next_is_one_event(
    tmp_path: Path,
) -> None:
    """A wire update repeats "dock workers rejected the rota", but one article's frame read it
    as planned: the same word in one passage is one act whatever status each reading gave it;
    a denial, another word, or a passage not retold stay apart."""
    from dateline.store.event_identity import disagreement
    from dateline.store.event_identity import telling as telling_of
    from dateline.store.merge import entity_ids

    first = retold_report("Coast Wire", "workers")
    planned = first.events[0].model_copy(update={"status": "future"})
    first = first.model_copy(update={"events": [planned]})
    update = retold_report("Coast Wire update", "workers")
    a = telling_of(first, first.events[0], entity_ids(first), "a", None)
    b = telling_of(update, update.events[0], entity_ids(update), "b", None)
    assert (a.status, b.status) == ("future", "occurred") and same_event(a, b)
    for n, order in enumerate(permutations([first, update])):
        path = tmp_path / f"planned{n}.duckdb"
        store(path, list(order), batch_size=1)
        assert groupings(path) == {frozenset(RETOLD)}, n
        # The corpus event is as real as its most real telling, whichever arrived first.
        con = open_store(str(path), read_only=True)
        assert con.execute("SELECT status FROM events").fetchall() == [("occurred",)], n
        con.close()
    assert disagreement(a, replace(b, status="negated")) == "status"
    assert disagreement(a, replace(b, trigger="refused")) == "status"
    third = {t for t in b.terms if t.startswith("entity:")} | set(sorted(b.terms)[:4])
    other = third | {f"word{n}" for n in range(len(b.terms) - len(third))}
    assert disagreement(a, replace(b, terms=frozenset(other))) == "status"


def test_a_shared_name_is_no_party_outside_one_passage() -> None:
    """Two stories' "the relatives" may be anyone's: a name in common joins parties only in
    one passage retold."""
    from dateline.store.event_identity import participants_compatible

    story = frozenset({"entity:court", "custody", "ruling", "appeal", "judge", "miami"})
    a = telling(trigger="rejected", actors=frozenset({"r1"}), recipients=frozenset(),
                actor_names=frozenset({"the relatives"}), terms=story)  # fmt: skip
    b = replace(a, article_id="b", story_id="b", actors=frozenset({"r2"}))
    assert participants_compatible(a, b)
    other = frozenset({"entity:court", "estate", "will", "inheritance", "lawyer", "farm"})
    assert not participants_compatible(a, replace(b, terms=other))
    assert not participants_compatible(a, replace(b, actor_names=frozenset({"the neighbours"})))


def test_a_public_body_described_by_one_outlet_and_named_by_another_is_one_party() -> None:
    """ "Transport authorities ruled Tuesday" and "the Transport Safety Board ruled Tuesday":
    one body, named at two levels (two corpus entities); only for the act told by the same
    word on one stated day, and never for a description saying only where the body sits."""
    from dateline.store.event_identity import described_body, participant_keys

    story = frozenset({"entity:ferry", "crash", "licence", "operator", "inquiry", "harbour"})
    a = telling(type="COERCE", trigger="ruled", actors=frozenset({"d1"}), recipients=frozenset(),
                actor_names=frozenset({"transport authorities"}), terms=story)  # fmt: skip
    b = replace(a, article_id="b", story_id="b", actors=frozenset({"tsb"}),
                actor_names=frozenset({"transport safety board", "tsb"}))  # fmt: skip
    assert described_body(a, b) and described_body(b, a) and same_event(a, b)
    # Blocking (the writer's index, Spark) finds the pair: the word and "transport" in both.
    assert participant_keys(a)[0] & participant_keys(b)[1]
    # Another word for the act, another day, or an undated side: apart.
    assert not described_body(a, replace(b, trigger="fined"))
    assert not described_body(a, replace(b, date="2024-05-20"))
    assert not described_body(a, replace(b, date=None, published="2024-05-15"))
    # "State officials" say where a body sits, not which: not the State Safety Board.
    state = replace(a, actor_names=frozenset({"state officials"}))
    assert not described_body(state, replace(b, actor_names=frozenset({"state safety board"})))
    # A named body whose name lacks the description's word is another body.
    assert not described_body(a, replace(b, actor_names=frozenset({"harbour police"})))


def test_a_phrasal_verb_stored_by_its_verb_keeps_its_coded_sense() -> None:
    from dateline.events.lexicon import phrasal_senses
    from dateline.store.event_identity import triggers_alike

    # "step" is listed only as "step down": coded 0831, it is a resignation.
    assert phrasal_senses("stepped") == phrasal_senses("step") == frozenset({"0831"})
    stepped = telling(type="CONCEDE", trigger="step", cameo="0831")
    resigned = telling(type="CONCEDE", trigger="resignation", cameo="0831", article_id="b")
    assert triggers_alike(stepped, resigned)
    assert not triggers_alike(telling(trigger="step", cameo="111"), resigned)
    # "call" alone names no act: its particle ("call for", "call out") is not in the trigger.
    assert phrasal_senses("called") == frozenset()
    appeal = telling(type="REQUEST", trigger="appeal", cameo="020", article_id="b")
    assert not triggers_alike(telling(type="REQUEST", trigger="called", cameo="020"), appeal)


def test_context_terms_read_the_events_sentence_and_one_either_side() -> None:
    body = (
        "Harbour workers in Valdora walked out on Monday. "
        "Union leader Tomas Reyes accused the port authority of cutting wages.\n\n"
        "Cargo ships queued outside the breakwater. "
        "Fishermen sold their catch at the old pier instead."
    )
    reyes = Entity(id="E1", name="Tomas Reyes", type="PERSON",
                   mentions=[Span(start=body.find("Tomas"), end=body.find(" accused"),
                                  text="Tomas Reyes")])  # fmt: skip
    article = Article(id="valdora", source="valdora.txt", text=body, paragraphs=[body])

    def terms_at(word: str) -> frozenset[str]:
        start = body.find(word)
        event = Event(id="V1", type="ACCUSE", actor=["E1"], trigger=word, sentence="",
                      start=start, end=start + len(word), cameo="112")  # fmt: skip
        analysis = Analysis(article=article, entities=[reyes], events=[event])
        return context_terms(analysis, event, {})

    # The second sentence: the first and third around it, not the fourth; no participant.
    middle = terms_at("accused")
    assert {"harbour", "walked", "cargo", "ship", "wage", "port"} <= middle
    assert not {"fishermen", "pier", "accused", "tomas", "reyes"} & middle
    # The first and the last sentence have a neighbour on one side only.
    assert "union" in terms_at("walked") and "cargo" not in terms_at("walked")
    assert {"fishermen", "cargo"} <= terms_at("sold") and "wage" not in terms_at("sold")


def test_an_act_named_alike_on_one_stated_day_asks_less_shared_context() -> None:
    # "Musa Bello resigned as party chairman in May" and "Bello was forced to step down as
    # chairman in May": one resignation, each outlet around it with its own angle (the
    # successor, the scandal); three context terms in twenty shared (0.15).
    shared = ["chairman", "party", "scandal"]
    resigned = telling(type="CONCEDE", actors=frozenset({"bello"}), recipients=frozenset(),
                       trigger="resigned", cameo="0831", date="2024-05",
                       terms=_words_with(shared, "a", 20))  # fmt: skip
    stepped = telling(article_id="b", story_id="b", type="CONCEDE",
                      actors=frozenset({"bello"}), recipients=frozenset(), trigger="step",
                      cameo="0831", date="2024-05", terms=_words_with(shared, "b", 20))  # fmt: skip
    assert same_event(resigned, stepped)
    # Named in words of two senses (a resignation; a release of detainees, also a concession)
    # the same share is not enough.
    released = replace(stepped, trigger="released", cameo="0841")
    assert not same_event(resigned, released)
    # Nor when the act is named alike but the contexts share one word in twenty (0.05).
    assert not same_event(resigned, replace(stepped, terms=_words_with(["party"], "b", 20)))
    # Weak dates still ask what they asked: the undated retelling needs a fifth (0.2).
    undated = replace(stepped, date=None, published="2024-05-31")
    assert not same_event(resigned, undated)


def test_every_test_two_tellings_fail_is_listed_the_first_as_disagreement_names_it() -> None:
    from dateline.store.event_identity import disagreement, disagreements

    a = telling()
    other = dict(article_id="b", story_id="b")
    assert disagreements(a, telling(**other)) == []
    apart = telling(**other, type="ASSAULT", recipients=frozenset({"x"}), date="2024-06-20",
                    terms=frozenset({"football"}))  # fmt: skip
    assert disagreements(a, apart) == ["type", "parties", "dates", "story"]
    assert disagreement(a, apart) == "type"
    # Dates that disagree are read as weak for the story test: a quarter of the terms shared
    # passes with stated dates, not with weak ones.
    some = frozenset({"rail", "football", "stadium", "ghana"})
    assert disagreements(a, telling(**other, terms=some, date="2024-05-20")) == [
        "dates",
        "story",
    ]


def test_a_probe_naming_no_target_joins_one_of_a_target_only_when_it_names_the_target_nearby(
) -> None:  # fmt: skip
    # "The bureau is reviewing more emails" (no target) and, two days later, "an F.B.I.
    # investigation into Kerr's business dealings": the same doer, a word of one sense, a
    # sixth of the context shared. The word alike says what kind of act, not whose.
    shared = ["bureau", "agency", "email"]
    review = telling(trigger="reviewing", cameo="090", actors=frozenset({"fbi"}),
                     recipients=frozenset(), date=None, published="2024-10-31",
                     terms=_words_with(shared, "a", 18))  # fmt: skip
    of_kerr = telling(article_id="b", story_id="b", trigger="investigation", cameo="090",
                      actors=frozenset({"fbi"}), recipients=frozenset({"kerr"}), date=None,
                      published="2024-11-01", terms=_words_with(shared, "b", 18))  # fmt: skip
    assert disagreement(review, of_kerr) == "story"
    # Told beside the target's name, the review is that probe's at the same share.
    beside = replace(review, terms=_words_with([*shared, "entity:kerr"], "a", 18))
    assert same_event(beside, of_kerr)
    # Both naming no target, or both the same one, are compared as before.
    assert same_event(review, replace(of_kerr, recipients=frozenset()))


def test_background_lasting_activity_reaches_a_month_back_not_a_month_and_two_weeks() -> None:
    # "The FBI email probe" in the news of 23 September, and in a paper of 2 November,
    # "since Friday's announcement that the agency is reviewing new evidence" (undated
    # background, ongoing): a month back from 2 November is 2 October, so the two probes are
    # not one by their dates; a lasting activity's two weeks are for a day an outlet states.
    shared = ["email", "clinton", "server", "immunity"]
    september = telling(trigger="probe", cameo="090", actors=frozenset({"fbi"}),
                        recipients=frozenset(), date="2024-09-23",
                        terms=_words_with(shared, "a", 20))  # fmt: skip
    november = telling(article_id="b", story_id="b", trigger="reviewing", cameo="090",
                       status="ongoing", actors=frozenset({"fbi"}), recipients=frozenset(),
                       date=None, published="2024-11-02", date_precision="before",
                       terms=_words_with(shared, "b", 20))  # fmt: skip
    assert disagreement(september, november) == "dates"
    # Stated on 2 October, the review reaches back to the probe told in mid-September.
    stated = replace(november, date="2024-10-02", date_precision="day")
    assert disagreement(replace(september, date="2024-09-20"), stated) is None


def test_groups_named_by_kinship_with_one_person_are_one_party() -> None:
    """ "The girl's relatives refused on Monday to hand her over" and "the Lisbon family
    refused to hand the girl to her mother": one family, two corpus entities; joined for the
    act told by the same word when a word anchoring the groups (whose, where) is shared."""
    from dateline.store.event_identity import participant_keys, same_kin_group

    story = frozenset({"entity:lisbon", "custody", "mother", "court", "hand", "deadline"})
    a = telling(type="REJECT", trigger="refused", actors=frozenset({"k1"}), recipients=frozenset(),
                actor_names=frozenset({"the girl's relatives", "the lisbon relatives"}),
                date=None, published="2031-06-02", terms=story)  # fmt: skip
    b = replace(a, article_id="b", story_id="b", actors=frozenset({"k2"}),
                actor_names=frozenset({"the family", "the lisbon family"}))  # fmt: skip
    assert same_kin_group(a, b) and same_kin_group(b, a) and same_event(a, b)
    # Blocking (the writer's index, Spark) finds the pair: the word and "lisbon" in both.
    assert participant_keys(a)[0] & participant_keys(b)[1]
    # Another word for the act: apart.
    assert not same_kin_group(a, replace(b, trigger="appealed"))
    # A bare "the family" anchors nothing: two stories' families are anyone's.
    bare = replace(b, actor_names=frozenset({"the family", "family"}))
    assert not same_kin_group(a, bare) and disagreement(a, bare) == "parties"
    # Groups anchored on other people or places, and a named body, stay apart.
    assert not same_kin_group(a, replace(b, actor_names=frozenset({"the porto family"})))
    assert not same_kin_group(a, replace(b, actor_names=frozenset({"lisbon city council"})))


def test_one_state_invading_another_told_in_background_is_one_event() -> None:
    """ "Since Iraq's invasion of Kuwait on Aug. 2, ..." told in one day's lead and in the
    next day's background among other words: one invasion, whatever the words around it."""
    from dateline.store.event_identity import same_occupation

    a = telling(type="ASSAULT", cameo="192", trigger="invasion", actors=frozenset({"irq"}),
                recipients=frozenset({"kwt"}), actor_states=frozenset({"state:IRQ"}),
                recipient_states=frozenset({"state:KWT"}), date="1990-08-15",
                date_precision="day", terms=frozenset({"embargo", "oil", "tanker", "port"}))  # fmt: skip
    b = replace(a, article_id="b", story_id="b", date=None, date_precision="before",
                published="1990-08-16", terms=frozenset({"king", "amman", "talk", "hostage"}))  # fmt: skip
    assert same_occupation(a, b) and same_event(a, b)
    # Other acts of force on the same state ask for the words as before.
    strike = replace(b, cameo="195", trigger="strike")
    assert not same_occupation(replace(a, cameo="195", trigger="strike"), strike)
    assert disagreement(replace(a, cameo="195", trigger="strike"), strike) == "story"
    # A threatened invasion, or two undated background tellings, still need the words.
    assert not same_occupation(replace(a, status="future"), replace(b, status="future"))
    assert not same_occupation(replace(a, date=None, date_precision="before"), b)
    # An invasion naming no invaded state says nothing of which one.
    assert not same_occupation(a, replace(b, recipients=frozenset(), recipient_states=frozenset()))


def test_a_recipient_named_only_as_someone_unidentified_may_be_the_named_one() -> None:
    """ "Federal agents arrested Tomas Varga at the airport early Thursday" and "agents
    arrested a Slovak man, the local paper reported": the man the second outlet does not
    identify may be Varga; "another man" says he is not."""
    story = frozenset({"entity:airport", "extradition", "accomplice", "warrant", "flight"})
    a = telling(type="COERCE", trigger="arrested", actors=frozenset({"fbi"}),
                recipients=frozenset({"varga"}), recipient_names=frozenset({"tomas varga"}),
                date="2031-10-07", terms=story)  # fmt: skip
    b = replace(a, article_id="b", story_id="b", recipients=frozenset({"m1"}),
                recipient_names=frozenset({"a slovak man"}), date="2031-10-08")  # fmt: skip
    assert same_event(a, b) and same_event(b, a)
    another = replace(b, recipient_names=frozenset({"another man", "the man"}))
    assert disagreement(a, another) == "parties"
    # A named recipient on both sides stays a named one.
    named = replace(b, recipient_names=frozenset({"ivan horak"}))
    assert disagreement(a, named) == "parties"
