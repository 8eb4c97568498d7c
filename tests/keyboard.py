"""Helpers for keyboard tests: open a page at a width, press keys and read what has focus, with
the in-page helpers the audit uses (planpub/qa/audit_checks.js)."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

from planpub.qa.audit import CHECKS_SCRIPT, EMPTY_INDEX

WIDTHS = [1280, 1024, 390]
HEIGHT = 800


@dataclass
class Stop:
    """One element focused by Tab (see __kb.measure in planpub/qa/audit_checks.js)."""

    key: str
    tag: str
    name: str
    cls: str
    visible: bool
    inViewport: bool
    onTop: bool
    underHeader: bool
    indicator: bool
    indicatorContrast: float | None
    focused: str
    expanded: str | None
    inDrawer: bool
    inSearch: bool

    def __str__(self) -> str:
        return f"<{self.tag} {self.cls!r}> {self.name!r}"


@contextmanager
def opened(browser, url: str, width: int, search: bool = False):
    """A fresh page at ``width`` CSS px, loaded, with the test helpers installed; its search has an
    empty index unless ``search``."""
    context = browser.new_context(viewport={"width": width, "height": HEIGHT})
    if not search:
        context.route("**/search/search_index.json", lambda route: route.fulfill(content_type="application/json", body=EMPTY_INDEX))
    page = context.new_page()
    page.add_init_script(path=str(CHECKS_SCRIPT))
    page.goto(url)
    # Material's scripts and the search worker settle after "load"; a Tab pressed before that can
    # land on an element that is still being set up (seen on a loaded 2-core machine).
    page.wait_for_load_state("networkidle")
    try:
        yield page
    finally:
        context.close()


def record(page) -> list[str]:
    """Tag what can take focus; returns the keys of those visible now."""
    return page.evaluate("() => __kb.record()")


def active(page) -> Stop | None:
    info = page.evaluate("() => __kb.active()")
    return Stop(**info) if info else None


def press(page, key: str) -> Stop | None:
    page.keyboard.press(key)
    return active(page)


def walk(page, move: str = "Tab") -> list[Stop]:
    """Every stop from the top of the page (from its end with Shift+Tab) until focus leaves it."""
    page.evaluate("backwards => __kb.reset(backwards)", move != "Tab")
    record(page)
    stops: list[Stop] = []
    for _ in range(600):
        stop = press(page, move)
        if stop is None or (stops and stop.key == stops[0].key):
            return stops
        stops.append(stop)
    raise AssertionError(f"focus never left the page with {move}")


def tab_to(page, predicate, limit: int = 40) -> Stop:
    """Press Tab from where focus is until ``predicate(stop)`` holds."""
    for _ in range(limit):
        stop = press(page, "Tab")
        if stop is not None and predicate(stop):
            return stop
    raise AssertionError("Tab never reached the element")
