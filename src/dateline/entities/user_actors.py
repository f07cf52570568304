"""Actor dictionaries that users keep themselves: new office holders, local militias, companies.

A dictionary is a CSV file with the header ``name,aliases,type,country,sector,code,start,end``
(aliases separated by ``|``, country as ISO 3166-1 alpha-3, dates as ISO ``YYYY-MM-DD``, an
empty cell = unknown or open), or a YAML file holding a list of mappings with the same keys
(``aliases`` may be a list). Several rows with the same name are several roles of one actor
(a minister who later became president). ``docs/actors.md`` documents the format with an
example.

Entries are given to the pipeline with ``--actors FILE`` or the ``DATELINE_ACTORS`` environment
variable (several files separated by the path separator) and *win* over the built-in
knowledge base: a name a user file defines means the user's actor, whatever the KB says.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from dateline.errors import InputError

ENVIRONMENT_VARIABLE = "DATELINE_ACTORS"
COLUMNS = ("name", "aliases", "type", "country", "sector", "code", "start", "end")
TYPES = ("PERSON", "ORG", "GROUP")
SECTOR = re.compile(r"[A-Z]{3}")
CODE = re.compile(r"[A-Z0-9]{3,15}")


@dataclass
class UserRole:
    code: str | None
    country: str | None
    sector: str | None
    start: str | None
    end: str | None


@dataclass
class UserActor:
    """One actor of a user dictionary, with where it was defined (for ``actors lookup``)."""

    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[UserRole] = field(default_factory=list)
    origin: str = ""

    @property
    def id(self) -> str:
        return "USER_" + re.sub(r"\W+", "_", self.name.upper()).strip("_")

    def row(self) -> list[Any]:
        """The knowledge base's actor row: [id, name, type, aliases, roles, surnames]."""
        roles = [
            [
                role.code or f"{role.country or ''}{role.sector or ''}" or None,
                role.country,
                role.sector,
                None,
                role.start,
                role.end,
            ]
            for role in self.roles
        ]
        return [self.id, self.name, self.type, list(self.aliases), roles, []]


@dataclass
class Problem:
    line: int
    message: str


def _cell(record: dict[str, Any], key: str) -> str:
    value = record.get(key)
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _aliases(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [a.strip() for a in str(value or "").split("|") if a.strip()]


def _iso_date(text: str, column: str) -> str | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValueError(f"{column} {text!r} is not an ISO date (YYYY-MM-DD)") from None


def _country(text: str) -> str | None:
    if not text:
        return None
    from dateline.entities.kb import load_builtin_kb

    code = text.upper()
    if load_builtin_kb().country_by_code(code) is None:
        raise ValueError(f"country {text!r} is not an ISO 3166-1 alpha-3 code")
    return code


def _parse_record(record: dict[str, Any]) -> tuple[str, str, list[str], UserRole]:
    name = _cell(record, "name")
    if not name:
        raise ValueError("name is empty")
    kind = (_cell(record, "type") or "PERSON").upper()
    if kind not in TYPES:
        raise ValueError(f"type {kind!r} is not one of {', '.join(TYPES)}")
    sector = _cell(record, "sector").upper() or None
    if sector is not None and not SECTOR.fullmatch(sector):
        raise ValueError(f"sector {sector!r} is not a three-letter agent code (GOV, MIL, REB…)")
    code = _cell(record, "code").upper() or None
    if code is not None and not CODE.fullmatch(code):
        raise ValueError(f"code {code!r} is not a CAMEO-style actor code (letters and digits)")
    start = _iso_date(_cell(record, "start"), "start")
    end = _iso_date(_cell(record, "end"), "end")
    if start and end and end < start:
        raise ValueError(f"end {end} is before start {start}")
    role = UserRole(code=code, country=_country(_cell(record, "country")), sector=sector,
                    start=start, end=end)  # fmt: skip
    return name, kind, _aliases(record.get("aliases")), role


def _records(path: Path, text: str) -> Iterable[tuple[int, dict[str, Any]]]:
    """(line number, record) pairs of a CSV or YAML dictionary."""
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise InputError(str(path), f"invalid YAML: {exc}") from None
        if data is None:
            return
        if not isinstance(data, list):
            raise InputError(str(path), "a YAML actor dictionary is a list of mappings")
        for number, item in enumerate(data, start=1):
            yield number, item if isinstance(item, dict) else {"__invalid__": item}
        return
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise InputError(
            str(path), f"CSV header must be {','.join(COLUMNS)} (missing: {', '.join(missing)})"
        )
    reader.fieldnames = header
    for record in reader:
        yield reader.line_num, record


def read_dictionary(path: Path) -> tuple[list[UserActor], list[Problem]]:
    """The actors of one dictionary file and the problems of its bad lines (YAML: items)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(str(path), "actor dictionary not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read actor dictionary: {exc}") from None
    actors: dict[str, UserActor] = {}
    problems: list[Problem] = []
    unit = "item" if path.suffix.lower() in (".yaml", ".yml") else "line"
    for number, record in _records(path, text):
        if "__invalid__" in record:
            problems.append(Problem(number, "not a mapping of name, aliases, type, ..."))
            continue
        try:
            name, kind, aliases, role = _parse_record(record)
        except ValueError as exc:
            problems.append(Problem(number, str(exc)))
            continue
        actor = actors.get(name.casefold())
        if actor is None:
            actor = UserActor(name=name, type=kind, origin=f"{path}:{unit} {number}")
            actors[name.casefold()] = actor
        elif actor.type != kind:
            problems.append(Problem(number, f"type {kind} differs from {actor.type} given before"))
            continue
        actor.aliases += [a for a in aliases if a not in actor.aliases]
        actor.roles.append(role)
    return list(actors.values()), problems


def configured_paths() -> list[Path]:
    """The dictionaries named by ``DATELINE_ACTORS`` (set by ``--actors`` too)."""
    value = os.environ.get(ENVIRONMENT_VARIABLE, "")
    return [Path(p) for p in value.split(os.pathsep) if p.strip()]


def configure(paths: Iterable[Path]) -> None:
    """Use these dictionaries in this process and in the worker processes it starts: checks
    them first (one clear error for the first bad line), then names them in the environment."""
    resolved = [p.resolve() for p in paths]
    for path in resolved:
        _, problems = read_dictionary(path)
        if problems:
            raise InputError(f"{path}:{problems[0].line}", problems[0].message)
    if resolved:
        os.environ[ENVIRONMENT_VARIABLE] = os.pathsep.join(str(p) for p in resolved)
        from dateline.entities.kb import reset_kb

        reset_kb()


def load_configured() -> list[UserActor]:
    """Every actor of the configured dictionaries (a later file wins over an earlier one)."""
    actors: dict[str, UserActor] = {}
    for path in configured_paths():
        found, problems = read_dictionary(path)
        if problems:
            raise InputError(f"{path}:{problems[0].line}", problems[0].message)
        for actor in found:
            actors[actor.name.casefold()] = actor
    return list(actors.values())
