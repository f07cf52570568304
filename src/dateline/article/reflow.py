"""Hard-wrapped plain text (wire copy, e-mail newsletters, text dumps of PDFs, old corpora):
find whether the lines of a text were broken at a fixed width and, if so, join the lines of
each paragraph back into one line before the plain-text heuristics judge lines one by one.

Wrapping is read from the text's own line lengths. A wrapper breaks a line when the next word
would not fit in the width, so at the right width W most breaks inside sentences are
"explained": the line is at most W characters long and W is shorter than the line, a space and
the next line's first word. Each such break explains every width in a range; the width
explaining the most breaks, less the lines longer than it, is the text's width. A text is
wrapped when enough of its lines break mid-sentence at that width and few lines exceed it.
Ordinary one-paragraph-per-line text has no such width: its lines end in sentence-final
punctuation and their lengths scatter.

Within a wrapped text a line continues the one before when that one was full (the next word
did not fit) or ends mid-sentence with the next starting in lower case, unless a blank line,
a deeper indent (indentation-marked paragraphs), a list item, a byline or wire dateline, or a
headline-like line says a new paragraph starts. Joining only replaces the line break and
indentation between two pieces by one space (none after a hyphen that ends a word part), so
every non-space character keeps its order: each reflowed line carries the spans of the input it
was joined from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dateline.article.bylines import parse_byline

# Widths a text is plausibly wrapped at: narrow newspaper columns to wide terminal dumps.
MIN_WIDTH = 40
MAX_WIDTH = 200
# A text is wrapped when at least this many breaks, and this share of its lines, are
# mid-sentence breaks explained by one width ...
MIN_WRAPS = 3
MIN_WRAP_SHARE = 0.2
# ... and the lines longer than that width are few beside them (an unwrapped paragraph or a
# long URL among wrapped ones is tolerated).
MAX_OVER_PER_WRAP = 0.5
# ... and enough of those breaks are followed by a lower-case word.
MIN_LOWER_SHARE = 0.3
# A line that ends mid-sentence before a lower-case word is evidence of every width it fills
# this share of (text wrapped at a varying width, as PDF dumps are).
RAGGED_SHARE = 0.6

# How a sentence ends: its mark, closing quotes or brackets, trailing blanks (also used by
# plaintext.py's line judgements).
SENTENCE_END = re.compile(r"[.!?…:;。！？]['\"”’)\]」』]*\s*$")
_LIST_ITEM = re.compile(r"^(?:[-•*–—▪◦]\s|\d{1,3}[.)]\s|\(?[a-z]\)\s|[ivx]{1,4}[.)]\s)")
# "ANKARA, Turkey (Reuters) -", "LONDON —", "(AP) -": a wire dateline opens a paragraph.
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’-]{2,}(?: [A-Z.'’-]+){0,3}(?:,\s*[A-Z][\w.'’ -]{1,30})?\s*(?:\([^)]{2,40}\)\s*)?[-–—]"
    r"|\([^)]{2,40}\)\s*[-–—])\s"
)
_BYLINE = re.compile(r"^(?:By|BY|Von|Par|Por)\s+[A-Z]")
_WORD_HYPHEN = re.compile(r"\w-$")
# How a line broken inside a sentence ends, and how the next begins.
_WORD_END = re.compile(r"[\w,%)'\"’”–—-]$")
_WORD_START = re.compile(r"^[\w\"'“‘(]")
# English words that leave a sentence open: articles, prepositions, conjunctions, auxiliaries.
_OPEN_ENDED = re.compile(
    r"\b(?:the|a|an|of|to|in|on|at|for|with|from|by|into|onto|about|and|or|but|nor|that|"
    r"than|as|is|are|was|were|be|been|has|have|had|will|would|could|should|can|may|its|"
    r"their|his|her|our|your|my|this|these|those|which|who|whose|whom|not)$"
)
_TAB = 8
# An indent this much deeper than the line above marks a paragraph; one space is raggedness.
MIN_PARAGRAPH_INDENT = 2


@dataclass(frozen=True)
class SourceLine:
    """One non-blank line of the input: its text without surrounding whitespace, where that
    text is in the input, and its indent (None for the first line when the input starts on it:
    whatever preceded it, e.g. an XML tag, is unknown)."""

    text: str
    start: int
    end: int
    indent: int | None
    after_blank: bool


@dataclass(frozen=True)
class Reflowed:
    """A line of the reflowed text and the spans of the input it was joined from."""

    text: str
    spans: tuple[tuple[int, int], ...]


def source_lines(text: str) -> list[SourceLine]:
    lines: list[SourceLine] = []
    offset, blank = 0, False
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + len(raw) - len(raw.lstrip())
            indent = None if offset == 0 and start == 0 else _indent(raw)
            lines.append(
                SourceLine(stripped, start, start + len(stripped), indent, blank or not lines)
            )
            blank = False
        else:
            blank = True
        offset += len(raw) + 1
    return lines


def _indent(raw: str) -> int:
    width = 0
    for char in raw:
        if char == "\t":
            width += _TAB - width % _TAB
        elif char.isspace():
            width += 1
        else:
            break
    return width


def _first_word(line: str) -> str:
    return line.split(maxsplit=1)[0]


def _goes_on(line: str) -> bool:
    """A line that continues a sentence: it starts with a lower-case letter (a digit could as
    well start a row of a table)."""
    return line[0].islower()


def _ends_sentence(line: str) -> bool:
    return bool(SENTENCE_END.search(line))


def _lengths(lines: list[SourceLine]) -> list[int]:
    """Each line's length as the wrapper saw it: an indent deeper than the usual one (the first
    line of an indentation-marked paragraph) took room on its line."""
    known = [line.indent for line in lines if line.indent is not None]
    usual = max(set(known), key=known.count) if known else 0
    return [
        len(line.text) + max(0, (line.indent if line.indent is not None else usual) - usual)
        for line in lines
    ]


def wrap_width(lines: list[SourceLine]) -> int | None:
    """The width the lines were wrapped at, or None when they were not hard-wrapped."""
    if len(lines) < MIN_WRAPS + 1:
        return None
    lengths = _lengths(lines)
    # explained[w]: mid-sentence breaks a wrapper at width w would have made. A break after a
    # line of n characters before a word of k explains the widths n .. n + k; before a
    # lower-case word (the sentence goes on) every width the line fills enough of.
    explained = [0] * (MAX_WIDTH + 2)
    explained_lower = [0] * (MAX_WIDTH + 2)  # those before a lower-case word
    for i in range(len(lines) - 1):
        here, after = lines[i], lines[i + 1]
        if (
            after.after_blank
            or lengths[i] < MIN_WIDTH
            or _ends_sentence(here.text)
            or not _WORD_END.search(here.text)
            or not _WORD_START.match(after.text)
        ):
            continue  # a paragraph's end, or no words on both sides (markup, rules, tables)
        high = lengths[i] + len(_first_word(after.text))
        if _goes_on(after.text):
            high = max(high, int(lengths[i] / RAGGED_SHARE))
        low, high = lengths[i], min(high, MAX_WIDTH)
        if low <= high:
            explained[low] += 1
            explained[high + 1] -= 1
            if _goes_on(after.text):
                explained_lower[low] += 1
                explained_lower[high + 1] -= 1
    longer = [0] * (MAX_WIDTH + 2)  # longer[w]: lines longer than w
    for n in lengths:
        longer[min(n, MAX_WIDTH + 1)] += 1
    for w in range(MAX_WIDTH, -1, -1):
        longer[w] += longer[w + 1]
    longer = [*longer[1:], 0]
    best, best_score, running, running_lower = None, 0.0, 0, 0
    for w in range(MAX_WIDTH + 1):
        running += explained[w]
        running_lower += explained_lower[w]
        if w < MIN_WIDTH:
            continue
        score = running - 2 * longer[w]
        if running and score > best_score:
            best, best_score = (w, running, running_lower, longer[w]), score
    if best is None:
        return None
    width, wraps, lower, over = best
    if (
        wraps < MIN_WRAPS
        or wraps < MIN_WRAP_SHARE * len(lines)
        or over > MAX_OVER_PER_WRAP * wraps
        # Rows of a table or list can be as even as wrapped lines, but the words after a
        # wrapped line are mostly the lower-case middle of a sentence.
        or lower < MIN_LOWER_SHARE * wraps
    ):
        return None
    return width


def _is_byline(text: str) -> bool:
    return bool(_BYLINE.match(text)) and len(text.split()) <= 10 and parse_byline(text) is not None


def _in_capitals(text: str) -> bool:
    """A heading in capitals ("STRIKE ENDS AT PORTMERE"), not a paragraph shouting."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters) and len(text.split()) <= 12


def _opens_paragraph(line: SourceLine) -> bool:
    """A line that starts something of its own whatever came before it: a list item, a wire
    dateline, a byline or a heading in capitals."""
    text = line.text
    return (
        bool(_LIST_ITEM.match(text) or _DATELINE.match(text))
        or _is_byline(text)
        or _in_capitals(text)
    )


def _stands_alone(line: SourceLine, lines_before: int) -> bool:
    """A line never continued by the next: a byline, or a headline (a line in capitals, or the
    text's first line in title case)."""
    text = line.text
    if _is_byline(text) or _in_capitals(text):
        return True
    if lines_before == 0:
        words = [w for w in text.split() if w[0].isalpha()]
        capitalised = sum(1 for w in words if w[0].isupper())
        if len(words) >= 3 and capitalised >= 0.75 * len(words):
            return True
    return False


def _continues(
    here: SourceLine, length: int, after: SourceLine, width: int, lines_before: int
) -> bool:
    """Whether ``after`` is the next piece of the paragraph that ``here`` belongs to."""
    if after.after_blank or _opens_paragraph(after) or _stands_alone(here, lines_before):
        return False
    if (
        here.indent is not None
        and after.indent is not None
        and after.indent >= here.indent + MIN_PARAGRAPH_INDENT
        and not _goes_on(after.text)
        and not _LIST_ITEM.match(here.text)
    ):
        return False  # an indented first line: a new paragraph (a list item's text hangs)
    full = length + 1 + len(_first_word(after.text)) > width
    if full:
        return True
    # A sentence going on in lower case after a short line (text wrapped at a varying width,
    # or wrapped twice: a line's overflow left on a line of its own), or after a line ending in
    # a word no sentence or headline ends with ("... in an address to mark the").
    if _ends_sentence(here.text):
        return False
    return _goes_on(after.text) or (
        bool(_WORD_START.match(after.text)) and bool(_OPEN_ENDED.search(here.text))
    )


def reflow(text: str) -> list[Reflowed] | None:
    """The lines of a hard-wrapped text with each paragraph joined into one, or None when the
    text is not hard-wrapped (it is then structured line by line as it is)."""
    lines = source_lines(text)
    width = wrap_width(lines)
    if width is None:
        return None
    lengths = _lengths(lines)
    out: list[Reflowed] = []
    pieces: list[SourceLine] = []
    for i, line in enumerate(lines):
        if pieces and not _continues(lines[i - 1], lengths[i - 1], line, width, len(out)):
            out.append(_joined(pieces))
            pieces = []
        pieces.append(line)
    if pieces:
        out.append(_joined(pieces))
    return out


def _joined(pieces: list[SourceLine]) -> Reflowed:
    text = pieces[0].text
    for before, piece in zip(pieces, pieces[1:], strict=False):
        glue = "" if _WORD_HYPHEN.search(before.text) and piece.text[0].islower() else " "
        text += glue + piece.text
    return Reflowed(text, tuple((p.start, p.end) for p in pieces))
