"""Find and normalise the temporal expressions of a text.

Every rule of the grammar (``grammar.py``) proposes matches (its pattern tried only where a
match can begin, ``dateline.patternscan``); overlapping proposals are settled
in favour of the longest (then the earlier rule), so "early December" beats "December" and
"two days ago" beats "two days".
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc

from dateline.model import TimeExpression
from dateline.nlp.doctext import ent_rows
from dateline.patternscan import TextScanner
from dateline.time import calendar_math as cal
from dateline.time.grammar import rules
from dateline.time.resolution import Context
from dateline.time.tense import clause_tense


def find_times(text: str, anchor: date | None, doc: Doc | None = None) -> list[TimeExpression]:
    """The temporal expressions of ``text``, valued against ``anchor`` (the publication date).

    ``doc`` (the spaCy Doc of ``text``) supplies clause tense and DATE/TIME entities; without
    it every clause counts as of unknown tense.
    """
    ner_ranges: list[tuple[int, int]] = []
    context = Context(text=text, anchor=anchor)
    if doc is not None:
        ner_ranges = [
            (e.start_char, e.end_char) for e in ent_rows(doc) if e.label in ("DATE", "TIME")
        ]
        context.ner_ranges = ner_ranges
        context.tense_of = lambda start, end: clause_tense(doc, start, end)
        context.tag_at = lambda offset: _tag_at(doc, offset)

    proposals = []
    scanner = TextScanner(text)
    for index, rule in enumerate(rules()):
        for match in scanner.finditer(rule.pattern, rule.starts):
            if match.end() == match.start():
                continue
            proposals.append((match.start(), match.end(), index, match))
    proposals.sort(key=lambda p: (-(p[1] - p[0]), p[2], p[0]))

    taken: list[tuple[int, int]] = []
    found: list[tuple[TimeExpression, bool]] = []
    refers_back: dict[int, tuple[str, int]] = {}
    year_implied: set[int] = set()
    all_rules = rules()
    for start, end, index, match in proposals:
        if any(start < e and s < end for s, e in taken):
            continue
        resolution = all_rules[index].handler(match, context)
        if resolution is None:
            continue
        start, end = _trim(text, start, end)
        taken.append((start, end))
        expression = TimeExpression(
            text=text[start:end],
            value=resolution.value,
            type=resolution.type,  # type: ignore[arg-type]
            start=start,
            end=end,
        )
        found.append((expression, resolution.floating_day))
        if resolution.refers_back:
            refers_back[start] = (resolution.refers_back, resolution.shift)
        if resolution.year_implied:
            year_implied.add(start)
    found.sort(key=lambda pair: pair[0].start)
    expressions = _narrative_years([e for e, _ in found], year_implied, text, anchor)
    floating = {e.start for e, is_floating in found if is_floating}
    return _resolve_anaphora(
        _date_clock_times([(e, e.start in floating) for e in expressions], doc), refers_back
    )


# A value that states its year: "2015", "2015-03", "2015-03-25", "2015-W12".
_STATED_YEAR = re.compile(r"^(\d{4})(?:$|-)")


def _narrative_years(
    expressions: list[TimeExpression], year_implied: set[int], text: str, anchor: date | None
) -> list[TimeExpression]:
    """Give a date without a year ("On March 25", "in March") the year of the narrative: the
    year of the last expression earlier in the same paragraph that states one ("In 2015, ...
    On March 25 ..."), when that year is not after the anchor. Without such a year the
    anchor-based guess stands."""
    result: list[TimeExpression] = []
    narrative: str | None = None
    paragraph_end = -1
    for expression in expressions:
        if expression.start > paragraph_end:  # a new paragraph: no year in force yet
            narrative = None
            found = text.find("\n\n", expression.start)
            paragraph_end = found if found >= 0 else len(text)
        value = expression.value or ""
        if expression.start in year_implied:
            if narrative is not None and value[4:5] == "-":
                moved = narrative + value[4:]
                if _valid_value(moved) and (anchor is None or narrative <= str(anchor.year)):
                    expression = expression.model_copy(update={"value": moved})
        elif _sets_narrative_year(expression, value, text):
            narrative = value[:4]
        result.append(expression)
    return result


def _sets_narrative_year(expression: TimeExpression, value: str, text: str) -> bool:
    """Whether an expression sets the year later days of its paragraph fall in: it writes
    the year ("In 2015", "March 3, 2015") or names a whole year ("last year"). A day or month
    valued from the publication date ("on Friday", "last month") says nothing about the year
    of another month ("... from 4.1 percent in December": the December before, not after),
    and the year a state starts from ("has grown since 1980") is not the story's year."""
    stated = _STATED_YEAR.match(value)
    if stated is None or expression.type not in {"DATE", "TIME"}:
        return False
    if stated.group(1) not in expression.text and len(value) != 4:
        return False
    before = text[max(0, expression.start - 7) : expression.start].lower().split()
    return not before or before[-1] != "since"


def _valid_value(value: str) -> bool:
    day = _DAY_VALUE.match(value)
    if day is None:
        return True
    try:
        date.fromisoformat(day.group(0))
    except ValueError:
        return False  # February 29 moved to a common year
    return True


_DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d")


# How many characters of a date value each granularity keeps: "2017-11-21" -> "2017-11".
_PREFIX = {"day": 10, "month": 7, "year": 4}
_GRANULARITY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d|^\d{4}-\d\d|^\d{4}")


def _resolve_anaphora(
    expressions: list[TimeExpression], refers_back: dict[int, tuple[str, int]]
) -> list[TimeExpression]:
    """Value "that year", "the next day" from the nearest earlier expression precise enough;
    without one, an anaphoric expression keeps its fallback value (or null)."""
    result: list[TimeExpression] = []
    for expression in expressions:
        if expression.start in refers_back:
            unit, shift = refers_back[expression.start]
            value = _value_from_earlier(unit, shift, result)
            if value is not None or shift == 0:
                expression = expression.model_copy(update={"value": value})
        result.append(expression)
    return result


def _value_from_earlier(unit: str, shift: int, earlier: list[TimeExpression]) -> str | None:
    for previous in reversed(earlier):
        match = _GRANULARITY_VALUE.match(previous.value or "")
        if match is None:
            continue
        stated = match.group(0)
        if unit.startswith("T") or unit in ("day", "week"):
            if len(stated) < 10:
                continue  # not precise enough: look further back
            day = cal.shift(date.fromisoformat(stated), shift, "week" if unit == "week" else "day")
            if unit.startswith("T"):  # "that morning": the day, then the part of day
                return f"{day.isoformat()}{unit}"
            return cal.format_at(day, cal.WEEK if unit == "week" else cal.DAY)
        needed = _PREFIX[unit]
        if len(stated) < needed:
            continue
        first = date.fromisoformat(stated[:7] + "-01" if unit == "month" else stated[:4] + "-01-01")
        return cal.format_at(cal.shift(first, shift, unit), unit)
    return None


def _date_clock_times(
    found: list[tuple[TimeExpression, bool]], doc: Doc | None
) -> list[TimeExpression]:
    """Put "10:35 a.m." on the day its sentence names ("Friday at 10:35 a.m.")."""
    result = []
    stated = [e for e, floating in found if not floating]
    for expression, floating in found:
        if floating and expression.value and "T" in expression.value:
            day = _day_nearby(expression, stated, doc)
            if day is not None:
                clock = expression.value.split("T", 1)[1]
                expression = expression.model_copy(update={"value": f"{day}T{clock}"})
        result.append(expression)
    return result


def _day_nearby(
    expression: TimeExpression, others: list[TimeExpression], doc: Doc | None
) -> str | None:
    if doc is not None:
        span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
        if span is None:
            return None
        low, high = span.sent.start_char, span.sent.end_char
    else:
        low, high = expression.start - 60, expression.end + 60
    candidates = [
        o
        for o in others
        if o is not expression
        and low <= o.start
        and o.end <= high
        and o.value
        and _DAY_VALUE.match(o.value)
    ]
    if not candidates:
        return None
    nearest = min(candidates, key=lambda o: abs(o.start - expression.start))
    return nearest.value[:10] if nearest.value else None


def _tag_at(doc: Doc, offset: int) -> str | None:
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0].tag_ if span is not None and len(span) else None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding spaces and a sentence-final full stop (kept after abbreviations)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in " \t\n,-":
        end -= 1
    return start, end
