"""Groups of spaCy dependency labels (ClearNLP scheme of the English models) that several
stages read, defined once."""

from __future__ import annotations

from spacy.tokens import Token

# A clause's subject: nominal, passive nominal, clausal.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# A nominal subject, active or passive: the phrase that can name a speaker or an actor.
NOMINAL_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def plain_lower(token: Token) -> str:
    """The token lower-cased with a typographic apostrophe made plain: web pages write "We’ll",
    "they’re", "’s", and the lexicons of auxiliaries list the contractions as "'ll", "'re"."""
    return token.lower_.replace("\u2019", "'")
