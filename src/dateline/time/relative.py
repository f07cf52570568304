"""Rules for dates relative to publication: weekdays, "yesterday", "last week", seasons,
"two days ago", anaphoric "that year"; their direction follows the tense of the clause."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateline.time import calendar_math as cal
from dateline.time.lexicon import lexicon
from dateline.time.resolution import Context, Resolution
from dateline.time.values import duration_value, granularity_of, number_value, relative_direction


def weekday_date(name: str, rel: str | None, m: re.Match[str], ctx: Context) -> date | None:
    """The date a weekday name means in its clause, relative to the anchor."""
    if ctx.anchor is None:
        return None
    weekday = lexicon().weekdays[name.lower()]
    relative = relative_direction(rel)
    if relative in ("before", "after"):
        return cal.weekday_near(ctx.anchor, weekday, relative)
    if weekday == ctx.anchor.isoweekday():
        return ctx.anchor  # "said Tuesday" in a Tuesday article: the same day
    tense = ctx.tense(m)
    direction = {"future": "future", "prospective": "nearest", "present": "nearest"}.get(
        tense or "", "past"
    )
    return cal.weekday_near(ctx.anchor, weekday, direction)


def read_weekday(m: re.Match[str], ctx: Context) -> Resolution | None:
    lex = lexicon()
    part = lex.parts_of_day.get((m["part"] or "").lower())
    day = weekday_date(m["weekday"], m["rel"], m, ctx)
    if day is None:
        return Resolution(f"XXXX-WXX-{lex.weekdays[m['weekday'].lower()]}", "DATE")
    if part:
        return Resolution(f"{day.isoformat()}T{part}", "TIME")
    return Resolution(day.isoformat())


def read_deictic(m: re.Match[str], ctx: Context) -> Resolution | None:
    lex = lexicon()
    word = m["deictic"].lower()
    part = lex.parts_of_day.get((m["part"] or "").lower())
    if word in ("this", "last"):
        offset = -1 if word == "last" and part in ("NI", "EV") else 0
        if word == "last" and part not in ("NI", "EV"):
            return None  # "last morning" is not idiomatic
    else:
        offset = lex.deictic_days[word]
        if word == "tonight":
            part = part or "NI"
    if ctx.anchor is None:
        return Resolution("PRESENT_REF" if offset == 0 else None)
    day = ctx.anchor + timedelta(days=offset)
    if part:
        return Resolution(f"{day.isoformat()}T{part}", "TIME")
    return Resolution(day.isoformat())


def read_part_of_day_first(m: re.Match[str], ctx: Context) -> Resolution | None:
    """ "noon Saturday", "mid-afternoon yesterday", "midnight Friday"."""
    lex = lexicon()
    part_word = m["part"].lower().split()[-1]
    clock = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}.get(part_word)
    part = clock or lex.parts_of_day.get(part_word.removeprefix("mid-").removeprefix("mid"))
    if part is None:
        return None
    word = m["day"].lower()
    if word in lex.weekdays:
        day = weekday_date(word, None, m, ctx)
    elif ctx.anchor is not None:
        day = ctx.anchor + timedelta(days=lex.deictic_days[word])
    else:
        day = None
    return Resolution(f"{day.isoformat() if day else 'XXXX-XX-XX'}T{part}", "TIME")


def read_the_weekend(m: re.Match[str], ctx: Context) -> Resolution | None:
    """ "over the weekend": the last one in a past clause, the next one in a future clause."""
    if ctx.anchor is None:
        return Resolution("XXXX-WXX-WE")
    tense = ctx.tense(m)
    if ctx.anchor.isoweekday() >= 6 or tense in ("future", "prospective", "present"):
        day = ctx.anchor
    else:
        day = ctx.anchor - timedelta(days=ctx.anchor.isoweekday())
    return Resolution(cal.iso_week(day) + "-WE")


def read_anaphoric(m: re.Match[str], ctx: Context) -> Resolution | None:
    """ "that year", "later that day", "the same week": valued from an earlier expression."""
    unit = m["unit"].lower()
    part = lexicon().parts_of_day.get(unit)
    if part:
        return Resolution(None, "TIME", refers_back=f"T{part}")
    return Resolution(None, refers_back=unit)


def read_shifted_anaphoric(m: re.Match[str], ctx: Context) -> Resolution | None:
    """ "the next day", "the previous morning", "the day before"."""
    return shifted_anaphoric(m["unit"] or m["unit2"], m["dir"] or m["dir2"], ctx)


def shifted_anaphoric(unit_word: str, direction: str, ctx: Context) -> Resolution | None:
    """One unit after or before the last date the article gave ("the next day", "the
    following week"); the publication date is the fallback when it gave none."""
    shift = 1 if direction.lower() in ("next", "following", "after") else -1
    part = lexicon().parts_of_day.get(unit_word.lower())
    if part:
        fallback = None
        if ctx.anchor is not None:
            fallback = f"{(ctx.anchor + timedelta(days=shift)).isoformat()}T{part}"
        return Resolution(fallback, "TIME", refers_back=f"T{part}", shift=shift)
    unit = lexicon().unit(unit_word)
    if unit not in ("day", "week", "month", "year"):
        return None
    fallback = None
    if ctx.anchor is not None:
        fallback = cal.format_at(cal.shift(ctx.anchor, shift, unit), granularity_of(unit))
    return Resolution(fallback, refers_back=unit, shift=shift)


def read_vague_ago(m: re.Match[str], ctx: Context) -> Resolution | None:
    return Resolution("PAST_REF")


def read_relative_period(m: re.Match[str], ctx: Context) -> Resolution | None:
    lex = lexicon()
    word = m["unit"].lower()
    rel = m["rel"].lower()
    if is_title(m["unit"], m.start("unit"), ctx.text):
        return None  # "This Week", the programme
    if rel == "past" and m["the"] and not m["mod"]:
        # "the past week": the week-long stretch up to now, a duration (TimeML practice).
        unit = lex.unit(word)
        return Resolution(duration_value(1, unit), "DURATION") if unit else None
    if ctx.anchor is None:
        return Resolution(
            {"before": "PAST_REF", "after": "FUTURE_REF"}.get(
                relative_direction(rel) or "", "PRESENT_REF"
            )
        )
    if m["the"] and rel in ("following", "previous") and not m["mod"]:
        return shifted_anaphoric(word, rel, ctx)  # "the following week": after the story's date
    direction = relative_direction(rel)
    if rel in ("same", "current"):
        direction = "this"
    step = {"before": -1, "after": 1, "this": 0}[direction or "this"]
    if word in lex.seasons:
        return season_value(lex.seasons[word], direction or "this", None, ctx, m)
    unit = lex.unit(word)
    if unit is None:
        return None
    day = cal.shift(ctx.anchor, step, unit)
    return Resolution(cal.format_at(day, granularity_of(unit)))


def season_value(
    code: str, direction: str, year: str | None, ctx: Context, m: re.Match[str]
) -> Resolution | None:
    if year:
        return Resolution(f"{year}-{code}")
    if ctx.anchor is None:
        return Resolution(f"XXXX-{code}")
    a = ctx.anchor
    first_month, last_month = lexicon().season_months[code]
    periods = []
    for label in (a.year - 1, a.year, a.year + 1, a.year + 2):
        start_year = label - 1 if first_month > last_month else label
        first = date(start_year, first_month, 1)
        last = cal.month_period(label, last_month)[1]
        periods.append((first, last))
    if direction == "before":
        chosen = max(p for p in periods if p[1] < a)[0]
    elif direction == "after":
        chosen = min(p for p in periods if p[0] > a)[0]
    else:
        chosen = cal.choose_year(periods, a, ctx.tense(m))
    label = chosen.year + 1 if first_month > last_month else chosen.year
    return Resolution(f"{label}-{code}")


def read_season(m: re.Match[str], ctx: Context) -> Resolution | None:
    word = m["season"].lower()
    direction = relative_direction(m["rel"]) or "this"
    bare = not (m["rel"] or m["year"] or m["mod"])
    if bare and (ctx.preceding_word(m) not in lexicon().temporal_prepositions or word == "fall"):
        return None
    return season_value(lexicon().seasons[word], direction, m["year"], ctx, m)


# Words that count a span from the story's time, not from publication ("ago", "from now").
NARRATIVE_SHIFTS = frozenset({"later", "earlier"})


def read_ago(m: re.Match[str], ctx: Context) -> Resolution | None:
    unit = lexicon().unit(m["unit"])
    if unit is None:
        return None
    amount = number_value(m["num"])
    word = m["dir"].lower()
    sign = 1 if word in ("later", "from now", "hence", "after") else -1
    steps = int(amount) if amount is not None and amount == int(amount) else None
    if word in NARRATIVE_SHIFTS and steps is not None and unit in ("day", "week", "month", "year"):
        # "three months later", "two days earlier": counted from the last date the story
        # told, not from publication; unknown when it told none.
        return Resolution(None, refers_back=unit, shift=sign * steps)
    if amount is None or ctx.anchor is None:
        return Resolution("PAST_REF" if sign < 0 else "FUTURE_REF")
    if unit in ("second", "minute", "hour"):
        return Resolution(ctx.anchor.isoformat())
    if steps is None:
        return Resolution(None)
    # "a decade ago" is a year ago ten times over: it names a year, not a decade.
    granularity = cal.YEAR if unit in ("decade", "century") else granularity_of(unit)
    return Resolution(cal.format_at(cal.shift(ctx.anchor, sign * steps, unit), granularity))


# Words before "the year" that make it this year ("earlier in the year", "for the year").
_THE_YEAR_CUES = frozenset(
    {"in", "for", "of", "during", "throughout", "through", "by", "until", "since"}
)
# "the year ended June 30": a twelve-month accounting period, a duration.
_ACCOUNTING_PERIOD = re.compile(r"\s(?:ended|ending|to)\s", re.IGNORECASE)


def read_the_year(m: re.Match[str], ctx: Context) -> Resolution | None:
    if not m["mod"] and not m["kind"] and ctx.preceding_word(m) not in _THE_YEAR_CUES:
        return None
    if not m["mod"] and _ACCOUNTING_PERIOD.match(ctx.text[m.end() : m.end() + 9]):
        return Resolution("P1Y", "DURATION")
    if ctx.anchor is None:
        return Resolution("PRESENT_REF")
    return Resolution(f"{ctx.anchor.year:04d}")


def is_title(word: str, start: int, text: str) -> bool:
    """A capitalised unit word inside a sentence ("60 Minutes", "This Week") names a title,
    unless its whole line is in title case ("Leaders To Meet Next Week")."""
    if not word[:1].isupper():
        return False
    before = text[:start].rstrip()
    if not before or before[-1] in '.!?\n"“':
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    words = [
        w for w in text[line_start : line_end if line_end >= 0 else None].split() if w[:1].isalpha()
    ]
    capitalised = sum(w[0].isupper() for w in words)
    return capitalised < 0.6 * len(words)
