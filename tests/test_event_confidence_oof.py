"""The out-of-fold census script's recipient listing (scripts/event_confidence_oof.py)."""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType

import pytest

from conftest import script_module
from dateline.events.confidence import Evidence
from dateline.model import Event, Span


@pytest.fixture(scope="module")
def oof() -> Iterator[ModuleType]:
    yield script_module("event_confidence_oof")


def _event(start: int, recipient: list[str], mentions: list[Span] | None = None) -> Event:
    return Event(
        id="V1", type="REJECT", trigger="rejected", sentence="", start=start, end=start + 8,
        actor=["E1"], recipient=recipient, mentions=mentions or [],
    )  # fmt: skip


def _evidence(link: str | None) -> Evidence:
    return Evidence(
        trigger_kind="verb", word_class=None, actor="named", recipient=link is not None,
        political_party=False, domain="politics", recipient_link=link,
    )  # fmt: skip


def test_sentence_bounds_stop_at_a_full_stop_or_a_line_break(oof: ModuleType) -> None:
    source = "The mayor spoke first. The council rejected the plan.\nVoters cheered."
    trigger = source.index("rejected")
    start, end = oof.sentence_bounds(source, (trigger, trigger + 8))
    assert source[start:end].strip() == "The council rejected the plan."


def test_recipient_link_is_the_one_of_the_telling_that_named_the_recipient(
    oof: ModuleType,
) -> None:
    # Two tellings of one record: the first names no recipient, the retelling names E2.
    first, retold = _event(10, []), _event(60, ["E2"])
    record = _event(10, ["E2"], [Span(start=10, end=18, text="rejected"),
                                 Span(start=60, end=68, text="rejected")])  # fmt: skip
    tellings = [(first, _evidence(None)), (retold, _evidence("object"))]
    assert oof.recipient_link(tellings, record) == "object"
    # A telling elsewhere in the article says nothing about this record.
    assert oof.recipient_link([(_event(90, ["E2"]), _evidence("prep"))], record) is None
