"""GDELT V2Tone's seven figures over a run of spaCy tokens.

GDELT counts dictionary words over all the words of a document; Dateline does the same with
the VADER lexicon (``lexicon.py``):

- word count W: tokens that contain a letter or a digit;
- positive score: 100 * (words with VADER valence > 0) / W; negative score likewise for < 0;
- tone: positive - negative (-100 .. +100; news mostly falls within -10 .. +10);
- polarity: positive + negative;
- activity reference density: 100 * (verbs, by spaCy's part of speech, whose lemma is not a
  stative verb such as "be", "have", "seem") / W;
- self/group reference density: 100 * (personal, possessive and reflexive pronouns) / W.

Like GDELT, the article figures are plain dictionary counts (no negation handling), so they
stay comparable across articles and with GDELT's own columns.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from dateline.model import ArticleTone
from dateline.tone.features import tree_of
from dateline.tone.lexicon import self_group_pronouns, stative_verbs, valence


def is_word(token: Token) -> bool:
    return _is_word_text(token.text)


@lru_cache(maxsize=65536)
def _is_word_text(text: str) -> bool:
    # Asked for every token of every article and quote: the same few thousand strings.
    return any(ch.isalnum() for ch in text)


def figures(tokens: Iterable[Token]) -> ArticleTone:
    """The seven V2Tone figures of ``tokens`` (all zero when there is no word)."""
    if isinstance(tokens, (Doc, Span)):
        # A whole document or a span of one: its words read from the document's lists.
        tree = tree_of(tokens.doc)
        start, end = (0, len(tokens)) if isinstance(tokens, Doc) else (tokens.start, tokens.end)
        words = range(start, end)
        texts, lemmas, lemma_lowers = tree.texts, tree.lemmas, tree.lemma_lowers
        pos, lowers = tree.pos, tree.lowers
    else:
        listed = list(tokens)
        words = range(len(listed))
        texts, lemmas = [t.text for t in listed], [t.lemma_ for t in listed]
        lemma_lowers = [lemma.lower() for lemma in lemmas]
        pos, lowers = [t.pos_ for t in listed], [t.lower_ for t in listed]
    return _figures(words, texts, lemmas, lemma_lowers, pos, lowers)


def _figures(
    indices: range,
    texts: list[str],
    lemmas: list[str],
    lemma_lowers: list[str],
    pos: list[str],
    lowers: list[str],
) -> ArticleTone:
    words = positive = negative = active = pronouns = 0
    stative = stative_verbs()
    personal = self_group_pronouns()
    for i in indices:
        if not _is_word_text(texts[i]):
            continue
        words += 1
        value = valence(texts[i], lemmas[i])
        if value > 0:
            positive += 1
        elif value < 0:
            negative += 1
        if pos[i] == "VERB" and lemma_lowers[i] not in stative:
            active += 1
        elif lowers[i] in personal:
            pronouns += 1

    def share(count: int) -> float:
        return round(100.0 * count / words, 3) if words else 0.0

    return ArticleTone(
        tone=round(share(positive) - share(negative), 3),
        positive=share(positive),
        negative=share(negative),
        polarity=round(share(positive) + share(negative), 3),
        activity_density=share(active),
        self_group_density=share(pronouns),
        word_count=words,
    )


def tone(tokens: Iterable[Token]) -> float:
    """The V2Tone ``tone`` figure alone: positive minus negative per cent of the words."""
    return figures(tokens).tone
