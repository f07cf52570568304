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
    last: str | None = None  # the kind of the word before: units, tens, hundred, scale, digits
    for word in words:
        kind = _word_kind(word)
        if kind is None or not _may_follow(kind, last, word):
            return None  # not a numeral, or two numbers side by side: "nine and ten"
        if kind == "digits":  # "1.2 million"
            current += float(word.replace(",", ""))
        elif kind == "units":
            current += lex.units_words[word]
        elif kind == "tens":
            current += lex.tens_words[word]
        elif kind == "hundred":
            current = (current or 1) * 100
        else:
            total += (current or 1) * lex.scales[word]
            current = 0.0
        last = kind
        seen_number = True
    return total + current if seen_number else None


def _word_kind(word: str) -> str | None:
    lex = lexicon()
    if _DIGITS.match(word):
        return "digits"
    if word in lex.units_words:
        return "units"
    if word in lex.tens_words:
        return "tens"
    if word == "hundred":
        return "hundred"
    return "scale" if word in lex.scales else None


# Which kind of word may come after which in one numeral: "twenty-five", "one hundred and
# five", "2.5 million"; never two of the same rank ("nine and ten", "twenty thirty").
_FOLLOWS: dict[str, set[str | None]] = {
    "digits": {None},
    "units": {None, "tens", "hundred", "scale"},
    "tens": {None, "hundred", "scale"},
    "hundred": {None, "digits", "units", "tens"},
    "scale": {None, "digits", "units", "tens", "hundred"},
}


def _may_follow(kind: str, last: str | None, word: str) -> bool:
    if last not in _FOLLOWS[kind]:
        return False
    # After a tens word only a digit word: "twenty-five", not "twenty-fifteen".
    return not (kind == "units" and last == "tens" and lexicon().units_words[word] >= 10)
