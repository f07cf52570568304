"""Hard-wrapped plain text: wrapping found from line lengths, paragraphs joined back, headline,
byline, dateline and list items kept apart, ordinary text structured as before."""

from __future__ import annotations

import textwrap

import pytest

from dateline.article import plaintext
from dateline.article.plaintext import structure_text
from dateline.article.reflow import reflow, source_lines, wrap_width
from dateline.article.structure import structure
from dateline.sources import RawInput

HEADLINE = "Harbour workers end strike after pay deal in Portmere"
BYLINE = "By Tamsin Okafor"
PARAGRAPHS = [
    "PORTMERE (Coastline Press) - Dock workers at the port of Portmere returned to their "
    "cranes on Thursday after the union accepted a two-year pay offer, ending a stoppage "
    "that had left more than forty container ships waiting at anchor in the bay.",
    "The agreement, reached after three nights of talks brokered by the regional labour "
    "office, raises basic wages by nine percent and limits compulsory overtime to six "
    "hours a week, according to a statement from the workers' union.",
    "Harbour master Ilse Varga said the backlog of vessels would take at least ten days "
    "to clear and warned shippers that some perishable cargo had already been diverted "
    "to the neighbouring terminal at Kessling.",
    "Local traders, who had complained that fresh produce was rotting in refrigerated "
    "containers on the quayside, welcomed the deal but asked the port authority to "
    "compensate them for the losses of the past fortnight.",
    "The strike began on the first of the month, when negotiations over a new contract "
    "collapsed after the port operator proposed replacing night shifts with automated "
    "gantry cranes that need only remote supervision.",
]


def words_of(texts: list[str]) -> list[str]:
    return " ".join(texts).split()


def wrapped_article(width: int, indent: str = "", blank_lines: bool = True) -> str:
    """The invented article wrapped at ``width``: paragraphs separated by blank lines, or
    marked by an indented first line."""
    blocks = []
    for paragraph in PARAGRAPHS:
        if blank_lines:
            blocks.append(textwrap.fill(paragraph, width))
        else:
            blocks.append(textwrap.fill(paragraph, width, initial_indent=indent))
    separator = "\n\n" if blank_lines else "\n"
    return f"{HEADLINE}\n{BYLINE}\n\n" + separator.join(blocks) + "\n"


@pytest.mark.parametrize("width", [60, 72, 80, 100])
def test_wrapped_paragraphs_are_joined_whole(width: int) -> None:
    text = wrapped_article(width)
    assert wrap_width(source_lines(text)) is not None
    fields = structure_text(text)
    assert fields["headline"] == HEADLINE
    assert fields["authors"] == ["Tamsin Okafor"]
    assert fields["paragraphs"] == PARAGRAPHS
    assert fields["captions"] == []


@pytest.mark.parametrize(("width", "indent"), [(64, "    "), (72, "  "), (76, "\t")])
def test_indented_first_lines_mark_paragraphs(width: int, indent: str) -> None:
    text = wrapped_article(width, indent=indent, blank_lines=False)
    fields = structure_text(text)
    assert fields["headline"] == HEADLINE
    assert fields["paragraphs"] == PARAGRAPHS


def test_text_indented_as_an_xml_element_keeps_every_paragraph() -> None:
    # The layout of a pretty-printed XML corpus: the text starts right after its tag, every
    # later line carries the element's indent, one paragraph a line group, no blank lines.
    lines = []
    for paragraph in PARAGRAPHS:
        lines += textwrap.wrap(paragraph, 96)
    text = lines[0] + "\n" + "\n".join("            " + line for line in lines[1:])
    fields = structure_text(text)
    assert words_of(fields["paragraphs"]) == words_of(PARAGRAPHS)
    # A paragraph may end on a full line and be taken for the next one's start; never lost.
    assert len(fields["paragraphs"]) >= 3


def test_joining_keeps_every_non_space_character_and_its_place() -> None:
    text = wrapped_article(58, indent="   ", blank_lines=False)
    reflowed = reflow(text)
    assert reflowed is not None
    for line in reflowed:
        pieces = [text[start:end] for start, end in line.spans]
        assert "".join(line.text.split()) == "".join("".join(pieces).split())
        for piece in pieces:
            assert piece == piece.strip() and "\n" not in piece
    # Every non-space character of the input is in exactly one reflowed line, in order.
    joined = "".join("".join(line.text.split()) for line in reflowed)
    assert joined == "".join(text.split())


def test_a_word_broken_at_a_hyphen_is_joined_without_a_space() -> None:
    text = (
        "The committee will publish its findings on the state-\n"
        "owned shipping company next week, after hearing from the port\n"
        "authority, the unions and the three firms that bid for the con-\n"
        "tract to dredge the channel in the spring of last year.\n"
    )
    reflowed = reflow(text)
    assert reflowed is not None and len(reflowed) == 1
    assert "state-owned shipping" in reflowed[0].text
    assert "the con-tract to dredge" in reflowed[0].text


def test_headline_dateline_and_list_items_stand_apart() -> None:
    body = (
        "The council approved the following measures for the old town at its meeting on\n"
        "Tuesday evening, after a debate that lasted well past midnight and drew a crowd:\n"
        "- a ban on through traffic in the lanes around the cathedral from next summer\n"
        "- new benches, lighting and public toilets along the whole of the river walk\n"
        "- a fund of two million crowns for repairs to the roofs of listed buildings\n"
        "\n"
        "Opponents said the traffic ban would harm the shops that depend on passing trade\n"
        "and called for a referendum before any of the measures are put into effect.\n"
    )
    headline = "COUNCIL BACKS OLD TOWN PLAN AFTER LONG NIGHT OF DEBATE IN VELDHAVEN CHAMBER"
    text = (
        f"{headline}\nVELDHAVEN (Northern Wire) - Councillors voted by a wide margin for\n" + body
    )
    reflowed = reflow(text)
    assert reflowed is not None
    lines = [line.text for line in reflowed]
    assert lines[0] == headline
    assert lines[1].startswith("VELDHAVEN (Northern Wire) - Councillors voted")
    assert lines[1].endswith("drew a crowd:")
    assert [line[:2] for line in lines[2:5]] == ["- ", "- ", "- "]
    assert lines[5].startswith("Opponents said") and lines[5].endswith("into effect.")


def test_a_sentence_case_headline_is_not_joined_to_the_first_paragraph() -> None:
    headline = "Ferry operator cancels winter crossings to the outer islands"
    text = headline + "\n\n" + "\n\n".join(textwrap.fill(p, 70) for p in PARAGRAPHS)
    fields = structure_text(text)
    assert fields["headline"] == headline
    assert fields["paragraphs"] == PARAGRAPHS


ORDINARY = [
    # One paragraph a line, as scrapers and most feeds leave text.
    "\n".join([HEADLINE, BYLINE, "Published 4 March 2025 10:12 GMT", *PARAGRAPHS]),
    # Menus, a caption and boilerplate around the article.
    "\n".join(
        [
            "Home",
            "World",
            "Business",
            "Sport",
            HEADLINE,
            "Dock workers returned on Thursday after a long stoppage",
            BYLINE,
            *PARAGRAPHS[:2],
            "Photo: Cranes stand idle at the container terminal (Coastline Press)",
            *PARAGRAPHS[2:],
            "Sign up for our newsletter",
            "Share this article on Facebook",
        ]
    ),
    # Short lines of a list and a table.
    "Results of the regional vote\n"
    + "\n".join(f"{n} Candidate number {n} of the list {100 - n} votes" for n in range(1, 30))
    + "\n"
    + PARAGRAPHS[0],
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_structured_exactly_as_before(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert reflow(text) is None
    fields = structure_text(text)
    monkeypatch.setattr(plaintext, "reflow", lambda _: None)
    assert fields == structure_text(text)


def test_structure_keeps_the_whole_wrapped_body() -> None:
    text = wrapped_article(68)
    article = structure(RawInput(source="wire.txt", data=text.encode(), content_type="text"))
    assert article.headline == HEADLINE
    assert article.authors == ["Tamsin Okafor"]
    assert article.paragraphs == PARAGRAPHS
    assert article.text == "\n\n".join(PARAGRAPHS)
