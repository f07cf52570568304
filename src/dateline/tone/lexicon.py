"""The word lists the tone stage scores with.

Valences come from the VADER lexicon (Hutto & Gilbert, ICWSM 2014; MIT licence), read from the
``vaderSentiment`` package that ships it: about 7,500 words and emoticons rated from -4 (most
negative) to +4 (most positive) by ten raters each. The pronoun, stative-verb, negation and
contrast lists are Dateline's own, in ``data/``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from dateline.resources import data_lines

# VADER's own rule: a negator in the three words before a sentiment word scales it by -0.74.
NEGATION_SCALAR = -0.74
NEGATION_WINDOW = 3


@cache
def valences() -> dict[str, float]:
    """Lower-cased word -> VADER mean valence (-4 .. +4)."""
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    table: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0]:
            table[parts[0].lower()] = float(parts[1])
    return table


def _words(name: str) -> frozenset[str]:
    return frozenset(line.strip().lower() for line in data_lines("dateline.tone", "data", name))


@cache
def negators() -> frozenset[str]:
    """Words that reverse the sentiment word after them ("not", "never", "without")."""
    return _words("negators.txt")


@cache
def contrast_markers() -> frozenset[str]:
    """Conjunctions and adverbs that turn the sentence ("but", "while", "although")."""
    return _words("contrast.txt")


@cache
def stative_verbs() -> frozenset[str]:
    """Verb lemmas that name a state, not an action: left out of the activity density."""
    return _words("stative_verbs.txt")


@cache
def self_group_pronouns() -> frozenset[str]:
    """Personal and possessive pronouns: the self/group reference density counts them."""
    return _words("pronouns.txt")


@cache
def speech_verbs() -> frozenset[str]:
    """Lemmas that introduce what a target said: a speaker is not the object of its words."""
    return _words("speech_verbs.txt")


def valence(word: str, lemma: str | None = None) -> float:
    """The VADER valence of a word (its lemma as fallback), 0.0 when it is not in the lexicon."""
    table = valences()
    lowered = word.lower()
    if lowered in table:
        return table[lowered]
    if lemma is not None:
        return table.get(lemma.lower(), 0.0)
    return 0.0
