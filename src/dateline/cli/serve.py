"""``dateline serve``: the web explorer of a corpus database (read-only)."""

from __future__ import annotations

import socket

import click

from dateline.store.db import DEFAULT_DB


@click.command()
@click.option(
    "--db",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Corpus database to explore (opened read-only).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; only this machine can connect unless you change it.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--quiet", is_flag=True, help="Do not log every request.")
def serve(db: str, host: str, port: int, quiet: bool) -> None:
    """Browse the corpus in a web browser: articles with highlighted entities, quotes and
    events, actor pages, event pages, a world map, a timeline, and a JSON API under /api/.

    \b
    Examples:
      dateline serve                          # http://127.0.0.1:8000
      dateline serve --db news.duckdb --port 8080
      dateline serve --host 0.0.0.0           # reachable from other machines: think first

    The explorer never keeps the database open: it reads a private copy, taken again when the
    file changes. While `dateline ingest` writes to it, pages show the last committed state and
    say that the corpus is being updated.
    """
    import uvicorn

    from dateline.serve.app import create_app

    # The address is taken first: a port in use is one error before the database is copied,
    # not an announcement followed by the server's own failure; port 0 shows the port chosen.
    sock = listening_socket(host, port)
    click.echo(f"Reading {db} (the explorer works on a private copy of it) ...", err=True)
    try:
        app = create_app(db)
    except BaseException:
        sock.close()
        raise
    shown = f"[{host}]" if ":" in host else host
    port = sock.getsockname()[1]
    click.echo(f"Dateline explorer of {db} on http://{shown}:{port} (Ctrl-C stops it)", err=True)
    config = uvicorn.Config(
        app, access_log=not quiet, log_level="warning" if quiet else "info", server_header=False
    )
    uvicorn.Server(config).run(sockets=[sock])


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host``:``port`` (as uvicorn would bind it), or a clear error."""
    from dateline.errors import DatelineError

    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror as exc:
        raise DatelineError(
            f"--host {host}: not an address of this machine ({exc.strerror})"
        ) from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise DatelineError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    sock.set_inheritable(True)
    return sock
