"""The time stage: TIMEX3 values anchored on the publication date, on invented articles."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import make_article
from dateline.model import Analysis, TimeExpression
from dateline.time.calendar_math import weekday_near
from dateline.time.extract import find_times

# Publication times of the invented articles (weekday in the comment).
TUE_2017_11_21 = "2017-11-21T08:52:00+00:00"  # Tuesday
WED_2019_05_08 = "2019-05-08T14:05:00-04:00"  # Wednesday
MON_2018_01_01 = "2018-01-01T07:30:00+01:00"  # Monday, New Year's Day
TUE_2019_01_02 = "2019-01-02T10:00:00+00:00"  # Tuesday
SUN_2021_03_14 = "2021-03-14T18:00:00+00:00"  # Sunday
FRI_2020_12_25 = "2020-12-25T09:00:00+00:00"  # Friday


@pytest.fixture(scope="module")
def times(
    analyze: Callable[..., Analysis],
) -> Callable[[str, str | None], dict[str, TimeExpression]]:
    def run(body: str, published: str | None) -> dict[str, TimeExpression]:
        analysis = analyze(body, published=published, stages=["time"])
        for t in analysis.times:
            assert analysis.article.text[t.start : t.end] == t.text
        return {t.text: t for t in analysis.times}

    return run


def values(found: dict[str, TimeExpression]) -> dict[str, str | None]:
    return {text: t.value for text, t in found.items()}


def test_weekdays_follow_the_tense_of_their_clause(times) -> None:
    found = times(
        "Ministers met in Brussels on Monday to discuss the budget. "
        "A vote has been arranged for Wednesday, and the leaders will meet again on Friday.",
        TUE_2017_11_21,
    )
    assert values(found) == {
        "Monday": "2017-11-20",
        "Wednesday": "2017-11-22",
        "Friday": "2017-11-24",
    }


def test_same_weekday_as_publication_is_the_publication_day(times) -> None:
    found = times(
        "The central bank said Wednesday it would hold rates. "
        "Its governor will testify before Congress on Wednesday afternoon.",
        WED_2019_05_08,
    )
    assert found["Wednesday"].value == "2019-05-08"
    assert found["Wednesday afternoon"].value == "2019-05-08TAF"
    assert found["Wednesday afternoon"].type == "TIME"


def test_last_next_and_this_weekday(times) -> None:
    found = times(
        "The striker was injured last Wednesday. The club plays next Wednesday, "
        "and the coach spoke to reporters on Saturday.",
        WED_2019_05_08,
    )
    assert found["last Wednesday"].value == "2019-05-01"
    assert found["next Wednesday"].value == "2019-05-15"
    assert found["Saturday"].value == "2019-05-04"


def test_sunday_monday_boundary(times) -> None:
    # A Sunday article: the past Monday is six days back, the coming Monday tomorrow.
    analysis_values = [
        t.value for t in times("Police arrested two men on Monday.", SUN_2021_03_14).values()
    ]
    assert analysis_values == ["2021-03-08"]
    future = [
        t.value for t in times("The trial will open on Monday in Leeds.", SUN_2021_03_14).values()
    ]
    assert future == ["2021-03-15"]
    # A Monday article: Sunday is yesterday in a past clause.
    found = times("Thousands marched through the capital on Sunday.", MON_2018_01_01)
    assert found["Sunday"].value == "2017-12-31"


def test_weekday_helper_directions() -> None:
    from datetime import date

    tuesday = date(2017, 11, 21)
    assert weekday_near(tuesday, 2, "past") == tuesday
    assert weekday_near(tuesday, 2, "before") == date(2017, 11, 14)
    assert weekday_near(tuesday, 2, "after") == date(2017, 11, 28)
    assert weekday_near(tuesday, 7, "nearest") == date(2017, 11, 19)


def test_dates_without_year_take_the_year_the_tense_implies(times) -> None:
    found = times(
        "The conference was due to take place on 18 November. "
        "The summit is scheduled for March 3 in Geneva.",
        TUE_2017_11_21,
    )
    assert found["18 November"].value == "2017-11-18"
    assert found["March 3"].value == "2018-03-03"


def test_year_rollover_in_january(times) -> None:
    found = times(
        "The fire broke out on December 30 and burned for two days. "
        "Investigators will report on January 15.",
        TUE_2019_01_02,
    )
    assert found["December 30"].value == "2018-12-30"
    assert found["January 15"].value == "2019-01-15"
    assert found["two days"].value == "P2D"
    assert found["two days"].type == "DURATION"


def test_full_dates_and_numeric_dates(times) -> None:
    found = times(
        "The treaty, signed on Nov. 9, 1989, and ratified on 3 October 1990, was "
        "published on 2019-05-06. A later note is dated 12/31/98.",
        WED_2019_05_08,
    )
    assert values(found) == {
        "Nov. 9, 1989": "1989-11-09",
        "3 October 1990": "1990-10-03",
        "2019-05-06": "2019-05-06",
        "12/31/98": "1998-12-31",
    }


def test_months_seasons_and_their_modifiers(times) -> None:
    found = times(
        "The congress has been re-scheduled for early December. Sales slumped last summer "
        "and in late March, and the company expects a recovery by the spring of 2018.",
        TUE_2017_11_21,
    )
    assert found["early December"].value == "2017-12"
    assert found["last summer"].value == "2017-SU"
    assert found["late March"].value == "2017-03"
    assert found["the spring of 2018"].value == "2018-SP"


def test_last_summer_in_summer_is_the_previous_year(times) -> None:
    found = times("The drought last summer ruined the harvest.", "2019-07-15T12:00:00+00:00")
    assert found["last summer"].value == "2018-SU"


def test_weeks_months_years_relative_to_publication(times) -> None:
    found = times(
        "Prices rose last week and this month, after falling last year. "
        "The tax will change next month and again next year.",
        TUE_2017_11_21,
    )
    assert values(found) == {
        "last week": "2017-W46",
        "this month": "2017-11",
        "last year": "2016",
        "next month": "2017-12",
        "next year": "2018",
    }


def test_deictic_words_and_ago(times) -> None:
    found = times(
        "The minister resigned yesterday, two days ago his deputy quit, and the cabinet meets "
        "today. Results are due tomorrow; the vote was held three years ago.",
        FRI_2020_12_25,
    )
    assert values(found) == {
        "yesterday": "2020-12-24",
        "two days ago": "2020-12-23",
        "today": "2020-12-25",
        "tomorrow": "2020-12-26",
        "three years ago": "2017",
    }


def test_parts_of_day(times) -> None:
    found = times(
        "The statement was published early on Tuesday morning. Shelling resumed last night "
        "and again this morning.",
        TUE_2017_11_21,
    )
    assert found["Tuesday morning"].value == "2017-11-21TMO"
    assert found["Tuesday morning"].date == "2017-11-21"
    assert found["last night"].value == "2017-11-20TNI"
    assert found["last night"].date == "2017-11-20"
    assert found["this morning"].value == "2017-11-21TMO"


def test_durations(times) -> None:
    found = times(
        "That 10-year campaign exhausted the army. The talks lasted three hours, "
        "and the ceasefire held for six months. Rebuilding will take decades.",
        TUE_2017_11_21,
    )
    assert found["10-year"].value == "P10Y"
    assert found["three hours"].value == "PT3H"
    assert found["six months"].value == "P6M"
    assert found["decades"].value == "PXDE"
    assert {t.type for t in found.values()} == {"DURATION"}


def test_ranges_quarters_and_halves(times) -> None:
    found = times(
        "Casualties reached 131 in the first nine months of the year. Profit rose in the "
        "third quarter, and the first half of 2018 looks weak.",
        TUE_2017_11_21,
    )
    assert found["the first nine months of the year"].value == "2017-01/2017-09"
    assert found["the third quarter"].value == "2017-Q3"
    assert found["the first half of 2018"].value == "2018-H1"
    found = times("Exports fell in the last three months of 2016.", TUE_2017_11_21)
    assert found["the last three months of 2016"].value == "2016-10/2016-12"


def test_sets_and_clock_times(times) -> None:
    found = times(
        "The ferry sails daily and the market opens every Monday. The firm pays $5m a year. "
        "Polls close at 10 p.m. local time.",
        WED_2019_05_08,
    )
    assert (found["daily"].value, found["daily"].type) == ("P1D", "SET")
    assert found["every Monday"].value == "XXXX-WXX-1"
    assert (found["a year"].value, found["a year"].type) == ("P1Y", "SET")
    assert (found["10 p.m. local time"].value, found["10 p.m. local time"].type) == (
        "2019-05-08T22:00",
        "TIME",
    )


def test_bare_numbers_and_modal_may_are_not_dates(times) -> None:
    found = times(
        "The army deployed 2000 troops. Officials may resign, and April Ryan asked a question.",
        WED_2019_05_08,
    )
    assert found == {}


def test_no_publication_time_leaves_relative_values_unresolved(times) -> None:
    found = times("Talks began on Monday, resumed on 18 November and end in 2019.", None)
    assert found["Monday"].value == "XXXX-WXX-1"
    assert found["18 November"].value == "XXXX-11-18"
    assert found["2019"].value == "2019"


def test_publication_time_is_validated_once_on_the_article(nlp) -> None:
    import pydantic

    import dateline.spacy_components  # noqa: F401 - registers the extensions

    article = make_article("Talks began on Monday.", published="2017-11-21T08:52Z")
    assert str(article.published_date) == "2017-11-21"
    assert article.published_at is not None and article.published_at.hour == 8
    assert make_article("Talks began.", published="2017-11-21").published_date is not None
    with pytest.raises(pydantic.ValidationError, match="'last Tuesday-ish' is not ISO 8601"):
        make_article("Talks began on Monday.", published="last Tuesday-ish")
    # The spaCy components take the time as given: an unreadable one is reported, not used.
    component = dateline.spacy_components.StageComponent("time", nlp)
    doc = nlp("Talks began on Monday.")
    doc._.dateline_published = "last Tuesday-ish"
    analysis = component(doc)._.dateline
    assert analysis.times[0].value == "XXXX-WXX-1"
    assert any(n.stage == "article" and "last Tuesday-ish" in n.message for n in analysis.notices)


def test_without_parse_tense_defaults_to_nearest_or_past() -> None:
    from datetime import date

    found = {t.text: t.value for t in find_times("He arrived on Friday.", date(2017, 11, 21))}
    assert found == {"Friday": "2017-11-17"}


def test_example_article() -> None:
    # Only the time stage runs: the example must not depend on other stages being present.
    from conftest import EXAMPLE
    from dateline.article import structure
    from dateline.pipeline import Pipeline
    from dateline.sources import read_input

    analysis = Pipeline.create(["time"]).annotate(structure(read_input(str(EXAMPLE))))
    assert analysis.article.published is not None
    assert analysis.article.published.startswith("2017-11-21")
    found = {t.text: t.value for t in analysis.times}
    assert found["Monday"] == "2017-11-20"
    assert found["Wednesday"] == "2017-11-22"
    assert found["18 November"] == "2017-11-18"
    assert found["early December"] == "2017-12"
    assert found["Tuesday morning"].startswith("2017-11-21")
    days = {t.text: t.date for t in analysis.times}
    assert days["Tuesday morning"] == "2017-11-21"
    assert days["Monday"] == "2017-11-20"
    assert days["early December"] is None  # a month, not a day


def test_clock_time_takes_the_day_it_names(times) -> None:
    found = times("Polls will open at 7 a.m. Thursday and close at midnight.", WED_2019_05_08)
    assert found["7 a.m. Thursday"].value == "2019-05-09T07:00"
    assert found["midnight"].value == "2019-05-09T24:00"  # the day its sentence names


def test_decades_holidays_and_spoken_years(times) -> None:
    found = times(
        "Unemployment has not been this high since the 1930s. Shops reopened after Christmas, "
        "and the treaty dates from the year nineteen ninety-six.",
        TUE_2019_01_02,
    )
    assert found["the 1930s"].value == "193"
    assert found["Christmas"].value == "2018-12-25"
    assert found["the year nineteen ninety-six"].value == "1996"


def test_thanksgiving_is_the_fourth_thursday(times) -> None:
    found = times("Sales rose sharply over Thanksgiving.", "2018-12-03T12:00:00-05:00")
    assert found["Thanksgiving"].value == "2018-11-22"


def test_planned_infinitive_takes_the_nearest_reading(times) -> None:
    # Wednesday article: "planned to leave on Thursday" looks ahead from a past clause.
    found = times("The team planned to leave Nairobi on Thursday.", WED_2019_05_08)
    assert found["Thursday"].value == "2019-05-09"


def test_quarters_fractions_are_not_periods(times) -> None:
    found = times(
        "A quarter of the vote went to the Greens, and three-quarters of members agreed. "
        "Profit fell in the fourth quarter of 2018.",
        WED_2019_05_08,
    )
    assert values(found) == {"the fourth quarter of 2018": "2018-Q4"}


def test_headline_and_standfirst_have_their_own_times(analyze) -> None:
    analysis = analyze(
        "The two leaders spoke by telephone on Monday.",
        published=TUE_2017_11_21,
        headline="Leaders to meet in Sochi on Wednesday",
        stages=["time"],
    )
    by_field = {(t.field, t.text): t.value for t in analysis.times}
    assert by_field == {
        ("text", "Monday"): "2017-11-20",
        ("headline", "Wednesday"): "2017-11-22",
    }
    headline = next(t for t in analysis.times if t.field == "headline")
    assert analysis.article.headline is not None
    assert analysis.article.headline[headline.start : headline.end] == "Wednesday"


def test_anaphoric_expressions_take_the_earlier_date(times) -> None:
    found = times(
        "Protests began on March 3, 2011, and that same day police fired on crowds. "
        "Later that year the regime fell; the 20th century had seen nothing like it.",
        TUE_2017_11_21,
    )
    assert found["that same day"].value == "2011-03-03"
    assert found["Later that year"].value == "2011"
    assert found["the 20th century"].value == "19"


def test_next_and_previous_day_follow_the_story_date(times) -> None:
    found = times(
        "Protests began on March 3, 2011, and the next day police fired on crowds. The "
        "following week talks failed. The day before, the president had fled.",
        TUE_2017_11_21,
    )
    assert found["the next day"].value == "2011-03-04"
    assert found["The following week"].value == "2011-W10"
    assert found["The day before"].value == "2011-03-03"


def test_next_day_without_a_story_date_counts_from_publication(times) -> None:
    found = times("The next day the shelling stopped.", TUE_2017_11_21)
    assert found["The next day"].value == "2017-11-22"


def test_anaphoric_expression_without_antecedent_stays_null(times) -> None:
    found = times("That morning the shelling stopped.", TUE_2017_11_21)
    assert (found["That morning"].value, found["That morning"].type) == (None, "TIME")


def test_titles_are_not_durations_but_title_case_headlines_are_read(analyze) -> None:
    analysis = analyze(
        "She told 60 Minutes that the deal would close within a week.",
        published=WED_2019_05_08,
        headline="Leaders To Meet Again Next Week",
        stages=["time"],
    )
    by_field = {(t.field, t.text): t.value for t in analysis.times}
    assert by_field == {("text", "a week"): "P1W", ("headline", "Next Week"): "2019-W20"}


def test_year_ranges_are_two_dates(times) -> None:
    found = times(
        "The swine flu pandemic of 2009-2010 killed 348 children; the 2000-01 season was mild.",
        "2013-03-22T10:00:00-04:00",
    )
    assert values(found) == {"2009": "2009", "2010": "2010"}


def test_this_weekday_follows_the_tense(times) -> None:
    found = times("The bill passed this Monday.", WED_2019_05_08)
    assert found["this Monday"].value == "2019-05-06"
    found = times("The bill will go to a vote this Friday.", WED_2019_05_08)
    assert found["this Friday"].value == "2019-05-10"


def test_accounting_year_is_a_duration(analyze) -> None:
    analysis = analyze(
        "Net income for the year ended March 31 rose, and sales for the year were flat.",
        published="1989-10-30T00:00:00+00:00",
        stages=["time"],
    )
    assert [(t.text, t.value, t.type) for t in analysis.times] == [
        ("the year", "P1Y", "DURATION"),
        ("March 31", "1989-03-31", "DATE"),
        ("the year", "1989", "DATE"),
    ]


def test_spans_later_or_earlier_count_from_the_story_date(times) -> None:
    found = times(
        "The plant was closed on March 3, 2011. Three months later the owners sold it; two "
        "days earlier the union had struck. Ten years ago the town had two plants.",
        TUE_2017_11_21,
    )
    assert found["Three months later"].value == "2011-06"
    assert found["two days earlier"].value == "2011-03-01"
    # "ago" counts from publication.
    assert found["Ten years ago"].value == "2007"


def test_a_span_later_with_no_story_date_is_not_placed(times) -> None:
    found = times("Three weeks later the shelling stopped.", TUE_2017_11_21)
    assert found["Three weeks later"].value is None


def test_dotted_dates_are_day_first(times) -> None:
    found = times(
        "The board met on 09.03.2018 and again on 3.12.2018; the order of 12.25.2018 was late.",
        TUE_2017_11_21,
    )
    assert values(found) == {
        "09.03.2018": "2018-03-09",
        "3.12.2018": "2018-12-03",
        "12.25.2018": "2018-12-25",
    }


def test_only_a_year_the_text_states_carries_to_a_month_without_one(times) -> None:
    found = times(
        "Unemployment fell to 4.0 percent last month from 4.3 percent in December.\n\n"
        "The mill has grown steadily since 2010. In March, it opened a second plant.",
        WED_2019_05_08,
    )
    # "last month" is valued from publication: it does not move December to its year.
    assert found["last month"].value == "2019-04"
    assert found["December"].value == "2018-12"
    # The year a state starts from is not the year of the story's next month.
    assert found["March"].value == "2019-03"


def test_perfect_progressives_and_participles_tell_the_past(times) -> None:
    found = times(
        "Police have been searching for the gunman since the Oct. 23 shooting. "
        "The index stands within 70 points of the record high reached on Aug. 6.",
        WED_2019_05_08,
    )
    assert found["Oct. 23"].value == "2018-10-23"
    assert found["Aug. 6"].value == "2018-08-06"
