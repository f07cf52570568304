"""The corpus database: merging entities and events across articles, near-duplicates, queries.

Articles are hand-built Analysis documents (invented news in several publishers' styles), so the
merging rules are tested independently of what the analysis stages find.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dateline.article.structure import article_id
from dateline.errors import DatelineError
from dateline.model import Analysis, Article, Entity, Event, Location, Quote, Span
from dateline.store import minhash, queries
from dateline.store.db import WRITER_DB_MEMORY_MB, StoreBusyError, bound_writer_memory, open_store
from dateline.store.worker import WorkResult
from dateline.store.writer import StoreWriter

# name, type, country, sector, code, surface forms
PEOPLE = {
    "erdogan": ("Recep Tayyip Erdogan", "PERSON", "TUR", "GOV", "TURGOV", ["Recep Tayyip Erdogan", "Erdogan"]),
    "scholz": ("Olaf Scholz", "PERSON", "DEU", "GOV", "DEUGOV", ["Olaf Scholz", "Scholz"]),
    "nato": ("NATO", "ORG", None, "IGO", "IGONAT", ["NATO"]),
}  # fmt: skip
ANKARA = {
    "name": "Ankara",
    "geonameid": 323786,
    "country": "TR",
    "lat": 39.92,
    "lon": 32.85,
    "kind": "city",
}

ANADOLU = (
    "Turkish President Recep Tayyip Erdogan met German Chancellor Olaf Scholz in Ankara on "
    "Tuesday to discuss migration and the war in Syria.\n\n"
    '"We will not allow a new wave of refugees," Erdogan told reporters after the talks, which '
    "lasted nearly three hours.\n\nScholz said Germany would keep funding camps in the region."
)
DW = (
    "German Chancellor Olaf Scholz held talks with Recep Tayyip Erdogan in Ankara, with Syria and "
    "migration at the top of the agenda.\n\nOfficials in Berlin said the meeting was cordial. "
    "Erdogan said Turkey was doing more than any other country for Syrian refugees."
)
# A syndicated copy of ANADOLU: same story, a wire credit added and one word changed.
ANADOLU_COPY = ANADOLU.replace("nearly three hours", "almost three hours") + (
    "\n\nReporting by the Ankara bureau; editing by the world desk."
)
UNRELATED = (
    "Heavy rain flooded the northern province of Kastamonu overnight, cutting off roads to dozens "
    "of villages.\n\nRescue teams evacuated 140 people, the disaster agency said on Wednesday."
)


def build(
    body: str,
    publisher: str,
    published: str,
    people: list[str],
    events: list[dict] | None = None,
    quotes: list[dict] | None = None,
    with_place: bool = True,
) -> Analysis:
    """An Analysis whose entity mentions, place and events point at real offsets of ``body``."""
    entities = []
    for n, key in enumerate(people, start=1):
        name, etype, country, sector, code, forms = PEOPLE[key]
        spans = []
        for form in forms:
            start = body.find(form)
            while start >= 0:
                if not any(s.start <= start < s.end for s in spans):
                    spans.append(Span(start=start, end=start + len(form), text=form))
                start = body.find(form, start + len(form))
        entities.append(
            Entity(id=f"E{n}", name=name, type=etype, country=country, sector=sector, code=code,
                   aliases=forms, mentions=sorted(spans, key=lambda s: s.start))
        )  # fmt: skip
    locations = []
    if with_place and "Ankara" in body:
        start = body.find("Ankara")
        locations.append(
            Location(id="L1", mentions=[Span(start=start, end=start + 6, text="Ankara")], **ANKARA)
        )
    built_events = []
    for n, spec in enumerate(events or [], start=1):
        trigger = spec["trigger"]
        start = body.find(trigger)
        built_events.append(
            Event(id=f"V{n}", type=spec["type"], actor=spec["actor"], recipient=spec.get("recipient", []),
                  date=spec.get("date"), location=spec.get("location", "L1" if locations else None),
                  trigger=trigger, sentence=body.split("\n\n")[0], start=start,
                  end=start + len(trigger), cameo=spec.get("cameo"), quad_class=spec.get("quad"),
                  goldstein=spec.get("goldstein"), confidence=spec.get("confidence", 1.0))
        )  # fmt: skip
    built_quotes = []
    for n, spec in enumerate(quotes or [], start=1):
        start = body.find(spec["text"])
        built_quotes.append(
            Quote(id=f"Q{n}", text=spec["text"], kind=spec.get("kind", "direct"),
                  speaker=spec.get("speaker"), speaker_name=spec.get("speaker_name"),
                  cue=spec.get("cue"), start=start, end=start + len(spec["text"]))
        )  # fmt: skip
    paragraphs = body.split("\n\n")
    article = Article(
        id=article_id(body), source=f"{publisher.lower().replace(' ', '-')}.html", publisher=publisher,
        url=f"https://{publisher.lower().replace(' ', '')}.example/story", published=published,
        language="en", paragraphs=paragraphs, text=body, format="html",
    )  # fmt: skip
    return Analysis(
        article=article, entities=entities, events=built_events, quotes=built_quotes,
        locations=locations, stages=["article", "nlp", "entities", "geo", "quotes", "events"],
    )  # fmt: skip


MEETING = {"type": "CONSULT", "trigger": "met", "actor": ["E1"], "recipient": ["E2"], "date": "2024-03-12",
           "cameo": "040", "quad": 1, "goldstein": 1.0}  # fmt: skip


def corpus() -> list[Analysis]:
    return [
        build(ANADOLU, "Anadolu Agency", "2024-03-12T18:00:00+03:00", ["erdogan", "scholz"],
              events=[MEETING],
              quotes=[{"text": "We will not allow a new wave of refugees", "speaker": "E1",
                       "speaker_name": "Erdogan", "cue": "told"}]),
        # DW codes Scholz (its E1) as the actor, Erdogan as the recipient: not the same key.
        build(DW, "Deutsche Welle", "2024-03-13T07:30:00+01:00", ["scholz", "erdogan"],
              events=[{**MEETING, "trigger": "held talks", "actor": ["E1"], "recipient": ["E2"],
                       "date": "2024-03-13"}],
              quotes=[{"text": "Turkey was doing more than any other country for Syrian refugees",
                       "kind": "indirect", "speaker": "E2", "speaker_name": "Erdogan", "cue": "said"}]),
        build(ANADOLU_COPY, "Daily Sabah", "2024-03-12T20:00:00+03:00", ["erdogan", "scholz"],
              events=[MEETING]),
        build(UNRELATED, "Hurriyet Daily News", "2024-03-13T09:00:00+03:00", []),
    ]  # fmt: skip


def store(db: Path, analyses: list[Analysis], batch_size: int = 2) -> None:
    con = open_store(str(db))
    try:
        writer = StoreWriter(con, run_id="test")
        for start in range(0, len(analyses), batch_size):
            results = [
                WorkResult(key=a.article.source, container=a.article.source, analysis=a,
                           signature=minhash.to_blob(minhash.signature(a.article.text)))
                for a in analyses[start : start + batch_size]
            ]  # fmt: skip
            writer.write_batch(results)
    finally:
        con.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "news.duckdb"
    store(path, corpus())
    return path


def one(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None):  # type: ignore[no-untyped-def]
    row = con.execute(sql, params or []).fetchone()
    assert row is not None
    return row[0] if len(row) == 1 else row


def test_same_people_in_many_articles_are_one_corpus_entity(db: Path) -> None:
    con = open_store(str(db), read_only=True)
    assert one(con, "SELECT count(*) FROM entities") == 2
    rows = queries.entities(con, entity_type="PERSON")
    by_name = {r[1]: r for r in rows.rows}
    assert set(by_name) == {"Recep Tayyip Erdogan", "Olaf Scholz"}
    # Erdogan: 3 articles (the copy included), mentions under both surface forms.
    assert by_name["Recep Tayyip Erdogan"][7] == 3
    assert by_name["Recep Tayyip Erdogan"][3] == "TUR"
    forms = {r[0] for r in con.execute("SELECT DISTINCT text FROM mentions").fetchall()}
    assert {"Erdogan", "Recep Tayyip Erdogan", "Scholz", "Olaf Scholz"} <= forms


def test_mentions_of_one_meeting_become_one_corpus_event_with_counts(db: Path) -> None:
    con = open_store(str(db), read_only=True)
    # Anadolu and its syndicated copy are one event; DW has actor and recipient the other
    # way round, so it is another.
    rows = con.execute(
        "SELECT event_id, date, num_mentions, num_sources, num_articles FROM events ORDER BY event_id"
    ).fetchall()
    assert len(rows) == 2
    first = rows[0]
    assert str(first[1]) == "2024-03-12"
    assert first[2:] == (2, 2, 2)
    assert one(con, "SELECT count(*) FROM event_mentions") == 3


def test_event_dates_one_day_apart_merge_but_three_days_do_not(tmp_path: Path) -> None:
    path = tmp_path / "dates.duckdb"
    base = build(
        ANADOLU,
        "Anadolu Agency",
        "2024-03-12T18:00:00+03:00",
        ["erdogan", "scholz"],
        events=[MEETING],
    )
    next_day = build(DW, "Deutsche Welle", "2024-03-13T07:30:00+01:00", ["erdogan", "scholz"],
                     events=[{**MEETING, "trigger": "held talks", "date": "2024-03-13"}])  # fmt: skip
    later_body = DW.replace("held talks", "spoke again by phone")
    later = build(later_body, "Reuters", "2024-03-15T10:00:00+00:00", ["erdogan", "scholz"],
                  events=[{**MEETING, "trigger": "spoke again", "date": "2024-03-15"}])  # fmt: skip
    elsewhere_body = ANADOLU.replace("in Ankara", "in Berlin")
    elsewhere = build(elsewhere_body, "AP", "2024-03-12T12:00:00+00:00", ["erdogan", "scholz"],
                      events=[{**MEETING, "location": "L1"}], with_place=False)  # fmt: skip
    start = elsewhere_body.find("Berlin")
    berlin = Location(id="L1", name="Berlin", geonameid=2950159, country="DE", kind="city",
                      mentions=[Span(start=start, end=start + 6, text="Berlin")])  # fmt: skip
    elsewhere = elsewhere.model_copy(update={"locations": [berlin]})
    store(path, [base, next_day, later, elsewhere], batch_size=1)
    con = open_store(str(path), read_only=True)
    rows = con.execute(
        "SELECT date, num_articles, place_name FROM events ORDER BY event_id"
    ).fetchall()
    assert [(str(d), n, p) for d, n, p in rows] == [
        ("2024-03-12", 2, "Ankara"),  # Anadolu + DW a day later
        ("2024-03-15", 1, "Ankara"),  # three days on: a new meeting
        ("2024-03-12", 1, "Berlin"),  # same day, but in Berlin: not the Ankara meeting
    ]


def test_syndicated_copy_is_linked_to_the_first_story_not_a_new_one(db: Path) -> None:
    con = open_store(str(db), read_only=True)
    original, copy = article_id(ANADOLU), article_id(ANADOLU_COPY)
    assert original != copy
    assert one(con, "SELECT story_id FROM articles WHERE article_id = ?", [copy]) == original
    assert one(con, "SELECT count(DISTINCT story_id) FROM articles") == 3
    assert (
        one(con, "SELECT status FROM ingest_log WHERE article_id = ?", [copy]) == "near_duplicate"
    )
    # The two reports of the same meeting by different newsrooms are NOT near-duplicates.
    assert one(
        con, "SELECT story_id FROM articles WHERE article_id = ?", [article_id(DW)]
    ) == article_id(DW)


def test_minhash_separates_copies_from_different_stories() -> None:
    a, b = minhash.signature(ANADOLU), minhash.signature(ANADOLU_COPY)
    assert minhash.similarity(a, b) >= minhash.NEAR_DUPLICATE_THRESHOLD
    assert minhash.similarity(a, minhash.signature(DW)) < 0.2
    assert minhash.similarity(a, minhash.signature(UNRELATED)) < 0.1
    # Stable across processes: the blob round-trips and the same text signs the same.
    assert (minhash.from_blob(minhash.to_blob(a)) == minhash.signature(ANADOLU)).all()
    shared = set(minhash.band_buckets(a)) & set(minhash.band_buckets(b))
    assert shared, "copies must share at least one LSH bucket to be found"


def test_storing_the_same_articles_again_changes_nothing(db: Path) -> None:
    con = open_store(str(db), read_only=True)
    before = {
        t: one(con, f"SELECT count(*) FROM {t}")
        for t in ("articles", "entities", "events", "event_mentions", "quotes")
    }
    con.close()
    store(db, corpus())
    con = open_store(str(db), read_only=True)
    after = {t: one(con, f"SELECT count(*) FROM {t}") for t in before}
    assert after == before
    assert one(con, "SELECT count(*) FROM ingest_log WHERE status = 'duplicate'") == 4


def test_failed_results_are_logged_with_their_reason(tmp_path: Path) -> None:
    con = open_store(str(tmp_path / "f.duckdb"))
    counts = StoreWriter(con, "t").write_batch(
        [WorkResult("feed.jsonl:7", "feed.jsonl", error="invalid JSON (Expecting value)")],
        ["feed.jsonl"],
    )
    assert counts.failed == 1 and counts.stored == 0
    rows = con.execute("SELECT input, status, reason FROM ingest_log ORDER BY status").fetchall()
    assert rows == [
        ("feed.jsonl", "done", None),
        ("feed.jsonl:7", "failed", "invalid JSON (Expecting value)"),
    ]


def test_query_events_by_actor_type_and_date(db: Path) -> None:
    con = open_store(str(db), read_only=True)
    rows = queries.events(
        con, actor="Erdogan", event_type="consult", since=__import__("datetime").date(2024, 3, 1)
    )
    assert len(rows.rows) == 2  # as actor (Anadolu, copy) and as recipient (DW)
    top = dict(zip(rows.columns, rows.rows[0], strict=True))
    assert top["actors"] == "Recep Tayyip Erdogan" and top["recipients"] == "Olaf Scholz"
    assert top["num_articles"] == 2 and top["place"] == "Ankara"
    as_recipient = queries.events(con, actor="Erdogan", role="recipient").rows
    named = [dict(zip(rows.columns, r, strict=True)) for r in as_recipient]
    assert [(r["actors"], r["recipients"], r["num_articles"]) for r in named] == [
        ("Olaf Scholz", "Recep Tayyip Erdogan", 1)
    ]
    assert queries.events(con, actor="Macron").rows == []
    assert queries.events(con, event_type="ASSAULT").rows == []


def test_query_quotes_by_speaker_and_words(db: Path) -> None:
    con = open_store(str(db), read_only=True)
    rows = queries.quotes(con, speaker="Erdogan", contains="refugees")
    assert len(rows.rows) == 2
    assert {r[1] for r in rows.rows} == {"Recep Tayyip Erdogan"}
    assert {r[2] for r in rows.rows} == {"direct", "indirect"}
    assert queries.quotes(con, speaker="Erdogan", contains="tariffs").rows == []


def test_sql_is_read_only(db: Path) -> None:
    con = open_store(str(db), read_only=True)
    assert queries.read_only_sql(con, "SELECT count(*) AS n FROM articles").rows == [(4,)]
    for statement in (
        "DELETE FROM articles",
        "DROP TABLE events",
        "UPDATE entities SET name = 'x'",
        "SELECT 1; DELETE FROM articles",
        f"COPY articles TO '{db.parent / 'leak.csv'}'",
    ):
        with pytest.raises(DatelineError):
            queries.read_only_sql(con, statement)
    with pytest.raises(DatelineError, match="disabled"):
        queries.read_only_sql(con, "SELECT * FROM read_csv('/etc/hostname')")
    assert one(con, "SELECT count(*) FROM articles") == 4


def test_a_second_writer_is_told_the_database_is_busy(db: Path) -> None:
    import subprocess
    import sys

    holder = open_store(str(db))  # this process now holds the write lock
    try:
        probe = (
            "import sys\nfrom dateline.store.db import open_store, StoreBusyError\n"
            "try:\n    open_store(sys.argv[1], read_only=True)\nexcept StoreBusyError as e:\n"
            "    print('BUSY', e)\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", probe, str(db)], capture_output=True, text=True, timeout=60
        )
        assert out.stdout.startswith("BUSY") and "busy" in out.stdout
    finally:
        holder.close()
    assert StoreBusyError.__mro__[1] is DatelineError


def test_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatelineError, match="no such database"):
        open_store(str(tmp_path / "nope.duckdb"), read_only=True)
    bogus = tmp_path / "notes.duckdb"
    bogus.write_text("not a database")
    with pytest.raises(DatelineError):
        open_store(str(bogus), read_only=True)


def test_stats_summarise_the_corpus(db: Path) -> None:
    con = open_store(str(db), read_only=True)
    result = queries.stats(con)
    counts = result["counts"]
    assert counts["articles"] == 4 and counts["stories"] == 3 and counts["near_duplicates"] == 1
    assert counts["sources"] == 4 and counts["events"] == 2 and counts["quotes"] == 2
    assert result["top_actors"].rows[0][0] in {"Recep Tayyip Erdogan", "Olaf Scholz"}
    assert result["event_types"].rows == [("CONSULT", 2, 3)]
    assert result["ingest_log"].rows == [("stored", 3), ("near_duplicate", 1)]


def test_undated_events_merge_only_within_their_story(tmp_path: Path) -> None:
    """Without any date, two meetings of the same people cannot be told apart: keep them apart,
    except for a syndicated copy of the same story."""
    path = tmp_path / "undated.duckdb"
    undated = {**MEETING, "date": None}
    first = build(ANADOLU, "Anadolu Agency", "", ["erdogan", "scholz"], events=[undated])
    first = first.model_copy(
        update={"article": first.article.model_copy(update={"published": None})}
    )
    copy = build(ANADOLU_COPY, "Daily Sabah", "", ["erdogan", "scholz"], events=[undated])
    copy = copy.model_copy(update={"article": copy.article.model_copy(update={"published": None})})
    other_body = ANADOLU.replace("on Tuesday", "last spring").replace(
        "nearly three hours", "an hour"
    )
    other_body = other_body.replace("We will not allow a new wave of refugees", "Trade must double")
    other_body += (
        "\n\nThe two leaders last met at a summit in Vilnius, where they signed a grain deal."
    )
    other = build(other_body, "Reuters", "", ["erdogan", "scholz"], events=[undated])
    other = other.model_copy(
        update={"article": other.article.model_copy(update={"published": None})}
    )
    store(path, [first, copy, other], batch_size=1)
    con = open_store(str(path), read_only=True)
    rows = con.execute("SELECT date, num_articles FROM events ORDER BY event_id").fetchall()
    stories = con.execute("SELECT count(DISTINCT story_id) FROM articles").fetchone()
    assert stories == (2,), "the edited report must not be taken for a copy"
    assert rows == [(None, 2), (None, 1)]


def test_events_without_participants_do_not_merge_across_stories(tmp_path: Path) -> None:
    """ "Aid arrived" on the same day in two unrelated stories is not one event."""
    path = tmp_path / "anonymous.duckdb"
    aid = {
        "type": "AID",
        "trigger": "evacuated",
        "actor": [],
        "date": "2024-03-13",
        "location": None,
    }
    floods = build(UNRELATED, "Hurriyet Daily News", "2024-03-13T09:00:00+03:00", [], events=[aid])
    other_body = (
        "Rescue teams evacuated 300 residents from a collapsed apartment block in Izmir on "
        "Wednesday after an earthquake shook the Aegean coast.\n\nNo deaths were reported."
    )
    quake = build(other_body, "Daily Sabah", "2024-03-13T11:00:00+03:00", [], events=[aid])
    copy_body = UNRELATED + "\n\nReporting by the Kastamonu bureau."
    floods_copy = build(copy_body, "Yeni Safak", "2024-03-13T10:00:00+03:00", [], events=[aid])
    store(path, [floods, quake, floods_copy], batch_size=1)
    con = open_store(str(path), read_only=True)
    rows = con.execute("SELECT num_articles, num_sources FROM events ORDER BY event_id").fetchall()
    assert rows == [(2, 2), (1, 1)]  # the floods story and its copy; the quake on its own


def test_exact_copy_from_another_publisher_is_an_extra_telling_not_a_new_story(db: Path) -> None:
    # The very same body (same article id) published by another outlet under another URL.
    reprint = build(ANADOLU, "Yeni Safak", "2024-03-12T21:00:00+03:00", ["erdogan", "scholz"],
                    events=[MEETING])  # fmt: skip
    assert reprint.article.id == article_id(ANADOLU)
    store(db, [reprint])
    con = open_store(str(db), read_only=True)
    assert one(con, "SELECT count(*) FROM articles") == 4  # no new article, no new story
    assert one(con, "SELECT count(*) FROM article_copies") == 1
    assert one(con, "SELECT source_name, url FROM article_copies") == (
        "Yeni Safak", "https://yenisafak.example/story",
    )  # fmt: skip
    assert one(con, "SELECT status FROM ingest_log WHERE input = 'yeni-safak.html'") == "copy"
    # The Ankara meeting: Anadolu, its near-duplicate at Daily Sabah, and now Yeni Safak.
    meeting = "SELECT num_mentions, num_sources, num_articles FROM events ORDER BY event_id LIMIT 1"
    assert one(con, meeting) == (3, 3, 3)
    stats = queries.stats(con)["counts"]
    assert stats["sources"] == 5 and stats["copies"] == 1 and stats["stories"] == 3
    con.close()

    # Storing everything again (the same inputs) doubles nothing, copy included.
    store(db, [*corpus(), reprint])
    con = open_store(str(db), read_only=True)
    assert one(con, "SELECT count(*) FROM article_copies") == 1
    assert one(con, meeting) == (3, 3, 3)
    assert one(con, "SELECT count(*) FROM ingest_log WHERE status = 'duplicate'") == 5
    con.close()


def test_exact_copy_in_the_same_batch_as_its_original_is_counted(tmp_path: Path) -> None:
    path = tmp_path / "batch.duckdb"
    original = build(ANADOLU, "Anadolu Agency", "2024-03-12T18:00:00+03:00",
                     ["erdogan", "scholz"], events=[MEETING])  # fmt: skip
    reprint = build(ANADOLU, "Yeni Safak", "2024-03-12T21:00:00+03:00", ["erdogan", "scholz"],
                    events=[MEETING])  # fmt: skip
    # The same input twice in one batch is a plain duplicate, not a second source.
    store(path, [original, reprint, reprint], batch_size=3)
    con = open_store(str(path), read_only=True)
    assert one(con, "SELECT num_mentions, num_sources, num_articles FROM events") == (2, 2, 2)
    assert dict(con.execute("SELECT status, count(*) FROM ingest_log GROUP BY ALL").fetchall()) == {
        "stored": 1, "copy": 1, "duplicate": 1,
    }  # fmt: skip


def test_a_repeat_from_a_worker_is_a_copy_of_the_stored_article(tmp_path: Path) -> None:
    # A worker sends the structured article alone for a body it analysed before ("repeat").
    path = tmp_path / "repeat.duckdb"
    original = build(ANADOLU, "Anadolu Agency", "2024-03-12T18:00:00+03:00",
                     ["erdogan", "scholz"], events=[MEETING])  # fmt: skip
    reprint = build(ANADOLU, "Yeni Safak", "2024-03-12T21:00:00+03:00", [])
    structured = Analysis(article=reprint.article, stages=["article"])
    sig = minhash.to_blob(minhash.signature(ANADOLU))

    def repeat() -> WorkResult:
        return WorkResult("yeni-safak.html", "yeni-safak.html", structured, sig, repeat=True)

    con = open_store(str(path))
    writer = StoreWriter(con, run_id="test")
    # Without the article stored, half an analysis is not stored: the input fails.
    lost = writer.write_batch([repeat()])
    assert lost.failed == 1 and "not stored" in lost.failures[0][1]
    assert one(con, "SELECT count(*) FROM articles") == 0
    # After it (an earlier batch, or earlier in the same one) it is a copy from another outlet.
    result = WorkResult(original.article.source, original.article.source, original, sig)
    counts = writer.write_batch([result, repeat()])
    assert (counts.stored, counts.copies, counts.failed) == (1, 1, 0)
    assert one(con, "SELECT source_name FROM article_copies") == "Yeni Safak"
    assert one(con, "SELECT num_mentions, num_sources, num_articles FROM events") == (2, 2, 2)
    con.close()


def test_same_page_under_another_file_name_is_a_duplicate_not_a_copy(db: Path) -> None:
    again = build(ANADOLU, "Anadolu Agency", "2024-03-12T18:00:00+03:00", ["erdogan", "scholz"],
                  events=[MEETING])  # fmt: skip
    again = again.model_copy(
        update={"article": again.article.model_copy(update={"source": "mirror/anadolu.html"})}
    )
    store(db, [again])
    con = open_store(str(db), read_only=True)
    assert one(con, "SELECT count(*) FROM article_copies") == 0
    assert one(con, "SELECT status FROM ingest_log WHERE input = 'mirror/anadolu.html'") == (
        "duplicate"
    )


def test_event_dates_from_the_publication_date_are_flagged(tmp_path: Path) -> None:
    path = tmp_path / "fallback.duckdb"
    stated = build(ANADOLU, "Anadolu Agency", "2024-03-12T18:00:00+03:00", ["erdogan", "scholz"],
                   events=[MEETING])  # fmt: skip
    fallback = build(DW, "Deutsche Welle", "2024-03-20T07:30:00+01:00", ["scholz", "erdogan"],
                     events=[{**MEETING, "trigger": "held talks", "date": "2024-03-20"}])  # fmt: skip
    fallback = fallback.model_copy(
        update={"events": [fallback.events[0].model_copy(update={"date_is_fallback": True})]}
    )
    # No date at all (a headline event): the publication day stands in, so it is flagged too.
    undated = build(UNRELATED, "Hurriyet Daily News", "2024-03-13T09:00:00+03:00", [],
                    events=[{"type": "AID", "trigger": "evacuated", "actor": [], "date": None}])  # fmt: skip
    store(path, [stated, fallback, undated])
    con = open_store(str(path), read_only=True)
    rows = queries.events(con)
    flag = rows.columns.index("date_is_fallback")
    by_date = {str(r[1]): r[flag] for r in rows.rows}
    assert by_date == {"2024-03-12": False, "2024-03-20": True, "2024-03-13": True}


NATIONALITY = {"id": "E3", "name": "Turkish", "type": "NORP", "aliases": ["Turkish"]}


def test_nationality_adjectives_are_not_top_actors(tmp_path: Path) -> None:
    path = tmp_path / "norp.duckdb"
    analysis = build(ANADOLU, "Anadolu Agency", "2024-03-12T18:00:00+03:00",
                     ["erdogan", "scholz"], events=[MEETING])  # fmt: skip
    start = ANADOLU.find("Turkish")
    mentions = [Span(start=start, end=start + 7, text="Turkish")] * 1
    analysis = analysis.model_copy(
        update={"entities": [*analysis.entities, Entity(**NATIONALITY, mentions=mentions)]}
    )
    store(path, [analysis])
    con = open_store(str(path), read_only=True)
    actors = {r[0] for r in queries.stats(con)["top_actors"].rows}
    assert actors == {"Recep Tayyip Erdogan", "Olaf Scholz"}
    # Still stored, and still found by `query entities`.
    assert [r[1] for r in queries.entities(con, entity_type="NORP").rows] == ["Turkish"]


def test_groups_named_only_by_a_common_noun_are_not_top_actors(tmp_path: Path) -> None:
    """'officials' is in every story: a group is a top actor when a country or the knowledge
    base places it ("Turkish officials")."""
    path = tmp_path / "groups.duckdb"
    analysis = build(ANADOLU, "Anadolu Agency", "2024-03-12T18:00:00+03:00",
                     ["erdogan", "scholz"], events=[MEETING])  # fmt: skip
    start = ANADOLU.find("Turkish")
    mention = [Span(start=start, end=start + 7, text="Turkish")]
    groups = [
        Entity(id="E8", name="officials", type="GROUP", aliases=["officials"], mentions=mention),
        Entity(id="E9", name="Turkish officials", type="GROUP", aliases=["Turkish officials"],
               country="TUR", sector="GOV", mentions=mention),
    ]  # fmt: skip
    analysis = analysis.model_copy(update={"entities": [*analysis.entities, *groups]})
    store(path, [analysis])
    con = open_store(str(path), read_only=True)
    actors = {r[0] for r in queries.stats(con)["top_actors"].rows}
    assert "Turkish officials" in actors and "officials" not in actors
    assert "officials" in {r[1] for r in queries.entities(con, entity_type="GROUP").rows}


BRACKETED = (
    'Erdogan said Turkey was "defending the territorial integrity of [his] country" in Ankara '
    "[on Tuesday].\n\nScholz [the chancellor] did not comment."
)


def test_article_text_in_tables_is_printed_verbatim_not_as_rich_markup(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from dateline.cli import cli

    path = tmp_path / "markup.duckdb"
    analysis = build(BRACKETED, "Anadolu [Ankara]", "2024-03-12T18:00:00+03:00",
                     ["erdogan", "scholz"],
                     events=[{**MEETING, "trigger": "said", "date": None}],
                     quotes=[{"text": "defending the territorial integrity of [his] country",
                              "speaker": "E1", "speaker_name": "Erdogan", "cue": "said"}])  # fmt: skip
    store(path, [analysis])
    runner = CliRunner()
    for args in (["stats"], ["query", "quotes"], ["query", "events"]):
        # Wide enough that the events table shows the example sentence up to "[his]".
        result = runner.invoke(cli, [*args, "--db", str(path)], env={"COLUMNS": "250"})
        assert result.exit_code == 0, result.output
        flat = " ".join(result.output.replace("│", " ").split())
        assert "[his]" in flat and "integrity of  country" not in result.output, (args, flat)
        if args != ["query", "events"]:
            assert "[Ankara]" in flat, (args, flat)  # the publisher name in the source column
    # Wide enough that the example sentence is not folded across table lines.
    result = runner.invoke(cli, ["query", "events", "--db", str(path)], env={"COLUMNS": "250"})
    flat = " ".join(result.output.replace("│", " ").split())
    assert "[on Tuesday]" in flat
    # The meeting has no stated date: its publication day is marked, with a legend.
    assert "2024-03-12*" in flat and "* publication date" in result.output


def test_a_writing_connection_caches_at_most_the_writer_bound(tmp_path: Path) -> None:
    # DuckDB's default cache is 80 % of the machine's memory; a writer is held to a few MB.
    con = open_store(str(tmp_path / "news.duckdb"))
    default = con.execute("SELECT current_setting('memory_limit')").fetchone()
    bound_writer_memory(con)
    limit = con.execute("SELECT current_setting('memory_limit')").fetchone()
    con.close()
    assert default is not None and limit is not None
    assert limit[0] != default[0]
    # DuckDB reads "64MB" as 64,000,000 bytes and shows it in MiB.
    assert limit[0] == f"{WRITER_DB_MEMORY_MB * 10**6 / 2**20:.1f} MiB"
