"""Line-level signals of plain-text structuring: bylines, timestamps, boilerplate, glued lines."""

from __future__ import annotations

import pytest

from dateline.article.bylines import parse_byline, wire_footer_authors
from dateline.article.plaintext import is_boilerplate, parse_meta, split_glued, structure_text
from dateline.article.timestamps import parse_timestamp


@pytest.mark.parametrize(
    ("line", "authors", "publisher"),
    [
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"], None),
        ("By JANE MORRISON", ["Jane Morrison"], None),
        ("Helen Avery, Political Editor", ["Helen Avery"], None),
        ("Tom Price - Staff Writer", ["Tom Price"], None),
        ("Ana María de la Cruz | Reuters", ["Ana María de la Cruz"], "Reuters"),
        ("Natalia Gurieva in Tbilisi", ["Natalia Gurieva"], None),
        ("By Sam Lee, Kim Park & Lou Diaz", ["Sam Lee", "Kim Park", "Lou Diaz"], None),
        ("By Associated Press", [], "Associated Press"),
        ("By Ali al-Hassan @alihassan", ["Ali al-Hassan"], None),
    ],
)
def test_bylines(line: str, authors: list[str], publisher: str | None) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert byline.authors == authors
    assert byline.publisher == publisher


@pytest.mark.parametrize(
    "line",
    [
        "Vladimir Putin meets Syrian president Bashar Assad",
        "Residents wade through flood water",
        "What happens next?",
        "The finance minister said he would resign.",
    ],
)
def test_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


def test_bare_names_only_where_allowed() -> None:
    assert parse_byline("Oliver Carroll", bare_names=False) is None
    assert parse_byline("Oliver Carroll", bare_names=True).authors == ["Oliver Carroll"]  # type: ignore[union-attr]


def test_wire_footer() -> None:
    line = "Reporting by Marta Kowalczyk in Warsaw and Pavel Ivanenko; Editing by Helen Marsh"
    assert wire_footer_authors(line) == ["Marta Kowalczyk", "Pavel Ivanenko"]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Tuesday 21 November 2017 08:52 GMT", "2017-11-21T08:52:00+00:00"),
        ("Updated 9:41 AM EST, Tue November 21, 2017", "2017-11-21T09:41:00-05:00"),
        ("Nov. 21, 2017 4:15 p.m. ET", "2017-11-21T16:15:00-05:00"),
        ("Tue 30 Apr 2024 19.47 BST", "2024-04-30T19:47:00+01:00"),
        ("2023-05-04T10:30:00+02:00", "2023-05-04T10:30:00+02:00"),
        ("2024-10-07T06:30:00Z", "2024-10-07T06:30:00+00:00"),
        ("21 January 2024 • 2:52pm", "2024-01-21T14:52:00"),
        ("March 3, 2024 at 4:15 PM EST", "2024-03-03T16:15:00-05:00"),
        ("08:52 MSK 21 Nov 2017", "2017-11-21T08:52:00+03:00"),
        ("21/11/2017", "2017-11-21"),
        ("11/21/2017", "2017-11-21"),
        ("Posted on June 12, 2023", "2023-06-12"),
        ("21 November 2017 08:52 UTC+1", "2017-11-21T08:52:00+01:00"),
        ("Nov 21, 2017 08:52 (GMT+3)", "2017-11-21T08:52:00+03:00"),
        ("21 November 2017 08:52 GMT+05:30", "2017-11-21T08:52:00+05:30"),
        ("2017-11-21T08:52:00-0500", "2017-11-21T08:52:00-05:00"),
    ],
)
def test_timestamps(text: str, iso: str) -> None:
    assert parse_timestamp(text) == iso


def test_no_timestamp() -> None:
    assert parse_timestamp("Leaders gather in Sochi for surprise talks") is None
    assert parse_timestamp("31/02/2020") is None


@pytest.mark.parametrize("line", ["Published 3 hours ago", "2 days ago", "Updated: 45 minutes ago"])
def test_relative_timestamp_lines_give_no_time(line: str) -> None:
    meta = parse_meta(line, bare_names=False)
    assert meta is not None and meta.relative and meta.published is None


def test_byline_and_timestamp_on_one_line() -> None:
    meta = parse_meta("By JANE MORRISON | Updated March 3, 2024 4:15 PM EST", bare_names=False)
    assert meta is not None
    assert meta.authors == ["Jane Morrison"]
    assert meta.updated == "2024-03-03T16:15:00-05:00"
    meta = parse_meta("Reuters November 18, 2019 11:03 PM", bare_names=False)
    assert meta is not None and meta.publisher == "Reuters"
    assert meta.published == "2019-11-18T23:03:00"


@pytest.mark.parametrize(
    "line",
    [
        "Join our commenting forum",
        "Sign up to our free daily newsletter",
        "We use cookies to give you the best experience on our website.",
        "Read more: Heatwave brings record temperatures to southern Europe",
        "Please refresh your browser to be logged in",
        "Advertisement",
        "© 2024 Example Media Ltd. All rights reserved.",
        "Share this article",
        "Follow us on Twitter",
    ],
)
def test_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "The company said users would have to log in again after the security breach was fixed, "
        "a change that angered many customers who had been locked out for days.",
        "Mission nearly accomplished, was the message.",
        "Police read more than 200 messages sent by the suspect, prosecutors said.",
    ],
)
def test_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


def test_glued_boilerplate_is_split_but_camel_case_names_are_not() -> None:
    glued = "Please refresh the page to be automatically logged inPlease refresh your browser"
    assert split_glued(glued) == [
        "Please refresh the page to be automatically logged in",
        "Please refresh your browser",
    ]
    assert split_glued("The new iPhone sold well at McDonald's, said YouTube.") == [
        "The new iPhone sold well at McDonald's, said YouTube."
    ]


def test_boilerplate_inside_the_body_is_dropped_without_cutting_the_body() -> None:
    text = "\n".join(
        [
            "Rail strike halts trains across the country",
            "By Ines Moreau",
            "Train drivers walked out on Monday in a dispute over pay, halting almost all "
            "services across the country and leaving commuters stranded at stations.",
            "Advertisement",
            "The union said the strike would last 48 hours unless the operator improved its "
            "offer, which it called an insult to drivers.",
            "Story continues below advertisement",
            "The transport minister urged both sides to return to talks and said the government "
            "was ready to mediate.",
            "Sign up to our newsletter",
            "Most popular",
        ]
    )
    fields = structure_text(text)
    assert len(fields["paragraphs"]) == 3
    assert fields["boilerplate"] == [
        "Advertisement",
        "Story continues below advertisement",
        "Sign up to our newsletter",
        "Most popular",
    ]
    assert fields["authors"] == ["Ines Moreau"]


def test_text_without_header_keeps_every_body_line() -> None:
    fields = structure_text(
        "Short item.\n\nThe second line of a short wire item, with little else in it.",
        has_header=False,
    )
    assert fields["paragraphs"] == [
        "Short item.",
        "The second line of a short wire item, with little else in it.",
    ]


def test_question_headline_right_above_the_body_is_the_headline() -> None:
    text = (
        "Why are so many young people in Britain leaving the countryside for good?\n\n"
        "Villages across the north of England have lost a fifth of their residents under 30 in "
        "the past decade, according to new figures, as jobs and housing draw them to cities.\n\n"
        "Local councils say bus cuts have made the problem worse."
    )
    fields = structure_text(text)
    assert fields["headline"] == (
        "Why are so many young people in Britain leaving the countryside for good?"
    )
    assert len(fields["paragraphs"]) == 2


@pytest.mark.parametrize(
    "line",
    [
        "The ministry's weekly newsletter said exports had fallen by 4 per cent.",
        "Customers who logged in on Monday saw other people's orders, the company said.",
        "The cookie policy was changed after regulators warned the firm.",
    ],
)
def test_reported_news_is_not_boilerplate_even_with_prompt_words(line: str) -> None:
    assert not is_boilerplate(line)


def test_boilerplate_glued_to_the_end_of_a_paragraph_is_split_off() -> None:
    text = "\n".join(
        [
            "Bank raises rates for the third time this year",
            "By Omar Haddad",
            "The central bank raised its main interest rate by half a point on Thursday, its third "
            "increase this year, as inflation stayed well above its target.AdvertisementSign up for "
            "our markets newsletter",
            "The governor said further increases could not be ruled out if prices kept rising at "
            "the current pace.",
        ]
    )
    fields = structure_text(text)
    assert fields["paragraphs"][0].endswith("well above its target.")
    assert fields["boilerplate"] == ["Advertisement", "Sign up for our markets newsletter"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Trine Juncher Jørgensen og Tôrtia Reimer-Johansen",
            ["Trine Juncher Jørgensen", "Tôrtia Reimer-Johansen"],
        ),
        ("Von Anna Schmidt und Jonas Weber", ["Anna Schmidt", "Jonas Weber"]),
        ("Elena Oberholzer (obe)", ["Elena Oberholzer"]),
        ("chuck-ross", ["Chuck Ross"]),
        ("Sophie Foster; Sophie-Foster", ["Sophie Foster"]),
        ("Chemnitzer Verlag und Druck GmbH & Co. KG", []),
        ("Giulia Di Maio", ["Giulia Di Maio"]),
        # Dublin Core creators in catalogue order, semicolons between the people.
        ("Okafor, Chidi; van Dam, Lotte Marie", ["Chidi Okafor", "Lotte Marie van Dam"]),
        ("Chidi Okafor; Lotte van Dam", ["Chidi Okafor", "Lotte van Dam"]),
    ],
)
def test_html_author_fields(text: str, names: list[str]) -> None:
    from dateline.article.html import _split_authors

    assert _split_authors(text) == names


@pytest.mark.parametrize(
    ("title", "sitename", "url", "headline"),
    [
        ("Storm hits coast | Coastal Courier", "Coastal Courier", None, "Storm hits coast"),
        ("Storm hits coast - MDR.DE", None, None, "Storm hits coast"),
        ("Storm hits coast – Courier", None, "https://www.courier.example/x", "Storm hits coast"),
        ("Brexit - what happens next", "Courier", None, "Brexit - what happens next"),
        (
            "Storm hits coast | Coastal Courier | by Mia Lund",
            "Read All About It",
            "https://coastalcourier.example/x",
            "Storm hits coast",
        ),
    ],
)
def test_site_name_is_stripped_from_titles(
    title: str, sitename: str | None, url: str | None, headline: str
) -> None:
    from dateline.article.html import _strip_site

    assert _strip_site(title, sitename, url) == headline


def test_page_text_with_menus_takes_the_repeated_title_as_headline() -> None:
    text = "\n".join(
        [
            "Port strike ends after pay deal | Harbour Times",
            "Home",
            "News",
            "Business",
            "Subscribe",
            "Port strike ends after pay deal",
            "By Rita Gomes",
            "Dock workers returned to work on Monday after union leaders accepted a 9 per cent pay "
            "rise over two years, ending a strike that had left ships waiting offshore.",
            "The port authority said it expected the backlog to clear within ten days.",
        ]
    )
    fields = structure_text(text)
    assert fields["headline"] == "Port strike ends after pay deal"
    assert fields["authors"] == ["Rita Gomes"]
    assert "Port strike ends after pay deal | Harbour Times" in fields["boilerplate"]
    assert fields.get("standfirst") is None


def test_a_place_next_to_a_timestamp_is_no_byline() -> None:
    assert parse_byline("New Delhi", bare_names=True) is None
    assert parse_byline("By Santa Ramos", bare_names=False).authors == ["Santa Ramos"]  # type: ignore[union-attr]


def test_byline_email_and_long_word_line() -> None:
    # E-mail addresses are dropped from a byline; a single very long word (a pasted hash, a
    # run of letters) is no byline, and is scanned in linear time: the e-mail pattern used to
    # be retried from every character, which took minutes on a 200,000-character line.
    assert parse_byline("By Jane Doe jane.doe@example.com").authors == ["Jane Doe"]  # type: ignore[union-attr]
    assert parse_byline("a" * 200_000 + " said Obama") is None
    parts = structure_text("Headline\n\n" + "a" * 200_000 + " said Obama.\n")
    assert parts["paragraphs"]


@pytest.mark.parametrize(
    ("sitename", "title", "url", "publisher"),
    [
        # A slug for a site name: the title spells it.
        (
            "Harbourtimes",
            "Ferry strike ends | Harbour Times",
            "https://harbourtimes.example/a",
            "Harbour Times",
        ),
        # A tagline for a site name: the title part the domain names.
        (
            "Where The News Comes First",
            "Ferry strike ends | Harbour Times | by Mia Lund",
            "https://www.harbourtimes.example/a",
            "Harbour Times",
        ),
        # A tagline with the name in it.
        (
            "Breaking Local Headlines - 7Post",
            "Ferry strike ends",
            "https://www.7post.example/a",
            "7Post",
        ),
        # A good site name stays.
        (
            "Harbour Times",
            "Ferry strike ends | World",
            "https://harbourtimes.example/a",
            "Harbour Times",
        ),
        ("Harbour Times", "Ferry strike ends", None, "Harbour Times"),
    ],
)
def test_publisher_is_the_name_the_domain_shows(
    sitename: str, title: str, url: str | None, publisher: str
) -> None:
    from dateline.article.html import _publisher

    assert _publisher(sitename, title, url) == publisher


def test_json_ld_article_inside_a_web_page_main_entity_is_read() -> None:
    from lxml import html as lxml_html

    from dateline.article.html import _json_ld, _jsonld_authors

    page = (
        '<html><head><script type="application/ld+json">{"@type": "WebPage", "mainEntity": '
        '{"@type": "NewsArticle", "author": [{"name": "Chidi Okafor"}, {"name": "Lotte van Dam"}]}}'
        "</script></head><body><p>Text</p></body></html>"
    )
    found = _json_ld(lxml_html.fromstring(page))
    assert _jsonld_authors(found) == ["Chidi Okafor", "Lotte van Dam"]


def test_captions_printed_with_and_without_their_credit_count_once() -> None:
    from dateline.article.html import distinct_captions

    captions = [
        "Smoke rises over the harbour after the blast.",
        "Smoke rises over the harbour after the blast. Photo by Ana Ruiz /AFP",
        "(Image: Getty)",
        "Rescuers search the rubble.",
        "Rescuers search the rubble.",
    ]
    assert distinct_captions(captions) == [
        "Smoke rises over the harbour after the blast. Photo by Ana Ruiz /AFP",
        "Rescuers search the rubble.",
    ]
