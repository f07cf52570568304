"""Per-document values spaCy recomputes on every access, computed once per ``Doc``.

``Doc.text`` joins every token's text on each call and ``Doc.ents`` builds a new tuple of
spans; stages asked for them once per candidate name, which made them the largest part of the
geo stage's time (and made the quote stage quadratic on a long paragraph). The pipeline never
changes a parsed document, so the values are kept for as long as the ``Doc`` lives. (The
caches hold no span or token: one would keep its ``Doc`` alive, and the weak key with it.)
"""

from __future__ import annotations

import weakref
from bisect import bisect_right
from typing import TYPE_CHECKING, NamedTuple, cast

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_TEXTS: weakref.WeakKeyDictionary[Doc, str] = weakref.WeakKeyDictionary()
_ENT_BOUNDS: weakref.WeakKeyDictionary[Doc, dict[int, tuple[int, int]]] = (
    weakref.WeakKeyDictionary()
)


def remember_text(doc: Doc, text: str) -> None:
    """Hold ``text`` as ``doc``'s text: the string ``doc`` was parsed from, which spaCy's
    tokenizer keeps character for character (``doc.text == text``), so ``doc_text`` need not
    join the tokens again."""
    _TEXTS[doc] = text


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per document."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


_ENT_ROWS: weakref.WeakKeyDictionary[Doc, list[EntRow]] = weakref.WeakKeyDictionary()


class EntRow(NamedTuple):
    """One span of ``doc.ents`` as plain values (no ``Span``: it would keep its ``Doc`` alive)."""

    start: int
    end: int
    start_char: int
    end_char: int
    label: str


def ent_rows(doc: Doc) -> list[EntRow]:
    """``doc.ents`` as ``EntRow``s, in the same order, read once per document: each access to
    ``Doc.ents`` builds a new ``Span`` per entity (~30 µs on a news article), and the stages
    asked about eight times an article. The list is shared: callers must not change it."""
    found = _ENT_ROWS.get(doc)
    if found is None:
        found = _ENT_ROWS[doc] = [
            EntRow(ent.start, ent.end, ent.start_char, ent.end_char, ent.label_) for ent in doc.ents
        ]
    return found


def ent_at(doc: Doc, i: int) -> Span | None:
    """The tokens of the named entity of ``doc.ents`` that holds token ``i``, if any."""
    bounds = _ENT_BOUNDS.get(doc)
    if bounds is None:
        bounds = _ENT_BOUNDS[doc] = {
            j: (row.start, row.end) for row in ent_rows(doc) for j in range(row.start, row.end)
        }
    found = bounds.get(i)
    if found is None:
        return None
    # The entity's tokens (its label is not kept: callers read the tokens).
    return doc[found[0] : found[1]]


# Token strings of the documents in hand, and spaCy's hash -> string (a hash always names the
# same string; bounded, as ingest meets new words for as long as it runs).
_TOKEN_STRINGS: weakref.WeakKeyDictionary[Doc, dict[int, list[str]]] = weakref.WeakKeyDictionary()
_STRINGS: dict[int, str] = {}
_MAX_STRINGS = 20_000


def token_strings(doc: Doc, attr: int) -> list[str]:
    """Every token's string attribute ``attr`` (``spacy.attrs.ORTH``: ``token.text``;
    ``LOWER``: ``token.lower_``; ``LEMMA``: ``token.lemma_``), read once per document as a
    column of ``Doc.to_array`` instead of one ``Token`` object per token."""
    columns = _TOKEN_STRINGS.get(doc)
    if columns is None:
        columns = _TOKEN_STRINGS[doc] = {}
    found = columns.get(attr)
    if found is None:
        hashes = cast("list[int]", doc.to_array(attr).tolist())
        strings = doc.vocab.strings
        # Membership per hash of the document: ``set(hashes) - _STRINGS.keys()`` walked every
        # key of the table (a ``dict_keys`` is not a set), up to 100,000 per call.
        for key in {key for key in hashes if key not in _STRINGS}:
            _STRINGS[key] = strings[key]
        found = columns[attr] = list(map(_STRINGS.__getitem__, hashes))
        if len(_STRINGS) > _MAX_STRINGS:
            _STRINGS.clear()
    return found


_STARTS: weakref.WeakKeyDictionary[Doc, list[int]] = weakref.WeakKeyDictionary()
_LINE_PARAGRAPHS: weakref.WeakKeyDictionary[Doc, list[int]] = weakref.WeakKeyDictionary()


def token_starts(doc: Doc) -> list[int]:
    """Every token's character offset (``token.idx``), one ``Doc.to_array`` column per document
    instead of one ``Token`` object per token. The list is shared: callers must not change it."""
    found = _STARTS.get(doc)
    if found is None:
        from spacy.attrs import IDX

        found = _STARTS[doc] = cast("list[int]", doc.to_array(IDX).tolist())
    return found


def line_paragraphs(doc: Doc) -> list[int]:
    """Each token's paragraph: how many earlier tokens hold a line break in their text or the
    whitespace after it (``"\\n" in token.text_with_ws``). Counted once per document (the
    entity stage asks three times) from the line breaks of the text, each placed in its token
    by the tokens' offsets, instead of a ``Token`` object and its ``text_with_ws`` per token.
    The list is shared: callers must not change it."""
    found = _LINE_PARAGRAPHS.get(doc)
    if found is None:
        found = _LINE_PARAGRAPHS[doc] = _line_paragraphs(doc_text(doc), token_starts(doc))
    return found


def _line_paragraphs(text: str, starts: list[int]) -> list[int]:
    # The text is the tokens' ``text_with_ws`` joined: the token holding the character at
    # ``position`` is the last one starting at or before it.
    breaking = bytearray(len(starts))
    position = text.find("\n")
    while position != -1:
        breaking[bisect_right(starts, position) - 1] = 1
        position = text.find("\n", position + 1)
    numbers: list[int] = []
    paragraph = 0
    for breaks in breaking:
        numbers.append(paragraph)
        paragraph += breaks
    return numbers


def sentence_numbers(doc: Doc) -> list[int]:
    """Each token's sentence, counted from 0 in the order of ``doc.sents``: read from the
    ``SENT_START`` column (a sentence starts at the first token and at every token whose
    ``SENT_START`` is 1, as ``Doc.sents`` splits them) instead of a ``Token`` object per token
    of every sentence. A document with a ``sents`` hook, or without sentence boundaries (where
    ``doc.sents`` raises), goes through ``doc.sents`` itself."""
    if "sents" in doc.user_hooks or not doc.has_annotation("SENT_START"):
        return [index for index, sentence in enumerate(doc.sents) for _ in sentence]
    from spacy.attrs import SENT_START

    numbers: list[int] = []
    index = -1
    for i, start in enumerate(cast("list[int]", doc.to_array(SENT_START).tolist())):
        if i == 0 or start == 1:
            index += 1
        numbers.append(index)
    return numbers


_POS_TAGS: weakref.WeakKeyDictionary[Doc, list[str]] = weakref.WeakKeyDictionary()


def token_pos(doc: Doc) -> list[str]:
    """Every token's coarse part of speech (``token.pos_``), one ``Doc.to_array`` column per
    document. The list is shared: callers must not change it."""
    found = _POS_TAGS.get(doc)
    if found is None:
        from spacy.attrs import POS
        from spacy.parts_of_speech import NAMES

        found = _POS_TAGS[doc] = [NAMES[p] for p in doc.to_array(POS).tolist()]
    return found
