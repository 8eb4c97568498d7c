"""Debian's Chromium for the sync browser tests, launched as the audit launches it."""

from __future__ import annotations

from contextlib import contextmanager

from playwright.sync_api import sync_playwright

from planpub.qa.audit import CHROMIUM, CHROMIUM_ARGS


@contextmanager
def chromium():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
