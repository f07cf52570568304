"""The quotes stage's static knowledge: cue verbs, cue nouns and unnamed-source nouns.

Each list is a data file in ``data/`` (one lemma a line, ``#`` comments), read once per process.
"""

from __future__ import annotations

from functools import lru_cache

from dateline.resources import data_text

# Words that can never be a speaker by themselves, even when parsed as a cue's subject.
NON_SPEAKERS = frozenset({"it", "this", "that", "there", "what", "which", "who", "one"})
# Personal pronouns that point back to a person named earlier.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "we", "they"})


def _read(name: str) -> frozenset[str]:
    words = (
        line.split("#", 1)[0].strip().lower()
        for line in data_text("dateline.quotes", "data", name).splitlines()
    )
    return frozenset(word for word in words if word)


@lru_cache(maxsize=1)
def cue_verbs() -> frozenset[str]:
    """Lemmas of verbs that report speech: say, tell, claim, warn, deny..."""
    return _read("cue_verbs.txt")


@lru_cache(maxsize=1)
def cue_nouns() -> frozenset[str]:
    """Lemmas of nouns that carry someone's words: statement, message, read-out..."""
    return _read("cue_nouns.txt")


@lru_cache(maxsize=1)
def source_nouns() -> frozenset[str]:
    """Lemmas of nouns naming unnamed sources: critic, official, spokesman..."""
    return _read("source_nouns.txt")
