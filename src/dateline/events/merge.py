"""Merging the same event told several times in one article into one record.

Two tellings are the same event when they have the same PLOVER type, compatible status
(both planned, or both past/present), compatible mode, date and place (equal, or unknown on
one side), and the participants of one are a subset of the other's with the same trigger word,
or with at least two participants and the act named alike: one word family or stem, or one
lexicon sense ("Putin met Assad" / "the meeting with Assad"; ``_same_parties``: the same two
parties' acts of one type named by unrelated words, "attacked Cole for the shortfall", "also
criticized Cole for the freeze", are further acts), and,
unless the type is symmetric (CONSULT, COOPERATE), neither one's actor is the other's recipient
("Hale accused Ortiz", "Ortiz accused Hale": an exchange, two events). A
headline or standfirst telling needs only one shared participant; a telling that names nobody
("the meeting") joins the latest event told before with the same trigger word.

One act is also told with other names for its parties and other words for the act: "the Obama
administration accused Russia", "the administration also blamed Moscow", "the administration's
accusation". Where a party is read as the state it acts for (``dateline.states.state_ids``: a
country, its capital and its government are one side), two tellings are one event when their
actors are the same parties and their recipients the same or named on one side only, roles not
swapped, and they name the act alike: when both name both sides, words of one sense in the
event lexicon or of one CAMEO root as coded ("condemns", "accused"); when one names no
recipient, one word family ("accused", "accusation"; ``_one_act_told_alike``). The same actors
retelling their act in one word family are one event as well when one telling names the other
side only by a definite description ("called on Obama", later "called on the administration";
``_retold_with_a_description``); the merged record keeps the named side. A person whose
title names a body of the article ("FBI Director Jane Roe", "Jane Roe, a police spokeswoman")
is read as that body's side (``bodies``) where the two tellings' actors differ: "the FBI
accused Hale" and "Roe accused Hale" are one act; one person's two calls in one word family
are not joined by her office. The merged record names a side once.

A government figure of a state (a person the entities stage codes with the state's country and
a government sector: "Putin", "President Ortiz") and the state itself ("Moscow blamed Kyiv")
told doing one act alike are one event too, but only when told close together
(``LEADER_REACH``; ``leaders``): a head of state and his capital paragraphs apart may be two
acts ("Putin denounced the sanctions" at a summit, "Moscow denounced them" days later).

Unnamed groups of people told by a new description each time ("two senior lawmakers", later
"two senior members of the House") are one side when they do one act, named by words of one
CAMEO root, to the same named recipients, close together (``LEADER_REACH``), their countries
and sectors not contradicting (``_retold_by_unnamed_groups``; ``groups``, from the events
stage: GROUP entities without a knowledge-base link whose name ends in a common noun).

An act is also told by a verb and its complement when both words name acts of one type:
"agreed to sell the unit" (AGREE at "agreed" and, for the deal, at "sell"), "refused to
reject the offer". The complement tells what the act was, not a second act, whatever status
or parties the rules read for it (its subject is the governing verb's, by control): one record,
at the governing word (``complements``, read off the parse by the events stage).
"""

from __future__ import annotations

from dateline.events.lexicon import word_family, word_senses
from dateline.model import Event
from dateline.text import singular

# Ids of the parties an article tells only by a definite description, and of those it names.
Described = tuple[frozenset[str], frozenset[str]]
# An article that tells no party only by a definite description (the callers' default).
NONE_DESCRIBED: Described = (frozenset(), frozenset())
# (field, start of a telling's trigger) -> start of the trigger governing it as its complement
# in the same field ("agreed to sell": "sell" -> "agreed").
Complements = dict[tuple[str, int], int]
# Parties told only as unnamed groups of people ("two senior lawmakers", "some leading
# Democrats"): entity id -> (country, sector) as the entities stage codes them.
Groups = dict[str, tuple[str | None, str | None]]
# The one side unnamed groups joined by ``_retold_by_unnamed_groups`` are read as.
UNNAMED_GROUP = "group:unnamed"
# Lines outside the body that name parties loosely.
DISPLAY_FIELDS = {"headline", "standfirst"}
STATUS_GROUPS = {
    "occurred": "real",
    "ongoing": "real",
    "future": "future",
    "hypothetical": "irrealis",
    "negated": "negated",
}


def _participants(event: Event) -> set[str]:
    return {*event.actor, *event.recipient}


def _compatible(value: str | None, other: str | None) -> bool:
    return value is None or other is None or value == other


def _dates_compatible(a: Event, b: Event) -> bool:
    date_a = None if a.date_is_fallback else a.date
    date_b = None if b.date_is_fallback else b.date
    return _compatible(date_a, date_b)


def _consistent(a: Event, b: Event) -> bool:
    """Nothing in the two records contradicts them being one event."""
    if a.type != b.type or STATUS_GROUPS[a.status] != STATUS_GROUPS[b.status]:
        return False
    if not (_compatible(a.mode, b.mode) and _compatible(a.location, b.location)):
        return False
    return _dates_compatible(a, b)


# Letters two words of one lexicon sense share at their start to be one word family
# ("accused", "accusation"; not "welcomes", "supports").
FAMILY_PREFIX = 5
# Characters between two tellings of one field within which a government figure and the
# state he acts for are read as one side (about one paragraph and the next of a news story).
LEADER_REACH = 600
# Types whose parties act together, told from either side ("met", "worked with").
SYMMETRIC_TYPES = {"CONSULT", "COOPERATE"}


def _roles_swapped(a: Event, b: Event) -> bool:
    """Whether one record's actor is the other's recipient: "Trump questioned Cruz" and "Cruz
    called Trump a liar" are two acts, an exchange, not one told twice."""
    if a.type in SYMMETRIC_TYPES:
        return False
    return bool(set(a.actor) & set(b.recipient) or set(b.actor) & set(a.recipient))


def same_event(
    a: Event,
    b: Event,
    parties: dict[str, str] | None = None,
    described: Described = NONE_DESCRIBED,
    bodies: dict[str, str] | None = None,
    leaders: dict[str, str] | None = None,
) -> bool:
    """Whether two tellings of one article are one event (see the module doc); ``parties``:
    entity id -> the state it acts for, where it does; ``described``: ids of the parties the
    article tells only by a definite description ("the administration", "the company"), and
    of those it names by a proper name; ``bodies``: person id -> the side of the body the
    person's title says they act for ("FBI Director Jane Roe": the FBI); ``leaders``: person
    id -> the state a government figure acts for, read as ``bodies`` for tellings told close
    together (``_told_close``)."""
    if not _consistent(a, b):
        return False
    if not _roles_swapped(a, b) and _same_parties(a, b):
        return True
    if _retold_with_a_description(a, b, described):
        return True
    if parties is None:
        return False
    if leaders and _told_close(a, b):
        bodies = {**leaders, **(bodies or {})}
    return _one_act_told_alike(a, b, parties, bodies or {})


def _told_by_leader(
    a: Event,
    b: Event,
    parties: dict[str, str] | None,
    bodies: dict[str, str] | None,
    leaders: dict[str, str] | None,
) -> bool:
    """Whether ``same_event`` with ``leaders`` joins two tellings it does not join without
    them: only its last test differs, so only that one is run again, with each government
    figure read as his state."""
    if not leaders or parties is None or not _consistent(a, b) or not _told_close(a, b):
        return False
    return _one_act_told_alike(a, b, parties, {**leaders, **(bodies or {})})


def _told_close(a: Event, b: Event) -> bool:
    """Whether some telling of ``a`` and one of ``b`` are in one field within
    ``LEADER_REACH`` characters of each other."""
    return any(
        m.field == n.field and abs(m.start - n.start) <= LEADER_REACH
        for m in a.mentions
        for n in b.mentions
    )


def _retold_with_a_description(a: Event, b: Event, described: Described) -> bool:
    """The same actors retelling their act in one word family, one telling naming the other
    side only by a definite description: "Schiff called on Obama to act" and, paragraphs
    later, "Schiff called on the administration to act". A definite description points back
    to a party already told, most likely the one the same actors did the same to (an
    indefinite one, "arrested two men", is someone new)."""
    if not a.actor or set(a.actor) != set(b.actor) or _roles_swapped(a, b):
        return False
    return _vague_and_named(a, b, described) is not None and _one_family(a, b)


def _retold_by_unnamed_groups(a: Event, b: Event, groups: Groups) -> bool:
    """Unnamed groups doing one act to the same named parties, told close together: "two
    senior lawmakers urged Ortiz to fund turnout drives" and, in the next paragraph, "two
    senior members of the House called on Ortiz to spend more". A group without a name is told
    by a new description each time (the entities stage cannot join "lawmakers" and
    "members"), so the act is the evidence: one type, status group, mode, place and date
    (``_consistent``), words of one CAMEO root, the same named recipients, groups whose
    countries and sectors do not contradict, within ``LEADER_REACH`` of each other. The actors
    of one telling are all such groups and the other's include one; roles not swapped."""
    if not (groups and a.actor and b.actor and a.recipient and b.recipient):
        return False
    if not (_consistent(a, b) and _told_close(a, b)):
        return False
    if set(a.recipient) != set(b.recipient) or any(r in groups for r in a.recipient):
        return False
    if _roles_swapped(a, b):
        return False
    grouped_a = [groups[x] for x in a.actor if x in groups]
    grouped_b = [groups[x] for x in b.actor if x in groups]
    if not (grouped_a and grouped_b):
        return False
    if len(grouped_a) < len(a.actor) and len(grouped_b) < len(b.actor):
        return False
    if not all(
        _compatible(x[0], y[0]) and _compatible(x[1], y[1]) for x in grouped_a for y in grouped_b
    ):
        return False
    return _named_alike(a, b) or _same_root(a, b)


def _vague_and_named(a: Event, b: Event, described: Described) -> tuple[Event, Event] | None:
    """(the telling whose recipients are all definite descriptions, the one naming its
    recipient by a proper name), in either order of ``a`` and ``b``; None if they are not."""
    definite, names = described
    for vague, named in ((a, b), (b, a)):
        if vague.recipient and set(vague.recipient) <= definite and set(named.recipient) & names:
            return vague, named
    return None


def _recipients(main: Event, extra: Event, described: Described) -> list[str]:
    """The merged record's recipients: both tellings', except that a side told only by a
    definite description gives way to a side named ("the administration" is Obama)."""
    pair = _vague_and_named(main, extra, described)
    if pair is not None:
        return [r for r in pair[1].recipient if r not in main.actor]
    return main.recipient + [
        r for r in extra.recipient if r not in main.recipient and r not in main.actor
    ]


def _same_parties(a: Event, b: Event) -> bool:
    small, large = sorted((_participants(a), _participants(b)), key=len)
    same_word = a.trigger.lower() == b.trigger.lower()
    if {a.field, b.field} & DISPLAY_FIELDS:
        # Headlines name parties loosely ("Israeli jets" for "Israeli warplanes"): one shared
        # participant is enough to tie a headline to the story's telling.
        return bool(small & large)
    if not small:
        return False  # see _antecedent_event
    if not small <= large:
        return False
    if same_word:
        return True
    # Two parties or more shared: one act only if it is named alike ("met", "the meeting";
    # "accused", "blamed"). The same two parties' other acts of one type are further acts:
    # "Reyes attacked Cole for the budget", later "Reyes also criticized Cole for the hires".
    return len(small) >= 2 and (_one_stem(a, b) or _one_family(a, b) or _named_alike(a, b))


def _one_stem(a: Event, b: Event) -> bool:
    """Words of the two records that begin alike (``FAMILY_PREFIX`` letters): inflections of
    one word the event lexicon may not list ("stabbed", "stabbing"; "defeat", "defeated")."""
    return any(
        x[:FAMILY_PREFIX] == y[:FAMILY_PREFIX]
        for x in _act_words(a)
        for y in _act_words(b)
        if min(len(x), len(y)) >= FAMILY_PREFIX
    )


def _one_act_told_alike(
    a: Event, b: Event, parties: dict[str, str], bodies: dict[str, str]
) -> bool:
    """Two tellings naming one act, by parties of which one at least is told as a state
    (``parties``): the same actors and recipients once each party is read as the state it acts
    for ("the Obama administration" and "the administration"; "Russia" and "Moscow"), roles not
    swapped, and the act named alike: by words of one sense (``_named_alike``; of one CAMEO
    root is enough) when both name both sides, by one word family ("accused", "the
    accusation") when one names no recipient."""
    if not (a.actor and b.actor):
        return False
    if not _told_by_sides(a, b, parties, bodies):
        return False  # parties named alike are the existing subset rule's
    sides = {**parties, **bodies}
    actors_a, actors_b = _sides(a.actor, sides), _sides(b.actor, sides)
    recipients_a, recipients_b = _sides(a.recipient, sides), _sides(b.recipient, sides)
    if actors_a != actors_b:
        return False
    if a.type not in SYMMETRIC_TYPES and (actors_a & recipients_b or actors_b & recipients_a):
        return False
    if recipients_a and recipients_b:
        # Both sides named and the same: one CAMEO root is enough ("condemns", "accused").
        return recipients_a == recipients_b and (_named_alike(a, b) or _same_root(a, b))
    # One side only: "welcomes the talks" is no telling of "supports Ortiz" (one sense, 051).
    return _one_family(a, b)


def _told_by_sides(a: Event, b: Event, parties: dict[str, str], bodies: dict[str, str]) -> bool:
    """Whether reading parties as sides may join the two tellings: a party of either is told
    as a state, or their actors differ and one of them is a person acting for a body ("Chief
    Ruiz asked ..." beside "police asked ..."). One person's two acts in one word family are
    not joined by her office: "urged the council to act", later "urged residents to stay in"
    are two calls."""
    if any(p in parties for p in (*a.actor, *a.recipient, *b.actor, *b.recipient)):
        return True
    return set(a.actor) != set(b.actor) and any(p in bodies for p in (*a.actor, *b.actor))


def _one_family(a: Event, b: Event) -> bool:
    """Words of the two records of one family: the same word or lemma, or ("accused", "the
    accusation") words of one lexicon sense that begin alike (``FAMILY_PREFIX`` letters)."""
    words_a, words_b = _act_words(a), _act_words(b)
    family_a = {lemma for word in words_a for lemma in word_family(word)}
    if words_a & words_b or any(word_family(word) & family_a for word in words_b):
        return True
    return any(
        x[:FAMILY_PREFIX] == y[:FAMILY_PREFIX]
        and bool(_coded_senses(x, a.cameo) & _coded_senses(y, b.cameo))
        for x in words_a
        for y in words_b
        if min(len(x), len(y)) >= FAMILY_PREFIX
    )


def _same_root(a: Event, b: Event) -> bool:
    return bool(a.cameo and b.cameo and a.cameo[:2] == b.cameo[:2])


def _sides(ids: list[str], parties: dict[str, str]) -> frozenset[str]:
    return frozenset(parties.get(i, i) for i in ids)


def _named_alike(a: Event, b: Event) -> bool:
    """A word naming one record's act (its trigger, or any of its tellings': a record may
    already hold several) is a word of the other's, or the event lexicon gives the two one sense
    among those of the CAMEO root each record was coded with ("accused", "blamed",
    "accusation": 112)."""
    words_a, words_b = _act_words(a), _act_words(b)
    if words_a & words_b:
        return True
    senses_a = {c for word in words_a for c in _coded_senses(word, a.cameo)}
    return any(_coded_senses(word, b.cameo) & senses_a for word in words_b)


def _act_words(event: Event) -> set[str]:
    told = [event.trigger, *(m.text for m in event.mentions)]
    return {singular(word.strip().lower()) for word in told}


def _coded_senses(word: str, cameo: str | None) -> frozenset[str]:
    senses = word_senses(word)
    return senses if not cameo else frozenset(c for c in senses if c[:2] == cameo[:2])


def _antecedent_event(event: Event, merged: list[Event]) -> int | None:
    """For a telling that names nobody ("the meeting"): the latest consistent event told
    before it with the same trigger word. (A nearer event of the same kind is no safe guess
    without coreference: "the two leaders discussed" after another meeting.)"""
    if _participants(event) or event.field != "text":
        return None
    chosen: tuple[int, int] | None = None
    for position, kept in enumerate(merged):
        if kept.trigger.lower() != event.trigger.lower() or not _participants(kept):
            continue
        if not _consistent(kept, event):
            continue
        before = [m.start for m in kept.mentions if m.field == "text" and m.start < event.start]
        if before and (chosen is None or max(before) > chosen[1]):
            chosen = (position, max(before))
    return chosen[0] if chosen else None


def _absorb(
    kept: Event,
    other: Event,
    described: Described = NONE_DESCRIBED,
    parties: dict[str, str] | None = None,
) -> Event:
    """``kept`` with what ``other`` adds: its mention, and any detail ``kept`` lacked. A party
    of ``other`` on a side ``kept`` already names (``parties``: "Moscow" beside "Russia", a
    police spokesman beside the police) is the same party told again, not a second one."""
    body_first = sorted((kept, other), key=lambda e: (e.field != "text", e.field, e.start))
    main, extra = body_first
    told = _sides([*main.actor, *main.recipient], parties or {})
    actors = [a for a in extra.actor if a not in main.actor and a not in main.recipient]
    recipients = _recipients(main, extra, described)
    update: dict = {
        "actor": main.actor + [a for a in actors if (parties or {}).get(a, a) not in told],
        "recipient": [
            r for r in recipients if r in main.recipient or (parties or {}).get(r, r) not in told
        ],
        "mentions": sorted(
            {(m.field, m.start): m for m in [*kept.mentions, *other.mentions]}.values(),
            key=lambda m: (m.field != "headline", m.field, m.start),
        ),
    }
    better_date = main.date is None or (
        main.date_is_fallback and extra.date and not extra.date_is_fallback
    )
    if better_date and (extra.date is not None or extra.date_precision is not None):
        update["date"], update["date_is_fallback"] = extra.date, extra.date_is_fallback
        update["date_source"] = extra.date_source
        update["date_precision"] = extra.date_precision
        # An undated telling keeps the story date either telling gives.
        update["story_date"] = (
            extra.story_date if extra.date else extra.story_date or main.story_date
        )
    for key in ("location", "mode", "quote"):
        if getattr(main, key) is None and getattr(extra, key) is not None:
            update[key] = getattr(extra, key)
    # One event told several times is as sure as its surest telling.
    update["confidence"] = max(kept.confidence, other.confidence)
    if main.status == "ongoing" and extra.status == "occurred":
        update["status"] = "occurred"
    return main.model_copy(update=update)


def _governing_event(event: Event, merged: list[Event], complements: Complements) -> int | None:
    """For a telling whose trigger is the complement of another trigger (``complements``):
    the merged event told at that trigger, if it is of the same type ("agreed to sell": the
    AGREE at "agreed"). A complement of another type is an act of its own ("threatened to
    strike": THREATEN, then the strike)."""
    governor = complements.get((event.field, event.start))
    if governor is None:
        return None
    for position, kept in enumerate(merged):
        told_there = any(m.field == event.field and m.start == governor for m in kept.mentions)
        if told_there and kept.type == event.type:
            return position
    return None


def _as_complement_of(kept: Event, complement: Event) -> Event:
    """The complement's telling with the governing act's parties: its subject is the
    governing verb's or, after an object ("invited the minister to visit Rome"), that object
    (control), so it names no new actor. Only where the governing telling names no other
    side does the complement's tell it ("Star Bank agreed to be acquired by Orbis": Orbis is
    who Star Bank agreed with)."""
    if not kept.actor:
        return complement
    others = [] if kept.recipient else [*complement.actor, *complement.recipient]
    return complement.model_copy(
        update={
            "actor": [a for a in complement.actor if a in kept.actor],
            "recipient": [a for a in dict.fromkeys(others) if a not in kept.actor],
        }
    )


def merge_events(
    events: list[Event],
    tentative: set[int] | None = None,
    parties: dict[str, str] | None = None,
    described: Described = NONE_DESCRIBED,
    complements: Complements | None = None,
    bodies: dict[str, str] | None = None,
    leaders: dict[str, str] | None = None,
    groups: Groups | None = None,
) -> list[Event]:
    """Events with duplicates folded together, in order of first body mention. A body record
    whose start is in ``tentative`` ("the meeting", naming nobody and nowhere) is kept only
    as a further mention of the event it refers back to. ``parties``: entity id -> the state
    it acts for (``dateline.states.state_ids``), for ``_one_act_told_alike``; ``described``:
    parties told only by a definite description and parties named, for
    ``_retold_with_a_description``; ``complements``: tellings whose trigger is the complement
    of another's, joined to the one at the governing trigger when of the same type;
    ``bodies``: person id -> the side of the body the person acts for, read as ``parties``
    are (``_told_by_sides``); ``leaders``: person id -> the state a government figure acts
    for, read the same way for tellings told close together; ``groups``: unnamed groups
    (id -> country, sector), for ``_retold_by_unnamed_groups``."""
    sides = {**(parties or {}), **(bodies or {})}
    leader_sides = {**(leaders or {}), **sides}
    merged: list[Event] = []
    for event in events:
        governing = _governing_event(event, merged, complements or {})
        if governing is not None:
            kept = merged[governing]
            merged[governing] = _absorb(kept, _as_complement_of(kept, event), described)
            continue
        if tentative and event.field == "text" and event.start in tentative:
            antecedent = _antecedent_event(event, merged)
            if antecedent is not None:
                merged[antecedent] = _absorb(merged[antecedent], event)
            continue
        for position, kept in enumerate(merged):
            told_alike = same_event(kept, event, parties, described, bodies)
            # A government figure beside his state: the merged record names that side once.
            by_leader = not told_alike and _told_by_leader(kept, event, parties, bodies, leaders)
            # Unnamed groups told close together: the record names one of them.
            by_groups = not (told_alike or by_leader) and _retold_by_unnamed_groups(
                kept, event, groups or {}
            )
            if told_alike or by_leader or by_groups:
                chosen = leader_sides if by_leader else sides
                if by_groups:
                    chosen = {**sides, **dict.fromkeys(groups or {}, UNNAMED_GROUP)}
                merged[position] = _absorb(kept, event, described, chosen)
                break
        else:
            antecedent = _antecedent_event(event, merged)
            if antecedent is not None:
                merged[antecedent] = _absorb(merged[antecedent], event)
            else:
                merged.append(event)
    return sorted(merged, key=lambda e: (e.field != "text", e.start))
