"""The preview server: serves on 127.0.0.1, rebuilds when plan.yaml changes, survives bad input."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request

from tests.conftest import MINIMAL, PROJECT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch_until(url: str, expected: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
            if expected in body:
                return body
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{expected!r} did not appear at {url}; last body started {body[:200]!r}")


def test_serve_rebuilds_on_change_and_keeps_last_good_build(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(MINIMAL.read_text(encoding="utf-8"), encoding="utf-8")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(PROJECT / "build.py"), "serve", "--plan", str(plan), "--port", str(port)],
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/en/items/01/"
        fetch_until(url, "Reviewing work")
        plan.write_text(plan.read_text(encoding="utf-8").replace("Reviewing work", "Reviewing all work"), encoding="utf-8")
        body = fetch_until(url, "Reviewing all work")
        assert "livereload" in body  # the page reloads itself after a rebuild
        plan.write_text("plan: [broken", encoding="utf-8")
        time.sleep(2)
        fetch_until(url, "Reviewing all work", seconds=5)
    finally:
        server.send_signal(signal.SIGINT)
        _, errors = server.communicate(timeout=30)
    assert "[yaml-syntax]" in errors
    assert "Traceback" not in errors
