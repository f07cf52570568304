"""What a grammar rule sees (:class:`Context`) and what it returns (:class:`Resolution`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Resolution:
    value: str | None
    type: str = "DATE"
    # True when the date part is the anchor only for want of a stated day ("at 10:35 a.m."):
    # a day named elsewhere in the sentence is better.
    floating_day: bool = False
    # Set for anaphoric expressions ("that year", "the same day"): the granularity ("year",
    # "day", ...) to take from the nearest earlier expression that states it.
    refers_back: str | None = None
    # With ``refers_back``: how many of those units after (+) or before (-) the earlier
    # expression ("the next day" +1). The value, if any, is the anchor-based fallback.
    shift: int = 0
    # True when the text gives no year ("On March 25", "in March") and the year was guessed
    # from the anchor: a year stated earlier in the paragraph is better.
    year_implied: bool = False


@dataclass
class Context:
    text: str
    anchor: date | None
    tense_of: Callable[[int, int], str | None] = field(default=lambda s, e: None)
    # Character ranges spaCy labelled DATE or TIME: evidence for ambiguous matches.
    ner_ranges: list[tuple[int, int]] = field(default_factory=list)
    # Penn tag of the word at a character offset (from the spaCy parse).
    tag_at: Callable[[int], str | None] = field(default=lambda offset: None)

    def tense(self, m: re.Match[str]) -> str | None:
        return self.tense_of(m.start(), m.end())

    def preceding_word(self, m: re.Match[str], skip_article: bool = False) -> str:
        """The word before the match; with ``skip_article``, the word before a "the"."""
        before = [
            w.lower().strip("(\"'“") for w in self.text[max(0, m.start() - 30) : m.start()].split()
        ]
        if skip_article and len(before) > 1 and before[-1] == "the":
            before.pop()
        return before[-1] if before else ""

    def tag_after(self, m: re.Match[str]) -> str | None:
        """Penn tag of the word right after the match ("NNS" in "2000 troops"), if a word."""
        rest = self.text[m.end() :]
        gap = len(rest) - len(rest.lstrip(" "))
        if not rest[gap : gap + 1].isalpha():
            return None
        return self.tag_at(m.end() + gap)

    def in_ner(self, m: re.Match[str]) -> bool:
        return any(s <= m.start() and m.end() <= e for s, e in self.ner_ranges)


Handler = Callable[[re.Match[str], Context], Resolution | None]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    handler: Handler
    # The strings every match begins with (``patternscan.start_prefixes``): where the pattern is tried.
    starts: frozenset[str] | None = None
