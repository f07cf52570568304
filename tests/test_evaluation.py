"""The pieces the eval commands share (dateline.evaluation) and the packaged-data reader
(dateline.resources)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from dateline.errors import InputError
from dateline.evaluation import (
    f1,
    id_digest,
    pct,
    prf,
    ratio,
    require_dir,
    require_file,
    table_row,
)
from dateline.resources import data_json, data_lines, data_text


def test_id_digest_is_sha1_of_the_utf8_id() -> None:
    assert id_digest("R-1") == hashlib.sha1(b"R-1").hexdigest()
    assert id_digest("Zürich") == hashlib.sha1("Zürich".encode()).hexdigest()


def test_precision_recall_f1_from_counts() -> None:
    assert prf(3, 4, 3, 6) == (0.75, 0.5, 2 * 0.75 * 0.5 / 1.25)
    # Overlap scoring: the correct predictions and the found gold items are counted apart.
    assert prf(2, 4, 1, 2) == (0.5, 0.5, 0.5)
    assert prf(0, 0, 0, 5) == (0.0, 0.0, 0.0)
    assert ratio(1, 0) == 0.0
    assert f1(0.0, 0.0) == 0.0


def test_cells_and_rows() -> None:
    assert pct(0.4567) == "45.7"
    assert pct(0.4567, 2) == "45.67"
    assert table_row(["a", "1", "2.0"]) == "| a | 1 | 2.0 |"


def test_data_checks_name_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    with pytest.raises(InputError, match="no gold here"):
        require_dir(missing, "no gold here")
    with pytest.raises(InputError, match="no gold file"):
        require_file(tmp_path, "no gold file")
    require_dir(tmp_path, "unused")


def test_packaged_data_lines_skip_blank_and_comment_lines() -> None:
    lines = data_lines("dateline.events", "data", "cameo_plover.tsv")
    assert lines and not any(line.startswith("#") or not line.strip() for line in lines)
    # Lines are kept as written: trailing empty columns survive for the callers' tab split.
    assert any(line.endswith("\t") for line in lines)
    assert data_text("dateline.events", "data", "cameo_plover.tsv") is data_text(
        "dateline.events", "data", "cameo_plover.tsv"
    )
    assert isinstance(data_json("dateline.time", "lexicon.json"), dict)
