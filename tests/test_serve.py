"""The preview server: serves on 127.0.0.1, rebuilds when plan.yaml changes, survives bad input."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

from tests.conftest import MINIMAL, PROJECT
from tests.local_server import fetch_until, free_port


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
