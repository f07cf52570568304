"""Plain text as scrapers leave it: find headline, standfirst, byline, timestamp, captions,
body paragraphs and boilerplate from general signals (position, length, punctuation,
lexicons of boilerplate phrasing), never from one publisher's words."""

from __future__ import annotations

import re
from typing import Any

from dateline.article.timestamps import find_timestamp

BOILERPLATE = re.compile(
    r"\b(comment(?:s|ing)?\s+(?:forum|policy|section)|join (?:our|the) (?:conversation|commenting|discussion)|"
    r"log(?:ged)?\s?in|sign (?:in|up)|register(?:ing)?\b|subscribe|subscription|newsletter|"
    r"cookies?\b|privacy policy|terms (?:of|and) (?:use|service|conditions)|share (?:this|on)|"
    r"read more|related (?:articles|stories)|click here|follow us|all rights reserved|"
    r"refresh (?:the|your) (?:page|browser)|thank you for registering|advertisement|"
    r"most (?:read|popular)|sponsored|download (?:our|the) app)",
    re.I,
)
BYLINE = re.compile(r"^(?:by\s+)?(?P<names>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}(?:\s*(?:,|and|&)\s*[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})*)$")
_SENTENCE_END = re.compile(r"[.!?…”\"’)]\s*$")


def _is_body_paragraph(line: str) -> bool:
    return len(line.split()) >= 12 and bool(_SENTENCE_END.search(line))


def structure_text(text: str, has_header: bool = True) -> dict[str, Any]:
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = [line for line in lines if line]
    fields: dict[str, Any] = {"authors": [], "captions": [], "boilerplate": [], "paragraphs": []}
    first_body = next((i for i, line in enumerate(lines) if _is_body_paragraph(line) and not BOILERPLATE.search(line)), len(lines))
    header, rest = (lines[:first_body], lines[first_body:]) if has_header else ([], lines)
    for i, line in enumerate(header):
        found = find_timestamp(line)
        if BOILERPLATE.search(line) and len(line.split()) < 25:
            fields["boilerplate"].append(line)
        elif found and len(line) - len(found[1].group(0)) < 15 and not fields.get("published"):
            fields["published"] = found[0]
        elif i == 0:
            fields["headline"] = line
        elif BYLINE.match(line) and not fields["authors"]:
            names = BYLINE.match(line).group("names")  # type: ignore[union-attr]
            fields["authors"] = [n.strip() for n in re.split(r",|\band\b|&", names) if n.strip()]
        elif not fields.get("standfirst") and not fields["authors"] and not fields.get("published"):
            fields["standfirst"] = line
        else:
            fields["captions"].append(line)
    for line in rest:
        if BOILERPLATE.search(line) and len(line.split()) < 40:
            fields["boilerplate"].append(line)
        elif _is_body_paragraph(line) or len(line.split()) >= 25:
            fields["paragraphs"].append(line)
        elif len(line.split()) <= 20 and not _SENTENCE_END.search(line):
            fields["captions"].append(line)
        else:
            fields["paragraphs"].append(line)
    return fields
