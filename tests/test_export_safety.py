"""Exports that are safe to open: formula-like CSV cells neutralised, one row per record whatever
the text holds, and no partial file left by a failed export."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.export import one_line_cell, spreadsheet_safe

DATELINE = str(Path(sys.executable).parent / "dateline")
HEADLINES = [
    '=HYPERLINK("http://evil.example","Click")',
    "+1 555 0100 hotline opens",
    '-5 degrees in Oslo\tas\nwinter "bites"',
    "@SUM(A1:A9) and friends",
    "Plain headline, with a comma",
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("exports")
    dump = folder / "dump.jsonl"
    with dump.open("w") as handle:
        for n, headline in enumerate(HEADLINES):
            text = (
                f"The town council of Alesund met on Monday for session {n} and voted to "
                f'extend the harbour.\tIt said:\n"We will\tbuild {n + 2} piers."'
            )
            handle.write(
                json.dumps({"title": headline, "text": text, "url": f"https://n.example/{n}"})
                + "\n"
            )
    path = folder / "c.duckdb"
    run = subprocess.run(
        [DATELINE, "ingest", str(dump), "--db", str(path), "--stages", "article", "--no-progress"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    return path


def test_spreadsheet_safe_cells() -> None:
    assert spreadsheet_safe("=1+2") == "'=1+2"
    assert spreadsheet_safe("@cmd") == "'@cmd"
    assert spreadsheet_safe("\t=x") == "'\t=x"
    assert spreadsheet_safe(-5.2) == -5.2 and spreadsheet_safe("Oslo") == "Oslo"
    assert one_line_cell("a\tb\nc\r\nd") == "a b c d"


def test_csv_export_neutralises_formulas_and_keeps_one_record_per_row(db: Path) -> None:
    out = subprocess.run(
        [DATELINE, "export", "articles", "--format", "csv", "--db", str(db)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert len(rows) == len(HEADLINES)
    headlines = {row["headline"] for row in rows}
    assert '\'=HYPERLINK("http://evil.example","Click")' in headlines
    assert "'+1 555 0100 hotline opens" in headlines and "'@SUM(A1:A9) and friends" in headlines
    assert not any(h.startswith(("=", "+", "@")) for h in headlines)
    raw = subprocess.run(
        [DATELINE, "export", "articles", "--format", "csv", "--no-formula-guard", "--db", str(db)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert '=HYPERLINK("http://evil.example","Click")' in {
        row["headline"] for row in csv.DictReader(io.StringIO(raw.stdout))
    }


def test_failed_export_leaves_no_file(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dateline import export as exporter
    from dateline.cli import cli

    def broken(con, what, fmt, out, output, *args):  # type: ignore[no-untyped-def]
        out.write("half a row")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(exporter, "write", broken)
    target = tmp_path / "events.csv"
    result = CliRunner().invoke(
        cli, ["export", "events", "--format", "csv", "-o", str(target), "--db", str(db)]
    )
    assert result.exit_code != 0
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file either


def test_export_file_gets_the_mode_a_new_file_would(db: Path, tmp_path: Path) -> None:
    """The export is written to a private temporary file and renamed: the result must not stay
    readable by its owner only, and a file it replaces keeps its own mode."""
    import os
    import stat

    from dateline.cli import cli

    mask = os.umask(0o022)
    try:
        fresh = tmp_path / "quotes.csv"
        args = ["export", "quotes", "--format", "csv", "--db", str(db)]
        assert CliRunner().invoke(cli, [*args, "-o", str(fresh)]).exit_code == 0
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
        kept = tmp_path / "articles.parquet"
        kept.write_bytes(b"old")
        kept.chmod(0o640)
        parquet = ["export", "articles", "--format", "parquet", "--db", str(db), "-o", str(kept)]
        assert CliRunner().invoke(cli, parquet).exit_code == 0
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    finally:
        os.umask(mask)


def test_export_to_a_place_it_cannot_write_names_the_file(db: Path, tmp_path: Path) -> None:
    for target, problem in [
        (tmp_path / "no-such-folder" / "events.csv", "cannot write the export there"),
        (tmp_path, "is a folder; give --output a file name"),
    ]:
        out = subprocess.run(
            [DATELINE, "export", "events", "--format", "csv", "--db", str(db), "-o", str(target)],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert out.returncode == 1, out.stderr
        assert f"{target}: {problem}" in out.stderr and "Traceback" not in out.stderr
        assert ".partial" not in out.stderr
