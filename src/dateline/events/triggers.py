"""Finding event triggers: verbs and nouns from the lexicons, coded to the closest CAMEO code.

A verb is looked up first in Dateline's core verb list, then in the PETRARCH CAMEO verb
dictionary; PETRARCH's refinement patterns (words in the object, prepositional phrases or the
subject) then pick a more specific code, e.g. "sign" + "peace treaty" -> 057. A noun is looked
up in the event-noun list ("talks", "an airstrike"). A light verb whose object is an event
noun ("held talks", "launched an offensive") yields one event: the noun names it, the verb
carries its actor and mood.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import DEP, LEMMA, LOWER
from spacy.tokens import Token

from dateline.events import lexicon
from dateline.nlp.doctext import token_pos, token_strings
from dateline.nlp.labels import SUBJECT_DEPS, plain_lower
from dateline.quotes.lexicon import cue_nouns

# Dependencies whose subtrees hold the words a PETRARCH pattern may name after the verb.
OBJECT_DEPS = {"dobj", "prt", "prep", "dative", "attr", "oprd", "acomp", "npadvmod", "agent"}
NO_EVENT = "---"
# CAMEO code of denying an allegation (PLOVER REJECT).
DENIAL = "120"
# CAMEO roots of verbal acts: appeal, intend, support, demand, disapprove, reject, threaten.
SPEECH_ACT_ROOTS = {"02", "03", "05", "10", "11", "12", "13"}
# How many tokens from the trigger a context keyword may be ("talks on trade").
CONTEXT_WINDOW = 10
PHONE_WORDS = {"phone", "telephone", "telephonic", "video", "videoconference"}
# Adverbs the parser attaches as ``advmod`` that act as a verb's particle ("shot back at").
ADVERB_PARTICLES = {"back", "out", "down", "up", "off", "away"}
# Verbs that ask or demand only when they name what is asked for ("asked Iran to halt",
# "pressed for talks", "insisted on a recount"); with just an addressee or a question
# ("pressed Flynn on Russia", "asked whether she would resign") they report an interview.
ACTION_NEEDING_DIRECTIVES = {"ask", "press", "insist", "call", "instruct"}
# Verbs of asking or demanding that may put a question instead ("demanded how", "asked why").
QUESTIONING_DIRECTIVES = {"ask", "demand", "press", "request", "insist"}
# Verbs of requesting whose object may be only the source's wish to stay unnamed.
NO_COMMENT_REQUESTS = {"request", "ask", "seek", "demand"}
# What a source asks for when it asks to stay out of the story ("requested anonymity").
SILENCE_WORDS = {"anonymity", "confidentiality"}
# Verbs of talking that are a consultation only with a second party: "talked with the
# envoy", "the two sides talked"; "she talked about her son" is no meeting.
PARTNER_VERBS = {"talk", "speak"}
PARTNER_PREPS = {"with", "to"}
# Words that open a question, not a request ("asked whether", "asked what").
QUESTION_WORDS = {"whether", "if", "what", "who", "whom", "why", "how", "when", "where", "which"}
# Modals of obligation that make a reported clause a demand ("insisted he must resign").
OBLIGATION = {"must", "should", "ought"}
# Nouns that, as a directive's object, name a question, not a request ("asked questions").
QUESTION_NOUNS = {"question", "query"}
# Verbs of refusing whose infinitive names what was refused ("refused to negotiate").
REFUSING_VERBS = {"refuse", "decline"}
# PLOVER types whose refusal is itself a REJECT (CAMEO 12: refusing to meet, to agree, to help,
# to yield); refusing a hostile act ("declined to threaten Moscow") is only that act, negated.
REFUSABLE_TYPES = {
    "CONSULT", "AGREE", "COOPERATE", "AID", "CONCEDE", "RETREAT", "SUPPORT", "REQUEST",
}  # fmt: skip
# Verbs of promising: with a hostile act in their infinitive they threaten it.
PROMISING_VERBS = {"vow", "pledge", "promise", "swear"}
HOSTILE_TYPES = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"}
THREAT = "130"  # CAMEO: threaten, not specified
MILITARY_THREAT = "138"  # CAMEO: threaten with military force
# Things, not people: released, executed or freed they make no concession and no killing
# ("released a documentary", "executed the project").
INANIMATE_THEMES = {
    "video", "report", "statement", "documentary", "film", "movie", "album", "song", "data",
    "figure", "result", "footage", "photo", "photograph", "image", "picture", "recording",
    "transcript", "document", "detail", "information", "plan", "project", "order",
    "strategy", "contract", "program", "programme", "scheme", "policy", "budget", "version",
    "update", "product", "app", "software", "game", "book", "trailer", "list", "study",
    "survey", "poll", "ranking", "earnings", "forecast", "guideline", "statistic", "tape",
    "letter", "email", "memo", "audio", "feature", "model", "phone", "device", "edition",
}  # fmt: skip
# Verbs of issuing a document: "issued a statement condemning X", "signed a letter that
# urged Y" only carry the act the document tells (``_settle_documents``).
ISSUING_VERBS = {
    "issue", "release", "publish", "send", "sign", "put", "post", "adopt", "pass", "circulate",
}  # fmt: skip
# Documents beyond the quotes stage's cue nouns (words carried by a noun): texts adopted or
# signed by a body.
SIGNED_DOCUMENTS = {"resolution", "petition", "motion", "document", "decree", "manifesto"}
RELATIVE_SUBJECT_TAGS = {"WDT", "WP"}
# Verbs that act on people or groups; with an inanimate theme they tell no event.
PERSON_ACTING_VERBS = {"release", "free", "execute"}
# Codes of idioms (``_idiom``): admitting a charge (CAMEO 08, PLOVER CONCEDE), a demand
# (CAMEO 100, REQUEST), criticism (CAMEO 111, ACCUSE).
ADMISSION = "080"
CASE_DROPPED = "081"  # easing a legal case (PLOVER CONCEDE)
DETENTION = "173"
ALLEGATION = "1121"  # CAMEO: accuse of crime (PLOVER ACCUSE)
# The PETRARCH block of verbs of blaming ("charge", "indict"): their "charge with legal action"
# (CAMEO 173, which PLOVER files with arrests under COERCE) is the charge itself, an ACCUSE
# (the guideline: "charges, indictments ... ACCUSE").
BLAMING_BLOCK = "BLAME"
VERDICT = "116"  # CAMEO: find guilty or liable (legally)
# Removing someone from office (PLOVER SANCTION: the guideline's "ousted", "suspended"); CAMEO
# files it with administrative sanctions.
DISMISSAL = "172"
# Seizing territory (CAMEO 192, occupy territory: PLOVER ASSAULT in Dateline's types), not
# property or people (CAMEO 171, COERCE).
OCCUPATION = "192"
# Named-entity labels of territory.
TERRITORY = {"GPE", "LOC"}
ECONOMIC_AGREEMENT = "0311"  # a sale or acquisition (the guideline codes it AGREE)
# Military cooperation (CAMEO 062: PETRARCH codes "sent troops" so) and a deployment of forces
# (CAMEO 154, PLOVER MOBILIZE).
MILITARY_COOPERATION = "062"
DEPLOYMENT = "154"
# A state joining an alliance or international organisation (CAMEO 06, PLOVER COOPERATE, as
# the guideline codes accession): "Poland joined NATO", "became full members of the EU". The
# noun "accession to" is in the noun lexicon; these are its verb phrases. "join" alone is a
# light verb ("joined the talks") and "become" names no act.
ACCESSION = "060"
ACCEDING_VERBS = {"join", "become"}
# Common nouns of a body states join, when the object names none ("joined the alliance").
JOINED_BODIES = {"alliance", "union", "bloc", "organization", "organisation", "federation"}
# The noun "become" takes for membership ("became members of", "became a full member of").
MEMBERSHIP_NOUNS = {"member"}
# The words an accession is told by (``accession_trigger``, the noun "accession" and a body
# noun carried by "join"), as the store compares tellings (``event_identity.same_accession``).
ACCESSION_WORDS = frozenset(
    {"accession", "join", "joins", "joined", "joining", "become", "becomes", "became"}
    | {"becoming", *JOINED_BODIES}
)
# Adjectives of readiness whose complement is an act held in reserve ("willing to strike").
READINESS_WORDS = {"willing", "ready", "prepared"}
# Conjunctions of a condition under which an act would follow ("unless it withdraws").
CONDITION_MARKERS = {"unless", "if"}
# What is dropped when a case is given up ("the charges were dropped").
DROPPABLE_CASES = {
    "charge", "case", "warrant", "lawsuit", "suit", "investigation", "probe", "inquiry",
    "prosecution", "allegation", "indictment", "complaint",
}  # fmt: skip
# What a body grants when it accedes to a request (the guideline's "Settled" list: a permission,
# visa, waiver, amnesty or extension granted is CONCEDE; aid, loans and asylum stay AID). In
# PLV_train 6 of the 8 dyads told by "grant" are YIELD (CONCEDE).
GRANTED_REQUESTS = {
    "permission", "visa", "waiver", "amnesty", "pardon", "clemency", "exemption", "extension",
    "request", "access", "immunity", "bail", "parole", "reprieve", "concession", "license",
    "licence", "permit", "status", "approval", "leave", "release", "independence", "autonomy",
}  # fmt: skip
ACCEDE = "083"  # CAMEO: accede to requests or demands for political reform (PLOVER CONCEDE)
# Diplomats summoned by a government to hear its protest (PLV_train: 8 of the 9 dyads told by
# "summon" are ACCUSE); a witness summoned to testify is not among them.
ENVOYS = {
    "ambassador", "envoy", "diplomat", "chargé", "attaché", "attache", "consul", "emissary",
}  # fmt: skip
# Where one is held ("held in custody").
CUSTODY_PLACES = {"custody", "detention", "jail", "prison"}
DEMAND = "100"
CRITICISM = "111"
# Verbs of warning, pressing and telling that, with an addressee and an infinitive, demand an
# act ("warned Oslo to", "told the minister to resign": CAMEO's "TELL * TO" is a demand).
DIRECTING_VERBS = {"warn", "pressure", "press", "tell"}
# Verbs of physical force that also tell a verbal attack on someone.
FORCE_WORDS_OF_CRITICISM = {"attack", "blast", "hammer", "slam", "savage", "lambaste"}
# Verbs that interrogate a person ("police questioned the driver", CAMEO 09) or, told of a
# thing someone has, doubt it ("questioned the health of the candidate"): criticism.
DOUBTING_VERBS = {"question"}
# Named-entity labels of a party that has what is doubted ("the health of Trump").
NAMED_OWNERS = {"PERSON", "ORG", "NORP", "GPE"}
# Nouns of a stretch of time ("attacked the base for hours"): a duration, not a reason.
DURATIONS = {"time", "hour", "minute", "day", "week", "month", "year", "while", "night"}
# Verbs of speaking whose refusal is no event ("declined to comment", "refused to say").
SPEAKING_VERBS = {
    "comment", "say", "speak", "elaborate", "confirm", "specify",
    "disclose", "discuss", "identify", "name", "reveal", "detail", "give", "provide",
    "describe", "explain", "clarify",
}  # fmt: skip


@dataclass(frozen=True)
class Trigger:
    """One event trigger in a parsed sentence."""

    token: Token  # the word naming the event (verb or noun)
    cameo: str
    symmetric: bool
    nominal: bool
    carrier: Token | None = None  # for a nominal trigger, the verb that governs it, if any
    curated: bool = True  # False when only the broad PETRARCH dictionary knows the verb
    # How the trigger was found when not from the hand-written lexicons: "derived" (a noun
    # derived from a core verb, ``event_nominals.tsv``) or "evaluation" (an evaluative speech
    # act, ``dateline.events.evaluations``); None otherwise.
    source: str | None = None

    @property
    def speech_act(self) -> bool:
        """Appeals, demands, accusations, threats...: "the X of Y" names who makes them."""
        return self.cameo[:2] in SPEECH_ACT_ROOTS


def _words(tokens: list[Token]) -> set[str]:
    words: set[str] = set()
    if not tokens:
        return words
    # The strings from the document's columns (``token.lower_``, ``token.lemma_``), which
    # spaCy would look up in its string store at every access.
    doc = tokens[0].doc
    lowers, lemmas = token_strings(doc, LOWER), token_strings(doc, LEMMA)
    for token in tokens:
        i = token.i
        words.add(lowers[i])
        words.add(lemmas[i].lower())
    return words


def _after_words(verb: Token) -> set[str]:
    tokens = [t for child in verb.children if child.dep_ in OBJECT_DEPS for t in child.subtree]
    return _words(tokens)


# Prepositions of a phrase that says where an act happened ("seized drugs at the airport", "in
# the city"): its words name the scene, not what the act is done to.
SCENE_PREPOSITIONS = {
    "in", "at", "near", "inside", "outside", "within", "across", "throughout", "around",
}  # fmt: skip


def _acted_on_words(verb: Token) -> set[str]:
    """The words after the verb that can say what it acts on: those of ``_after_words`` less a
    phrase of place ("seized 300 kilos of meat at a market in Quezon City" does not seize a
    city) and less a place named as a second direct object, which the parser makes of a place
    told after the first ("seized their kilos ... Quezon City"; "extended the company $90
    million" keeps its second object)."""
    tokens: list[Token] = []
    objects = 0
    for child in verb.children:
        if child.dep_ not in OBJECT_DEPS:
            continue
        if child.dep_ == "prep" and child.lower_ in SCENE_PREPOSITIONS and child.i > verb.i:
            continue  # a fronted phrase may frame the act instead ("In its latest deadline")
        if child.dep_ == "dobj":
            objects += 1
            if objects > 1 and child.ent_type_ in TERRITORY:
                continue
        tokens.extend(child.subtree)
    return _words(tokens)


def _before_words(verb: Token) -> set[str]:
    tokens = [t for child in verb.children if child.dep_ in SUBJECT_DEPS for t in child.subtree]
    return _words(tokens)


def _particles(verb: Token) -> set[str]:
    """The verb's particles and prepositions; a preposition of time ("seized on Monday") binds
    to no phrasal verb ("seize on" a report)."""
    return {
        child.lower_
        for child in verb.children
        if child.dep_ == "prt"
        or (child.dep_ == "prep" and not _of_time(child))
        or (child.dep_ == "advmod" and child.lower_ in ADVERB_PARTICLES)
    }


def _binds(verb: Token, entry: lexicon.LexEntry) -> bool:
    """Whether a phrasal entry that names no event ("seize on") holds for the verb: its
    preposition follows the verb closely and the verb has no direct object ("seized on the
    report"; "seized a bomb ... on the eve of the talks" is a seizure)."""
    if entry.cameo != NO_EVENT:
        return True
    if any(c.dep_ == "dobj" for c in verb.children):
        return entry.particle in {c.lower_ for c in verb.children if c.dep_ == "prt"}
    return any(
        c.lower_ == entry.particle and c.i <= verb.i + 2
        for c in verb.children
        if c.dep_ in {"prep", "prt", "advmod"}
    )


def _of_time(prep: Token) -> bool:
    """ "on Monday", "in March", "for hours": a preposition whose object is a time."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(
        o.ent_type_ in {"DATE", "TIME"} or o.lemma_.lower() in DURATIONS for o in objects
    )


def _is_question(clause: Token) -> bool:
    """ "whether she would resign", "what he planned": a reported question."""
    first = next(clause.subtree)
    return first.lower_ in QUESTION_WORDS or any(
        c.dep_ == "mark" and c.lower_ in QUESTION_WORDS for c in clause.children
    )


def _obliging(clause: Token) -> bool:
    """ "that he must resign", "that the minister resign" (a subjunctive: a bare verb form
    with its own subject and no auxiliary)."""
    aux = [c for c in clause.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.lower_ in OBLIGATION for a in aux):
        return True
    subject = any(c.dep_ in SUBJECT_DEPS for c in clause.children)
    return clause.tag_ == "VB" and subject and not aux


def _calls_upon(verb: Token, on: Token) -> bool:
    """ "called on the government", "insisted on a recount"; not "called Trump on Monday"
    (a telephone call with its day)."""
    if any(c.dep_ == "dobj" for c in verb.children):
        return False
    return not any(g.ent_type_ in {"DATE", "TIME"} for g in on.children if g.dep_ == "pobj")


def asks_question(verb: Token) -> bool:
    """Whether a verb of asking or demanding puts a question: its clause is a question ("asked
    the detectives how anyone could know", "demanded why the bank waited") and it names no act
    asked for (no infinitive, no "for" phrase); or it has no complement at all and follows a
    question mark ('"Is it too big to manage?" the senator demanded.')."""
    children = list(verb.children)
    if any(c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"} for c in children) or any(
        c.dep_ == "prep" and c.lower_ == "for" for c in children
    ):
        return False
    if any(c.dep_ in {"ccomp", "advcl"} and _is_question(c) for c in children):
        return True
    complements = {"dobj", "ccomp", "xcomp", "prep", "dative", "advcl"}
    if any(c.dep_ in complements for c in children):
        return False
    before = verb.doc[max(verb.sent.start - 3, 0) : verb.i]
    return any(t.text == "?" for t in before)


def _names_as(verb: Token) -> bool:
    """ "called him a charlatan for promoting cures", "was called reckless": the verb names
    someone as something (a noun or adjective complement), and a "for" phrase gives the reason,
    not what is asked for."""
    return any(
        c.dep_ in {"oprd", "xcomp", "attr", "acomp"} and c.pos_ in {"NOUN", "ADJ", "PROPN"}
        for c in verb.children
    )


def names_requested_action(verb: Token) -> bool:
    """Whether an asking or pressing verb says what is asked for: an infinitive, a "for"/"on"
    phrase, a demanded clause, or a thing asked for that is neither a question nor only the
    one asked."""
    lemma = verb.lemma_.lower()
    if asks_question(verb) or _names_as(verb):
        return False
    for child in verb.children:
        if child.dep_ == "xcomp":
            if child.pos_ not in {"VERB", "AUX"}:
                continue  # "called Trump a liar" names him; it asks nothing
            # "asked Flynn to describe Putin" is an interview question, not a request.
            return lemma != "ask" or child.lemma_.lower() not in SPEAKING_VERBS
        # "pressed Flynn on Russia issues" asks about, "insisted on a recount" demands.
        asked_for = child.lower_ == "for" or (
            child.lower_ in {"on", "upon"}
            and lemma in {"insist", "call"}
            and _calls_upon(verb, child)
        )
        if child.dep_ == "prep" and asked_for:
            return True
        # "asked that the vote be delayed"; "insisted" only with "must" or a subjunctive.
        demanded = lemma != "insist" or _obliging(child)
        if child.dep_ == "ccomp" and not _is_question(child) and demanded:
            return True
        if child.dep_ == "dobj" and lemma == "ask":
            # One presses or asks someone; one asks (not presses) for a thing ("asked permission").
            if child.ent_type_ or child.pos_ in {"PROPN", "PRON"}:
                continue  # the one asked
            if child.lemma_.lower() in QUESTION_NOUNS:
                continue
            return True
    return False


def _requests_only_silence(verb: Token) -> bool:
    """ "requested anonymity", "asked for anonymity", "asked not to be named": a source's
    condition for speaking, no request of anyone."""
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in SILENCE_WORDS:
            return True
        asked_for = child.dep_ == "prep" and child.lower_ == "for"
        if asked_for and any(g.lemma_.lower() in SILENCE_WORDS for g in child.children):
            return True
        if child.dep_ == "xcomp" and child.lemma_.lower() in {"name", "identify"}:
            passive = any(g.dep_ == "auxpass" for g in child.children)
            negated = any(g.dep_ == "neg" for g in child.children)
            if passive and negated:
                return True
    return False


def _inanimate_theme(verb: Token) -> bool:
    """Whether what the verb acts on (its object, or its passive subject) is a thing."""
    themes = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    return any(t.lemma_.lower() in INANIMATE_THEMES for t in themes)


def _has_partner(verb: Token) -> bool:
    """Whether a talking verb names a second party: a "with"/"to" phrase, co-ordinated
    subjects, or a plural noun subject ("the two sides talked")."""
    if any(c.dep_ == "prep" and c.lower_ in PARTNER_PREPS for c in verb.children):
        return True
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None:
        return True  # the subject is elsewhere ("agreed to talk"): let the arguments decide
    if subject.conjuncts:
        return True
    return subject.pos_ in {"NOUN", "PROPN"} and subject.tag_ in {"NNS", "NNPS"}


def _denied_claim(verb: Token) -> bool:
    """ "insisted she never sent the questions": maintaining that something did not happen
    denies an allegation (REJECT)."""
    return any(
        c.dep_ == "ccomp" and any(d.dep_ == "neg" for d in c.children) for c in verb.children
    )


def refine(verb: Token, block: str, default: str | None, content_only: bool = False) -> str | None:
    """The code of the most specific PETRARCH pattern of ``block`` matching around ``verb``.

    With ``content_only``, patterns made only of function words ("* WITH") are ignored: they
    would override a hand-checked code on the strength of a preposition. A pattern whose code
    has no PLOVER event (CAMEO 01x) does not override the default either.
    """
    patterns = lexicon.cameo_patterns().get(block)
    if patterns is None or not patterns.patterns:
        return default
    after, before = _after_words(verb), _before_words(verb)
    # What the verb acts on is read only when a pattern asks for it (most verbs have none).
    acted_on: set[str] | None = None
    lemma = verb_lemma(verb)
    for pattern in patterns.candidates(before, after):  # most specific first
        if content_only and not pattern.has_content_word:
            continue
        if pattern.verb and pattern.verb != lemma:
            continue
        # A pattern that names a preposition of place ("in custody", "at demonstration")
        # reads the phrase of place; any other reads only what the verb acts on.
        if any(slot & SCENE_PREPOSITIONS for slot in pattern.after):
            words = after
        else:
            if acted_on is None:
                acted_on = _acted_on_words(verb)
            words = acted_on
        if all(slot & words for slot in pattern.after) and all(
            slot & before for slot in pattern.before
        ):
            if lexicon.coding(pattern.cameo) is None and default is not None:
                continue
            return pattern.cameo
    return default


def contexts(trigger: Trigger, coded: tuple[str, ...]) -> list[str]:
    """The CAMEO code's PLOVER contexts plus those signalled by words of the event's own
    phrase: the trigger's dependents and, for a noun, its carrier's object ("troops")."""
    heads = [trigger.token] + ([trigger.carrier] if trigger.carrier is not None else [])
    words = {
        t.lemma_.lower()
        for head in heads
        for t in head.subtree
        if abs(t.i - head.i) <= CONTEXT_WINDOW
    }
    found = list(coded)
    keywords = lexicon.context_keywords()
    for word in sorted(words):
        context = keywords.get(word)
        if context and context not in found:
            found.append(context)
    return found


def _is_phone(token: Token) -> bool:
    related = [token, *token.children]
    related += [g for c in token.children if c.dep_ == "prep" for g in c.children]
    return any(t.lower_ in PHONE_WORDS for t in related)


def verb_lemma(verb: Token) -> str:
    """The verb's lemma, repaired where the small model's lemmatizer strips a final "e" the
    lexicons know ("fined" -> "fin", "raped" -> "rap"): when the lemma is no known verb but
    the word is that lemma plus an inflection and lemma + "e" is a known verb, that is it."""
    return _verb_lemma(verb.lemma_.lower(), verb.lower_)


def _verb_lemma(lemma: str, form: str) -> str:
    """``verb_lemma`` of a verb with lower-case ``lemma`` and word ``form``."""
    if _known_verb(lemma):
        return lemma
    repaired = lemma + "e"
    if form in {lemma + "ed", lemma + "es", lemma + "ing"} and _known_verb(repaired):
        return repaired
    return lemma


def _known_verb(lemma: str) -> bool:
    return lemma in lexicon.core_verbs() or lemma in lexicon.cameo_verbs()


def verb_trigger(verb: Token) -> Trigger | None:
    lemma = verb_lemma(verb)
    particles = _particles(verb)
    core = lexicon.core_verbs().get(lemma, [])
    # A true particle binds closer than a preposition: "called out X for her ways" is "call
    # out", not "call for".
    adverbial = {c.lower_ for c in verb.children if c.dep_ in {"prt", "advmod"}} & particles
    entry = next((e for e in core if e.particle and e.particle in adverbial), None)
    entry = entry or next(
        (e for e in core if e.particle and e.particle in particles and _binds(verb, e)), None
    )
    entry = entry or next((e for e in core if not e.particle), None)
    block, petrarch_default = lexicon.cameo_verbs().get(lemma, ("", ""))
    if entry is not None:
        # "---" marks a verb that names no event by itself ("say", "come"); a PETRARCH
        # pattern may still code it ("gave asylum").
        default = None if entry.cameo == NO_EVENT else entry.cameo
    else:
        default = petrarch_default or None
    if default is None and not block:
        return None
    cameo = default
    # PETRARCH patterns refine a code; a core particle entry ("call for") is already specific.
    if block and not (entry and entry.particle):
        cameo = refine(verb, block, default, content_only=entry is not None)
    if cameo == DETENTION and block == BLAMING_BLOCK:
        cameo = ALLEGATION  # "prosecutors charged X with robbing", "a jury indicted X"
    refined = cameo
    cameo = _idiom(verb, lemma, cameo)
    # An idiom is hand-written knowledge, as the core verbs are.
    idiomatic = cameo != refined
    if cameo is None:
        return None
    # A light verb ("hold", "make") is an event on its own only when a pattern says so.
    if lemma in lexicon.light_verbs() and cameo == default and (entry is None or default is None):
        return None
    if cameo.startswith("04") and _is_phone(verb):
        cameo = "041"
    if (
        lemma in QUESTIONING_DIRECTIVES
        and _plover_type(cameo) == "REQUEST"
        and asks_question(verb)
        and not _denied_claim(verb)
    ):
        return None  # "demanded how he could be so sure": a question, not a demand
    if lemma == "plead" and _plover_type(cameo) == "REQUEST" and not _appeals(verb):
        return None  # "pleaded innocent to the charges": a plea in court, no appeal to anyone
    if _habitual(verb):
        return None  # "generally supported Democrats": no particular occasion
    if lemma == "agree" and shares_view(verb):
        return None  # "agreed with X that the plan is unfair": an opinion shared
    if lemma in NO_COMMENT_REQUESTS and _requests_only_silence(verb):
        return None  # "both officials requested anonymity", "asked not to be named"
    if (
        lemma in ACTION_NEEDING_DIRECTIVES
        and _plover_type(cameo) == "REQUEST"
        and not names_requested_action(verb)
    ):
        if lemma != "insist" or not _denied_claim(verb):
            return None
        cameo = DENIAL
    if lemma in PARTNER_VERBS and not _has_partner(verb):
        return None
    if lemma in PERSON_ACTING_VERBS and _inanimate_theme(verb):
        return None
    curated = (entry is not None and default is not None) or idiomatic
    symmetric = bool(entry and entry.symmetric)
    hostile = _plover_type(cameo)
    if hostile in HOSTILE_TYPES and _held_in_reserve(verb):
        # A hostile act offered on a condition, or that its doer is ready for, is a threat
        # of it (CAMEO 13), as a promised one is (``_settle_vows``).
        cameo = MILITARY_THREAT if hostile == "ASSAULT" else THREAT
        symmetric = False
    return Trigger(verb, cameo, symmetric, nominal=False, curated=curated)


def _held_in_reserve(verb: Token) -> bool:
    """ "would bomb the town unless the rebels surrendered", "if they cross the line, we will
    strike", "is willing to strike": the act is conditional on what another does, or its doer
    only declares readiness for it; either way it has not happened."""
    conditioned = any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKERS
                                  for m in c.children)
        for c in verb.children
    )  # fmt: skip
    head = verb.head
    ready = verb.dep_ == "xcomp" and head.pos_ == "ADJ" and head.lemma_.lower() in READINESS_WORDS
    return conditioned or ready


def _sold_to_someone(verb: Token) -> bool:
    """ "sold the unit to a rival", "the stake was sold to X": a sale with its buyer."""
    return any(
        c.dep_ in {"dative", "prep"}
        and c.lower_ == "to"
        and any(g.dep_ == "pobj" for g in c.children)
        for c in verb.children
    )


def _guilty(verb: Token) -> bool | None:
    """What a verb's "guilty" says: True for "found guilty", "pleaded guilty"; False for "not
    guilty"; None when the verb has no "guilty"."""
    guilty = next((c for c in verb.children if c.lower_ == "guilty"), None)
    if guilty is None:
        return None
    return not any(c.dep_ == "neg" for c in [*verb.children, *guilty.children])


def _idiom(verb: Token, lemma: str, cameo: str | None) -> str | None:
    """The code of a verb whose phrase says more than the verb alone: a plea in court, a
    warning or pressure that names what the one warned must do, criticism told with a word
    of force ("attacked the senator for her vote", "blasted the apology as insincere"),
    charges dropped, a suspect held in custody, a request granted, an envoy summoned."""
    if lemma == "find" and _guilty(verb):
        return VERDICT  # "was found guilty of fraud", "the jury found him guilty"
    if lemma == "sell" and _sold_to_someone(verb):
        return ECONOMIC_AGREEMENT  # "sold its bakery unit to X"; not "sold more bread"
    if lemma == "drop" and _themes(verb) & DROPPABLE_CASES:
        return CASE_DROPPED  # "the charges were dropped", "dropped the lawsuit"
    if lemma == "hold" and _held_in_custody(verb):
        return DETENTION
    if lemma == "plead" and (pleaded := _guilty(verb)) is not None:
        # "pleaded guilty" admits the charge; "pleaded not guilty" denies it.
        return ADMISSION if pleaded else DENIAL
    if cameo is not None and cameo.startswith("171") and _themes_territory(verb):
        return OCCUPATION  # "Russia seized Crimea", "rebels captured the province"
    if lemma == "grant" and _themes(verb) & GRANTED_REQUESTS:
        return ACCEDE  # "granted him a visa", "granted the town an exemption"
    if lemma == "summon" and _themes(verb) & ENVOYS:
        return CRITICISM  # "summoned the Russian ambassador": a diplomatic protest
    if (cameo or "").startswith(MILITARY_COOPERATION) and _sent_into(verb):
        return DEPLOYMENT  # "sent its troops into Lebanon", "moved troops to the border"
    if lemma in REMOVING_VERBS and _removes_from_office(verb):
        # "Musharraf fired the chief justice", "the president dismissed four governors": a
        # removal from office; not "fired at the crowd", "dismissed the claims".
        return DISMISSAL
    if lemma in DIRECTING_VERBS and _directs(verb):
        return DEMAND
    if lemma in FORCE_WORDS_OF_CRITICISM and _criticised(verb):
        return CRITICISM
    if lemma in DOUBTING_VERBS and cameo == lexicon_code(lemma) and _doubted(verb):
        return CRITICISM
    if _plover_type(cameo or "") == "REJECT" and _dismissed_as(verb):
        return CRITICISM  # "critics dismissed Sloan as the wrong man": a judgement of him
    if cameo is None and lemma in SEIZING_ON and _seizes_on_owned(verb):
        return CRITICISM  # "seized on Trump's remarks": used against him, not taken
    if _plover_type(cameo or "") == "ASSAULT" and not _themes_person(verb):
        themes = _themes(verb)
        if themes & (PROPOSALS | POSITIONS) and lemma in FORCE_WORDS_OF_CRITICISM:
            # "slammed the plan", "attacked the bill", "attacked the ideology of X", "blasted
            # his remarks": a judgement of it
            return CRITICISM
        downed = "down" in _particles(verb) or lemma in FORCE_WORDS_OF_REJECTION
        if themes & PROPOSALS and downed:
            return REJECTION  # "shot down the proposal", "killed the bill", "struck down the law"
        if themes & ADVERSITIES:
            return None  # "attacked the problem", "battled the blaze", "fought the virus"
    if (cameo or "").startswith(INVESTIGATION) and _investigates_mishap(verb):
        return None  # "the WHO is investigating an outbreak": nobody is accused
    return cameo


REJECTION = "120"  # CAMEO: reject, not specified (PLOVER REJECT)
# Verbs of destroying that, told of a proposal, turn it down ("killed the bill"); "broke the
# law" breaks it and rejects nothing.
FORCE_WORDS_OF_REJECTION = {"kill", "torpedo", "sink", "scuttle", "crush"}
# What is proposed or decided, not a party: a verb of force acting on it judges or rejects it.
PROPOSALS = {
    "idea", "proposal", "plan", "suggestion", "notion", "bill", "legislation", "amendment",
    "motion", "law", "rule", "regulation", "ruling", "policy", "request", "bid", "offer",
    "nomination", "measure", "initiative", "reform",
}  # fmt: skip
# What someone says, holds or decides: attacked, it is criticised, never assaulted ("attacked
# the hateful ideology of X", "slammed her remarks", "blasted the court's decision").
POSITIONS = {
    "ideology", "doctrine", "rhetoric", "remark", "comment", "statement", "speech", "claim",
    "argument", "view", "stance", "agenda", "record", "decision", "approach",
    "tweet", "message", "platform", "philosophy", "belief", "worldview",
}  # fmt: skip
# Troubles and natural forces one fights or tackles: no party is attacked ("battled the blaze",
# "tackled poverty", "battled cancer"); the guideline codes no natural event or illness. Not
# "fire": "opened fire", "returned fire" are shooting.
ADVERSITIES = {
    "problem", "issue", "crisis", "challenge", "blaze", "flame", "wildfire",
    "inferno", "disease", "virus", "outbreak", "epidemic", "pandemic", "infection", "cancer",
    "illness", "corruption", "poverty", "inflation", "unemployment", "deficit", "climate",
    "pollution", "hunger", "obesity", "addiction", "tear", "odds", "flood", "drought",
    "fatigue", "injury", "heat", "cold", "traffic",
}  # fmt: skip


INVESTIGATION = "09"  # CAMEO root of investigating (PLOVER ACCUSE: of a party)
# Mishaps looked into without a party suspected: an investigation of one accuses nobody
# ("investigating an outbreak", "an inquiry into the cause of the crash"). Not a fire (it may be
# arson) nor "problems" or "corruption" (someone's).
MISHAPS = {
    "disease", "virus", "outbreak", "epidemic", "pandemic", "infection", "illness", "cancer",
    "cause", "crash", "accident", "explosion", "collapse", "contamination", "derailment",
    "sinking", "fatality", "flood", "drought",
}  # fmt: skip


# Verbs of seizing whose "on"/"upon" makes use of something ("seize on" in event_verbs.tsv).
SEIZING_ON = {"seize"}


def _seizes_on_owned(verb: Token) -> bool:
    """ "seized upon Mr. Trump's appearance", "seized on the remarks of the senator": what is
    seized on is a named party's act or words, used against that party."""
    for thing in _prep_objects_of(verb, {"on", "upon"}):
        owners = [c for c in thing.children if c.dep_ == "poss"]
        owners += _prep_objects_of(thing, {"of"})
        if any(o.ent_type_ in NAMED_OWNERS for o in owners):
            return True
    return False


def _investigates_mishap(head: Token) -> bool:
    """Whether an investigating verb or noun looks into a mishap (its object, or the object
    of its "into"/"of" phrase; "the cause of the crash" reaches "crash")."""
    looked_into = [c for c in head.children if c.dep_ in {"dobj", "nsubjpass"}]
    looked_into += [o for o in _prep_objects_of(head, {"into", "of"})]
    for thing in list(looked_into):
        if thing.lemma_.lower() == "cause":
            looked_into += _prep_objects_of(thing, {"of"})
    return any(
        t.lemma_.lower() in MISHAPS and not t.ent_type_ and t.pos_ == "NOUN" for t in looked_into
    ) and not any(t.ent_type_ in NAMED_OWNERS for t in looked_into)


def _prep_objects_of(head: Token, preps: set[str]) -> list[Token]:
    return [
        o
        for p in head.children
        if p.dep_ == "prep" and p.lower_ in preps
        for o in p.children
        if o.dep_ == "pobj"
    ]


def _appeals(verb: Token) -> bool:
    """ "pleaded for mercy", "pleaded with the court to", "pleaded that he be spared": a plea
    that asks someone something (not a plea of guilty or innocent entered in court)."""
    return any(
        (c.dep_ == "prep" and c.lower_ in {"for", "with"}) or c.dep_ in {"xcomp", "ccomp"}
        for c in verb.children
    )


# Adverbs of frequency that make a clause generic or habitual ("generally supported",
# "routinely detains"): the guideline codes no event without a particular occasion.
HABITUAL_ADVERBS = {
    "generally", "usually", "typically", "routinely", "normally", "habitually",
    "traditionally", "customarily", "often", "frequently", "regularly", "sometimes",
    "seldom", "rarely",
}  # fmt: skip


def _habitual(verb: Token) -> bool:
    return _role_clause(verb) or any(
        c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS for c in verb.children
    )


# Relative pronouns that stand for the noun a relative clause describes.
RELATIVE_SUBJECTS = {"who", "which", "that"}


def _role_clause(verb: Token) -> bool:
    """A simple present in a relative clause whose subject is the relative pronoun tells what
    its noun does as a rule, its standing role ("two envoys, who monitor the country's
    compliance"; "a group that opposes the law"), not an act on a particular occasion."""
    if verb.dep_ != "relcl" or verb.tag_ not in {"VBP", "VBZ"}:
        return False
    if any(c.dep_ in {"aux", "auxpass", "neg"} for c in verb.children):
        return False
    return any(c.dep_ == "nsubj" and c.lower_ in RELATIVE_SUBJECTS for c in verb.children)


def _dismissed_as(verb: Token) -> bool:
    """ "dismissed Sloan as the wrong man", "rejected the senator as a puppet": a person
    (not a plan or an offer) written off as something is criticised."""
    person = any(
        c.dep_ == "dobj" and (c.ent_type_ == "PERSON" or c.ent_type_ == "NORP")
        for c in verb.children
    )
    return person and any(
        c.dep_ == "prep" and c.lower_ == "as" and any(g.dep_ == "pobj" for g in c.children)
        for c in verb.children
    )


def _themes(verb: Token) -> set[str]:
    """Lemmas of what a verb acts on: its object, or its subject in the passive."""
    return {c.lemma_.lower() for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}}


def _held_in_custody(verb: Token) -> bool:
    """ "was held in custody", "is being held without bail", "held on two counts of assault"."""
    if not any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
        return False
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        places = {g.lemma_.lower() for g in prep.children if g.dep_ == "pobj"}
        if prep.lower_ in {"in", "into"} and places & CUSTODY_PLACES:
            return True
        if prep.lower_ == "without" and places & {"bail", "bond"}:
            return True
        if prep.lower_ == "on" and places & {"charge", "count", "suspicion"}:
            return True
    return False


def _themes_territory(verb: Token) -> bool:
    """Whether what a verb of seizing takes is a country, region or town by name: its first
    object (or passive subject). A place named after the goods seized is where they were taken,
    even when the parser makes it a second object ("seized 300 kilos of meat at a market in
    Quezon City")."""
    themes = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    return bool(themes) and themes[0].ent_type_ in TERRITORY


# Verbs that, told of a person or an office holder, remove them from office.
REMOVING_VERBS = {"fire", "dismiss"}
# Nouns of public offices and posts: "dismissed four governors", "fired the police chief".
PUBLIC_OFFICES = {
    "governor", "minister", "mayor", "judge", "justice", "prosecutor", "chief",
    "commissioner", "secretary", "general", "commander", "ambassador", "envoy", "official",
    "officer", "sheriff", "superintendent", "director", "adviser", "advisor", "aide",
    "spokesman", "spokeswoman", "deputy", "premier", "chancellor", "inspector", "auditor",
}  # fmt: skip
# Prepositions that make a passive "fire" a shooting: "was fired on", "were fired upon".
SHOT_AT_PREPS = {"at", "on", "upon"}


def _removes_from_office(verb: Token) -> bool:
    """Whether a verb of removing acts on a person or an office holder ("fired Chaudhry",
    "dismissed four governors", "the officer was fired"), not on weapons, claims or a case,
    not at a target ("was fired upon") and not judging someone ("dismissed X as a puppet")."""
    if _shot_at(verb):
        return False
    if _dismissed_as(verb):
        return False
    return _themes_person(verb) or bool(_themes(verb) & PUBLIC_OFFICES)


# Names of parties a force may be sent to help ("sent troops to Poland"): any other
# destination, or any "into", is a deployment.
PARTY_LABELS = {"GPE", "NORP", "ORG"}


def _sent_into(verb: Token) -> bool:
    """Whether forces are sent into a territory ("sent its troops into Lebanon") or to a place
    that is no party ("to the border", "to the Gulf"): a deployment, not help given to a
    state ("sent 3,000 soldiers to Poland")."""
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        objects = [g for g in prep.children if g.dep_ == "pobj"]
        if prep.lower_ == "into" and objects:
            return True
        if prep.lower_ == "to" and objects and objects[0].ent_type_ not in PARTY_LABELS:
            return True
    return False


def _shot_at(verb: Token) -> bool:
    """ "the convoy was fired upon", "the officers were fired on from a roof": a passive with a
    stranded or placed "at", "on", "upon" is shooting (not "was fired on Monday")."""
    if any(c.dep_ == "dobj" for c in verb.children):
        return False  # "fired the chief at a meeting"
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in SHOT_AT_PREPS):
        objects = [g for g in prep.children if g.dep_ == "pobj"]
        if not objects or any(g.ent_type_ not in {"DATE", "TIME"} for g in objects):
            return True
    return False


def _themes_person(verb: Token) -> bool:
    """Whether a verb acts on a named person: its object, or its subject in the passive, is a
    name that is no place, product or nationality (weapons fired are common nouns: "fired
    rockets", "fired their rifles")."""
    return any(
        c.dep_ in {"dobj", "nsubjpass"}
        and (c.ent_type_ == "PERSON" or (c.pos_ == "PROPN" and c.ent_type_ not in NOT_PERSONS))
        for c in verb.children
    )


# Named-entity labels of names that are not people ("fired a Tomahawk" is no dismissal).
NOT_PERSONS = {"GPE", "LOC", "FAC", "PRODUCT", "NORP", "WORK_OF_ART", "EVENT"}


# Modals and auxiliaries that make an agreed clause a commitment ("agreed that talks will
# resume"), not a shared view ("agreed that the plan is not ideal"). Not "should": "agreed
# that the lights should stay off" is a view of what ought to be, nobody commits to it.
COMMITTING_AUX = {"will", "would", "shall", "must", "'ll", "could", "can"}


def shares_view(verb: Token) -> bool:
    """ "agreed with the detective that a trial is not ideal", "agreed that the law was
    unfair", "agreed with X about the winner": agreeing to a statement, an opinion; not
    "agreed to talks", "agreed on a ceasefire", "agreed that troops will withdraw"."""
    children = list(verb.children)
    if any(c.dep_ in {"dobj", "xcomp"} for c in children):
        return False
    if any(c.dep_ == "prep" and c.lower_ in {"to", "on", "upon"} for c in children):
        return False
    if _about(verb):
        return True  # "agreed with Matthews about the winner": a view shared, no deal
    clauses = [c for c in children if c.dep_ == "ccomp"]
    if not clauses:
        return False
    return not any(
        a.dep_ in {"aux", "auxpass"} and plain_lower(a) in COMMITTING_AUX
        for clause in clauses
        for a in clause.children
    )


def _about(verb: Token) -> bool:
    """Whether a verb has an "about" phrase, its own or (as the parser often hangs it) its
    "with" partner's: "agreed with her rival about the need for police"."""
    for child in verb.children:
        if child.dep_ != "prep":
            continue
        if child.lower_ == "about":
            return True
        if child.lower_ == "with":
            partners = [g for g in child.children if g.dep_ == "pobj"]
            if any(p.dep_ == "prep" and p.lower_ == "about" for g in partners for p in g.children):
                return True
    return False


def _directs(verb: Token) -> bool:
    """ "warned North Korea to refrain", "pressured the landlords to keep": an addressee and
    the act asked of them."""
    has_addressee = any(c.dep_ in {"dobj", "dative"} for c in verb.children)
    return has_addressee and any(
        c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"} for c in verb.children
    )


def lexicon_code(lemma: str) -> str | None:
    """The core verb list's plain code of a lemma (no particle), if any."""
    return next((e.cameo for e in lexicon.core_verbs().get(lemma, []) if not e.particle), None)


def _doubted(verb: Token) -> bool:
    """Whether a verb of questioning doubts something rather than interrogating someone:
    its object is something a named party has ("the health of Trump", "Clinton's
    judgement"; not "the driver of the truck"), or it questions whether something is so."""
    for child in verb.children:
        if child.dep_ == "ccomp" and any(g.lower_ in {"whether", "if"} for g in child.children):
            return True  # "questioned whether the count was fair"
        if child.dep_ != "dobj" or child.ent_type_:
            continue  # "questioned Smith": a named object is questioned in person
        owners = [g for g in child.children if g.dep_ == "poss"] + [
            o for p in child.children if p.dep_ == "prep" and p.lower_ == "of"
            for o in p.children if o.dep_ == "pobj"
        ]  # fmt: skip
        return any(o.ent_type_ in NAMED_OWNERS for o in owners)
    return False


def _criticised(verb: Token) -> bool:
    """Whether a verb of force is told of words: its object is blamed "for" a deed or
    described "as" something ("attacked Clinton for her vote", "blasted it as a stunt"); not
    "attacked the base for three hours"."""
    if not any(c.dep_ == "dobj" for c in verb.children):
        return False
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        if prep.lower_ == "as" and any(g.dep_ == "pobj" for g in prep.children):
            return True
        if prep.lower_ != "for":
            continue
        for reason in prep.children:
            if reason.dep_ == "pcomp":
                return True  # "for supporting the war"
            timed = reason.ent_type_ in {"DATE", "TIME", "CARDINAL", "ORDINAL"}
            if reason.dep_ == "pobj" and not timed and reason.lemma_.lower() not in DURATIONS:
                return True
    return False


# A preposition and noun that name a role, not an act: "in charge of the inquiry".
ROLE_PHRASES = {"in charge"}


def _noun_entry(noun: Token) -> lexicon.LexEntry | None:
    entries = lexicon.event_nouns().get(noun.lemma_.lower()) or lexicon.event_nouns().get(
        noun.lower_
    )
    if not entries:
        return None
    if noun.dep_ == "pobj" and f"{noun.head.lower_} {noun.lemma_.lower()}" in ROLE_PHRASES:
        return None
    modifiers = {c.lower_ for c in noun.children if c.dep_ in {"compound", "amod", "nmod"}}
    preps = {c.lower_ for c in noun.children if c.dep_ == "prep"}
    verb = governing_verb(noun)
    governor = verb.lemma_.lower() if verb is not None else None
    governed = next((e for e in entries if e.preposition and e.preposition in preps), None)
    carried = next((e for e in entries if e.governor and e.governor == governor), None)
    specific = next(
        (e for e in entries if e.particle and e.particle in modifiers and not e.preposition),
        None,
    )
    plain = next(
        (e for e in entries if not e.particle and not e.preposition and not e.governor), None
    )
    return governed or carried or specific or plain


def noun_trigger(noun: Token) -> Trigger | None:
    if noun.ent_type_ in {"DATE", "TIME"}:
        return None  # "in March", "on Strike Day"
    entry = _noun_entry(noun)
    if entry is None:
        return None
    cameo = entry.cameo
    if cameo.startswith(INVESTIGATION) and _investigates_mishap(noun):
        return None  # "an inquiry into the cause of the crash"
    if cameo.startswith("04") and _is_phone(noun):
        cameo = "041"
    source = "derived" if entry.derived else None
    return Trigger(
        noun, cameo, entry.symmetric, nominal=True, carrier=governing_verb(noun), source=source
    )


def object_of(noun: Token) -> Token | None:
    """The verb whose object ``noun`` is, directly or through a quantity ("approved a package
    of sanctions", "launched a wave of airstrikes")."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ == "dobj":
        noun = noun.head.head
    if noun.dep_ == "dobj" and noun.head.pos_ in {"VERB", "AUX"}:
        return noun.head
    return None


def governing_verb(noun: Token) -> Token | None:
    """The verb a nominal trigger is the object or subject of, if any."""
    verb = object_of(noun)
    if verb is None and noun.dep_ in {"nsubjpass", "nsubj"} and noun.head.pos_ in {"VERB", "AUX"}:
        verb = noun.head
    return verb


# Verbs (with the particle or adverb they need) of keeping from an act, and the preposition
# that introduces the act ("" for a direct complement): "avoided criticizing Beijing",
# "refrained from attacking", "stopped short of calling for", "steered clear of", "shied away
# from", "held off on endorsing". The act governed did not happen and names no event.
ABSTAINING_FRAMES = {
    ("avoid", ""), ("eschew", ""), ("forgo", ""), ("forego", ""),
    ("refrain", "from"), ("abstain", "from"), ("desist", "from"),
    ("stop short", "of"), ("fall short", "of"), ("steer clear", "of"), ("stay clear", "of"),
    ("keep clear", "of"), ("shy away", "from"), ("stay away", "from"), ("keep away", "from"),
    ("hold back", "from"), ("hold back", "on"), ("hold off", "on"), ("hold off", ""),
}  # fmt: skip
# Verbs that keep from an act only when it is told by a verb: "resisted calling for his
# resignation" did not call; "resisted arrest" was arrested.
ABSTAINING_FROM_DEEDS = {("resist", "")}
# Adverbs and particles completing a verb of abstaining ("stopped short of", "shied away").
ABSTAINING_PARTICLES = {"short", "clear", "away", "back", "off"}
# The verbs (with their particle) of ``ABSTAINING_FRAMES``, gathered once: ``abstaining`` asks
# for every verb of every sentence.
_ABSTAINING_PHRASES = frozenset(phrase for phrase, _ in ABSTAINING_FRAMES)


def abstained(token: Token) -> bool:
    """Whether ``token`` (a verb, or a noun naming an act) tells an act its subject kept from:
    the complement of a verb of abstaining (``ABSTAINING_FRAMES``), directly or after that
    verb's preposition, and the verb itself is not negated ("did not shy away from
    criticizing" criticized)."""
    node = token
    while node.dep_ == "conj" and node.head is not node:
        node = node.head  # "avoided criticizing or praising anyone"
    if node.dep_ in {"pcomp", "pobj"} and node.head.dep_ == "prep":
        preposition, owner = node.head.lower_, node.head.head
    elif node.dep_ == "xcomp" or (
        node.dep_ == "dobj" and (node.tag_ == "VBG" or node.pos_ == "NOUN")
    ):
        preposition, owner = "", node.head
    else:
        return False
    verb = owner
    particle = ""
    if owner.dep_ in {"advmod", "acomp", "oprd", "prt"} and owner.lower_ in ABSTAINING_PARTICLES:
        verb, particle = owner.head, owner.lower_  # "steered clear of": "of" hangs on "clear"
    else:
        particle = next(
            (
                c.lower_
                for c in verb.children
                if c.dep_ in {"advmod", "acomp", "oprd", "prt"} and c.lower_ in ABSTAINING_PARTICLES
            ),
            "",
        )
    if verb.pos_ not in {"VERB", "AUX"} or any(c.dep_ == "neg" for c in verb.children):
        return False
    lemma = verb_lemma(verb)
    frames = {(lemma, preposition)}
    if particle:
        frames = {(f"{lemma} {particle}", preposition)}
    if frames & ABSTAINING_FRAMES:
        return True
    return token.pos_ == "VERB" and bool(frames & ABSTAINING_FROM_DEEDS)


def abstaining(verb: Token) -> bool:
    """Whether the verb, with its particle, is one of keeping from an act ("steered clear of",
    "held off on"): it tells no event of its own."""
    lemma = verb_lemma(verb)
    particles = {
        c.lower_
        for c in verb.children
        if c.dep_ in {"advmod", "acomp", "oprd", "prt"} and c.lower_ in ABSTAINING_PARTICLES
    }
    if lemma in _ABSTAINING_PHRASES:
        return True  # "refrained", "abstained"
    # "held off on endorsing", "steered clear of"; not "police held back the crowd".
    phrases = {f"{lemma} {p}" for p in particles}
    with_object = any(c.dep_ == "dobj" for c in verb.children)
    return not with_object and not _ABSTAINING_PHRASES.isdisjoint(phrases)


def find_triggers(tokens: list[Token]) -> list[Trigger]:
    """Event triggers among ``tokens`` (one sentence), in text order.

    A light verb whose object is an event noun is folded into that noun's trigger.
    """
    if not tokens:
        return []
    light = lexicon.light_verbs()
    found: list[Trigger] = []
    folded: set[int] = set()
    # The words' tags and strings read from the document's columns, not from a Token each.
    doc = tokens[0].doc
    pos, deps = token_pos(doc), token_strings(doc, DEP)
    lemmas, lowers = token_strings(doc, LEMMA), token_strings(doc, LOWER)
    event_nouns = lexicon.event_nouns()
    for noun in tokens:
        i = noun.i
        if pos[i] not in {"NOUN", "PROPN"} or deps[i] == "compound":
            continue
        if not (event_nouns.get(lemmas[i].lower()) or event_nouns.get(lowers[i])):
            continue  # no event noun: ``noun_trigger`` would find no entry
        trigger = noun_trigger(noun)
        if trigger is None or abstained(noun):
            continue
        found.append(trigger)
        if trigger.carrier is not None and trigger.carrier.lemma_.lower() in light:
            folded.add(trigger.carrier.i)
    verbs: dict[int, Trigger] = {}
    for verb in tokens:
        i = verb.i
        # "According to" and other verbs used as prepositions name no event.
        if pos[i] != "VERB" or i in folded or deps[i] in {"prep", "mark"}:
            continue
        if lemmas[i].lower() in ACCEDING_VERBS and (joined := accession_trigger(verb)):
            verbs[i] = joined
            continue
        if not _known_verb(_verb_lemma(lemmas[i].lower(), lowers[i])):
            continue  # no lexicon holds the verb: ``verb_trigger`` would code nothing
        if abstained(verb) or abstaining(verb):
            continue  # "refrained from attacking the senator": no attack, no act of refraining
        trigger = verb_trigger(verb)
        if trigger is not None:
            verbs[verb.i] = trigger
    # "imposed sanctions": the noun only restates the verb's event; "condemned the attack"
    # tells two events.
    found = [t for t in found if not _restates(t, verbs) and not _undone(t, verbs)]
    _settle_refusals(verbs)
    _settle_documents(verbs)
    carried = {t.carrier.i: t for t in found if t.carrier is not None}
    threatened = _settle_vows(verbs, carried)
    found = [t for t in found if t.token.i not in threatened]
    return sorted([*found, *verbs.values()], key=lambda t: t.token.i)


def accession_trigger(verb: Token) -> Trigger | None:
    """A state joining a body (``ACCESSION``): "join" whose object is an organisation by name
    or a body noun (``JOINED_BODIES``), or "become" whose complement is "member(s) of" one;
    the subject must be a country, city or state by name, since a person joining a company,
    a party or a committee takes a post, which is no event between political actors."""
    lemma = verb.lemma_.lower()
    if lemma == "join":
        bodies = [c for c in verb.children if c.dep_ == "dobj"]
    elif lemma == "become":
        members = [
            c for c in verb.children if c.dep_ == "attr" and c.lemma_.lower() in MEMBERSHIP_NOUNS
        ]
        bodies = [
            g
            for m in members
            for p in m.children
            if p.dep_ == "prep" and p.lower_ == "of"
            for g in p.children
            if g.dep_ == "pobj"
        ]
    else:
        return None
    if not any(_names_body(b) for b in bodies) or not _state_subject(verb):
        return None
    if _joins_in_an_act(verb):
        return None  # "joined OPEC in cutting output": a partner in that act, no accession
    return Trigger(verb, ACCESSION, symmetric=False, nominal=False)


def _joins_in_an_act(verb: Token) -> bool:
    """ "joined X in condemning the attack": an "in" phrase whose object is a gerund names the
    act the subject joins X in ("joined NATO in 1949" is no act)."""
    return any(
        g.dep_ == "pcomp" or g.tag_ == "VBG"
        for p in verb.children
        if p.dep_ == "prep" and p.lower_ == "in"
        for g in p.children
    )


def _names_body(token: Token) -> bool:
    """An organisation by name ("NATO", "the European Union") or a common noun of one."""
    return token.ent_type_ == "ORG" or token.lemma_.lower() in JOINED_BODIES


def _state_subject(verb: Token) -> bool:
    """Whether the verb's subject (or, for a verb conjoined to another or the complement of
    one, "wants to join", the subject it shares) is a country, city or state by name; one of
    a list of them will do."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    while not subjects and verb.dep_ in {"conj", "xcomp"} and verb.head is not verb:
        verb = verb.head
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return any(
        s.ent_type_ == "GPE" or any(c.dep_ == "conj" and c.ent_type_ == "GPE" for c in s.children)
        for s in subjects
    )


def infinitive_complement(verb: Token) -> Token | None:
    """The infinitive a verb governs as its complement ("vowed to fight", "refused to meet"):
    its ``xcomp``, or an infinitive the parser hung as an adverbial clause when a phrase came
    between ("China vowed on Friday to fight the U.S.": "to fight" is ``advcl``). A verb of
    promising or refusing takes its infinitive as what is promised or refused, not a purpose."""
    complement = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if complement is not None:
        return complement
    return next(
        (
            c
            for c in verb.children
            if c.dep_ == "advcl"
            and c.i > verb.i
            and c.pos_ == "VERB"
            and any(a.dep_ == "aux" and a.tag_ == "TO" for a in c.children)
        ),
        None,
    )


def _settle_vows(verbs: dict[int, Trigger], carried: dict[int, Trigger]) -> set[int]:
    """ "vowed to fight the U.S.", "promised to retaliate", "pledged to impose sanctions":
    promising a hostile act is a threat (CAMEO 13), told by the promise; the act itself (a
    verb, or a noun its light verb carries, in ``carried`` by the verb's index) is only
    threatened. Edits ``verbs`` in place; returns the indices of the threatened nouns, which
    tell no event of their own."""
    threatened: set[int] = set()
    for i, trigger in list(verbs.items()):
        verb = trigger.token
        if verb.lemma_.lower() not in PROMISING_VERBS:
            continue
        complement = infinitive_complement(verb)
        if complement is None:
            continue
        promised = verbs.get(complement.i) or carried.get(complement.i)
        if promised is None or _plover_type(promised.cameo) not in HOSTILE_TYPES:
            continue
        code = MILITARY_THREAT if _plover_type(promised.cameo) == "ASSAULT" else THREAT
        verbs[i] = Trigger(verb, code, False, nominal=False, curated=trigger.curated)
        if promised.nominal:
            threatened.add(promised.token.i)
        else:
            del verbs[complement.i]
    return threatened


def is_document(noun: Token) -> bool:
    """A noun for a text that carries its maker's words: a statement, letter, resolution."""
    lemma = noun.lemma_.lower()
    return noun.pos_ == "NOUN" and (lemma in cue_nouns() or lemma in SIGNED_DOCUMENTS)


def document_act(noun: Token) -> Token | None:
    """The verb telling what a document does: an active participle ("a statement condemning
    the raid") or a relative clause whose subject is the document ("a letter that urged him to
    resign")."""
    for clause in noun.children:
        if clause.i < noun.i or clause.pos_ != "VERB":
            continue
        if clause.dep_ == "acl" and clause.tag_ == "VBG":
            return clause
        subject = next((c for c in clause.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None and is_subject_relative(clause, subject):
            return clause
    return None


def is_subject_relative(clause: Token, subject: Token) -> bool:
    """The clause is a relative clause whose subject is its relative pronoun ("a letter that
    urged him to resign"), so the noun it hangs on is who or what does its act."""
    return clause.dep_ == "relcl" and subject.tag_ in RELATIVE_SUBJECT_TAGS


def _issued_document(verb: Token) -> Token | None:
    """The document a verb of issuing puts out ("released a statement", "put out a letter")."""
    lemma = verb.lemma_.lower()
    if lemma not in ISSUING_VERBS or (lemma == "put" and "out" not in _particles(verb)):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and is_document(c)), None)


def _settle_documents(verbs: dict[int, Trigger]) -> None:
    """ "the ministry issued a statement accusing Russia", "signed a letter urging the
    council to act": the act is the document's (its maker is the issuer, see the arguments);
    issuing, sending or signing the text tells no event of its own. Edits ``verbs`` in place."""
    for i, trigger in list(verbs.items()):
        document = _issued_document(trigger.token)
        act = document_act(document) if document is not None else None
        if act is not None and act.i in verbs:
            del verbs[i]


# Verbs of replying: no event when what is not answered is a question or a request for comment.
REPLYING_VERBS = {"answer", "respond", "reply"}


def _no_comment(complement: Token) -> bool:
    """ "declined to comment", "refused to say", "declined to respond to requests for
    comment"; but "refused to respond to a demand" rejects the demand."""
    lemma = complement.lemma_.lower()
    if lemma in SPEAKING_VERBS:
        return True
    words = {t.lemma_.lower() for t in complement.subtree}
    return lemma in REPLYING_VERBS and bool(words & {"comment", "question", "query"})


# What is withheld when a giving verb withholds only words ("refused to provide details").
INFORMATION_OBJECTS = {
    "detail", "information", "comment", "answer", "explanation", "reason", "specific",
    "name", "figure", "estimate", "evidence", "account", "interview", "statement",
}  # fmt: skip
# Verbs of giving that also give words; only with an object above are they speech.
GIVING_SPEECH = {"give", "provide"}


def _withholds_words(refused: Token) -> bool:
    """Whether a refused act that the lexicons code ("discuss", "provide", "deny") only
    withholds words: a speaking verb with no party to talk with ("refused to discuss
    potential appointees", "declined to confirm or deny reports"), or a giving verb whose
    object is information ("refused to provide details"); not "refused to provide aid" or
    "refused to discuss a truce with Kabul"."""
    lemma = refused.lemma_.lower()
    if lemma not in SPEAKING_VERBS and not (lemma in REPLYING_VERBS and _no_comment(refused)):
        return False
    if any(c.dep_ == "prep" and c.lower_ in PARTNER_PREPS for c in refused.children):
        return False
    if lemma in GIVING_SPEECH:
        return any(
            c.dep_ == "dobj" and c.lemma_.lower() in INFORMATION_OBJECTS for c in refused.children
        )
    return True


def _settle_refusals(verbs: dict[int, Trigger]) -> None:
    """ "refused to negotiate with Kabul" is one REJECT (CAMEO 125), not also a negated
    CONSULT; "declined to threaten Moscow" is a negated THREATEN, not a REJECT; "declined to
    comment" is no event at all. Edits ``verbs`` in place."""
    for i, trigger in list(verbs.items()):
        verb = trigger.token
        if verb.lemma_.lower() not in REFUSING_VERBS:
            continue
        complement = infinitive_complement(verb)
        if complement is None:
            continue  # "rejected the offer", "refused the request"
        refused = verbs.get(complement.i)
        silent = _no_comment(complement) if refused is None else _withholds_words(complement)
        if silent:
            # "declined to comment", "refused to discuss potential appointees", "refused to
            # provide details", "declined to confirm or deny reports": no act, no refusal.
            del verbs[i]
            for told in (complement, *complement.conjuncts):
                verbs.pop(told.i, None)
            continue
        if refused is None:
            continue
        if _plover_type(refused.cameo) in REFUSABLE_TYPES:
            del verbs[complement.i]
        else:
            del verbs[i]


def _plover_type(cameo: str) -> str | None:
    coding = lexicon.coding(cameo)
    return coding.type if coding else None


# PLOVER types of easing a measure ("lifted the ban", "eased restrictions", "ended the blockade").
EASING_TYPES = {"CONCEDE", "RETREAT"}
# PLOVER types of a measure that can be eased or lifted.
MEASURE_TYPES = {"SANCTION", "COERCE"}


def _undone(noun: Trigger, verbs: dict[int, Trigger]) -> bool:
    """Whether the noun names a measure that its verb eases or lifts ("lifted the ban", "eased
    the restrictions on imports"): the lifting is the event (a concession by whoever lifts it,
    as the guideline codes it); the measure was imposed before and is not told again here."""
    verb = object_of(noun.token)
    if verb is None or verb.i not in verbs:
        return False
    measure = _plover_type(noun.cameo) in MEASURE_TYPES
    return measure and _plover_type(verbs[verb.i].cameo) in EASING_TYPES


def _restates(noun: Trigger, verbs: dict[int, Trigger]) -> bool:
    """Whether the noun is the object of a verb telling the same kind of event ("imposed
    sanctions"); a subject ("an airstrike hit a market") is the event itself."""
    verb = object_of(noun.token)
    if verb is None or verb.i not in verbs:
        return False
    return _plover_type(verbs[verb.i].cameo) == _plover_type(noun.cameo)
