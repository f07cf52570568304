"""Regular expressions for amounts, generated from the lexicon."""

from __future__ import annotations

import re
from functools import lru_cache

from dateline.amounts.lexicon import lexicon
from dateline.patternscan import start_prefixes


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
    # Suffixes glued to the number ("2bn") or spelled out after it ("2 billion", "500 crore");
    # single letters ("5m", "3k") read as scales only after a currency symbol.
    glued = [w for w in lex.scale_suffixes if len(w) <= 3]
    spelled = _alternation([w for w in lex.scale_suffixes if len(w) > 3])
    word_scale = rf"(?:\s?(?:{_alternation([w for w in glued if len(w) > 1])})\b|\s(?:{spelled})\b)"
    any_scale = rf"(?:\s?(?:{_alternation(glued)})\b|\s(?:{spelled})\b)"
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


@lru_cache(maxsize=1)
def amount_starts() -> dict[str, frozenset[str] | None]:
    """The strings each pattern's matches begin with: where it is tried
    (``dateline.patternscan``; the same matches as ``finditer``, found sooner)."""
    return {name: start_prefixes(pattern) for name, pattern in amount_patterns().items()}
