"""Helpers for talking to a server started in another process (``build.py serve``): used by the
preview tests and by the preview-latency benchmark."""

from __future__ import annotations

import socket
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch_until(url: str, expected: str, seconds: float = 60) -> str:
    """The body of ``url`` once it contains ``expected``; polls often, so that the time it
    returns at measures the server, not the polling."""
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
        time.sleep(0.02)
    raise AssertionError(f"{expected!r} did not appear at {url} within {seconds} s; last body started {body[:200]!r}")
