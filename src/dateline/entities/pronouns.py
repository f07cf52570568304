"""Subject pronouns (he, she, they) and possessive pronouns (his, her, its, their) as mentions
of the actor they clearly refer to.

The quotes stage resolves "he said" through these mentions, so a pronoun is only attached when
one antecedent is clear: the only candidate in the pronoun's sentence before it, else the
only candidate (or the only subject) of the nearest earlier sentence that names a candidate,
up to three sentences back.
He/she need a person whose gender (from an honorific) does not clash; they, a group or an
organisation.
"""

from __future__ import annotations

from spacy.tokens import Doc

from dateline.entities.coref import Cluster
from dateline.entities.lexicon import lexicon
from dateline.entities.mentions import Mention

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# Possessive pronouns before a noun ("its investigation", "his visit"), with the kind of
# antecedent they take: an event told by a noun names its actor this way.
POSSESSIVES = {"his": "male", "her": "female", "their": "plural", "its": "thing"}
PRONOUN_LOOKBACK = 3  # sentences


def resolve_pronouns(doc: Doc, clusters: list[Cluster]) -> None:
    """Add each subject or possessive pronoun to the cluster of its clear antecedent, if there
    is one."""
    pronouns = lexicon().subject_pronouns
    sentence_of: dict[int, int] = {}
    for index, sentence in enumerate(doc.sents):
        for token in sentence:
            sentence_of[token.i] = index
    for token in doc:
        kind = pronouns.get(token.lower_)
        if kind is None or token.dep_ not in SUBJECT_DEPS:
            kind = POSSESSIVES.get(token.lower_) if token.tag_ == "PRP$" else None
        if kind is None:
            continue
        wanted: tuple[str, ...] = ("GROUP", "ORG") if kind == "plural" else ("PERSON",)
        if kind == "thing":
            # "its" stands for an organisation, a group or a country ("Jordan closed its
            # borders"), never a person.
            wanted, kind = ("GROUP", "ORG", "LOCATION"), "plural"
        here = sentence_of[token.i]
        if kind == "plural" and _unnamed_plural_subject_before(doc, token.i, clusters):
            # "Both men claimed that they were treated well": they are the men, whom no
            # entity names; the nearest named group is not their antecedent.
            continue
        candidates = [
            c
            for c in clusters
            if c.kind in wanted and (kind == "plural" or c.gender in (None, kind))
        ]
        target = _antecedent(doc, token.i, here, candidates, sentence_of)
        if target is not None:
            target.mentions.append(
                Mention(
                    start=token.i,
                    end=token.i + 1,
                    label="PRONOUN",
                    text=token.text,
                    start_char=token.idx,
                    end_char=token.idx + len(token.text),
                    source="pronoun",
                )
            )


def _unnamed_plural_subject_before(doc: Doc, position: int, clusters: list[Cluster]) -> bool:
    """Whether the pronoun's sentence opens, before it, with a plural common-noun subject that
    no entity mention covers."""
    sentence = doc[position].sent
    covered = {i for c in clusters for m in c.mentions for i in range(m.start, m.end)}
    return any(
        t.dep_ in SUBJECT_DEPS and t.tag_ == "NNS" and t.i not in covered
        for t in doc[sentence.start : position]
    )


def _antecedent(
    doc: Doc, position: int, sentence: int, candidates: list[Cluster], sentence_of: dict[int, int]
) -> Cluster | None:
    def mentions_in(index: int, limit: int) -> list[tuple[Mention, Cluster]]:
        return [
            (m, c)
            for c in candidates
            for m in c.mentions
            if m.label != "PRONOUN" and sentence_of.get(m.start) == index and m.start < limit
        ]

    same = mentions_in(sentence, position)
    if same:
        # Two candidates before the pronoun in its own sentence ("Warren told Stumpf, after
        # he admitted ...") is not clear, whichever is the subject.
        distinct = {id(c) for _, c in same}
        return same[0][1] if len(distinct) == 1 else None
    # Else the nearest earlier sentence that names someone, up to three back (a quote of
    # several sentences often separates "he said" from the name).
    for back in range(1, PRONOUN_LOOKBACK + 1):
        previous = mentions_in(sentence - back, position)
        if not previous:
            continue
        if len({id(c) for _, c in previous}) == 1:
            return previous[0][1]
        subjects = [(m, c) for m, c in previous if doc[m.end - 1].dep_ in SUBJECT_DEPS]
        if len({id(c) for _, c in subjects}) == 1:
            return subjects[0][1]
        return None
    return None
