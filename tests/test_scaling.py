"""Linear time on hostile inputs: each stage family runs generated inputs at 10 KB and 100 KB,
and the larger may take at most 20x the smaller (linear is 10x; a quadratic path shows up as 100x or
worse; a ratio, unlike an absolute bound, does not depend on the machine's speed)."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

import pytest

from dateline.sources.files import RawInput

SMALL, LARGE = 10_000, 100_000
MAX_RATIO = 20.0


def _hostile(kind: str, size: int) -> str:
    """Generated hostile text of about ``size`` characters."""
    unit = {
        "commas": "a," * 8 + " ",
        "short_lines": "line x\n",
        "punctuation": "!?.;:-—()[]\"'…,",
        "nested_quotes": "“‘«",
        "digits": "1,2.3 4-5/6 ",
        "words": "The mayor said on Monday that the bridge would open. ",
    }[kind]
    return (unit * (size // len(unit) + 1))[:size]


def _seconds(run: Callable[[str], object], text: str) -> float:
    # This process's CPU time, best of three: other processes on a busy machine (a parallel
    # CI job, a browser test) must not fail the ratio, as wall-clock time would.
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        run(text)
        best = min(best, time.process_time() - started)
    return best


def _assert_linear(run: Callable[[str], object], kind: str) -> None:
    run(_hostile(kind, 1000))  # warm caches and lazy loads
    # Under 50 ms fixed costs dominate; a super-linear path takes seconds at 100 KB.
    small = max(_seconds(run, _hostile(kind, SMALL)), 0.05)
    large = _seconds(run, _hostile(kind, LARGE))
    assert large / small <= MAX_RATIO, f"{kind}: {small:.3f} s -> {large:.3f} s"


def _structure(text: str) -> object:
    from dateline.article import structure
    from dateline.errors import InputError

    try:
        return structure(RawInput("hostile.txt", f"Headline\n\n{text}\n".encode()))
    except InputError:
        return None


def _structure_html(text: str) -> object:
    from dateline.article import structure
    from dateline.errors import InputError

    lines = "".join(f"<p>{line}</p>" for line in text.split("\n"))
    page = f"<html><body><article><h1>Headline</h1>{lines}</article></body></html>"
    try:
        return structure(RawInput("hostile.html", page.encode()))
    except InputError:
        return None


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["commas", "short_lines", "punctuation", "nested_quotes"])
def test_structuring_plain_text_is_linear(kind: str) -> None:
    _assert_linear(_structure, kind)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["short_lines", "punctuation"])
def test_structuring_html_is_linear(kind: str) -> None:
    _assert_linear(_structure_html, kind)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["nested_quotes", "punctuation", "words"])
def test_quote_matcher_is_linear(kind: str) -> None:
    from dateline.quotes.marks import find_quoted

    _assert_linear(find_quoted, kind)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["digits", "punctuation", "commas", "words"])
def test_time_and_amount_regexes_are_linear(kind: str) -> None:
    import spacy

    from dateline.amounts.extract import find_amounts
    from dateline.time.extract import find_times

    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")  # the amount finder reads sentence boundaries
    _assert_linear(lambda text: find_times(text, date(2017, 11, 21)), kind)
    _assert_linear(lambda text: find_amounts(text, blank(text)), kind)
