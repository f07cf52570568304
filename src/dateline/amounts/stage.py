"""The amounts stage: fill ``analysis.amounts`` with numbers, units and what they count.

Numbers inside the time stage's expressions (``analysis.times``, when that stage ran) and
spaCy's DATE/TIME entities are left to the time stage.
"""

from __future__ import annotations

from spacy.tokens import Doc

from dateline.amounts.extract import find_amounts
from dateline.model import Analysis


def annotate(analysis: Analysis, doc: Doc) -> Analysis:
    temporal = [(t.start, t.end) for t in analysis.times if t.field == "text"]
    amounts = find_amounts(analysis.article.text, doc, temporal)
    return analysis.model_copy(update={"amounts": amounts})
