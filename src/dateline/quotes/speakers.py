"""Turn the words that name a speaker into an entity id (or a description of an unnamed source).

The entities stage lists every mention of every entity, titles and pronouns included, so the
first resort is the entity whose mention covers the speaker's head word. When the entities
section is empty or silent, pronouns fall back to the most recent person named before them,
and everything else keeps ``speaker`` null with the words as ``speaker_name``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from dateline.model import Analysis, Entity
from dateline.nlp.doctext import doc_text
from dateline.nlp.labels import NOMINAL_SUBJECT_DEPS
from dateline.quotes.attribution import (
    ISSUED_DOCUMENTS,
    POLL_NOUNS,
    across_paragraphs,
    document_issuers,
)
from dateline.quotes.lexicon import NON_SPEAKERS, PERSON_PRONOUNS, source_nouns

# Dependents that describe the speaker but are not part of its name ("an official *who*...").
DETACHED_DEPS = frozenset({"prep", "relcl", "acl", "punct", "advmod"})
# Third-person pronouns and the gender they refer to.
THIRD_PERSON = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
GENDERED_TITLES = {
    "mr": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m",
    "mrs": "f", "ms": "f", "miss": "f", "lady": "f", "queen": "f", "princess": "f",
}  # fmt: skip
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
# How far back (characters) a pronoun's antecedent is looked for.
ANTECEDENT_WINDOW = 3000
# For describing an unnamed source, prepositional tails stay ("an official *at the ministry*").
DESCRIPTION_DETACHED_DEPS = DETACHED_DEPS - {"prep"}
MAX_DESCRIPTION_TOKENS = 10
# Heads that make a phrase a share of a population, a poll's figure, never someone speaking:
# "44 percent of Americans", "12% of voters", "52 per cent".
SHARE_HEADS = frozenset({"percent", "%", "pct", "percentage"})
# How many sentences before a share's own the poll it comes from is looked for.
POLL_LOOKBACK = 2
# Entity types that can speak.
SPEAKING_TYPES = ("PERSON", "ORG", "GROUP", "NORP", "LOCATION", "FACILITY", "OTHER", "EVENT")


@dataclass(frozen=True)
class Speaker:
    """Who said it: an entity id when known, and how to call them."""

    entity: str | None
    name: str | None
    start: int
    end: int


class SpeakerResolver:
    """Resolves speaker tokens of one document against its entities."""

    def __init__(self, analysis: Analysis, doc: Doc) -> None:
        self.doc = doc
        self.entities = {entity.id: entity for entity in analysis.entities}
        mentions = [
            (mention.start, mention.end, entity)
            for entity in analysis.entities
            for mention in entity.mentions
            if mention.field == "text"
        ]
        mentions.sort(key=lambda item: (item[0], item[1]))
        self.mentions = mentions
        self.mention_starts = [start for start, _, _ in mentions]
        self._genders: dict[str, str | None] = {}

    def name_of(self, entity_id: str | None) -> str | None:
        entity = self.entities.get(entity_id or "")
        return entity.name if entity else None

    def resolve(self, head: Token) -> Speaker | None:
        """The speaker named by the noun phrase headed by ``head``."""
        if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
            # "Smith, who said...", "a woman who told...": the noun the clause describes,
            # found through the pronoun.
            named = self.resolve(head.head.head)
            if named is None:
                return None
            return Speaker(named.entity, named.name, head.idx, head.idx + len(head))
        tokens = core_tokens(head)
        start = tokens[0].idx
        end = tokens[-1].idx + len(tokens[-1])
        words = doc_text(self.doc)[start:end]
        # "Obama's former strategist" is not Obama: the possessor names someone else.
        owner = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
        identity = [t for t in tokens if t.i not in owner] or [head]
        if is_share(head):
            # A poll's figure: the poll named just before speaks through its issuer, if any;
            # the words ("44 percent of Americans") stay the quote's speaker span.
            return self._poll_of(head, start, self._description_end(head, tokens, end))
        entity = self._entity_at(head.idx, head.idx + len(head))
        if entity is None and head.lemma_.lower() in ISSUED_DOCUMENTS:
            # "TNO's report said": the institute is the source; a document is no person.
            issuer = self._issuer_entity(head)
            if issuer is not None:
                return Speaker(issuer.id, issuer.name, start, end)
        unnamed = head.lemma_.lower() in source_nouns()
        if entity is not None and unnamed and entity.type != "PERSON":
            entity = None  # "officials", "a Kremlin spokesman": an unnamed source, not the group
        if entity is None:
            entity = self._entity_in(
                identity[0].idx,
                identity[-1].idx + len(identity[-1]),
                persons_only=unnamed,
                head=head,
            )
        if entity is None:
            # "the company's lawyer, Ms. Dana Weiss,": the apposition names the speaker.
            for child in head.children:
                if child.dep_ == "appos":
                    entity = self._entity_in(
                        child.left_edge.idx, child.right_edge.idx + len(child.right_edge), True
                    )
                    if entity is not None:
                        break
        if entity is not None:
            return Speaker(entity.id, entity.name, start, end)
        lower = head.lower_
        if lower in ("it", "its"):
            return self._organisation_antecedent(head)
        if lower in ("his", "her"):
            return self._antecedent(head)
        if lower in PERSON_PRONOUNS or head.tag_ == "PRP":
            if lower in NON_SPEAKERS:
                return None
            return self._antecedent(head)
        if lower in NON_SPEAKERS:
            return None
        person = _named_person(identity)
        for child in head.children:
            if person is None and child.dep_ == "appos":
                person = _named_person(list(child.subtree))
        if person is None:
            # An unnamed source is described in full: "a spokesman for the chamber of commerce".
            end = self._description_end(head, tokens, end)
            words = doc_text(self.doc)[start:end]
        return Speaker(None, person or words, start, end)

    @staticmethod
    def _description_end(head: Token, tokens: list[Token], end: int) -> int:
        """Where an unnamed source's description ends, its prepositional tail kept."""
        description = core_tokens(head, DESCRIPTION_DETACHED_DEPS)
        last = description[-1]
        if len(description) <= MAX_DESCRIPTION_TOKENS and last.i >= tokens[-1].i:
            return last.idx + len(last)
        return end

    def _issuer_entity(self, document: Token) -> Entity | None:
        """The named entity that issued a document ("TNO's report", "a Reuters poll")."""
        for issuer in document_issuers(document):
            if issuer.lemma_.lower() in ISSUED_DOCUMENTS:
                continue
            entity = self._entity_at(issuer.idx, issuer.idx + len(issuer))
            if entity is not None:
                return entity
        return None

    def _poll_of(self, share: Token, start: int, end: int) -> Speaker:
        """The speaker of a share of a population ("44 percent of Americans say"): the issuer
        of the poll or survey named before it in its sentence or the two before, in its
        paragraph; else nobody named (the words stay the quote's speaker span)."""
        doc = share.doc
        first = share.sent.start
        for _ in range(POLL_LOOKBACK):
            if first == 0 or across_paragraphs(doc[first - 1], share):
                break
            first = doc[first - 1].sent.start
        for token in reversed(doc[first : share.i]):
            if token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in POLL_NOUNS:
                issuer = self._issuer_entity(token)
                if issuer is not None:
                    return Speaker(issuer.id, issuer.name, start, end)
                break
        return Speaker(None, None, start, end)

    def _entity_at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention covering the characters start..end."""
        for m_start, m_end, entity in self._overlapping(start, end):
            if m_start <= start and end <= m_end and entity.type in SPEAKING_TYPES:
                return entity
        for _, _, entity in self._overlapping(start, end):
            if entity.type in SPEAKING_TYPES:
                return entity
        return None

    def _entity_in(
        self, start: int, end: int, persons_only: bool, head: Token | None = None
    ) -> Entity | None:
        """The best entity mentioned inside a speaker phrase: a person first, then the longest.

        Given the phrase's ``head``, a place, group or organisation counts only when its mention
        covers that head word: in "the Indiana governor" or "the Republican nominee" it is a
        modifier of the speaker, not the speaker."""
        found = self._overlapping(start, end)
        people = [item for item in found if item[2].type == "PERSON"]
        if people:
            return max(people, key=lambda item: item[1] - item[0])[2]
        if head is not None:
            found = [m for m in found if m[0] <= head.idx and head.idx + len(head) <= m[1]]
        if persons_only or not found:
            return None
        return max(found, key=lambda item: item[1] - item[0])[2]

    def _overlapping(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        last = bisect_right(self.mention_starts, end)
        return [m for m in self.mentions[:last] if m[1] > start and m[0] < end]

    def _antecedent(self, pronoun: Token) -> Speaker | None:
        """Fallback for a pronoun the entities stage did not resolve.

        The antecedent is the nearest earlier person of the pronoun's gender (where known)
        who was the subject of a main clause — the salient person a report goes on quoting —
        or failing that the nearest earlier person of that gender.
        """
        lower = pronoun.lower_
        if lower not in THIRD_PERSON:
            return Speaker(None, pronoun.text, pronoun.idx, pronoun.idx + len(pronoun))
        wanted = THIRD_PERSON[lower]
        start = pronoun.idx
        candidates: list[tuple[int, int, str | None, str]]
        if self.mentions:
            before = bisect_right(self.mention_starts, start) - 1
            candidates = [
                (m_start, m_end, entity.id, entity.name)
                for m_start, m_end, entity in reversed(self.mentions[: before + 1])
                if entity.type == "PERSON"
                and m_end <= start
                and start - m_start <= ANTECEDENT_WINDOW
                and self._gender(entity) in (None, wanted)
            ]
        else:
            # No entities at all (entities stage absent): use spaCy's own PERSON names.
            candidates = [
                (ent.start_char, ent.end_char, None, ent.text)
                for ent in reversed(self.doc.ents)
                if ent.label_ == "PERSON"
                and ent.end_char <= start
                and start - ent.start_char <= ANTECEDENT_WINDOW
            ]
        if not candidates:
            return None
        chosen = next((c for c in candidates if self._main_subject(c[0], c[1])), candidates[0])
        entity_id = chosen[2]
        name = chosen[3] if entity_id is None else self.name_of(entity_id)
        return Speaker(entity_id, name, pronoun.idx, pronoun.idx + len(pronoun))

    def _organisation_antecedent(self, pronoun: Token) -> Speaker | None:
        """Fallback for "it said": the nearest earlier organisation that was a main subject."""
        start = pronoun.idx
        before = bisect_right(self.mention_starts, start) - 1
        for m_start, m_end, entity in reversed(self.mentions[: before + 1]):
            if start - m_start > ANTECEDENT_WINDOW:
                break
            if (
                entity.type in ("ORG", "GROUP")
                and m_end <= start
                and self._main_subject(m_start, m_end)
            ):
                return Speaker(entity.id, entity.name, start, start + len(pronoun))
        return None

    def _gender(self, entity: Entity) -> str | None:
        """ "m" or "f" when the article's pronouns or titles for the entity say so."""
        if entity.id in self._genders:
            return self._genders[entity.id]
        votes = {"m": 0, "f": 0}
        for mention in entity.mentions:
            words = mention.text.lower().replace(".", "").split()
            for word in words[:1] if len(words) > 1 else words:
                gender = THIRD_PERSON.get(word) or GENDERED_TITLES.get(word)
                if gender:
                    votes[gender] += 1
        gender = None if votes["m"] == votes["f"] else max(votes, key=lambda g: votes[g])
        self._genders[entity.id] = gender
        return gender

    def _main_subject(self, start: int, end: int) -> bool:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        return root.dep_ in NOMINAL_SUBJECT_DEPS and root.head.dep_ in ("ROOT", "conj", "ccomp")


def is_share(head: Token) -> bool:
    """Whether a speaker phrase's head is a percentage ("44 percent of Americans", "52 per
    cent", "12%"): a poll's figure, not a speaker."""
    if head.lower_ in SHARE_HEADS:
        return True
    return head.lower_ == "cent" and head.i > 0 and head.nbor(-1).lower_ == "per"


def core_tokens(head: Token, detached: frozenset[str] = DETACHED_DEPS) -> list[Token]:
    """The speaker phrase without relative clauses or prepositional tails, in order."""
    kept: list[Token] = []
    todo = [head]
    while todo:
        token = todo.pop()
        kept.append(token)
        todo.extend(
            child
            for child in token.children
            if child.dep_ not in detached and not (child.dep_ == "case" and child.i > head.i)
        )
    kept.sort(key=lambda token: token.i)
    # Keep the contiguous stretch around the head only.
    first = last = kept.index(head)
    while first > 0 and _joined(kept[first - 1], kept[first]):
        first -= 1
    while last < len(kept) - 1 and _joined(kept[last], kept[last + 1]):
        last += 1
    return kept[first : last + 1]


def _joined(left: Token, right: Token) -> bool:
    """Whether two tokens are neighbours on one line (a phrase never runs across a paragraph)."""
    return (
        right.i == left.i + 1
        and "\n" not in left.whitespace_
        and not ("\n" in left.text or "\n" in right.text)
    )


def _named_person(tokens: list[Token]) -> str | None:
    """The PERSON name spaCy found inside a speaker phrase, if any."""
    for token in tokens:
        if token.ent_type_ == "PERSON" and token.ent_iob_ == "B":
            ent = next(e for e in token.doc.ents if e.start == token.i)
            return ent.text.removesuffix("’s").removesuffix("'s")
    return None
