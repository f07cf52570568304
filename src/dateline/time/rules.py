"""The temporal grammar: each rule is a pattern and a function that normalises its match.

A rule's function receives the regex match and a :class:`Context` (the text, the anchor date
and the tense of the clause) and returns a :class:`Resolution`, or None to reject the match
(e.g. a bare "2017" that is not used as a date).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from dateline.time import calendar_math as cal
from dateline.time.lexicon import lexicon
from dateline.time.patterns import compile_pattern


@dataclass(frozen=True)
class Resolution:
    value: str | None
    type: str = "DATE"
    # True when the date part is the anchor only for want of a stated day ("at 10:35 a.m."):
    # a day named elsewhere in the sentence is better.
    floating_day: bool = False
    # Set for anaphoric expressions ("that year", "the same day"): the granularity ("year",
    # "day", ...) to take from the nearest earlier expression that states it.
    refers_back: str | None = None


@dataclass
class Context:
    text: str
    anchor: date | None
    tense_of: Callable[[int, int], str | None] = field(default=lambda s, e: None)
    # Character ranges spaCy labelled DATE or TIME: evidence for ambiguous matches.
    ner_ranges: list[tuple[int, int]] = field(default_factory=list)
    # Penn tag of the word at a character offset (from the spaCy parse).
    tag_at: Callable[[int], str | None] = field(default=lambda offset: None)

    def tense(self, m: re.Match[str]) -> str | None:
        return self.tense_of(m.start(), m.end())

    def preceding_word(self, m: re.Match[str], skip_article: bool = False) -> str:
        """The word before the match; with ``skip_article``, the word before a "the"."""
        before = [
            w.lower().strip("(\"'“") for w in self.text[max(0, m.start() - 30) : m.start()].split()
        ]
        if skip_article and len(before) > 1 and before[-1] == "the":
            before.pop()
        return before[-1] if before else ""

    def tag_after(self, m: re.Match[str]) -> str | None:
        """Penn tag of the word right after the match ("NNS" in "2000 troops"), if a word."""
        rest = self.text[m.end() :]
        gap = len(rest) - len(rest.lstrip(" "))
        if not rest[gap : gap + 1].isalpha():
            return None
        return self.tag_at(m.end() + gap)

    def in_ner(self, m: re.Match[str]) -> bool:
        return any(s <= m.start() and m.end() <= e for s, e in self.ner_ranges)


Handler = Callable[[re.Match[str], Context], Resolution | None]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Handler


# ---------------------------------------------------------------------------- helpers


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


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _month_day(
    month: int, day: int, year: str | None, m: re.Match[str], ctx: Context
) -> Resolution | None:
    if year:
        y = full_year(year)
        return Resolution(f"{y:04d}-{month:02d}-{day:02d}") if _valid(y, month, day) else None
    if ctx.anchor is None:
        return Resolution(f"XXXX-{month:02d}-{day:02d}")
    candidates = []
    for y in (ctx.anchor.year - 1, ctx.anchor.year, ctx.anchor.year + 1):
        if _valid(y, month, day):
            d = date(y, month, day)
            candidates.append((d, d))
    if not candidates:
        return None
    return Resolution(cal.choose_year(candidates, ctx.anchor, ctx.tense(m)).isoformat())


def _relative_direction(word: str | None) -> str | None:
    """ "last" -> "before", "next" -> "after", "this" -> "this" ("this past" is "last")."""
    if word is None:
        return None
    word = " ".join(word.lower().split()).removeprefix("this ")
    if word in ("last", "past", "previous", "preceding"):
        return "before"
    if word in ("next", "coming", "following"):
        return "after"
    return "this"


# ---------------------------------------------------------------------------- rules


def _iso(m: re.Match[str], ctx: Context) -> Resolution | None:
    y, mo, d = int(m["y"]), int(m["mo"]), int(m["d"])
    if not _valid(y, mo, d):
        return None
    if m["h"]:
        return Resolution(f"{y:04d}-{mo:02d}-{d:02d}T{m['h']}:{m['mi']}", "TIME")
    return Resolution(f"{y:04d}-{mo:02d}-{d:02d}")


def _slash(m: re.Match[str], ctx: Context) -> Resolution | None:
    first, second, y = int(m["a"]), int(m["b"]), full_year(m["y"])
    month, day = (first, second) if first <= 12 else (second, first)  # US order unless impossible
    if not _valid(y, month, day):
        return None
    if m["h"]:
        return Resolution(f"{y:04d}-{month:02d}-{day:02d}T{int(m['h']):02d}:{m['mi']}", "TIME")
    return Resolution(f"{y:04d}-{month:02d}-{day:02d}")


def _month_day_rule(m: re.Match[str], ctx: Context) -> Resolution | None:
    day = int(re.sub(r"\D", "", m["day"]))
    return _month_day(month_number(m["month"]), day, m["year"], m, ctx)


def _month_year(m: re.Match[str], ctx: Context) -> Resolution | None:
    return Resolution(f"{int(m['year']):04d}-{month_number(m['month']):02d}")


def _month(m: re.Match[str], ctx: Context) -> Resolution | None:
    month = month_number(m["month"])
    relative = _relative_direction(m["rel"])
    if not m["mod"] and relative is None:
        # A bare month name must read as a date: after a temporal word or tagged so by spaCy,
        # and not be a first name ("April Ryan").
        if ctx.preceding_word(m) not in lexicon().temporal_prepositions and not ctx.in_ner(m):
            return None
        if ctx.tag_after(m) in ("NNP", "NNPS"):
            return None  # a first name: "April Ryan"
        if month == 5 and ctx.preceding_word(m) not in lexicon().temporal_prepositions:
            return None
    if ctx.anchor is None:
        return Resolution(f"XXXX-{month:02d}")
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
    return Resolution(f"{chosen.year:04d}-{month:02d}")


def _year(m: re.Match[str], ctx: Context) -> Resolution | None:
    if not m["mod"] and not m["prefix"]:
        word = ctx.preceding_word(m)
        if word not in lexicon().temporal_prepositions and not ctx.in_ner(m):
            return None
        if ctx.tag_after(m) == "NNS" and word not in ("in", "since", "until", "by"):
            return None  # a count: "2000 troops" (but "the 1990 invasion" is a date)
    return Resolution(m["year"])


def _decade(m: re.Match[str], ctx: Context) -> Resolution | None:
    if m["full"]:
        return Resolution(m["full"][:3])
    short = int(m["short"])
    century = 19 if short >= 3 or ctx.anchor is None or ctx.anchor.year < 2000 else 20
    return Resolution(f"{century}{short}")


def _weekday_date(name: str, rel: str | None, m: re.Match[str], ctx: Context) -> date | None:
    """The date a weekday name means in its clause, relative to the anchor."""
    if ctx.anchor is None:
        return None
    weekday = lexicon().weekdays[name.lower()]
    relative = _relative_direction(rel)
    if relative in ("before", "after"):
        return cal.weekday_near(ctx.anchor, weekday, relative)
    if weekday == ctx.anchor.isoweekday():
        return ctx.anchor  # "said Tuesday" in a Tuesday article: the same day
    tense = ctx.tense(m)
    direction = {"future": "future", "prospective": "nearest", "present": "nearest"}.get(
        tense or "", "past"
    )
    return cal.weekday_near(ctx.anchor, weekday, direction)


def _weekday(m: re.Match[str], ctx: Context) -> Resolution | None:
    lex = lexicon()
    part = lex.parts_of_day.get((m["part"] or "").lower())
    day = _weekday_date(m["weekday"], m["rel"], m, ctx)
    if day is None:
        return Resolution(f"XXXX-WXX-{lex.weekdays[m['weekday'].lower()]}", "DATE")
    if part:
        return Resolution(f"{day.isoformat()}T{part}", "TIME")
    return Resolution(day.isoformat())


def _deictic(m: re.Match[str], ctx: Context) -> Resolution | None:
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


def _part_of_day_first(m: re.Match[str], ctx: Context) -> Resolution | None:
    """ "noon Saturday", "mid-afternoon yesterday", "midnight Friday"."""
    lex = lexicon()
    part_word = m["part"].lower().split()[-1]
    clock = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}.get(part_word)
    part = clock or lex.parts_of_day.get(part_word.removeprefix("mid-").removeprefix("mid"))
    if part is None:
        return None
    word = m["day"].lower()
    if word in lex.weekdays:
        day = _weekday_date(word, None, m, ctx)
    elif ctx.anchor is not None:
        day = ctx.anchor + timedelta(days=lex.deictic_days[word])
    else:
        day = None
    return Resolution(f"{day.isoformat() if day else 'XXXX-XX-XX'}T{part}", "TIME")


def _month_relative_year(m: re.Match[str], ctx: Context) -> Resolution | None:
    """ "July last year", "March next year"."""
    if ctx.anchor is None:
        return None
    step = {"before": -1, "after": 1}.get(_relative_direction(m["rel"]) or "", 0)
    return Resolution(f"{ctx.anchor.year + step:04d}-{month_number(m['month']):02d}")


def _the_weekend(m: re.Match[str], ctx: Context) -> Resolution | None:
    """ "over the weekend": the last one in a past clause, the next one in a future clause."""
    if ctx.anchor is None:
        return Resolution("XXXX-WXX-WE")
    tense = ctx.tense(m)
    if ctx.anchor.isoweekday() >= 6 or tense in ("future", "prospective", "present"):
        day = ctx.anchor
    else:
        day = ctx.anchor - timedelta(days=ctx.anchor.isoweekday())
    return Resolution(cal.iso_week(day) + "-WE")


def _anaphoric(m: re.Match[str], ctx: Context) -> Resolution | None:
    """ "that year", "later that day", "the same week": valued from an earlier expression."""
    unit = m["unit"].lower()
    part = lexicon().parts_of_day.get(unit)
    if part:
        return Resolution(None, "TIME", refers_back=f"T{part}")
    return Resolution(None, refers_back=unit)


def _ordinal_century(m: re.Match[str], ctx: Context) -> Resolution | None:
    number = int(m["n"])
    return Resolution(f"{number - 1:02d}") if 1 <= number <= 30 else None


def _vague_ago(m: re.Match[str], ctx: Context) -> Resolution | None:
    return Resolution("PAST_REF")


def _relative_period(m: re.Match[str], ctx: Context) -> Resolution | None:
    lex = lexicon()
    word = m["unit"].lower()
    rel = m["rel"].lower()
    if _is_title(m["unit"], m.start("unit"), ctx.text):
        return None  # "This Week", the programme
    if rel == "past" and m["the"] and not m["mod"]:
        # "the past week": the week-long stretch up to now, a duration (TimeML practice).
        unit = lex.unit(word)
        return Resolution(duration_value(1, unit), "DURATION") if unit else None
    if ctx.anchor is None:
        return Resolution(
            {"before": "PAST_REF", "after": "FUTURE_REF"}.get(
                _relative_direction(rel) or "", "PRESENT_REF"
            )
        )
    direction = _relative_direction(rel)
    if rel in ("same", "current"):
        direction = "this"
    step = {"before": -1, "after": 1, "this": 0}[direction or "this"]
    if word in lex.seasons:
        return _season_value(lex.seasons[word], direction or "this", None, ctx, m)
    unit = lex.unit(word)
    if unit is None:
        return None
    day = cal.shift(ctx.anchor, step, unit)
    return Resolution(cal.format_at(day, granularity_of(unit)))


def _season_value(
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


def _season(m: re.Match[str], ctx: Context) -> Resolution | None:
    word = m["season"].lower()
    direction = _relative_direction(m["rel"]) or "this"
    bare = not (m["rel"] or m["year"] or m["mod"])
    if bare and (ctx.preceding_word(m) not in lexicon().temporal_prepositions or word == "fall"):
        return None
    return _season_value(lexicon().seasons[word], direction, m["year"], ctx, m)


def _ago(m: re.Match[str], ctx: Context) -> Resolution | None:
    unit = lexicon().unit(m["unit"])
    if unit is None:
        return None
    amount = number_value(m["num"])
    word = m["dir"].lower()
    sign = 1 if word in ("later", "from now", "hence", "after") else -1
    if amount is None or ctx.anchor is None:
        return Resolution("PAST_REF" if sign < 0 else "FUTURE_REF")
    if unit in ("second", "minute", "hour"):
        return Resolution(ctx.anchor.isoformat())
    steps = int(amount) if amount == int(amount) else None
    if steps is None:
        return Resolution(None)
    # "a decade ago" is a year ago ten times over: it names a year, not a decade.
    granularity = cal.YEAR if unit in ("decade", "century") else granularity_of(unit)
    return Resolution(cal.format_at(cal.shift(ctx.anchor, sign * steps, unit), granularity))


def _quarter(m: re.Match[str], ctx: Context) -> Resolution | None:
    lex = lexicon()
    if not (m["the"] or m["ord"] or m["qmod"] or m["qyear2"] or m["qrel2"]):
        return None  # "a quarter of the vote", "three-quarters"
    qyear, qrel = m["qyear"] or m["qyear2"], m["qrel"] or m["qrel2"]
    if qyear:
        year: int | None = int(qyear)
    elif qrel:
        step = {"before": -1, "after": 1}.get(_relative_direction(qrel) or "", 0)
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


def _first_months(m: re.Match[str], ctx: Context) -> Resolution | None:
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
    if year is None or unit != "month":
        return Resolution(duration_value(amount, unit), "DURATION")
    n = int(amount)
    if (m["edge"] or "").lower() in ("last", "final", "past"):
        return Resolution(f"{year:04d}-{13 - n:02d}/{year:04d}-12", "DURATION")
    return Resolution(f"{year:04d}-01/{year:04d}-{n:02d}", "DURATION")


def _half(m: re.Match[str], ctx: Context) -> Resolution | None:
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


def _is_title(word: str, start: int, text: str) -> bool:
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


def _duration(m: re.Match[str], ctx: Context) -> Resolution | None:
    unit = lexicon().unit(m["unit"])
    if unit is None:
        return None
    num = m["num"].strip(" -") if m["num"] else None
    amount = number_value(num) if num else None
    if _is_title(m["unit"], m.start("unit"), ctx.text):
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


def _vague_units(m: re.Match[str], ctx: Context) -> Resolution | None:
    unit = lexicon().unit(m["unit"])
    if unit is None:
        return None
    if m["vague"].lower() == "recent":
        return Resolution("PAST_REF")
    if m["vague"].lower() == "coming":
        return Resolution("FUTURE_REF")
    return Resolution(duration_value(None, unit), "DURATION")


def _reference(m: re.Match[str], ctx: Context) -> Resolution | None:
    word = " ".join(m[0].lower().split())
    value = lexicon().reference_words.get(word)
    return Resolution(value) if value else None


def _set_adverb(m: re.Match[str], ctx: Context) -> Resolution | None:
    value = lexicon().set_adverbs.get(m[0].lower())
    return Resolution(value, "SET") if value else None


def _every(m: re.Match[str], ctx: Context) -> Resolution | None:
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


def _clock(m: re.Match[str], ctx: Context) -> Resolution | None:
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
        f"{_stated_day(m, ctx)}T{hour:02d}:{minute:02d}", "TIME", floating_day=not m["day"]
    )


def _stated_day(m: re.Match[str], ctx: Context) -> str:
    """The day a clock time names ("9 a.m. Tuesday"), else the anchor day."""
    word = (m["day"] or "").lower()
    day: date | None = ctx.anchor
    if word in lexicon().weekdays:
        day = _weekday_date(word, None, m, ctx)
    elif word and ctx.anchor is not None:
        day = ctx.anchor + timedelta(days=lexicon().deictic_days[word])
    return day.isoformat() if day else "XXXX-XX-XX"


def _noon(m: re.Match[str], ctx: Context) -> Resolution | None:
    day = ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"
    clock = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[m[0].lower()]
    return Resolution(f"{day}T{clock}", "TIME", floating_day=True)


def _the_year(m: re.Match[str], ctx: Context) -> Resolution | None:
    if (
        not m["mod"]
        and not m["kind"]
        and ctx.preceding_word(m)
        not in (
            "in",
            "for",
            "of",
            "during",
            "throughout",
            "through",
            "by",
            "until",
            "since",
        )
    ):
        return None
    if ctx.anchor is None:
        return Resolution("PRESENT_REF")
    return Resolution(f"{ctx.anchor.year:04d}")


def _year_adjective(m: re.Match[str], ctx: Context) -> Resolution | None:
    if ctx.anchor is None:
        return Resolution(None)
    word = m[0].lower()
    year = ctx.anchor.year if word.endswith("end") else ctx.anchor.year - 1
    return Resolution(f"{year:04d}")


def _holiday(m: re.Match[str], ctx: Context) -> Resolution | None:
    lex = lexicon()
    name = " ".join(m["holiday"].lower().split())
    if name in lex.holidays:
        month, day = lex.holidays[name]
        return _month_day(month, day, m["year"], m, ctx)
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


def _spoken_year(m: re.Match[str], ctx: Context) -> Resolution | None:
    year = spoken_year_value(m["spoken"])
    if year is None:
        return None
    if m["month"]:
        return Resolution(f"{year:04d}-{month_number(m['month']):02d}")
    if not m["the"] and ctx.preceding_word(m) not in lexicon().temporal_prepositions:
        return None  # "nineteen ninety-six" could be a count
    return Resolution(f"{year:04d}")


RULE_TABLE: list[tuple[str, str, Handler]] = [
    (
        "iso",
        r"\b(?P<y>\d{4})-(?P<mo>\d\d)-(?P<d>\d\d)(?:[T\s](?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::\d\d)?)?\b",
        _iso,
    ),
    (
        "slash",
        r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d\d)\b"
        r"(?:\s(?P<h>\d{1,2}):(?P<mi>\d\d)(?::\d\d)?)?",
        _slash,
    ),
    (
        "month_day",
        r"(?:{WEEKDAY},?\s)?(?P<month>{MONTH})\s(?P<day>{DAY})(?!:\d)(?:,?\s(?P<year>{YEAR}))?",
        _month_day_rule,
    ),
    (
        "day_month",
        r"(?:{WEEKDAY},?\s)?(?:(?i:the)\s)?(?P<day>{DAY})\s(?:(?i:of)\s)?(?P<month>{MONTH})"
        r"(?:,?\s(?P<year>{YEAR}))?",
        _month_day_rule,
    ),
    (
        "month_year",
        r"(?:(?i:{MOD})[\s-](?:(?i:in)\s)?)?(?P<month>{MONTH}),?\s(?:(?i:of)\s)?(?P<year>{YEAR})",
        _month_year,
    ),
    (
        "month",
        r"(?:(?P<mod>(?i:{MOD}))[\s-](?:(?i:in)\s)?)?(?:(?P<rel>(?i:last|next|this|coming|past))\s)?"
        r"(?P<month>{MONTH})",
        _month,
    ),
    (
        "year",
        r"(?:(?P<mod>(?i:{MOD}))[\s-](?:(?i:in)\s)?)?(?P<prefix>(?i:fiscal|calendar|FY)\s?)?"
        r"\b(?P<year>{YEAR})(?![-/.,]?\d|\s?(?i:%|per\s?cent|percent))",
        _year,
    ),
    (
        "decade",
        r"(?:(?i:the)\s)?(?:(?i:early|late|mid)[\s-])?(?:(?P<full>1[6-9]\d0|20\d0)|'(?P<short>\d)0)s\b",
        _decade,
    ),
    (
        "weekday",
        r"(?:(?i:early|late)\s)?(?:(?i:the\s(?=previous|following))?"
        r"(?P<rel>(?i:this(?:\scoming|\spast)?|last|next|past|coming|previous|following))\s)?"
        r"(?P<weekday>{WEEKDAY})(?:\s(?P<part>(?i:{PART})))?",
        _weekday,
    ),
    (
        "deictic",
        r"(?:(?i:early|late)\s)?"
        r"(?P<deictic>(?i:the\sday\sbefore\syesterday|the\sday\safter\stomorrow|yesterday|today|"
        r"tomorrow|tonight))(?:\s(?P<part>(?i:{PART})))?\b",
        _deictic,
    ),
    (
        "this_part",
        r"(?P<deictic>(?i:this|last))\s(?P<part>(?i:{PART}))",
        _deictic,
    ),
    (
        "relative_period",
        r"(?:(?P<mod>(?i:{MOD}))\s(?:(?i:in)\s)?)?(?P<the>(?i:the)\s)?"
        r"(?P<rel>(?i:this|last|next|past|previous|coming|current|following|same))\s"
        r"(?P<unit>(?i:week|weekend|month|year|quarter|decade|century|{SEASON}))\b",
        _relative_period,
    ),
    (
        "the_year",
        r"(?:(?P<mod>(?i:{MOD}))\s(?:(?i:in)\s)?)?(?i:the\s(?P<kind>(?:(?:current|fiscal|calendar|full|whole)\s){0,2})year)\b",
        _the_year,
    ),
    (
        "season",
        r"(?:(?P<mod>(?i:early|late|mid))[\s-])?(?:(?i:the)\s)?(?:(?P<rel>(?i:this|last|next|coming|past))\s)?"
        r"(?P<season>(?i:{SEASON}))(?:\s(?:(?i:of)\s)?(?P<year>{YEAR}))?",
        _season,
    ),
    (
        "ago",
        r"(?P<num>(?i:{NUM}|{VAGUE}))[\s-](?P<unit>(?i:{UNIT}))\s"
        r"(?P<dir>(?i:ago|earlier|later|from\snow|hence))\b",
        _ago,
    ),
    (
        "quarter",
        r"(?:(?P<the>(?i:the))\s|(?P<qrel2>(?i:this|last|next))\s(?i:year's)\s)?"
        r"(?:(?P<qyear2>{YEAR})\s)?"
        r"(?:(?P<qmod>(?i:fiscal|latest|current|past|previous|last|this|same))\s)?"
        r"(?:(?P<ord>(?i:{ORD}))[\s-])?(?:(?i:fiscal)[\s-])?(?i:quarter)\b"
        r"(?:\s(?:(?i:of)\s)?(?:(?P<qyear>{YEAR})|(?P<qrel>(?i:this|last|next))\s(?i:year)\b))?",
        _quarter,
    ),
    (
        "first_months",
        r"(?i:the\s(?P<edge>first|last|past|final)\s)(?P<num>(?i:{NUM}))\s(?P<unit>(?i:{UNIT}))"
        r"(?:\s(?P<of>(?i:of))\s(?:(?P<year>{YEAR})|(?i:the|(?P<ofrel>this|last|next))\s(?i:year)\b))?",
        _first_months,
    ),
    (
        "half",
        r"(?i:the\s(?P<which>first|second)\shalf)(?:\s(?i:of)\s(?:(?P<year>{YEAR})|"
        r"(?P<rel>(?i:this|last|next))\s(?i:year)|(?i:the\syear)))",
        _half,
    ),
    (
        "duration",
        r"(?:(?i:the)\s(?:(?i:past|last|next|coming|first|previous|following|final)\s))?"
        r"(?P<num>(?i:{NUM})[\s-])?(?P<unit>(?i:{UNIT}))(?![\s-](?i:old|olds)\b)",
        _duration,
    ),
    (
        "vague_units",
        r"(?P<vague>(?i:{VAGUE}))\s(?P<unit>(?i:{UNIT}))",
        _vague_units,
    ),
    (
        "reference",
        r"\b(?i:now|currently|current|nowadays|these\sdays|at\spresent|the\spresent|"
        r"at\sthe\smoment|recently|recent|lately|the\spast|the\sfuture|"
        r"the\snear\sfuture)\b",
        _reference,
    ),
    (
        "set_adverb",
        r"\b(?i:hourly|daily|nightly|weekly|fortnightly|monthly|annually|yearly)\b",
        _set_adverb,
    ),
    (
        "every",
        r"(?i:every|each|per)\s(?:(?P<other>(?i:other))\s|(?P<num>(?i:{NUM}))\s)?"
        r"(?P<what>(?i:{UNIT}|{PART})|{WEEKDAY})",
        _every,
    ),
    (
        "clock",
        r"\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s?"
        r"(?:(?P<ampm>(?i:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b))(?:\s(?P<tz>{TZ}))?|(?P<tz2>{TZ}))"
        r"(?:,?\s(?:(?i:on)\s)?(?P<day>{WEEKDAY}|(?i:yesterday|today|tomorrow)\b))?",
        _clock,
    ),
    ("noon", r"\b(?i:noon|midday|midnight)\b", _noon),
    (
        "part_of_day_first",
        r"(?P<part>(?i:(?:early\s|late\s|mid-?)?(?:{PART}|noon|midnight)))\s(?:(?i:on)\s)?"
        r"(?P<day>{WEEKDAY}|(?i:yesterday|today|tomorrow)\b)",
        _part_of_day_first,
    ),
    (
        "month_relative_year",
        r"(?P<month>{MONTH})\s(?:(?i:of)\s)?(?P<rel>(?i:last|this|next))\s(?i:year)\b",
        _month_relative_year,
    ),
    ("the_weekend", r"(?i:the\sweekend)\b", _the_weekend),
    (
        "anaphoric",
        r"(?:(?i:earlier|later)\s)?(?i:that(?:\ssame)?|the\ssame)\s"
        r"(?P<unit>(?i:day|week|month|year|morning|afternoon|evening|night))\b",
        _anaphoric,
    ),
    (
        "ordinal_century",
        r"(?:(?i:the)\s)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s(?i:century)\b",
        _ordinal_century,
    ),
    ("vague_ago", r"\b(?i:years|months|weeks|days|decades)\s(?i:ago)\b", _vague_ago),
    ("year_adjective", r"\b(?i:year-earlier|year-ago|year-end)\b", _year_adjective),
    (
        "spoken_year",
        r"(?:(?P<month>{MONTH})\s|(?P<the>(?i:the\syear))\s)?(?P<spoken>{SPOKEN_YEAR})",
        _spoken_year,
    ),
    (
        "holiday",
        r"(?P<holiday>{HOLIDAY})(?:\s(?P<year>{YEAR}))?",
        _holiday,
    ),
]


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    return tuple(Rule(name, compile_pattern(pattern), fn) for name, pattern, fn in RULE_TABLE)
