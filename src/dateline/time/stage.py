"""The time stage: fill ``analysis.times`` with TIMEX3-normalised temporal expressions.

Relative expressions are anchored on ``article.published`` (its own calendar date, in the
offset it was published with). Without a publication time they keep unresolved values:
"XXXX-11-18" for a date without year, "XXXX-WXX-1" for a weekday, "PRESENT_REF" for "today",
null for what cannot be expressed without an anchor ("two days ago").
"""

from __future__ import annotations

from datetime import date, datetime

from spacy.tokens import Doc

from dateline.model import Analysis, Notice
from dateline.time.extract import find_times


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
    update: dict[str, object] = {"times": find_times(analysis.article.text, anchor, doc)}
    if published and anchor is None:
        notice = Notice(
            stage="time",
            message=f"publication time {published!r} is not ISO 8601: relative dates left unresolved",
        )
        update["notices"] = [*analysis.notices, notice]
    return analysis.model_copy(update=update)
