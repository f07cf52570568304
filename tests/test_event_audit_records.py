"""The reader's audit of default-visible events on pages outside the gold
(tests/gold/events_audit): every record points at an unchanged source that no gold record
uses, its spans sit inside that source, and its judgements are consistent."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from conftest import REPO, SHARED, script_module
from dateline.errors import InputError
from dateline.evaluation.event_documents import GoldDocument, record_id, source_text

AUDIT = REPO / "tests" / "gold" / "events_audit"
BENCH = SHARED / "bench"
RECORDS = sorted(AUDIT.glob("*.json"))
PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip


STRATA = (
    "random", "politics", "fresh", "fresh-politics", "fresh3", "fresh3-politics", "fresh4",
    "fresh4-politics", "fresh5", "fresh5-politics", "fresh6", "fresh6-politics",
)  # fmt: skip


def _script():  # type: ignore[no-untyped-def]
    """The audit script's module."""
    return script_module("event_audit_pages")


def _gold_sources() -> set[str]:
    """The ids of every page a gold or agreement record annotates."""
    ids = set()
    for folder in ("events", "events_agreement", "merge", "entities"):
        for file in (REPO / "tests" / "gold" / folder).glob("*.json"):
            raw = json.loads(file.read_text(encoding="utf-8"))
            if isinstance(raw, dict) and "path" in raw:
                ids.add(record_id(raw["path"], raw.get("field")))
    return ids


def test_the_audit_has_its_pages() -> None:
    assert len(RECORDS) >= 60


def test_no_audited_page_is_in_the_gold() -> None:
    gold = _gold_sources()
    for file in RECORDS:
        raw = json.loads(file.read_text(encoding="utf-8"))
        assert record_id(raw["path"], raw["field"]) not in gold, file.name


@pytest.mark.parametrize("file", RECORDS, ids=lambda f: f.stem)
def test_record_spans_and_judgements(file: Path) -> None:
    if not BENCH.is_dir():
        pytest.skip(f"the shared bench is not at {BENCH}")
    raw = json.loads(file.read_text(encoding="utf-8"))
    doc = GoldDocument(
        record_id(raw["path"], raw["field"]),
        raw["path"],
        raw["field"],
        raw["topic"],
        None,
        (),
        file,
    )
    text = source_text(doc, BENCH)  # refuses a changed source (SHA-1)
    assert raw["stratum"] in STRATA
    for event in raw["events"]:
        start, end = event["sentence"]
        t_start, t_end = event["trigger"]
        assert 0 <= start <= t_start < t_end <= end <= len(text), file.name
        assert text[t_start:t_end].strip() == text[t_start:t_end], file.name
        assert event["system"]["type"] in PLOVER
        judgement = event["judgement"]
        assert judgement["note"]
        if not judgement["real"]:
            # Nothing further is judged for something that is not an event.
            assert all(judgement[k] is None for k in ("type", "actor", "recipient", "date"))
        else:
            assert all(isinstance(judgement[k], bool) for k in ("type", "actor", "recipient"))


def test_summary_counts_levels_cumulatively() -> None:
    figures = _script().summary(AUDIT)
    counts = [int(str(figures[f"precision {level}"]).split("/")[0]) for level in
              ("real", "type", "actor", "recipient")]  # fmt: skip
    assert counts == sorted(counts, reverse=True)
    assert figures["pages"] == len(RECORDS)


def test_summary_floor_counts_only_events_that_sure() -> None:
    summary = _script().summary
    everything = summary(AUDIT, "fresh3")
    shown = summary(AUDIT, "fresh3", floor=0.7)
    low = sum(
        1
        for file in RECORDS
        for event in json.loads(file.read_text(encoding="utf-8"))["events"]
        if json.loads(file.read_text(encoding="utf-8"))["stratum"] == "fresh3"
        and event["system"]["confidence"] < 0.7
    )
    assert int(str(shown["events"])) == int(str(everything["events"])) - low
    assert shown["pages"] == everything["pages"]


@pytest.mark.parametrize("round_", [2, 3, 4, 5, 6])
def test_fresh_rounds_pick_their_pages_again(round_: int) -> None:
    """Each fresh round leaves out only the earlier rounds, so it still selects the pages its
    own records judged."""
    if not BENCH.is_dir():
        pytest.skip(f"the shared bench is not at {BENCH}")
    script = _script()
    stratum = script.ROUNDS[round_][0]
    chosen = {(p["path"], p["field"]) for p in script.select_fresh(BENCH, round_)}
    judged = set()
    for file in RECORDS:
        raw = json.loads(file.read_text(encoding="utf-8"))
        if raw["stratum"] in (stratum, f"{stratum}-politics"):
            judged.add((raw["path"], raw["field"]))
    assert chosen == judged


# A page invented for the second judge's steps: four acts, each judged by an imaginary first
# judge whose notes must never reach the blind listing.
INVENTED = (
    "The mayor met union leaders on Monday. The council accused the firm of fraud. "
    "Troops struck the village at dawn. The bishop urged calm.\n"
)


def _sentence_start(at: int) -> int:
    stop = INVENTED.rfind(". ", 0, at)
    return 0 if stop < 0 else stop + 2


def _invented_audit(tmp_path: Path) -> tuple[Path, Path]:
    """A bench with one invented page and an audit folder with its first judge's record."""
    bench = tmp_path / "bench"
    (bench / "news").mkdir(parents=True)
    (bench / "news" / "town.txt").write_text(INVENTED, encoding="utf-8")

    def event(word: str, confidence: float, real: bool, recipient: bool) -> dict:
        start = INVENTED.index(word)
        levels = (True, True, recipient, True) if real else (None, None, None, None)
        return {
            "sentence": [_sentence_start(start), INVENTED.index(".", start) + 1],
            "trigger": [start, start + len(word)],
            "system": {"type": "CONSULT", "mode": None, "actor": ["x"], "recipient": [],
                       "date": None, "status": "occurred", "confidence": confidence},
            "judgement": {"real": real,
                          **dict(zip(("type", "actor", "recipient", "date"), levels, strict=True)),
                          "note": f"first judge on {word}"},
        }  # fmt: skip

    record = {
        "path": "news/town.txt",
        "field": None,
        "sha1": hashlib.sha1(INVENTED.encode("utf-8")).hexdigest(),
        "pool": "geowebnews",
        "stratum": "fresh3",
        "topic": "politics",
        "events": [
            event("met", 0.9, True, True),
            event("accused", 0.8, True, False),
            event("struck", 0.65, True, True),
            event("urged", 0.75, False, False),
            event("calm", 0.5, True, True),  # below the blind floor: never listed
        ],
    }
    audit = tmp_path / "audit"
    audit.mkdir()
    (audit / "town.json").write_text(json.dumps(record), encoding="utf-8")
    return bench, audit


def test_blind_lists_the_text_and_the_system_never_the_first_judge(tmp_path: Path) -> None:
    bench, audit = _invented_audit(tmp_path)
    rows = _script().blind(bench, audit, strata=("fresh3",), floor=0.6)
    assert [row["trigger_text"] for row in rows] == ["met", "accused", "struck", "urged"]
    assert rows[0]["sentence"] == "The mayor met union leaders on Monday."
    assert rows[1]["sentence"] == "The council accused the firm of fraud."
    assert set(rows[0]["system"]) == {"type", "mode", "actor", "recipient", "status", "confidence"}
    shown = json.dumps(rows)
    assert "judgement" not in shown and "first judge" not in shown and "politics" not in shown
    assert _script().blind(bench, audit, strata=("fresh4",)) == []


def test_blind_refuses_a_changed_page(tmp_path: Path) -> None:
    bench, audit = _invented_audit(tmp_path)
    (bench / "news" / "town.txt").write_text(INVENTED.replace("mayor", "major"), encoding="utf-8")
    with pytest.raises(InputError):
        _script().blind(bench, audit, strata=("fresh3",))


def _second_call(word: str, real: bool, **levels: bool | None) -> dict:
    """A second judge's call on the invented page's trigger ``word``: right at type, actor and
    recipient unless ``levels`` says otherwise when real, nothing past "real" when not; a level
    given (``date``) is recorded either way."""
    start = INVENTED.index(word)
    if real:
        judged = {"type": True, "actor": True, "recipient": True, **levels}
    else:
        judged = dict.fromkeys(("type", "actor", "recipient", *levels))
    return {"path": "news/town.txt", "field": None, "trigger": [start, start + len(word)],
            "real": real, **judged, "note": f"second judge on {word}"}  # fmt: skip


def _second_file(tmp_path: Path, second: dict) -> Path:
    file = tmp_path / "second.json"
    file.write_text(json.dumps(second), encoding="utf-8")
    return file


def test_agreement_kappa_precision_and_rulings(tmp_path: Path) -> None:
    _, audit = _invented_audit(tmp_path)
    key = {"path": "news/town.txt", "field": None}
    second = {
        "strata": ["fresh3"],
        "floor": 0.6,
        "events": [
            _second_call("met", True),
            _second_call("accused", True),
            _second_call("struck", False),
            _second_call("urged", False),
        ],
        "adjudication": [
            {**key, "trigger": [INVENTED.index("accused"), INVENTED.index("accused") + 7],
             "follow": "second", "reason": "r"},
            {**key, "trigger": [INVENTED.index("struck"), INVENTED.index("struck") + 6],
             "follow": "first", "reason": "r"},
        ],
    }  # fmt: skip
    figures = _script().agreement(audit, _second_file(tmp_path, second))
    assert figures["events"] == 4 and figures["unjudged"] == 0
    assert figures["date"] is None  # this second judge judged no date
    levels = figures["levels"]
    # real: first yes yes yes no, second yes yes no no -> 3 of 4 alike, chance 0.5, kappa 0.5
    assert levels["real"] == {"agreement": "75.0 (3/4)", "kappa": 0.5}
    assert levels["recipient"]["agreement"] == "50.0 (2/4)"
    at_07 = figures["precision"][">= 0.7"]
    assert at_07["first"]["recipient"] == "33.3 (1/3)"
    assert at_07["second"]["recipient"] == "66.7 (2/3)"
    assert at_07["both"]["recipient"] == "33.3 (1/3)"
    assert figures["precision"][">= 0.6"]["adjudicated"]["recipient"] == "75.0 (3/4)"
    assert [d["second_note"] for d in figures["disagreements"]] == [
        "second judge on accused",
        "second judge on struck",
    ]


def test_agreement_wants_a_ruling_for_every_disagreement(tmp_path: Path) -> None:
    _, audit = _invented_audit(tmp_path)
    start = INVENTED.index("met")
    second = {
        "strata": ["fresh3"],
        "floor": 0.9,
        "events": [{"path": "news/town.txt", "field": None, "trigger": [start, start + 3],
                    "real": False, "type": None, "actor": None, "recipient": None,
                    "note": "n"}],
        "adjudication": [],
    }  # fmt: skip
    with pytest.raises(ValueError, match="no ruling"):
        _script().agreement(audit, _second_file(tmp_path, second))


def test_kappa_of_perfect_and_chance_agreement() -> None:
    kappa = _script().cohen_kappa
    assert kappa([True, False, True], [True, False, True]) == 1.0
    assert kappa([True, True], [True, True]) is None  # one answer throughout: undefined
    assert kappa([True, False, True, False], [True, True, False, False]) == 0.0


def test_agreement_on_the_date_counts_only_events_both_call_real(tmp_path: Path) -> None:
    _, audit = _invented_audit(tmp_path)
    # The first judge: met, accused, struck real with the date right (the recipient of
    # "accused" wrong), urged not real. The second differs on the date of "accused" only and
    # agrees on every level.
    second = {
        "strata": ["fresh3"],
        "floor": 0.6,
        "events": [
            _second_call("met", True, date=True),
            _second_call("accused", True, recipient=False, date=False),
            _second_call("struck", True, date=True),
            _second_call("urged", False, date=None),
        ],
        "adjudication": [],
    }
    figures = _script().agreement(audit, _second_file(tmp_path, second))
    assert figures["disagreements"] == []
    date = figures["date"]
    # three events both call real; 2 of 3 alike; the first judge says yes throughout, so
    # chance agreement equals the observed and kappa is 0
    assert date["agreement"] == "66.7 (2/3)" and date["kappa"] == 0.0
    assert date["first"] == "100.0 (3/3)" and date["second"] == "66.7 (2/3)"
    assert [d["second_note"] for d in date["disagreements"]] == ["second judge on accused"]


def test_rescore_matches_a_new_run_to_the_judgements_by_trigger(tmp_path: Path) -> None:
    script = _script()
    text = "Headline here\n\nThe mayor met the envoy on Monday. Police arrested two men."
    judged_at = text.index("met")
    record = {
        "stratum": "fresh5",
        "events": [
            {
                "trigger": [judged_at, judged_at + 3],
                "system": {"type": "CONSULT"},
                "judgement": {"real": True, "type": True, "actor": True, "recipient": False},
            },
            {
                "trigger": [text.index("arrested"), text.index("arrested") + 8],
                "system": {"type": "COERCE"},
                "judgement": {"real": True, "type": True, "actor": True, "recipient": True},
            },
        ],
    }
    (tmp_path / "page.json").write_text(json.dumps(record), encoding="utf-8")
    body = text.split("\n\n", 1)[1]  # the analysed body lost the headline
    sentence = "The mayor met the envoy on Monday."
    analysis = {
        "article": {"text": body},
        "entities": [{"id": "E1", "name": "mayor"}],
        "events": [
            {"type": "CONSULT", "trigger": "met", "sentence": sentence, "field": "text",
             "start": body.index("met"), "end": body.index("met") + 3, "confidence": 0.8,
             "actor": ["E1"], "recipient": []},
            {"type": "REQUEST", "trigger": "envoy", "sentence": sentence, "field": "text",
             "start": body.index("envoy"), "end": body.index("envoy") + 5,
             "confidence": 0.7},
        ],
    }  # fmt: skip
    pages = [{"text": text, "record": "page.json"}]
    shown, lost = script.rescore(pages, [analysis], 0.6, folder=tmp_path)
    assert [(e["trigger"], e["judgement"] is not None, e["actor"]) for e in shown] == [
        ("met", True, ["mayor"]),
        ("envoy", False, []),
    ]
    assert [(e["trigger"], e["confidence"]) for e in lost] == [("arrested", None)]
    figures = script.rescore_summary(shown)
    assert figures["precision actor"] == "1/1" and figures["precision recipient"] == "0/1"
    assert figures["not judged"] == "1"
