"""Quotes in the headline, standfirst and captions, attributed when the article makes clear whose.

Three ways, in order: a cue inside the string itself ("Putin says ‘mission accomplished’"),
the same words quoted and attributed in the body ('Mission accomplished' in the headline,
“Mission nearly accomplished,” in the body), and the headline convention "Name: ‘words’".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from dateline.errors import ModelNotFoundError
from dateline.model import Analysis, Article, Entity, Span
from dateline.quotes.direct import Found, attribute_from_context, direct_quotes
from dateline.quotes.marks import find_quoted
from dateline.quotes.speakers import Speaker, SpeakerResolver
from dateline.stage import Parsed

WORD = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)?")
# Words too common to tell two quotations apart.
STOPWORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "he",
    "her", "his", "i", "in", "is", "it", "its", "of", "on", "or", "our", "she", "so", "that",
    "the", "their", "them", "they", "this", "to", "was", "we", "were", "will", "with", "you",
})  # fmt: skip


def article_fields(article: Article) -> Iterator[tuple[str, str]]:
    """(field name, string) of every article string besides the body."""
    if article.headline:
        yield "headline", article.headline
    if article.standfirst:
        yield "standfirst", article.standfirst
    for index, caption in enumerate(article.captions):
        yield f"captions[{index}]", caption


def quoted_fields(article: Article) -> Iterator[tuple[str, str]]:
    """(field name, string) of the article strings besides the body that hold a quotation:
    the ones :func:`field_quotes` parses."""
    return ((field, string) for field, string in article_fields(article) if find_quoted(string))


def field_quotes(
    analysis: Analysis, body: list[Found], body_text: str, parsed: Parsed
) -> list[tuple[str, Found]]:
    """(field, quote) for every attributable quote outside the body."""
    results: list[tuple[str, Found]] = []
    for field, string in quoted_fields(analysis.article):
        doc = _parse(parsed, field, string)
        if doc is None:
            continue
        resolver = SpeakerResolver(_entities_in(analysis.entities, string), doc)
        for quote in attribute_from_context(direct_quotes(string, doc, resolver, strict=False)):
            attributed: Found | None = quote
            if quote.speaker is None:
                attributed = _from_body(quote, string, body, body_text) or _from_colon(
                    quote, string, resolver
                )
            if attributed is not None and attributed.speaker is not None:
                results.append((field, attributed))
    return results


def _parse(parsed: Parsed, field: str, string: str) -> Doc | None:
    try:
        return parsed.field(field, string)
    except ModelNotFoundError:
        return None


def _entities_in(entities: list[Entity], string: str) -> Analysis:
    """A stand-in Analysis whose entities are mentioned where their names occur in ``string``."""
    located: list[Entity] = []
    for entity in entities:
        names = sorted({entity.name, *entity.aliases}, key=len, reverse=True)
        spans: list[Span] = []
        for name in names:
            # The pattern matches the name literally: absent from the string, nothing to compile.
            if len(name) < 3 or name not in string:
                continue
            for match in re.finditer(rf"\b{re.escape(name)}\b", string):
                if not any(s.start < match.end() and match.start() < s.end for s in spans):
                    spans.append(Span(start=match.start(), end=match.end(), text=name))
        if spans:
            located.append(entity.model_copy(update={"mentions": spans}))
    return Analysis(article=Article(id="field", source="field", text=string), entities=located)


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)} - STOPWORDS


def _from_body(quote: Found, string: str, body: list[Found], body_text: str) -> Found | None:
    """The speaker of the body quotation that contains every word of this one."""
    words = _words(string[quote.start : quote.end])
    if not words:
        return None
    for candidate in body:
        if candidate.speaker is None or candidate.kind == "indirect":
            continue
        if words <= _words(body_text[candidate.start : candidate.end]):
            return Found(
                quote.start,
                quote.end,
                quote.kind,
                quote.paragraph,
                cue=None,
                speaker=candidate.speaker,
                speaker_field="text",
            )
    return None


def _from_colon(quote: Found, string: str, resolver: SpeakerResolver) -> Found | None:
    """Headline style "Name: ‘words’": the name before the colon is the speaker."""
    before = string[: quote.start].rstrip(" \"'“‘«„")
    if not before.endswith(":"):
        return None
    name = before[:-1].strip()
    for start, end, entity in resolver.mentions:
        if end == len(name) and entity.type in ("PERSON", "ORG", "GROUP"):
            speaker = Speaker(entity.id, entity.name, start, end)
            return Found(quote.start, quote.end, "direct", quote.paragraph, speaker=speaker)
    return None
