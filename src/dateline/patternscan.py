"""Find every match of a pattern without trying it at every character of the text.

Python's ``re`` tries a pattern that opens with optional groups ("early December", "the past
two years") at every position of the text: over the time grammar's ~35 rules that was most of
the time stage, and a good part of the amounts stage. Each pattern is read once (its parsed
form, ``re._parser``) for the short strings any match must begin with: "the", "earl", "jan",
... (lower-cased, at most :data:`PREFIX_LENGTH` characters), or a digit. Only where one of them
occurs is the pattern tried, with ``pattern.match(text, position)``, which sees the whole text
(look-behinds and ``\\b`` at the position work as in a search). Taking the matches left to right
and going on after each match's end, as ``finditer`` does, gives exactly ``finditer``'s matches:
every position where the pattern can match is a candidate.

Exactness needs care in two places, and the scanner falls back to ``finditer`` there:

* a pattern that may begin with something other than a literal or a digit (``\\s``, ``.``, a
  negated class) or may match the empty string has no prefix set (``None``);
* case-insensitive literals are looked for in ``text.lower()``, which agrees with ``re``'s
  case-insensitive matching except for the three characters ``re`` folds onto an ASCII letter
  that ``str.lower`` does not (dotless ı, long ſ, and İ, whose lower case is two characters).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]
from typing import Any

# Longer prefixes mean fewer false candidates, and more strings to look for.
PREFIX_LENGTH = 4
# A match may begin with a decimal digit (``\d``): candidates are the text's digits.
DIGIT = "\\d"
# Characters ``re`` matches case-insensitively to an ASCII letter, unlike ``str.lower``.
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f")
_DIGITS = re.compile(r"\d")
# Small character classes (``[01]``) are spelled out; bigger ones end the prefix.
_MAX_CLASS = 12


class _NoPrefix(Exception):
    """The pattern may begin with something the prefix set cannot stand for."""


def start_prefixes(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-cased strings (or :data:`DIGIT`) one of which begins every match of ``pattern``;
    None when no such set can be read off the pattern."""
    tree = sre_parse.parse(pattern.pattern, pattern.flags)
    try:
        found = _walk(list(tree.data), tree.state.flags, "", ())
    except _NoPrefix:
        return None
    if "" in found:
        return None  # the pattern may match the empty string, or open with a class
    # A prefix that begins with another one adds no position.
    return frozenset(p for p in found if not any(p[:k] in found for k in range(1, len(p))))


# A continuation: the items still to match after the current sequence, with their flags.
_Rest = tuple[tuple[list[Any], int], ...]


def _walk(items: list[Any], flags: int, prefix: str, rest: _Rest) -> set[str]:
    """The prefixes of matches of ``items`` followed by ``rest``, each begun by ``prefix``."""
    if len(prefix) >= PREFIX_LENGTH:
        return {prefix}
    if not items:
        if not rest:
            return {prefix}
        (next_items, next_flags), *others = rest
        return _walk(next_items, next_flags, prefix, tuple(others))
    (op, av), tail = items[0], items[1:]
    if op is sre.LITERAL:
        char = chr(av)
        if flags & re.IGNORECASE and not char.isascii() and _is_cased(char):
            # re folds some non-ASCII letters onto others that str.lower keeps apart
            # (a character without case, "€", matches only itself).
            if prefix:
                return {prefix}
            raise _NoPrefix
        return _walk(tail, flags, prefix + char.lower(), rest)
    if op is sre.IN:
        chars = _class_chars(av)
        if chars is None:
            if prefix:
                return {prefix}
            if _is_digit_class(av):
                return {DIGIT}
            raise _NoPrefix
        found: set[str] = set()
        for char in chars:
            found |= _walk(tail, flags, prefix + char.lower(), rest)
        return found
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return _walk(tail, flags, prefix, rest)  # zero-width: the prefix goes on after it
    if op is sre.SUBPATTERN:
        _group, add, remove, sub = av
        inner_flags = (flags | add) & ~remove
        return _walk(list(sub.data), inner_flags, prefix, ((tail, flags), *rest))
    if op is sre.BRANCH:
        found = set()
        for alternative in av[1]:
            found |= _walk(list(alternative.data), flags, prefix, ((tail, flags), *rest))
        return found
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, sub = av
        found = set()
        if high == 1:
            # Once ("X?" taken, or "X{1}"): the prefix goes on into what follows it.
            found |= _walk(list(sub.data), flags, prefix, ((tail, flags), *rest))
        else:
            # One pass through the repeated part, then the prefix ends (a shorter prefix is
            # still a prefix of every such match).
            inner = _walk(list(sub.data), flags, prefix, ())
            if "" in inner:
                raise _NoPrefix
            found |= inner
        if low == 0:
            found |= _walk(tail, flags, prefix, rest)  # not at all
        return found
    if prefix:
        return {prefix}
    raise _NoPrefix


def _is_cased(char: str) -> bool:
    return char.lower() != char or char.upper() != char or ord(char) in _EXTRA_CASES


def _class_chars(items: list[Any]) -> list[str] | None:
    """The characters of a small class of literals and ranges (both cases are looked for in
    lower-cased text, so the flags do not matter); None for a category or a big class."""
    chars: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            chars.append(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < _MAX_CLASS:
            chars.extend(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None
        if len(chars) > _MAX_CLASS:
            return None
    return chars


def _is_digit_class(items: list[Any]) -> bool:
    return len(items) == 1 and items[0] == (sre.CATEGORY, sre.CATEGORY_DIGIT)


class TextScanner:
    """One text's candidate positions, shared by every rule scanned over it."""

    def __init__(self, text: str) -> None:
        self.text = text
        lowered = text.lower()
        # Where lower-casing disagrees with re's case folding, no prefix can be trusted.
        self.exact = len(lowered) == len(text) and _FOLDS_TO_ASCII.isdisjoint(text)
        self._lowered = lowered
        self._found: dict[str, list[int]] = {}

    def positions(self, prefix: str) -> list[int]:
        """Every position where ``prefix`` occurs in the lower-cased text (digits for DIGIT)."""
        found = self._found.get(prefix)
        if found is None:
            if prefix == DIGIT:
                found = [m.start() for m in _DIGITS.finditer(self.text)]
            else:
                found = []
                find, at = self._lowered.find, self._lowered.find(prefix)
                while at >= 0:
                    found.append(at)
                    at = find(prefix, at + 1)
            self._found[prefix] = found
        return found

    def finditer(
        self, pattern: re.Pattern[str], prefixes: frozenset[str] | None
    ) -> Iterator[re.Match[str]]:
        """The matches ``pattern.finditer(text)`` gives, trying the pattern only where one of
        ``prefixes`` occurs."""
        if prefixes is None or not self.exact:
            yield from pattern.finditer(self.text)
            return
        candidates: set[int] = set()
        for prefix in prefixes:
            candidates.update(self.positions(prefix))
        match_at, text, resume = pattern.match, self.text, 0
        for position in sorted(candidates):
            if position < resume:
                continue
            match = match_at(text, position)
            if match is not None:
                # Never empty: every match begins with a non-empty prefix.
                resume = match.end()
                yield match
