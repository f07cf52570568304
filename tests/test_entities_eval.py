"""``dateline eval actors`` / ``dateline eval toponyms`` on tiny invented gold files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.errors import InputError
from dateline.evaluation.actors import (
    Score,
    _gold_actor,
    command,
    load_actor_records,
    load_geowebnews,
    toponyms_command,
)

RECORDS = [
    {"id": "X-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "header"},
    {
        "id": "X-AGREE-0001",
        "date": "2016-05-01",
        "event": "AGREE",
        "text": "Ruritanian rebels agreed to a ceasefire with French President Francois Hollande.",
        "source": [{"actorText": "Ruritanian rebels", "code": "RUR", "sector": "REB"}],
        "target": [
            {"actorText": "French President Francois Hollande", "code": "FRA", "sector": "GOV"}
        ],
    },
    {
        "id": "X-CONSULT-0002",
        "date": "2016-05-01",
        "event": "CONSULT",
        "text": "Jordan and Egypt held talks in Amman on Tuesday.",
        "source": [{"actorText": "Jordan", "code": "JOR"}, {"actorText": "Egypt", "code": "EGY"}],
        "target": "",
    },
]


def test_gold_codes_are_normalised() -> None:
    assert _gold_actor({"code": "JAP", "sector": "GOV"}) == ("JPN", "GOV")
    assert _gold_actor({"code": "IGOUNO", "sector": None}) == ("IGO", None)
    assert _gold_actor({"code": "SRB", "sector": "CVLalb"}) == ("SRB", "CVL")
    assert _gold_actor({"code": "USA", "sector": "***"}) == ("USA", None)
    assert _gold_actor("") is None


def test_score_counts() -> None:
    score = Score()
    score.add({"a", "b"}, {"b", "c"})
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)
    assert score.f1 == pytest.approx(0.5)


def test_actors_command_prints_both_systems(tmp_path: Path) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(RECORDS), encoding="utf-8")
    assert len(load_actor_records(gold)) == 2
    result = CliRunner().invoke(command, ["--data", str(gold), "--dev"])
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if line.startswith("| ")][1:]
    systems = {row.split(" | ")[0].strip("| ") for row in rows}
    assert systems == {"spaCy NER + country names (baseline)", "Dateline entities"}
    all_rows = [row for row in rows if " | all | " in row]
    assert len(all_rows) == 2 and all(" | 2 | " in row for row in all_rows)


def test_bad_actor_gold_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="broken.json"):
        load_actor_records(broken)
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")
    with pytest.raises(InputError, match="no PLOVER records"):
        load_actor_records(empty)
    with pytest.raises(InputError, match="no such file"):
        load_actor_records(tmp_path / "missing.json")


def test_toponyms_command_scores_spans(tmp_path: Path) -> None:
    text = "Protesters gathered in Lyon before marching to the French embassy in Madrid."
    (tmp_path / "7.txt").write_text(text, encoding="utf-8")
    lyon, madrid, french = (text.index(w) for w in ("Lyon", "Madrid", "French"))
    (tmp_path / "7.ann").write_text(
        f"T1\tLiteral {lyon} {lyon + 4}\tLyon\n"
        f"T2\tLiteral {madrid} {madrid + 6}\tMadrid\n"
        f"T3\tNon_Literal_Modifier {french} {french + 6}\tFrench\n"
        f"T4\tLiteral_Expression 0 10\tProtesters\n",
        encoding="utf-8",
    )
    docs = load_geowebnews(tmp_path)
    assert docs[0].gold == {(lyon, lyon + 4), (madrid, madrid + 6), (french, french + 6)}
    result = CliRunner().invoke(toponyms_command, ["--data", str(tmp_path)])
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if "Dateline + nationality" in line)
    assert row.split(" | ")[3:6] == ["100.0", "100.0", "100.0"]


def test_bad_toponym_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no GeoWebNews"):
        load_geowebnews(tmp_path)
    (tmp_path / "1.ann").write_text("T1\tLiteral 0 4\tLyon\n", encoding="utf-8")
    with pytest.raises(InputError, match="no text file"):
        load_geowebnews(tmp_path)


def test_title_line_is_not_scored(tmp_path: Path) -> None:
    text = "TITLE: Storm hits Lyon LINK: http://example.org/x\nThe storm reached Lyon at noon."
    (tmp_path / "3.txt").write_text(text, encoding="utf-8")
    body_lyon = text.rindex("Lyon")
    (tmp_path / "3.ann").write_text(
        f"T1\tLiteral {body_lyon} {body_lyon + 4}\tLyon\n", encoding="utf-8"
    )
    doc = load_geowebnews(tmp_path)[0]
    title_lyon = text.index("Lyon")
    assert doc.in_body({(title_lyon, title_lyon + 4), (body_lyon, body_lyon + 4)}) == doc.gold
