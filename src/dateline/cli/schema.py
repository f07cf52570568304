"""``dateline schema``: the JSON Schema of the Analysis document."""

from __future__ import annotations

import json

import click


@click.command()
def schema() -> None:
    """Print the JSON Schema of the Analysis document (generated from the models).

    \b
    Example:
      dateline schema > analysis.schema.json
    """
    from dateline.model import json_schema

    click.echo(json.dumps(json_schema(), indent=2))
