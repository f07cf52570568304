"""Property-based fuzzing of what reads untrusted text: structuring (plain text, HTML, JSON), the
quote matcher, and the time and amount parsers. Properties: no exception but InputError escapes,
offsets point into the text, and the output is the same on a second run.

Cases hypothesis found are kept as explicit ``@example``s, so they are re-run every time.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dateline.article import structure
from dateline.errors import InputError
from dateline.quotes.marks import find_quoted
from dateline.sources.files import RawInput
from dateline.textsafety import remove_control_chars

# News-like pieces with the characters that break parsers: quotation marks of every style,
# apostrophes, control characters, entities, brackets, digits and currency.
PIECES = st.sampled_from(
    [
        "The", "mayor", "said", "on", "Monday", "Paris", "$4.5 million", "12%", "1,200",
        "“", "”", "‘", "’", "«", "»", "„", "\"", "'", "\n", "\n\n", ",", ".", "—", "(", ")",
        "[", "]", "&#27;", "&amp;", "\x1b[2J", "\x00", "\x07", "\u202e", "2017-11-21",
        "next Tuesday", "two weeks ago", "<p>", "</p>", "<br>", "<h1>", "</h1>", "{", "}",
        "\t", "  ", "é", "中国", "🙂", "five", "hundred", "percent", "Jan.", "1990s",
    ]
)  # fmt: skip
TEXTS = st.lists(PIECES, max_size=80).map(" ".join) | st.text(max_size=400)
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)


def _structured(raw: RawInput):  # type: ignore[no-untyped-def]
    try:
        return structure(raw)
    except InputError:
        return None


def _check_article(raw: RawInput) -> None:
    article = _structured(raw)
    again = _structured(raw)
    assert (article is None) == (again is None)
    if article is None:
        return
    assert article == again  # deterministic
    assert article.text == "\n\n".join(article.paragraphs)
    for field in (article.text, article.headline or "", *article.paragraphs, *article.captions):
        assert remove_control_chars(field) == field  # no control character left


@pytest.mark.slow
@SETTINGS
@given(TEXTS)
@example("He said \x1b]52;c;ZWNobw==\x07 “no”\n\n" * 3)
@example("\ufeff" + "a" * 3)
def test_plain_text_structuring(text: str) -> None:
    _check_article(RawInput("fuzz.txt", text.encode("utf-8", errors="surrogatepass")))


@pytest.mark.slow
@SETTINGS
@given(TEXTS, TEXTS)
@example("Head&#27;line", "The mayor said &#1; on Monday that the bridge would open.")
@example("", "&#xD800;&#99999999;")
def test_html_structuring(title: str, body: str) -> None:
    html = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>"
    _check_article(RawInput("fuzz.html", html.encode("utf-8", errors="surrogatepass")))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXTS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@pytest.mark.slow
@SETTINGS
@given(
    st.dictionaries(
        st.sampled_from(["title", "text", "date", "url", "author", "publisher", "x"]),
        JSON_VALUES,
        max_size=6,
    )
)
@example({"text": "\u001b[2J The council voted.", "title": ["a", {"b": 1}]})
@example({"text": "The mayor resigned.", "date": 1e300})
def test_json_structuring(obj: dict) -> None:  # type: ignore[type-arg]
    _check_article(RawInput("fuzz.json", json.dumps(obj).encode()))


@SETTINGS
@given(TEXTS)
@example("“" * 3000 + "”" * 10)
@example("‘“«" * 500)
@example("''a'' ‘b’ „c“ ‚d‘")
def test_quote_matcher(text: str) -> None:
    found = find_quoted(text)
    assert found == find_quoted(text)
    for quoted in found:
        assert 0 <= quoted.open_mark < quoted.start <= quoted.end <= len(text)
        if quoted.close_mark is not None:
            assert quoted.end <= quoted.close_mark < len(text)


@pytest.fixture(scope="module")
def blank_nlp():  # type: ignore[no-untyped-def]
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")  # the amount finder reads sentence boundaries
    return nlp


@pytest.mark.slow
@SETTINGS
@given(TEXTS)
@example("between 1990 and 2000, next Tuesday, the 1990s, Q3 2017, 25/12/2017")
@example("9" * 400)
def test_time_parser(text: str) -> None:
    from dateline.time.extract import find_times

    anchor = date(2017, 11, 21)
    times = find_times(text, anchor)
    assert times == find_times(text, anchor)
    for expression in times:
        assert 0 <= expression.start <= expression.end <= len(text)
        assert text[expression.start : expression.end] == expression.text


@pytest.mark.slow
@SETTINGS
@given(TEXTS)
@example("$4.5 million, 12%, 1,200 people, five hundred soldiers, €3bn, 1e309")
@example("9" * 400 + " percent")
def test_amount_parser(blank_nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    from dateline.amounts.extract import find_amounts

    doc = blank_nlp(text)
    amounts = find_amounts(text, doc)
    assert amounts == find_amounts(text, doc)
    for amount in amounts:
        assert 0 <= amount.start <= amount.end <= len(text)
        assert text[amount.start : amount.end] == amount.text
