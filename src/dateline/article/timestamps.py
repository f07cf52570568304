"""Parse the timestamp lines news sites print ("Tuesday 21 November 2017 08:52 GMT", ...).

Returns ISO 8601 with a UTC offset. Time-zone abbreviations are mapped to fixed offsets here
rather than guessed by a library: news sites use a small, well-known set.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

# Standard offsets of the abbreviations news sites print, in hours.
TZ_OFFSETS: dict[str, float] = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "BST": 1,
    "IST": 5.5,
    "CET": 1,
    "CEST": 2,
    "WEST": 1,
    "EET": 2,
    "EEST": 3,
    "MSK": 3,
    "EST": -5,
    "EDT": -4,
    "CST": -6,
    "CDT": -5,
    "MST": -7,
    "MDT": -6,
    "PST": -8,
    "PDT": -7,
    "AKST": -9,
    "AKDT": -8,
    "HST": -10,
    "AEST": 10,
    "AEDT": 11,
    "ACST": 9.5,
    "AWST": 8,
    "NZST": 12,
    "NZDT": 13,
    "JST": 9,
    "KST": 9,
    "HKT": 8,
    "SGT": 8,
    "PKT": 5,
    "GST": 4,
    "AST": 3,
    "SAST": 2,
    "WAT": 1,
    "EAT": 3,
    "CAT": 2,
    "ET": -5,
    "PT": -8,
}

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = (
    r"(?:(?:\s*(?:,|\bat\b|-|\||·|•))?\s*(?P<hour>\d{1,2})[:.h](?P<minute>\d\d)(?::(?P<second>\d\d))?\s*"
    r"(?P<ampm>[ap]\.?m\.?)?)?"
)
# A zone name, an offset, or both: "GMT", "+01:00", "UTC+1", "(GMT+3)".
_TZ = (
    r"(?:\s*\(?(?P<tz>[A-Z]{1,4}T?|UTC|GMT)?\s*"
    r"(?P<offset>[+-]\d\d:?\d\d|(?<=UTC|GMT)[+-]\d{1,2}(?!\d))?\)?)?"
)
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+)?"

_PATTERNS = [
    # Tuesday 21 November 2017 08:52 GMT / 21 Nov 2017, 08:52 BST
    re.compile(_WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR + _TIME + _TZ, re.I),
    # November 21, 2017 8:52 a.m. EST / Tue, Nov 21 2017
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + _TIME + _TZ, re.I),
    # 2017-11-21T08:52:00+00:00 / 2017-11-21 08:52
    re.compile(
        r"(?P<year>(?:19|20)\d\d)-(?P<monthnum>\d\d)-(?P<day>\d\d)"
        r"(?:[T\s](?P<hour>\d\d):(?P<minute>\d\d)(?::(?P<second>\d\d)(?:\.\d+)?)?)?"
        r"\s*(?P<offset>Z|[+-]\d\d:?\d\d)?(?:\s*(?P<tz>[A-Z]{2,4}))?"
    ),
    # 21/11/2017 08:52 (day first, as most of the world's news sites print it; month first
    # when the first number cannot be a month... see _to_iso)
    re.compile(r"(?P<day>\d{1,2})[/.](?P<monthnum>\d{1,2})[/.]" + _YEAR + _TIME + _TZ),
    # 2017/11/21 08:52
    re.compile(r"(?P<year>(?:19|20)\d\d)/(?P<monthnum>\d{1,2})/(?P<day>\d{1,2})" + _TIME + _TZ),
]
# Time before the date: "9:41 AM EST, Tue November 21, 2017" / "08:52 GMT 21 Nov 2017".
_TIME_FIRST = (
    r"(?P<hour>\d{1,2})[:.](?P<minute>\d\d)\s*(?P<ampm>[ap]\.?m\.?)?"
    r"\s*(?P<tz>[A-Z]{2,4}T?|UTC|GMT)?(?P<offset>[+-]\d\d:?\d\d)?\s*(?:,|on|\|)?\s*"
)
_PATTERNS += [
    re.compile(_TIME_FIRST + _WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR, re.I),
    re.compile(_TIME_FIRST + _WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR, re.I),
]
# "3 hours ago", "Published 2 days ago", "just now": a timestamp line with no absolute time.
RELATIVE_TIME = re.compile(
    r"^(?:(?:published|updated|posted|last updated)\s*:?\s*)?"
    r"(?:(?:\d+|an?|one|two|three|few)\s+(?:sec(?:ond)?|min(?:ute)?|h(?:ou)?r|day|week|month|year)s?"
    r"\s+ago|just now|moments ago|yesterday|today)\.?$",
    re.I,
)


def _offset(tz: str | None, offset: str | None) -> timezone | None:
    if offset:
        if offset == "Z":
            return UTC
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        hours, minutes = (digits, "0") if len(digits) <= 2 else (digits[:-2], digits[-2:])
        return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))
    if tz and tz.upper() in TZ_OFFSETS:
        return timezone(timedelta(hours=TZ_OFFSETS[tz.upper()]))
    return None


def find_timestamp(text: str) -> tuple[str, re.Match[str]] | None:
    """Find the first date (with optional time and zone) in ``text``; (ISO value, match)."""
    best: tuple[str, re.Match[str]] | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            value = _to_iso(match)
            # Prefer the earliest match, then the longest (the one that also read the time).
            if value and (
                best is None
                or match.start() < best[1].start()
                or (match.start() == best[1].start() and match.end() > best[1].end())
            ):
                best = (value, match)
                break
    return best


def parse_timestamp(text: str) -> str | None:
    """ISO 8601 value of a timestamp string, or None."""
    found = find_timestamp(text)
    return found[0] if found else None


def _to_iso(match: re.Match[str]) -> str | None:
    g = match.groupdict()
    try:
        if g.get("monthnum"):
            month = int(g["monthnum"])
        else:
            name = g["month"].lower().rstrip(".")
            month = _MONTHS.get(name) or _MONTHS[name[:3]]
        day, year = int(g["day"]), int(g["year"])
        if month > 12 and day <= 12:  # 11/21/2017: the US order, month first
            month, day = day, month
        hour = int(g["hour"]) if g.get("hour") else None
        minute = int(g["minute"]) if g.get("minute") else 0
        second = int(g["second"]) if g.get("second") else 0
        if hour is not None and g.get("ampm"):
            ampm = g["ampm"].lower().replace(".", "")
            if ampm == "pm" and hour < 12:
                hour += 12
            elif ampm == "am" and hour == 12:
                hour = 0
        tz = _offset(g.get("tz"), g.get("offset"))
        if hour is None:
            return datetime(year, month, day).date().isoformat()
        value = datetime(year, month, day, hour, minute, second, tzinfo=tz)
    except (KeyError, ValueError, TypeError):
        return None
    return value.isoformat()
