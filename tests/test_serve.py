"""The preview server: serves on 127.0.0.1, rebuilds when plan.yaml changes, survives bad input,
and stops within 2 s when asked, whatever it is doing, leaving no process or file behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, PROJECT
from tests.local_server import fetch_until, free_port
from tests.paused_preview import STARTED

pytestmark = pytest.mark.build  # every test starts the preview, which builds the fixture plan's site

STOP_SECONDS = 2
PROGRESS_SECONDS = 120  # for the server to get somewhere on a busy machine: only a failure waits this long
# Ctrl+C in a terminal signals every process in the server's group; SIGTERM (kill, a service
# manager) signals the server alone.
STOPS = {"Ctrl+C": lambda server: os.killpg(server.pid, signal.SIGINT), "SIGTERM": lambda server: server.terminate()}


class Log:
    """A stream's lines, read as they come."""

    def __init__(self, stream):
        self.lines: list[str] = []
        self._grown = threading.Condition()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            with self._grown:
                self.lines.append(line)
                self._grown.notify_all()

    def wait_for(self, text: str) -> None:
        with self._grown:
            if not self._grown.wait_for(lambda: self.count(text), timeout=PROGRESS_SECONDS):
                raise AssertionError(f"{text!r} was not printed within {PROGRESS_SECONDS} s:\n{''.join(self.lines)}")

    def count(self, text: str) -> int:
        return sum(text in line for line in self.lines)


@dataclass
class Server:
    process: subprocess.Popen
    log: Log
    plan: Path
    url: str
    temporary: Path  # the server's TMPDIR

    def edit(self, old: str, new: str) -> None:
        text = self.plan.read_text(encoding="utf-8")
        assert old in text
        self.plan.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def serve(tmp_path):
    """Start ``build.py serve`` on a copy of the minimal plan, as a script's background job
    starts it: with SIGINT ignored (Python then leaves it ignored), and in a process group of its
    own, which is killed afterwards whatever the test found."""
    started = []

    def start(program: tuple[str, ...] = (str(PROJECT / "build.py"),)) -> Server:
        plan = tmp_path / "plan.yaml"
        plan.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
        temporary = tmp_path / "tmp"
        temporary.mkdir()
        port = free_port()
        command = [sys.executable, *program, "serve", "--plan", str(plan), "--port", str(port)]
        process = subprocess.Popen(["sh", "-c", 'trap "" INT; exec "$@"', "sh", *command], cwd=PROJECT,
                                   env={**os.environ, "TMPDIR": str(temporary)}, process_group=0,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        started.append(process)
        return Server(process, Log(process.stderr), plan, f"http://127.0.0.1:{port}/en/items/01/", temporary)

    yield start
    for process in started:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()


def stop(server: Server, how: str) -> None:
    """Ask the server to stop: it must exit within STOP_SECONDS with status 0 and no traceback,
    and leave neither a process in its group nor a temporary file."""
    asked = time.monotonic()
    STOPS[how](server.process)
    try:
        server.process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running {STOP_SECONDS} s after {how}:\n{''.join(server.log.lines)}")
    assert server.process.returncode == 0, "".join(server.log.lines)
    while running := _running_in_group(server.process.pid):
        assert time.monotonic() - asked < STOP_SECONDS, f"{STOP_SECONDS} s after {how}, its group still has:\n{running}"
        time.sleep(0.02)
    assert list(server.temporary.iterdir()) == []
    assert "Traceback" not in "".join(server.log.lines)


def _running_in_group(group: int) -> str:
    """The processes of ``group`` that have not ended, one a line. The server's helpers (the fork
    server, the resource tracker) end with it, but then stay zombies until init reaps them."""
    listing = subprocess.run(["ps", "-A", "-o", "pgid=,stat=,pid=,args="], capture_output=True, text=True, check=True).stdout
    return "".join(line + "\n" for line in listing.splitlines() if line.split()[0] == str(group) and not line.split()[1].startswith("Z"))


@pytest.mark.parametrize("how", STOPS)
def test_serve_rebuilds_on_change_keeps_the_last_good_build_and_stops_after_a_failed_rebuild(serve, how):
    server = serve()
    fetch_until(server.url, "Reviewing work", PROGRESS_SECONDS)
    server.edit("Reviewing work", "Reviewing all work")
    body = fetch_until(server.url, "Reviewing all work", PROGRESS_SECONDS)
    assert "livereload" in body  # the page reloads itself after a rebuild
    server.plan.write_text("plan: [broken", encoding="utf-8")
    server.log.wait_for("[yaml-syntax]")
    fetch_until(server.url, "Reviewing all work", PROGRESS_SECONDS)  # the last good build
    stop(server, how)


@pytest.mark.parametrize("how", STOPS)
def test_serve_stops_when_idle(serve, how):
    server = serve()
    fetch_until(server.url, "Reviewing work", PROGRESS_SECONDS)
    stop(server, how)


@pytest.mark.parametrize("how", STOPS)
def test_serve_stops_in_the_middle_of_a_rebuild(serve, how):
    server = serve(("-m", "tests.paused_preview"))
    fetch_until(server.url, "Reviewing work", PROGRESS_SECONDS)
    server.edit("en: To work more efficiently.", "en: To work far more efficiently.")  # one page: MkDocs in a worker
    server.log.wait_for(STARTED)
    stop(server, how)
    assert server.log.count("Rebuilt") == 1  # the first build's: the rebuild was stopped, not finished
