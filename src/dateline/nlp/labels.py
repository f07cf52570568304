"""Groups of spaCy dependency labels (ClearNLP scheme of the English models) that several
stages read, defined once."""

from __future__ import annotations

# A clause's subject: nominal, passive nominal, clausal.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# A nominal subject, active or passive: the phrase that can name a speaker or an actor.
NOMINAL_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
