"""The committed JSON Schema and docs/schema.md stay in step with the models."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner
from pydantic import BaseModel

import dateline.model
from conftest import REPO
from dateline.cli import cli
from dateline.model import Analysis


def test_committed_schema_equals_dateline_schema_output() -> None:
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0, result.output
    committed = json.loads((REPO / "docs" / "analysis.schema.json").read_text(encoding="utf-8"))
    assert json.loads(result.output) == committed, (
        "docs/analysis.schema.json is stale: run `dateline schema > docs/analysis.schema.json`"
    )
    assert committed["title"] == "dateline.analysis/1"


def _models(model: type[BaseModel], seen: dict[str, type[BaseModel]]) -> dict[str, type[BaseModel]]:
    """``model`` and every model nested in its fields, by class name."""
    seen[model.__name__] = model
    for info in model.model_fields.values():
        for inner in re.findall(r"dateline\.model\.(\w+)", str(info.annotation)):
            if inner not in seen:
                _models(getattr(dateline.model, inner), seen)
    return seen


def test_schema_md_describes_every_field() -> None:
    doc = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(\w+)` \|", doc, flags=re.M))
    missing = []
    for model in _models(Analysis, {}).values():
        for name, info in model.model_fields.items():
            key = info.serialization_alias or info.alias or name
            if key not in documented:
                missing.append(f"{model.__name__}.{key}")
    assert not missing, f"docs/schema.md does not describe: {', '.join(missing)}"
