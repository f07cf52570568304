"""A readable summary of one Analysis document, printed with rich."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from dateline.model import Analysis


def print_summary(analysis: Analysis, console: Console | None = None) -> None:
    console = console or Console()
    art = analysis.article
    console.rule(f"[bold]{art.headline or '(no headline)'}")
    meta = [
        ("source", art.source),
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
            console.print(f"[dim]{key:>20}[/] {value}")
    for notice in analysis.notices:
        console.print(f"[yellow]notice ({notice.stage}):[/] {notice.message}")
    names = {e.id: e.name for e in analysis.entities}
    if analysis.entities:
        table = Table(
            "id", "entity", "type", "code", "mentions", title="Entities", title_justify="left"
        )
        for e in analysis.entities:
            table.add_row(e.id, e.name, e.type, e.code or e.country or "", str(len(e.mentions)))
        console.print(table)
    if analysis.quotes:
        table = Table("speaker", "kind", "quote", title="Quotes", title_justify="left")
        for q in analysis.quotes:
            table.add_row(names.get(q.speaker or "", q.speaker_name or "?"), q.kind, q.text)
        console.print(table)
    if analysis.events:
        table = Table(
            "type",
            "actor",
            "recipient",
            "date",
            "place",
            "status",
            "trigger",
            title="Events",
            title_justify="left",
        )
        places = {loc.id: loc.name for loc in analysis.locations}
        for ev in analysis.events:
            table.add_row(
                ev.type + (f"/{ev.mode}" if ev.mode else ""),
                ", ".join(names.get(a, a) for a in ev.actor),
                ", ".join(names.get(r, r) for r in ev.recipient),
                ev.date or "",
                places.get(ev.location or "", ""),
                ev.status,
                ev.trigger,
            )
        console.print(table)
    if analysis.locations:
        console.print(
            "[bold]Places:[/] "
            + "; ".join(
                f"{loc.name} ({loc.country or '?'}, {loc.geonameid or 'no id'})"
                for loc in analysis.locations
            )
        )
    if analysis.times:
        console.print(
            "[bold]Times:[/] " + "; ".join(f"{t.text} → {t.value}" for t in analysis.times)
        )
    if analysis.amounts:
        console.print(
            "[bold]Amounts:[/] "
            + "; ".join(
                f"{a.text} = {a.value:g} {a.unit or ''} {a.object or ''}".strip()
                if a.value is not None
                else a.text
                for a in analysis.amounts
            )
        )
