"""Per-document values spaCy recomputes on every access, computed once per ``Doc``.

``Doc.text`` joins every token's text on each call and ``Doc.ents`` builds a new tuple of
spans; stages asked for them once per candidate name, which made them the largest part of the
geo stage's time (and made the quote stage quadratic on a long paragraph). The pipeline never
changes a parsed document, so the values are kept for as long as the ``Doc`` lives. (The
caches hold no span or token: one would keep its ``Doc`` alive, and the weak key with it.)
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

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
