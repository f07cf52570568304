"""Per-document values spaCy recomputes on every access, computed once per ``Doc``.

``Doc.text`` joins every token's text on each call and ``Doc.ents`` builds a new tuple of
spans; stages asked for them once per candidate name, which made them the largest part of the
geo stage's time (and made the quote stage quadratic on a long paragraph). The pipeline never
changes a parsed document, so the values are kept for as long as the ``Doc`` lives. (The
caches hold no span or token: one would keep its ``Doc`` alive, and the weak key with it.)
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_TEXTS: weakref.WeakKeyDictionary[Doc, str] = weakref.WeakKeyDictionary()
_ENT_BOUNDS: weakref.WeakKeyDictionary[Doc, dict[int, tuple[int, int]]] = (
    weakref.WeakKeyDictionary()
)


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per document."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


def ent_at(doc: Doc, i: int) -> Span | None:
    """The tokens of the named entity of ``doc.ents`` that holds token ``i``, if any."""
    bounds = _ENT_BOUNDS.get(doc)
    if bounds is None:
        bounds = _ENT_BOUNDS[doc] = {
            j: (ent.start, ent.end) for ent in doc.ents for j in range(ent.start, ent.end)
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
_MAX_STRINGS = 100_000


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
