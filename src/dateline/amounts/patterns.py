"""Regular expressions for amounts, generated from the lexicon."""

from __future__ import annotations

import re
from functools import lru_cache

from dateline.amounts.lexicon import lexicon


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=1)
def amount_patterns() -> dict[str, re.Pattern[str]]:
    lex = lexicon()
    number_word = _alternation(list(lex.number_words))
    written = (
        rf"(?:a\s(?=(?:hundred|thousand|million|billion|trillion)\b))?(?:{number_word})\b"
        rf"(?:(?:\s|-|\sand\s)(?:{number_word})\b)*"
    )
    digits = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    number = rf"(?P<num>{digits}|{written})"
    # Single-letter suffixes ("5m", "2bn") read as scales only after a currency symbol.
    word_scale = r"(?:\s?(?:bn|mn|mln|tn)\b|\s(?:thousand|million|billion|trillion)\b)"
    any_scale = r"(?:\s?(?:bn|mn|mln|tn|k|m|b)\b|\s(?:thousand|million|billion|trillion)\b)"
    symbols = _alternation(list(lex.currency_symbols))
    unit_words = _alternation([*lex.percent_words, *lex.currency_words, *lex.measures])
    flags = re.IGNORECASE
    return {
        "money": re.compile(rf"(?P<cur>{symbols})\s?{number}(?P<scale>{any_scale})?", flags),
        "number": re.compile(
            rf"(?<![\w$€£¥.,-]){number}(?P<scale>{word_scale})?"
            rf"(?:[\s-]?(?P<unit>{unit_words})(?![\w]))?(?![\w-]*\d)",
            flags,
        ),
        "dozen": re.compile(rf"\b(?P<phrase>{_alternation(list(lex.dozen))})\b", flags),
        "approximate": re.compile(
            rf"\b(?P<phrase>{_alternation(list(lex.approximate_plurals))})(?=\sof\b)", flags
        ),
        "fraction": re.compile(
            rf"\b(?P<phrase>{_alternation([f for f, v in lex.fractions.items() if v])})"
            r"(?=\s(?:of|the)\b)",
            flags,
        ),
    }
