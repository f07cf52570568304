"""The entities stage's hand-written lexicons (titles, honorifics, name particles), loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from dateline.resources import data_json, data_lines


@dataclass(frozen=True)
class Title:
    """An office or trade named before or after a person ("President", "security expert")."""

    words: str
    sector: str | None
    head: bool  # head of state or government: "the Russian leader" may mean any of these


@dataclass(frozen=True)
class Lexicon:
    honorifics: dict[str, str | None]
    first_name_honorifics: frozenset[str]
    particles: frozenset[str]
    hyphen_particles: tuple[str, ...]
    time_zones: frozenset[str]
    # Capitals that are no name: an era after a numeral ("500 BC"), a degree ("a BA in law").
    era_abbreviations: frozenset[str]
    degree_abbreviations: frozenset[str]
    subject_pronouns: dict[str, str]
    multinational_words: frozenset[str]
    international_body_words: frozenset[str]
    titles: dict[str, Title]
    former: frozenset[str]
    # Nouns for people that take their sector from a modifier: "army officers" (MIL).
    people_nouns: frozenset[str]
    # Nouns for people and bodies the KB's agent nouns lack, with their sector (None: a
    # party of no sector, "critics"); ``agent_nouns.tsv``.
    agent_nouns: dict[str, str | None]
    # Longest title first, as word tuples, so "prime minister" wins over "minister".
    title_word_sequences: tuple[tuple[str, ...], ...]


def _read(name: str) -> dict:
    data: dict = data_json("dateline.entities.lexicons", name)
    return data


def _agent_nouns() -> dict[str, str | None]:
    rows = [
        line.split("\t") for line in data_lines("dateline.entities.lexicons", "agent_nouns.tsv")
    ]
    return {
        word.strip(): (None if sector.strip() == "-" else sector.strip())
        for word, sector in rows[1:]
    }


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    names = _read("names.json")
    titles_data = _read("titles.json")
    titles = {
        words: Title(words=words, sector=spec.get("sector"), head=bool(spec.get("head")))
        for words, spec in titles_data["titles"].items()
    }
    sequences = sorted((tuple(w.split()) for w in titles), key=len, reverse=True)
    return Lexicon(
        honorifics=dict(names["honorifics"]),
        first_name_honorifics=frozenset(names["first_name_honorifics"]),
        particles=frozenset(names["particles"]),
        hyphen_particles=tuple(names["hyphen_particles"]),
        time_zones=frozenset(names["time_zones"]),
        era_abbreviations=frozenset(names["era_abbreviations"]),
        degree_abbreviations=frozenset(names["degree_abbreviations"]),
        subject_pronouns=dict(names["subject_pronouns"]),
        multinational_words=frozenset(names["multinational_words"]),
        international_body_words=frozenset(names["international_body_words"]),
        titles=titles,
        former=frozenset(titles_data["former"]),
        people_nouns=frozenset(titles_data["people_nouns"]),
        agent_nouns=_agent_nouns(),
        title_word_sequences=tuple(sequences),
    )
