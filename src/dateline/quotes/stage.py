"""The quotes stage: every direct, partial and reported statement, with its speaker.

Reads ``analysis.entities`` (to name speakers by entity id) and the Doc of the body; fills
``analysis.quotes``. Works without entities too: speakers then keep ``speaker`` null and
are named by their words.
"""

from __future__ import annotations

from spacy.tokens import Doc

from dateline.model import Analysis, Quote, Span
from dateline.nlp.doctext import doc_text, token_starts
from dateline.quotes.direct import Found, attribute_from_context, direct_quotes
from dateline.quotes.fields import field_quotes, quoted_fields
from dateline.quotes.marks import find_quoted, paragraph_bounds
from dateline.quotes.reported import reported_speech
from dateline.quotes.speakers import SpeakerResolver
from dateline.stage import Parsed, Stage


def find_quotes(analysis: Analysis, parsed: Parsed) -> list[Quote]:
    """The ``quotes`` section: every attributed statement in the body and the display fields."""
    doc = parsed.doc
    text = analysis.article.text
    resolver = SpeakerResolver(analysis, doc)
    quoted = [(q.open_mark, q.outer_end) for q in find_quoted(text)]
    body = direct_quotes(text, doc, resolver)
    body += reported_speech(doc, resolver, quoted, _paragraph_of_tokens(doc))
    body = attribute_from_context(body)
    located = [("text", found) for found in body]
    located += field_quotes(analysis, body, text, parsed)
    return [
        _to_quote(f"Q{number}", field, found, text if field == "text" else None, analysis)
        for number, (field, found) in enumerate(located, start=1)
    ]


STAGE = Stage(
    name="quotes",
    requires=("entities",),
    assigns="quotes",
    function=find_quotes,
    description="direct, partial and reported statements with their speakers",
    parses_also=quoted_fields,
)


def _paragraph_of_tokens(doc: Doc) -> list[int]:
    """Paragraph index of every token of the Doc."""
    bounds = paragraph_bounds(doc_text(doc))
    result: list[int] = []
    paragraph = 0
    # The offsets as one column, not one Token object per token.
    for start in token_starts(doc):
        while paragraph + 1 < len(bounds) and start >= bounds[paragraph + 1][0]:
            paragraph += 1
        result.append(paragraph)
    return result


def _to_quote(
    quote_id: str, field: str, found: Found, text: str | None, analysis: Analysis
) -> Quote:
    source = text if text is not None else analysis.article.field_text(field) or ""
    speaker = found.speaker
    speaker_span = None
    if speaker is not None and speaker.end > speaker.start:
        # A quote outside the body may borrow its speaker from the body's telling: the span
        # then points into the body, never into the quote's own string.
        speaker_field = found.speaker_field or field
        speaker_source = analysis.article.field_text(speaker_field) or ""
        words = speaker_source[speaker.start : speaker.end]
        speaker_span = Span(start=speaker.start, end=speaker.end, text=words, field=speaker_field)
    return Quote(
        id=quote_id,
        text=source[found.start : found.end],
        kind=found.kind,  # type: ignore[arg-type]
        speaker=speaker.entity if speaker else None,
        speaker_name=speaker.name if speaker else None,
        cue=found.cue,
        start=found.start,
        end=found.end,
        field=field,
        speaker_span=speaker_span,
    )
