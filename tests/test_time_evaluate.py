"""The TimeML reader and the TempEval-3 scoring behind ``dateline eval time``."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.errors import InputError
from dateline.evaluation.time import Score, command
from dateline.evaluation.timeml import GoldTimex, read_timeml, timeml_files
from dateline.model import TimeExpression

# An invented wire story in TimeML, written for these tests.
STORY = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TEST_001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2019-05-08" functionInDocument="CREATION_TIME">May 8, 2019</TIMEX3></DCT>
<TEXT>
Flood waters <EVENT eid="e1" class="OCCURRENCE">receded</EVENT> <TIMEX3 tid="t1" type="DATE" value="2019-05-07">Tuesday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3> of rain, officials said. Repairs will start <TIMEX3 tid="t3" type="DATE" value="2019-05-13">next Monday</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "story.tml").write_text(STORY, encoding="utf-8")
    return tmp_path


def test_read_timeml_offsets_point_into_the_plain_text(corpus: Path) -> None:
    document = read_timeml(corpus / "news" / "story.tml")
    assert document.dct == "2019-05-08"
    assert "<" not in document.text
    assert [(t.text, t.type, t.value) for t in document.timexes] == [
        ("Tuesday", "DATE", "2019-05-07"),
        ("three days", "DURATION", "P3D"),
        ("next Monday", "DATE", "2019-05-13"),
    ]
    for t in document.timexes:
        assert document.text[t.start : t.end] == t.text


def test_bad_inputs_are_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no TimeML"):
        list(timeml_files(tmp_path))
    with pytest.raises(InputError, match="not a directory"):
        list(timeml_files(tmp_path / "missing"))
    broken = tmp_path / "broken.tml"
    broken.write_text("<TimeML><TEXT>unclosed", encoding="utf-8")
    with pytest.raises(InputError, match="broken.tml"):
        read_timeml(broken)


def test_score_strict_relaxed_and_value() -> None:
    gold = [
        GoldTimex(0, 7, "Tuesday", "DATE", "2019-05-07"),
        GoldTimex(20, 30, "three days", "DURATION", "P3D"),
        GoldTimex(40, 51, "next Monday", "DATE", "2019-05-13"),
    ]
    found = [
        TimeExpression(text="Tuesday", value="2019-05-07", start=0, end=7),
        TimeExpression(text="of three days", value="P2D", type="DURATION", start=17, end=30),
        TimeExpression(text="rain", value="PRESENT_REF", start=60, end=64),
    ]
    score = Score()
    errors = score.add(gold, found)
    assert (score.gold, score.system, score.strict, score.relaxed, score.value_correct) == (
        3,
        3,
        1,
        2,
        1,
    )
    assert any(e.startswith("missed") and "next Monday" in e for e in errors)
    assert any(e.startswith("spurious") and "rain" in e for e in errors)
    row = score.row("system")
    # strict F1 = 1/3, relaxed F1 = 2/3, value F1 = 1/3, value accuracy = 1/2
    assert "| 33.33 | 33.33 | 33.33 | 66.67 | 66.67 | 66.67 | 33.33 | 50.00 |" in row


def test_eval_command_prints_a_markdown_table(corpus: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(command, ["--data", str(corpus), "--no-baseline"])
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if line.startswith("| Dateline"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1:3] == ["3", "3"]  # gold, found
    assert cells[5] == "100.00"  # strict F1: every extent exact
    assert cells[9] == "100.00"  # value F1: every value right
