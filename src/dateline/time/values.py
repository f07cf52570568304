"""Small value conversions shared by the rules: numerals, TIMEX3 durations, month names."""

from __future__ import annotations

import re
from datetime import date

from dateline.time import calendar_math as cal
from dateline.time.lexicon import lexicon


def number_value(text: str) -> float | None:
    """The value of a numeral ("10", "ten", "twenty-one", "two and a half"), None if vague."""
    lex = lexicon()
    text = text.lower().strip()
    half = 0.0
    if text.endswith(("1/2", "½")):  # "5 1/2", "5½"
        text, half = text.rstrip("½").removesuffix("1/2").strip(), 0.5
    for suffix in (" and a half", " and half", " a half"):
        if text.endswith(suffix):
            text, half = text[: -len(suffix)].strip(), 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text) + half
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", text):
        return float(text.replace(",", "")) + half
    if text in lex.number_words:
        return float(lex.number_words[text]) + half
    parts = re.split(r"[- ]", text)
    if len(parts) == 2 and all(p in lex.number_words for p in parts):
        return float(lex.number_words[parts[0]] + lex.number_words[parts[1]]) + half
    return None


def duration_value(amount: float | None, unit: str) -> str:
    """TIMEX3 duration: P3D, PT3H, P20Y (two decades), PXDE (vague "decades")."""
    code, is_time, factor = lexicon().units[unit]
    prefix = "PT" if is_time else "P"
    if amount is None:
        return f"{prefix}X{code}"
    if factor != 1:  # decades and centuries in years, fortnights in weeks
        amount, code = amount * factor, "Y" if code in ("DE", "CE") else code
    number = f"{amount:g}" if amount != int(amount) else str(int(amount))
    return f"{prefix}{number}{code}"


def granularity_of(unit: str) -> str:
    return {
        "second": cal.DAY,
        "minute": cal.DAY,
        "hour": cal.DAY,
        "day": cal.DAY,
        "night": cal.DAY,
        "week": cal.WEEK,
        "weekend": "weekend",
        "fortnight": cal.WEEK,
        "month": cal.MONTH,
        "quarter": cal.QUARTER,
        "year": cal.YEAR,
        "decade": cal.DECADE,
        "century": cal.CENTURY,
    }[unit]


def full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        return year + (1900 if year >= 50 else 2000)
    return year


def month_number(text: str) -> int:
    return lexicon().months[text.rstrip(".").lower()]


def valid_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def relative_direction(word: str | None) -> str | None:
    """ "last" -> "before", "next" -> "after", "this" -> "this" ("this past" is "last")."""
    if word is None:
        return None
    word = " ".join(word.lower().split()).removeprefix("this ")
    if word in ("last", "past", "previous", "preceding"):
        return "before"
    if word in ("next", "coming", "following"):
        return "after"
    return "this"
