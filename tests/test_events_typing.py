"""The right PLOVER type on the events users see (issue 11; docs/EVALUATION.md, "Types of the
kept events"): a phrase of place names no seized territory, a promise or refusal whose
infinitive the parser hung as an adverbial clause is still a promise or a refusal, and a
typographic apostrophe does not hide a future (invented news sentences, hand-built entities)."""

from __future__ import annotations

import pytest

from dateline.events import lexicon
from dateline.events.status import status_of
from dateline.events.triggers import find_triggers
from dateline.nlp.labels import plain_lower
from test_events import build

POLICE_AND_COUNTRIES = {
    "E1": ("ORG", ["Customs officers", "customs officers"]),
    "E2": ("LOCATION", ["Norvania"]),
    "E3": ("LOCATION", ["Estrava"]),
}


def _types(nlp, text: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    analysis = build(nlp, text, POLICE_AND_COUNTRIES, keep_unattributed=True, confidence="rules")
    return [(e.type, e.trigger) for e in analysis.events]


def test_goods_seized_at_a_place_are_no_seized_territory(nlp) -> None:  # type: ignore[no-untyped-def]
    for body in (
        "Customs officers seized 400 kilos of cocaine at a warehouse in Port Lerida on Tuesday.",
        "Customs officers seized two trucks of cigarettes at the airport near the city.",
    ):
        assert ("COERCE", "seized") in _types(nlp, body), body
        assert not [t for t in _types(nlp, body) if t[0] == "ASSAULT"], body


def test_a_seized_town_is_still_occupied(nlp) -> None:  # type: ignore[no-untyped-def]
    assert ("ASSAULT", "seized") in _types(
        nlp, "Norvania seized the town after a week of fighting."
    )


def test_a_place_parsed_as_a_second_object_is_where_goods_were_seized(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Police seized their 300 kilos of meat at a market in Balintawak, Quezon City.")
    seized = [t for t in find_triggers(list(doc)) if t.token.lower_ == "seized"]
    assert seized and lexicon.coding(seized[0].cameo).type == "COERCE"  # type: ignore[union-attr]


def test_a_promise_of_force_with_a_phrase_before_its_infinitive_is_a_threat(nlp) -> None:  # type: ignore[no-untyped-def]
    # The parser hangs "to fight" on "vowed" as an adverbial clause here.
    types = _types(
        nlp, 'Norvania vowed on Friday to fight the U.S. "at any cost" after the tariffs.'
    )
    assert ("THREATEN", "vowed") in types, types
    assert not [t for t in types if t[0] in {"ASSAULT", "AGREE"}], types


def test_a_refusal_with_a_phrase_before_its_infinitive_rejects(nlp) -> None:  # type: ignore[no-untyped-def]
    types = _types(nlp, "Norvania refused on Monday to meet the envoys of Estrava.")
    assert ("REJECT", "refused") in types, types
    assert not [t for t in types if t[0] == "CONSULT"], types


@pytest.mark.parametrize("apostrophe", ["'", "\u2019"])
def test_a_contracted_future_is_future_with_either_apostrophe(nlp, apostrophe: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(f"Norvania warned that we{apostrophe}ll meet the envoy in Geneva next week.")
    meet = next(t for t in doc if t.lower_ == "meet")
    assert status_of(meet) == "future"
    contraction = next(t for t in doc if t.lower_.endswith("ll") and t.i == meet.i - 1)
    assert plain_lower(contraction) == "'ll"


def test_triggers_read_from_the_columns_are_the_lexicon_words_only(nlp) -> None:  # type: ignore[no-untyped-def]
    # find_triggers reads each word's tag, lemma and lower case from the document's columns
    # and passes over nouns and verbs no lexicon holds before any other check.
    doc = nlp(
        "Dockworkers staged a strike at the harbour gate, and police arrested two union "
        "organisers on Tuesday."
    )
    found = [(t.token.text, t.cameo, t.nominal) for t in find_triggers(list(doc))]
    assert found == [("staged", "140", False), ("arrested", "173", False)]
    assert find_triggers([]) == []
