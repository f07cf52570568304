"""Tables printed by ``dateline query`` and ``stats``: short values stay whole, text wraps."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.cli.query import _header_lines, print_rows

COLUMNS = ["date", "type", "status", "actors", "num_mentions", "num_sources", "example"]
ROWS = [
    (
        "2024-03-04",
        "PROTEST",
        "occurred",
        "dock workers",
        3,
        2,
        "Dock workers in the port city marched to the harbour office on Monday to demand a pay "
        "rise, their union said.",
    ),
    ("2024-03-05", "COOPERATE", "hypothetical", "the harbour authority", 1, 1, "It may agree."),
]


def test_header_breaks_after_underscores_to_the_width_of_its_values() -> None:
    assert _header_lines("num_mentions", 2) == "num_\nmentions"
    assert _header_lines("backed_off_until", 16) == "backed_off_until"
    assert _header_lines("date_precision", 6) == "date_\nprecision"
    assert _header_lines("kb_id", 0) == "kb_id"  # an empty column keeps its name whole


def test_short_values_are_never_split_when_the_table_fits(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    print_rows(COLUMNS, ROWS, "table")
    out = capsys.readouterr().out
    for whole in ("hypothetical", "COOPERATE", "2024-03-05", "mentions", "sources"):
        assert whole in out
    # The sentence wraps at spaces: every word of it is printed whole somewhere.
    words = set(out.split())
    assert {"harbour", "demand", "union"} <= words


def test_a_table_too_wide_still_shows_every_column(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    wide = [f"column_number_{n}" for n in range(14)]
    print_rows(wide, [tuple(f"value {n} of a longer text" for n in range(14))], "table")
    out = capsys.readouterr().out
    assert out.count("\n") > 3 and "value" in out


def test_entity_types_of_the_query_option_are_the_models() -> None:
    import typing

    from dateline.cli.query import ENTITY_TYPES
    from dateline.model import Entity

    assert list(typing.get_args(Entity.model_fields["type"].annotation)) == ENTITY_TYPES


def test_events_table_fits_a_dozen_columns_without_splitting_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """query events on a 120-column screen: short values whole, names wrapped at spaces, the
    example sentence shortened; CAMEO and confidence left to csv/tsv/jsonl."""
    from click.testing import CliRunner

    from dateline.cli import cli
    from test_store import ANADOLU, build, store
    from test_store_confidence import SURE

    monkeypatch.setenv("COLUMNS", "120")
    path = tmp_path / "table.duckdb"
    store(path, [build(ANADOLU, "Anadolu Agency", "2024-03-12T18:00:00+03:00",
                       ["erdogan", "scholz"], events=[SURE])])  # fmt: skip
    out = CliRunner().invoke(cli, ["query", "events", "--db", str(path)]).output
    words = set(out.split())
    assert {"Recep", "Tayyip", "Erdogan", "Olaf", "Scholz", "CONSULT", "occurred"} <= words
    assert "cameo" not in out and "confidence" not in out and "…" in out
    assert max(len(line) for line in out.splitlines()) <= 120
