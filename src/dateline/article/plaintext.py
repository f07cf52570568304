"""Plain text as scrapers leave it: find headline, standfirst, byline, timestamp, captions,
body paragraphs and boilerplate from general signals (position, length, punctuation,
lexicons of boilerplate phrasing), never from one publisher's words.

The body is found first, as the stretch of lines with the most running prose (a maximum-sum
run over per-line scores: prose lines count their words, boilerplate and metadata lines count
against). Lines before it are the header (headline, standfirst, byline, timestamp, captions),
lines after it the tail (boilerplate, except marked captions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from dateline.article.bylines import parse_byline, wire_footer_authors
from dateline.article.lexicons import agencies, boilerplate_patterns
from dateline.article.reflow import SENTENCE_END, reflow
from dateline.article.timestamps import RELATIVE_TIME, find_timestamp

# A lower-case letter or sentence end glued to a capitalised word: "logged inPlease refresh".
_GLUE = re.compile(r"(?<=[a-z.!?])(?=[A-Z][a-z])")
# Caption markers: "Photo: ...", "Image credit: ...", "(Getty Images)", "Jane Doe/AP".
_CAPTION_MARK = re.compile(
    r"^(?:photo(?:graph)?|image|picture|pictured|caption|above|below|top|left|right|video|"
    r"illustration|file photo)\s*[:|]|"
    r"\b(?:getty images|afp via getty|shutterstock|alamy|epa-efe|photo credit|image credit|"
    r"credit:|photograph:)|"
    r"\((?:[\w .'’-]+/)?(?:getty|afp|ap|reuters|epa|pa|shutterstock|alamy|bloomberg)[\w .'’/-]*\)\s*$|"
    r"\s/\s?(?:ap|afp|reuters|getty images|epa)\s*$",
    re.I,
)
_REPORTING = re.compile(
    r"\b(?:said|says|told|according to|announced|reported|stated|added|warned)\b", re.I
)
_CAPTION_LABEL = re.compile(r"^(?:image |photo |video )?caption\s*[,:]\s*", re.I)
# Words of timestamp lines besides the date itself ("Published: ...", "Last updated on ...").
_STAMP_WORDS = frozenset(
    [
        "published",
        "updated",
        "posted",
        "last",
        "modified",
        "first",
        "on",
        "at",
        "date",
        "time",
        "created",
        "edited",
    ]
)
_PARTS = re.compile(r"\s+[|·•]\s+|\s+[—–-]\s+(?=(?:by|updated|published|posted)\b)", re.I)
_WIRE_DATELINE = re.compile(
    r"^[A-Z][A-Za-z.'’ -]{1,40}(?:,\s*[A-Z][\w.'’ -]{1,30})?\s*\((?P<agency>[^)]{2,40})\)\s*[-–—]"
    r"|^\((?P<agency2>[^)]{2,40})\)\s*[-–—]"
)


@dataclass
class Meta:
    """What one header line says about the article (byline, timestamp or both)."""

    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    published: str | None = None
    updated: str | None = None
    relative: bool = False


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def words(line: str) -> int:
    """Words of a line; scripts written without spaces count about two characters a word."""
    return len(line.split()) + len(_CJK.findall(line)) // 2


def is_boilerplate(line: str) -> bool:
    """A log-in, newsletter, cookie, share, comment or navigation prompt."""
    anchored, anywhere = boilerplate_patterns()
    n = words(line)
    if n < 40 and anchored.search(line):
        return True
    # A line that reports what someone said is news, whatever words it contains.
    return n < 25 and bool(anywhere.search(line)) and not _REPORTING.search(line)


def is_caption_marked(line: str) -> bool:
    return bool(_CAPTION_MARK.search(line)) and words(line) < 60


def is_prose(line: str) -> bool:
    """A body paragraph: a long line of running text."""
    n = words(line)
    return (n >= 12 and bool(SENTENCE_END.search(line))) or n >= 30


def split_glued(line: str) -> list[str]:
    """Split lines that scraping glued together ("...logged inPlease refresh...") when one of
    the pieces is boilerplate; other camel-case (iPhone, McDonald) is left alone."""
    cuts = [m.start() for m in _GLUE.finditer(line)]
    if not cuts:
        return [line]
    pieces = [line[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True)]
    if any(is_boilerplate(piece) for piece in pieces):
        return [piece for piece in pieces if piece]
    return [line]


def parse_meta(line: str, bare_names: bool) -> Meta | None:
    """Byline and/or timestamp in a header line, or None when the line is neither."""
    if RELATIVE_TIME.match(line):
        return Meta(relative=True)
    # The whole line first ("21 January 2024 • 2:52pm"), then its parts ("By X | Updated ...").
    whole = _parse_meta_parts([line], bare_names)
    if whole is not None:
        return whole
    parts = _PARTS.split(line)
    if len(parts) == 1:
        # No separator: the one part is the whole line, already read as such.
        return None
    return _parse_meta_parts(parts, bare_names)


def _parse_meta_parts(parts: list[str], bare_names: bool) -> Meta | None:
    meta = Meta()
    found = False
    for part in parts:
        part = part.strip(" |·•—–-")
        if not part:
            continue
        if RELATIVE_TIME.match(part):
            meta.relative = found = True
            continue
        stamp = find_timestamp(part)
        if stamp:
            value, match = stamp
            before = part[: match.start()].strip(" ,:|-–—")
            after = part[match.end() :].strip(" ,:|-–—().")
            leftover = [w for w in f"{before} {after}".lower().split() if w not in _STAMP_WORDS]
            is_update = bool(re.search(r"\b(?:updated|modified|edited)\b", before, re.I))
            byline = None
            for side in (before, after):
                side = re.sub(
                    r"^(?:(?:published|updated|posted|last|modified|on|at)\s+)+",
                    "",
                    side,
                    flags=re.I,
                )
                if leftover and side and not byline:
                    byline = parse_byline(side, bare_names=True)
            if leftover and not byline and len(leftover) > 1:
                continue
            if byline:
                meta.authors += byline.authors
                meta.publisher = meta.publisher or byline.publisher
            if is_update:
                meta.updated = meta.updated or value
            else:
                meta.published = meta.published or value
            found = True
            continue
        byline = parse_byline(part, bare_names=bare_names)
        if byline:
            meta.authors += byline.authors
            meta.publisher = meta.publisher or byline.publisher
            found = True
        elif words(part) > 1:
            # One part that is neither (e.g. a headline with a "|") makes the line no meta line.
            return None
    return meta if found else None


_BOILERPLATE_SCORE = -5.0
_CAPTION_SCORE = -2.0
_NEUTRAL_SCORE = 0.0
_LIST_ITEM = re.compile(r"^(?:[-•*–]\s|\d{1,2}[.)]\s)")


def _line_score(line: str) -> float:
    if is_boilerplate(line):
        # Against, yet not so much that a "Read more" or newsletter prompt splits a body.
        return _BOILERPLATE_SCORE
    if is_prose(line):
        return float(words(line))
    if _LIST_ITEM.match(line) or line.endswith(":"):
        return _NEUTRAL_SCORE  # a list in the body, or the line that introduces it
    if is_caption_marked(line):
        return _CAPTION_SCORE
    n = words(line)
    if n >= 6 and SENTENCE_END.search(line) and not is_caption_marked(line):
        return n / 2 - 2
    return -3.0


def _meta_line(line: str) -> Meta | None:
    """What a byline ("By ...") or timestamp line says; None for any other line (never for prose)."""
    if is_prose(line) or words(line) > 16:
        return None
    found = parse_meta(line, bare_names=False)
    if found is not None and (
        found.published or found.updated or found.relative or found.authors or found.publisher
    ):
        return found
    return None


# A sentence as a line: capitalised start (after an opening quote), a lower-case word, and a
# sentence end (before closing quotes): "No one was hurt." / '"That is correct," she said.'
_SENTENCE_LINE = re.compile(r"^[\"“‘'(]?[A-Z0-9][^\n]*\b[a-z]+\b[^\n]*[.!?][\"”’')]*$")


# Notes after an article that are sentences too: the writer's ("Jane Doe is a reporter for
# ..."), where it first ran ("Originally published on ..."), a pointer ("Read the rest here.").
_AFTERWORD = re.compile(
    r"\b(?:is|was|are) (?:a|an|the)\b(?: [\w'’-]+){0,4} (?:reporter|correspondent|writer|editor|"
    r"journalist|columnist|contributor|producer|author|fellow)s?\b|"
    r"^(?:this (?:article|story|piece) )?(?:was )?(?:originally|first) (?:published|appeared)\b|"
    r"^read the rest\b",
    re.I,
)


def _closes_body(line: str) -> bool:
    """A short sentence that ends the article's text rather than starting its furniture: not
    boilerplate, a caption, a byline, a timestamp or a wire footer."""
    return (
        2 <= words(line) < 12
        and bool(_SENTENCE_LINE.match(line))
        and not is_boilerplate(line)
        and not is_caption_marked(line)
        and _meta_line(line) is None
        and not wire_footer_authors(line)
        and not _AFTERWORD.search(line)
    )


def _looks_like_headline(line: str) -> bool:
    return words(line) < 20 and not re.search(r"[.:;]['\"”’)]*$", line)


def find_body(lines: list[str]) -> tuple[int, int] | None:
    """First and last line of the body: the run of lines with the highest total score."""
    best, best_range = 0.0, None
    running, start, gap = 0.0, 0, 0
    for i, line in enumerate(lines):
        if running <= 0:
            running, start = 0.0, i
        score = _line_score(line)
        # A caption or two between paragraphs costs little; a run of menu or link lines
        # costs more with every line, so separate blocks of prose do not merge into one body.
        # Recognised boilerplate is dropped wherever it sits, so it costs a flat amount.
        if score > 0:
            gap = 0
        elif score not in (_BOILERPLATE_SCORE, _CAPTION_SCORE, _NEUTRAL_SCORE):
            gap += 1
        running += score * (1 + max(gap - 1, 0) / 2) if score < 0 else score
        if running > best:
            best, best_range = running, (start, i)
    return best_range


# How far down a header-less text (a JSON record's body) a header of its own may reach.
_LEAD_LINES = 8


def _lead_header_end(lines: list[str], title: str | None) -> int:
    """How many lines at the top of a header-less text are a header after all: the lines before
    its first paragraph of prose, when they show a header's evidence (a byline or timestamp
    line, or a repeat of the record's own title). 0 when there is no such header.

    Scrapers' text fields often start with the page's headline, standfirst, byline and time;
    read as body, the byline becomes a paragraph and the standfirst a caption."""
    first_prose = next((i for i in range(min(len(lines), _LEAD_LINES)) if is_prose(lines[i])), 0)
    lead = lines[:first_prose]
    if not lead:
        return 0
    if (title and same_words(lead[0], title)) or any(_meta_line(line) for line in lead):
        return first_prose
    return 0


def same_words(a: str, b: str) -> bool:
    """Two lines with the same words, case, spacing and closing punctuation aside."""

    def key(line: str) -> str:
        return " ".join(line.casefold().split()).rstrip(" .:;!?\u2026")

    return key(a) == key(b)


def structure_text(text: str, has_header: bool = True, title: str | None = None) -> dict[str, Any]:
    """Headline, standfirst, authors, published, captions, boilerplate and paragraphs.

    ``has_header=False`` reads a text that is a body by contract (a JSON record's text field):
    its first lines are a header only with a header's evidence (:func:`_lead_header_end`),
    ``title`` being the record's own title."""
    # Hard-wrapped text first gets one line per paragraph: every heuristic below judges lines.
    reflowed = reflow(text)
    raw_lines = text.split("\n") if reflowed is None else [line.text for line in reflowed]
    lines = [piece for raw in raw_lines for piece in split_glued(" ".join(raw.split()))]
    lines = [line for line in lines if line]
    fields: dict[str, Any] = {}
    captions: list[str] = []
    boilerplate: list[str] = []
    paragraphs: list[str] = []
    meta = Meta()

    lead = 0 if has_header else _lead_header_end(lines, title)
    body = find_body(lines) if has_header else ((lead, len(lines) - 1) if lines else None)
    if body is None:
        # No running prose at all (a very short item): everything that is not boilerplate.
        body = (0, len(lines) - 1) if lines else (0, -1)
        has_header = False
    first, last = body
    if has_header and first == 0 and last > 0 and _looks_like_headline(lines[0]):
        first = 1  # a long headline ending in "?" or "!" scores as prose, yet heads the text
    if has_header:
        # A standfirst written as a full sentence scores as prose and pulls the byline and
        # timestamp below it into the body: the body starts after such lines.
        meta_lines = [i for i in range(first, min(first + 6, last)) if _meta_line(lines[i])]
        if meta_lines:
            first = meta_lines[-1] + 1
    # The body's last words are often one short sentence ("Police are investigating."),
    # which scores against prose: lines of that kind right after the body close it.
    while 0 <= last < len(lines) - 1 and _closes_body(lines[last + 1]):
        last += 1
    header, middle, tail = lines[:first], lines[first : last + 1], lines[last + 1 :]

    if has_header:
        _structure_header(header, fields, meta, captions, boilerplate)
    elif header:
        # The record's title heads the lead unless the lead repeats it: then the line after it
        # is read as the standfirst, as in a page's text.
        titled = [title] if title and not same_words(header[0], title) else []
        _structure_header([*titled, *header], fields, meta, captions, boilerplate)
        boilerplate[:] = [line for line in boilerplate if line not in titled]
    for line in middle:
        if is_boilerplate(line):
            boilerplate.append(line)
        elif is_prose(line) or _LIST_ITEM.match(line):
            paragraphs.append(line)
        elif found := _meta_line(line):
            # A byline or timestamp inside the body (a header without a header's layout, or
            # an "Updated ..." line in a running story) is metadata, not text.
            _merge(meta, found)
            boilerplate.append(line)
        elif is_caption_marked(line) or (words(line) >= 6 and not SENTENCE_END.search(line)):
            captions.append(_caption_text(line))
        else:
            # Subheadings and short sentences stay in the body.
            paragraphs.append(line)
    for line in tail:
        if is_caption_marked(line) and not is_boilerplate(line):
            captions.append(_caption_text(line))
        else:
            authors_in_footer = wire_footer_authors(line)
            if authors_in_footer and not meta.authors:
                meta.authors = authors_in_footer
            boilerplate.append(line)

    authors = list(dict.fromkeys(meta.authors))
    publisher = meta.publisher
    if paragraphs and not publisher:
        wire = _WIRE_DATELINE.match(paragraphs[0])
        if wire:
            name = wire.group("agency") or wire.group("agency2")
            publisher = agencies().get(name.strip().lower())
    fields.update(
        {
            "authors": authors,
            "publisher": publisher,
            "published": meta.published or meta.updated,
            "captions": captions,
            "boilerplate": boilerplate,
            "paragraphs": paragraphs,
        }
    )
    return fields


def _caption_text(line: str) -> str:
    """The caption without a leading "Image caption," label."""
    return _CAPTION_LABEL.sub("", line) or line


def _merge(meta: Meta, found: Meta) -> None:
    if not meta.authors:
        meta.authors = found.authors
    meta.publisher = meta.publisher or found.publisher
    meta.published = meta.published or found.published
    meta.updated = meta.updated or found.updated


def _structure_header(
    header: list[str],
    fields: dict[str, Any],
    meta: Meta,
    captions: list[str],
    boilerplate: list[str],
) -> None:
    """Headline, standfirst, byline, timestamp and captions from the lines before the body."""
    kept = [line for line in header if not is_boilerplate(line)]
    stamps = [
        i
        for i, line in enumerate(kept)
        if (m := parse_meta(line, False)) and (m.published or m.updated or m.relative)
    ]
    metas: dict[int, Meta] = {}
    for i, line in enumerate(kept):
        # A bare name ("Oliver Carroll") is a byline only next to a timestamp line.
        near_stamp = any(abs(i - j) == 1 for j in stamps)
        found = parse_meta(line, bare_names=near_stamp)
        if found:
            metas[i] = found
    first_meta = min(metas, default=len(kept))
    # The first line of three words or more: section labels ("World") are shorter.
    candidates = [i for i in range(len(kept)) if i not in metas]
    headline_at = next((i for i in candidates if words(kept[i]) >= 3), None)
    # A whole page's text opens with its <title> ("Headline | Site") and repeats the headline
    # above the article, after the menus: the repeat is the headline.
    echo = next(
        (
            i
            for i in candidates
            if headline_at is not None
            and i > headline_at
            and words(kept[i]) >= 3
            and kept[headline_at].startswith(kept[i])
        ),
        None,
    )
    if echo is not None:
        headline_at = echo  # the <title> line and the menus above the repeat are dropped
    if headline_at is None and candidates:
        headline_at = candidates[0]
    standfirst_at = None
    if headline_at is not None:
        fields["headline"] = kept[headline_at]
        nxt = headline_at + 1
        if (
            nxt < len(kept)
            and nxt not in metas
            and (nxt < first_meta or not metas)
            and words(kept[nxt]) >= 3
            and not is_caption_marked(kept[nxt])
        ):
            standfirst_at = nxt
            fields["standfirst"] = kept[nxt]
    for i, line in enumerate(kept):
        if i in metas:
            _merge(meta, metas[i])
            if metas[i].relative and not metas[i].authors:
                boilerplate.append(line)  # "3 hours ago": no absolute time to keep
        elif i in (headline_at, standfirst_at):
            continue
        elif (
            headline_at is not None
            and i > headline_at
            and (words(line) >= 4 or is_caption_marked(line))
        ):
            captions.append(_caption_text(line))
        else:
            boilerplate.append(line)
    dropped = [line for line in header if is_boilerplate(line)]
    # Keep the input order of dropped lines.
    order = {line: n for n, line in enumerate(header)}
    boilerplate[:] = sorted([*boilerplate, *dropped], key=lambda line: order.get(line, 0))
