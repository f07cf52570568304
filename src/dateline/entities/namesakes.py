"""Namesakes: which of several people named in full with one surname a bare surname means.

"Keith Scott" and his wife "Rakeyia Scott", "Bill" and "Hillary Clinton", two brothers: full
names with different given names are never one person (``names.compatible``), but "Scott",
"Clinton" or "Mr. Scott" could be either. ``coref.cluster_people`` settles first every short
name that fits one person only (a given name, a surname only one full name carries, a title of
the one gender only one of them agrees with); the short names that still fit several people
come here, in text order, and join:

1. the one whose gender agrees with the title ("Mrs. Scott"), when only one does;
2. the one whose gender agrees with the first "he"/"she"/"his"/"her" after the name in its
   sentence, nobody else named in between ("Scott said she ..."), when only one does not clash;
3. the one last told before it in its paragraph, in its sentence or the ``RECENT_SENTENCES``
   before (a wider window sent "Cruz said in July" to Heidi Cruz): the only one of them told in
   the latest sentence there telling any, else the one of those told as that sentence's subject ("Bill Clinton campaigned for his wife Hillary Clinton" makes the
   next "Clinton" Bill), else the one told last;
4. else (nobody of them told nearby) the person the story is about: the only one the
   knowledge base knows (a bare "Obama" is the president, not "Michelle Obama" named once),
   else the one told most often by name, else the one named first.

"Told" counts only the mentions that name their person without doubt: full names, given names
and short names settled before this step (never a bare surname guessed here, so one guess
does not feed the next).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeVar

from dateline.entities.kb import load_kb
from dateline.entities.lexicon import lexicon
from dateline.entities.names import PersonName, fold, honorific_gender
from dateline.nlp.doctext import line_paragraphs, sentence_numbers

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from dateline.entities.mentions import Mention

# A subject pronoun, or a possessive before a noun; an object pronoun is mostly someone else
# ("Scott thanked him").
SUBJECT_GENDERS = {"he": "male", "she": "female"}
POSSESSIVE_GENDERS = {"his": "male", "her": "female"}
QUOTES = frozenset({'"', "“", "”", "‘", "’", "'", "``", "''"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# How many sentences back (in the same paragraph) a namesake told last decides a bare surname.
RECENT_SENTENCES = 2


class Person(Protocol):
    """What this module reads of a ``coref.Cluster``."""

    mentions: list[Mention]
    names: list[PersonName]

    @property
    def gender(self) -> str | None: ...

    @property
    def first(self) -> int: ...


P = TypeVar("P", bound=Person)


@dataclass
class NamesakeContext:
    """The document around the short names: paragraphs, sentences and the settled mentions."""

    doc: Doc | None
    settled: set[int] = field(default_factory=set)  # id() of mentions that name one person
    named: list[Mention] = field(default_factory=list)  # every person's name in the text

    def __post_init__(self) -> None:
        self.paragraphs = line_paragraphs(self.doc) if self.doc is not None else None
        self.sentences = sentence_numbers(self.doc) if self.doc is not None else None


def namesake_owner(options: Sequence[P], mention: Mention, context: NamesakeContext) -> P:
    """The one of ``options`` (people a short name fits, several) that ``mention`` joins."""
    people = list({id(c): c for c in options}.values())
    # "Garrett hit Rudolph", "Tom Nides Thanked Clinton": spans the recogniser took for a
    # full name are no namesakes when a real one is there.
    people = [c for c in people if _plausibly_named(c)] or people
    if len(people) == 1:
        return people[0]
    gender = honorific_gender(mention.text.split())
    if gender is not None:
        agreeing = [c for c in people if c.gender == gender]
        if len(agreeing) == 1:
            return agreeing[0]
    if context.doc is not None:
        said = _pronoun_gender_after(mention, context)
        if said is not None:
            fitting = [c for c in people if c.gender in (None, said)]
            if len(fitting) == 1:
                return fitting[0]
        nearby = _last_told(people, mention, context)
        if nearby is not None:
            return nearby
    return _protagonist(people, context)


def _told(person: Person, context: NamesakeContext) -> list[Mention]:
    return [m for m in person.mentions if id(m) in context.settled]


def _pronoun_gender_after(mention: Mention, context: NamesakeContext) -> str | None:
    """The gender of the first subject or possessive pronoun after the name in its sentence,
    when no other person's name nor a quotation mark comes between ("Scott said she would
    appeal")."""
    doc, sentences = context.doc, context.sentences
    assert doc is not None and sentences is not None
    named = {i for m in context.named if m is not mention for i in range(m.start, m.end)}
    sentence = sentences[mention.start]
    for i in range(mention.end, len(doc)):
        token = doc[i]
        if sentences[i] != sentence or i in named or token.text in QUOTES:
            return None
        if token.dep_ in SUBJECTS and token.lower_ in SUBJECT_GENDERS:
            return SUBJECT_GENDERS[token.lower_]
        if token.tag_ == "PRP$" and token.lower_ in POSSESSIVE_GENDERS:
            return POSSESSIVE_GENDERS[token.lower_]
    return None


def _last_told(people: list[P], mention: Mention, context: NamesakeContext) -> P | None:
    """The one of ``people`` told last before the name, in its paragraph and its sentence or
    the ``RECENT_SENTENCES`` before."""
    paragraphs, sentences, doc = context.paragraphs, context.sentences, context.doc
    assert paragraphs is not None and sentences is not None and doc is not None
    paragraph, sentence = paragraphs[mention.start], sentences[mention.start]
    told = [
        (m, c)
        for c in people
        for m in _told(c, context)
        if m.end <= mention.start
        and paragraphs[m.start] == paragraph
        and sentences[m.start] >= sentence - RECENT_SENTENCES
    ]
    if not told:
        return None
    latest = max(sentences[m.start] for m, _ in told)
    there = [(m, c) for m, c in told if sentences[m.start] == latest]
    if len({id(c) for _, c in there}) == 1:
        return there[0][1]
    subjects = {id(c): c for m, c in there if _is_subject(doc, m)}
    if len(subjects) == 1:
        return next(iter(subjects.values()))
    return max(there, key=lambda pair: pair[0].start)[1]


def _is_subject(doc: Doc, mention: Mention) -> bool:
    """Whether the name is its clause's subject, or in apposition to it ("His parents, Tom
    Evans and Kate James, wanted ...")."""
    span = doc[mention.start : mention.end]
    head = span.root
    while head.dep_ in ("appos", "conj", "compound") and head.head is not head:
        head = head.head
    return head.dep_ in SUBJECTS


def _protagonist(people: list[P], context: NamesakeContext) -> P:
    """Nobody of them told nearby: the person the story is about."""
    known = [c for c in people if _known(c)]
    if len(known) == 1:
        return known[0]
    return min(
        people, key=lambda c: (-len(_told(c, context)), min(m.start for m in _told(c, context)))
    )


def _plausibly_named(person: Person) -> bool:
    """Whether one of a person's full names reads as a personal name: every word capitalised
    (a particle apart: "von", "bin"), at most two given names, no word in capitals beyond an
    initial ("CFO Sink")."""
    particles, hyphened = lexicon().particles, tuple(lexicon().hyphen_particles)
    for name in person.names:
        if not name.is_full or len(name.given) > 2:
            continue
        words = [w.strip(".,") for w in name.text.split()]
        if all(
            fold(w) in particles
            or fold(w).startswith(hyphened)
            or (w[:1].isupper() and not (len(w) > 1 and w.isupper()))
            for w in words
            if w
        ):
            return True
    return False


def _known(person: Person) -> bool:
    """Whether the knowledge base knows a person by one of the full names the article gives."""
    kb = load_kb()
    return any(
        a.type == "PERSON" for n in person.names if n.is_full for a in kb.actors_named(n.text)
    )
