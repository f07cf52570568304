"""Whether two reports in different articles tell one event, as a reader would judge it.

A reader merges two tellings only when nothing about them differs and they are about the same
story. So two mentions are one corpus event when
- they have the same PLOVER type and both happened (or both are planned, possible, denied);
- their actors share a corpus entity, and so do their recipients unless one side names none;
- their own dates agree: both stated (a publication date standing in says nothing about when
  the event happened), the same day or a day apart, or the same month when one of them is
  only a month;
- their places agree when both are known;
- and the two tellings are about the same story: the same near-duplicate cluster, or enough
  shared content words and entities in the sentences around them (``STORY_OVERLAP``).
One actor, one type and a publication day in common (a hostage statement and "the dollar was
supported by economic data") are not enough.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from dateline.model import Analysis, Event

# Shared share of the smaller telling's context terms (content words and entities) above which
# two tellings are about the same story. Fixed before measuring (docs/EVALUATION.md), not fitted.
STORY_OVERLAP = 0.2
# Sentences either side of the event's sentence read as its context.
CONTEXT_SENTENCES = 1
# How far apart two stated days may be for one event (time zones, "late Friday" vs Saturday).
DAY_TOLERANCE = 1
STATUS_GROUPS = {
    "occurred": "real",
    "ongoing": "real",
    "future": "future",
    "hypothetical": "irrealis",
    "negated": "negated",
}
# Function words and reporting words: shared by every story, they say nothing about which.
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "said",
        "says",
        "say",
        "told",
        "tell",
        "according",
        "mr",
        "mrs",
        "ms",
        "new",
        "one",
        "two",
        "three",
        "year",
        "years",
        "week",
        "day",
        "days",
        "time",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "people",
        "last",
        "first",
        "us",
        "percent",
    ]
)
# Entity types whose mention in the surrounding sentences ties a telling to a story.
NAMED_TYPES = {"PERSON", "ORG", "GROUP", "LOCATION", "FACILITY", "EVENT"}
_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+")
# The end of a sentence (punctuation, an optional closing quote) and the space after it.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s+|\n\n")


@dataclass(frozen=True)
class Telling:
    """What one article says about one event, reduced to what identity is judged on."""

    article_id: str
    local_id: str
    story_id: str
    type: str
    status: str
    actors: frozenset[str]
    recipients: frozenset[str]
    date: str | None  # the event's own stated date, never a publication-date stand-in
    place: str | None
    terms: frozenset[str]


def own_date(event: Event) -> str | None:
    """The date the article states for the event (not the publication date standing in)."""
    if event.date is None or event.date_is_fallback or event.date_source == "publication":
        return None
    return event.date if re.match(r"^\d{4}", event.date) else None


def context_terms(analysis: Analysis, event: Event, ids: dict[str, str]) -> frozenset[str]:
    """Content words (lower-cased, no function words) of the event's sentence and its
    neighbours, and the corpus ids of the entities mentioned there; leaving out the event's
    own participants and trigger, which every telling of any such event shares."""
    text = analysis.article.text if event.field == "text" else event.sentence
    if event.field == "text" and text:
        bounds = [0, *(m.end() for m in _SENTENCE_END.finditer(text)), len(text)]
        index = max(i for i, b in enumerate(bounds[:-1]) if b <= event.start)
        low = bounds[max(0, index - CONTEXT_SENTENCES)]
        high = bounds[min(len(bounds) - 1, index + 1 + CONTEXT_SENTENCES)]
    else:
        low, high = 0, len(text)
    participants = {*event.actor, *event.recipient}
    own_words = set(_words(event.trigger))
    for entity in analysis.entities:
        if entity.id in participants:
            for name in (entity.name, *entity.aliases, *(m.text for m in entity.mentions)):
                own_words.update(_words(name))
    terms = {w for w in _words(text[low:high]) if w not in own_words}
    for entity in analysis.entities:
        if entity.id in participants or entity.type not in NAMED_TYPES:
            continue
        if any(m.field == event.field and low <= m.start < high for m in entity.mentions):
            terms.add("entity:" + ids.get(entity.id, entity.id))
    return frozenset(terms)


def _words(text: str) -> list[str]:
    """Content words, lower-cased, acronyms without dots ("F.B.I." = "FBI"), plural -s off."""
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)
    words = (w.lower().strip("'-") for w in _WORD.findall(text))
    return [_singular(w) for w in words if len(w) > 2 and w not in STOPWORDS]


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def telling(
    analysis: Analysis, event: Event, ids: dict[str, str], story_id: str, place: str | None
) -> Telling:
    return Telling(
        article_id=analysis.article.id,
        local_id=event.id,
        story_id=story_id,
        type=event.type,
        status=event.status,
        actors=frozenset(ids.get(a, a) for a in event.actor),
        recipients=frozenset(ids.get(r, r) for r in event.recipient),
        date=own_date(event),
        place=place or None,
        terms=context_terms(analysis, event, ids),
    )


def dates_agree(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return False
    if len(a) >= 10 and len(b) >= 10:
        try:
            gap = abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
        except ValueError:
            return False
        return gap <= DAY_TOLERANCE
    shorter = min(len(a), len(b))
    return shorter >= 7 and a[:7] == b[:7]  # a month and a day (or month) in it


def story_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def same_story(a: Telling, b: Telling) -> bool:
    return a.story_id == b.story_id or story_overlap(a.terms, b.terms) >= STORY_OVERLAP


def participants_agree(a: Telling, b: Telling) -> bool:
    if not (a.actors & b.actors):
        return False
    return not a.recipients or not b.recipients or bool(a.recipients & b.recipients)


def same_event(a: Telling, b: Telling) -> bool:
    """Whether two tellings from different articles are one event (see the module doc)."""
    if a.type != b.type or STATUS_GROUPS.get(a.status) != STATUS_GROUPS.get(b.status):
        return False
    if not participants_agree(a, b) or not dates_agree(a.date, b.date):
        return False
    if a.place and b.place and a.place != b.place:
        return False
    return same_story(a, b)


def cluster(tellings: Sequence[Telling], same: object = None) -> list[int]:
    """Cluster ids for ``tellings`` taken in order, the way ingest builds corpus events: each
    telling joins the earliest cluster holding a telling of the same event from another
    article (or, within one article's own story, ``same``'s verdict), else starts one."""
    decide = same if callable(same) else same_event
    members: list[list[Telling]] = []
    labels: list[int] = []
    for item in tellings:
        for number, group in enumerate(members):
            if any(t.article_id != item.article_id and decide(t, item) for t in group):
                group.append(item)
                labels.append(number)
                break
        else:
            members.append([item])
            labels.append(len(members) - 1)
    return labels


def pairs(labels: Iterable[int]) -> set[tuple[int, int]]:
    """Index pairs (i < j) put in one cluster."""
    listed = list(labels)
    return {
        (i, j)
        for i in range(len(listed))
        for j in range(i + 1, len(listed))
        if listed[i] == listed[j]
    }
