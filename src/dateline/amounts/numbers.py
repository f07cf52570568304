"""Numbers written in digits or words: "5,000", "2.5", "twenty-five", "two million",
"one hundred and fifty"."""

from __future__ import annotations

import re

from dateline.amounts.lexicon import lexicon

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


def parse_number(text: str) -> float | None:
    """The value of a numeral, or None if ``text`` is not one."""
    text = text.strip().lower()
    if _DIGITS.match(text):
        return float(text.replace(",", ""))
    words = [w for w in re.split(r"[\s-]+", text) if w and w != "and"]
    if not words:
        return None
    lex = lexicon()
    if words[0] == "a" and len(words) > 1 and words[1] in lex.scales:
        words[0] = "one"  # "a hundred", "a million"
    total, current = 0.0, 0.0
    seen_number = False
    for word in words:
        if _DIGITS.match(word):  # "1.2 million"
            current += float(word.replace(",", ""))
        elif word in lex.units_words:
            current += lex.units_words[word]
        elif word in lex.tens_words:
            current += lex.tens_words[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in lex.scales:
            total += (current or 1) * lex.scales[word]
            current = 0.0
        else:
            return None
        seen_number = True
    return total + current if seen_number else None
