"""Personal names: strip honorifics and possessives, compare names written differently.

"Bashar al-Assad", "Bashar Assad", "Mr Assad" and "Assad" share the key tokens
``("bashar", "assad")`` / ``("assad",)``: particles (al-, bin, van, de) and honorifics are
ignored when comparing, so a short form links to the full name it abbreviates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from dateline.entities.lexicon import lexicon
from dateline.resources import data_lines
from dateline.text import strip_diacritics

POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’])$")


def strip_possessive(text: str) -> str:
    """ "Putin’s" -> "Putin"; "Jones'" -> "Jones"."""
    if text.endswith(("'s", "’s")):
        return text[:-2]
    if text.endswith(("s'", "s’")):
        return text[:-1]
    return text


# Words before a degree's abbreviation ("a BA", "her MSc") and after it ("BA in", "MBA from").
DEGREE_OPENERS = frozenset({"a", "an", "his", "her", "their", "my", "your", "our"})
DEGREE_FOLLOWERS = frozenset({"in", "from", "degree", "degrees", "at", "student", "students"})


def abbreviation_of_no_one(token: Token) -> bool:
    """An upper-case era or degree, never a person, body or speaker: "500 BC", "AD 70",
    "a BA in history", "an MBA from Wharton". Both need their context: "AD" and "MA" alone
    may be a company or a state."""
    word = token.text.strip(".").replace(".", "").lower()
    if not token.text[:1].isupper():
        return False
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if word in lexicon().era_abbreviations:
        # "500 BC were found", "AD 70"; not "4,000 BC residents" (British Columbia's).
        noun_after = after is not None and after.pos_ in ("NOUN", "PROPN")
        return bool(before is not None and before.like_num and not noun_after) or bool(
            after is not None and after.like_num
        )
    if word in lexicon().degree_abbreviations:
        return bool(before is not None and before.lower_ in DEGREE_OPENERS) or bool(
            after is not None and after.lower_ in DEGREE_FOLLOWERS
        )
    return False


def fold(word: str) -> str:
    """Lower-case without diacritics: "Erdoğan" -> "erdogan"."""
    return strip_diacritics(word).lower()


def is_honorific(word: str) -> bool:
    return fold(word) in lexicon().honorifics


def honorific_gender(words: list[str]) -> str | None:
    for word in words:
        gender = lexicon().honorifics.get(fold(word))
        if gender:
            return gender
    return None


@lru_cache(maxsize=1)
def _given_name_genders() -> dict[str, str]:
    """Folded given name -> "male"/"female", for the names every locale Faker lists gives one
    gender (``lexicons/given_names.tsv``, built by ``scripts/build_given_names.py``)."""
    genders = {"m": "male", "f": "female"}
    rows = (
        line.split("\t") for line in data_lines("dateline.entities.lexicons", "given_names.tsv")
    )
    return {name: genders[gender.strip()] for name, gender in rows}


def given_name_gender(names: list[PersonName]) -> str | None:
    """The gender the first given names of a person's names agree on ("Scott Lassiter":
    male), or None when none is known or they disagree. An initial, a name used for both
    sexes ("Jamie") or a family name written first ("Li Qiang") says nothing."""
    table = _given_name_genders()
    found = {
        table.get(name.keys[0]) for name in names if name.keys and (name.is_full or name.given_only)
    }
    found.discard(None)
    return found.pop() if len(found) == 1 else None


@dataclass(frozen=True)
class PersonName:
    """A personal name split into key tokens (folded, particles removed)."""

    text: str  # the name as written, without honorific or possessive
    keys: tuple[str, ...]
    given_only: bool = False  # "Prince Mohammed": the one key is a given name

    @property
    def surname(self) -> str:
        return self.keys[-1] if self.keys else ""

    @property
    def given(self) -> tuple[str, ...]:
        return self.keys[:-1]

    @property
    def is_full(self) -> bool:
        return len(self.keys) >= 2


def _key_token(word: str) -> str | None:
    lex = lexicon()
    folded = fold(word).strip(".,")
    if not folded or folded in lex.particles:
        return None
    for prefix in lex.hyphen_particles:
        if folded.startswith(prefix) and len(folded) > len(prefix) + 1:
            return folded[len(prefix) :]
    return folded


def parse_name(text: str) -> PersonName:
    """Parse a person's name as written; leading honorifics and a final possessive are dropped.
    After "Prince", "Sheikh", "King" ... a single name is a given name, not a surname."""
    words = strip_possessive(text.strip()).split()
    given_only = False
    while words and is_honorific(words[0]) and len(words) > 1:
        given_only = given_only or fold(words[0]) in lexicon().first_name_honorifics
        words = words[1:]
    # "F.W. de Klerk": split initials so they compare with "Frederik Willem".
    keys: list[str] = []
    for word in words:
        if re.fullmatch(r"(?:[A-Z]\.){2,}", word):
            keys.extend(letter.lower() for letter in word.split(".") if letter)
            continue
        key = _key_token(word)
        if key:
            keys.append(key)
    return PersonName(
        text=" ".join(words), keys=tuple(keys), given_only=given_only and len(keys) == 1
    )


def _given_compatible(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Each given name of ``short`` matches, in order, a given name or initial of ``long``."""
    position = 0
    for word in short:
        while position < len(long):
            candidate = long[position]
            position += 1
            if word == candidate or (len(word) == 1 and candidate.startswith(word)):
                break
            if len(candidate) == 1 and word.startswith(candidate):
                break
        else:
            return False
    return True


def compatible(a: PersonName, b: PersonName) -> bool:
    """Could ``a`` and ``b`` name the same person? Same surname, and given names agree."""
    if not a.keys or not b.keys:
        return False
    if a.given_only or b.given_only:
        given, full = (a, b) if a.given_only else (b, a)
        return full.is_full and given.keys[0] == full.keys[0]
    if a.surname != b.surname:
        return False
    short, long = sorted((a.given, b.given), key=len)
    return _given_compatible(short, long)


@lru_cache(maxsize=1)
def _short_forms() -> frozenset[tuple[str, str]]:
    """(full given name, its short form) pairs, folded ("timothy", "tim"): the public nickname
    table in ``lexicons/nicknames.tsv``, built by ``scripts/build_nicknames.py``."""
    rows = (line.split("\t") for line in data_lines("dateline.entities.lexicons", "nicknames.tsv"))
    return frozenset((full, short.strip()) for full, short in rows)


def is_short_form(one: str, other: str) -> bool:
    """Whether one folded given name is a known short form of the other ("tim", "timothy";
    "chuck", "charles"), either way round."""
    forms = _short_forms()
    return (one, other) in forms or (other, one) in forms


def short_form_compatible(a: PersonName, b: PersonName) -> bool:
    """Could two full names be one person written with a short and a full given name ("Tim
    Sloan", "Timothy J. Sloan"; "Liz Hurley", "Elizabeth Hurley")? Same surname, first given
    names a known short/full pair, and the other given names agree as in ``compatible``."""
    if not (a.is_full and b.is_full) or a.given_only or b.given_only:
        return False
    if a.surname != b.surname or a.given[0] == b.given[0]:
        return False
    if min(len(a.given[0]), len(b.given[0])) < 2 or not is_short_form(a.given[0], b.given[0]):
        return False
    short, long = sorted((a.given[1:], b.given[1:]), key=len)
    return _given_compatible(short, long)
