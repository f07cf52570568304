"""Ctrl-C and SIGTERM wait for a submission to the worker pool (a worker spawned half-way would
die printing a traceback): ``dateline.store.ingest.whole_submission``."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import duckdb
import pytest

from dateline.store import ingest as ingest_module
from dateline.store.ingest import whole_submission


def _raise_terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt("terminated (SIGTERM)")


def test_a_signal_during_a_submission_acts_after_it() -> None:
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    steps: list[str] = []
    try:
        with pytest.raises(KeyboardInterrupt, match="SIGTERM"), whole_submission():
            os.kill(os.getpid(), signal.SIGTERM)
            steps.append("submitted")  # reached: the signal waits for the block
        assert steps == ["submitted"]
        # The handler is back: a signal now acts at once.
        assert signal.getsignal(signal.SIGTERM) is _raise_terminated
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_ctrl_c_is_held_and_an_ignored_signal_stays_ignored() -> None:
    previous = signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        with pytest.raises(KeyboardInterrupt), whole_submission():
            os.kill(os.getpid(), signal.SIGTERM)  # ignored, as before
            os.kill(os.getpid(), signal.SIGINT)
            assert signal.getsignal(signal.SIGTERM) is signal.SIG_IGN
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_no_signal_no_change() -> None:
    before = signal.getsignal(signal.SIGINT)
    with whole_submission():
        pass
    assert signal.getsignal(signal.SIGINT) is before


@pytest.mark.parametrize(
    "stop", [KeyboardInterrupt("terminated (SIGTERM)"), duckdb.InterruptException("Interrupted!")]
)
def test_a_stop_while_the_store_opens_ends_the_run_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stop: BaseException
) -> None:
    """The workers load before the store is open, so a stop can land in between: the run ends
    as an interrupted one (nothing stored, workers stopped), not with an error."""
    article = tmp_path / "a.txt"
    article.write_text("Flood barriers fail\n\nThe council evacuated 300 families on Sunday.\n")
    closed: list[bool] = []

    def stopped_open(db: object, *args: object, **kwargs: object) -> None:
        raise stop

    real_close = ingest_module.Analyser.close

    def recording_close(self: ingest_module.Analyser, interrupted: bool = False) -> None:
        closed.append(interrupted)
        real_close(self, interrupted=interrupted)

    monkeypatch.setattr(ingest_module, "open_store", stopped_open)
    monkeypatch.setattr(ingest_module.Analyser, "close", recording_close)
    summary = ingest_module.ingest(
        [str(article)], ingest_module.IngestOptions(db=str(tmp_path / "c.duckdb"), workers=1)
    )
    assert summary.interrupted and summary.counts.stored == 0
    assert closed == [True]
