"""The article view's highlighted text, in the manner of displaCy: entities, quotes (with their
speakers), events, places and dates marked in the article's own strings.

Annotations overlap freely (a quote holds names and events; a place is also an entity), so the
text is cut at every annotation boundary and the marks are nested; a mark that must close while
an inner one is still open is closed and reopened around it. Every piece of article text goes
through ``markupsafe.escape``: the article is untrusted input from the web.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote as url_quote

from markupsafe import Markup, escape

from dateline.events import DEFAULT_MIN_CONFIDENCE

# Outer marks first when two start at the same place with the same end.
_PRIORITY = {"quote": 0, "event": 1, "speaker": 2, "entity": 3, "place": 4, "time": 5}


@dataclass
class Annotation:
    kind: str
    start: int
    end: int
    classes: str
    title: str = ""
    label: str = ""
    href: str | None = None
    data: dict[str, str] = field(default_factory=dict)

    def open_tag(self) -> str:
        attrs = [f'class="{escape(self.classes)}"']
        if self.title:
            attrs.append(f'title="{escape(self.title)}"')
        if self.href:
            attrs.append(f'data-href="{escape(self.href)}"')
        for key, value in sorted(self.data.items()):
            attrs.append(f'data-{key}="{escape(value)}"')
        return "<mark " + " ".join(attrs) + ">"

    def close_tag(self, final: bool) -> str:
        if not final or not self.label:
            return "</mark>"
        label = escape(self.label)
        if self.href:
            return f'<a class="label" href="{escape(self.href)}">{label}</a></mark>'
        return f'<span class="label">{label}</span></mark>'


def render(text: str, annotations: list[Annotation], final_before: int | None = None) -> Markup:
    """``text`` with the annotations as nested marks. Labels are written where a mark ends for
    good: an annotation whose end lies beyond this string (a quote running into the next
    paragraph) gets its label where it really ends (``final_before``: offset of the end of this
    piece in the annotation's coordinates; default the end of ``text``)."""
    size = len(text)
    limit = size if final_before is None else final_before
    anns = [a for a in annotations if 0 <= a.start < a.end and a.start < size]
    anns.sort(key=lambda a: (a.start, -a.end, _PRIORITY.get(a.kind, 9)))
    cuts = sorted({0, size, *(a.start for a in anns), *(min(a.end, size) for a in anns)})
    out: list[str] = []
    stack: list[Annotation] = []
    queue = list(reversed(anns))
    for i, pos in enumerate(cuts):
        while any(min(a.end, size) <= pos for a in stack):
            deepest = min(j for j, a in enumerate(stack) if min(a.end, size) <= pos)
            reopen = []
            while len(stack) > deepest:
                ann = stack.pop()
                if min(ann.end, size) <= pos:
                    out.append(ann.close_tag(final=ann.end <= limit))
                else:
                    out.append(ann.close_tag(final=False))
                    reopen.append(ann)
            for ann in reversed(reopen):
                out.append(ann.open_tag())
                stack.append(ann)
        while queue and queue[-1].start == pos:
            ann = queue.pop()
            out.append(ann.open_tag())
            stack.append(ann)
        if i + 1 < len(cuts):
            out.append(str(escape(text[pos : cuts[i + 1]])))
    for ann in reversed(stack):
        out.append(ann.close_tag(final=ann.end <= limit))
    return Markup("".join(out))


def _unsure(event: dict[str, Any]) -> bool:
    """Below the confidence the event lists hide by default."""
    confidence = event.get("confidence")
    return confidence is not None and confidence < DEFAULT_MIN_CONFIDENCE


def _local_name(analysis: dict[str, Any], local_id: str) -> str:
    for entity in analysis.get("entities") or []:
        if entity.get("id") == local_id:
            return str(entity.get("name") or local_id)
    return local_id


def collect_annotations(
    analysis: dict[str, Any], entity_ids: dict[str, str], event_ids: dict[str, int]
) -> dict[str, list[Annotation]]:
    """Every annotation of the Analysis document, by the article field it points into."""
    by_field: dict[str, list[Annotation]] = {}

    def add(fieldname: str | None, ann: Annotation) -> None:
        by_field.setdefault(fieldname or "text", []).append(ann)

    entity_spans: set[tuple[str, int, int]] = set()
    for entity in analysis.get("entities") or []:
        corpus_id = entity_ids.get(entity.get("id", ""))
        etype = str(entity.get("type") or "OTHER")
        described = " · ".join(str(v) for v in (entity.get("name"), etype, entity.get("code")) if v)
        for m in entity.get("mentions") or []:
            entity_spans.add((m.get("field") or "text", m["start"], m["end"]))
            add(
                m.get("field"),
                Annotation(
                    "entity",
                    m["start"],
                    m["end"],
                    f"ann ent ent-{etype}",
                    title=described,
                    label=etype,
                    href=f"/entities/{corpus_id}" if corpus_id else None,
                    data={"entity": corpus_id} if corpus_id else {},
                ),
            )
    for loc in analysis.get("locations") or []:
        for m in loc.get("mentions") or []:
            key = (m.get("field") or "text", m["start"], m["end"])
            if key in entity_spans:
                continue  # already marked as an entity (a LOCATION) at the same words
            where = ", ".join(str(v) for v in (loc.get("name"), loc.get("country")) if v)
            add(
                m.get("field"),
                Annotation(
                    "place",
                    m["start"],
                    m["end"],
                    "ann place",
                    title=f"place: {where}",
                    label="PLACE",
                    href="/events?place=" + url_quote(str(loc.get("name") or "")),
                ),
            )
    speakers: dict[tuple[str, int, int], Annotation] = {}
    for q in analysis.get("quotes") or []:
        speaker_id = entity_ids.get(q.get("speaker") or "")
        speaker = q.get("speaker_name") or (
            _local_name(analysis, q["speaker"]) if q.get("speaker") else None
        )
        href = f"/entities/{speaker_id}" if speaker_id else None
        add(
            q.get("field"),
            Annotation(
                "quote",
                q["start"],
                q["end"],
                f"ann quote quote-{q.get('kind') or 'direct'}",
                title=f"{q.get('kind') or 'quote'} quote"
                + (f", said by {speaker}" if speaker else ", speaker unknown")
                + (f" (cue: {q['cue']})" if q.get("cue") else ""),
                label=f"— {speaker}" if speaker else "— speaker unknown",
                href=href,
                data={"quote": str(q.get("id") or "")},
            ),
        )
        span = q.get("speaker_span")
        if span:
            key = (span.get("field") or "text", span["start"], span["end"])
            if key in speakers:  # one mark for words that attribute several quotes
                speakers[key].title += f", {q.get('id')}"
                speakers[key].data["quote"] += f" {q.get('id')}"
                continue
            speakers[key] = Annotation(
                "speaker",
                span["start"],
                span["end"],
                "ann speaker",
                title=f"{speaker or span.get('text')}, speaker of quote {q.get('id')}",
                label="SPEAKER",
                href=href,
                data={"quote": str(q.get("id") or "")},
            )
            add(span.get("field"), speakers[key])
    for ev in analysis.get("events") or []:
        event_id = event_ids.get(ev.get("id", ""))
        actors = ", ".join(_local_name(analysis, a) for a in ev.get("actor") or []) or "?"
        recipients = ", ".join(_local_name(analysis, r) for r in ev.get("recipient") or [])
        title = f"{actors} → {ev.get('type')}" + (f" → {recipients}" if recipients else "")
        details = [ev.get("status"), ev.get("date")]
        if ev.get("confidence") is not None:
            details.append(f"confidence {ev['confidence']}")
        title += "".join(f" · {d}" for d in details if d)
        href = f"/events/{event_id}" if event_id is not None else None
        spans = {(ev.get("field") or "text", ev["start"], ev["end"])}
        spans |= {
            (m.get("field") or "text", m["start"], m["end"]) for m in ev.get("mentions") or []
        }
        for fieldname, start, end in sorted(spans):
            add(
                fieldname,
                Annotation(
                    "event",
                    start,
                    end,
                    f"ann event status-{ev.get('status') or 'occurred'}"
                    + (" unsure" if _unsure(ev) else ""),
                    title=title,
                    label=str(ev.get("type") or "EVENT"),
                    href=href,
                    data={"event": str(ev.get("id") or "")},
                ),
            )
    for t in analysis.get("times") or []:
        add(
            t.get("field"),
            Annotation(
                "time",
                t["start"],
                t["end"],
                "ann time",
                title=f"{t.get('type') or 'DATE'}: {t.get('value') or 'unresolved'}",
            ),
        )
    return by_field


@dataclass(frozen=True)
class RenderedArticle:
    headline: Markup | None
    standfirst: Markup | None
    captions: list[Markup]
    paragraphs: list[Markup]


def _paragraph_ranges(article: dict[str, Any]) -> list[tuple[int, int]]:
    text = article.get("text") or ""
    ranges = []
    pos = 0
    for paragraph in article.get("paragraphs") or []:
        start = text.find(paragraph, pos)
        if start < 0:
            break
        ranges.append((start, start + len(paragraph)))
        pos = start + len(paragraph)
    else:
        if ranges:
            return ranges
    ranges, pos = [], 0
    for block in text.split("\n\n"):
        ranges.append((pos, pos + len(block)))
        pos += len(block) + 2
    return ranges


def _shift(anns: list[Annotation], start: int, end: int) -> list[Annotation]:
    """The annotations overlapping [start, end), in offsets relative to ``start``."""
    out = []
    for a in anns:
        if a.end <= start or a.start >= end:
            continue
        out.append(
            Annotation(
                a.kind,
                max(a.start, start) - start,
                a.end - start,
                a.classes,
                a.title,
                a.label,
                a.href,
                a.data,
            )
        )
    return out


def render_article(
    analysis: dict[str, Any], entity_ids: dict[str, str], event_ids: dict[str, int]
) -> RenderedArticle:
    article = analysis.get("article") or {}
    by_field = collect_annotations(analysis, entity_ids, event_ids)

    def one(name: str, value: str | None) -> Markup | None:
        return render(value, by_field.get(name, [])) if value else None

    text = article.get("text") or ""
    paragraphs = []
    for start, end in _paragraph_ranges(article):
        pieces = _shift(by_field.get("text", []), start, end)
        paragraphs.append(render(text[start:end], pieces, final_before=end - start))
    captions = [
        render(c, by_field.get(f"captions[{i}]", []))
        for i, c in enumerate(article.get("captions") or [])
    ]
    return RenderedArticle(
        headline=one("headline", article.get("headline")),
        standfirst=one("standfirst", article.get("standfirst")),
        captions=captions,
        paragraphs=paragraphs,
    )
