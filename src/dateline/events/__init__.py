"""The events stage: who did what to whom, coded in PLOVER (with CAMEO code, QuadClass and
Goldstein score), with status, date, place, quote and every mention.

Modules: ``lexicon`` (data files in ``data/``), ``triggers`` (verbs, nouns, PETRARCH patterns),
``arguments`` (actor/recipient from the dependency parse), ``status``, ``statements`` (reported
demands), ``merge`` (one record per event told several times), ``modes`` (CONSULT modes),
``stage`` (the ``STAGE`` record, ``find_events``), ``confidence`` (how sure each event is);
``dateline eval events`` lives in ``dateline.evaluation.events`` and ``event_documents``.
"""

# Events below this confidence are hidden by ``dateline query events``, ``dateline stats`` and
# ``dateline export`` unless ``--min-confidence`` says otherwise: the threshold of the learned
# confidence (``confidence_model``), chosen by cross-validation on the dev split of the document
# gold set and written into its weights file by ``scripts/train_event_confidence.py``, which this
# must equal (a test checks; docs/EVALUATION.md). Kept here, free of imports, for the store's use.
DEFAULT_MIN_CONFIDENCE = 0.65
