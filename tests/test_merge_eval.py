"""``dateline eval merge``: reading the cross-article merge gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.errors import InputError
from dateline.evaluation.merge import load_gold

REPO = Path(__file__).resolve().parent.parent


def test_the_shipped_merge_gold_reads_and_groups_every_mention_once() -> None:
    mentions, published = load_gold(REPO / "tests" / "gold" / "merge")
    ids = [m.id for m in mentions]
    assert len(ids) == len(set(ids)) and len(mentions) >= 10
    assert len({m.path for m in mentions}) >= 5  # several outlets
    assert all(m.path in published for m in mentions)
    assert any(sum(1 for m in mentions if m.event == e) >= 3 for e in {m.event for m in mentions})


def test_a_broken_record_is_named_in_the_error(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text(json.dumps({"mentions": [{"id": "m1"}], "events": [["m1"]]}))
    with pytest.raises(InputError, match="bad.json"):
        load_gold(tmp_path)
    with pytest.raises(InputError, match="no merge gold"):
        load_gold(tmp_path / "empty")
