"""The attribute ruler's matches found by token columns instead of spaCy's ``Matcher``.

spaCy's ``attribute_ruler`` (in the English models: the tag map, the morphology rules and a
few lemma exceptions, ~180 patterns of one or two tokens) runs a general ``Matcher`` over every
token of every document: with the parse, ~10 % of the whole ``nlp.pipe`` (about 13 ms of an
average bench article, most of it the matcher's predicate machinery). Its patterns are simple:
a token's tag, lower case, text, dependency or "is space", compared for equality, set
membership (``IN``/``NOT_IN``) or a regular expression. :class:`ColumnMatcher` finds exactly
the matches the ``Matcher`` finds for such patterns, reading the document's attribute columns
once (``Doc.to_array``) and trying at each token only the patterns whose first token could hold
there (indexed by a value one of their attributes must equal); the ruler then sets the
attributes as before (its own ``set_annotations``, in the same order). A ruler whose patterns
use anything else (operators ``OP``, extensions, other predicates) keeps spaCy's matcher.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

# The token attributes a pattern may test here: each is a plain column of ``Doc.to_array``
# holding what the Matcher compares (a string's hash, or 0/1 for a flag).
COLUMNS = ("ORTH", "LOWER", "TAG", "DEP", "IS_SPACE")
# The columns a pattern is indexed by, the most telling first.
INDEX_ORDER = (0, 1, 3, 2, 4)
# A regular expression's answers kept per string hash (bounded; the answer never changes).
_REGEX_MEMO_KEPT = 50_000


class UnsupportedPattern(Exception):
    """A pattern this matcher does not read the way spaCy's Matcher does."""


@dataclass(frozen=True)
class _Test:
    column: int  # index into COLUMNS
    kind: str  # "eq", "in", "not_in" or "regex"
    value: Any  # a hash, a frozenset of hashes, or a compiled pattern


@dataclass(frozen=True)
class _Pattern:
    attr_id: int  # the ruler's rule number (its matcher key is str(attr_id))
    match_id: int  # the matcher key's hash, as the Matcher reports it
    tokens: tuple[tuple[_Test, ...], ...]


def _value_hash(ruler: AttributeRuler, value: str | bool | int) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    return int(ruler.vocab.strings.add(value))


def _tests(ruler: AttributeRuler, spec: dict[str, Any]) -> tuple[_Test, ...]:
    tests: list[_Test] = []
    for attr, value in spec.items():
        name = "ORTH" if attr.upper() == "TEXT" else attr.upper()
        if name not in COLUMNS:
            raise UnsupportedPattern(attr)
        column = COLUMNS.index(name)
        if isinstance(value, str | bool | int):
            tests.append(_Test(column, "eq", _value_hash(ruler, value)))
            continue
        if not isinstance(value, dict) or len(value) != 1:
            raise UnsupportedPattern(repr(value))
        ((predicate, argument),) = value.items()
        if predicate in ("IN", "NOT_IN") and isinstance(argument, list):
            if not all(isinstance(v, str) for v in argument):
                raise UnsupportedPattern(repr(value))
            hashes = frozenset(_value_hash(ruler, v) for v in argument)
            tests.append(_Test(column, predicate.lower(), hashes))
        elif predicate == "REGEX" and isinstance(argument, str):
            tests.append(_Test(column, "regex", re.compile(argument)))
        else:
            raise UnsupportedPattern(repr(value))
    return tuple(tests)


@dataclass(frozen=True)
class _Entry:
    """A pattern as the index hands it out: ``tests`` are its tokens' tests still to try."""

    pattern: _Pattern
    tests: tuple[tuple[_Test, ...], ...]

    @property
    def sure(self) -> bool:
        """One token, nothing left to try: the index lookup was the whole pattern."""
        return len(self.tests) == 1 and not self.tests[0]


# A candidate pattern at a token: ((rule number, key hash), its length, the tests still to try,
# or None when the index lookup was the whole pattern).
_Candidate = tuple[tuple[int, int], int, tuple[tuple[_Test, ...], ...] | None]


def _candidate(entry: _Entry) -> _Candidate:
    key = (entry.pattern.attr_id, entry.pattern.match_id)
    return key, len(entry.tests), None if entry.sure else entry.tests


class ColumnMatcher:
    """The matches of an attribute ruler's patterns, as ``AttributeRuler.match`` gives them:
    ``(rule number, key hash, start, end)`` for every match, sorted."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.strings = ruler.vocab.strings
        self.patterns: list[_Pattern] = []
        # ``ruler.patterns`` lists the rules by number; one rule may hold several patterns.
        for attr_id, entry in enumerate(ruler.patterns):
            match_id = int(ruler.vocab.strings[str(attr_id)])
            patterns: list[list[dict[str, Any]]] = entry["patterns"]  # type: ignore[assignment]
            for tokens in patterns:
                specs = tuple(_tests(ruler, spec) for spec in tokens)
                if not specs or any(not spec for spec in specs):
                    raise UnsupportedPattern(repr(tokens))
                self.patterns.append(_Pattern(attr_id, match_id, specs))
        # Per column, the patterns a token holding a value there may start.
        self._index: list[dict[int, list[_Entry]]] = [{} for _ in COLUMNS]
        self._anywhere: list[_Entry] = []
        # Patterns whose first token is known only by a regular expression: per column, the
        # candidates of each value met, found the first time it is met (``_regex_candidates``).
        self._by_regex: list[tuple[_Test, _Entry]] = []
        for pattern in self.patterns:
            self._add_to_index(pattern)
        # What ``__call__`` reads: per indexed column, each value's candidates as plain tuples.
        self._compiled = [
            (column, {value: [_candidate(e) for e in entries] for value, entries in found.items()})
            for column, found in enumerate(self._index)
            if found
        ]
        self._compiled_anywhere = [_candidate(e) for e in self._anywhere]
        self._regex_columns = sorted({test.column for test, _ in self._by_regex})
        self._regex_memo: dict[tuple[str, int], bool] = {}
        self._regex_found: list[dict[int, list[_Candidate]]] = [{} for _ in COLUMNS]

    def _add_to_index(self, pattern: _Pattern) -> None:
        """Index a pattern under the values one column of its first token must hold, the
        most telling column first (a word before a tag: fewer patterns tried per token). The
        index answers that test, so it is not tried again."""
        first, *others = pattern.tokens
        for column in INDEX_ORDER:
            for test in first:
                if test.column == column and test.kind in ("eq", "in"):
                    values = [test.value] if test.kind == "eq" else sorted(test.value)
                    rest = tuple(t for t in first if t is not test)
                    entry = _Entry(pattern, (rest, *others))
                    for value in values:
                        self._index[column].setdefault(value, []).append(entry)
                    return
        for test in first:
            if test.kind == "regex":
                rest = tuple(t for t in first if t is not test)
                self._by_regex.append((test, _Entry(pattern, (rest, *others))))
                return
        self._anywhere.append(_Entry(pattern, pattern.tokens))

    def _regex(self, pattern: re.Pattern[str], value: int) -> bool:
        key = (pattern.pattern, value)
        found = self._regex_memo.get(key)
        if found is None:
            found = bool(pattern.search(self.strings[value]))
            if len(self._regex_memo) >= _REGEX_MEMO_KEPT:
                self._regex_memo.clear()
            self._regex_memo[key] = found
        return found

    def _regex_candidates(self, column: int, value: int) -> list[_Candidate]:
        """The candidates, among the patterns known by a regular expression on ``column``,
        of a token holding ``value`` there (kept per value, bounded)."""
        found = self._regex_found[column].get(value)
        if found is None:
            found = [
                _candidate(entry)
                for test, entry in self._by_regex
                if test.column == column and self._regex(test.value, value)
            ]
            if len(self._regex_found[column]) >= _REGEX_MEMO_KEPT:
                self._regex_found[column].clear()
            self._regex_found[column][value] = found
        return found

    def _holds(
        self, tests: tuple[tuple[_Test, ...], ...], rows: list[list[int]], start: int
    ) -> bool:
        for row, spec in zip(rows[start : start + len(tests)], tests, strict=True):
            for test in spec:
                value = row[test.column]
                kind = test.kind
                if kind == "eq":
                    if value != test.value:
                        return False
                elif kind == "in":
                    if value not in test.value:
                        return False
                elif kind == "not_in":
                    if value in test.value:
                        return False
                elif not self._regex(test.value, value):
                    return False
        return True

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        rows: list[list[int]] = doc.to_array(list(COLUMNS)).tolist() if len(doc) else []
        indexes, anywhere, holds = self._compiled, self._compiled_anywhere, self._holds
        regex_columns, regex_found = self._regex_columns, self._regex_found
        matches: list[tuple[int, int, int, int]] = []
        size = len(rows)
        for start, row in enumerate(rows):
            # A pattern is indexed under one column only, and a token holds one value in each:
            # no pattern comes twice.
            candidates = [*anywhere]
            for column, index in indexes:
                found = index.get(row[column])
                if found is not None:
                    candidates.extend(found)
            for column in regex_columns:
                found = regex_found[column].get(row[column])
                if found is None:
                    found = self._regex_candidates(column, row[column])
                candidates.extend(found)
            for key, length, tests in candidates:
                if tests is None:
                    matches.append((key[0], key[1], start, start + 1))
                elif start + length <= size and holds(tests, rows, start):
                    matches.append((key[0], key[1], start, start + length))
        matches.sort()
        return matches


def use_column_matcher(nlp: Language) -> bool:
    """Make ``nlp``'s attribute ruler find its matches with a :class:`ColumnMatcher` (built
    from its patterns as they are now: call it after the last pattern is added). Returns
    whether it did; a ruler with a pattern it cannot read keeps spaCy's matcher."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    if not isinstance(ruler, AttributeRuler):
        return False
    try:
        matcher = ColumnMatcher(ruler)
    except UnsupportedPattern:
        return False
    find: Callable[[Doc], list[tuple[int, int, int, int]]] = matcher
    ruler.match = find  # type: ignore[method-assign,assignment]
    return True


__all__ = ["COLUMNS", "ColumnMatcher", "UnsupportedPattern", "use_column_matcher"]
