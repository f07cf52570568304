"""Bylines: "By Jane Doe and John Roe", "Jane Doe, Political Editor", "Jane Doe | Reuters",
"Jane Doe in Moscow", "Reporting by Jane Doe; Editing by John Roe"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from dateline.article.lexicons import agencies, role_words

_BY = re.compile(r"^(?:(?:written|words|story|text|report(?:ed|ing)?)\s+)?by[:\s]+", re.I)
# An e-mail address is only tried from the start of a word: tried from every position, a long
# word without "@" costs quadratic time.
_HANDLE = re.compile(r"\s*(?:@\w+|(?:twitter|x|email)\s*:\s*\S+|(?<!\S)[^\s@]+@\S+\.\w+)\s*", re.I)
# Name particles written in lower case inside personal names.
_PARTICLES = frozenset(
    [
        "de",
        "da",
        "das",
        "dos",
        "du",
        "del",
        "della",
        "der",
        "den",
        "van",
        "von",
        "le",
        "la",
        "al",
        "el",
        "bin",
        "ibn",
        "ben",
        "y",
        "di",
    ]
)
_NAME_TOKEN = re.compile(
    r"^(?:[A-ZÀ-Þ][\w'’À-ÿ-]*\.?|[A-Z]\.(?:[A-Z]\.)*|(?:al|el)-[A-Z][\w'’-]*)$"
)
# First words of place names that a bare line next to a timestamp may be ("New Delhi").
_PLACE_OPENERS = frozenset(
    [
        "New",
        "San",
        "Santa",
        "Los",
        "Las",
        "Saint",
        "St.",
        "Fort",
        "Port",
        "Mount",
        "Lake",
        "North",
        "South",
        "East",
        "West",
        "Hong",
        "Abu",
    ]
)
_WIRE_FOOTER = re.compile(r"\breport(?:ing|ed)? by\s+(?P<names>[^;()]+)", re.I)


@dataclass
class Byline:
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None


def _is_name(text: str) -> bool:
    tokens = text.split()
    if not 2 <= len(tokens) <= 5:
        return False
    if any(token.lower().strip(".,") in role_words() for token in tokens):
        return False
    capitalised = 0
    for token in tokens:
        if token.lower() in _PARTICLES:
            continue
        if not _NAME_TOKEN.match(token) or any(ch.isdigit() for ch in token):
            return False
        capitalised += 1
    return capitalised >= 2


def _title_case_name(name: str) -> str:
    # "JANE DOE" -> "Jane Doe"; mixed case is kept as written ("McAllister").
    if name.isupper():
        return " ".join(part.capitalize() for part in name.split())
    return name


def _is_role(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower())
    return bool(words) and any(word in role_words() for word in words)


def _is_acronym(text: str) -> bool:
    """A newsroom's short name after a byline ("Priya Raman / TNN")."""
    return bool(re.fullmatch(r"[A-Z]{2,6}", text.strip()))


def _agency(text: str) -> str | None:
    return agencies().get(text.strip(" .,-–—()").lower())


@lru_cache(maxsize=1)
def _agency_suffixes() -> tuple[tuple[str, str], ...]:
    """(" " + lower-cased name, lower-cased name) of every agency, longest name first: sorted
    once, not at every byline tried."""
    return tuple((" " + name, name) for name in sorted(agencies(), key=len, reverse=True))


def split_names(text: str) -> list[str] | None:
    """ "Jane Doe, John Roe and Ann Poe" -> three names; None unless every part is a name."""
    parts = [p.strip() for p in re.split(r",|;|\s+and\s+|\s*&\s*", text) if p.strip()]
    if not parts or len(parts) > 5 or not all(_is_name(p) for p in parts):
        return None
    return [_title_case_name(p) for p in parts]


def parse_byline(line: str, bare_names: bool = True) -> Byline | None:
    """A byline's authors and agency, or None when ``line`` is not a byline.

    ``bare_names`` allows a line of names alone ("Oliver Carroll"), which is only safe where a
    byline is expected (next to a timestamp in an article's header).
    """
    text = _HANDLE.sub(" ", line).strip(" |·•-–—")
    had_by = bool(_BY.match(text))
    text = _BY.sub("", text).strip()
    if not text:
        return None
    agency = _agency(text)
    if agency:
        return Byline(publisher=agency)
    extra_ok = had_by
    publisher = None
    # "By Jane Doe Associated Press": an agency glued after the names without a separator.
    lowered = text.lower()
    for suffix, name in _agency_suffixes():
        if lowered.endswith(suffix) and len(text) > len(name) + 1:
            publisher, extra_ok = agencies()[name], True
            text = text[: -len(name) - 1].strip(" ,|/-–—")
            break
    # "Jane Doe in Moscow" / "Jane Doe in Washington and John Roe in Kyiv": drop the places.
    text = re.sub(r"\s+in\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*", "", text)
    # "Jane Doe, Political Editor" / "Jane Doe, Reuters" / "Jane Doe - Staff Writer"
    head, sep, tail = _split_role(text)
    if sep:
        agency = _agency(tail)
        if agency:
            publisher, extra_ok = agency, True
        elif _is_role(tail) or _is_acronym(tail):
            extra_ok = True
        else:
            head = text
    names = split_names(head)
    if names is None:
        return None
    if not (extra_ok or bare_names):
        return None
    if not extra_ok and any(n.split()[0] in _PLACE_OPENERS for n in names):
        return None  # "New Delhi", "San Francisco": a dateline place, not a person
    return Byline(authors=names, publisher=publisher)


def _split_role(text: str) -> tuple[str, str, str]:
    """Split "names, role" at the last separator after which no name follows."""
    for sep in (" | ", " / ", " - ", " – ", " — ", ", "):
        head, found, tail = text.rpartition(sep)
        if found and head:
            if sep == ", " and split_names(tail) and not (_agency(tail) or _is_role(tail)):
                continue
            return head, found, tail
    return text, "", ""


def wire_footer_authors(line: str) -> list[str]:
    """Authors from a wire footer: "Reporting by Jane Doe and John Roe; Editing by Ann Poe"."""
    match = _WIRE_FOOTER.search(line)
    if not match:
        return []
    names = re.sub(r"\s+in\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*", "", match.group("names"))
    return split_names(names.strip(" .")) or []
