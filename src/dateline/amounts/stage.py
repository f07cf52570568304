"""The amounts stage: fill ``analysis.amounts`` with numbers, units and what they count.

Numbers inside the time stage's expressions (``analysis.times``, when that stage ran) and
spaCy's DATE/TIME entities are left to the time stage.
"""

from __future__ import annotations

from dateline.amounts.extract import find_amounts
from dateline.model import Amount, Analysis
from dateline.stage import Parsed, Stage


def amounts_section(analysis: Analysis, parsed: Parsed) -> list[Amount]:
    """The ``amounts`` section (numbers inside ``analysis.times``, when filled, left out)."""
    temporal = [(t.start, t.end) for t in analysis.times if t.field == "text"]
    return find_amounts(analysis.article.text, parsed.doc, temporal)


# Reads the times section when the time stage ran before it (it does in the full pipeline),
# but works without it: not a requirement.
STAGE = Stage(
    name="amounts",
    assigns="amounts",
    function=amounts_section,
    description="numbers with units and what they count",
)
