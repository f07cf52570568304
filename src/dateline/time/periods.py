"""Rules for durations, quarters and halves, sets ("daily", "every Monday"), reference words
("now") and clock times."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateline.time import calendar_math as cal
from dateline.time.lexicon import lexicon
from dateline.time.relative import is_title, weekday_date
from dateline.time.resolution import Context, Resolution
from dateline.time.values import duration_value, number_value, relative_direction


def read_quarter(m: re.Match[str], ctx: Context) -> Resolution | None:
    lex = lexicon()
    if not (m["the"] or m["ord"] or m["qmod"] or m["qyear2"] or m["qrel2"]):
        return None  # "a quarter of the vote", "three-quarters"
    qyear, qrel = m["qyear"] or m["qyear2"], m["qrel"] or m["qrel2"]
    if qyear:
        year: int | None = int(qyear)
    elif qrel:
        step = {"before": -1, "after": 1}.get(relative_direction(qrel) or "", 0)
        year = None if ctx.anchor is None else ctx.anchor.year + step
    else:
        year = None
    ordinal = lex.ordinals.get((m["ord"] or "").lower())
    if ordinal is None and year is not None:
        return Resolution(f"{year:04d}-QX")  # "the 1988 quarter": which one, the context says
    if ordinal is None:
        # "the quarter", "the latest quarter": in a past clause, the last completed one.
        if ctx.anchor is None:
            return Resolution("XXXX-QX")
        current = date(ctx.anchor.year, 3 * (cal.quarter(ctx.anchor) - 1) + 1, 1)
        rel = (m["qmod"] or "").lower()
        past = rel in ("latest", "last", "past", "previous") or ctx.tense(m) == "past"
        if rel in ("current", "this"):
            past = False
        return Resolution(
            cal.format_at(cal.shift(current, -1 if past else 0, "quarter"), cal.QUARTER)
        )
    number = 4 if ordinal == -1 else ordinal
    if number > 4:
        return None
    if year is None:
        if ctx.anchor is None:
            return Resolution(f"XXXX-Q{number}")
        periods = []
        for y in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1):
            first = date(y, 3 * number - 2, 1)
            periods.append((first, cal.month_period(y, 3 * number)[1]))
        tense = ctx.tense(m) or "past"  # quarterly results are reported after the quarter
        year = cal.choose_year(periods, ctx.anchor, tense).year
    return Resolution(f"{year:04d}-Q{number}")


def read_first_months(m: re.Match[str], ctx: Context) -> Resolution | None:
    unit = lexicon().unit(m["unit"])
    amount = number_value(m["num"])
    if unit not in ("month", "quarter", "week", "day") or amount is None:
        return None
    if amount != int(amount):
        return None
    year: int | None = None
    if m["year"]:
        year = int(m["year"])
    elif m["of"] and ctx.anchor is not None:
        year = ctx.anchor.year + {"last": -1, "next": 1}.get((m["ofrel"] or "").lower(), 0)
    n = int(amount)
    if year is None or unit != "month" or not 1 <= n <= 12:
        return Resolution(duration_value(amount, unit), "DURATION")
    if (m["edge"] or "").lower() in ("last", "final", "past"):
        return Resolution(f"{year:04d}-{13 - n:02d}/{year:04d}-12", "DURATION")
    return Resolution(f"{year:04d}-01/{year:04d}-{n:02d}", "DURATION")


def read_half(m: re.Match[str], ctx: Context) -> Resolution | None:
    half = 1 if m["which"].lower() in ("first",) else 2
    if m["year"]:
        return Resolution(f"{m['year']}-H{half}")
    if ctx.anchor is None:
        return Resolution(f"XXXX-H{half}")
    step = {"last": -1, "next": 1}.get((m["rel"] or "").lower(), 0)
    return Resolution(f"{ctx.anchor.year + step:04d}-H{half}")


_SET_BEFORE = re.compile(
    r"(?:\d|times|twice|once|thrice|million|billion|trillion|percent|per\scent|%|cents?|"
    r"dollars?|euros?|pounds?|bn|m)\s*$",
    re.IGNORECASE,
)


def read_duration(m: re.Match[str], ctx: Context) -> Resolution | None:
    unit = lexicon().unit(m["unit"])
    if unit is None:
        return None
    num = m["num"].strip(" -") if m["num"] else None
    amount = number_value(num) if num else None
    if is_title(m["unit"], m.start("unit"), ctx.text):
        return None  # "60 Minutes", "A Day in the Life": titles, not durations
    if unit == "second" and num and num.lower() in ("a", "an") and ctx.tag_after(m) is not None:
        return None  # "a second round": an ordinal
    if num and num.lower() in ("a", "an") and _SET_BEFORE.search(ctx.text[: m.start()]):
        return Resolution(duration_value(1, unit), "SET")  # "$5m a year", "twice a day"
    # A bare plural ("for years") is vague; a bare singular is too ambiguous to keep.
    if not num and (
        m["unit"].lower() == unit
        or ctx.preceding_word(m, skip_article=True) not in lexicon().duration_cues
    ):
        return None
    if num and num.lower() in ("a", "an") and m["unit"].lower() != unit:
        return None  # "a days" is not English
    if amount is not None and amount >= 1000 and m["unit"].lower() == unit:
        return None  # "the 1988 second quarter": a year, not 1988 seconds
    if unit == "quarter" and (num is None or not num[0].isdigit()):
        return None  # "a quarter of the vote", "three-quarters": fractions, not periods
    return Resolution(duration_value(amount, unit), "DURATION")


def read_vague_units(m: re.Match[str], ctx: Context) -> Resolution | None:
    unit = lexicon().unit(m["unit"])
    if unit is None:
        return None
    if m["vague"].lower() == "recent":
        return Resolution("PAST_REF")
    if m["vague"].lower() == "coming":
        return Resolution("FUTURE_REF")
    return Resolution(duration_value(None, unit), "DURATION")


def read_reference(m: re.Match[str], ctx: Context) -> Resolution | None:
    word = " ".join(m[0].lower().split())
    value = lexicon().reference_words.get(word)
    return Resolution(value) if value else None


def read_set_adverb(m: re.Match[str], ctx: Context) -> Resolution | None:
    value = lexicon().set_adverbs.get(m[0].lower())
    return Resolution(value, "SET") if value else None


def read_every(m: re.Match[str], ctx: Context) -> Resolution | None:
    lex = lexicon()
    word = m["what"].lower()
    if word in lex.weekdays:
        return Resolution(f"XXXX-WXX-{lex.weekdays[word]}", "SET")
    if word in lex.parts_of_day:
        return Resolution(f"XXXX-XX-XXT{lex.parts_of_day[word]}", "SET")
    unit = lex.unit(word)
    if unit is None:
        return None
    amount = number_value(m["num"]) if m["num"] else 1.0
    if m["other"]:
        amount = 2.0
    return Resolution(duration_value(amount, unit), "SET")


def read_clock(m: re.Match[str], ctx: Context) -> Resolution | None:
    hour = int(m["h"])
    minute = int(m["mi"] or 0)
    meridiem = (m["ampm"] or "").lower().replace(".", "")
    if meridiem == "pm" and hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    if not meridiem and m["mi"] is None:
        return None  # "5 GMT" without minutes is more likely a count than a clock time
    return Resolution(
        f"{stated_day(m, ctx)}T{hour:02d}:{minute:02d}", "TIME", floating_day=not m["day"]
    )


def stated_day(m: re.Match[str], ctx: Context) -> str:
    """The day a clock time names ("9 a.m. Tuesday"), else the anchor day."""
    word = (m["day"] or "").lower()
    day: date | None = ctx.anchor
    if word in lexicon().weekdays:
        day = weekday_date(word, None, m, ctx)
    elif word and ctx.anchor is not None:
        day = ctx.anchor + timedelta(days=lexicon().deictic_days[word])
    return day.isoformat() if day else "XXXX-XX-XX"


def read_noon(m: re.Match[str], ctx: Context) -> Resolution | None:
    day = ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"
    clock = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[m[0].lower()]
    return Resolution(f"{day}T{clock}", "TIME", floating_day=True)
