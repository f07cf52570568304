"""``dateline eval quotes``: BRAT reading, PolNeAR-style scoring and bad-input errors.

Uses invented articles and annotation files, never the PolNeAR gold itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.errors import InputError
from dateline.evaluation.quotes import (
    Gold,
    Prediction,
    align_granularity,
    command,
    load_split,
    read_brat,
    score,
)

TEXT = (
    "Storm hits coast.\n\n"
    "“We lost everything,” said Ana Ruiz, a fisherman’s widow. “The sea took it all.”\n\n"
    "Officials said the harbour would reopen on Monday."
)


def _span(words: str) -> tuple[int, int]:
    start = TEXT.index(words)
    return start, start + len(words)


def _ann() -> str:
    c1s, c1e = _span("“We lost everything,”")
    c2s, c2e = _span("“The sea took it all.”")
    ss, se = _span("Ana Ruiz")
    cs, ce = _span("said Ana")[0], _span("said Ana")[0] + 4
    c3s, c3e = _span("the harbour would reopen on Monday")
    s3s, s3e = _span("Officials")
    q3s, q3e = _span("said the harbour")[0], _span("said the harbour")[0] + 4
    return "\n".join(
        [
            f"T1\tSource {ss} {se}\tAna Ruiz",
            f"T2\tCue {cs} {ce}\tsaid",
            f"T3\tContent {c1s} {c1e};{c2s} {c2e}\t…",
            "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
            f"T4\tSource {s3s} {s3e}\tOfficials",
            f"T5\tCue {q3s} {q3e}\tsaid",
            f"T6\tContent {c3s} {c3e}\t…",
            "E2\tAttribution:T5 Content:T6 Cue:T5 Source:T4",
        ]
    )


def _corpus(root: Path) -> Path:
    (root / "test" / "text").mkdir(parents=True)
    (root / "test" / "attributions").mkdir(parents=True)
    (root / "test" / "text" / "storm.txt").write_text(TEXT, encoding="utf-8")
    (root / "test" / "attributions" / "storm_b2.ann").write_text("T1\tSource 0 5\tStorm\n")
    (root / "test" / "attributions" / "storm_a1.ann").write_text(_ann(), encoding="utf-8")
    return root


def test_read_brat_joins_discontinuous_content(tmp_path: Path) -> None:
    path = tmp_path / "a.ann"
    path.write_text(_ann(), encoding="utf-8")
    golds = read_brat(path, TEXT)
    assert len(golds) == 2
    first = golds[0]
    assert TEXT[first.start : first.end].startswith("“We lost everything")
    assert TEXT[first.start : first.end].endswith("took it all.”")
    assert first.source_text == "Ana Ruiz"


def test_first_annotator_file_is_used(tmp_path: Path) -> None:
    [(path, text, golds)] = list(load_split(_corpus(tmp_path), "test"))
    assert path.name == "storm.txt" and text == TEXT
    assert [g.source_text for g in golds] == ["Ana Ruiz", "Officials"]


def test_split_quote_is_joined_and_scored(tmp_path: Path) -> None:
    golds = read_brat(_corpus(tmp_path) / "test" / "attributions" / "storm_a1.ann", TEXT)
    for gold in golds:
        gold.quotation = True
    speaker = [_span("Ana Ruiz")]
    parts = [
        Prediction(*_span("We lost everything"), speaker, ["Ana Ruiz"], "E1", "said"),
        Prediction(*_span("The sea took it all."), speaker, ["Ana Ruiz"], "E1", None),
        Prediction(*_span("the harbour would reopen"), [], ["the mayor"], "the mayor", "said"),
    ]
    assert len(align_granularity(TEXT, parts)) == 2
    tally = score(TEXT, golds, parts)["quotations"]
    assert (tally.predicted, tally.gold) == (2, 2)
    assert tally.exact == 1  # the joined quote; the reported clause is cut short
    assert (tally.overlap_p, tally.overlap_r) == (2, 2)
    assert (tally.attributed, tally.attribution) == (2, 1)  # "the mayor" is not "Officials"


def test_prediction_matching_a_non_quotation_is_left_out_of_the_subset() -> None:
    gold = Gold(*_span("the harbour would reopen on Monday"), None, "", None, quotation=False)
    prediction = Prediction(*_span("the harbour would reopen on Monday"))
    scores = score(TEXT, [gold], [prediction])
    assert scores["quotations"].predicted == 0
    assert (scores["all"].predicted, scores["all"].exact) == (1, 1)


def test_missing_folder_is_a_clear_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a PolNeAR folder"):
        list(load_split(tmp_path, "test"))
    result = CliRunner().invoke(command, ["--data", str(tmp_path)])
    assert isinstance(result.exception, InputError)
