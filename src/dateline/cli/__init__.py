"""The ``dateline`` command line: a small, sharp CLI over the pipeline and the corpus database.

Commands live in their own modules and are imported only when invoked, so ``dateline --help``
stays fast and a command never pays for another's dependencies.
"""

from __future__ import annotations

import importlib
import sys

import click

from dateline import __version__

# command name -> "module:attribute" of a click command.
COMMANDS: dict[str, str] = {
    "analyze": "dateline.cli.analyze:analyze",
    "actors": "dateline.cli.actors:actors",
    "schema": "dateline.cli.schema:schema",
    "eval": "dateline.cli.eval:eval_group",
    "bench": "dateline.cli.bench:bench",
    "ingest": "dateline.cli.ingest:ingest",
    "stats": "dateline.cli.query:stats",
    "query": "dateline.cli.query:query",
    "export": "dateline.cli.export:export",
    "fetch": "dateline.cli.fetch:fetch",
    "watch": "dateline.cli.watch:watch",
    "serve": "dateline.cli.serve:serve",
    "spark": "dateline.cli.spark:spark",
}

HELP_SUMMARIES = {
    "analyze": "Analyse articles and print their Analysis documents.",
    "actors": "Look up actor codings; check actor dictionaries.",
    "schema": "Print the JSON Schema of the Analysis document.",
    "eval": "Score a stage against public gold data.",
    "bench": "Measure throughput beside bare spaCy.",
    "ingest": "Analyse news into the corpus database.",
    "stats": "Summarise the corpus database.",
    "query": "Query events, quotes, entities or SQL.",
    "export": "Export the corpus as JSONL, CSV, Parquet or GDELT.",
    "fetch": "Fetch article URLs from the web and analyse them.",
    "watch": "Follow RSS/Atom feeds and news sitemaps into the database.",
    "serve": "Browse the corpus in a web browser (read-only).",
    "spark": "Build the corpus on Apache Spark, as Parquet.",
}


def load_command(target: str) -> click.Command:
    module_name, attr = target.split(":")
    command: click.Command = getattr(importlib.import_module(module_name), attr)
    return command


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def __init__(self, *args, lazy: dict[str, str], summaries: dict[str, str], **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.lazy = lazy
        self.summaries = summaries

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            return load_command(self.lazy[cmd_name])
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, self.summaries.get(name, "")) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(
    cls=LazyGroup,
    lazy=COMMANDS,
    summaries=HELP_SUMMARIES,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="dateline")
@click.option("--debug", is_flag=True, help="Show tracebacks on errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Dateline turns news articles into structured event data: who did what to whom,
    where and when, and who said so.

    \b
    Examples:
      dateline analyze article.txt
      dateline analyze article.txt --format json
      dateline ingest ./news/ && dateline stats
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _damaged_database(exc: Exception) -> str | None:
    if exc.__class__.__module__.split(".")[0] not in ("duckdb", "_duckdb"):
        return None
    from dateline.store.db import damage_message

    return damage_message(None, exc)


def main() -> None:
    from dateline.errors import DatelineError
    from dateline.textsafety import for_terminal

    debug = "--debug" in sys.argv[1:]
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except DatelineError as exc:
        if debug:
            raise
        # Messages name inputs: a file name may hold a newline or an escape sequence.
        click.echo(f"dateline: error: {for_terminal(exc, one_line=True)}", err=True)
        for line in (exc.detail or "").splitlines():
            if line.strip():
                click.echo(f"  {for_terminal(line, one_line=True)}", err=True)
        sys.exit(1)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:
        if debug:
            raise
        damaged = _damaged_database(exc)
        if damaged is not None:
            # Damage found while reading (a block failing its checksum), not at opening.
            click.echo(f"dateline: error: {damaged}", err=True)
            sys.exit(1)
        click.echo(
            f"dateline: error: {exc.__class__.__name__}: {for_terminal(exc, one_line=True)} "
            "(rerun with --debug for a traceback)",
            err=True,
        )
        sys.exit(2)
