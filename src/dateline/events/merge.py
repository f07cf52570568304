"""Merging the same event told several times in one article into one record.

Two tellings are the same event when they have the same PLOVER type, compatible status
(both planned, or both past/present), compatible mode, date and place (equal, or unknown on
one side), and the participants of one are a subset of the other's with at least two
participants or the same trigger word ("Putin met Assad" / "the meeting with Assad"), and,
unless the type is symmetric (CONSULT, COOPERATE), neither one's actor is the other's recipient
("Hale accused Ortiz", "Ortiz accused Hale": an exchange, two events). A
headline or standfirst telling needs only one shared participant; a telling that names nobody
("the meeting") joins the latest event told before with the same trigger word.
"""

from __future__ import annotations

from dateline.model import Event

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


# Types whose parties act together, told from either side ("met", "worked with").
SYMMETRIC_TYPES = {"CONSULT", "COOPERATE"}


def _roles_swapped(a: Event, b: Event) -> bool:
    """Whether one record's actor is the other's recipient: "Trump questioned Cruz" and "Cruz
    called Trump a liar" are two acts, an exchange, not one told twice."""
    if a.type in SYMMETRIC_TYPES:
        return False
    return bool(set(a.actor) & set(b.recipient) or set(b.actor) & set(a.recipient))


def same_event(a: Event, b: Event) -> bool:
    if not _consistent(a, b) or _roles_swapped(a, b):
        return False
    small, large = sorted((_participants(a), _participants(b)), key=len)
    same_word = a.trigger.lower() == b.trigger.lower()
    if {a.field, b.field} & DISPLAY_FIELDS:
        # Headlines name parties loosely ("Israeli jets" for "Israeli warplanes"): one shared
        # participant is enough to tie a headline to the story's telling.
        return bool(small & large)
    if not small:
        return False  # see _antecedent_event
    return small <= large and (len(small) >= 2 or same_word)


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


def _absorb(kept: Event, other: Event) -> Event:
    """``kept`` with what ``other`` adds: its mention, and any detail ``kept`` lacked."""
    body_first = sorted((kept, other), key=lambda e: (e.field != "text", e.field, e.start))
    main, extra = body_first
    update: dict = {
        "actor": main.actor
        + [a for a in extra.actor if a not in main.actor and a not in main.recipient],
        "recipient": main.recipient
        + [r for r in extra.recipient if r not in main.recipient and r not in main.actor],
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


def merge_events(events: list[Event], tentative: set[int] | None = None) -> list[Event]:
    """Events with duplicates folded together, in order of first body mention. A body record
    whose start is in ``tentative`` ("the meeting", naming nobody and nowhere) is kept only
    as a further mention of the event it refers back to."""
    merged: list[Event] = []
    for event in events:
        if tentative and event.field == "text" and event.start in tentative:
            antecedent = _antecedent_event(event, merged)
            if antecedent is not None:
                merged[antecedent] = _absorb(merged[antecedent], event)
            continue
        for position, kept in enumerate(merged):
            if same_event(kept, event):
                merged[position] = _absorb(kept, event)
                break
        else:
            antecedent = _antecedent_event(event, merged)
            if antecedent is not None:
                merged[antecedent] = _absorb(merged[antecedent], event)
            else:
                merged.append(event)
    return sorted(merged, key=lambda e: (e.field != "text", e.start))
