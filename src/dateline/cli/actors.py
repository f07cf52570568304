"""``dateline actors``: look up how a name is coded, and check a user's actor dictionary; and
the ``--actors FILE`` option that ``analyze``, ``ingest``, ``fetch`` and ``watch`` share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from dateline.errors import InputError

F = TypeVar("F", bound=Callable[..., Any])


def _use_dictionaries(ctx: click.Context, param: click.Parameter, value: tuple[Path, ...]) -> None:
    from dateline.entities.user_actors import ENVIRONMENT_VARIABLE, configure, configured_paths

    # Without --actors, the files DATELINE_ACTORS names are checked now too: a missing or bad
    # one is one error before any work, not a failure logged for every article analysed.
    given = value or tuple(configured_paths())
    if not given:
        return
    try:
        configure(given)
    except InputError as exc:
        where = "" if value else f" (named by {ENVIRONMENT_VARIABLE})"
        raise click.BadParameter(f"{exc.source}: {exc.problem}{where}", ctx, param) from None


def actors_option(command: F) -> F:
    """``--actors FILE`` (repeatable): the user's actor dictionaries, winning over the KB."""
    option = click.option(
        "--actors",
        "actor_files",
        multiple=True,
        type=click.Path(path_type=Path),
        expose_value=False,
        callback=_use_dictionaries,
        help="Actor dictionary (CSV or YAML; see docs/actors.md) whose entries win over the "
        "built-in knowledge base. Repeatable; DATELINE_ACTORS names files too.",
    )
    return option(command)


@click.group()
def actors() -> None:
    """Look up actor codings and check actor dictionaries.

    \b
    Examples:
      dateline actors lookup "Vladimir Putin" --date 2017-11-21
      dateline actors lookup "Ferhat Yildiz" --actors my-actors.csv
      dateline actors check my-actors.csv
    """


@actors.command()
@click.argument("name")
@click.option("--date", "on", default=None, metavar="YYYY-MM-DD", help="Code as of this day.")
@actors_option
def lookup(name: str, on: str | None) -> None:
    """How NAME is coded (on --date, default: its latest role) and where the coding comes from."""
    from datetime import date

    from dateline.entities.coding import code_actor
    from dateline.entities.kb import load_kb
    from dateline.entities.user_actors import load_configured

    if on is not None:
        try:
            on = date.fromisoformat(on).isoformat()
        except ValueError:
            raise click.BadParameter(f"{on!r} is not an ISO date", param_hint="--date") from None
    kb = load_kb()
    origins = {actor.id: actor.origin for actor in load_configured()}
    found = kb.actors_named(name) or kb.actors_with_surname(name)
    organisation = kb.organisation(name)
    if organisation is not None and organisation not in found:
        found.append(organisation)
    if found:
        for actor in found:
            coding = code_actor(actor, on)
            source = origins.get(actor.id) or "built-in knowledge base"
            aliases = ", ".join(actor.aliases) or "-"
            click.echo(
                f"{actor.name} ({actor.type}): code {coding.code or '-'}, country "
                f"{coding.country or '-'}, sector {coding.sector or '-'}"
                f"{' on ' + on if on else ''}\n  from: {source} [{actor.id}]\n  aliases: {aliases}"
            )
        return
    country = kb.country(name)
    if country is not None:
        click.echo(f"{name}: the country {country.name}, code {country.iso3} (built-in)")
        return
    sector = kb.agent(name)
    if sector is not None:
        click.echo(f"{name}: a generic agent, sector {sector} (built-in agent words)")
        return
    raise click.ClickException(f"{name!r} is not in the knowledge base or the actor dictionaries")


@actors.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def check(files: tuple[Path, ...]) -> None:
    """Validate actor dictionaries: one line per problem, exit 1 when any."""
    from dateline.entities.user_actors import read_dictionary

    bad = 0
    for path in files:
        try:
            found, problems = read_dictionary(path)
        except InputError as exc:
            click.echo(f"{exc.source}: {exc.problem}", err=True)
            bad += 1
            continue
        unit = "item" if path.suffix.lower() in (".yaml", ".yml") else "line"
        for problem in problems:
            click.echo(f"{path}:{problem.line}: {unit} {problem.line}: {problem.message}", err=True)
        bad += len(problems)
        if not problems:
            roles = sum(len(actor.roles) for actor in found)
            click.echo(f"{path}: {len(found)} actors, {roles} roles, no problems")
    if bad:
        raise SystemExit(1)
