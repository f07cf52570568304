"""The time stage: fill ``analysis.times`` with TIMEX3-normalised temporal expressions.

The body (``article.text``, parsed as ``doc``) and the display lines (headline and standfirst,
each parsed on its own; their records carry ``field``) are covered.

Relative expressions are anchored on ``article.published`` (its own calendar date, in the
offset it was published with). Without a publication time they keep unresolved values:
"XXXX-11-18" for a date without year, "XXXX-WXX-1" for a weekday, "PRESENT_REF" for "today",
null for what cannot be expressed without an anchor ("two days ago").
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from dateline.errors import ModelNotFoundError
from dateline.model import Analysis, TimeExpression
from dateline.stage import Parsed, Stage
from dateline.time.extract import find_times

# Display lines told outside the body, each analysed on its own.
DISPLAY_FIELDS = ("headline", "standfirst")


def find_all_times(analysis: Analysis, parsed: Parsed) -> list[TimeExpression]:
    """The ``times`` section: the body's and the display lines' temporal expressions."""
    anchor = analysis.article.published_date
    times = find_times(analysis.article.text, anchor, parsed.doc)
    return times + _display_times(analysis, anchor, parsed)


STAGE = Stage(
    name="time",
    assigns="times",
    function=find_all_times,
    description="temporal expressions normalised to TIMEX3 values",
    parses=DISPLAY_FIELDS,
)


def _display_times(analysis: Analysis, anchor: date | None, parsed: Parsed) -> list[TimeExpression]:
    lines = [(f, getattr(analysis.article, f)) for f in DISPLAY_FIELDS]
    lines = [(f, text) for f, text in lines if text and text.strip()]
    if not lines:
        return []
    found: list[TimeExpression] = []
    for field_name, text in lines:
        try:
            line_doc: Doc | None = parsed.field(field_name, text)
        except ModelNotFoundError:
            line_doc = None  # no model bound and the default is missing: go without tense here
        for expression in find_times(text, anchor, line_doc):
            found.append(expression.model_copy(update={"field": field_name}))
    return found
