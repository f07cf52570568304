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
    "argue", "write", "announce", "warn", "urge", "demand", "maintain",
}  # fmt: skip
OBLIGATION_MODALS = {"must", "should", "ought"}
# CAMEO demand codes by the CAMEO root of the act demanded (the 10x mirror of 02x/03x).
DEMAND_FOR_ROOT = {
    "04": "106", "05": "102", "06": "101", "07": "103", "08": "105",
    "12": "105", "16": "105", "17": "105", "18": "1056", "19": "1056", "20": "1056",
}  # fmt: skip
DEFAULT_DEMAND = "100"


def _obliged(clause: Token) -> bool:
    """Whether the reported clause says someone must or should act."""
    return any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in clause.children)


def demand_triggers(
    tokens: list[Token], triggers: list[Trigger]
) -> list[tuple[Trigger, Token, Trigger | None]]:
    """(demand trigger on the reporting verb, the demanded clause's verb, the event trigger of
    that clause if the lexicons know it) for every "X said Y must ..." in ``tokens``."""
    by_verb = {t.token.i: t for t in triggers if not t.nominal}
    demands = []
    for token in tokens:
        if token.pos_ != "VERB" or token.lemma_.lower() not in REPORTING_VERBS:
            continue
        for clause in token.children:
            if clause.dep_ != "ccomp" or not _obliged(clause):
                continue
            # "must drop", or "must be ready to mediate": the act is the clause verb or its xcomp.
            acts = [clause, *(c for c in clause.subtree if c.dep_ == "xcomp")]
            demanded = next((by_verb[a.i] for a in acts if a.i in by_verb), None)
            root = demanded.cameo[:2] if demanded else ""
            code = DEMAND_FOR_ROOT.get(root, DEFAULT_DEMAND)
            demands.append((Trigger(token, code, False, nominal=False), clause, demanded))
    return demands


def quoted_demands(tokens: list[Token], triggers: list[Trigger]) -> list[tuple[Trigger, Token]]:
    """(demand trigger on the modal, the subject who must act) for every main clause of a
    quoted sentence that says a party must or should act: "'Beijing must drop its tariffs,'
    the minister said" when the attribution lies outside the sentence. The speaker is the
    quotation's (``dateline.quotes``); the caller checks that the sentence is quoted.
    Clauses already read as "X said Y must ..." (:func:`demand_triggers`) are left out."""
    by_verb = {t.token.i: t for t in triggers if not t.nominal}
    reported = {
        clause.i
        for token in tokens
        if token.pos_ == "VERB" and token.lemma_.lower() in REPORTING_VERBS
        for clause in token.children
        if clause.dep_ == "ccomp"
    }
    demands = []
    for clause in tokens:
        if clause.dep_ != "ROOT" or clause.i in reported or not _obliged(clause):
            continue
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.pos_ not in {"PROPN", "NOUN"}:
            continue  # "we must", "you should": the speaker's own side or an unnamed addressee
        modal = next(
            c for c in clause.children if c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS
        )
        acts = [clause, *(c for c in clause.subtree if c.dep_ == "xcomp")]
        demanded = next((by_verb[a.i] for a in acts if a.i in by_verb), None)
        code = DEMAND_FOR_ROOT.get(demanded.cameo[:2] if demanded else "", DEFAULT_DEMAND)
        demands.append((Trigger(modal, code, False, nominal=False), subject))
    return demands
