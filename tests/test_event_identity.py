"""One event told by several outlets: cross-article merging in the corpus database.

Invented reports of one story (a minister accusing a rival over a contract, told by three
outlets in their own words) and of an unrelated story sharing its actor, type and day.
"""

from __future__ import annotations

from itertools import permutations
from pathlib import Path

from dateline.model import Analysis, Article, Entity, Event, Span
from dateline.store.db import open_store
from dateline.store.event_identity import Telling, cluster, dates_agree, same_event
from test_store import store

PEOPLE = {"okafor": ("Ada Okafor", "PERSON", "NGA"), "bello": ("Musa Bello", "PERSON", "NGA")}

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


def report(publisher: str) -> Analysis:
    body, day = REPORTS[publisher]
    entities = []
    for n, key in enumerate(("okafor", "bello"), start=1):
        name, kind, country = PEOPLE[key]
        surname = name.split()[-1]
        start = body.find(name) if name in body else body.find(surname)
        entities.append(
            Entity(id=f"E{n}", name=name, type=kind, country=country,  # type: ignore[arg-type]
                   mentions=[Span(start=start, end=start + len(name), text=name)])
        )  # fmt: skip
    start = body.find("accused")
    event = Event(id="V1", type="ACCUSE", actor=["E1"], recipient=["E2"], date=day,
                  date_source="clause", date_precision="day", trigger="accused",
                  sentence=body, start=start, end=start + 7, cameo="112")  # fmt: skip
    article = Article(id=f"{abs(hash(body)) % 10**16:016x}", source=f"{publisher}.txt",
                      publisher=publisher, published=f"{day}T12:00:00+00:00", text=body,
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
