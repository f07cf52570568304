"""Regular-expression building blocks for temporal expressions, generated from the lexicon.

Month and weekday names match capitalised only ("May" the month, not "may" the modal);
the function words around them match in any case.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dateline.time.lexicon import lexicon


def _alternation(words: list[str]) -> str:
    """A regex alternation, longest first so "September" wins over "Sep"."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _capitalised(words: list[str]) -> list[str]:
    return [w.capitalize() for w in words] + [w.upper() for w in words]


@lru_cache(maxsize=1)
def blocks() -> dict[str, str]:
    lex = lexicon()
    number_words = _alternation(list(lex.number_words))
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    teens = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    units = _alternation([*lex.units, *lex.unit_plurals])
    number = (
        rf"(?:\d+(?:\s1/2|½)|\d+(?:[.,]\d+)?|(?:{tens})[- ](?:{ones})|(?:{number_words})"
        r"|(?:one|two|three|four|five|six|seven|eight|nine|ten)\s(?:and\s)?a\shalf)"
    )
    vague = _alternation(list(lex.vague_quantities))
    # Full month names never take a full stop; abbreviations may ("Nov. 18").
    full_months = [m for m in lex.months if len(m) > 4 or m in ("may", "june", "july")]
    abbreviations = [m for m in lex.months if m not in full_months]
    return {
        "MONTH": rf"(?:(?:{_alternation(_capitalised(full_months))})\b"
        rf"|(?:{_alternation(_capitalised(abbreviations))})\b\.?)",
        "WEEKDAY": rf"(?:{_alternation(_capitalised(list(lex.weekdays)))})\b",
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b",
        "YEAR": r"(?:1[6-9]\d\d|20\d\d)\b",
        "NUM": number,
        "VAGUE": rf"(?:{vague})",
        "UNIT": rf"(?:{units})\b",
        "PART": rf"(?:{_alternation(list(lex.parts_of_day))})\b",
        "SEASON": rf"(?:{_alternation(list(lex.seasons))})\b",
        "ORD": rf"(?:{_alternation(list(lex.ordinals))})",
        "TZ": rf"(?:{_alternation(list(lex.timezones))})\b",
        # Modifiers that narrow a period and belong to the expression ("early December").
        "MOD": r"(?:the\s(?:end|beginning|start|middle|close|turn|rest)\sof(?:\sthe)?"
        r"|early|late|mid|earlier|later)",
        "HOLIDAY": rf"(?:{_alternation(_capitalised_phrases([*lex.holidays, *lex.floating_holidays]))})\b",
        # Years said in words, as in broadcast transcripts: "nineteen ninety-six".
        "SPOKEN_YEAR": rf"(?i:nineteen\s(?:hundred\s(?:and\s)?)?(?:(?:{tens})(?:[\s-](?:{ones}))?|{teens}"
        rf"|oh[\s-](?:{ones}))|two\sthousand(?:\s(?:and\s)?(?:(?:{tens})(?:[\s-](?:{ones}))?"
        rf"|{teens}|{ones}))?)\b",
    }


def _capitalised_phrases(phrases: list[str]) -> list[str]:
    return [" ".join(w.capitalize() for w in p.split()) for p in phrases]


def compile_pattern(template: str) -> re.Pattern[str]:
    """Compile ``template`` with ``{MONTH}``-style blocks substituted, verbose mode."""
    text = template
    for name, block in blocks().items():
        text = text.replace("{" + name + "}", block)
    return re.compile(text, re.VERBOSE)
