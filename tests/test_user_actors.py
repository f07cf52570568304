"""User actor dictionaries: the CSV/YAML format, `dateline actors check|lookup`, and
`--actors` on analyze winning over the built-in knowledge base."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.entities.kb import reset_kb
from dateline.entities.user_actors import ENVIRONMENT_VARIABLE, read_dictionary

HEADER = "name,aliases,type,country,sector,code,start,end\n"
ROWS = (
    "Ferhat Yildiz,Yildiz|Mayor Yildiz,PERSON,TUR,GOV,,2024-04-01,\n"
    "Ferhat Yildiz,,PERSON,TUR,OPP,,2019-01-01,2024-03-31\n"
    "Northern Valley Defence Brigade,NVDB,GROUP,SDN,REB,SDNREB,,\n"
    "Boris Johnson,,PERSON,GBR,MED,GBRMED,,\n"
)


@pytest.fixture
def dictionary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    path = tmp_path / "actors.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    reset_kb()
    yield path
    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    reset_kb()


def test_rows_with_one_name_are_roles_of_one_actor(dictionary: Path) -> None:
    actors, problems = read_dictionary(dictionary)
    assert problems == []
    yildiz = next(a for a in actors if a.name == "Ferhat Yildiz")
    assert yildiz.aliases == ["Yildiz", "Mayor Yildiz"]
    assert [(r.sector, r.start, r.end) for r in yildiz.roles] == [
        ("GOV", "2024-04-01", None),
        ("OPP", "2019-01-01", "2024-03-31"),
    ]


def test_check_reports_every_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER
        + "Good Name,,ORG,USA,BUS,,,\n"
        + "Bad Type,,PRSN,USA,GOV,,,\n"
        + "Bad Country,,PERSON,XXX,GOV,,,\n"
        + "Bad Dates,,PERSON,USA,GOV,,2020-05-01,2019-01-01\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["actors", "check", str(path)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 3
    assert f"{path}:3:" in lines[0] and "PRSN" in lines[0]
    assert f"{path}:4:" in lines[1] and "XXX" in lines[1]
    assert f"{path}:5:" in lines[2] and "before start" in lines[2]


def test_check_rejects_a_wrong_header(tmp_path: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_text("name,country\nX,USA\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["actors", "check", str(path)])
    assert result.exit_code == 1
    assert "missing: aliases" in result.output


def test_yaml_dictionaries_take_the_same_fields(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(
        "- name: Northern Valley Defence Brigade\n"
        "  aliases: [NVDB, the Brigade]\n  type: GROUP\n  country: SDN\n  sector: REB\n"
        "- name: Ferhat Yildiz\n  country: TUR\n  sector: GOV\n  start: 2024-04-01\n",
        encoding="utf-8",
    )
    actors, problems = read_dictionary(path)
    assert problems == []
    assert actors[0].aliases == ["NVDB", "the Brigade"]
    assert actors[1].roles[0].start == "2024-04-01"


def test_lookup_codes_by_date_and_names_the_source(dictionary: Path) -> None:
    runner = CliRunner()
    early = runner.invoke(
        cli, ["actors", "lookup", "Yildiz", "--date", "2020-06-01", "--actors", str(dictionary)]
    )
    assert early.exit_code == 0, early.output
    assert "TUROPP" in early.output and f"{dictionary}:line 2" in early.output
    late = runner.invoke(cli, ["actors", "lookup", "Ferhat Yildiz", "--date", "2025-06-01"])
    assert "TURGOV" in late.output  # the dictionary stays configured for the process


def test_analyze_with_actors_uses_the_users_entries_first(dictionary: Path, tmp_path: Path) -> None:
    article = tmp_path / "article.json"
    article.write_text(
        json.dumps(
            {
                "title": "Brigade seizes town",
                "published": "2025-03-02",
                "text": "Fighters of the Northern Valley Defence Brigade seized the town of "
                "Kadugli on Saturday, residents said. Boris Johnson criticised the attack in "
                "a column on Sunday, and Mayor Ferhat Yildiz condemned it.",
            }
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["analyze", str(article), "--format", "json", "--actors", str(dictionary)]
    )
    assert result.exit_code == 0, result.output
    entities = {e["name"]: e for e in json.loads(result.output)["entities"]}
    assert entities["Northern Valley Defence Brigade"]["code"] == "SDNREB"
    assert entities["Boris Johnson"]["code"] == "GBRMED"  # the built-in KB says otherwise
    assert entities["Ferhat Yildiz"]["code"] == "TURGOV"  # the role valid on 2025-03-02


def test_a_bad_dictionary_stops_analyze_with_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "X,,PERSON,ZZZ,GOV,,,\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", "-", "--actors", str(path)], input="Text.")
    assert result.exit_code == 2
    assert f"{path.resolve()}:2" in result.output and "ZZZ" in result.output
    assert "Traceback" not in result.output


def test_a_bad_dictionary_named_by_the_environment_stops_before_any_work(
    dictionary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DATELINE_ACTORS is checked as --actors is: one error, no article logged as failed."""
    article = tmp_path / "story.txt"
    article.write_text(
        "Brigade seizes town\n\nFighters seized the town on Saturday, residents said.\n"
    )
    db = tmp_path / "news.duckdb"
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, str(tmp_path / "missing.csv"))
    result = CliRunner().invoke(cli, ["ingest", str(article), "--db", str(db)])
    assert result.exit_code == 2
    assert "missing.csv: actor dictionary not found (named by DATELINE_ACTORS)" in result.output
    assert not db.exists()
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, str(dictionary))
    good = CliRunner().invoke(cli, ["analyze", str(article), "--stages", "article"])
    assert good.exit_code == 0, good.output
