"""The events stage: who did what to whom, coded in PLOVER (with CAMEO code, QuadClass and
Goldstein score), with status, date, place, quote and every mention.

Modules: ``lexicon`` (data files in ``data/``), ``triggers`` (verbs, nouns, PETRARCH patterns),
``arguments`` (actor/recipient from the dependency parse), ``status``, ``statements`` (reported
demands), ``merge`` (one record per event told several times), ``modes`` (CONSULT modes),
``stage`` (the ``STAGE`` record, ``find_events``), ``confidence`` (how sure each event is);
``dateline eval events`` lives in ``dateline.evaluation.events`` and ``event_documents``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dateline.model import Analysis

# Events below this confidence are hidden by ``dateline query events``, ``dateline stats`` and
# ``dateline export`` (and left out of what ``dateline analyze`` and ``fetch`` print) unless ``--min-confidence`` says otherwise: the threshold of the learned
# confidence (``confidence_model``), chosen by cross-validation on the dev split of the document
# gold set and written into its weights file by ``scripts/train_event_confidence.py``, which this
# must equal (a test checks; docs/EVALUATION.md). Kept here, free of imports, for the store's use.
DEFAULT_MIN_CONFIDENCE = 0.75


def confident_part(analysis: Analysis, min_confidence: float) -> tuple[Analysis, int]:
    """``analysis`` with only its events at least ``min_confidence`` sure (and the tone of their
    sentences), and how many were left out. What a reader is shown is what queries and exports
    count: an unsure record printed beside sure ones reads as a claim.
    """
    kept = [ev for ev in analysis.events if ev.confidence >= min_confidence]
    hidden = len(analysis.events) - len(kept)
    if not hidden:
        return analysis, 0
    update: dict[str, object] = {"events": kept}
    if analysis.tone is not None:
        ids = {ev.id for ev in kept}
        events_tone = [t for t in analysis.tone.events if t.id in ids]
        update["tone"] = analysis.tone.model_copy(update={"events": events_tone})
    return analysis.model_copy(update=update), hidden
