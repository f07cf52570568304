"""Event confidence in the corpus database: stored, shown, and applied by queries and exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from dateline.cli import cli
from dateline.store.db import open_store
from test_store import ANADOLU, DW, MEETING, build, store

SURE = {**MEETING, "confidence": 0.9}
# "discuss" told as its own event with a weak confidence (as an opinion verb would get).
UNSURE = {**MEETING, "type": "ACCUSE", "trigger": "discuss", "cameo": "112", "confidence": 0.2}


def _db(tmp_path: Path) -> Path:
    path = tmp_path / "confidence.duckdb"
    analysis = build(
        ANADOLU, "Anadolu Agency", "2024-03-12T18:00:00+03:00", ["erdogan", "scholz"],
        events=[SURE, UNSURE],
    )  # fmt: skip
    store(path, [analysis])
    return path


def test_confidence_is_stored_per_event_and_mention(tmp_path: Path) -> None:
    path = _db(tmp_path)
    con = open_store(str(path), read_only=True)
    try:
        events = con.execute("SELECT type, confidence FROM events ORDER BY type").fetchall()
        mentions = con.execute(
            "SELECT trigger, confidence FROM event_mentions ORDER BY 1"
        ).fetchall()
    finally:
        con.close()
    assert events == [("ACCUSE", 0.2), ("CONSULT", 0.9)]
    assert mentions == [("discuss", 0.2), ("met", 0.9)]


def test_query_and_export_hide_unsure_events_by_default(tmp_path: Path) -> None:
    path = _db(tmp_path)
    runner = CliRunner()
    shown = runner.invoke(cli, ["query", "events", "--db", str(path), "--format", "jsonl"])
    assert shown.exit_code == 0, shown.output
    rows = [json.loads(line) for line in shown.output.splitlines()]
    assert [(r["type"], r["confidence"]) for r in rows] == [("CONSULT", 0.9)]
    every = runner.invoke(
        cli, ["query", "events", "--db", str(path), "--format", "jsonl", "--min-confidence", "0"]
    )
    assert sorted(json.loads(line)["type"] for line in every.output.splitlines()) == [
        "ACCUSE",
        "CONSULT",
    ]
    exported = runner.invoke(cli, ["export", "events", "--format", "csv", "--db", str(path)])
    assert exported.exit_code == 0, exported.output
    table = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert [(r["type"], r["confidence"]) for r in table] == [("CONSULT", "0.9")]
    mentions = runner.invoke(
        cli, ["export", "mentions", "--format", "jsonl", "--db", str(path), "--min-confidence", "0"]
    )
    assert len(mentions.stdout.splitlines()) == 2
    gdelt = runner.invoke(cli, ["export", "events", "--format", "gdelt", "--db", str(path)])
    assert gdelt.exit_code == 0 and len(gdelt.stdout.splitlines()) == 1
    gdelt_all = runner.invoke(
        cli, ["export", "events", "--format", "gdelt", "--db", str(path), "--min-confidence", "0"]
    )
    assert len(gdelt_all.stdout.splitlines()) == 2


def test_gdelt_mentions_carry_confidence_as_a_percentage(tmp_path: Path) -> None:
    path = _db(tmp_path)
    runner = CliRunner()
    out = runner.invoke(
        cli,
        ["export", "mentions", "--format", "gdelt", "--header", "--db", str(path),
         "--min-confidence", "0"],
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    header, *rows = [line.split("\t") for line in out.stdout.splitlines()]
    column = header.index("Confidence")
    assert sorted(row[column] for row in rows) == ["20", "90"]


def test_stats_count_the_events_query_events_lists(tmp_path: Path) -> None:
    """stats counts events as query events lists them, and says how many more are kept."""
    path = _db(tmp_path)
    runner = CliRunner()
    text = runner.invoke(cli, ["stats", "--db", str(path)])
    assert text.exit_code == 0, text.output
    assert "1 events (1 mentions" in text.output
    assert "1 more events below confidence 0.75 (--min-confidence 0 counts every event)" in (
        text.output
    )
    report = json.loads(runner.invoke(cli, ["stats", "--db", str(path), "--format", "json"]).output)
    assert report["counts"]["events"] == 1 and report["counts"]["events_below_confidence"] == 1
    assert [row[0] for row in report["event_types"]["rows"]] == ["CONSULT"]
    every = json.loads(
        runner.invoke(
            cli, ["stats", "--db", str(path), "--format", "json", "--min-confidence", "0"]
        ).output
    )
    assert every["counts"]["events"] == 2 and every["counts"]["events_below_confidence"] == 0
    assert sorted(row[0] for row in every["event_types"]["rows"]) == ["ACCUSE", "CONSULT"]


def test_flat_event_exports_leave_missing_participants_empty_alike(tmp_path: Path) -> None:
    """An event without recipients has neither names nor ids: both null, not null and ''."""
    path = _db(tmp_path)
    con = open_store(str(path))
    try:
        con.execute("UPDATE events SET recipient_ids = [] WHERE type = 'ACCUSE'")
    finally:
        con.close()
    out = CliRunner().invoke(
        cli, ["export", "events", "--format", "jsonl", "--db", str(path), "--min-confidence", "0"]
    )
    rows = {row["type"]: row for row in map(json.loads, out.stdout.splitlines())}
    assert rows["ACCUSE"]["recipients"] is None and rows["ACCUSE"]["recipient_ids"] is None
    assert rows["CONSULT"]["actor_ids"] and rows["CONSULT"]["actors"]


def _told_twice(tmp_path: Path) -> Path:
    """One meeting told surely by Anadolu and, with a weaker confidence, by Deutsche Welle."""
    path = tmp_path / "told-twice.duckdb"
    anadolu = build(
        ANADOLU, "Anadolu Agency", "2024-03-12T18:00:00+03:00", ["erdogan", "scholz"],
        events=[SURE],
    )  # fmt: skip
    dw = build(DW, "Deutsche Welle", "2024-03-13T07:30:00+01:00", ["erdogan", "scholz"],
               events=[{**MEETING, "trigger": "held talks", "confidence": 0.5}])  # fmt: skip
    store(path, [anadolu, dw])
    return path


def test_mentions_export_keeps_every_telling_of_a_kept_event(tmp_path: Path) -> None:
    """The flat mentions export, like the GDELT one, keeps the less sure telling of a sure
    event: both list the tellings of the events the events export lists."""
    path = _told_twice(tmp_path)
    runner = CliRunner()
    events = runner.invoke(cli, ["export", "events", "--format", "jsonl", "--db", str(path)])
    assert [json.loads(line)["confidence"] for line in events.stdout.splitlines()] == [0.9]
    flat = runner.invoke(cli, ["export", "mentions", "--format", "csv", "--db", str(path)])
    assert flat.exit_code == 0, flat.output
    rows = list(csv.DictReader(io.StringIO(flat.stdout)))
    assert sorted((r["source_name"], r["confidence"]) for r in rows) == [
        ("Anadolu Agency", "0.9"),
        ("Deutsche Welle", "0.5"),
    ]
    gdelt = runner.invoke(cli, ["export", "mentions", "--format", "gdelt", "--db", str(path)])
    assert len(gdelt.stdout.splitlines()) == len(rows)


def test_stats_counts_event_mentions_as_the_event_types_table(tmp_path: Path) -> None:
    """The summary line's event mentions are the events' num_mentions, the figure the event
    types table and query events show, not the event_mentions rows."""
    path = _told_twice(tmp_path)
    con = open_store(str(path))
    try:
        # Deutsche Welle told the meeting twice (headline and body): two mentions, one row.
        con.execute("UPDATE events SET num_mentions = 3")
    finally:
        con.close()
    runner = CliRunner()
    report = json.loads(runner.invoke(cli, ["stats", "--db", str(path), "--format", "json"]).output)
    assert report["counts"]["event_num_mentions"] == 3
    assert report["counts"]["event_mentions"] == 2
    assert report["event_types"]["rows"] == [["CONSULT", 1, 3]]
    text = runner.invoke(cli, ["stats", "--db", str(path)]).output
    assert "1 events (3 mentions," in text


def test_flat_events_export_carries_every_events_column_but_the_merging_keys(
    tmp_path: Path,
) -> None:
    """csv/jsonl events: every documented events column (the place's admin1 code too, as the
    GDELT export's ADM1 code has it) but match_key and story_id."""
    from dateline.store.tables import CORPUS_TABLES

    path = _db(tmp_path)
    con = open_store(str(path))
    try:
        con.execute("UPDATE events SET place_admin1 = '68'")  # Ankara's GeoNames admin1 code
    finally:
        con.close()
    out = CliRunner().invoke(cli, ["export", "events", "--format", "jsonl", "--db", str(path)])
    assert out.exit_code == 0, out.output
    row = json.loads(out.stdout.splitlines()[0])
    assert row["place_admin1"] == "68"
    (events,) = [t for t in CORPUS_TABLES if t.name == "events"]
    assert set(events.column_names) - set(row) == {"match_key", "story_id"}
