"""Named entities without the punctuation at their edges.

The small English model sometimes takes an opening bracket or quotation mark into a name
("[Mykhailo Fedorov", "“Acme Corp"): an editor's bracketed insertion or a quoted name. Every
stage reads entity spans (the entities stage names a person after its mention), so the span is
trimmed once, right after the recogniser: a name never starts or ends with punctuation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

ENTITY_EDGES = "dateline_entity_edges"


def _is_edge_mark(token: Token) -> bool:
    # Brackets and quotation marks only: "5%", "AT&T" and "Yahoo!" keep theirs.
    return token.is_bracket or token.is_quote


def _trimmed(ent: Span) -> tuple[int, int]:
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and _is_edge_mark(doc[start]):
        start += 1
    while end > start and _is_edge_mark(doc[end - 1]):
        end -= 1
    return start, end


@Language.component(ENTITY_EDGES)
def trim_entity_edges(doc: Doc) -> Doc:
    """Drop brackets and quotation marks from both ends of every entity of ``doc`` (and an entity that is
    nothing else)."""
    ents = doc.ents
    if not any(_is_edge_mark(ent[0]) or _is_edge_mark(ent[-1]) for ent in ents):
        return doc
    kept = []
    for ent in ents:
        start, end = _trimmed(ent)
        if start < end:
            kept.append(
                ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, ent.label)
            )
    doc.ents = kept
    return doc


def add_entity_edges(nlp: Language) -> None:
    """Put ``trim_entity_edges`` right after the recogniser of ``nlp`` (once)."""
    if ENTITY_EDGES in nlp.pipe_names or "ner" not in nlp.pipe_names:
        return
    nlp.add_pipe(ENTITY_EDGES, after="ner")
