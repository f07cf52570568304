"""The mention record the entities stage passes between its modules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span

# Kinds of mention: named kinds become entity types; DESCRIPTION ("the Russian President"),
# PRONOUN and GROUP phrases ("Russian military leaders") are resolved or grouped later.
NAMED = ("PERSON", "ORG", "LOCATION", "NORP", "GROUP", "FACILITY", "EVENT")


@dataclass
class Mention:
    """A stretch of the spaCy Doc (token offsets) naming or describing an actor or place."""

    start: int  # first token
    end: int  # one past the last token
    label: str  # PERSON, ORG, LOCATION, NORP, GROUP, FACILITY, EVENT, DESCRIPTION, PRONOUN
    text: str
    start_char: int
    end_char: int
    source: str = "ner"  # ner, gazetteer, honorific, description, pronoun
    # Filled by the description rules: the office and country the article states for it.
    title: str | None = None
    country: str | None = None
    sector: str | None = None
    former: bool = False
    # Stated as the office's holder about to leave or beaten ("incumbent Mayor X", "the outgoing
    # governor"): "the new mayor" is someone else.
    outgoing: bool = False
    # Named as the one whose campaign it is ("Trump's campaign"): a candidate.
    campaign: bool = False
    # A group phrase's head noun, singular ("official" for "several top officials").
    head: str | None = None
    # The body or portfolio a description names for its office ("the minister of investment":
    # "investment"), lower-case; only someone stated with it holds that office.
    body: str | None = None
    # A phrase in apposition to a person's name ("Mara Quint, the Navy sailor"): that name.
    describes: Mention | None = None

    @classmethod
    def of_span(cls, span: Span, label: str, source: str) -> Mention:
        """The mention of a stretch of the Doc."""
        return cls(
            start=span.start,
            end=span.end,
            label=label,
            text=span.text,
            start_char=span.start_char,
            end_char=span.end_char,
            source=source,
        )

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end

    @property
    def length(self) -> int:
        return self.end - self.start
