"""A corpus event's row is its best telling's, whatever order the tellings arrive in.

Invented reports of one accusation at a port: a vague first report (a month, no place) and a
precise one (the day, the city), and a story told over three days whose reports only meet
through the middle one.
"""

from __future__ import annotations

import hashlib
from itertools import permutations
from pathlib import Path
from typing import Any

from dateline.model import Analysis, Article, Event, Location, Span
from dateline.store.db import open_store
from dateline.store.event_identity import Telling
from dateline.store.tables import EVENTS
from dateline.store.writer import telling_rank
from test_event_identity import named_in
from test_store import store

PEOPLE = (("Lena Varga", "PERSON", "POL"), ("Tomas Reiter", "PERSON", "POL"))
GDANSK = {"name": "Gdansk", "geonameid": 3099434, "country": "PL", "lat": 54.35, "lon": 18.65,
          "kind": "city"}  # fmt: skip


def port_report(
    publisher: str, body: str, published: str, date: str | None, precision: str | None,
    confidence: float = 0.8,
) -> Analysis:  # fmt: skip
    """One outlet's article telling Varga's accusation of Reiter, dated ``date`` at
    ``precision`` (None: undated, the publication day stands in), placed in Gdansk when the
    body names it."""
    entities = named_in(body, list(PEOPLE))
    locations = []
    if "Gdansk" in body:
        at = body.find("Gdansk")
        locations.append(
            Location(id="L1", mentions=[Span(start=at, end=at + 6, text="Gdansk")], **GDANSK)
        )
    if date is None:
        dating: dict[str, Any] = dict(date=published, date_source="publication",
                                      date_precision="day", date_is_fallback=True)  # fmt: skip
    else:
        dating = dict(date=date, date_source="clause", date_precision=precision)
    start = body.find("accused")
    event = Event(id="V1", type="ACCUSE", actor=["E1"], recipient=["E2"], trigger="accused",
                  sentence=body, start=start, end=start + 7, cameo="112", confidence=confidence,
                  location="L1" if locations else None, **dating)  # fmt: skip
    article = Article(id=hashlib.sha1(body.encode()).hexdigest()[:16], source=f"{publisher}.txt",
                      publisher=publisher, published=f"{published}T09:00:00+00:00", text=body,
                      paragraphs=[body])  # fmt: skip
    return Analysis(article=article, entities=entities, events=[event], locations=locations)


VAGUE = port_report(
    "Harbour Gazette",
    "Port director Lena Varga accused customs chief Tomas Reiter in March of blocking the new "
    "container scanners at the eastern terminal, in a letter to the transport ministry.",
    "2025-03-20", "2025-03", "month", confidence=0.9,
)  # fmt: skip
PRECISE = port_report(
    "Coastline News",
    "Lena Varga on March 12 accused Tomas Reiter of blocking the container scanners at the "
    "eastern terminal in Gdansk, writing to the transport ministry about the delays.",
    "2025-03-13", "2025-03-12", "day", confidence=0.6,
)  # fmt: skip


# Every column but the event's id and the time it was stored.
COMPARED = [name for name in EVENTS.column_names if name not in {"event_id", "date_added"}]


def event_rows(path: Path) -> list[dict[str, Any]]:
    """Every events row (``COMPARED`` columns), by match key."""
    con = open_store(str(path), read_only=True)
    try:
        rows = con.execute(
            f"SELECT {', '.join(COMPARED)} FROM events ORDER BY match_key"
        ).fetchall()
    finally:
        con.close()
    return [dict(zip(COMPARED, row, strict=True)) for row in rows]


def test_the_precise_telling_gives_the_event_its_date_and_place_in_either_order(
    tmp_path: Path,
) -> None:
    found = []
    for n, order in enumerate(permutations([VAGUE, PRECISE])):
        for batch_size in (1, 2):
            path = tmp_path / f"port{n}-{batch_size}.duckdb"
            store(path, list(order), batch_size=batch_size)
            found.append(event_rows(path))
            # Ingesting the same articles again changes nothing.
            store(path, list(order), batch_size=batch_size)
            assert event_rows(path) == found[-1]
    assert all(rows == found[0] for rows in found)
    (event,) = found[0]
    assert event["num_articles"] == 2
    # The day and the city come from the report that states them; the confidence is the
    # surest report's, whichever gave the row.
    assert str(event["date"]) == "2025-03-12"
    assert (event["date_value"], event["date_precision"]) == ("2025-03-12", "day")
    assert (event["place_name"], event["place_country"]) == ("Gdansk", "PL")
    assert event["first_article_id"] == PRECISE.article.id
    assert event["confidence"] == 0.9


# Each report dated a day after the one before: the first and the last are too far apart to
# be matched directly, the middle one joins them. The last is the surest report. (Worded
# apart: near-copies would be one story, the first stored naming it.)
DRIFTING = [
    port_report(
        "Harbour Gazette",
        "Lena Varga accused Tomas Reiter on Tuesday of blocking the container scanners at the "
        "eastern terminal, according to a letter seen by this newspaper.",
        "2025-03-11", "2025-03-11", "day", confidence=0.5,
    ),
    port_report(
        "Coastline News",
        "In a letter to the transport ministry, the port director Lena Varga accused Tomas "
        "Reiter of holding up the scanners that the eastern terminal ordered last year.",
        "2025-03-12", "2025-03-12", "day", confidence=0.6,
    ),
    port_report(
        "Baltic Wire",
        "Customs chief Tomas Reiter was accused by Lena Varga of stalling new scanners at the "
        "eastern container terminal; his office declined to comment on Thursday.",
        "2025-03-13", "2025-03-13", "day", confidence=0.9,
    ),
]  # fmt: skip


def test_two_stored_events_joined_by_a_later_report_keep_the_best_telling_in_any_order(
    tmp_path: Path,
) -> None:
    found = []
    for n, order in enumerate(permutations(DRIFTING)):
        path = tmp_path / f"drift{n}.duckdb"
        # One at a time: in some orders the first and last are stored as two events that the
        # middle report then merges, the row coming from the event it absorbs.
        store(path, list(order), batch_size=1)
        found.append(event_rows(path))
        assert len(found[-1]) == 1 and found[-1] == found[0], order
    assert found[0][0]["first_article_id"] == DRIFTING[2].article.id
    assert (str(found[0][0]["date"]), found[0][0]["num_articles"]) == ("2025-03-13", 3)


def telling(**changes: Any) -> Telling:
    base: dict[str, Any] = dict(
        article_id="b", local_id="V1", story_id="b", type="ACCUSE", status="occurred",
        actors=frozenset({"varga"}), recipients=frozenset({"reiter"}), date="2025-03-12",
        place=None, terms=frozenset(), published="2025-03-13", date_precision="day",
    )  # fmt: skip
    base.update(changes)
    return Telling(**base)


def test_what_makes_a_telling_its_events_canonical_one() -> None:
    def rank(confidence: float = 0.5, published: str | None = MORNING, **changes: Any) -> Any:
        return telling_rank(telling(**changes), confidence, published)

    plain = rank()
    # A stated date over the date of the story telling an undated act, over no date.
    assert plain < rank(date_precision=None) < rank(date=None)
    # A finer date, then a known place, then more roles named, then a higher confidence.
    assert plain < rank(0.9, date="2025-03", date_precision="month")
    assert rank(0.1, place="geonames:3099434") < plain
    assert plain < rank(0.9, recipients=frozenset())
    assert rank(0.7) < plain
    # Then the earliest report (by the clock, whatever its offset), and last what the
    # tellings are: never which arrived first.
    assert rank(published="2025-03-13T09:30:00+02:00", article_id="z") < plain
    assert plain < rank(published="2025-03-13T08:30:00Z", article_id="a")
    assert plain < rank(published=None, article_id="a")
    assert rank(article_id="a") < plain


MORNING = "2025-03-13T08:00:00+00:00"
