"""``dateline stats`` and ``dateline query``: read the corpus database (never write it)."""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

import click

from dateline.cli.options import min_confidence_option
from dateline.store.db import DEFAULT_DB
from dateline.textsafety import for_terminal, safe_write, stdout_is_terminal

_FORMATS = click.Choice(["table", "csv", "tsv", "jsonl"])
# The types an entity of the Analysis document can have (``dateline.model.Entity.type``).
ENTITY_TYPES = ["PERSON", "ORG", "LOCATION", "GROUP", "NORP", "FACILITY", "EVENT", "OTHER"]


def _db_option(f):  # type: ignore[no-untyped-def]
    return click.option(
        "--db", default=DEFAULT_DB, show_default=True, help="DuckDB database file."
    )(f)


def _format_option(f):  # type: ignore[no-untyped-def]
    return click.option(
        "--format", "fmt", type=_FORMATS, default="table", show_default=True,
        help="table: readable; csv/tsv: with a header row; jsonl: one object per row.",
    )(f)  # fmt: skip


def _limit_option(f):  # type: ignore[no-untyped-def]
    return click.option(
        "--limit", type=click.IntRange(1), default=50, show_default=True, help="Most rows to print."
    )(f)


def _open(db: str):  # type: ignore[no-untyped-def]
    from dateline.store.db import open_store

    return open_store(db, read_only=True)


def _cell(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return value


def _shorten(value: Any, width: int | None) -> str:
    text = "" if value is None else " ".join(str(_cell(value)).split())
    if width and len(text) > width:
        return text[: width - 1] + "…"
    return text


def print_rows(
    columns: list[str],
    rows: Iterable[tuple[Any, ...]],
    fmt: str,
    title: str | None = None,
    cell_width: int | None = None,
) -> None:
    # Data printed for a person has its control characters escaped; piped output stays exact.
    terminal = stdout_is_terminal()
    if fmt in ("csv", "tsv"):
        writer = csv.writer(
            sys.stdout, delimiter="," if fmt == "csv" else "\t", lineterminator="\n"
        )
        shown = for_terminal if terminal else _cell
        writer.writerow([shown(c) for c in columns])
        writer.writerows([shown(_cell(v)) for v in row] for row in rows)
        return
    if fmt == "jsonl":
        for row in rows:
            line = json.dumps(dict(zip(columns, map(_cell, row), strict=True)), ensure_ascii=False)
            sys.stdout.write((for_terminal(line) if terminal else line) + "\n")
        return
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    columns, rows, fallback = _mark_fallback_dates(columns, list(rows))
    # Titles are ours; every cell is plain Text, never rich markup: article text such as
    # "the integrity of [his] country" must print as it is.
    # A rule under the header and a space between columns, no box: two characters a column
    # instead of three leave the room to print a dozen columns whole.
    table = Table(
        title=title, title_justify="left", show_lines=False, box=box.SIMPLE_HEAD,
        show_edge=False, padding=(0, 1, 0, 0), pad_edge=False,
    )  # fmt: skip
    cells = [[for_terminal(_shorten(v, cell_width)) for v in row] for row in rows]
    width = max(Console().width, 120)
    for column, header, short, floor in _layout([for_terminal(c) for c in columns], cells, width):
        table.add_column(
            Text(header), overflow="fold", no_wrap=short or column == "date", min_width=floor
        )
    for row_cells in cells:
        table.add_row(*(Text(cell) for cell in row_cells))
    Console(width=width).print(table)
    if fallback:
        click.echo(f"{_FALLBACK_MARK} publication date of the first report: no date was stated")
    if not rows:
        click.echo("(no rows)")


_FALLBACK_MARK = "*"
# Longest value (characters) of a column kept on one line in tables.
_SHORT_CELL = 16
# Narrowest a column of longer text becomes in a table too wide for the terminal.
_TEXT_FLOOR = 12
# ... and the narrowest it may become before the table gives up keeping short values whole.
_TEXT_FLOOR_LEAST = 8
# Characters between two columns of a table (the padding and the rule).
_GAP = 2


def _layout(
    columns: list[str], cells: list[list[str]], width: int
) -> list[tuple[str, str, bool, int | None]]:
    """Per column: (name, header, kept on one line, narrowest width).

    A column of short values (a date, a type, a count, a status) stays on one line and its name
    breaks after an underscore instead ("num_" over "mentions"); a column of text keeps room
    for a word or two and wraps at spaces, narrowed down to ``_TEXT_FLOOR_LEAST`` where the
    table needs it (the dozen columns of ``query events`` on a 120-column screen). Only when
    even that does not fit in ``width``: every column folds as it must (rich's own shares),
    which splits words but shows them all.
    """
    for text_floor in range(_TEXT_FLOOR, _TEXT_FLOOR_LEAST - 1, -2):
        planned: list[tuple[str, str, bool, int | None]] = []
        needed = 0
        for i, name in enumerate(columns):
            longest = max((len(row[i]) for row in cells), default=0)
            if longest <= _SHORT_CELL and not any(" " in row[i] for row in cells):
                header = _header_lines(name, longest)
                planned.append((name, header, True, None))
                needed += max(longest, *map(len, header.split("\n"))) + _GAP
            else:
                floor = min(longest, text_floor)
                planned.append((name, name, False, floor))
                needed += max(floor, 1) + _GAP
        if needed <= width:
            return planned
    return [(name, name, False, None) for name in columns]


def _header_lines(name: str, width: int) -> str:
    """A column name wider than its values, broken after its underscores into lines no wider
    than the values where it can be ("num_mentions" over a column of counts: "num_\nmentions")."""
    if not width or len(name) <= width or "_" not in name:
        return name
    lines: list[str] = []
    for part in re.findall(r"[^_]*_|[^_]+$", name):
        if lines and len(lines[-1]) + len(part) <= max(width, 1):
            lines[-1] += part
        else:
            lines.append(part)
    return "\n".join(lines)


def _mark_fallback_dates(
    columns: list[str], rows: list[tuple[Any, ...]]
) -> tuple[list[str], list[tuple[Any, ...]], bool]:
    """For tables: fold a date_is_fallback column into the date as a trailing "*", and show a
    stated date coarser than a day ("2015", "2015-03", date_value) instead of the day column
    (which can only hold the publication day standing in for it)."""
    if "date" not in columns or "date_is_fallback" not in columns:
        return columns, rows, False
    day, flag = columns.index("date"), columns.index("date_is_fallback")
    stated = columns.index("date_value") if "date_value" in columns else None
    keep = [i for i in range(len(columns)) if i not in {flag, stated}]
    marked = []
    fallback = False
    for row in rows:
        values = list(row)
        value = values[stated] if stated is not None else None
        if value and not _DAY_VALUE.match(str(value)):
            values[day] = value
        elif values[flag] and values[day] is not None:
            values[day] = f"{_cell(values[day])}{_FALLBACK_MARK}"
            fallback = True
        marked.append(tuple(values[i] for i in keep))
    return [columns[i] for i in keep], marked, fallback


# A TIMEX3 value of one day, with or without a time of it: the day column holds it.
_DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d(?:$|T)")


# Rows printed on a terminal when no --limit is given.
TERMINAL_ROWS = 1000


class _RowsUpTo:
    """The rows of ``batches``, at most ``limit`` of them; ``more`` tells whether any were left."""

    def __init__(self, batches: Iterator[list[tuple[Any, ...]]], limit: int | None) -> None:
        self.batches = batches
        self.limit = limit
        self.more = False

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        count = 0
        for batch in self.batches:
            for row in batch:
                if self.limit is not None and count >= self.limit:
                    self.more = True
                    return
                count += 1
                yield row


def _parse_day(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint=name) from None


@click.command()
@_db_option
@click.option(
    "--top", type=click.IntRange(1), default=10, show_default=True, help="Rows in each top list."
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@min_confidence_option(
    "Count and list only events at least this sure, as query events lists them (0: every "
    "event); the summary says how many more the database keeps."
)
def stats(db: str, top: int, fmt: str, min_confidence: float) -> None:
    """Summarise the corpus database: counts, date ranges, top actors, events, speakers.

    With the fetching commands' tables, also the last rounds and every feed's health: polls,
    unchanged (304) answers, failures, the last error and how long a failing feed is backed off.

    \b
    Examples:
      dateline stats
      dateline stats --db news.duckdb --top 20
      dateline stats --format json
    """
    from dateline.store import queries

    con = _open(db)
    try:
        result = queries.stats(con, top=top, min_confidence=min_confidence)
    finally:
        con.close()
    if fmt == "json":
        out = {
            key: ({"columns": v.columns, "rows": [[_cell(c) for c in r] for r in v.rows]}
                  if isinstance(v, queries.Rows) else v)
            for key, v in result.items()
        }  # fmt: skip
        safe_write(sys.stdout, json.dumps(out, default=_cell, indent=2, ensure_ascii=False) + "\n")
        return
    c = result["counts"]
    lo, hi = result["published"]
    elo, ehi = result["event_dates"]
    click.echo(f"Corpus {for_terminal(db, one_line=True)}")
    click.echo(
        f"  {c['articles']} articles ({c['stories']} stories, {c['near_duplicates']} near-duplicate copies"
        f"{_copies(c)}) from {c['sources']} sources, published {_cell(lo) or '?'} to {_cell(hi) or '?'}"
    )
    click.echo(
        f"  {c['entities']} entities ({c['mentions']} mentions), {c['quotes']} quotes, "
        f"{c['events']} events ({c['event_num_mentions']} mentions, dated {_cell(elo) or '?'} to {_cell(ehi) or '?'}), "
        f"{c['locations']} places, {c['times']} times, {c['amounts']} amounts"
    )
    if c["events_below_confidence"]:
        click.echo(
            f"  {c['events_below_confidence']} more events below confidence "
            f"{result['min_confidence']:g} (--min-confidence 0 counts every event)"
        )
    log = ", ".join(f"{n} {s}" for s, n in result["ingest_log"].rows)
    click.echo(f"  ingest log: {log or 'empty'}")
    if result["not_english"].rows:
        languages = ", ".join(
            f"{for_terminal(code, one_line=True)} {n}" for code, n in result["not_english"].rows
        )
        total = sum(n for _, n in result["not_english"].rows)
        click.echo(f"  not analysed (not English, stored as text only): {total} ({languages})")
    if "pending_urls" in result and result["pending_urls"].rows:
        urls = ", ".join(f"{n} {s}" for s, n in result["pending_urls"].rows)
        click.echo(f"  fetched URLs: {urls}")
    # Compact tables: the full rows are one `dateline query ...` away.
    hidden = {"event_id", "cameo", "example", "article_id", "cue", "kind"}
    for key, title in (
        ("top_events", "Top events (dateline query events)"),
        ("event_types", "Event types"),
        ("top_actors", "Top actors (dateline query entities)"),
        ("top_speakers", "Top speakers"),
        ("sample_quotes", "Latest quotes (dateline query quotes)"),
        ("rounds", "Last rounds (fetch, ingest --urls, watch)"),
        ("sources", "Sources (feeds and sitemaps)"),
    ):
        if key not in result:
            continue
        rows = result[key]
        if not rows.rows:
            continue
        keep = [i for i, name in enumerate(rows.columns) if name not in hidden]
        print_rows(
            [rows.columns[i] for i in keep], [tuple(r[i] for i in keep) for r in rows.rows],
            "table", title=title, cell_width=70,
        )  # fmt: skip


def _copies(counts: dict[str, Any]) -> str:
    n = counts.get("copies") or 0
    return f", {n} exact copies from other sources" if n else ""


@click.group()
def query() -> None:
    """Query the corpus database: events, quotes, entities, actor tone, or read-only SQL.

    \b
    Examples:
      dateline query events --actor "Vladimir Putin" --type CONSULT --since 2017-11-01
      dateline query quotes --speaker Erdogan --contains Syria
      dateline query entities --type PERSON --limit 20
      dateline query tone --actor Putin --by month
      dateline query sql "SELECT type, count(*) FROM events GROUP BY type"
    """


@query.command("events")
@_db_option
@click.option("--actor", default=None, help="Part of a participant's name (actor or recipient).")
@click.option(
    "--role",
    type=click.Choice(["any", "actor", "recipient"]),
    default="any",
    show_default=True,
    help="Which side --actor must be on.",
)
@click.option("--type", "event_type", default=None, help="PLOVER event type, e.g. CONSULT.")
@click.option("--since", default=None, help="Earliest event date, YYYY-MM-DD.")
@click.option("--until", default=None, help="Latest event date, YYYY-MM-DD.")
@click.option("--place", default=None, help="Part of the place name.")
@click.option(
    "--status", "statuses", default=None,
    help="Only these statuses, comma-separated: occurred, ongoing, future, hypothetical, negated.",
)  # fmt: skip
@click.option("--article", default=None, help="Only events told by this article (id or prefix).")
@click.option(
    "--by", type=click.Choice(["day", "week", "month"]), default=None,
    help="Count the matching events per day, week or month of their date instead of listing them.",
)  # fmt: skip
@min_confidence_option("Leave out events less sure than this (0 shows every event).")
@_limit_option
@_format_option
def query_events(db: str, actor: str | None, role: str, event_type: str | None, since: str | None,
                 until: str | None, place: str | None, statuses: str | None, article: str | None,
                 by: str | None, min_confidence: float, limit: int, fmt: str) -> None:  # fmt: skip
    """Corpus events (merged across articles), most reported first.

    \b
    Examples:
      dateline query events --actor "Vladimir Putin" --type CONSULT --since 2017-11-01
      dateline query events --actor Assad --role recipient --format csv
      dateline query events --place Sochi --until 2017-12-31
      dateline query events --status occurred,ongoing --type ASSAULT --by week
      dateline query events --article 3f2a9c
      dateline query events --min-confidence 0          # every event, however unsure
    """
    from dateline.store import queries

    wanted = split_statuses(statuses)
    con = _open(db)
    try:
        rows = queries.events(
            con, actor=actor, role=role, event_type=event_type, since=_parse_day(since, "--since"),
            until=_parse_day(until, "--until"), place=place, limit=limit, statuses=wanted,
            article=article, by=by, min_confidence=min_confidence,
        )  # fmt: skip
    finally:
        con.close()
    columns, values = rows.columns, rows.rows
    if fmt == "table" and "example" in columns:
        # The table on screen has no room for the confidence and the CAMEO code (the type says
        # what it codes), and shows the example sentence's start: with them a dozen columns
        # fold words apart on a 120-column screen. CSV, TSV and JSON Lines carry them whole.
        from rich.console import Console

        keep = [i for i, c in enumerate(columns) if c not in _OFF_THE_EVENTS_TABLE]
        example = columns.index("example")
        # A wider screen shows more of it: what the other columns leave on one line.
        room = max(_EXAMPLE_WIDTH, Console().width - _EXAMPLE_WIDTH)
        values = [
            tuple(_shorten(v, room) if i == example else v for i, v in enumerate(row))
            for row in values
        ]
        columns = [columns[i] for i in keep]
        values = [tuple(row[i] for i in keep) for row in values]
    print_rows(columns, values, fmt)


# Columns ``query events`` leaves out of its table (CSV, TSV, JSON Lines keep them), and the
# characters of the example sentence the table shows on a screen of 120 columns or fewer (on a
# wider one, as many more as it has columns beyond 120).
_OFF_THE_EVENTS_TABLE = frozenset({"confidence", "cameo"})
_EXAMPLE_WIDTH = 60


def split_statuses(value: str | None) -> list[str] | None:
    """ "occurred, ongoing" -> ["occurred", "ongoing"]; checked against the known statuses."""
    if value is None:
        return None
    from dateline.store.queries import check_statuses

    return check_statuses([part.strip().lower() for part in value.split(",") if part.strip()])


@query.command("quotes")
@_db_option
@click.option("--speaker", default=None, help="Part of the speaker's name.")
@click.option("--contains", default=None, help="Text the quote contains (case-insensitive).")
@click.option("--since", default=None, help="Earliest publication date, YYYY-MM-DD.")
@click.option("--until", default=None, help="Latest publication date, YYYY-MM-DD.")
@_limit_option
@_format_option
def query_quotes(db: str, speaker: str | None, contains: str | None, since: str | None,
                 until: str | None, limit: int, fmt: str) -> None:  # fmt: skip
    """Quotes with their speakers, newest articles first.

    \b
    Examples:
      dateline query quotes --speaker Erdogan --contains Syria
      dateline query quotes --contains ceasefire --format jsonl
    """
    from dateline.store import queries

    con = _open(db)
    try:
        rows = queries.quotes(
            con, speaker=speaker, contains=contains, since=_parse_day(since, "--since"),
            until=_parse_day(until, "--until"), limit=limit,
        )  # fmt: skip
    finally:
        con.close()
    print_rows(rows.columns, rows.rows, fmt)


@query.command("entities")
@_db_option
@click.option("--name", default=None, help="Part of the canonical name.")
@click.option(
    "--type", "entity_type", default=None, help="Entity type.",
    # A misspelt type is an error naming the types, not an empty table.
    type=click.Choice(ENTITY_TYPES, case_sensitive=False),
)  # fmt: skip
@click.option("--country", default=None, help="ISO 3166-1 alpha-3 country code, e.g. RUS.")
@click.option(
    "--tone", is_flag=True,
    help="Add how the articles portray each entity: articles scored, mean score (-1..+1), "
    "articles negative / neutral / positive towards it.",
)  # fmt: skip
@_limit_option
@_format_option
def query_entities(db: str, name: str | None, entity_type: str | None, country: str | None,
                   tone: bool, limit: int, fmt: str) -> None:  # fmt: skip
    """Corpus entities (one per real-world actor), most covered first.

    \b
    Examples:
      dateline query entities --type PERSON
      dateline query entities --name Putin --format jsonl
      dateline query entities --type PERSON --tone
    """
    from dateline.store import queries

    con = _open(db)
    try:
        rows = queries.entities(
            con, name=name, entity_type=entity_type, country=country, limit=limit, tone=tone
        )
    finally:
        con.close()
    print_rows(rows.columns, rows.rows, fmt)


@query.command("tone")
@_db_option
@click.option("--actor", required=True, help="Part of the actor's canonical name.")
@click.option(
    "--by", type=click.Choice(["day", "week", "month"]), default="month", show_default=True,
    help="Period of the articles' publication date.",
)  # fmt: skip
@click.option("--since", default=None, help="Earliest publication date, YYYY-MM-DD.")
@click.option("--until", default=None, help="Latest publication date, YYYY-MM-DD.")
@_limit_option
@_format_option
def query_tone(db: str, actor: str, by: str, since: str | None, until: str | None, limit: int,
               fmt: str) -> None:  # fmt: skip
    """How coverage of an actor shifts: per period, the articles that mention it, their mean
    target-dependent score towards it (-1..+1), how many portray it negatively, neutrally and
    positively, and the articles' mean GDELT-style tone.

    \b
    Examples:
      dateline query tone --actor Putin --by month
      dateline query tone --actor "Maria Jones" --by week --since 2025-01-01 --format csv
    """
    from dateline.store import queries

    first, last = _parse_day(since, "--since"), _parse_day(until, "--until")
    con = _open(db)
    try:
        rows = queries.actor_tone(con, actor, by=by, since=first, until=last, limit=limit)
    finally:
        con.close()
    print_rows(rows.columns, rows.rows, fmt)


@query.command("sql")
@click.argument("statement")
@_db_option
@click.option(
    "--limit", type=click.IntRange(1), default=None, help="Most rows to print (default: all)."
)
@_format_option
def query_sql(statement: str, db: str, limit: int | None, fmt: str) -> None:
    """Run one read-only SELECT over the documented tables (see docs/store.md).

    The database is opened read-only with file access disabled; statements other than
    SELECT / WITH ... SELECT are refused.

    \b
    Examples:
      dateline query sql "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC"
      dateline query sql "SELECT name, country FROM entities WHERE type = 'PERSON'" --format csv
    """
    from dateline.store import queries

    # Rows stream from the database as they are printed. A table (or anything shown on a
    # terminal) stops at a row limit: nobody reads ten million rows scrolling past.
    on_screen = fmt == "table" or stdout_is_terminal()
    shown = limit if limit is not None else (TERMINAL_ROWS if on_screen else None)
    con = _open(db)
    try:
        columns, batches = queries.stream_read_only_sql(con, statement)
        rows = _RowsUpTo(batches, shown)
        print_rows(columns, rows, fmt)
        more = rows.more
    finally:
        con.close()
    if more and limit is None:
        click.echo(
            f"(stopped after {shown} rows; --limit N shows more, and --format csv or jsonl "
            "sent to a file or pipe gives every row)",
            err=True,
        )
