"""The vocabulary of amounts (``lexicon.json``), loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from dateline.resources import data_json


@dataclass(frozen=True)
class Lexicon:
    units_words: dict[str, int]
    tens_words: dict[str, int]
    scales: dict[str, int]
    scale_suffixes: dict[str, int]
    dozen: dict[str, int]
    approximate_plurals: dict[str, int]
    # fraction phrase -> per cent of the whole (None: a share without a stated size, "most")
    fractions: dict[str, float | None]
    currency_symbols: dict[str, str]
    currency_words: dict[str, str]
    percent_words: tuple[str, ...]
    measures: dict[str, str]
    people_nouns: frozenset[str]
    # Nouns a following number names rather than counts ("page 3", "Chapter 11").
    identifier_nouns: frozenset[str]

    @property
    def number_words(self) -> dict[str, int]:
        return {**self.units_words, **self.tens_words, **self.scales}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = data_json("dateline.amounts", "lexicon.json")
    return Lexicon(
        units_words=raw["units_words"],
        tens_words=raw["tens_words"],
        scales=raw["scales"],
        scale_suffixes=raw["scale_suffixes"],
        dozen=raw["dozen"],
        approximate_plurals=raw["approximate_plurals"],
        fractions=raw["fractions"],
        currency_symbols=raw["currency_symbols"],
        currency_words=raw["currency_words"],
        percent_words=tuple(raw["percent_words"]),
        measures=raw["measures"],
        people_nouns=frozenset(w.lower() for w in raw["people_nouns"]),
        identifier_nouns=frozenset(raw["identifier_nouns"]),
    )
