"""Agreement between two annotations of the same article (dateline.evaluation.event_agreement),
on an invented article annotated twice."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from dateline.evaluation.event_agreement import LEVELS, compare_folders, report

ARTICLE = (
    "Kenya's foreign minister Amina Wekesa met her Ugandan counterpart John Okello on Tuesday. "
    "Wekesa accused Uganda's navy of seizing Kenyan fishing boats. "
    "Police arrested two fishermen in Kisumu."
)


def _span(word: str) -> list[int]:
    start = ARTICLE.index(word)
    return [start, start + len(word)]


def _event(trigger: str, kind: str, actor: list, recipient: list, **extra: object) -> dict:
    return {
        "trigger": _span(trigger),
        "type": kind,
        "actor": actor,
        "recipient": recipient,
        "date": extra.get("date"),
        "status": extra.get("status", "occurred"),
    }


def _record(events: list[dict]) -> dict:
    return {
        "path": "news/kisumu.txt",
        "field": None,
        "sha1": hashlib.sha1(ARTICLE.encode("utf-8")).hexdigest(),
        "topic": "politics",
        "events": events,
    }


def test_agreement_of_two_annotations(tmp_path: Path) -> None:
    (tmp_path / "bench" / "news").mkdir(parents=True)
    (tmp_path / "bench" / "news" / "kisumu.txt").write_text(ARTICLE, encoding="utf-8")
    wekesa = {"span": _span("Amina Wekesa"), "name": "Amina Wekesa"}
    okello = {"span": _span("John Okello"), "name": "John Okello"}
    navy = {"span": _span("Uganda's navy"), "name": "Ugandan navy"}
    first = [
        # The meeting: symmetric, so actor and recipient swapped still agree.
        _event("met", "CONSULT", [wekesa], [okello], date="2026-11-24"),
        _event("accused", "ACCUSE", [{"span": None, "name": "Wekesa"}], [navy]),
        _event("arrested", "COERCE", [{"span": _span("Police"), "name": "police"}], []),
    ]
    second = [
        _event("met", "CONSULT", [okello], [wekesa], date=None),
        # Same actor by surname; the recipient left out.
        _event("accused", "ACCUSE", [wekesa], []),
        # Only in the second annotation.
        _event("seizing", "COERCE", [navy], [], status="hypothetical"),
    ]
    for name, events in (("a", first), ("b", second)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "kisumu.json").write_text(json.dumps(_record(events)), "utf-8")
    (result,) = compare_folders(tmp_path / "a", tmp_path / "b", tmp_path / "bench")
    tally = result.agreement
    assert (tally.events_a, tally.events_b) == (3, 3)
    # "seizing" lies within 40 characters of "accused", but it is not the accusation: the
    # accusation pairs with the accusation, and the seizure and the arrest stay unmatched.
    assert [tally.matched[level] for level in LEVELS] == [2, 2, 1]
    assert abs(tally.f1("type") - 4 / 6) < 1e-9
    assert (tally.status_same, tally.status_pairs) == (2, 2)
    assert (tally.date_same, tally.date_pairs) == (1, 2)
    assert [e.type for e in result.unmatched_a] == ["COERCE"]
    assert [e.type for e in result.unmatched_b] == ["COERCE"]
    table = report([result], {"all": [0]})
    assert "| all (1) | 3 / 3 | 66.7 | 66.7 | 33.3 | 100.0 (2) | 50.0 (2) |" in table
