"""Find the amounts of a text: the number, its unit and what it counts.

Decisions (documented in docs/EVALUATION.md "Amounts"):
- fractions are per cent of the whole: "half of Russians" -> 50, unit "%";
- approximate plurals take their order of magnitude as a lower bound: "thousands of
  protesters" -> 1000, "tens of thousands" -> 10000;
- money is in units of its currency: "$2.5bn" -> 2.5e9 USD;
- a count of people gets the unit "people" ("131 casualties", "three soldiers").
Numbers inside temporal expressions (dates, years, durations, clock times) belong to the time
stage and are skipped, as are parts of names and codes ("G20", "MH17", "Su-24").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from dateline.amounts.lexicon import lexicon
from dateline.amounts.numbers import parse_number
from dateline.amounts.objects import counted_object
from dateline.amounts.patterns import amount_patterns, amount_starts
from dateline.model import Amount
from dateline.nlp.doctext import ent_rows
from dateline.patternscan import TextScanner


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    value: float | None
    unit: str | None
    is_percent: bool


def find_amounts(
    text: str, doc: Doc, temporal: list[tuple[int, int]] | None = None
) -> list[Amount]:
    """The amounts of ``text`` (``doc`` is its spaCy Doc); ``temporal`` are character ranges
    owned by the time stage (spaCy DATE/TIME entities are always avoided too)."""
    avoid = list(temporal or [])
    avoid += [(e.start_char, e.end_char) for e in ent_rows(doc) if e.label in ("DATE", "TIME")]
    candidates = sorted(_candidates(text), key=lambda c: (-(c.end - c.start), c.start))
    # Spans already taken, disjoint and kept sorted: a candidate can only overlap the last one
    # starting before its end (testing all of them was quadratic on a page of numbers).
    taken: list[tuple[int, int]] = []
    amounts: list[Amount] = []
    for c in candidates:
        before = bisect.bisect_left(taken, (c.end, -1))
        if before and taken[before - 1][1] > c.start:
            continue
        if any(c.start < e and s < c.end for s, e in avoid) and c.unit is None:
            continue
        if not _is_quantity(text, doc, c):
            continue
        bisect.insort(taken, (c.start, c.end))
        is_money = c.unit in lexicon().currency_symbols.values()
        noun = counted_object(doc, c.start, c.end, c.is_percent, is_money)
        unit = c.unit
        if unit is None and noun is not None and noun.lower_ in lexicon().people_nouns:
            unit = "people"
        amounts.append(
            Amount(
                text=text[c.start : c.end],
                value=c.value,
                unit=unit,
                object=noun.text if noun is not None else None,
                start=c.start,
                end=c.end,
            )
        )
    return sorted(amounts, key=lambda a: a.start)


def _candidates(text: str) -> list[_Candidate]:
    lex = lexicon()
    patterns = amount_patterns()
    starts = amount_starts()
    scanner = TextScanner(text)

    def matches(name: str) -> Iterator[re.Match[str]]:
        return scanner.finditer(patterns[name], starts[name])

    found: list[_Candidate] = []
    for m in matches("money"):
        value = parse_number(m["num"])
        if value is None:
            continue
        scale = (m["scale"] or "").strip().lower()
        value *= lex.scale_suffixes.get(scale, 1)
        currency = lex.currency_symbols.get(m["cur"]) or lex.currency_symbols.get(m["cur"].upper())
        found.append(_Candidate(m.start(), m.end(), value, currency, False))
    for m in matches("number"):
        value = parse_number(m["num"])
        if value is None or text[m.end() : m.end() + 1].isalpha():
            continue  # glued to letters we cannot read: "5th", "3D", "300m" without a currency
        scale = (m["scale"] or "").strip().lower()
        value *= lex.scale_suffixes.get(scale, 1)
        unit_word = " ".join((m["unit"] or "").lower().split())
        unit, is_percent = _unit(unit_word)
        found.append(_Candidate(m.start(), m.end(), value, unit, is_percent))
    for m in matches("dozen"):
        found.append(
            _Candidate(m.start(), m.end(), float(lex.dozen[m["phrase"].lower()]), None, False)
        )
    for m in matches("approximate"):
        value = float(lex.approximate_plurals[" ".join(m["phrase"].lower().split())])
        found.append(_Candidate(m.start(), m.end(), value, None, False))
    for m in matches("fraction"):
        share = lex.fractions.get(" ".join(m["phrase"].lower().split()))
        found.append(_Candidate(m.start(), m.end(), share, "%", True))
    return found


def _unit(word: str) -> tuple[str | None, bool]:
    lex = lexicon()
    if not word:
        return None, False
    if word in lex.percent_words:
        return ("pp" if word.startswith("percentage point") else "%"), True
    if word in lex.currency_words:
        return lex.currency_words[word], False
    return lex.measures.get(word), False


# First words of the dozen, approximate-plural and fraction phrases.
_PHRASE_STARTS = frozenset(
    {"a", "half", "tens", "dozens", "scores", "hundreds", "thousands", "millions", "billions"}
)
_CODE_NEIGHBOUR = re.compile(r"[A-Za-z]-?$")


def _names_something(span: Span) -> bool:
    """True for numbers that are part of a name: "Boeing 737", "Chapter 11", "page 3",
    "World War Two", "10 Downing Street"."""
    doc = span.doc
    previous = doc[span.start - 1] if span.start > 0 else None
    following = doc[span.end] if span.end < len(doc) else None
    if previous is not None:
        if previous.lower_ in lexicon().identifier_nouns:
            return True
        if previous.pos_ == "PROPN" and previous.text[:1].isupper():
            return True
    return following is not None and following.tag_ == "NNP"


# Years a bare four-digit number may be.
_YEARS = range(1800, 2101)


def _year_modifier(text: str, span: Span, start: int, end: int) -> bool:
    """A year naming which one ("the devastating 2024 wildfire", "the 1967 war", "the 2025/2026
    budget"): a bare four-digit year before a singular noun it modifies, or paired with
    another year by a slash. A count above one goes with a plural ("2000 pages")."""
    words = text[start:end]
    if not (len(words) == 4 and words.isdigit() and int(words) in _YEARS):
        return False
    if re.match(r"/\d{2,4}\b", text[end : end + 5]) or re.search(
        r"\b\d{4}/$", text[max(0, start - 6) : start]
    ):
        return True
    token = span[-1]
    head = token.head
    if token.dep_ in ("nummod", "compound", "amod", "nmod") and head.i > token.i:
        return head.tag_ in ("NN", "NNP")
    # The parse may hang it elsewhere (a heading run into the next line): the next word.
    after = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return after is not None and after.tag_ in ("NN", "NNP")


def _is_quantity(text: str, doc: Doc, c: _Candidate) -> bool:
    """Reject numbers that are parts of names or codes, and words like "one" used as pronouns."""
    before = text[max(0, c.start - 2) : c.start]
    if _CODE_NEIGHBOUR.search(before) and c.unit is None and text[c.start].isdigit():
        return False  # "MH17", "Su-24", "G20"
    if text[c.end : c.end + 1] == ":" or before.endswith(":"):
        return False  # clock times and scores
    span = doc.char_span(c.start, c.end, alignment_mode="expand")
    if span is None:
        return False
    if c.unit is None and _names_something(span):
        return False
    if c.unit is None and _year_modifier(text, span, c.start, c.end):
        return False
    if c.unit is not None or not text[c.start].isalpha():
        return True
    first = span[0]
    if first.lower_ in lexicon().fractions or first.lower_ in _PHRASE_STARTS:
        return True
    # A written number must be tagged as one, and a lone "one" must count something.
    if first.tag_ != "CD":
        return False
    return not (len(span) == 1 and first.lower_ == "one" and first.dep_ != "nummod")
