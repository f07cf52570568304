"""Rules for calendar dates: full and partial dates, months, years, decades, holidays."""

from __future__ import annotations

import re
from datetime import date

from dateline.time import calendar_math as cal
from dateline.time.lexicon import lexicon
from dateline.time.resolution import Context, Resolution
from dateline.time.values import (
    full_year,
    month_number,
    number_value,
    relative_direction,
    valid_date,
)


def month_day_value(
    month: int, day: int, year: str | None, m: re.Match[str], ctx: Context
) -> Resolution | None:
    if year:
        y = full_year(year)
        return Resolution(f"{y:04d}-{month:02d}-{day:02d}") if valid_date(y, month, day) else None
    tense = ctx.tense(m)
    # A narrative year stated earlier may replace the guess, unless the clause looks ahead.
    implied = tense != "future"
    if ctx.anchor is None:
        return Resolution(f"XXXX-{month:02d}-{day:02d}", year_implied=implied)
    candidates = []
    for y in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1):
        if valid_date(y, month, day):
            d = date(y, month, day)
            candidates.append((d, d))
    if not candidates:
        return None
    chosen = cal.choose_year(candidates, ctx.anchor, tense)
    return Resolution(chosen.isoformat(), year_implied=implied)


def read_iso(m: re.Match[str], ctx: Context) -> Resolution | None:
    y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
    if not valid_date(y, mo, d):
        return None
    if m["h"]:
        return Resolution(f"{y:04d}-{mo:02d}-{d:02d}T{m['h']}:{m['mi']}", "TIME")
    return Resolution(f"{y:04d}-{mo:02d}-{d:02d}")


def read_slash(m: re.Match[str], ctx: Context) -> Resolution | None:
    first, second, y = int(m["a"]), int(m["b"]), full_year(m["y"])
    month, day = (first, second) if first <= 12 else (second, first)  # US order unless impossible
    if not valid_date(y, month, day):
        return None
    if m["h"]:
        return Resolution(f"{y:04d}-{month:02d}-{day:02d}T{int(m['h']):02d}:{m['mi']}", "TIME")
    return Resolution(f"{y:04d}-{month:02d}-{day:02d}")


def read_dotted(m: re.Match[str], ctx: Context) -> Resolution | None:
    first, second, y = int(m["a"]), int(m["b"]), int(m["y"])
    day, month = (first, second) if second <= 12 else (second, first)  # day first unless impossible
    if not valid_date(y, month, day):
        return None
    return Resolution(f"{y:04d}-{month:02d}-{day:02d}")


def read_month_day_rule(m: re.Match[str], ctx: Context) -> Resolution | None:
    day = int(re.sub(r"\D", "", m["day"]))
    return month_day_value(month_number(m["month"]), day, m["year"], m, ctx)


def read_month_year(m: re.Match[str], ctx: Context) -> Resolution | None:
    return Resolution(f"{int(m['year']):04d}-{month_number(m['month']):02d}")


def read_month(m: re.Match[str], ctx: Context) -> Resolution | None:
    month = month_number(m["month"])
    relative = relative_direction(m["rel"])
    if not m["mod"] and relative is None:
        # A bare month name must read as a date: after a temporal word or tagged so by spaCy,
        # and not be a first name ("April Ryan").
        if ctx.preceding_word(m) not in lexicon().temporal_prepositions and not ctx.in_ner(m):
            return None
        if ctx.tag_after(m) in ("NNP", "NNPS"):
            return None  # a first name: "April Ryan"
        if month == 5 and ctx.preceding_word(m) not in lexicon().temporal_prepositions:
            return None
    implied = relative is None and ctx.tense(m) != "future"
    if ctx.anchor is None:
        return Resolution(f"XXXX-{month:02d}", year_implied=implied)
    a = ctx.anchor
    periods = [cal.month_period(y, month) for y in (a.year - 1, a.year, a.year + 1)]
    if relative == "before":
        chosen = max(p for p in periods if p[1] < a)[0]
    elif relative == "after":
        chosen = min(p for p in periods if p[0] > a)[0]
    elif relative == "this":
        chosen = periods[1][0]
    else:
        chosen = cal.choose_year(periods, a, ctx.tense(m))
    return Resolution(f"{chosen.year:04d}-{month:02d}", year_implied=implied)


# "2009-2010": each year of a range is a date of its own (TimeML annotates two).
_YEAR_RANGE_BEFORE = re.compile(r"\b(?:1[6-9]|20)\d\d\s?[-–]\s?$")
_YEAR_RANGE_AFTER = re.compile(r"\s?[-–]\s?(?:1[6-9]|20)\d\d\b")


def read_year(m: re.Match[str], ctx: Context) -> Resolution | None:
    if not m["mod"] and not m["prefix"]:
        word = ctx.preceding_word(m)
        in_range = _YEAR_RANGE_BEFORE.search(ctx.text[: m.start()]) or _YEAR_RANGE_AFTER.match(
            ctx.text[m.end() :]
        )
        if word not in lexicon().temporal_prepositions and not ctx.in_ner(m) and not in_range:
            return None
        if ctx.tag_after(m) == "NNS" and word not in ("in", "since", "until", "by"):
            return None  # a count: "2000 troops" (but "the 1990 invasion" is a date)
    return Resolution(m["year"])


def read_decade(m: re.Match[str], ctx: Context) -> Resolution | None:
    if m["full"]:
        return Resolution(m["full"][:3])
    short = int(m["short"])
    century = 19 if short >= 3 or ctx.anchor is None or ctx.anchor.year < 2000 else 20
    return Resolution(f"{century}{short}")


def read_month_relative_year(m: re.Match[str], ctx: Context) -> Resolution | None:
    """ "July last year", "March next year"."""
    if ctx.anchor is None:
        return None
    step = {"before": -1, "after": 1}.get(relative_direction(m["rel"]) or "", 0)
    return Resolution(f"{ctx.anchor.year + step:04d}-{month_number(m['month']):02d}")


def read_ordinal_century(m: re.Match[str], ctx: Context) -> Resolution | None:
    number = int(m["n"])
    return Resolution(f"{number - 1:02d}") if 1 <= number <= 30 else None


def read_holiday(m: re.Match[str], ctx: Context) -> Resolution | None:
    lex = lexicon()
    name = " ".join(m["holiday"].lower().split())
    if name in lex.holidays:
        month, day = lex.holidays[name]
        return month_day_value(month, day, m["year"], m, ctx)
    month, weekday, nth = lex.floating_holidays[name]
    if m["year"]:
        return Resolution(cal.nth_weekday(int(m["year"]), month, weekday, nth).isoformat())
    if ctx.anchor is None:
        return None
    days = [
        cal.nth_weekday(y, month, weekday, nth)
        for y in range(ctx.anchor.year - 1, ctx.anchor.year + 2)
    ]
    chosen = cal.choose_year([(d, d) for d in days], ctx.anchor, ctx.tense(m))
    return Resolution(chosen.isoformat())


def spoken_year_value(text: str) -> int | None:
    """ "nineteen ninety-six" -> 1996, "two thousand and one" -> 2001."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w not in ("and", "hundred", "oh")]
    if words[:2] == ["two", "thousand"]:
        century, rest = 2000, words[2:]
    elif words[:1] == ["nineteen"]:
        century, rest = 1900, words[1:]
    else:
        return None
    value = number_value(" ".join(rest)) if rest else 0.0
    if value is None and len(rest) == 2:
        first, second = number_value(rest[0]), number_value(rest[1])
        value = None if first is None or second is None else first + second
    return None if value is None or value >= 100 else century + int(value)


def read_spoken_year(m: re.Match[str], ctx: Context) -> Resolution | None:
    year = spoken_year_value(m["spoken"])
    if year is None:
        return None
    if m["month"]:
        return Resolution(f"{year:04d}-{month_number(m['month']):02d}")
    if not m["the"] and ctx.preceding_word(m) not in lexicon().temporal_prepositions:
        return None  # "nineteen ninety-six" could be a count
    return Resolution(f"{year:04d}")


def read_year_adjective(m: re.Match[str], ctx: Context) -> Resolution | None:
    if ctx.anchor is None:
        return Resolution(None)
    word = m[0].lower()
    year = ctx.anchor.year if word.endswith("end") else ctx.anchor.year - 1
    return Resolution(f"{year:04d}")
