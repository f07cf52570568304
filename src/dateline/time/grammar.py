"""The temporal grammar: each rule is a pattern and a function that normalises its match.

A rule's function receives the regex match and a :class:`Context` (the text, the anchor date
and the tense of the clause) and returns a :class:`Resolution`, or None to reject the match
(e.g. a bare "2017" that is not used as a date). Overlaps are settled in ``extract.py``.
"""

from __future__ import annotations

from functools import lru_cache

from dateline.patternscan import start_prefixes
from dateline.time.dates import (
    read_decade,
    read_dotted,
    read_holiday,
    read_iso,
    read_month,
    read_month_day_rule,
    read_month_relative_year,
    read_month_year,
    read_ordinal_century,
    read_slash,
    read_spoken_year,
    read_year,
    read_year_adjective,
)
from dateline.time.patterns import compile_pattern
from dateline.time.periods import (
    read_clock,
    read_duration,
    read_every,
    read_first_months,
    read_half,
    read_noon,
    read_quarter,
    read_reference,
    read_set_adverb,
    read_vague_units,
)
from dateline.time.relative import (
    read_ago,
    read_anaphoric,
    read_deictic,
    read_part_of_day_first,
    read_relative_period,
    read_season,
    read_shifted_anaphoric,
    read_the_weekend,
    read_the_year,
    read_vague_ago,
    read_weekday,
)
from dateline.time.resolution import Handler, Rule

RULE_TABLE: list[tuple[str, str, Handler]] = [
    (
        "iso",
        r"\b(?P<y>\d{4})-(?P<mo>\d\d)-(?P<d>\d\d)(?:[T\s](?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::\d\d)?)?\b",
        read_iso,
    ),
    (
        "slash",
        r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d\d)\b"
        r"(?:\s(?P<h>\d{1,2}):(?P<mi>\d\d)(?::\d\d)?)?",
        read_slash,
    ),
    (
        # "09.03.2018": day first, as written where dots separate a date's parts.
        "dotted",
        r"\b(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?P<y>(?:19|20)\d\d)\b",
        read_dotted,
    ),
    (
        "month_day",
        r"(?:{WEEKDAY},?\s)?(?P<month>{MONTH})\s(?P<day>{DAY})(?!:\d)(?:,?\s(?P<year>{YEAR}))?",
        read_month_day_rule,
    ),
    (
        "day_month",
        r"(?:{WEEKDAY},?\s)?(?:(?i:the)\s)?(?P<day>{DAY})\s(?:(?i:of)\s)?(?P<month>{MONTH})"
        r"(?:,?\s(?P<year>{YEAR}))?",
        read_month_day_rule,
    ),
    (
        "month_year",
        r"(?:(?i:{MOD})[\s-](?:(?i:in)\s)?)?(?P<month>{MONTH}),?\s(?:(?i:of)\s)?(?P<year>{YEAR})",
        read_month_year,
    ),
    (
        "month",
        r"(?:(?P<mod>(?i:{MOD}))[\s-](?:(?i:in)\s)?)?(?:(?P<rel>(?i:last|next|this|coming|past))\s)?"
        r"(?P<month>{MONTH})",
        read_month,
    ),
    (
        "year",
        r"(?:(?P<mod>(?i:{MOD}))[\s-](?:(?i:in)\s)?)?(?P<prefix>(?i:fiscal|calendar|FY)\s?)?"
        r"\b(?P<year>{YEAR})(?![/.,]?\d|-(?!{YEAR})\d|\s?(?i:%|per\s?cent|percent))",
        read_year,
    ),
    (
        "decade",
        r"(?:(?i:the)\s)?(?:(?i:early|late|mid)[\s-])?(?:(?P<full>1[6-9]\d0|20\d0)|'(?P<short>\d)0)s\b",
        read_decade,
    ),
    (
        "weekday",
        r"(?:(?i:early|late)\s)?(?:(?i:the\s(?=previous|following))?"
        r"(?P<rel>(?i:this(?:\scoming|\spast)?|last|next|past|coming|previous|following))\s)?"
        r"(?P<weekday>{WEEKDAY})(?:\s(?P<part>(?i:{PART})))?",
        read_weekday,
    ),
    (
        "deictic",
        r"(?:(?i:early|late)\s)?"
        r"(?P<deictic>(?i:the\sday\sbefore\syesterday|the\sday\safter\stomorrow|yesterday|today|"
        r"tomorrow|tonight))(?:\s(?P<part>(?i:{PART})))?\b",
        read_deictic,
    ),
    (
        "this_part",
        r"(?P<deictic>(?i:this|last))\s(?P<part>(?i:{PART}))",
        read_deictic,
    ),
    (
        "relative_period",
        r"(?:(?P<mod>(?i:{MOD}))\s(?:(?i:in)\s)?)?(?P<the>(?i:the)\s)?"
        r"(?P<rel>(?i:this|last|next|past|previous|coming|current|following|same))\s"
        r"(?P<unit>(?i:week|weekend|month|year|quarter|decade|century|{SEASON}))\b",
        read_relative_period,
    ),
    (
        "the_year",
        r"(?:(?P<mod>(?i:{MOD}))\s(?:(?i:in)\s)?)?(?i:the\s(?P<kind>(?:(?:current|fiscal|calendar|full|whole)\s){0,2})year)\b",
        read_the_year,
    ),
    (
        "season",
        r"(?:(?P<mod>(?i:early|late|mid))[\s-])?(?:(?i:the)\s)?(?:(?P<rel>(?i:this|last|next|coming|past))\s)?"
        r"(?P<season>(?i:{SEASON}))(?:\s(?:(?i:of)\s)?(?P<year>{YEAR}))?",
        read_season,
    ),
    (
        "ago",
        r"(?P<num>(?i:{NUM}|{VAGUE}))[\s-](?P<unit>(?i:{UNIT}))\s"
        r"(?P<dir>(?i:ago|earlier|later|from\snow|hence))\b",
        read_ago,
    ),
    (
        "quarter",
        r"(?:(?P<the>(?i:the))\s|(?P<qrel2>(?i:this|last|next))\s(?i:year's)\s)?"
        r"(?:(?P<qyear2>{YEAR})\s)?"
        r"(?:(?P<qmod>(?i:fiscal|latest|current|past|previous|last|this|same))\s)?"
        r"(?:(?P<ord>(?i:{ORD}))[\s-])?(?:(?i:fiscal)[\s-])?(?i:quarter)\b"
        r"(?:\s(?:(?i:of)\s)?(?:(?P<qyear>{YEAR})|(?P<qrel>(?i:this|last|next))\s(?i:year)\b))?",
        read_quarter,
    ),
    (
        "first_months",
        r"(?i:the\s(?P<edge>first|last|past|final)\s)(?P<num>(?i:{NUM}))\s(?P<unit>(?i:{UNIT}))"
        r"(?:\s(?P<of>(?i:of))\s(?:(?P<year>{YEAR})|(?i:the|(?P<ofrel>this|last|next))\s(?i:year)\b))?",
        read_first_months,
    ),
    (
        "half",
        r"(?i:the\s(?P<which>first|second)\shalf)(?:\s(?i:of)\s(?:(?P<year>{YEAR})|"
        r"(?P<rel>(?i:this|last|next))\s(?i:year)|(?i:the\syear)))",
        read_half,
    ),
    (
        "duration",
        r"(?:(?i:the)\s(?:(?i:past|last|next|coming|first|previous|following|final)\s))?"
        r"(?P<num>(?i:{NUM})[\s-])?(?P<unit>(?i:{UNIT}))(?![\s-](?i:old|olds)\b)",
        read_duration,
    ),
    (
        "vague_units",
        r"(?P<vague>(?i:{VAGUE}))\s(?P<unit>(?i:{UNIT}))",
        read_vague_units,
    ),
    (
        "reference",
        r"\b(?i:now|currently|current|nowadays|these\sdays|at\spresent|the\spresent|"
        r"at\sthe\smoment|recently|recent|lately|the\spast|the\sfuture|"
        r"the\snear\sfuture)\b",
        read_reference,
    ),
    (
        "set_adverb",
        r"\b(?i:hourly|daily|nightly|weekly|fortnightly|monthly|annually|yearly)\b",
        read_set_adverb,
    ),
    (
        "every",
        r"(?i:every|each|per)\s(?:(?P<other>(?i:other))\s|(?P<num>(?i:{NUM}))\s)?"
        r"(?P<what>(?i:{UNIT}|{PART})|{WEEKDAY})",
        read_every,
    ),
    (
        "clock",
        r"\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s?"
        r"(?:(?P<ampm>(?i:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b))(?:\s(?P<tz>{TZ}))?|(?P<tz2>{TZ}))"
        r"(?:,?\s(?:(?i:on)\s)?(?P<day>{WEEKDAY}|(?i:yesterday|today|tomorrow)\b))?",
        read_clock,
    ),
    ("noon", r"\b(?i:noon|midday|midnight)\b", read_noon),
    (
        "part_of_day_first",
        r"(?P<part>(?i:(?:early\s|late\s|mid-?)?(?:{PART}|noon|midnight)))\s(?:(?i:on)\s)?"
        r"(?P<day>{WEEKDAY}|(?i:yesterday|today|tomorrow)\b)",
        read_part_of_day_first,
    ),
    (
        "month_relative_year",
        r"(?P<month>{MONTH})\s(?:(?i:of)\s)?(?P<rel>(?i:last|this|next))\s(?i:year)\b",
        read_month_relative_year,
    ),
    ("the_weekend", r"(?i:the\sweekend)\b", read_the_weekend),
    (
        "anaphoric",
        r"(?:(?i:earlier|later)\s)?(?i:that(?:\ssame)?|the\ssame)\s"
        r"(?P<unit>(?i:day|week|month|year|morning|afternoon|evening|night))\b",
        read_anaphoric,
    ),
    (
        "shifted_anaphoric",
        r"(?i:the\s(?P<dir>next|following|previous|preceding)\s"
        r"(?P<unit>day|morning|afternoon|evening|night)\b"
        r"|the\s(?P<unit2>day|night)\s(?P<dir2>before|after)\b)",
        read_shifted_anaphoric,
    ),
    (
        "ordinal_century",
        r"(?:(?i:the)\s)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s(?i:century)\b",
        read_ordinal_century,
    ),
    ("vague_ago", r"\b(?i:years|months|weeks|days|decades)\s(?i:ago)\b", read_vague_ago),
    ("year_adjective", r"\b(?i:year-earlier|year-ago|year-end)\b", read_year_adjective),
    (
        "spoken_year",
        r"(?:(?P<month>{MONTH})\s|(?P<the>(?i:the\syear))\s)?(?P<spoken>{SPOKEN_YEAR})",
        read_spoken_year,
    ),
    (
        "holiday",
        r"(?P<holiday>{HOLIDAY})(?:\s(?P<year>{YEAR}))?",
        read_holiday,
    ),
]


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    compiled = [(name, compile_pattern(pattern), fn) for name, pattern, fn in RULE_TABLE]
    return tuple(Rule(name, regex, fn, start_prefixes(regex)) for name, regex, fn in compiled)
