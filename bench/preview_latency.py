"""Preview latency: with ``build.py serve`` running on a copy of the plan, the time from saving a
change to one item's text to the changed page being served, and how many pages were rebuilt."""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from planpub.load import load_plan
from planpub.model import build_plan
from planpub.urls import Urls
from tests.local_server import fetch_until, free_port

PROJECT = Path(__file__).resolve().parent.parent
REBUILT = re.compile(r"Rebuilt (\d+) pages")


def measure(plan_path: Path, work: Path, runs: int) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    plan_copy = work / "plan.yaml"
    text = plan_path.read_text(encoding="utf-8")
    plan_copy.write_text(text, encoding="utf-8")
    item_purpose, item_path = _first_item(plan_path)
    port = free_port()
    server = subprocess.Popen([sys.executable, "build.py", "serve", "--plan", str(plan_copy), "--port", str(port)],
                              cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(server.stderr), daemon=True).start()
    try:
        url = f"http://127.0.0.1:{port}/{item_path}"
        fetch_until(url, item_purpose, 600)
        seconds, rebuilt = [], []
        for run in range(1, runs + 1):
            marker = f"（計測{run}）"
            text = text.replace(item_purpose, item_purpose + marker, 1)
            item_purpose += marker
            start = time.perf_counter()
            plan_copy.write_text(text, encoding="utf-8")
            fetch_until(url, marker, 120)
            seconds.append(time.perf_counter() - start)
            time.sleep(1)  # the rebuild has reported
            rebuilt.append(int(REBUILT.findall("".join(log))[-1]))
    finally:
        server.terminate()
        server.wait(timeout=60)
    return {"seconds": statistics.median(seconds), "pages_rebuilt": max(rebuilt)}


def _first_item(plan_path: Path) -> tuple[str, str]:
    """The first item's Japanese purpose, and its page."""
    plan = build_plan(load_plan(plan_path).data)
    item = plan.items[0]
    page = next(page for page in Urls(plan).pages if page.subject is item)
    return item.purpose.ja, page.path
