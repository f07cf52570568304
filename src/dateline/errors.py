"""Errors Dateline reports to users: one line naming the input and the problem."""

from __future__ import annotations


class DatelineError(Exception):
    """An error with a message fit for a user (no traceback needed).

    ``detail`` holds further lines printed under the one-line message (a parser's pointer to
    the place of a syntax error, say); the message itself stays one line.
    """

    def __init__(self, *args: object, detail: str | None = None) -> None:
        super().__init__(*args)
        self.detail = detail


class InputError(DatelineError):
    """An input cannot be analysed: empty, binary, too large, not an article, missing..."""

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class ModelNotFoundError(DatelineError):
    """The spaCy model is not installed."""
