"""``dateline bench serve``: how fast the explorer answers on a large corpus.

A synthetic corpus (``serve/synthetic.py``: generated articles of real-news length, written by
the store writer exactly as ingest writes) is built once, or reused with ``--db``. The explorer
then runs as a real HTTP server on 127.0.0.1, and every page and API route is requested in
turn, each ``--repeat`` times after two warm-up requests, over one keep-alive connection. The
table gives the median, 95th percentile and worst time per route, measured by the client
(request sent to response read), beside the budget.
"""

from __future__ import annotations

import os
import platform
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import click


def _routes(base_db: Path) -> list[str]:
    """Representative URLs for the corpus: lists with and without filters, detail pages."""
    import duckdb

    con = duckdb.connect(str(base_db), read_only=True)
    try:
        busy_event = con.execute(
            "SELECT event_id FROM events ORDER BY num_articles DESC, event_id LIMIT 1"
        ).fetchone()[0]  # type: ignore[index]
        actor_id, actor_name = con.execute(
            "SELECT e.entity_id, e.name FROM mentions m JOIN entities e USING (entity_id) "
            "WHERE e.type = 'PERSON' GROUP BY ALL ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()  # type: ignore[misc]
        article_id = con.execute(
            "SELECT article_id FROM articles ORDER BY num_chars DESC LIMIT 1"
        ).fetchone()[0]  # type: ignore[index]
        event_type, place = con.execute(
            "SELECT type, place_name FROM events WHERE place_name IS NOT NULL "
            "GROUP BY ALL ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()  # type: ignore[misc]
        day = con.execute("SELECT median(date)::DATE FROM events").fetchone()[0]  # type: ignore[index]
    finally:
        con.close()
    surname = actor_name.split()[-1]
    month = f"since={day.replace(day=1)}&until={day.replace(day=28)}"
    return [
        # Floor, measured in the same run: the server answering without touching the database.
        "/static/dateline.js",
        "/",
        f"/search?q={quote(surname)}",
        "/articles",
        "/articles?q=tariffs",
        f"/articles?entity={actor_id}",
        "/articles?page=200",
        f"/articles/{article_id}",
        "/events",
        f"/events?type={event_type}&{month}",
        f"/events?actor={quote(surname)}&role=actor",
        f"/events?place={quote(place)}&sort=date",
        "/events?q=ceasefire&status=negated",
        f"/events/{busy_event}",
        "/quotes",
        f"/quotes?speaker={actor_id}",
        "/quotes?q=progress",
        "/entities",
        "/entities?type=PERSON&country=KEN",
        f"/entities/{actor_id}",
        "/map",
        f"/map?type={event_type}",
        "/timeline",
        f"/timeline?actor={actor_id}&interval=day",
        "/api/stats",
        "/api/articles",
        f"/api/articles/{article_id}",
        f"/api/events?type={event_type}",
        f"/api/events/{busy_event}",
        "/api/quotes",
        "/api/entities",
        f"/api/entities/{actor_id}",
        "/api/timeline",
        "/api/map",
    ]


def _serve(db: Path) -> tuple[str, object, threading.Thread]:
    import uvicorn

    from dateline.serve.app import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    if not server.started:
        raise click.ClickException("the explorer did not start")
    return f"http://127.0.0.1:{port}", server, thread


@click.command("serve")
@click.option("--articles", default=10_000, show_default=True, help="Size of the corpus.")
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Synthetic corpus to reuse; built there (and kept) when missing.",
)
@click.option("--repeat", default=20, show_default=True, help="Timed requests per route.")
@click.option("--budget-ms", default=300.0, show_default=True, help="Time each page must beat.")
def command(articles: int, db: Path | None, repeat: int, budget_ms: float) -> None:
    """Time every explorer page and API route on a synthetic corpus of --articles articles."""
    import duckdb
    import httpx

    from dateline.serve import synthetic

    with tempfile.TemporaryDirectory(prefix="dateline-bench-serve-") as scratch:
        path = db or Path(scratch) / "corpus.duckdb"
        if not path.exists():
            click.echo(
                f"building a synthetic corpus of {articles:,} articles in {path} ...", err=True
            )
            started = time.perf_counter()
            synthetic.build(path, articles)
            click.echo(f"  built in {time.perf_counter() - started:.0f} s", err=True)
        con = duckdb.connect(str(path), read_only=True)
        counts = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
            for t in ("articles", "events", "event_mentions", "quotes", "entities", "mentions")
        }
        con.close()
        routes = _routes(path)
        load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        base, server, thread = _serve(path)
        rows = []
        try:
            with httpx.Client(base_url=base, timeout=60) as client:
                for route in routes:
                    for _ in range(2):
                        client.get(route)
                    times = []
                    status = 0
                    for _ in range(repeat):
                        started = time.perf_counter()
                        response = client.get(route)
                        _ = response.content
                        times.append((time.perf_counter() - started) * 1000)
                        status = response.status_code
                    times.sort()
                    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
                    rows.append((route, status, statistics.median(times), p95, times[-1]))
        finally:
            server.should_exit = True  # type: ignore[attr-defined]
            thread.join(timeout=10)
    size = path.stat().st_size if path.exists() else 0
    click.echo(
        f"Load average at the start: {load_before:.1f}. Explorer on {counts['articles']:,} articles ({counts['events']:,} events, "
        f"{counts['event_mentions']:,} event mentions, {counts['quotes']:,} quotes, "
        f"{counts['entities']:,} entities, {counts['mentions']:,} mentions"
        + (f"; {size / 2**20:.0f} MiB" if size else "")
        + f"), {repeat} requests per route; {platform.machine()}, "
        f"{_cpus()} CPUs, DuckDB {duckdb.__version__}, Python {platform.python_version()}"
    )
    click.echo("")
    click.echo("| route | status | median ms | p95 ms | max ms |")
    click.echo("|---|---|---|---|---|")
    floor, rows = rows[0], rows[1:]
    click.echo(
        f"| baseline: `{floor[0]}` (a static file, no database) | {floor[1]} | {floor[2]:.0f} "
        f"| {floor[3]:.0f} | {floor[4]:.0f} |"
    )
    for route, status, median, p95, worst in rows:
        click.echo(f"| `{route}` | {status} | {median:.0f} | {p95:.0f} | {worst:.0f} |")
    slowest = max(rows, key=lambda r: r[4])
    over = [r for r in rows if r[4] >= budget_ms or r[1] != 200]
    click.echo("")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    click.echo(
        f"Load average when done: {load:.1f} on {_cpus()} CPUs. "
        f"Slowest: `{slowest[0]}` at {slowest[4]:.0f} ms (worst of {repeat}); "
        + (
            f"every route answered 200 in under {budget_ms:.0f} ms."
            if not over
            else f"{len(over)} route(s) over {budget_ms:.0f} ms or not 200: "
            + ", ".join(f"`{r[0]}`" for r in over)
        )
    )


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
