"""Definite descriptions of an organisation named earlier ("the bureau", "the company") join its
entity only when exactly one organisation of that kind was named shortly before.

The articles are invented.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dateline.entities.org_descriptions import name_heads
from dateline.model import Analysis, Entity

DATE = "2023-04-12T09:00:00+00:00"


def entity_with(analysis: Analysis, mention: str) -> Entity | None:
    found = [e for e in analysis.entities if mention in [m.text for m in e.mentions]]
    assert len(found) <= 1
    return found[0] if found else None


def test_the_bureau_is_the_bureau_named_before(analyze: Callable[..., Analysis]) -> None:
    body = (
        "The Federal Bureau of Investigation opened an inquiry on Monday into the break-in at "
        "a county records office.\n\n"
        "The bureau said it was reviewing footage from nearby cameras."
    )
    analysis = analyze(body, published=DATE, stages=["entities"])
    bureau = entity_with(analysis, "The bureau")
    assert bureau is not None and bureau.type == "ORG"
    assert "Federal Bureau of Investigation" in [m.text for m in bureau.mentions]
    # The name stays the entity's name, not the description.
    assert bureau.name != "The bureau"


def test_a_company_suffix_and_an_adjective(analyze: Callable[..., Analysis]) -> None:
    body = (
        "Shares of Holvard Instruments Corp fell 12 percent after the recall was announced.\n\n"
        "The company said it would replace the faulty sensors free of charge.\n\n"
        "Officials at the Coastal Waters Agency had asked for the recall. The regional agency "
        "declined to say how many boats were affected."
    )
    analysis = analyze(body, published=DATE, stages=["entities"])
    company = entity_with(analysis, "The company")
    assert company is not None and "Holvard Instruments Corp" in company.name
    agency = entity_with(analysis, "The regional agency")
    assert agency is not None and agency.name == "Coastal Waters Agency"


@pytest.mark.parametrize(
    ("body", "description"),
    [
        (
            "The Labour Department and the Commerce Department released their figures on the "
            "same morning.\n\n"
            "The department said the numbers would be revised next month.",
            "The department",
        ),
        (  # a broader noun: both a service and a bureau are "the agency"
            "The Secret Service and the Federal Bureau of Investigation both questioned the "
            "driver on Friday.\n\n"
            "The agency said the driver had been released.",
            "The agency",
        ),
    ],
    ids=["two departments", "two agencies"],
)
def test_two_bodies_of_the_kind_leave_the_description_unlinked(
    analyze: Callable[..., Analysis], body: str, description: str
) -> None:
    analysis = analyze(body, published=DATE, stages=["entities"])
    linked = entity_with(analysis, description)
    assert linked is None or linked.type != "ORG"


def test_a_broader_kind_noun(analyze: Callable[..., Analysis]) -> None:
    """A bureau or an administration is also "the agency", a committee "the panel"."""
    body = (
        "Investigators from the Drug Enforcement Administration searched a warehouse in "
        "Tacoma on Monday.\n\n"
        "The agency said it had found no evidence of trafficking.\n\n"
        "Separately, the Senate Armed Services Committee summoned two admirals to testify.\n\n"
        "The panel will hear them next week."
    )
    analysis = analyze(body, published=DATE, stages=["entities"])
    agency = entity_with(analysis, "The agency")
    assert agency is not None and agency.type == "ORG"
    assert "Drug Enforcement Administration" in [m.text for m in agency.mentions]
    panel = entity_with(analysis, "The panel")
    assert panel is not None and "Committee" in panel.name


def test_the_one_named_in_its_own_sentence(analyze: Callable[..., Analysis]) -> None:
    """Two bodies fit "the agency" in the paragraphs before it; the one named earlier in the
    description's own sentence is the one meant."""
    body = (
        "The State Department released another batch of the senator's emails on Thursday.\n\n"
        "Separately, Federal Bureau of Investigation Director Alan Reeve told lawmakers that "
        "the agency was reviewing new messages."
    )
    analysis = analyze(body, published=DATE, stages=["entities"])
    agency = entity_with(analysis, "the agency")
    assert agency is not None and agency.kb_id == "FBI"


def test_name_heads_with_broader_kinds() -> None:
    assert name_heads("Federal Bureau of Investigation") == {"bureau", "agency"}
    assert name_heads("Drug Enforcement Administration") == {"agency"}
    assert name_heads("House Oversight Committee") == {"committee", "panel"}
    # A modifier inside the name still says nothing of its kind.
    assert "service" not in name_heads("Public Service Commission")


def test_no_organisation_of_that_kind_no_link(analyze: Callable[..., Analysis]) -> None:
    body = (
        "The Harbour Trust bought the old warehouse in March.\n\n"
        "The company that owned it before had gone bankrupt, and the agency handling the sale "
        "said little."
    )
    analysis = analyze(body, published=DATE, stages=["entities"])
    trust = [e for e in analysis.entities if e.name == "Harbour Trust"]
    for entity in trust:
        assert [m.text for m in entity.mentions if m.text.lower().startswith("the ")] == []


def test_not_after_too_many_paragraphs_nor_for_plurals(analyze: Callable[..., Analysis]) -> None:
    filler = "Residents gathered outside the hall.\n\n" * 5
    body = (
        "The Millbrook Town Council voted on Tuesday to close the library.\n\n"
        + filler
        + "The council later reopened it. Other councils were watching closely."
    )
    analysis = analyze(body, published=DATE, stages=["entities"])
    council = entity_with(analysis, "Millbrook Town Council")
    assert council is not None
    assert "The council" not in [m.text for m in council.mentions]
    assert "councils" not in " ".join(m.text for m in council.mentions)

    near = analyze(
        "The Millbrook Town Council voted on Tuesday to close the library.\n\n"
        "The council later reopened it.",
        published=DATE,
        stages=["entities"],
    )
    council = entity_with(near, "Millbrook Town Council")
    assert council is not None and "The council" in [m.text for m in council.mentions]


def test_the_country_is_the_one_country_named_before(analyze: Callable[..., Analysis]) -> None:
    body = (
        "Floods have driven thousands of families from their homes in Malawi this month.\n\n"
        "The World Food Programme said it would fly food aid to the country."
    )
    analysis = analyze(body, published=DATE, stages=["entities", "geo"])
    country = entity_with(analysis, "the country")
    assert country is not None and country.name == "Malawi"
    # A description is no place name for the geo stage.
    assert all(loc.entity == country.id for loc in analysis.locations if loc.entity)
    assert len([loc for loc in analysis.locations if loc.entity == country.id]) == 1


def test_the_country_after_two_countries_stays_unlinked(analyze: Callable[..., Analysis]) -> None:
    body = (
        "Talks between Chad and Sudan on the border crossing ended on Friday.\n\n"
        "Aid groups said the country needed more help."
    )
    analysis = analyze(body, published=DATE, stages=["entities"])
    assert entity_with(analysis, "the country") is None
