"""The worker processes: started without forking the process that builds, ended at once when what
they do is no longer wanted, and deaf to Ctrl+C, which their parent answers for them."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from planpub.pipeline import build
from planpub.workers import worker_pool
from tests.conftest import MINIMAL


@pytest.mark.build
def test_a_build_never_forks_the_process_that_runs_it(monkeypatch, tmp_path):
    """A process with threads (the preview server, a test run) that forks can deadlock the child
    on a lock some thread held; Python 3.12+ warns of it. Both pools run here: the PDFs' and MkDocs'."""

    def refuse_to_fork():
        raise AssertionError("the build forked its own process: give the pool a start method (planpub/workers.py)")

    monkeypatch.setattr(os, "fork", refuse_to_fork)
    build(MINIMAL, tmp_path / "site")
    assert (tmp_path / "site" / "downloads" / "plan-ja.pdf").is_file()


def _wait_until_ended(started: Path) -> None:
    """Say so in ``started`` (its process id, written whole before the file is there), then wait
    long enough for a pool that waits for it to fail the test, not hang it."""
    writing = started.with_suffix(".writing")
    writing.write_text(str(os.getpid()), encoding="utf-8")
    writing.rename(started)
    time.sleep(30)


def test_a_pool_left_early_ends_its_workers_instead_of_waiting_for_them(tmp_path):
    markers = [tmp_path / f"worker-{number}" for number in range(2)]
    with pytest.raises(KeyboardInterrupt):
        with worker_pool(len(markers)) as pool:
            for marker in markers:
                pool.submit(_wait_until_ended, marker)
            deadline = time.monotonic() + 120  # for the workers to start on a busy machine
            while not all(marker.exists() for marker in markers):
                assert time.monotonic() < deadline, "the workers did not start"
                time.sleep(0.02)
            left = time.monotonic()
            raise KeyboardInterrupt
    assert time.monotonic() - left < 2
    for marker in markers:
        with pytest.raises(ProcessLookupError):
            os.kill(int(marker.read_text(encoding="utf-8")), 0)


def test_workers_leave_ctrl_c_to_their_parent():
    """A terminal's Ctrl+C reaches the workers too: a worker interrupted between jobs would print
    a traceback, while its parent ends it anyway."""
    with worker_pool(1) as pool:
        assert pool.submit(signal.getsignal, signal.SIGINT).result() == signal.SIG_IGN
