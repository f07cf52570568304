"""``dateline analyze``: analyse articles and print their Analysis documents."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import click

from dateline.cli.actors import actors_option
from dateline.cli.options import (
    field_option,
    min_confidence_option,
    model_option,
    stages_option,
)
from dateline.errors import DatelineError, InputError
from dateline.textsafety import for_terminal, safe_write


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["summary", "json", "jsonl"]),
    default="summary",
    show_default=True,
    help="summary: readable text; json: one document; jsonl: one per line.",
)
@stages_option
@model_option
@field_option
@actors_option
@min_confidence_option()
@click.option(
    "--progress/--no-progress",
    default=None,
    help="A progress line on stderr: model loading, then articles, rate and ETA "
    "(default: when stderr is a terminal).",
)
@click.pass_context
def analyze(
    ctx: click.Context,
    inputs: tuple[str, ...],
    fmt: str,
    stages: str | None,
    model: str | None,
    fields: tuple[str, ...],
    min_confidence: float,
    progress: bool | None,
) -> None:
    """Analyse INPUTS: files (.txt, .html, .json), folders (recursively), JSON Lines
    (.jsonl, .ndjson), WARC (.warc, .warc.gz) and - for stdin; any of them gzip-compressed.
    The same inputs as ``dateline ingest``.

    \b
    Examples:
      dateline analyze article.txt                  # readable summary
      dateline analyze article.txt --format json    # the Analysis document
      cat article.txt | dateline analyze - --format json
      dateline analyze pages/ --format jsonl --stages article
      dateline analyze dump.jsonl --field text=body --format jsonl
      dateline analyze crawl.warc.gz --format jsonl
      dateline analyze article.txt --min-confidence 0   # every event, however unsure

    Events below --min-confidence are left out of every format, as queries and exports leave
    them out; the summary says how many.
    """
    from collections import deque
    from itertools import islice

    from dateline.cli.progress import Progress, wanted
    from dateline.events import confident_part
    from dateline.pipeline import Pipeline, freeze_loaded_model
    from dateline.sources.jsonl import parse_field_options
    from dateline.sources.stream import InputItem, Step, expand, kind_of, stream, total_bytes

    debug = (ctx.obj or {}).get("debug", False)
    try:
        pipeline = Pipeline.create(stages.split(",") if stages else None, model=model)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--stages") from None
    try:
        field_map = parse_field_options(fields)
    except InputError as exc:
        raise click.BadParameter(exc.problem, param_hint="--field") from None
    paths: list[str] = []
    errors: list[DatelineError] = []
    for given in inputs:
        try:
            paths.extend(expand([given], absolute=False))
        except InputError as exc:
            errors.append(exc)
    # One input that holds one article: its failure is the command's error.
    single = len(inputs) == 1 and len(paths) <= 1 and all(kind_of(p) == "file" for p in paths)
    if single and errors:
        raise errors[0]
    show = wanted(progress, sys.stderr)
    # Bytes of input behind each item not yet analysed, in order (outcomes keep the order).
    item_bytes: deque[int] = deque()

    def read(steps: Iterator[Step]) -> Iterator[InputItem]:
        carried = 0
        for step in steps:
            carried += step.nbytes
            if step.item is not None:
                item_bytes.append(carried)
                carried = 0
                yield step.item

    items: Iterator[InputItem] = read(stream(paths, field_map))
    if fmt == "json":
        first = list(islice(items, 2))
        if len(first) + len(errors) > 1:
            raise click.UsageError(
                "--format json prints one document; use --format jsonl for several inputs"
            )
        items = iter(first)
    total = len(errors)
    failures = len(errors)
    with Progress("analyze", sys.stderr, show, total_bytes(paths) if show else None) as line:
        with line.paused():
            for error in errors:
                click.echo(f"dateline: error: {for_terminal(error, one_line=True)}", err=True)
        if "nlp" in pipeline.stages:
            line.phase("loading model …")
        pipeline.load()  # a missing model fails before any work
        freeze_loaded_model()
        line.phase(None)
        for outcome in pipeline.run(items, raise_errors=single or debug):
            total += 1
            with line.paused():
                if outcome.analysis is None:
                    failures += 1
                    message = f"{outcome.key}: {outcome.problem}"
                    click.echo(f"dateline: error: {for_terminal(message, one_line=True)}", err=True)
                elif fmt == "summary":
                    from dateline.cli.summary import print_summary

                    shown, hidden = confident_part(outcome.analysis, min_confidence)
                    print_summary(shown, hidden_events=hidden, min_confidence=min_confidence)
                else:
                    shown, _ = confident_part(outcome.analysis, min_confidence)
                    safe_write(
                        sys.stdout,
                        shown.to_json(indent=2 if fmt == "json" else None) + "\n",
                    )
                    sys.stdout.flush()
            nbytes = item_bytes.popleft() if item_bytes else 0
            line.advance(1, 0 if outcome.analysis is not None else 1, nbytes)
    if failures:
        if debug:
            raise DatelineError(f"{failures} of {total} inputs failed")
        if total > 1:  # one input's error line says it all
            click.echo(f"dateline: {failures} of {total} inputs failed", err=True)
        sys.exit(1)
