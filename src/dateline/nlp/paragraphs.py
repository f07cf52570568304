"""A blank line ends a sentence: the parser is told before it parses.

The article stage joins paragraphs with a blank line. A paragraph without closing punctuation
(a subheading, a headline at the top of a page, a caption, a list item) is otherwise read by the
small English parser as the start of the next paragraph's first sentence, so both get one root:
"Russia hits Kyiv with missiles\n\nRussia used the new weapon…" becomes one sentence with two
subjects, and every stage that reads clauses (events, quotes, dates) reads a wrong one. The parser
keeps a sentence start that is already set, so marking the first token after a blank line is
enough; single line breaks (hard-wrapped text) are left to the parser.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from spacy.language import Language

from dateline.nlp.doctext import doc_text, token_starts

if TYPE_CHECKING:
    from spacy.tokens import Doc

PARAGRAPH_BREAKS = "dateline_paragraph_breaks"
# Two line breaks with nothing but spaces between them (and any run of them).
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")


@Language.component(PARAGRAPH_BREAKS)
def mark_paragraph_starts(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the first token after every blank line of ``doc``'s text."""
    # The text and token offsets the later stages read too (``nlp.doctext``), built once.
    text = doc_text(doc)
    if "\n" not in text:
        return doc
    for match in _BLANK_LINE.finditer(text):
        end = match.end()
        if end >= len(text):
            break
        index = bisect_left(token_starts(doc), end)
        # The break's own whitespace token can run on past the match (spaCy keeps a run of
        # spaces as one token): start the sentence at the first word after it.
        while index < len(doc) and doc[index].is_space:
            index += 1
        if 0 < index < len(doc):
            doc[index].is_sent_start = True
    return doc


def add_paragraph_breaks(nlp: Language) -> None:
    """Put ``mark_paragraph_starts`` before the parser of ``nlp`` (once)."""
    if PARAGRAPH_BREAKS in nlp.pipe_names or "parser" not in nlp.pipe_names:
        return
    nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
