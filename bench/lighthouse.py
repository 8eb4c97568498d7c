"""Lighthouse's mobile scores for the home page, an item page and the indicators page, when
Lighthouse is installed (``make bench`` installs the version pinned in bench/lighthouse/) and
runs with Debian's Chromium. The site is built with its address set to where it is served, so
that canonical and hreflang links are absolute as when published, and served compressed, as a
web server would."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import tempfile
from pathlib import Path

from planpub.pipeline import build
from planpub.qa.audit import CHROMIUM, QuietHandler, serve

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
PAGES = {"home": "", "item": "items/01/", "indicators": "indicators/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


def scores(plan_path: Path) -> dict | None:
    """{page: {category: score 0–100}}, or None when Lighthouse is not installed."""
    if not LIGHTHOUSE.exists():
        return None
    with tempfile.TemporaryDirectory(prefix="planpub-lighthouse-") as temporary:
        site = Path(temporary) / "site"
        site.mkdir()
        with serve(site, _CompressingHandler) as base:
            build(plan_path, site, site_url=base, pdf=False)
            return {name: _scores(base + path, Path(temporary) / f"{name}.json") for name, path in PAGES.items()}


def _scores(url: str, report: Path) -> dict[str, int]:
    subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                    f"--only-categories={','.join(CATEGORIES)}", "--chrome-flags=--headless=new --no-sandbox"],
                   env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, timeout=300)
    categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}


class _CompressingHandler(QuietHandler):
    """Static files, gzip-compressed when the browser accepts it and the type compresses."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        content_type = self.guess_type(str(path))
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "") or not content_type.startswith(COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)
