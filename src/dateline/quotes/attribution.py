"""Cues and the speakers they name, read off spaCy's dependency parse.

A cue is a reporting verb ("said", "is ascribed as saying"), a noun that carries words
("Putin's message", "a statement from the ministry") or "according to X". Each kind of cue
points at its speaker in its own way; ``speaker_head`` knows them all.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from dateline.entities.names import abbreviation_of_no_one
from dateline.nlp.labels import SUBJECT_DEPS
from dateline.quotes.lexicon import cue_nouns, cue_verbs

# A cue verb's subject can sit on a verb it hangs from ("X is ascribed *as saying*",
# "X went on *to say*", "X *said* ... and *added*").
CLIMB_DEPS = frozenset({"xcomp", "pcomp", "prep", "advcl", "conj"})
# Nouns that name documents or polls: "according to the poll *by X*" credits X.
DOCUMENT_NOUNS = frozenset({"poll", "survey", "study", "report", "analysis", "data", "figure"})
# Nouns that name a document a speaker put out: "TNO's report said" is TNO speaking; with no
# issuer named, "the report said" stays an unnamed source, never a person.
ISSUED_DOCUMENTS = DOCUMENT_NOUNS | frozenset(
    {"finding", "review", "audit", "assessment", "memo", "paper", "census", "filing"}
)
# Documents whose figures are shares of a population ("44 percent of Americans say ...").
POLL_NOUNS = frozenset({"poll", "survey", "study", "report", "analysis", "census"})
# Verbs whose subject issues a cue noun: "the ministry *issued* a statement".
ISSUING_VERBS = frozenset({"issue", "release", "publish", "give", "make", "post", "send", "put"})


def is_cue_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in cue_verbs()


def is_cue_noun(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in cue_nouns()


def is_according(token: Token) -> bool:
    return token.lower_ == "according" and any(c.lower_ == "to" for c in token.children)


def is_cue(token: Token) -> bool:
    return is_cue_verb(token) or is_cue_noun(token) or is_according(token)


def speaker_head(cue: Token, quoted: list[tuple[int, int]] | None = None) -> Token | None:
    """The head word of the speaker a cue names, or None when the cue names nobody.

    A word inside ``quoted`` (the spans in quotation marks) is never the speaker: the parser
    sometimes makes the quote's own subject the subject of the cue.
    """
    if is_according(cue):
        head = _according_speaker(cue)
    elif cue.pos_ in ("NOUN", "PROPN"):
        head = _noun_speaker(cue)
    else:
        head = _verb_speaker(cue, quoted or [])
    if head is not None and quoted and inside(head, quoted):
        return None
    if head is not None and abbreviation_of_no_one(head):
        return None  # "a tablet from 500 BC saying ...": the era is nobody
    if head is not None and across_paragraphs(head, cue):
        # A heading parsed into the next paragraph's sentence ("Book early\n\nAbby said"): the
        # heading is nobody; an apposition on the cue's side names the speaker ("Teams on
        # alert\n\nThe MEC, Jacob Mamabolo, said").
        head = next(
            (c for c in head.children if c.dep_ == "appos" and not across_paragraphs(c, cue)),
            None,
        )
    return head


def across_paragraphs(first: Token, second: Token) -> bool:
    """Whether a line break lies between two tokens: the parse joined two paragraphs."""
    low, high = sorted((first.i, second.i))
    return any("\n" in token.text or "\n" in token.whitespace_ for token in first.doc[low:high])


def is_container_noun(noun: Token) -> bool:
    """Whether "in <noun>" names a text someone put out ("in a statement", "in his speech",
    "in tweets"), not a manner: a bare singular noun ("in response to", "in assessment")
    is an idiom or an abstract noun, never the document a speaker issued."""
    if noun.tag_ in ("NNS", "NNPS"):
        return True
    return any(child.dep_ in ("det", "poss", "nummod", "amod") for child in noun.children)


def _verb_speaker(verb: Token, quoted: list[tuple[int, int]]) -> Token | None:
    token: Token | None = verb
    for _ in range(4):
        if token is None:
            return None
        subject = _subject(token, quoted)
        if subject is not None:
            return subject
        if token.dep_ not in CLIMB_DEPS or token.head is token:
            break
        token = token.head
    # Inverted order misparsed as an object: “…,” said Mr Smith.
    for child in verb.rights:
        if child.dep_ in ("dobj", "attr", "npadvmod") and child.pos_ == "PROPN":
            return child
    return None


def _subject(verb: Token, quoted: list[tuple[int, int]] | None = None) -> Token | None:
    """The speaker among a verb's dependents, minding the passive voice."""
    passive = any(child.dep_ in ("auxpass", "nsubjpass") for child in verb.children)
    if passive:
        for child in verb.children:
            # "X was quoted as saying": the passive subject is the speaker.
            if child.dep_ == "prep" and child.lower_ == "as":
                return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        for child in verb.children:
            # "condemned by critics as...": the agent is.
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        return None
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and not inside(c, quoted or [])]
    before = [c for c in subjects if c.i < verb.i]
    # Two subjects before one verb is a misparse: a dateline ("TORONTO — A man said") or a
    # heading run into the sentence. The one nearest the verb is its subject.
    subject = before[-1] if len(before) > 1 else next(iter(subjects), None)
    if subject is not None:
        # "To understand X, Chief Justice Roberts said, ...": the parser took "X, Roberts"
        # for a subject with an apposition; a real apposition is closed by a comma.
        for child in subject.children:
            if child.dep_ == "appos" and child.right_edge.i == verb.i - 1:
                return child
    return subject


def _noun_speaker(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    for child in noun.children:
        # "a read-out published on the Kremlin's website", "a statement released by X".
        if child.dep_ == "acl" and child.lemma_.lower() in ISSUING_VERBS:
            issuer = _issuer_of(child)
            if issuer is not None:
                return issuer
    head = noun.head
    if noun.dep_ in ("dobj", "pobj") and head.lemma_.lower() in ISSUING_VERBS:
        return _subject(head)
    # "In a statement, the ministry said ..." is handled by the verb; "in a statement, X
    # condemned ..." credits the subject of the verb the phrase modifies.
    if (
        noun.dep_ == "pobj"
        and head.lower_ == "in"
        and head.head.pos_ in ("VERB", "AUX")
        and is_container_noun(noun)
    ):
        return _subject(head.head)
    return None


def document_issuers(noun: Token) -> list[Token]:
    """Who may have issued the document a noun names, most telling first: its possessor
    ("TNO's report"), the noun after "by"/"from"/"of" ("a poll by Gallup"; "of" may name the
    sample instead, "a survey of voters"), the agent of "released by X", then the proper nouns
    naming it ("the TNO report", "a Reuters poll")."""
    found = [t for t in (_noun_speaker(noun),) if t is not None and t.i != noun.i]
    names = [c for c in noun.lefts if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"]
    return found + names


def _issuer_of(verb: Token) -> Token | None:
    """Who put out a document, from the participle that describes it: the agent of "released
    *by* X", or the owner of the site in "published *on X's website*"."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "on":
            place = next((c for c in child.children if c.dep_ == "pobj"), None)
            owner = next((c for c in place.children if c.dep_ == "poss"), None) if place else None
            if owner is not None and owner.pos_ in ("PROPN", "NOUN"):
                return owner
    return None


def _document_lemma(token: Token) -> str:
    """The noun's lemma, with a hyphenated compound the tokenizer split joined ("read-out")."""
    lemma = token.lemma_.lower()
    if token.i >= 2 and token.nbor(-1).text == "-" and not token.nbor(-1).whitespace_:
        joined = f"{token.nbor(-2).lower_}-{lemma}"
        if joined in cue_nouns():
            return joined
    return lemma


def _earlier_document(source: Token) -> Token | None:
    """For "according to *the* statement": the issuer of the document the same paragraph
    named just before ("a read-out published on the Kremlin's website. According to the
    statement, ..."): the nearest earlier cue or document noun in this or the previous sentence
    whose issuer the parse shows."""
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in source.children):
        return None
    doc = source.doc
    first = source.sent.start
    if first > 0:
        first = doc[first - 1].sent.start
    for token in reversed(doc[first : source.i]):
        if "\n" in token.text or "\n" in token.whitespace_:
            break  # another paragraph
        lemma = _document_lemma(token)
        if token.pos_ in ("NOUN", "PROPN") and (lemma in cue_nouns() or lemma in DOCUMENT_NOUNS):
            issuer = _noun_speaker(token)
            if issuer is not None:
                return issuer
    return None


def _according_speaker(according: Token) -> Token | None:
    to = next(c for c in according.children if c.lower_ == "to")
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    if source.lemma_.lower() in DOCUMENT_NOUNS or source.lemma_.lower() in cue_nouns():
        # "according to a poll by the Levada Center": the pollster speaks.
        return _noun_speaker(source) or _earlier_document(source) or source
    return source


def inside(token: Token, spans: list[tuple[int, int]]) -> bool:
    """Whether the token lies within one of the (start, end) character spans."""
    return any(start <= token.idx < end for start, end in spans)


def tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens whose first character lies in start..end."""
    span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
    if span is None:
        return []
    return [token for token in span if start <= token.idx < end]
