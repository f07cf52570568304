"""Static knowledge of article structuring, loaded once from the data files beside this module.

- ``boilerplate.txt``: regular expressions of boilerplate phrasing (log-in, newsletter, share...).
- ``roles.txt``: words of the job-title part of a byline ("Political Editor").
- ``agencies.txt``: news agencies and wire services ("Reuters", "AFP").
"""

from __future__ import annotations

import re
from functools import lru_cache

from dateline.resources import data_lines


def _data_lines(name: str) -> list[str]:
    return [line.strip() for line in data_lines("dateline.article", name)]


@lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(calls to action that open a line, phrases that may sit anywhere in a short line)."""
    anchored = [p for p in _data_lines("boilerplate.txt") if p.startswith("^")]
    anywhere = [p for p in _data_lines("boilerplate.txt") if not p.startswith("^")]
    return (
        re.compile("|".join(f"(?:{p})" for p in anchored), re.I),
        re.compile("|".join(f"(?:{p})" for p in anywhere), re.I),
    )


@lru_cache(maxsize=1)
def role_words() -> frozenset[str]:
    return frozenset(_data_lines("roles.txt"))


@lru_cache(maxsize=1)
def agencies() -> dict[str, str]:
    """Lower-cased agency name -> name as written."""
    return {name.lower(): name for name in _data_lines("agencies.txt")}
