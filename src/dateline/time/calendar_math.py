"""Calendar arithmetic and TIMEX3 value formatting."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

# TIMEX3 granularities, coarsest last.
DAY, WEEK, MONTH, QUARTER, YEAR, DECADE, CENTURY = (
    "day",
    "week",
    "month",
    "quarter",
    "year",
    "decade",
    "century",
)


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def shift(day: date, amount: int, unit: str) -> date:
    """``day`` moved by ``amount`` units (day, week, month, quarter, year, decade, century)."""
    if unit in ("day", "night"):
        return day + timedelta(days=amount)
    if unit in ("week", "weekend"):
        return day + timedelta(weeks=amount)
    if unit == "fortnight":
        return day + timedelta(weeks=2 * amount)
    months_per = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}
    if unit in months_per:
        return add_months(day, amount * months_per[unit])
    raise ValueError(f"cannot shift by unit {unit!r}")


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def quarter(day: date) -> int:
    return (day.month - 1) // 3 + 1


def season_code(day: date, season_months: dict[str, tuple[int, int]]) -> str:
    for code, (first, last) in season_months.items():
        if first <= last and first <= day.month <= last:
            return code
    return "WI"


def season_year(day: date, code: str) -> int:
    """The year a season is labelled with: winter is labelled by its January (December 2017
    belongs to 2018-WI), every other season by its own year."""
    if code == "WI" and day.month == 12:
        return day.year + 1
    return day.year


def format_at(day: date, granularity: str) -> str:
    """The TIMEX3 value of the ``granularity``-sized period containing ``day``.

    Decades and centuries are truncated years, as TIMEX3 writes them ("199", "19")."""
    if granularity == DAY:
        return day.isoformat()
    if granularity == WEEK:
        return iso_week(day)
    if granularity == "weekend":
        return iso_week(day) + "-WE"
    if granularity == MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == QUARTER:
        return f"{day.year:04d}-Q{quarter(day)}"
    if granularity == YEAR:
        return f"{day.year:04d}"
    if granularity == DECADE:
        return f"{day.year // 10:03d}"
    if granularity == CENTURY:
        return f"{day.year // 100:02d}"
    raise ValueError(f"unknown granularity {granularity!r}")


def weekday_near(anchor: date, weekday: int, direction: str) -> date:
    """The ``weekday`` (ISO 1=Monday) nearest ``anchor`` in ``direction``.

    ``direction``: "past" (on or before anchor), "future" (on or after), "before" (strictly
    before), "after" (strictly after), "nearest" (closest either way; ties go to the past).
    """
    back = (anchor.isoweekday() - weekday) % 7
    forward = (weekday - anchor.isoweekday()) % 7
    if direction == "past":
        return anchor - timedelta(days=back)
    if direction == "future":
        return anchor + timedelta(days=forward)
    if direction == "before":
        return anchor - timedelta(days=back or 7)
    if direction == "after":
        return anchor + timedelta(days=forward or 7)
    if forward < back:
        return anchor + timedelta(days=forward)
    return anchor - timedelta(days=back)


def choose_year(candidates: list[tuple[date, date]], anchor: date, tense: str | None) -> date:
    """Pick among periods ``(first_day, last_day)`` of consecutive years the one the clause
    means: the latest not after ``anchor`` in the past tense, the earliest not before it in
    the future tense, otherwise the nearest. Returns the chosen period's first day."""
    # News rarely leaves out the year of a date more than about eleven months away (measured
    # to the period's nearest edge): past that, the tense is more likely about another time
    # ("has invited them to a ceremony on March 12").
    horizon = 330
    if tense == "past":
        fitting = [c for c in candidates if c[0] <= anchor and (anchor - c[1]).days <= horizon]
        if fitting:
            return max(fitting)[0]
    if tense == "future":
        fitting = [c for c in candidates if c[1] >= anchor and (c[0] - anchor).days <= horizon]
        if fitting:
            return min(fitting)[0]

    def distance(period: tuple[date, date]) -> int:
        if period[0] <= anchor <= period[1]:
            return 0
        return min(abs((period[0] - anchor).days), abs((period[1] - anchor).days))

    return min(candidates, key=distance)[0]


def month_period(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` ``weekday`` (ISO) of a month; ``nth`` -1 is the last one."""
    if nth > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    last = month_period(year, month)[1]
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)
