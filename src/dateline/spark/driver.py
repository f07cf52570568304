"""The application file spark-submit runs: ``driver.py ingest INPUTS --out DIR``.

It is ``dateline spark ...`` with the arguments spark-submit passes on, so a cluster run and a
local run share one command line.
"""

from __future__ import annotations

import sys

from dateline.cli import main

if __name__ == "__main__":
    sys.argv = ["dateline", "spark", *sys.argv[1:]]
    main()
