"""Correcting spaCy's PERSON label where the name is not a person's.

The small English model tags many brands, companies, clubs and products as people ("SpaceX",
"Burisma", "Manchester United", "Nintendo Switch"), and capitalised common words at the start
of a sentence too ("Meth seizures rose"). A person in news is introduced by a full name, an
honorific or a title; a name that never is, and whose shape or words say organisation or
product, is relabelled. Evidence, strongest first:

- the shape of a word: an inner capital that no name prefix explains ("SpaceX", "YouTube";
  "McDonald", "DeSantis" and "LeBron" are explained), or a digit ("Model 3");
- an organisation word ending the name ("Inc", "Airlines", "United" after a place: a club);
- a known organisation opening a longer name: a product ("Nintendo Switch", "Tesla Model 3");
- a single word never introduced by a longer name, honorific or title, and unknown to the
  knowledge base as a person: a company or brand when it is used mid-sentence, otherwise a
  common word capitalised at a sentence start.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from spacy.attrs import ORTH, SENT_START
from spacy.tokens import Doc

from dateline.entities.kb import load_kb, normalize
from dateline.entities.mentions import Mention
from dateline.nlp.doctext import token_strings
from dateline.resources import data_lines

# Lower-case beginnings of surnames that carry an inner capital: McDonald, MacArthur,
# DeSantis, DiCaprio, LeBron, LaGuardia, VanderMeer, O'Brien (the apostrophe is not a letter).
NAME_PREFIXES = ("mc", "mac", "de", "di", "da", "le", "la", "van", "von", "du", "del", "della")
INNER_CAPITAL = re.compile(r"[a-z][A-Z]")
# Compass words ending a division's name ("AFC West"), not a product's.
DIRECTIONS = frozenset({"north", "south", "east", "west", "central"})
# Sources whose PERSON label rests on evidence stronger than the model's guess.
TRUSTED_SOURCES = frozenset({"honorific", "title", "gazetteer"})


@lru_cache(maxsize=1)
def organisation_words() -> frozenset[str]:
    """Last words that make a name an organisation's ("Burisma Holdings", "Delta Air Lines")."""
    return frozenset(data_lines("dateline.entities.lexicons", "organisation_words.txt"))


@lru_cache(maxsize=1)
def club_words() -> frozenset[str]:
    """Last words of sports clubs named after their town ("Manchester United", "Leicester City")."""
    return frozenset(data_lines("dateline.entities.lexicons", "club_words.txt"))


def _unexplained_inner_capital(word: str) -> bool:
    for match in INNER_CAPITAL.finditer(word):
        head = word[: match.start() + 1].lower()
        if head not in NAME_PREFIXES:
            return True
    return False


def _is_place(text: str) -> bool:
    from dateline.entities.places import is_city, named_country

    return named_country(text) is not None or is_city(text)


def corrected_label(
    doc: Doc,
    mention: Mention,
    mentions: Sequence[Mention],
    mid_sentence_words: frozenset[str] | None = None,
) -> str | None:
    """The label a PERSON mention should have instead ("ORG", "OTHER"), or None to keep it."""
    if mention.label != "PERSON" or mention.source in TRUSTED_SOURCES:
        return None
    kb = load_kb()
    words = [t.text for t in doc[mention.start : mention.end]]
    if any(any(c.isdigit() for c in w) for w in words):
        return "OTHER"  # "Tesla Model 3", "PlayStation 5"
    if any(_unexplained_inner_capital(w) for w in words):
        return "ORG"  # "SpaceX", "YouTube", "PayPal"
    last = words[-1].lower()
    if len(words) > 1 and last in organisation_words():
        return "ORG"
    if len(words) > 1 and last in club_words() and _is_place(" ".join(words[:-1])):
        return "ORG"  # "Manchester United", "Leicester City"
    if len(words) > 1 and kb.organisation(words[0]) is not None:
        return "OTHER"  # a product of a known company: "Nintendo Switch"
    if len(words) == 1 and not _introduced_as_person(words[0], mention, mentions):
        if kb.actors_named(words[0]) or kb.actors_with_surname(words[0]):
            return None  # a known person's name ("Putin"): the linker decides
        sentence_start = doc[mention.start].is_sent_start
        if mid_sentence_words is None:
            mid_sentence_words = words_mid_sentence(doc)
        used_mid_sentence = words[0] in mid_sentence_words
        return "OTHER" if sentence_start and not used_mid_sentence else "ORG"
    return None


def product_label(mention: Mention, mentions: Sequence[Mention]) -> str | None:
    """ "OTHER" for an organisation name that is a known company's name followed by more
    words the knowledge base does not list as an organisation: a product or service
    ("Dropbox Business", "Amazon Fire TV"), unless its last word names an organisation
    ("Tesla Motors", "Dropbox Inc")."""
    if mention.label != "ORG":
        return None
    words = mention.text.split()
    if len(words) < 2 or not words[0][:1].isupper():
        return None
    last = words[-1].lower().rstrip(".")
    if last in organisation_words() or last in club_words():
        return None
    kb = load_kb()
    if kb.organisation(mention.text) is not None or kb.country(words[0]) is not None:
        return None
    if last in DIRECTIONS or _is_place(" ".join(words[1:])):
        return None  # a division or a national branch: "AFC West", "Star India"
    first = normalize(words[0])
    company = kb.organisation(words[0]) is not None or any(
        other.label == "ORG" and other.length == 1 and normalize(other.text) == first
        for other in mentions
    )
    return "OTHER" if company else None


def _introduced_as_person(word: str, mention: Mention, mentions: Sequence[Mention]) -> bool:
    """Whether the article names this word's bearer by a longer name, an honorific or a
    title anywhere ("Kurt Volker" ... "Volker")."""
    key = normalize(word)
    # "the Skripals" after "Yulia Skripal": the family by its name.
    keys = {key, key[:-1]} if key.endswith("s") and len(key) > 3 else {key}
    for other in mentions:
        if other is mention or other.label != "PERSON":
            continue
        words = set(normalize(other.text).split())
        if (other.source in TRUSTED_SOURCES or other.length > 1) and keys & words:
            return True
    return False


def words_mid_sentence(doc: Doc) -> frozenset[str]:
    """The words the document uses other than as a sentence's first word (one pass, shared by
    every mention of the document)."""
    # Columns, not a ``Token`` per word: a token whose SENT_START is 1 starts a sentence
    # (``Token.is_sent_start``; -1 no, 0 unknown).
    starts = doc.to_array(SENT_START).astype("int64").tolist()
    return frozenset(
        text for text, start in zip(token_strings(doc, ORTH), starts, strict=True) if start <= 0
    )
