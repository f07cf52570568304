"""The amounts stage: numbers, units and what they count, on invented news sentences."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dateline.amounts.numbers import parse_number
from dateline.model import Amount, Analysis


@pytest.fixture(scope="module")
def amounts(analyze: Callable[..., Analysis]) -> Callable[[str], dict[str, Amount]]:
    def run(body: str) -> dict[str, Amount]:
        analysis = analyze(body, published="2019-05-08T14:05:00+00:00", stages=["time", "amounts"])
        for a in analysis.amounts:
            assert analysis.article.text[a.start : a.end] == a.text
        return {a.text: a for a in analysis.amounts}

    return run


def triple(a: Amount) -> tuple[float | None, str | None, str | None]:
    return a.value, a.unit, a.object


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5,000", 5000.0),
        ("2.5", 2.5),
        ("twenty-five", 25.0),
        ("two million", 2_000_000.0),
        ("one hundred and fifty", 150.0),
        ("a thousand", 1000.0),
        ("1.2 million", 1_200_000.0),
        ("three thousand four hundred", 3400.0),
        ("two thousand and nineteen", 2019.0),
        ("troops", None),
        # Two numbers side by side are no one numeral ("children aged nine and ten").
        ("nine and ten", None),
        ("twenty thirty", None),
        ("twenty-fifteen", None),
    ],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


def test_percentages_and_their_object(amounts) -> None:
    found = amounts(
        "According to a recent poll, as many as 32 per cent of Russians back the plan. "
        "Inflation rose to 4.5% in April, while 61 percent of voters backed the mayor."
    )
    assert triple(found["32 per cent"]) == (32.0, "%", "Russians")
    assert triple(found["4.5%"]) == (4.5, "%", "Inflation")
    assert triple(found["61 percent"]) == (61.0, "%", "voters")


def test_fractions_are_per_cent_of_the_whole(amounts) -> None:
    found = amounts("Half of Russians now oppose the war, and two-thirds of the voters agree.")
    assert triple(found["Half"]) == (50.0, "%", "Russians")
    assert triple(found["two-thirds"]) == (66.7, "%", "voters")


def test_money_with_scales_and_currencies(amounts) -> None:
    found = amounts(
        "The group agreed a $2.5bn deal with the ministry. Brussels pledged €300m in aid, "
        "and the club paid £45 million for the striker. Exports fell by 12 billion roubles."
    )
    assert triple(found["$2.5bn"]) == (2.5e9, "USD", "deal")
    assert triple(found["€300m"]) == (3e8, "EUR", "aid")
    assert triple(found["£45 million"]) == (45e6, "GBP", "striker")
    assert (found["12 billion roubles"].value, found["12 billion roubles"].unit) == (12e9, "RUB")


def test_counts_of_people(amounts) -> None:
    found = amounts(
        "Three soldiers were killed and a dozen civilians wounded near the border. "
        "Thousands of protesters gathered outside parliament, police said 12 people were detained."
    )
    assert triple(found["Three"]) == (3.0, "people", "soldiers")
    assert triple(found["a dozen"]) == (12.0, "people", "civilians")
    assert triple(found["Thousands"]) == (1000.0, "people", "protesters")
    assert triple(found["12"]) == (12.0, "people", "people")


def test_bare_number_takes_the_noun_before_it(amounts) -> None:
    found = amounts(
        "News of mounting army casualties – reportedly 131 in the first nine months of the "
        "year – has alarmed the ministry."
    )
    assert triple(found["131"]) == (131.0, "people", "casualties")
    assert "nine" not in found  # part of a temporal expression


def test_written_numbers_and_measures(amounts) -> None:
    found = amounts(
        "Two million people live in the valley. The convoy of forty-two trucks travelled "
        "350 km, carrying 1,200 tonnes of grain."
    )
    assert triple(found["Two million"]) == (2e6, "people", "people")
    assert triple(found["forty-two"]) == (42.0, None, "trucks")
    assert (found["350 km"].value, found["350 km"].unit) == (350.0, "km")
    assert triple(found["1,200 tonnes"]) == (1200.0, "t", "grain")


def test_counts_without_people_keep_their_noun(amounts) -> None:
    found = amounts(
        "The ministry said 40 tanks and 3,000 rifles were delivered. The tanker carried 1.5 million "
        "barrels of oil. Turnout was 67.3 per cent, up 4 percentage points. "
        "The home side won 3-1."
    )
    assert triple(found["40"]) == (40.0, None, "tanks")
    assert triple(found["3,000"]) == (3000.0, None, "rifles")
    assert triple(found["1.5 million barrels"]) == (1.5e6, "bbl", "oil")
    assert triple(found["67.3 per cent"]) == (67.3, "%", "Turnout")
    assert (found["4 percentage points"].value, found["4 percentage points"].unit) == (4.0, "pp")
    assert "3" not in found and "1" not in found  # a score, not two counts


def test_dates_times_names_and_pronouns_are_not_amounts(amounts) -> None:
    found = amounts(
        "On 18 November 2017, at 10:30, the G20 leaders met. Flight MH17 was shot down in 2014. "
        "One of them said the 10-year campaign had ended."
    )
    assert found == {}


def test_example_article() -> None:
    from conftest import EXAMPLE
    from dateline.article import structure
    from dateline.pipeline import Pipeline
    from dateline.sources import read_input

    analysis = Pipeline.create(["time", "amounts"]).annotate(structure(read_input(str(EXAMPLE))))
    found = {a.text: a for a in analysis.amounts}
    assert triple(found["131"]) == (131.0, "people", "casualties")
    assert triple(found["32 per cent"]) == (32.0, "%", "Russians")
    assert triple(found["Half"]) == (50.0, "%", "Russians")


def test_south_asian_scales_and_glued_letters(amounts) -> None:
    found = amounts(
        "The state government sanctioned Rs 500 crore for flood-hit villages, and nearly "
        "1.5 lakh people were evacuated. It was the 5th flood this year, filmed in 3D."
    )
    assert triple(found["Rs 500 crore"]) == (5e9, "INR", "villages")
    assert triple(found["1.5 lakh"]) == (1.5e5, "people", "people")
    assert "5" not in found and "3" not in found  # an ordinal and a format, not counts


def test_vote_tallies_in_us_wire_style(amounts) -> None:
    found = amounts(
        "WASHINGTON (AP) — The Senate voted 51-49 late Tuesday to approve a $1.2 trillion "
        "package. Over the past decade, spending grew 40%."
    )
    assert triple(found["$1.2 trillion"]) == (1.2e12, "USD", "package")
    assert triple(found["40%"]) == (40.0, "%", "spending")
    assert set(found) == {"$1.2 trillion", "40%"}


def test_without_the_time_stage_dates_are_still_not_amounts(analyze) -> None:
    analysis = analyze(
        "On 18 November 2017 the ministry counted 131 casualties.",
        published="2017-11-21T08:52:00+00:00",
        stages=["amounts"],
    )
    assert analysis.times == []
    assert [(a.text, a.value, a.unit, a.object) for a in analysis.amounts] == [
        ("131", 131.0, "people", "casualties")
    ]


def test_numbers_inside_names_are_not_amounts(amounts) -> None:
    found = amounts(
        "The prime minister spoke outside 10 Downing Street about Article 5. A Boeing 737 "
        "crashed, the airline filed for Chapter 11, and World War Two veterans were quoted on "
        "page 3. Apollo 11 landed. Russia lost 131 soldiers, and 12 Russians died."
    )
    assert {a.text: triple(a) for a in found.values()} == {
        "131": (131.0, "people", "soldiers"),
        "12": (12.0, "people", "Russians"),
    }


def test_a_year_naming_which_one_is_no_amount(amounts) -> None:  # type: ignore[no-untyped-def]
    found = amounts(
        "The lodge reopened after the devastating 2024 wildfire. The minister tabled the "
        "2025/2026 budget. The court unsealed about 2000 pages of records, and some 1950 "
        "people attended the hearing."
    )
    assert "2024" not in found and "2025" not in found and "2026" not in found
    assert found["2000"].object == "pages"
    assert found["1950"].unit == "people"


def test_two_ages_joined_by_and_are_not_summed(amounts) -> None:  # type: ignore[no-untyped-def]
    found = amounts("The twins, aged nine and ten, planted 40 trees beside the school.")
    assert 19.0 not in [a.value for a in found.values()]
    assert found["40"].value == 40.0
