"""The events stage: who did what to whom, coded in PLOVER (with CAMEO code, QuadClass and
Goldstein score), with status, date, place, quote and every mention.

Modules: ``lexicon`` (data files in ``data/``), ``triggers`` (verbs, nouns, PETRARCH patterns),
``arguments`` (actor/recipient from the dependency parse), ``status``, ``statements`` (reported
demands), ``merge`` (one record per event told several times), ``modes`` (CONSULT modes),
``stage`` (``annotate``) and ``evaluate`` (``dateline eval events``).
"""
