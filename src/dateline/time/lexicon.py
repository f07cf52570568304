"""The temporal vocabulary (``lexicon.json``), loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from dateline.resources import data_json


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    number_words: dict[str, float]
    vague_quantities: tuple[str, ...]
    ordinals: dict[str, int]
    # unit -> (TIMEX3 duration code, whether it is a time-of-day unit needing "PT", factor)
    units: dict[str, tuple[str, bool, int]]
    unit_plurals: dict[str, str]
    parts_of_day: dict[str, str]
    seasons: dict[str, str]
    season_months: dict[str, tuple[int, int]]
    deictic_days: dict[str, int]
    reference_words: dict[str, str]
    set_adverbs: dict[str, str]
    future_auxiliaries: frozenset[str]
    scheduling_lemmas: frozenset[str]
    # Words whose "to" infinitive points ahead of their own time ("planned to leave on Thursday").
    intention_lemmas: frozenset[str]
    timezones: tuple[str, ...]
    holidays: dict[str, tuple[int, int]]
    # name -> (month, ISO weekday, nth in month; -1 = last)
    floating_holidays: dict[str, tuple[int, int, int]]
    # Words before a bare month, season or year that make it a date ("in March").
    temporal_prepositions: frozenset[str]
    # Words before a bare plural unit that make it a vague duration ("for years").
    duration_cues: frozenset[str]

    def unit(self, word: str) -> str | None:
        """The singular unit for ``word`` ("weeks" -> "week"), or None."""
        word = word.lower()
        if word in self.units:
            return word
        return self.unit_plurals.get(word)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = data_json("dateline.time", "lexicon.json")
    return Lexicon(
        months=raw["months"],
        weekdays=raw["weekdays"],
        number_words=raw["number_words"],
        vague_quantities=tuple(raw["vague_quantities"]),
        ordinals=raw["ordinals"],
        units={k: (v[0], bool(v[1]), int(v[2])) for k, v in raw["units"].items()},
        unit_plurals=raw["unit_plurals"],
        parts_of_day=raw["parts_of_day"],
        seasons=raw["seasons"],
        season_months={k: (v[0], v[1]) for k, v in raw["season_months"].items()},
        deictic_days=raw["deictic_days"],
        reference_words=raw["reference_words"],
        set_adverbs=raw["set_adverbs"],
        future_auxiliaries=frozenset(raw["future_auxiliaries"]),
        scheduling_lemmas=frozenset(raw["scheduling_lemmas"]),
        intention_lemmas=frozenset(raw["intention_lemmas"]),
        timezones=tuple(raw["timezones"]),
        holidays={k: (v[0], v[1]) for k, v in raw["holidays"].items()},
        floating_holidays={k: (v[0], v[1], v[2]) for k, v in raw["floating_holidays"].items()},
        temporal_prepositions=frozenset(raw["temporal_prepositions"]),
        duration_cues=frozenset(raw["duration_cues"]),
    )
