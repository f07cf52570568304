"""Small text helpers several parts of Dateline share, so each idea has one definition."""

from __future__ import annotations

import unicodedata

# Articles that bring in someone or something not told before ("an off-duty police officer").
INDEFINITE_ARTICLES = frozenset({"a", "an"})
# Object (accusative) personal pronouns: the one acted on, never a verb's doer, even when
# parsed as the subject of a clause without tense ("helped him raise money").
ACCUSATIVE_PRONOUNS = frozenset({"him", "her", "them", "me", "us"})


def strip_diacritics(text: str) -> str:
    """The text without combining marks, case kept: 'São Paulo' -> 'Sao Paulo', 'Erdoğan' ->
    'Erdogan' (compatibility decomposition, so ligatures and width variants fold too)."""
    if text.isascii():  # nothing to decompose: the common case, and a hot path
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def singular(word: str) -> str:
    """A lower-cased word without its plural -s ("emails" -> "email"; not "press", nor short
    words: "bus", "news" stay)."""
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def opens_indefinite(name: str) -> bool:
    """The name is a phrase opened by an indefinite article ("a judge", "An officer")."""
    article, _, rest = name.partition(" ")
    return article.lower() in INDEFINITE_ARTICLES and bool(rest)
