"""Reported (indirect) speech: what someone said, in the writer's words.

Four shapes, all read off the dependency parse:

- a cue verb with a clausal complement: "Mr Putin *said* the stage was now set...",
  "..., the source *added*", "Critics *say* it is a forum...";
- "*according to* X, <clause>";
- "*in a statement*, X <clause>";
- "X's *message* was that <clause>".

The quote text is the reported clause. Clauses that are mostly inside quotation marks are left
to the direct quotes (the cue of “…,” he said has the quoted words as its complement).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from spacy.attrs import IDX, LEMMA, LOWER
from spacy.tokens import Doc, Token

from dateline.geo.toponyms import DATELINE
from dateline.nlp.doctext import doc_text, token_strings
from dateline.nlp.labels import NOMINAL_SUBJECT_DEPS
from dateline.quotes.attribution import (
    is_according,
    is_container_noun,
    is_cue_noun,
    is_cue_verb,
    speaker_head,
)
from dateline.quotes.direct import Found
from dateline.quotes.lexicon import cue_nouns, cue_verbs
from dateline.quotes.speakers import SpeakerResolver

# Complementisers that make a question, not a statement ("did not say *whether*...").
QUESTION_MARKS = frozenset({"whether", "if", "why", "how", "when", "where", "what", "who"})
# "went on to say that...", "continued to insist that...": an infinitive cue that was said.
GOING_ON = frozenset({"go", "continue", "proceed"})
# Share of a clause inside quotation marks above which it is a direct quote's business.
MOSTLY_QUOTED = 0.5
TRIM_CHARS = " \t\n,;:.—–-"
LEADING_WORD = re.compile(r"(?:and|but|yet|or)\s+", re.IGNORECASE)
TRAILING_WORD = re.compile(r"[\s,]+(?:and|but|or)$", re.IGNORECASE)


def reported_speech(
    doc: Doc, resolver: SpeakerResolver, quoted: list[tuple[int, int]], paragraph_of: list[int]
) -> list[Found]:
    """Every reported statement in the Doc; ``quoted`` are the spans inside quotation marks."""
    found: list[Found] = []
    in_quotes = _tokens_inside(doc, quoted)
    for token in _possible_cues(doc):
        if in_quotes[token.i]:
            continue
        if is_according(token):
            clause = _according_clause(token)
            cue = "according to"
        elif is_cue_verb(token):
            if _lets(token):
                continue  # "let's say they ...", "let's call it what it is": a hedge
            clause = _verb_clause(token)
            cue = token.text
        elif is_cue_noun(token):
            clause = _noun_clause(token)
            cue = token.text
        else:
            continue
        if clause is None:
            continue
        start, end = _trim(doc_text(doc), *clause)
        if "\n" in doc_text(doc)[min(start, token.idx) : max(end, token.idx)]:
            continue  # a parse across a paragraph break
        if end - start < 3 or _quoted_share(start, end, quoted) >= MOSTLY_QUOTED:
            continue
        head = speaker_head(token, quoted)
        speaker = resolver.resolve(head) if head is not None else None
        found.append(
            Found(
                start=start,
                end=end,
                kind="indirect",
                paragraph=paragraph_of[token.i],
                cue=cue,
                speaker=speaker,
            )
        )
    return found


def _verb_clause(verb: Token) -> tuple[int, int] | None:
    if any(child.dep_ == "neg" for child in verb.children):
        return None  # "did not say": nothing was stated
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if infinitive and verb.head.lemma_.lower() not in GOING_ON:
        return None  # "wants to say", "went there to tell him that...": not said (yet)
    # "..., the roommate agreed to be interviewed": the cue's own complement follows it, so a
    # clause before it is the writer's, not what was said.
    own_infinitive = any(
        child.dep_ == "xcomp" and child.i > verb.i and _has_to(child) for child in verb.children
    )
    clauses = [
        child
        for child in verb.children
        if child.dep_ == "ccomp"
        and not any(c.dep_ == "mark" and c.lower_ in QUESTION_MARKS for c in child.children)
        and not (child.i < verb.i and child.tag_ in ("WP", "WDT"))
        and not (child.i < verb.i and own_infinitive)
    ]
    if not clauses:
        if own_infinitive:
            return None
        if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
            # "The economy, the minister said, would grow": the sentence around the cue.
            aside = set(verb.subtree)
            words = [t for t in verb.head.subtree if t not in aside]
            return (words[0].idx, words[-1].idx + len(words[-1])) if words else None
        return _trailing_clause(verb)
    subject = next((c for c in verb.children if c.dep_ in NOMINAL_SUBJECT_DEPS), None)
    if subject is not None and subject.i < verb.i and any(c.i > verb.i for c in clauses):
        # "It is unlikely; the team says she will go on": only what follows the cue is said.
        clauses = [c for c in clauses if c.i > verb.i]
    return _extent([token for clause in clauses for token in clause.subtree])


def _lets(verb: Token) -> bool:
    """Whether a verb follows "let's": the writer's aside, nobody's statement."""
    doc = verb.doc
    return (
        verb.i >= 2
        and doc[verb.i - 1].lower_ in ("'s", "\u2019s", "us")
        and doc[verb.i - 2].lower_ == "let"
    )


def _has_to(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ == "to" for c in verb.children)


def _trailing_clause(verb: Token) -> tuple[int, int] | None:
    """The clause before ", X said." when the parser did not attach it to the cue."""
    if (
        any(
            child.dep_ in ("ccomp", "xcomp", "advcl", "dobj") and child.i > verb.i
            for child in verb.children
        )
        and verb.lemma_ != "tell"
    ):
        return None
    subject = next((c for c in verb.children if c.dep_ in NOMINAL_SUBJECT_DEPS), None)
    if subject is None:
        return None
    # ", a spokesman said" or ", said a spokesman"
    first = min(subject.left_edge.i, verb.i)
    if any(c.dep_ == "advcl" and c.i < first and _subordinated(c) for c in verb.children):
        return None  # "When she was pregnant, she posted ...": the cue's own time clause
    if first == 0 or verb.doc[first - 1].text not in (",", "—", "–"):
        return None
    end = verb.doc[first - 1].idx
    text = doc_text(verb.doc)
    start = end
    while start > 0 and text[start - 1] != "\n":
        if text[start - 1] in ".!?" and start < end and text[start].isspace():
            break
        start -= 1
    return (start, end) if len(text[start:end].split()) >= 3 else None


def _subordinated(clause: Token) -> bool:
    """Whether a clause opens with a subordinating word ("when", "if", "because")."""
    return any(
        c.dep_ == "mark" or (c.dep_ == "advmod" and c.tag_ == "WRB") for c in clause.children
    )


def _according_clause(according: Token) -> tuple[int, int] | None:
    main = according.head
    if main.pos_ not in ("VERB", "AUX") or main is according:
        return None
    phrase = set(according.subtree)
    return _extent([t for t in main.subtree if t not in phrase], around=main)


def _noun_clause(noun: Token) -> tuple[int, int] | None:
    head = noun.head
    # "In a statement, the ministry condemned the attack."
    if (
        noun.dep_ == "pobj"
        and head.lower_ == "in"
        and head.dep_ == "prep"
        and is_container_noun(noun)
    ):
        verb = head.head
        if verb.pos_ in ("VERB", "AUX") and not is_cue_verb(verb):
            phrase = set(head.subtree)
            return _extent([t for t in verb.subtree if t not in phrase], around=verb)
    # "The senator's claim that the deal was illegal..."
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in child.children
        ):
            return _extent(list(child.subtree))
    # "His message was that the war is over."
    if noun.dep_ == "nsubj" and head.lemma_ == "be":
        clauses = [c for c in head.children if c.dep_ == "ccomp" and c.i > head.i]
        if clauses:
            return _extent([t for clause in clauses for t in clause.subtree])
    return None


def _extent(tokens: list[Token], around: Token | None = None) -> tuple[int, int] | None:
    """Character extent of the contiguous run of ``tokens`` (the run holding ``around``)."""
    if not tokens:
        return None
    tokens = sorted(set(tokens), key=lambda t: t.i)
    runs: list[list[Token]] = [[tokens[0]]]
    for token in tokens[1:]:
        if token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    run = next((r for r in runs if around in r), None) if around is not None else None
    if run is None:
        run = max(runs, key=len) if around is not None else tokens
    first, last = run[0], run[-1]
    if first.dep_ == "mark" and first.lower_ == "that":
        first = first.nbor(1) if first.i + 1 <= last.i else first
    return first.idx, last.idx + len(last)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Without edge punctuation, a leading "that", conjunction or wire dateline, or a trailing
    conjunction."""
    while True:
        before = (start, end)
        while start < end and text[start] in TRIM_CHARS:
            start += 1
        while end > start and text[end - 1] in TRIM_CHARS:
            end -= 1
        lead = LEADING_WORD.match(text, start, end)
        if lead:
            start = lead.end()
        if start == 0 or text[start - 1] == "\n":
            # A wire dateline opening the paragraph ("LONDON, March 3 (Reuters) - Oil rose
            # ..., analysts said") is the writer's, not the speaker's words.
            dateline = DATELINE.match(text[start:end])
            if dateline:
                start += dateline.end()
        trail = TRAILING_WORD.search(text, start, end)
        if trail:
            end = trail.start()
        if (start, end) == before:
            return start, end


def _quoted_share(start: int, end: int, quoted: list[tuple[int, int]]) -> float:
    covered = sum(max(0, min(end, q_end) - max(start, q_start)) for q_start, q_end in quoted)
    return covered / max(1, end - start)


def _possible_cues(doc: Doc) -> Iterator[Token]:
    """The tokens that may be a cue (``is_according``, ``is_cue_verb``, ``is_cue_noun``): the
    word "according" and the words whose lemma is a cue verb's or noun's, found in the
    document's columns of words and lemmas rather than by a ``Token`` object for every word."""
    verbs, nouns = cue_verbs(), cue_nouns()
    lowers = token_strings(doc, LOWER)
    for i, lemma in enumerate(token_strings(doc, LEMMA)):
        if lowers[i] == "according" or (low := lemma.lower()) in verbs or low in nouns:
            yield doc[i]


def _tokens_inside(doc: Doc, spans: list[tuple[int, int]]) -> list[bool]:
    """For each token, ``attribution.inside(token, spans)``: found per span by bisection over
    the tokens' offsets, not per token over every span."""
    offsets = doc.to_array(IDX).tolist()
    flags = [False] * len(offsets)
    for start, end in spans:
        for i in range(bisect_left(offsets, start), bisect_left(offsets, end)):
            flags[i] = True
    return flags
