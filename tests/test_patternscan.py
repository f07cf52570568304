"""The prefix scan finds exactly the matches ``finditer`` finds, for every pattern that uses it."""

from __future__ import annotations

import re

import pytest

from dateline.amounts.patterns import amount_patterns
from dateline.patternscan import DIGIT, TextScanner, start_prefixes
from dateline.time.grammar import rules

TEXTS = [
    "Early December, the council met again; two weeks ago it had voted 7-2. On Friday, "
    "Nov. 18, 2016 at 10:35 a.m. EST the mayor said the next day would be a holiday.",
    "THE FIRST QUARTER OF 2019 SAW SALES RISE 12 PER CENT TO $3.4 BILLION, HALF OF THE "
    "GAIN SINCE LAST SPRING.",
    "the mid-1990s and the '80s, the 21st century; a dozen years later, in the summer of "
    "'99, some three-quarters of the 1,200 residents left within a few months.",
    # Line breaks and other white space inside expressions; a word that hides a unit ("birthday").
    "Last\nTuesday\u00a0morning, his birthday, €5bn and US$ 3 million, Rs 40 crore, ₹300 "
    "changed hands; nineteen ninety-six was the year before.",
    # Characters re folds onto ASCII letters but str.lower does not: the scan must not miss them.
    "ſeveral dayſ ago in İstanbul, the ſummer of 2012, and a dotless ı in thıs year",
    "",
]


def _patterns() -> list[re.Pattern[str]]:
    return [rule.pattern for rule in rules()] + list(amount_patterns().values())


@pytest.mark.parametrize("text", TEXTS)
def test_the_scan_finds_what_finditer_finds(text: str) -> None:
    scanner = TextScanner(text)
    for pattern in _patterns():
        expected = [(m.span(), m.groupdict()) for m in pattern.finditer(text)]
        found = [
            (m.span(), m.groupdict()) for m in scanner.finditer(pattern, start_prefixes(pattern))
        ]
        assert found == expected, pattern.pattern[:80]


def test_prefixes_read_off_a_pattern() -> None:
    pattern = re.compile(r"(?:(?i:early|late)\s)?(?P<month>May|June)\b(?:\s\d{4})?")
    assert start_prefixes(pattern) == {"earl", "late", "may", "june"}
    # Optional parts open into what follows them; a class such as \s ends a prefix; a digit
    # stands for every digit.
    assert start_prefixes(re.compile(r"(?:the\s)?\d+\s?(?:days|weeks)")) == {"the", DIGIT}
    assert start_prefixes(re.compile(r"(?:a[.-])?(?:b|c)d")) == {
        "a.bd",
        "a.cd",
        "a-bd",
        "a-cd",
        "bd",
        "cd",
    }
    # No prefix when a match may open with any letter or be empty.
    assert start_prefixes(re.compile(r"\w+ ago")) is None
    assert start_prefixes(re.compile(r"(?:ago)?")) is None


def test_a_match_sees_the_text_before_its_position() -> None:
    # "day" inside "birthday" has no word boundary before it; the scan tries the position
    # with the whole text in view, as a search does.
    pattern = re.compile(r"\bday\b")
    text = "birthday and a day"
    found = [m.span() for m in TextScanner(text).finditer(pattern, start_prefixes(pattern))]
    assert found == [m.span() for m in pattern.finditer(text)] == [(15, 18)]
