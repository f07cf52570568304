"""A stated date coarser than a day survives in the corpus database and its query output."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from click.testing import CliRunner

from dateline.cli import cli
from dateline.store.db import open_store
from test_store import ANADOLU, MEETING, build, store

# The meeting told as one of a year the article names, not of a day.
A_YEAR_AGO = {**MEETING, "date": "2023"}


def _db(tmp_path: Path) -> Path:
    path = tmp_path / "dates.duckdb"
    analysis = build(
        ANADOLU, "Anadolu Agency", "2024-03-12T18:00:00+03:00", ["erdogan", "scholz"],
        events=[A_YEAR_AGO],
    )  # fmt: skip
    store(path, [analysis])
    return path


def test_the_stated_timex_value_is_stored_beside_the_day(tmp_path: Path) -> None:
    con = open_store(str(_db(tmp_path)), read_only=True)
    try:
        row = con.execute("SELECT date_value, date_is_fallback FROM events").fetchone()
    finally:
        con.close()
    # The day column can only hold the publication day standing in (flagged); the year stays.
    assert row == ("2023", True)


def test_query_events_shows_the_stated_year_not_the_publication_day(tmp_path: Path) -> None:
    path = _db(tmp_path)
    runner = CliRunner()
    out = runner.invoke(cli, ["query", "events", "--db", str(path), "--format", "csv"])
    assert out.exit_code == 0, out.output
    (row,) = list(csv.DictReader(io.StringIO(out.stdout)))
    assert row["date_value"] == "2023"
    table = runner.invoke(cli, ["query", "events", "--db", str(path)])
    assert table.exit_code == 0, table.output
    assert "2023" in table.stdout and "2024-03-12*" not in table.stdout


def test_the_flat_events_export_carries_the_stated_value(tmp_path: Path) -> None:
    path = _db(tmp_path)
    out = CliRunner().invoke(cli, ["export", "events", "--format", "csv", "--db", str(path)])
    assert out.exit_code == 0, out.output
    (row,) = list(csv.DictReader(io.StringIO(out.stdout)))
    assert row["date_value"] == "2023"
