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
from itertools import accumulate

from spacy.tokens import Doc, Span, Token

from dateline.model import ArticleTone
from dateline.tone.features import _Tree, tree_of
from dateline.tone.lexicon import self_group_pronouns, stative_verbs, valence


def is_word(token: Token) -> bool:
    return _is_word_text(token.text)


@lru_cache(maxsize=4096)
def _is_word_text(text: str) -> bool:
    # Asked for every token of every article and quote: the same few thousand strings.
    return any(ch.isalnum() for ch in text)


def figures(tokens: Iterable[Token]) -> ArticleTone:
    """The seven V2Tone figures of ``tokens`` (all zero when there is no word)."""
    if isinstance(tokens, (Doc, Span)):
        return _figures(*_span_counts(tokens))
    counts = [0] * 5
    for token in tokens:
        parts = _parts(token.text, token.lemma_, token.lemma_.lower(), token.pos_, token.lower_)
        counts = [total + part for total, part in zip(counts, parts, strict=True)]
    return _figures(*counts)


def _span_counts(tokens: Doc | Span) -> list[int]:
    """The five counts of a whole document or a span of one, from the document's running
    totals: two look-ups a count instead of a sum over the span's words."""
    totals = _counted(tree_of(tokens.doc))
    start, end = (0, len(tokens)) if isinstance(tokens, Doc) else (tokens.start, tokens.end)
    return [column[end] - column[start] for column in totals]


# What one token adds to the counts: (word, positive, negative, active, pronoun), each 0 or 1.
_Parts = tuple[int, int, int, int, int]
_NOT_A_WORD: _Parts = (0, 0, 0, 0, 0)


def _parts(text: str, lemma: str, lemma_lower: str, pos: str, lower: str) -> _Parts:
    if not _is_word_text(text):
        return _NOT_A_WORD
    value = valence(text, lemma)
    active = pos == "VERB" and lemma_lower not in stative_verbs()
    pronoun = not active and lower in self_group_pronouns()
    return (1, int(value > 0), int(value < 0), int(active), int(pronoun))


_known_parts: dict[tuple[str, str, str, str, str], _Parts] = {}
_MAX_KNOWN_PARTS = 10_000
_counted_tree: _Tree | None = None
_counted_totals: list[list[int]] = []


def _counted(tree: _Tree) -> list[list[int]]:
    """The five counts' running totals over the document's tokens (kept for the last
    document): entry ``i`` of a column is the count over tokens ``0 .. i-1``, so the count of
    tokens ``start .. end-1`` is ``column[end] - column[start]`` (integers: exact)."""
    global _counted_tree, _counted_totals
    if tree is not _counted_tree:
        # A token's parts follow from its five strings alone, and a document repeats the same
        # few hundred words: each distinct word is counted once (kept across documents, bounded).
        known = _known_parts
        if len(known) > _MAX_KNOWN_PARTS:
            known.clear()
        rows = []
        for token in zip(
            tree.texts, tree.lemmas, tree.lemma_lowers, tree.pos, tree.lowers, strict=True
        ):
            parts = known.get(token)
            if parts is None:
                parts = known[token] = _parts(*token)
            rows.append(parts)
        columns = zip(*rows, strict=True) if rows else [()] * 5
        _counted_totals = [list(accumulate(column, initial=0)) for column in columns]
        _counted_tree = tree
    return _counted_totals


def _share(count: int, words: int) -> float:
    return round(100.0 * count / words, 3) if words else 0.0


def _tone(words: int, positive: int, negative: int) -> float:
    return round(_share(positive, words) - _share(negative, words), 3)


def _figures(words: int, positive: int, negative: int, active: int, pronouns: int) -> ArticleTone:
    return ArticleTone(
        tone=_tone(words, positive, negative),
        positive=_share(positive, words),
        negative=_share(negative, words),
        polarity=round(_share(positive, words) + _share(negative, words), 3),
        activity_density=_share(active, words),
        self_group_density=_share(pronouns, words),
        word_count=words,
    )


def tone(tokens: Iterable[Token]) -> float:
    """The V2Tone ``tone`` figure alone: positive minus negative per cent of the words."""
    if isinstance(tokens, (Doc, Span)):
        # Asked for every quote and event sentence: the one figure, without building the seven.
        words, positive, negative, _, _ = _span_counts(tokens)
        return _tone(words, positive, negative)
    return figures(tokens).tone
