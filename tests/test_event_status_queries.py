"""Event status in the corpus database, its exports and `dateline query events` options.

Articles are hand-built Analysis documents (invented news), so what is tested is the store,
the queries and the exports, not what the analysis stages find.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.errors import DatelineError
from dateline.export.gdelt import EVENT_COLUMNS
from dateline.model import Analysis
from dateline.store import queries
from dateline.store.db import open_store
from test_store import ANADOLU, DW, MEETING, build, store

THREAT_BODY = (
    "Turkish officials said on Wednesday that talks on the refugee deal had stalled.\n\n"
    "Analysts in Istanbul expect a long dispute over funding.\n\n"
    "Recep Tayyip Erdogan threatened to cut the refugee deal with Olaf Scholz if funding stalled."
)


def with_status(analysis: Analysis, status: str) -> Analysis:
    events = [e.model_copy(update={"status": status}) for e in analysis.events]
    return analysis.model_copy(update={"events": events})


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "status.duckdb"
    meeting = build(ANADOLU, "Anadolu Agency", "2024-03-12T18:00:00+03:00",
                    ["erdogan", "scholz"], events=[MEETING])  # fmt: skip
    talks = build(DW, "Deutsche Welle", "2024-03-20T07:30:00+01:00", ["scholz", "erdogan"],
                  events=[{**MEETING, "trigger": "held talks", "date": "2024-03-19"}])  # fmt: skip
    threat = build(THREAT_BODY, "Hurriyet Daily News", "2024-03-13T09:00:00+03:00",
                   ["erdogan", "scholz"],
                   events=[{"type": "THREATEN", "trigger": "threatened", "actor": ["E1"],
                            "recipient": ["E2"], "date": None, "cameo": "130", "quad": 3,
                            "goldstein": -4.4}])  # fmt: skip
    store(path, [meeting, talks, with_status(threat, "hypothetical")], batch_size=1)
    return path


def invoke(*args: str) -> tuple[int, str]:
    """Exit code and standard output; a DatelineError (which `dateline` prints as one line) is
    appended."""
    result = CliRunner().invoke(cli, list(args))
    error = result.exception
    if error is not None and not isinstance(error, SystemExit):
        assert isinstance(error, DatelineError), repr(error)
        return result.exit_code, result.stdout + str(error)
    return result.exit_code, result.stdout


def test_events_table_and_query_carry_the_status(db: Path) -> None:
    con = open_store(str(db), read_only=True)
    stored = con.execute("SELECT type, status FROM events ORDER BY event_id").fetchall()
    assert stored == [
        ("CONSULT", "occurred"),
        ("CONSULT", "occurred"),
        ("THREATEN", "hypothetical"),
    ]
    real = queries.events(con, statuses=["occurred", "ongoing"])
    assert {r[real.columns.index("type")] for r in real.rows} == {"CONSULT"}
    unreal = queries.events(con, statuses=["hypothetical"])
    assert [r[unreal.columns.index("status")] for r in unreal.rows] == ["hypothetical"]


def test_query_events_status_option_and_bad_values(db: Path) -> None:
    code, output = invoke("query", "events", "--db", str(db), "--status", "occurred, ongoing",
                          "--format", "csv")  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(output)))
    assert code == 0 and {r["status"] for r in rows} == {"occurred"} and len(rows) == 2
    code, output = invoke("query", "events", "--db", str(db), "--status", "happened")
    assert code != 0 and "unknown status 'happened'" in output and "hypothetical" in output


def test_unknown_event_type_is_an_error_naming_the_plover_types(db: Path) -> None:
    code, output = invoke("query", "events", "--db", str(db), "--type", "MEETING")
    assert code != 0
    assert "unknown event type 'MEETING'" in output and "CONSULT" in output and "ASSAULT" in output
    code, output = invoke(
        "query", "events", "--db", str(db), "--type", "threaten", "--format", "csv"
    )
    assert code == 0 and "THREATEN" in output


def test_query_events_of_one_article_by_id_prefix(db: Path) -> None:
    con = open_store(str(db), read_only=True)
    article = con.execute(
        "SELECT article_id FROM articles WHERE publisher = 'Hurriyet Daily News'"
    ).fetchone()[0]
    rows = queries.events(con, article=article[:8])
    assert [r[rows.columns.index("type")] for r in rows.rows] == ["THREATEN"]
    with pytest.raises(DatelineError, match="no article 'ffffffff'"):
        queries.events(con, article="ffffffff")


def test_query_events_counts_by_day_week_and_month(db: Path) -> None:
    con = open_store(str(db), read_only=True)
    by_day = queries.events(con, by="day")
    assert by_day.columns[:2] == ["day", "events"]
    days = [(str(r[0]) if r[0] else None, r[1]) for r in by_day.rows]
    # The threat states no date and is no real event: it keeps no day (last row).
    assert days == [("2024-03-12", 1), ("2024-03-19", 1), (None, 1)]
    by_week = queries.events(con, by="week", statuses=["occurred"])
    assert [(str(r[0]), r[1]) for r in by_week.rows] == [("2024-03-11", 1), ("2024-03-18", 1)]
    by_month = queries.events(con, by="month", event_type="CONSULT")
    assert [(str(r[0]), r[1]) for r in by_month.rows] == [("2024-03-01", 2)]
    code, output = invoke("query", "events", "--db", str(db), "--by", "week", "--format", "csv")
    assert code == 0 and output.splitlines()[0] == "week,events,mentions,articles"


def test_gdelt_export_holds_real_events_unless_asked(db: Path) -> None:
    code, output = invoke("export", "events", "--format", "gdelt", "--db", str(db))
    assert code == 0
    rows = [dict(zip(EVENT_COLUMNS, line.split("\t"), strict=True)) for line in
            output.splitlines()]  # fmt: skip
    assert [r["EventCode"] for r in rows] == ["040", "040"]
    code, output = invoke(
        "export", "events", "--format", "gdelt", "--status", "all", "--db", str(db)
    )
    codes = [line.split("\t")[26] for line in output.splitlines() if "\t" in line]
    assert code == 0 and codes == ["040", "040", "130"]
    code, output = invoke("export", "mentions", "--format", "gdelt", "--db", str(db))
    assert code == 0 and len([line for line in output.splitlines() if "\t" in line]) == 2


def test_flat_exports_carry_status_and_filter_on_request(db: Path) -> None:
    code, output = invoke("export", "events", "--format", "csv", "--db", str(db))
    rows = list(csv.DictReader(io.StringIO(output)))
    assert code == 0 and [r["status"] for r in rows] == ["occurred", "occurred", "hypothetical"]
    code, output = invoke("export", "mentions", "--format", "csv", "--status", "hypothetical",
                          "--db", str(db))  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(output)))
    assert code == 0 and [r["status"] for r in rows] == ["hypothetical"]


def test_root_event_means_told_in_the_lead_of_some_report(db: Path) -> None:
    code, output = invoke(
        "export", "events", "--format", "gdelt", "--status", "all", "--db", str(db)
    )
    root = {
        line.split("\t")[26]: line.split("\t")[25] for line in output.splitlines() if "\t" in line
    }
    # The meetings open their reports; the threat is told in the third paragraph only.
    assert root == {"040": "1", "130": "0"}
