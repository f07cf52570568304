"""Event dates read from the narrative: clause, sentence, paragraph, lead, tense.

Texts are invented news; times come from the time stage's values, as the events stage reads
them (``build`` in test_events takes them as surface form -> value).
"""

from __future__ import annotations

from datetime import date

from dateline.events.dates import precision_of
from dateline.model import Event
from dateline.time.extract import find_times
from test_events import PUBLISHED, build

PEOPLE = {
    "E1": ("PERSON", ["Maria Lopez", "Lopez"]),
    "E2": ("ORG", ["the ministry"]),
    "E3": ("PERSON", ["Daniel Ortiz", "Ortiz"]),
}
DAY = PUBLISHED[:10]


def by_trigger(events: list[Event], trigger: str) -> Event:
    found = [e for e in events if e.trigger == trigger]
    assert found, [(e.trigger, e.type) for e in events]
    return found[0]


def test_a_date_in_another_clause_of_the_sentence_dates_the_event(nlp) -> None:
    body = (
        "While campaigning in Ohio on Tuesday night, Maria Lopez criticized Daniel Ortiz over "
        "the budget."
    )
    analysis = build(nlp, body, PEOPLE, times={"Tuesday night": "2024-03-05TNI"})
    event = by_trigger(analysis.events, "criticized")
    assert (event.date, event.date_source, event.date_is_fallback) == (
        "2024-03-05TNI",
        "sentence",
        False,
    )


def test_an_undated_past_action_takes_the_paragraphs_narrative_year(nlp) -> None:
    body = (
        "In 2015, the ministry opened an inquiry into the contracts. Maria Lopez accused "
        "Daniel Ortiz of hiding the payments."
    )
    analysis = build(nlp, body, PEOPLE, times={"2015": "2015"})
    event = by_trigger(analysis.events, "accused")
    assert (event.date, event.date_source, event.date_precision) == ("2015", "paragraph", "year")


def test_background_in_the_perfect_has_no_date_but_is_known_to_precede_publication(nlp) -> None:
    body = (
        "Maria Lopez met Daniel Ortiz in Lima.\n\n"
        "Lopez had accused Ortiz of corruption and had refused to meet him."
    )
    analysis = build(nlp, body, PEOPLE)
    accused = by_trigger(analysis.events, "accused")
    assert accused.date is None and accused.date_is_fallback is False
    assert (accused.date_source, accused.date_precision) == ("publication", "before")


def test_present_tense_and_the_days_news_take_the_publication_or_lead_day(nlp) -> None:
    body = (
        "Maria Lopez met Daniel Ortiz on Monday in Lima.\n\n"
        "Lopez criticized the ministry over the delays. Lopez says she supports Ortiz."
    )
    monday = "2024-03-11"
    analysis = build(nlp, body, PEOPLE, times={"Monday": monday})
    criticized = by_trigger(analysis.events, "criticized")
    # Simple past, no date of its own, no earlier date in its paragraph: the lead's news day.
    assert (criticized.date, criticized.date_source) == (monday, "lead")
    supports = [e for e in analysis.events if e.trigger == "supports"]
    if supports:  # present tense: happening at publication
        assert (supports[0].date, supports[0].date_source) == (DAY, "publication")
        assert supports[0].date_is_fallback


def test_before_narrative_dating_the_publication_day_stood_in(nlp) -> None:
    from dateline.events.stage import find_events
    from dateline.stage import Parsed

    body = "Lopez had accused Ortiz of corruption."
    analysis = build(nlp, body, PEOPLE)
    parsed = Parsed(nlp(analysis.article.text), nlp)
    before = find_events(analysis.model_copy(update={"events": []}), parsed, narrative_dates=False)
    accused = by_trigger(before, "accused")
    assert (accused.date, accused.date_is_fallback) == (DAY, True)


def test_precision_is_read_from_the_timex_value() -> None:
    assert [precision_of(v) for v in ("2015", "2015-03", "2015-03-25", "2015-W12", "201")] == [
        "year",
        "month",
        "day",
        "week",
        "decade",
    ]


def test_a_day_without_year_takes_the_narrative_year_of_its_paragraph(nlp) -> None:
    text = (
        "The firm was founded in 2015 in Austin. On March 25 it signed its first contract.\n\n"
        "On March 25 the board will meet again."
    )
    values = [(t.text, t.value) for t in find_times(text, date(2017, 11, 21), nlp(text))]
    assert values == [("2015", "2015"), ("March 25", "2015-03-25"), ("March 25", "2018-03-25")]


def test_a_narrative_year_gives_a_year_where_no_publication_date_does(nlp) -> None:
    text = "Protests began in 2011. In March the army moved into the city."
    values = [(t.text, t.value) for t in find_times(text, None, nlp(text))]
    assert values == [("2011", "2011"), ("March", "2011-03")]


def test_the_news_day_may_be_named_in_the_paragraph_after_the_lead(nlp) -> None:
    body = (
        "Maria Lopez accused Daniel Ortiz of hiding the payments to the port authority.\n\n"
        "The row over the contracts broke out at a hearing on Monday, officials said.\n\n"
        "Lopez criticized the ministry over the delays."
    )
    monday = "2024-03-11"
    analysis = build(nlp, body, PEOPLE, times={"Monday": monday})
    accused = by_trigger(analysis.events, "accused")
    assert (accused.date, accused.date_source) == (monday, "lead")
    criticized = by_trigger(analysis.events, "criticized")
    assert criticized.date == monday


def test_a_present_perfect_in_the_lead_is_the_news_but_later_it_is_background(nlp) -> None:
    body = (
        "Maria Lopez has accused Daniel Ortiz of hiding the payments, officials said.\n\n"
        "The hearing on Monday was tense.\n\n"
        "Ortiz has criticized the ministry over the delays."
    )
    monday = "2024-03-11"
    analysis = build(nlp, body, PEOPLE, times={"Monday": monday})
    accused = by_trigger(analysis.events, "accused")
    assert (accused.date, accused.date_source) == (monday, "lead")
    criticized = by_trigger(analysis.events, "criticized")
    assert criticized.date is None
    assert (criticized.date_source, criticized.date_precision) == ("publication", "before")


def test_at_the_time_points_back_at_the_last_date_told_even_in_an_earlier_paragraph(nlp) -> None:
    body = (
        "Maria Lopez met Daniel Ortiz on Monday in Lima.\n\n"
        "The two first met in Quito in March 2019.\n\n"
        "Lopez criticized the ministry at the time over the delays."
    )
    analysis = build(nlp, body, PEOPLE, times={"Monday": "2024-03-11", "March 2019": "2019-03"})
    criticized = by_trigger(analysis.events, "criticized")
    assert (criticized.date, criticized.date_source) == ("2019-03", "paragraph")


def test_a_state_lasting_into_the_present_perfect_has_no_day(nlp) -> None:
    body = (
        "Maria Lopez met Daniel Ortiz on Monday in Lima.\n\n"
        "Ortiz's party has long refused to negotiate with the ministry."
    )
    analysis = build(nlp, body, PEOPLE, times={"Monday": "2024-03-11"})
    refused = by_trigger(analysis.events, "refused")
    assert refused.date is None and refused.date_precision == "before"


def test_the_date_of_an_act_does_not_date_what_it_is_about(nlp) -> None:
    body = (
        "Maria Lopez met Daniel Ortiz on Monday in Lima.\n\n"
        "On Friday, Lopez criticized the ministry for arresting Ortiz."
    )
    friday = "2024-03-08"
    analysis = build(nlp, body, PEOPLE, times={"Monday": "2024-03-11", "Friday": friday})
    criticized = by_trigger(analysis.events, "criticized")
    assert criticized.date == friday
    arrests = [e for e in analysis.events if e.trigger == "arresting"]
    assert arrests, [(e.trigger, e.type) for e in analysis.events]
    # The arrest came before the criticism: Friday is not its date.
    assert arrests[0].date != friday


def test_a_present_reported_by_a_past_verb_is_dated_like_the_saying(nlp) -> None:
    body = (
        "Maria Lopez met Daniel Ortiz on Monday in Lima.\n\n"
        "Lopez said she supports Ortiz in the dispute."
    )
    analysis = build(nlp, body, PEOPLE, times={"Monday": "2024-03-11"})
    supports = [e for e in analysis.events if e.trigger == "supports"]
    if supports:  # reported present: the news day, not the publication day
        assert supports[0].date == "2024-03-11" and supports[0].date_source == "lead"


def test_a_future_act_does_not_lend_its_date_to_the_rest_of_the_sentence(nlp) -> None:
    body = (
        "Maria Lopez met Daniel Ortiz in Lima.\n\n"
        "Lopez accused Ortiz of fraud and will meet the ministry on Friday."
    )
    analysis = build(nlp, body, PEOPLE, times={"Friday": "2024-03-15"})
    accused = by_trigger(analysis.events, "accused")
    assert accused.date != "2024-03-15"


def test_a_year_on_the_noun_of_a_time_phrase_dates_the_event(nlp) -> None:
    body = (
        "Maria Lopez met Daniel Ortiz in Lima.\n\n"
        "Lopez accused Ortiz of fraud in a 2015 court hearing."
    )
    analysis = build(nlp, body, PEOPLE, times={"2015": "2015"})
    accused = by_trigger(analysis.events, "accused")
    assert accused.date == "2015" and accused.date_source in {"clause", "sentence"}


def test_a_state_under_way_is_not_dated_by_the_day_it_is_told(nlp) -> None:
    body = (
        "Maria Lopez met Daniel Ortiz on Monday in Lima.\n\n"
        "Ortiz is boycotting the ministry over the contracts."
    )
    analysis = build(nlp, body, PEOPLE, times={"Monday": "2024-03-11"})
    boycott = by_trigger(analysis.events, "boycotting")
    assert boycott.status == "ongoing"
    # It began at a time the text does not give: neither Monday nor the publication day.
    assert boycott.date is None
    assert (boycott.date_source, boycott.date_precision) == ("publication", "before")


def test_a_past_act_is_not_given_the_publication_day_when_no_day_of_news_is_stated(nlp) -> None:
    body = (
        "Maria Lopez criticized Daniel Ortiz over the delays in the port contracts.\n\n"
        "Lopez says she supports the ministry."
    )
    analysis = build(nlp, body, PEOPLE)
    criticized = by_trigger(analysis.events, "criticized")
    assert criticized.date is None and criticized.date_precision == "before"
    supports = [e for e in analysis.events if e.trigger == "supports"]
    if supports:  # told in the present: it happens at publication
        assert supports[0].date == DAY


def test_a_past_act_a_past_report_tells_is_dated_like_the_report(nlp) -> None:
    # The document gold dates what a dated report says happened by the report (dev, on
    # several sources): the stage no longer leaves it undated.
    body = (
        "Maria Lopez met Daniel Ortiz on Monday in Lima.\n\n"
        "Lopez announced that the ministry arrested Ortiz."
    )
    analysis = build(nlp, body, PEOPLE, times={"Monday": "2024-03-11"})
    arrested = by_trigger(analysis.events, "arrested")
    assert (arrested.date, arrested.date_source) == ("2024-03-11", "lead")


def test_a_perfect_reported_on_a_stated_day_takes_that_day(nlp) -> None:
    body = (
        "Maria Lopez met Daniel Ortiz in Lima.\n\n"
        "On Thursday, the ministry said that Lopez had accused Ortiz of fraud."
    )
    analysis = build(nlp, body, PEOPLE, times={"Thursday": "2024-03-14"})
    accused = by_trigger(analysis.events, "accused")
    assert (accused.date, accused.date_source) == ("2024-03-14", "sentence")


def test_a_dateline_stamp_is_not_the_news_day_when_the_lead_names_another() -> None:
    from dateline.events.dates import is_dateline_stamp, news_day
    from dateline.model import TimeExpression

    body = "- 06 April, 2018: A trade fair was held yesterday in the capital."
    stamp = TimeExpression(text="06 April, 2018", start=2, end=16, value="2018-04-06")
    at = body.index("yesterday")
    yesterday = TimeExpression(text="yesterday", start=at, end=at + 9, value="2018-04-05")
    assert is_dateline_stamp(body, stamp.start, stamp.end)
    assert not is_dateline_stamp(body, yesterday.start, yesterday.end)
    assert is_dateline_stamp("WASHINGTON, April 6 (Reuters) - The Senate voted.", 12, 19)
    published = date(2018, 4, 6)
    assert news_day([stamp, yesterday], len(body), published, body).value == "2018-04-05"
    # A stamp alone still names the news day.
    assert news_day([stamp], len(body), published, body).value == "2018-04-06"


def test_a_year_a_state_starts_from_or_a_noun_is_of_does_not_date_the_sentence(nlp) -> None:
    body = (
        "Maria Lopez met Daniel Ortiz in Lima.\n\n"
        "Lopez accused Ortiz of lying, though he has been a party member since 2003.\n\n"
        "Ortiz criticized the ministry over the tribunal's ruling of 2007."
    )
    analysis = build(nlp, body, PEOPLE, times={"2003": "2003", "2007": "2007"})
    assert by_trigger(analysis.events, "accused").date != "2003"
    assert by_trigger(analysis.events, "criticized").date != "2007"


def test_a_present_joined_to_a_reported_present_is_dated_like_the_saying(nlp) -> None:
    body = (
        "Maria Lopez met Daniel Ortiz on Monday in Lima.\n\n"
        "Lopez said she welcomes the talks and supports Ortiz in the dispute."
    )
    analysis = build(nlp, body, PEOPLE, times={"Monday": "2024-03-11"})
    supports = [e for e in analysis.events if e.trigger == "supports"]
    assert supports, [(e.trigger, e.type) for e in analysis.events]
    assert supports[0].date == "2024-03-11" and supports[0].date_source == "lead"


def test_narrative_time_is_in_force_for_the_next_sentence_only(nlp) -> None:
    body = (
        "Maria Lopez met Daniel Ortiz in Lima.\n\n"
        "In 2015, the ministry opened an inquiry into the port. Lopez accused Ortiz of fraud. "
        "The harbour was later sold. Ortiz criticized the ministry over the sale."
    )
    analysis = build(nlp, body, PEOPLE, times={"2015": "2015"})
    assert by_trigger(analysis.events, "accused").date == "2015"
    criticized = by_trigger(analysis.events, "criticized")
    assert criticized.date is None and criticized.date_precision == "before"


def test_a_date_inside_a_relative_or_content_clause_does_not_date_the_act(nlp) -> None:
    body = (
        "Maria Lopez met Daniel Ortiz in Lima.\n\n"
        "Lopez accused Ortiz of breaking the promise that he made in 2012."
    )
    analysis = build(nlp, body, PEOPLE, times={"2012": "2012"})
    # 2012 is when the promise was made, not when Lopez accused him.
    assert by_trigger(analysis.events, "accused").date != "2012"


def test_an_act_told_in_a_relative_clause_is_not_dated_by_the_main_clause(nlp) -> None:
    body = (
        "Maria Lopez met Daniel Ortiz in Lima.\n\n"
        "The police searched the port on Monday in a raid that Ortiz criticized."
    )
    # Monday a month before publication: not the article's news day either.
    analysis = build(nlp, body, PEOPLE, times={"Monday": "2024-02-12"})
    criticized = by_trigger(analysis.events, "criticized")
    assert criticized.date is None and criticized.date_precision == "before"


def test_a_date_of_a_clause_with_its_own_subject_does_not_date_the_one_before(nlp) -> None:
    body = (
        "Maria Lopez met Daniel Ortiz in Lima.\n\n"
        "Ortiz accused the ministry of fraud, but Lopez criticized him on Friday."
    )
    # A Friday weeks before publication: not the article's news day.
    analysis = build(nlp, body, PEOPLE, times={"Friday": "2024-02-23"})
    assert by_trigger(analysis.events, "criticized").date == "2024-02-23"
    assert by_trigger(analysis.events, "accused").date is None


def test_a_state_under_way_is_not_dated_by_another_act_of_its_sentence(nlp) -> None:
    body = (
        "Maria Lopez met Daniel Ortiz in Lima.\n\n"
        "Ortiz spoke to reporters on Monday while Lopez is boycotting the ministry."
    )
    analysis = build(nlp, body, PEOPLE, times={"Monday": "2024-03-11"})
    boycott = by_trigger(analysis.events, "boycotting")
    assert boycott.status == "ongoing"
    assert boycott.date is None and boycott.date_precision == "before"


def test_a_time_of_its_own_sentence_ends_the_narrative_time_even_unplaced(nlp) -> None:
    body = (
        "Maria Lopez met Daniel Ortiz in Lima.\n\n"
        "In 2015, the ministry opened an inquiry into the port. Lopez accused Ortiz of fraud "
        "in the spring."
    )
    # "the spring" of an article whose year the time stage could not tell.
    analysis = build(nlp, body, PEOPLE, times={"2015": "2015", "the spring": "XXXX-SP"})
    accused = by_trigger(analysis.events, "accused")
    assert accused.date is None


def test_the_news_day_is_named_in_the_opening_sentences_even_without_paragraphs(nlp) -> None:
    # Plain text whose paragraph breaks were lost: one long paragraph.
    body = (
        "Maria Lopez has led the ministry since the election. Her office is in Lima. The port "
        "contracts were signed by her deputy. On Monday, a court heard the case. Daniel Ortiz "
        "is a lawyer. Lopez criticized Ortiz over the delays."
    )
    analysis = build(nlp, body, PEOPLE, times={"Monday": "2024-03-11"})
    # Monday is named in the fourth sentence, not the lead: not the article's news day.
    criticized = by_trigger(analysis.events, "criticized")
    assert criticized.date is None and criticized.date_precision == "before"


def _date_at_word(nlp, analysis, word: str, status: str = "occurred"):
    """The date the events stage gives an event whose trigger is ``word`` (its first
    occurrence), read as the document eval reads it at a gold trigger."""
    from dateline.events.stage import date_at
    from dateline.stage import Parsed

    parsed = Parsed(nlp(analysis.article.text), nlp)
    return date_at(analysis, parsed, analysis.article.text.index(word), status)  # type: ignore[arg-type]


def test_the_news_day_holds_past_the_opening_until_the_story_moves_to_another_time(nlp) -> None:
    monday = "2024-03-11"
    opening = (
        "Maria Lopez met Daniel Ortiz on Monday in Lima to settle the row over the port.\n\n"
        "The talks lasted four hours, officials said.\n\n"
    )
    same_day = opening + "Lopez criticized Ortiz over the delays."
    analysis = build(nlp, same_day, PEOPLE, times={"Monday": monday})
    assert _date_at_word(nlp, analysis, "criticized").value == monday
    # Background in another year in between: the act after it is no longer the day's news.
    moved = opening + (
        "The port was sold to a private group in 2019.\n\nLopez criticized Ortiz over the delays."
    )
    analysis = build(nlp, moved, PEOPLE, times={"Monday": monday, "2019": "2019"})
    criticized = _date_at_word(nlp, analysis, "criticized")
    assert criticized.value is None
    assert (criticized.source, criticized.precision) == ("publication", "before")
    # Its own date is unknown, but the article tells it in Monday's story: what merging reads.
    assert criticized.story == monday


def test_a_weekday_a_later_sentence_states_still_dates_its_own_act(nlp) -> None:
    body = (
        "Maria Lopez met Daniel Ortiz on Monday in Lima.\n\n"
        "The port was sold to a private group in 2019.\n\n"
        "Lopez criticized Ortiz on Tuesday, her office said."
    )
    times = {"Monday": "2024-03-11", "2019": "2019", "Tuesday": "2024-03-12"}
    analysis = build(nlp, body, PEOPLE, times=times)
    criticized = _date_at_word(nlp, analysis, "criticized")
    assert (criticized.value, criticized.source) == ("2024-03-12", "clause")


def test_an_act_named_by_a_noun_another_act_is_about_keeps_only_its_own_date(nlp) -> None:
    body = "Maria Lopez on Monday condemned the attack on the ministry's offices in Lima."
    analysis = build(nlp, body, PEOPLE, times={"Monday": "2024-03-11"})
    # Monday is when she condemned it; the attack came before, on a day not given.
    assert _date_at_word(nlp, analysis, "condemned").value == "2024-03-11"
    attack = _date_at_word(nlp, analysis, "attack")
    assert (attack.value, attack.precision) == (None, "before")
    assert attack.story == "2024-03-11"  # told in Monday's story of the condemnation
    dated = "Maria Lopez on Monday condemned the Saturday attack on the ministry's offices."
    times = {"Monday": "2024-03-11", "Saturday": "2024-03-09"}
    analysis = build(nlp, dated, PEOPLE, times=times)
    assert _date_at_word(nlp, analysis, "attack").value == "2024-03-09"


def test_an_act_a_verb_hosts_or_brokers_takes_the_verbs_date(nlp) -> None:  # type: ignore[no-untyped-def]
    # Hosting, mediating or brokering an act happens with it: the verb's date is the act's,
    # unlike a reaction to it ("condemned the attack" above).
    for verb in ("hosted", "mediated", "facilitated"):
        body = f"In March, the ministry {verb} talks between Maria Lopez and Daniel Ortiz."
        analysis = build(nlp, body, PEOPLE, times={"March": "2024-03"})
        talks = _date_at_word(nlp, analysis, "talks")
        assert (talks.value, talks.source in {"clause", "sentence"}) == ("2024-03", True), verb


def test_a_noun_told_under_a_present_verb_is_not_dated_by_the_day_it_is_told(nlp) -> None:
    body = (
        "Daniel Ortiz met reporters in Lima.\n\n"
        "Ortiz is serving a prison sentence for fraud, and Lopez says she holds talks with "
        "the ministry."
    )
    analysis = build(nlp, body, PEOPLE)
    sentence = _date_at_word(nlp, analysis, "sentence")
    assert (sentence.value, sentence.precision) == (None, "before")
    # A light verb tells the noun's own act: "holds talks" happens when it is told.
    assert _date_at_word(nlp, analysis, "talks").value == DAY


def test_a_present_passive_tells_the_state_an_earlier_act_left(nlp) -> None:
    body = "Daniel Ortiz met reporters in Lima.\n\nOrtiz is charged with fraud in two cases."
    analysis = build(nlp, body, PEOPLE)
    charged = _date_at_word(nlp, analysis, "charged")
    assert (charged.value, charged.source, charged.precision) == (None, "publication", "before")


def test_undated_background_in_the_perfect_or_without_a_news_day_has_no_story_date(nlp) -> None:
    body = (
        "Maria Lopez met Daniel Ortiz on Monday in Lima.\n\n"
        "The talks lasted four hours, officials said.\n\n"
        "The port was sold to a private group in 2019.\n\n"
        "Lopez had criticized Ortiz over the sale."
    )
    analysis = build(nlp, body, PEOPLE, times={"Monday": "2024-03-11", "2019": "2019"})
    criticized = _date_at_word(nlp, analysis, "criticized")
    assert (criticized.value, criticized.precision, criticized.story) == (None, "before", None)
    # No day of news named: an undated past act belongs to no dated story.
    undated = "Maria Lopez met Daniel Ortiz in Lima.\n\nLopez criticized Ortiz over the delays."
    analysis = build(nlp, undated, PEOPLE)
    criticized = _date_at_word(nlp, analysis, "criticized")
    assert (criticized.value, criticized.precision, criticized.story) == (None, "before", None)


def test_the_event_record_carries_the_story_date_only_beside_an_unknown_date(nlp) -> None:
    body = (
        "Maria Lopez met Daniel Ortiz on Monday in Lima to settle the row over the port.\n\n"
        "The talks lasted four hours, officials said.\n\n"
        "The port was sold to a private group in 2019.\n\n"
        "Lopez criticized Ortiz over the delays."
    )
    analysis = build(nlp, body, PEOPLE, times={"Monday": "2024-03-11", "2019": "2019"})
    met = by_trigger(analysis.events, "met")
    assert (met.date, met.story_date) == ("2024-03-11", None)
    criticized = by_trigger(analysis.events, "criticized")
    assert (criticized.date, criticized.date_precision) == (None, "before")
    assert criticized.story_date == "2024-03-11"


def test_a_week_or_quarter_places_an_act_without_dating_it(nlp) -> None:
    body = "Maria Lopez last week accused Daniel Ortiz of hiding the payments."
    analysis = build(nlp, body, PEOPLE, times={"last week": "2024-W10"})
    accused = by_trigger(analysis.events, "accused")
    # The event's date is a day, month or year; the week is kept for merging.
    assert (accused.date, accused.date_precision, accused.story_date) == (None, "week", "2024-W10")
    body = "During the third quarter, the ministry accused Daniel Ortiz of hiding the payments."
    analysis = build(nlp, body, PEOPLE, times={"the third quarter": "2023-Q3"})
    accused = _date_at_word(nlp, analysis, "accused")
    assert (accused.value, accused.precision, accused.story) == (None, "quarter", "2023-Q3")


def test_a_season_dates_an_act_by_its_year(nlp) -> None:
    body = "Maria Lopez accused Daniel Ortiz of hiding the payments last fall."
    analysis = build(nlp, body, PEOPLE, times={"last fall": "2023-FA"})
    accused = _date_at_word(nlp, analysis, "accused")
    assert (accused.value, accused.precision) == ("2023", "year")


def test_a_date_naming_part_of_a_time_dates_the_act(nlp) -> None:
    body = (
        "The ministry said Maria Lopez detained Daniel Ortiz in the early hours of Monday morning."
    )
    analysis = build(nlp, body, PEOPLE, times={"Monday morning": "2024-03-11TMO"})
    # "the hours of Monday" is a time, not a thing the date describes ("the order of 2007").
    assert _date_at_word(nlp, analysis, "detained").value == "2024-03-11TMO"


def test_the_story_returns_to_its_news_day_when_a_sentence_states_it_again(nlp) -> None:
    monday = "2024-03-11"
    body = (
        "Maria Lopez met Daniel Ortiz on Monday in Lima to settle the row over the port.\n\n"
        "The talks lasted four hours, officials said.\n\n"
        "The port was sold to a private group in 2019.\n\n"
        "Hundreds of dockers gathered outside the ministry on Monday evening.\n\n"
        "Lopez criticized Ortiz over the delays."
    )
    times = {"Monday": monday, "2019": "2019", "Monday evening": "2024-03-11TEV"}
    analysis = build(nlp, body, PEOPLE, times=times)
    criticized = _date_at_word(nlp, analysis, "criticized")
    assert (criticized.value, criticized.source) == (monday, "lead")


def test_a_dateline_line_read_as_the_headline_gives_the_news_day() -> None:
    from dateline.events.dates import news_day
    from dateline.model import TimeExpression

    headline = "LIMA, March 11 (Reuters) --"
    body = "The presidents of Peru and Chile have signed a border treaty."
    stamp = TimeExpression(text="March 11", value="2024-03-11", start=6, end=14)
    stamp = stamp.model_copy(update={"field": "headline"})
    published = date(2024, 3, 12)
    found = news_day([stamp], len(body), published, body, headline)
    assert (found.value, found.source) == ("2024-03-11", "lead")
    # A headline that is no dateline says nothing of the news day.
    title = TimeExpression(text="March 11", value="2024-03-11", start=18, end=26)
    title = title.model_copy(update={"field": "headline"})
    found = news_day([title], len(body), published, body, "Treaty signed on March 11")
    assert found.source == "publication"


def test_points_back_finds_a_pointer_anywhere_in_the_sentence_only(nlp) -> None:
    from dateline.events.dates import points_back

    doc = nlp(
        "The mayor resigned in 2019. Both men denied the report at the time, officials said. "
        "The council met the same day. The time of the vote was not set."
    )
    sentences = list(doc.sents)
    # The verb of each sentence: whether its sentence points back at a time told before.
    assert [points_back(s.root) for s in sentences] == [False, True, True, False]
