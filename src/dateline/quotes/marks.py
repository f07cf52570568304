"""Find stretches of text inside quotation marks, in any common quotation style.

Works on plain strings so the same code serves the body, the headline and the captions.
Styles: “English” ‘British’ "straight" 'straight' «guillemets» ‹single› „German“ ‚German‘.
Quotation marks never span paragraphs: an opening mark with no closing mark before the end of
its paragraph is a quote *continued* in the next paragraph (the journalist's convention of
reopening, not closing, at each new paragraph), and the span runs to the paragraph end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Opening mark -> the marks that can close it.
CLOSERS: dict[str, str] = {
    "“": "”",
    "„": "“”",
    "‘": "’",
    "‚": "‘’",
    "«": "»",
    "‹": "›",
    '"': '"',
    "'": "'",
}
# Marks that are also apostrophes: they close only before a non-letter.
APOSTROPHES = frozenset("’'")
OPEN_CONTEXT = " \t\n([{—–-:/"
PARAGRAPH_BREAK = re.compile(r"\n+")
# Every opening or closing mark, to skip the plain text between them.
ANY_MARK = re.compile(
    "[" + re.escape("".join(sorted(set("".join(CLOSERS) + "".join(CLOSERS.values()))))) + "]"
)


@dataclass(frozen=True)
class Quoted:
    """A quoted stretch: ``start``/``end`` delimit the words, without the marks."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None when continued to next paragraph
    paragraph: int

    @property
    def continued(self) -> bool:
        return self.close_mark is None

    @property
    def outer_end(self) -> int:
        """One past the closing mark (or the words, for a continued quote)."""
        return self.end if self.close_mark is None else self.close_mark + 1


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each newline-separated paragraph of ``text``."""
    bounds: list[tuple[int, int]] = []
    position = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        if match.start() > position:
            bounds.append((position, match.start()))
        position = match.end()
    if position < len(text):
        bounds.append((position, len(text)))
    return bounds


def _can_open(text: str, i: int, end: int) -> bool:
    """Whether the mark at ``i`` is placed like an opening mark (not an apostrophe or inch)."""
    mark = text[i]
    after = text[i + 1] if i + 1 < end else ""
    if not after or (after.isspace() and mark not in "«‹"):
        return False
    before = text[i - 1] if i > 0 else " "
    if mark in "'‘":
        # ‘ and ' also start elisions ('90s, ‘em): require a word-like start after a boundary.
        if after.isdigit():
            return False
        return before in OPEN_CONTEXT or before in '“"«„'
    if mark == '"':
        return before in OPEN_CONTEXT or not before.isalnum()
    return True


def _find_close(
    text: str, open_at: int, end: int, memo: dict[int, int | None] | None = None
) -> int | None:
    """Offset of the mark closing the one at ``open_at`` within ``end``, skipping nested quotes.

    Iterative, with an explicit stack of the marks being matched: 30,000 nested quotation marks
    overflowed Python's recursion limit. ``memo`` caches the answer for every opening mark met,
    for one ``text`` and ``end``: an unclosed nested mark was otherwise scanned again by every
    mark around it, exponential in the nesting on a long paragraph (minutes for 180,000
    characters).
    """
    if memo is None:
        memo = {}
    elif open_at in memo:
        return memo[open_at]
    # Each frame: [offset of its opening mark, where its scan resumes].
    stack = [[open_at, open_at + 1]]
    while stack:
        frame = stack[-1]
        opening, i = frame
        closers = CLOSERS[text[opening]]
        result = None
        nested = None
        while i < end:
            # Only quotation marks matter: jump to the next one.
            found = ANY_MARK.search(text, i, end)
            if found is None:
                break
            i = found.start()
            char = text[i]
            if char in closers:
                after = text[i + 1] if i + 1 < end else ""
                if not (char in APOSTROPHES and after.isalnum()):  # not don’t, Putin’s
                    result = i
                    break
            elif char in CLOSERS and _can_open(text, i, end):
                # A quotation nested in the other style: jump over it (matched first if new).
                if i not in memo:
                    nested = i
                    break
                inner = memo[i]
                if inner is not None:
                    i = inner
                elif CLOSERS[char] == closers:
                    # An unclosed mark with the same closers: the rest of this scan is the one
                    # it already made, so this mark is unclosed too (n nested unclosed marks
                    # otherwise cost n^2 steps).
                    break
            i += 1
        if nested is not None:
            frame[1] = nested
            stack.append([nested, nested + 1])
            continue
        memo[opening] = result
        stack.pop()
        if stack:
            parent = stack[-1]
            parent[1] = (result if result is not None else parent[1]) + 1
    return memo[open_at]


def normalize_marks(text: str) -> str:
    """``text`` with two-apostrophe double quotes ('' … '') read as a space and a ".

    Some archives (the New York Times' among them) write a double quote as two apostrophes;
    the replacement has the same length, so offsets hold.
    """
    return text.replace("''", ' "')


def find_quoted(text: str) -> list[Quoted]:
    """Every top-level quoted stretch of ``text``, in order."""
    text = normalize_marks(text)
    found: list[Quoted] = []
    for index, (p_start, p_end) in enumerate(paragraph_bounds(text)):
        memo: dict[int, int | None] = {}
        i = p_start
        while i < p_end:
            char = text[i]
            if char in CLOSERS and _can_open(text, i, p_end):
                close = _find_close(text, i, p_end, memo)
                if close is None and char in "'‘‚‹":
                    # A lone single mark is far more often an apostrophe than a continued quote.
                    i += 1
                    continue
                words_end = close if close is not None else p_end
                start, end = _strip(text, i + 1, words_end)
                if end > start:
                    found.append(Quoted(start, end, i, close, index))
                i = (close if close is not None else p_end) + 1
                continue
            i += 1
    return found


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    # A comma before the closing mark belongs to the writer's sentence ("“Yes,” he said").
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end
