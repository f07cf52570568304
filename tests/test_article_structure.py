"""Article structuring on the example article and on invented articles in many publishers' styles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import EXAMPLE, FIXTURES
from dateline.article import structure
from dateline.article.structure import detect_format
from dateline.errors import InputError
from dateline.sources import RawInput, read_input

ARTICLES = FIXTURES / "articles"
EXPECTED: dict[str, dict] = json.loads((ARTICLES / "expected.json").read_text(encoding="utf-8"))


def test_example_article_is_structured() -> None:
    article = structure(read_input(str(EXAMPLE)))
    assert article.headline and article.headline.endswith("end of Russia's Syria campaign")
    assert article.standfirst == "Leaders gather in Sochi for surprise talks"
    assert article.authors == ["Oliver Carroll"]
    assert article.published == "2017-11-21T08:52:00+00:00"
    assert len(article.captions) == 2
    for caption in article.captions:
        assert caption not in article.text
    assert article.paragraphs[0].startswith("“Mission nearly accomplished,”")
    assert article.paragraphs[-1].endswith("only in the opposition’s capitulation.”")
    # Every line after the last body paragraph is boilerplate, the glued one split in two.
    lines = [line.strip() for line in EXAMPLE.read_text(encoding="utf-8").splitlines()]
    tail = lines[[i for i, line in enumerate(lines) if line][-1] :]
    assert tail and all(part not in article.text for part in tail)
    assert len(article.boilerplate) == 5
    assert article.language == "en"
    assert article.format == "text"
    assert article.text == "\n\n".join(article.paragraphs)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_article(name: str) -> None:
    want = EXPECTED[name]
    article = structure(read_input(str(ARTICLES / name)))
    assert article.headline == want["headline"]
    assert article.standfirst == want["standfirst"]
    assert article.authors == want["authors"]
    assert article.published == want["published"]
    assert article.captions == want["captions"]
    for key in ("publisher", "url"):
        if key in want:
            assert getattr(article, key) == want[key]
    assert article.paragraphs[0].startswith(want["first"])
    assert article.paragraphs[-1].endswith(want["last"])
    assert len(article.paragraphs) == want["paragraphs"]
    for dropped in want["dropped"]:
        assert any(line.startswith(dropped) for line in article.boilerplate), dropped
        assert dropped not in article.text
    for caption in article.captions:
        assert caption not in article.text
    assert article.headline not in article.paragraphs
    assert article.language == "en"


def test_html_page_without_article_is_refused() -> None:
    with pytest.raises(InputError, match="no article text"):
        structure(read_input(str(ARTICLES / "html" / "no_article.html")))


def test_format_is_sniffed_from_content_not_the_name(tmp_path: Path) -> None:
    page = tmp_path / "saved-page.txt"
    page.write_bytes((ARTICLES / "html" / "og_description.html").read_bytes())
    article = structure(read_input(str(page)))
    assert article.format == "html"
    assert (
        article.standfirst
        == "Employers will pay an extra 7 per cent of wages into workers' accounts"
    )
    assert detect_format('{"title": "x", "text": "y"}') == "json"
    assert detect_format("Headline\n\nA <b>bold</b> claim in plain text.") == "text"


def test_json_object_fields_win_over_layout_guesses() -> None:
    raw = RawInput(
        source="feed-item",
        data=json.dumps(
            {
                "headline": "Port workers end strike after pay deal",
                "body": "Dock workers at the country's largest port returned to work on Monday "
                "after union leaders accepted a 9 per cent pay rise over two years.\n\n"
                "The strike had left dozens of ships waiting offshore for more than a week.",
                "datePublished": "2024-10-07 06:30 UTC",
                "link": "https://example.org/port-strike",
            }
        ).encode(),
    )
    article = structure(raw)
    assert article.format == "json"
    assert article.headline == "Port workers end strike after pay deal"
    assert article.published == "2024-10-07T06:30:00+00:00"
    assert article.url == "https://example.org/port-strike"
    assert len(article.paragraphs) == 2


def test_json_body_repeating_its_title_is_read_once() -> None:
    """Scrapers often start the text field with the title (and the summary): the body then
    starts after them, so the title is not parsed twice nor glued to the first sentence."""
    record = {
        "title": "Mayor resigns over housing scandal",
        "description": "The council will choose a successor next month.",
        "text": "Mayor Resigns Over Housing Scandal\n\n"
        "The council will choose a successor next month\n\n"
        "The mayor of the northern port city resigned on Friday after auditors found that "
        "council flats had been let to his relatives.",
    }
    article = structure(RawInput(source="item.json", data=json.dumps(record).encode()))
    assert article.headline == "Mayor resigns over housing scandal"
    assert article.paragraphs == [record["text"].split("\n\n")[2]]
    # A body that is only the title keeps it: there is nothing else to read.
    alone = {"title": "Mayor resigns", "text": "Mayor resigns."}
    assert structure(RawInput(source="a.json", data=json.dumps(alone).encode())).paragraphs == [
        "Mayor resigns."
    ]


def test_json_without_text_names_the_problem() -> None:
    raw = RawInput(source="item.json", data=b'{"title": "Only a title"}')
    with pytest.raises(InputError, match=r"item\.json: JSON object has no text field"):
        structure(raw)


def test_non_english_article_gets_a_notice_and_skips_english_stages() -> None:
    from dateline.pipeline import Pipeline

    article = structure(read_input(str(ARTICLES / "text" / "german.txt")))
    assert article.language == "de"
    analysis = Pipeline.create(None).annotate(article)
    assert analysis.stages == ["article"]
    assert analysis.entities == [] and analysis.events == []
    assert any("not English" in notice.message for notice in analysis.notices)


def test_article_id_is_stable_and_depends_on_body_only() -> None:
    a = structure(RawInput(source="a.txt", data=(ARTICLES / "text" / "blog.txt").read_bytes()))
    b = structure(RawInput(source="b.txt", data=(ARTICLES / "text" / "blog.txt").read_bytes()))
    assert a.id == b.id and len(a.id) == 16
    c = structure(
        RawInput(source="c.txt", data=(ARTICLES / "text" / "telegraph_like.txt").read_bytes())
    )
    assert c.id != a.id


def test_xhtml_with_an_encoding_declaration_is_read(tmp_path: Path) -> None:
    page = tmp_path / "page.xhtml"
    html = (ARTICLES / "html" / "og_description.html").read_text(encoding="utf-8")
    page.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + html, encoding="utf-8")
    article = structure(read_input(str(page)))
    assert article.format == "html"
    assert article.headline == "Chile's Senate passes pension reform after decade of debate"


def test_json_feed_values_of_other_shapes() -> None:
    raw = RawInput(
        source="feed.json",
        data=json.dumps(
            {
                "title": "Drought cuts coffee harvest",
                "content": "Brazil's coffee harvest will fall by a tenth this year after a long "
                "drought in the main growing regions, the national supply agency said on Tuesday.",
                "published": 1700000000,
                "authors": [{"name": "Ana Souza"}, {"name": "Leo Park"}],
                "publisher": {"@type": "Organization", "name": "Agro Wire"},
            }
        ).encode(),
    )
    article = structure(raw)
    assert article.published == "2023-11-14T22:13:20+00:00"
    assert article.authors == ["Ana Souza", "Leo Park"]
    assert article.publisher == "Agro Wire"


def test_container_metadata_fills_gaps_and_is_normalised() -> None:
    body = (ARTICLES / "text" / "blog.txt").read_bytes()
    raw = RawInput(
        source="dump.jsonl:3",
        data=body,
        meta={"published": "Mon, 12 Jun 2023 09:00:00 GMT", "url": "https://example.net/ports"},
    )
    article = structure(raw)
    assert article.url == "https://example.net/ports"
    assert article.published == "2023-06-12"  # the article's own date line wins
    raw = RawInput(
        source="x",
        data=b"No header here at all, only a long sentence of body text that runs on.",
        meta={"published": "Mon, 12 Jun 2023 09:00:00 GMT"},
    )
    assert structure(raw).published == "2023-06-12T09:00:00+00:00"


def test_an_overlong_article_is_an_input_error() -> None:
    # A 1.2 MB paragraph used to reach spaCy, whose ValueError (E088, text over its
    # max_length) stopped `dateline analyze` for every input of the run.
    raw = RawInput(source="huge.txt", data=("Headline\n\n" + "Word said. " * 110_000).encode())
    with pytest.raises(InputError, match=r"huge\.txt: article text is 1,209,999 characters long"):
        structure(raw)
    ok = RawInput(source="ok.txt", data=("Headline\n\n" + "Word said. " * 80_000).encode())
    assert len(structure(ok).text) < 1_000_000


def test_json_nested_too_deeply_is_an_input_error() -> None:
    # json.loads raises RecursionError (not ValueError) past ~1,000 levels: it escaped as a
    # crash from format sniffing; a page's JSON-LD nested as deeply is skipped like broken JSON-LD.
    deep = '{"text": ' + "[" * 5000 + '"x"' + "]" * 5000 + "}"
    with pytest.raises(InputError, match=r"deep\.json: invalid JSON \(nested too deeply\)"):
        structure(RawInput(source="deep.json", data=deep.encode()))
    page = (
        '<html><head><script type="application/ld+json">' + "[" * 5000 + "]" * 5000 + "</script>"
        "</head><body><article><h1>Talks resume in Geneva</h1>"
        + "<p>Negotiators met in Geneva on Monday to resume the talks, officials said.</p>" * 5
        + "</article></body></html>"
    )
    assert "Geneva" in structure(RawInput(source="page.html", data=page.encode())).text


def test_teaser_titles_pull_quote_sources_and_bare_credits_are_no_captions() -> None:
    body = " ".join(
        f"<p>The council voted on Tuesday to close the old ferry pier after engineers found "
        f"cracks in its supports, paragraph {n} of the report said.</p>"
        for n in range(6)
    )
    page = (
        "<html><head><title>Council closes ferry pier | Harbour Gazette</title></head><body>"
        "<article><h1>Council closes ferry pier</h1>"
        "<figure><img src='pier.jpg'><figcaption>The pier at low tide on Monday.</figcaption>"
        "</figure>" + body + "<figure><img src='b.jpg'><figcaption>(Image credit: Harbour "
        "Gazette)</figcaption></figure>"
        "<blockquote><p>We had no choice.</p><figure><figcaption>Mayor Ines Porto</figcaption>"
        "</figure></blockquote>"
        "<div class='related'><a href='/other'><figure><img src='c.jpg'><figcaption>Watch: "
        "Storm floods the seafront car park</figcaption></figure></a></div>"
        "</article></body></html>"
    )
    article = structure(RawInput(source="pier.html", data=page.encode()))
    assert article.captions == ["The pier at low tide on Monday."]


def test_html_with_unclosed_inline_tags_keeps_every_paragraph() -> None:
    """Old and generated pages leave a <font> open per paragraph: the tree grows a level per
    paragraph, and lxml's default parser stopped 256 levels deep, dropping the rest."""
    paragraphs = [
        f"Paragraph {n}: the harbour board of the coastal town met again on Tuesday and "
        "postponed its vote on the new ferry terminal, its chairwoman said."
        for n in range(400)
    ]
    page = (
        "<html><head><title>Ferry terminal vote postponed</title></head><body><article>"
        "<h1>Ferry terminal vote postponed</h1>"
        + "".join(f"<font size=2><p>{text}</p>" for text in paragraphs)
        + "</article></body></html>"
    )
    article = structure(RawInput(source="ferry.html", data=page.encode()))
    assert article.paragraphs == paragraphs


@pytest.mark.parametrize(
    ("last", "kept"),
    [
        ("Police are investigating.", True),
        ("No one was hurt in the blaze.", True),
        ('"We will rebuild," the mayor said.', True),
        ("Originally published on Example Science.", False),
        ("Read the rest here.", False),
        ("(Reporting by Jane Doe; Editing by John Roe)", False),
        ("Share this article.", False),
        ("SUMMARY.", False),
    ],
)
def test_a_short_closing_sentence_stays_in_the_body(last: str, kept: bool) -> None:
    text = (
        "Fire destroys warehouse in harbour district\n\n"
        "A fire destroyed a timber warehouse in the harbour district on Tuesday night, the fire "
        "service said.\n\n"
        "Forty firefighters fought the blaze for six hours before bringing it under control.\n\n"
        f"{last}\n"
    )
    article = structure(RawInput(source="fire.txt", data=text.encode()))
    assert (last in article.paragraphs) is kept
    assert article.paragraphs[0].startswith("A fire destroyed")


def test_json_lines_unix_times_are_publication_times_as_in_json_files() -> None:
    """A JSON Lines record's date reaches the structurer as text: a Unix time in seconds or
    milliseconds was lost there, while the same number in a .json file was read."""
    from dateline.sources.jsonl import record_to_raw

    body = "Ferry crews ended their strike on Sunday after a pay deal, the union said."
    for stamp in (1733390000, "1733390000", 1733390000000):
        raw = record_to_raw("dump.jsonl:1", {"text": body, "date": stamp}, {})
        assert structure(raw).published == "2024-12-05T09:13:20+00:00", stamp
    as_file = RawInput(
        source="a.json", data=json.dumps({"text": body, "date": 1733390000}).encode()
    )
    assert structure(as_file).published == "2024-12-05T09:13:20+00:00"
    dated = record_to_raw("dump.jsonl:2", {"text": body, "date": "2024-12-05"}, {})
    assert structure(dated).published == "2024-12-05"


_LEAD_PROSE = (
    "Dockworkers at the country's two largest container ports walked out at dawn on Monday, "
    "halting the loading of ships for the first time in a decade."
)


@pytest.mark.parametrize("as_record", [False, True])
def test_json_body_opening_with_a_page_header_is_structured_like_the_page(
    as_record: bool,
) -> None:
    """A scraper's text field often holds the page's header above the article: the title, a
    standfirst, a bare byline beside a timestamp and a caption. Read as body, the byline was a
    paragraph (a person in the text) and the standfirst a caption; read as the plain-text page
    would be, they are the standfirst and the authors, in a .json file and a JSON Lines record."""
    from dateline.sources.jsonl import record_to_raw

    title = "Port strike halts container traffic"
    text = (
        f"{title}\n\nUnions say the walkout will last a week\n\nMaria Ortega\n"
        "Monday 3 March 2025 07:40 GMT\n\nCranes stand idle at the southern terminal\n\n"
        f"{_LEAD_PROSE}\n\nThe employers' association called the strike unlawful."
    )
    record = {"title": title, "text": text}
    raw = (
        record_to_raw("dump.jsonl:1", record, {})
        if as_record
        else RawInput(source="item.json", data=json.dumps(record).encode())
    )
    article = structure(raw)
    assert article.headline == title
    assert article.standfirst == "Unions say the walkout will last a week"
    assert article.authors == ["Maria Ortega"]
    assert article.published == "2025-03-03T07:40:00+00:00"
    assert article.captions == ["Cranes stand idle at the southern terminal"]
    assert article.paragraphs[0] == _LEAD_PROSE


def test_json_body_opening_lines_without_a_header_s_evidence_stay_body() -> None:
    """Only a byline, a timestamp or the title repeated makes the lines above the first long
    paragraph a header: a short opening line of the story itself stays in the body."""
    record = {
        "title": "Port strike halts container traffic",
        "text": f"It began at dawn.\n\n{_LEAD_PROSE}",
    }
    article = structure(RawInput(source="item.json", data=json.dumps(record).encode()))
    assert article.standfirst is None
    assert article.paragraphs == ["It began at dawn.", _LEAD_PROSE]


def test_json_object_without_a_publisher_keeps_the_wire_credit_of_its_text() -> None:
    record = {"title": "Port strike", "text": f"LISBON (Reuters) - {_LEAD_PROSE}"}
    article = structure(RawInput(source="item.json", data=json.dumps(record).encode()))
    assert article.publisher == "Reuters"
