"""Whether an event happened: occurred, ongoing, future (planned), hypothetical or negated.

Read from the trigger's clause: negation, modal and future auxiliaries, planning verbs that
govern it ("has been arranged", "plans to meet"), and progressive aspect.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Token

from dateline.events import lexicon
from dateline.nlp.labels import plain_lower

Status = Literal["occurred", "ongoing", "future", "hypothetical", "negated"]

FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL_AUX = {"should", "could", "might", "may", "must", "can", "ca", "would", "ought"}
# Verbs that put what they govern in the future: "plans to meet", "talks are scheduled".
PLANNING_VERBS = {
    "arrange", "schedule", "plan", "expect", "intend", "prepare", "propose", "slate",
    "set", "due", "aim", "seek", "hope", "want", "agree", "decide", "vow", "pledge",
    "promise", "threaten", "offer", "invite", "consider",
    # adjectives of readiness: "is willing to withdraw", "stands ready to help"
    "willing", "ready", "prepared", "committed", "determined", "eager", "likely", "poised",
    "about",  # "was about to be deported"
}  # fmt: skip
# Nominal modifiers that mark a planned event: "the upcoming summit".
PLANNED_MODIFIERS = {
    "upcoming",
    "planned",
    "forthcoming",
    "proposed",
    "scheduled",
    "next",
    "future",
}
# Nouns that hold an act as only possible, feared, sought or authorised, not done: "the
# possibility of a meeting", "the threat of an attack", "a warrant for his arrest".
MODAL_NOUNS = {
    "possibility", "prospect", "chance", "likelihood", "risk", "threat", "danger", "fear",
    "spectre", "specter", "hope", "option", "idea", "warrant", "call", "demand", "request",
    "appeal", "push", "bid", "proposal",
}  # fmt: skip
# Determiners that name no particular act: "any attack", "whatever talks".
NON_SPECIFIC_DETERMINERS = {"any", "whatever"}
# Verbs of warding off: what they act "against" is to be averted ("warned against an attack",
# "guard against raids"); not "voted against the deal", "rallied against the arrest".
AVERTING_VERBS = {"warn", "caution", "guard", "protect", "safeguard", "insure", "defend"}
# Nouns that plan an act: "plans for talks", "preparations for an offensive".
PLANNING_NOUNS = {"plan", "preparation", "schedule", "timetable"}
# Verbs that ask someone else to act: the act is wished for, not done.
DIRECTIVE_VERBS = {
    "urge", "call", "ask", "appeal", "press", "request", "demand", "pressure", "encourage",
}  # fmt: skip
# Verbs whose object is what is asked for ("requested an inquiry", "demanded talks"); not
# "call" ("called a meeting" holds it) nor "press" ("pressed charges" brings them).
REQUESTING_VERBS = {"urge", "ask", "request", "demand", "seek", "encourage", "recommend"}
NEGATIVE_DETERMINERS = {"no"}
# Verbs whose "of"/"with" phrase tells an act only alleged: "accused Hale of groping them",
# "charged with bribing officials", "suspected of leaking": the guideline's alleged acts are
# hypothetical (not "convicted of", where the act is found).
ALLEGING_VERBS = {"accuse", "charge", "suspect", "allege"}
ALLEGED_PREPOSITIONS = {"of", "with"}
# Verbs whose infinitive did not happen: "refused to meet", "failed to agree".
NEGATING_VERBS = {"fail", "refuse", "decline", "cancel", "postpone", "deny", "avoid"}
# How far up the dependency tree a governing planning verb or modal is looked for.
MAX_CLIMB = 3
# Words opening a clause of time ("once he arrives", "when the minister meets them"): in
# English its present tense tells what is still to come when the clause it hangs on does.
TEMPORAL_SUBORDINATORS = {"when", "once", "after", "before", "whenever"}


def _carries(verb: Token) -> bool:
    """A light verb ("held talks") tells its object's event: its tense and mood are the event's."""
    return verb.lemma_.lower() in lexicon.light_verbs()


def _aux(token: Token) -> set[str]:
    return {plain_lower(c) for c in token.children if c.dep_ in {"aux", "auxpass"}}


def negated(token: Token) -> bool:
    """Whether ``token`` has a negation of its own ("did not attend", "never signed")."""
    return any(c.dep_ == "neg" for c in token.children)


def _object_denied(verb: Token) -> bool:
    """ "offered no help", "reached no agreement": the act did not happen."""
    return any(
        c.dep_ == "dobj"
        and any(d.dep_ == "det" and d.lower_ in NEGATIVE_DETERMINERS for d in c.children)
        for c in verb.children
    )


def _is_report_clause(token: Token) -> bool:
    """Inside reported speech ("said that they would meet"), "would" is a future in the past."""
    return token.dep_ == "ccomp"


# Modals whose perfect tells what did not happen: "would have objected", "could have stopped".
COUNTERFACTUAL_MODALS = {"would", "could", "might", "should", "may", "must", "ought"}


def _counterfactual(verb: Token, aux: set[str]) -> bool:
    """A modal perfect ("would have objected", "could have been prevented") tells an act that
    did not happen, even in reported speech, where a bare "would" is a future in the past
    ("said they would meet")."""
    return bool(aux & COUNTERFACTUAL_MODALS) and "have" in aux and verb.tag_ == "VBN"


def _imperative(verb: Token) -> bool:
    """A command: the bare verb heading its sentence with no auxiliary and no subject of its
    own ("Stop the bombing now"), or only one a headline's colon sets apart as the speaker
    ("Black lawmakers to Clinton: Send money to take Congress")."""
    root = verb.head if verb.dep_ == "conj" else verb
    if verb.tag_ != "VB" or root.dep_ != "ROOT" or root.tag_ != "VB":
        return False
    if any(c.dep_ in {"aux", "auxpass"} for c in root.children):
        return False
    subjects = [c for c in root.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}]
    return all(any(t.text == ":" for t in root.doc[s.right_edge.i + 1 : root.i]) for s in subjects)


# Subjects that deny the act to everyone: "no one has been charged", "nobody was arrested".
NEGATIVE_SUBJECTS = {"nobody", "none", "noone"}


def _subject_denied(verb: Token) -> bool:
    """ "no one has been charged", "nobody was arrested", "no country has recognised it": a
    subject that names nobody tells that the act did not happen."""
    return any(
        c.dep_ in {"nsubj", "nsubjpass"}
        and (
            c.lower_ in NEGATIVE_SUBJECTS
            or any(
                d.dep_ == "det" and d.lower_ in NEGATIVE_DETERMINERS and not _comparative(d)
                for d in c.children
            )
        )
        for c in verb.children
    )


def _denied_by_subject_only(verb: Token) -> bool:
    """A clause negated only by naming nobody as its subject ("no one was charged")."""
    return _subject_denied(verb) and not negated(verb) and not _object_denied(verb)


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)


def _comparative(word: Token) -> bool:
    """ "no less than six ministers", "no fewer than": a "no" that opens a comparison counts
    the subject, it does not deny it."""
    following = word.nbor() if word.i + 1 < len(word.doc) else None
    return following is not None and following.lower_ in {"less", "more", "fewer", "longer"}


def _clause_status(verb: Token) -> Status | None:
    if negated(verb) or _object_denied(verb) or _subject_denied(verb):
        return "negated"
    if any(c.dep_ == "mark" and c.lower_ == "whether" for c in verb.children):
        return "hypothetical"  # asked about, not done: "asked whether he would resign"
    if _imperative(verb):
        return "hypothetical"  # called for, not done: "Send money to take Congress"
    aux = _aux(verb)
    if aux & FUTURE_AUX:
        return "future"
    if _counterfactual(verb, aux):
        return "hypothetical"
    if "would" in aux and _is_report_clause(verb):
        return "future"
    if aux & HYPOTHETICAL_AUX:
        return "hypothetical"
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "until"} for c in verb.children):
        return "hypothetical"
    infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)
    if infinitive and verb.dep_ in {"acl", "advcl", "relcl"}:
        # A purpose: "will travel to Paris to meet Macron" is planned with the trip; "a forum
        # to broker an agreement" is only a potential.
        head_status = _clause_status(verb.head) if verb.head.pos_ in {"VERB", "AUX"} else None
        head = verb.head
        if (
            head_status is None
            and verb.dep_ == "advcl"
            and head.tag_ == "VBD"
            and not any(c.dep_ == "dobj" for c in head.children)
        ):
            # The purpose of a done act with no object is what the act did: "took to social
            # media to discredit her testimony", "turned out to support Zuma"; what is set up,
            # sent or built for a purpose ("set up a forum to broker a deal") only may serve it.
            return "occurred"
        return "future" if head_status == "future" else "hypothetical"
    going_to = verb.dep_ == "xcomp" and verb.head.lemma_ == "go" and verb.head.tag_ == "VBG"
    if going_to:
        return "future"
    if verb.tag_ == "VBG" and aux & {"is", "are", "am", "'re", "'s"}:
        return "ongoing"
    if _continues_to_now(verb, aux):
        return "ongoing"
    return None


# Auxiliaries of the present perfect: "has been training", "have long refused".
PRESENT_PERFECT_AUX = {"has", "have", "'ve"}
# Present forms of "be" before a passive in progress: "is being investigated".
PRESENT_BE = {"is", "are", "am", "'re", "'s"}
# Adverbs that stretch a present perfect up to now: "has long accused", "have always opposed".
LASTING_ADVERBS = {"long", "always"}


def _continues_to_now(verb: Token, aux: set[str]) -> bool:
    """Whether the clause tells an act still going on: a present perfect progressive ("have
    been pressuring", "has been training"), a passive in progress ("is being investigated"),
    or a present perfect stretched to now ("has long accused", "have always refused", "has
    campaigned since 2015")."""
    if not aux & PRESENT_PERFECT_AUX and not aux & PRESENT_BE:
        return False
    if verb.tag_ == "VBG" and "been" in aux and aux & PRESENT_PERFECT_AUX:
        return True
    if verb.tag_ == "VBN" and "being" in aux and aux & PRESENT_BE:
        return True
    if not aux & PRESENT_PERFECT_AUX:
        return False
    return any(
        (c.dep_ == "advmod" and c.lower_ in LASTING_ADVERBS)
        or (c.dep_ == "prep" and c.lower_ == "since")
        for c in verb.children
    )


def status_of(trigger: Token, carrier: Token | None = None) -> Status:
    """The status of the event named by ``trigger`` (a verb, or a noun governed by ``carrier``)."""
    if trigger.pos_ in {"NOUN", "PROPN"}:
        if any(c.lower_ in NEGATIVE_DETERMINERS for c in trigger.children if c.dep_ == "det"):
            return "negated"
        if any(c.lower_ in NON_SPECIFIC_DETERMINERS for c in trigger.children if c.dep_ == "det"):
            return "hypothetical"  # "rejected any talks": no particular act
        if _averted(trigger):
            return "hypothetical"  # "warned against an attack": to be averted, not done
        if any(c.lower_ in PLANNED_MODIFIERS for c in trigger.children):
            return "future"
        if _in_progress(trigger):
            return "ongoing"
        held = _held_by_noun(trigger)
        if held is not None:
            return held
        if _alleged(trigger):
            return "hypothetical"  # "charged with the killing": alleged, not established
        verb = carrier or (trigger.head if trigger.head.pos_ in {"VERB", "AUX"} else None)
        if verb is not None and trigger.dep_ == "dobj" and verb.lemma_.lower() in REQUESTING_VERBS:
            return "hypothetical"  # "requested an investigation": asked for, not opened
        if verb is not None and trigger.dep_ in {"dobj", "pobj"} and not _carries(verb):
            # "condemned the airstrikes", "did not stop the raids": the verb is another act
            # whose negation is its own; but what is planned or only possible ("planned an
            # attack", "to broker a deal") has not happened yet.
            governed = _governed_status(verb, start_is_trigger=False)
            return governed if governed in {"future", "hypothetical"} else "occurred"
        if verb is not None:
            return _governed_status(verb, start_is_trigger=False)
        # "shortly after a call with X": the clause around the prepositional phrase decides.
        if trigger.head.dep_ == "prep" and trigger.head.head.pos_ in {"VERB", "AUX"}:
            governor = trigger.head.head
            if governor.lemma_.lower() in DIRECTIVE_VERBS:
                return "hypothetical"  # "called for an inquiry": asked for, not held
            return _clause_status(governor) or "occurred"
        return "occurred"
    return _governed_status(trigger, start_is_trigger=True)


def _averted(noun: Token) -> bool:
    """Whether an event noun is what a verb of warding off acts "against"."""
    preposition = noun.head
    if noun.dep_ != "pobj" or preposition.lower_ != "against":
        return False
    governor = preposition.head
    if governor.pos_ not in {"VERB", "AUX"}:
        governor = governor.head  # "protect the camp against raids"
    return governor.lemma_.lower() in AVERTING_VERBS


def _held_by_noun(noun: Token) -> Status | None:
    """The status a noun of possibility or planning gives the act it governs through "of" or
    "for" ("the prospect of sanctions", "plans for talks"); None when no such noun does."""
    preposition = noun.head
    if noun.dep_ != "pobj" or preposition.dep_ != "prep" or preposition.lower_ not in {"of", "for"}:
        return None
    holder = preposition.head.lemma_.lower()
    if preposition.head.pos_ != "NOUN":
        return None
    if holder in MODAL_NOUNS:
        return "hypothetical"
    if holder in PLANNING_NOUNS:
        return "future"
    return None


# Modifiers of a noun that say its event goes on: "the ongoing conflict", "constant
# surveillance".
ONGOING_MODIFIERS = {"ongoing", "continuing", "continued", "constant", "continuous", "persistent"}


def _in_progress(noun: Token) -> bool:
    """Whether a noun names an event going on: modified as such ("the ongoing conflict or the
    illegal occupation": the modifier reaches its conjuncts), or the background of a
    preposition of circumstance ("amid worsening protests")."""
    head = noun.head if noun.dep_ == "conj" else noun
    if any(
        c.dep_ == "amod" and c.lower_ in ONGOING_MODIFIERS for c in (*noun.children, *head.children)
    ):
        return True
    return head.dep_ == "pobj" and head.head.lower_ in {"amid", "amidst"}


def _to_infinitive(verb: Token) -> bool:
    """A bare verb after "to" ("to investigate"), not a finite clause."""
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _present_of_time(verb: Token) -> bool:
    """A clause of time in the simple present: "once he arrives", "when they meet", "as soon
    as the envoy lands" (the parser hangs that one on "soon")."""
    if verb.tag_ not in {"VBZ", "VBP"} or _aux(verb):
        return False
    opened = any(
        c.dep_ in {"advmod", "mark"} and c.lower_ in TEMPORAL_SUBORDINATORS for c in verb.children
    )
    as_soon_as = verb.head.lower_ == "soon" and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in verb.children
    )
    return opened or as_soon_as


def _alleged(word: Token) -> bool:
    """Whether ``word`` (a gerund or an event noun) is what someone is accused, charged or
    suspected of: "accused the senator of lying", "was charged with the killing"."""
    preposition = word.head
    if word.dep_ not in {"pcomp", "pobj"} or preposition.dep_ != "prep":
        return False
    if preposition.lower_ not in ALLEGED_PREPOSITIONS:
        return False
    governor = preposition.head
    return governor.pos_ in {"VERB", "AUX"} and governor.lemma_.lower() in ALLEGING_VERBS


# Verbs of wanting: the act they want of someone else is asked for ("want Congress to act").
WANTING_VERBS = {"want", "wish", "like", "prefer", "need"}


def _wanted_of_another(clause: Token, head: Token) -> bool:
    """ "wants Congress to investigate", "wants the boy returned": a clause with its own subject
    under a verb of wanting (not "wants to meet", the wanter's own plan)."""
    if head.lemma_.lower() not in WANTING_VERBS or clause.tag_ not in {"VB", "VBN"}:
        return False
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children)


def _governed_status(verb: Token, start_is_trigger: bool) -> Status:
    own = _clause_status(verb)
    if own is not None:
        return own
    if start_is_trigger and _alleged(verb):
        return "hypothetical"
    if not start_is_trigger and verb.lemma_.lower() in PLANNING_VERBS:
        return "future"
    current = verb
    for _ in range(MAX_CLIMB):
        if current.dep_ not in {"xcomp", "ccomp", "advcl", "conj", "pcomp", "acl"}:
            break
        via, head = current.dep_, current.head
        if via == "ccomp" and _wanted_of_another(current, head):
            # "want Congress to investigate", "wants Elian returned": an act wished of someone
            # else is asked for, not planned by its doer (the guideline's `hypothetical`).
            return "hypothetical"
        if via == "ccomp" and _to_infinitive(current):
            # "expects Holt to insert himself": the parser makes an infinitive with its own
            # subject a clausal complement; it is as unrealised as "expects to insert".
            via = "xcomp"
        if via == "conj":
            own = _clause_status(head)
            if own == "negated" and _denied_by_subject_only(head) and _has_subject(current):
                own = None  # "No bail was sought, and he was remanded": a subject of its own
            if own is not None:
                return own
        elif via == "advcl" and _present_of_time(current):
            # "it will begin the process once he arrives": the arrival is as planned as the
            # clause it dates; under a past or present clause the tense may be a headline's.
            governor = head.head if head.lower_ == "soon" else head
            held = _clause_status(governor) if governor.pos_ in {"VERB", "AUX"} else None
            if held in {"future", "hypothetical"}:
                return held
            break
        elif via == "xcomp":
            lemma = head.lemma_.lower()
            if negated(head) or lemma in NEGATING_VERBS:
                return "negated"
            if lemma in PLANNING_VERBS or _clause_status(head) == "future":
                return "future"
            if lemma in DIRECTIVE_VERBS:
                return "hypothetical"  # asked for, not done: "urged Israel to halt"
            if _clause_status(head) == "hypothetical":
                return "hypothetical"
        elif via == "pcomp" and head.lower_ == "by" and head.head.pos_ in {"VERB", "AUX"}:
            # "expects Holt to insert himself into the debate by calling out Trump": the means
            # of an act is as planned or possible as the act it serves.
            served = head.head
            held = _clause_status(served)
            if held in {"future", "hypothetical"}:
                return held
            current = served
            continue
        else:
            break
        current = head
    return "occurred"
