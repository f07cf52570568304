"""Demands made by reporting: "Washington said Beijing must drop its tariffs".

CAMEO codes a statement that someone must or should act as a demand (REQUEST in PLOVER) by
the speaker on the one who must act. The reported act itself is kept as its own (hypothetical)
event; this module adds the demand, triggered by the reporting verb.
"""

from __future__ import annotations

from spacy.tokens import Token

from dateline.events.triggers import Trigger

REPORTING_VERBS = {
    "say", "declare", "state", "insist", "reiterate", "stress", "conclude", "tell", "add",
    "argue", "write", "announce", "warn", "urge", "demand", "maintain", "believe",
}  # fmt: skip
OBLIGATION_MODALS = {"must", "should", "ought"}
# CAMEO demand codes by the CAMEO root of the act demanded (the 10x mirror of 02x/03x).
DEMAND_FOR_ROOT = {
    "04": "106", "05": "102", "06": "101", "07": "103", "08": "105",
    "12": "105", "16": "105", "17": "105", "18": "1056", "19": "1056", "20": "1056",
}  # fmt: skip
DEFAULT_DEMAND = "100"


def _obliged(verb: Token) -> bool:
    """Whether ``verb`` (or the verb its xcomp chain hangs from) carries must/should."""
    current = verb
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in current.children):
            return True
        if current.dep_ != "xcomp":
            return False
        current = current.head
    return False


def demand_triggers(tokens: list[Token], triggers: list[Trigger]) -> list[tuple[Trigger, Trigger]]:
    """(demand trigger on the reporting verb, the demanded event's trigger) pairs."""
    by_clause: dict[int, Trigger] = {}
    for trigger in triggers:
        verb = trigger.carrier if trigger.nominal else trigger.token
        if verb is not None and not trigger.nominal and _obliged(verb):
            clause = verb
            while clause.dep_ == "xcomp":
                clause = clause.head
            by_clause.setdefault(clause.i, trigger)
    demands = []
    for token in tokens:
        if token.pos_ != "VERB" or token.lemma_.lower() not in REPORTING_VERBS:
            continue
        for clause in token.children:
            if clause.dep_ == "ccomp" and clause.i in by_clause:
                demanded = by_clause[clause.i]
                code = DEMAND_FOR_ROOT.get(demanded.cameo[:2], DEFAULT_DEMAND)
                demands.append((Trigger(token, code, False, nominal=False), demanded))
    return demands
