"""``dateline analyze``: analyse articles and print their Analysis documents."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import click

from dateline.errors import DatelineError, InputError
from dateline.model import Article


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
@click.option("--stages", default=None, help="Comma-separated stages to run (plus what they need).")
@click.option(
    "--model", default=None, help="spaCy model package or path (default: pinned en_core_web_sm)."
)
@click.pass_context
def analyze(
    ctx: click.Context, inputs: tuple[str, ...], fmt: str, stages: str | None, model: str | None
) -> None:
    """Analyse INPUTS (files, folders, or - for stdin): .txt, .html, .json, optionally .gz.

    \b
    Examples:
      dateline analyze article.txt                  # readable summary
      dateline analyze article.txt --format json    # the Analysis document
      cat article.txt | dateline analyze - --format json
      dateline analyze pages/ --format jsonl --stages article
    """
    from dateline.article import structure
    from dateline.pipeline import Pipeline
    from dateline.sources import iter_inputs, read_input

    debug = (ctx.obj or {}).get("debug", False)
    try:
        pipeline = Pipeline.create(stages.split(",") if stages else None, model=model)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--stages") from None
    paths: list[str] = []
    errors: list[DatelineError] = []
    for given in inputs:
        try:
            paths.extend(iter_inputs([given]))
        except InputError as exc:
            errors.append(exc)
    if fmt == "json" and len(paths) + len(errors) > 1:
        raise click.UsageError(
            "--format json prints one document; use --format jsonl for several inputs"
        )
    single = len(inputs) == 1 and len(paths) <= 1
    if single and errors:
        raise errors[0]
    failures = len(errors)
    for error in errors:
        click.echo(f"dateline: error: {error}", err=True)

    def articles() -> Iterator[Article]:
        nonlocal failures
        for path in paths:
            try:
                yield structure(read_input(path))
            except InputError as exc:
                if single:
                    raise
                failures += 1
                click.echo(f"dateline: error: {exc}", err=True)
            except Exception as exc:  # one broken input must not stop a batch
                if single or debug:
                    raise
                failures += 1
                click.echo(f"dateline: error: {path}: {exc.__class__.__name__}: {exc}", err=True)

    if pipeline.stages != ["article"]:
        pipeline.nlp  # noqa: B018 - load the model up front so a missing one fails before any work

    def analysis_failed(article: Article, exc: Exception) -> None:
        nonlocal failures
        if single or debug:
            raise exc
        failures += 1
        click.echo(
            f"dateline: error: {article.source}: analysis failed ({exc.__class__.__name__}: {exc})",
            err=True,
        )

    for analysis in pipeline.annotate_many(articles(), on_error=analysis_failed):
        if fmt == "summary":
            from dateline.cli.summary import print_summary

            print_summary(analysis)
        else:
            sys.stdout.write(analysis.to_json(indent=2 if fmt == "json" else None) + "\n")
            sys.stdout.flush()
    if failures:
        if debug:
            raise DatelineError(f"{failures} of {len(paths) + len(errors)} inputs failed")
        click.echo(f"dateline: {failures} of {len(paths) + len(errors)} inputs failed", err=True)
        sys.exit(1)
