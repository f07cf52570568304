"""Normalising place names and demonyms into lookup keys.

The same function builds the gazetteer index (scripts/build_gazetteer.py) and looks names up at
run time, so both sides always agree on what a key looks like.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from dateline.text import strip_diacritics

_PUNCT = re.compile(r"[.\u2019'`´]")
# "L.A.", "U.S.", "D.C.": single letters with dots. They keep their dots in the key so that
# "L.A." (Los Angeles) and "La." (Louisiana) stay apart.
_INITIALISM = re.compile(r"\b(?:[a-z]\.){1,}[a-z]\b\.?")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_/,]+")
# Leading words news writers put before names that gazetteers list without them.
_LEADING = ("the ",)
# Abbreviations expanded so "St. Louis", "Ft Worth" and "Mt Vernon" meet their gazetteer forms.
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}


def fold(text: str) -> str:
    """Strip accents: 'São Paulo' -> 'Sao Paulo'."""
    return strip_diacritics(text)


def _mark_initialism(match: re.Match[str]) -> str:
    """'l.a.' -> 'l·a': letters kept apart by a mark the punctuation rules leave alone."""
    return match.group(0).rstrip(".").replace(".", "·")


@lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """The lookup key of a place name: accent-free, lower case, punctuation-free, abbreviations
    expanded, a leading "the" dropped. (Kept for the names last asked for: the stages ask for
    the same words' keys many times per article.)"""
    key = _INITIALISM.sub(_mark_initialism, fold(name).casefold())
    key = _PUNCT.sub("", key)
    key = _SEPARATORS.sub(" ", key).strip()
    for prefix in _LEADING:
        if key.startswith(prefix):
            key = key[len(prefix) :]
    words = [_ABBREVIATIONS.get(word, word) for word in key.split(" ")]
    return " ".join(words)


def is_latin(text: str) -> bool:
    """True when every letter is Latin script (so English news could spell a place this way)."""
    for char in text:
        if char.isalpha() and not unicodedata.name(char, "").startswith("LATIN"):
            return False
    return True
