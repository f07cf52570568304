"""The tone stage: how the article speaks and how it portrays each actor.

Reads the body's Doc, ``analysis.entities``, ``analysis.quotes`` and ``analysis.events``; fills
``analysis.tone``:

- ``article``: GDELT V2Tone's seven figures over the body (``figures.py``);
- ``quotes`` / ``events``: the V2Tone tone of each quote's words and of each event's sentence;
- ``entities``: for each entity, the target-dependent classifier (``model.py``) on every
  sentence that mentions it (once per sentence, from all its mentions there), averaged.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from dateline.model import Analysis, EntityTone, Tone
from dateline.model import Span as TextSpan
from dateline.stage import Parsed, Stage
from dateline.tone.figures import figures, tone
from dateline.tone.model import CLASSES, classify, label_of

Probabilities = tuple[float, float, float]


def tone_section(analysis: Analysis, parsed: Parsed) -> Tone:
    """The ``tone`` section: the article's, each quote's, event's and entity's tone."""
    doc = parsed.doc
    docs = _FieldDocs(analysis, parsed)
    quotes = []
    for quote in analysis.quotes:
        span = docs.span(quote.field, quote.start, quote.end)
        if span is not None:
            quotes.append({"id": quote.id, "tone": tone(span)})
    events = []
    for event in analysis.events:
        span = docs.span(event.field, event.start, event.end)
        if span is not None:
            events.append({"id": event.id, "tone": tone(span.sent)})
    entities = []
    for entity in analysis.entities:
        result = _entity_tone(entity.id, entity.mentions, docs)
        if result is not None:
            entities.append(result)
    return Tone.model_validate(
        {"article": figures(doc), "quotes": quotes, "events": events, "entities": entities}
    )


STAGE = Stage(
    name="tone",
    requires=("entities", "quotes", "events"),
    assigns="tone",
    function=tone_section,
    description="GDELT V2Tone of the article, its quotes and events; sentiment toward each actor",
)


def _entity_tone(entity_id: str, mentions: list[TextSpan], docs: _FieldDocs) -> EntityTone | None:
    by_sentence: dict[tuple[str, int], list[Span]] = {}
    for mention in mentions:
        span = docs.span(mention.field, mention.start, mention.end)
        if span is not None:
            by_sentence.setdefault((mention.field, span.sent.start), []).append(span)
    if not by_sentence:
        return None
    per_sentence: list[Probabilities] = [classify(*spans) for spans in by_sentence.values()]
    count = len(per_sentence)
    mean = tuple(sum(p[k] for p in per_sentence) / count for k in range(3))
    labels = [label_of(p) for p in per_sentence]
    return EntityTone(
        entity=entity_id,
        label=label_of(mean),  # type: ignore[arg-type]
        score=round(mean[2] - mean[0], 4),
        sentences=count,
        **{label: labels.count(label) for label in CLASSES},
    )


class _FieldDocs:
    """The parse of each article string a record may point into (body, headline, captions)."""

    def __init__(self, analysis: Analysis, parsed: Parsed) -> None:
        self.article = analysis.article
        self.parsed = parsed

    def _doc(self, field: str) -> Doc | None:
        if field == "text":
            return self.parsed.doc
        text = self.article.field_text(field)
        return self.parsed.field(field, text) if text else None

    def span(self, field: str, start: int, end: int) -> Span | None:
        text = self.article.field_text(field)
        # Bounds against the article string: ``Doc.text`` would rebuild the whole text.
        if text is None or not 0 <= start < end <= len(text):
            return None
        doc = self._doc(field)
        if doc is None:
            return None
        span = doc.char_span(start, end, alignment_mode="expand")
        return span if span is not None and len(span) else None
