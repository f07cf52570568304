"""A readable summary of one Analysis document, printed with rich.

Article text is escaped before printing: rich reads "[...]" as markup, and news text is full
of square brackets ("defending the integrity of [his] country").
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from dateline.model import Analysis
from dateline.textsafety import for_terminal

# Columns of the events table whose values are never cut.
_WHOLE_EVENT_COLUMNS = frozenset({"date", "status", "conf."})
# The longest PLOVER type ("COOPERATE").
_TYPE_WIDTH = 9


def _table(title: str, *columns: str) -> Table:
    return Table(*columns, title=title, title_justify="left")


def _row(table: Table, *cells: str) -> None:
    table.add_row(*(Text(for_terminal(cell)) for cell in cells))


def _shown(text: str) -> str:
    """Data for rich markup: control characters escaped, then square brackets."""
    return escape(for_terminal(text))


def print_summary(
    analysis: Analysis,
    console: Console | None = None,
    *,
    hidden_events: int = 0,
    min_confidence: float | None = None,
) -> None:
    """Print ``analysis``; ``hidden_events`` events below ``min_confidence`` were left out."""
    console = console or Console()
    art = analysis.article
    console.print(Text(for_terminal(art.headline or "(no headline)"), style="bold"))
    meta = [
        ("source", art.source),
        # A fetched page's source is its WARC record: the URL says which page it was.
        ("url", art.url if art.url != art.source else None),
        ("standfirst", art.standfirst),
        ("authors", ", ".join(art.authors) or None),
        ("published", art.published),
        ("publisher", art.publisher),
        ("language", art.language),
        ("paragraphs", str(len(art.paragraphs))),
        ("captions", " | ".join(art.captions) or None),
        ("boilerplate dropped", str(len(art.boilerplate))),
    ]
    for key, value in meta:
        if value:
            console.print(f"[dim]{key:>20}[/] {_shown(value)}")
    for notice in analysis.notices:
        console.print(f"[yellow]notice ({notice.stage}):[/] {_shown(notice.message)}")
    names = {e.id: e.name for e in analysis.entities}
    if analysis.entities:
        portrayal = {t.entity: t for t in analysis.tone.entities} if analysis.tone else {}
        columns = ("id", "entity", "type", "code", "mentions")
        table = _table("Entities", *columns, *(("tone",) if analysis.tone else ()))
        for e in analysis.entities:
            cells = [e.id, e.name, e.type, e.code or e.country or "", str(len(e.mentions))]
            if analysis.tone:
                scored = portrayal.get(e.id)
                cells.append(f"{scored.label} {scored.score:+.2f}" if scored else "")
            _row(table, *cells)
        console.print(table)
    if analysis.quotes:
        table = _table("Quotes", "speaker", "kind", "quote")
        for q in analysis.quotes:
            _row(table, names.get(q.speaker or "", q.speaker_name or "?"), q.kind, q.text)
        console.print(table)
    if analysis.events:
        # Eight columns on an 80-column screen: lines under the header only, one space between
        # columns (the room the boxed tables spend on borders goes to the names).
        table = Table(
            title="Events", title_justify="left", box=box.SIMPLE_HEAD, show_edge=False,
            padding=(0, 1, 0, 0), pad_edge=False,
        )  # fmt: skip
        for column in ("type", "actor", "recipient", "date", "place", "status", "trigger", "conf."):
            # Short values (a type, a day, a status, a number) stay whole on an 80-column
            # screen ("2017-11-20", not "2017-11…"); the names and the trigger wrap instead.
            # A type with its mode ("ASSAULT/heavy-weapons") is cut after the type's room.
            table.add_column(
                column, no_wrap=column in _WHOLE_EVENT_COLUMNS,
                min_width=_TYPE_WIDTH if column == "type" else None,
            )  # fmt: skip
        places = {loc.id: loc.name for loc in analysis.locations}
        for ev in analysis.events:
            _row(
                table,
                ev.type + (f"/{ev.mode}" if ev.mode else ""),
                ", ".join(names.get(a, a) for a in ev.actor),
                ", ".join(names.get(r, r) for r in ev.recipient),
                ev.date or "",
                places.get(ev.location or "", ""),
                ev.status,
                ev.trigger,
                f"{ev.confidence:.2f}",
            )
        console.print(table)
    if hidden_events:
        console.print(
            f"[dim]{hidden_events} more event{'s' if hidden_events > 1 else ''} below confidence "
            f"{min_confidence:g} left out (--min-confidence 0 shows every event)[/]"
        )
    if analysis.locations:
        places_text = "; ".join(
            f"{loc.name} ({loc.country or '?'}, {loc.geonameid or 'no id'})"
            for loc in analysis.locations
        )
        console.print(f"[bold]Places:[/] {_shown(places_text)}")
    if analysis.times:
        times_text = "; ".join(f"{t.text} → {t.value}" for t in analysis.times)
        console.print(f"[bold]Times:[/] {_shown(times_text)}")
    if analysis.tone:
        t = analysis.tone.article
        console.print(
            f"[bold]Tone (GDELT V2Tone):[/] {t.tone:+.2f} (positive {t.positive:.2f}, negative "
            f"{t.negative:.2f}, polarity {t.polarity:.2f}, activity {t.activity_density:.2f}, "
            f"self/group {t.self_group_density:.2f}, {t.word_count} words)"
        )
    if analysis.amounts:
        amounts_text = "; ".join(
            f"{a.text} = {a.value:g} {a.unit or ''} {a.object or ''}".strip()
            if a.value is not None
            else a.text
            for a in analysis.amounts
        )
        console.print(f"[bold]Amounts:[/] {_shown(amounts_text)}")
