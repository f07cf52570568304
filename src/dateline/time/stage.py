"""The time stage: fill ``analysis.times`` with TIMEX3-normalised temporal expressions.

The body (``article.text``, parsed as ``doc``) and the display lines (headline and standfirst,
each parsed on its own; their records carry ``field``) are covered.

Relative expressions are anchored on ``article.published`` (its own calendar date, in the
offset it was published with). Without a publication time they keep unresolved values:
"XXXX-11-18" for a date without year, "XXXX-WXX-1" for a weekday, "PRESENT_REF" for "today",
null for what cannot be expressed without an anchor ("two days ago").
"""

from __future__ import annotations

from datetime import date, datetime

from spacy.tokens import Doc

from dateline.errors import ModelNotFoundError
from dateline.model import Analysis, Notice, TimeExpression
from dateline.time.extract import find_times

# Display lines told outside the body, each analysed on its own.
DISPLAY_FIELDS = ("headline", "standfirst")


def publication_date(published: str | None) -> date | None:
    """The calendar date of an ISO 8601 publication time, or None when absent or unreadable."""
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None


def annotate(analysis: Analysis, doc: Doc) -> Analysis:
    published = analysis.article.published
    anchor = publication_date(published)
    times = find_times(analysis.article.text, anchor, doc)
    update: dict[str, object] = {"times": times + _display_times(analysis, anchor, doc)}
    if published and anchor is None:
        notice = Notice(
            stage="time",
            message=f"publication time {published!r} is not ISO 8601: relative dates left unresolved",
        )
        update["notices"] = [*analysis.notices, notice]
    return analysis.model_copy(update=update)


def _display_times(analysis: Analysis, anchor: date | None, body_doc: Doc) -> list[TimeExpression]:
    lines = [(f, getattr(analysis.article, f)) for f in DISPLAY_FIELDS]
    lines = [(f, text) for f, text in lines if text and text.strip()]
    if not lines:
        return []
    from dateline.nlp import parse_field

    found: list[TimeExpression] = []
    for field_name, text in lines:
        try:
            line_doc: Doc | None = parse_field(body_doc, field_name, text)
        except ModelNotFoundError:
            line_doc = None  # no model bound and the default is missing: go without tense here
        for expression in find_times(text, anchor, line_doc):
            found.append(expression.model_copy(update={"field": field_name}))
    return found
