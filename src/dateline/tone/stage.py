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
from dateline.nlp import parse_field
from dateline.tone.figures import figures, tone
from dateline.tone.model import CLASSES, classify, label_of

Probabilities = tuple[float, float, float]


def annotate(analysis: Analysis, doc: Doc) -> Analysis:
    """Return ``analysis`` with its ``tone`` section filled."""
    docs = _FieldDocs(analysis, doc)
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
    section = Tone.model_validate(
        {"article": figures(doc), "quotes": quotes, "events": events, "entities": entities}
    )
    return analysis.model_copy(update={"tone": section})


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

    def __init__(self, analysis: Analysis, doc: Doc) -> None:
        self.article = analysis.article
        self.body = doc

    def _doc(self, field: str) -> Doc | None:
        if field == "text":
            return self.body
        text = self._field_text(field)
        return parse_field(self.body, field, text) if text else None

    def _field_text(self, field: str) -> str | None:
        if field == "headline":
            return self.article.headline
        if field == "standfirst":
            return self.article.standfirst
        if field.startswith("captions[") and field.endswith("]"):
            index = field[len("captions[") : -1]
            if index.isdigit() and int(index) < len(self.article.captions):
                return self.article.captions[int(index)]
        return None

    def span(self, field: str, start: int, end: int) -> Span | None:
        text = self.article.text if field == "text" else self._field_text(field)
        # Bounds against the article string: ``Doc.text`` would rebuild the whole text.
        if text is None or not 0 <= start < end <= len(text):
            return None
        doc = self._doc(field)
        if doc is None:
            return None
        span = doc.char_span(start, end, alignment_mode="expand")
        return span if span is not None and len(span) else None
