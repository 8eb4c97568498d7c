"""Helpers for keyboard tests: open a page at a width, read what has focus, walk the Tab order.

Every check reads the page after CSS transitions have been run to their end (the state a reader
sees a moment later), so a drawer that is still sliding or a link that is still fading in does not
count as visible or invisible by accident.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass

WIDTHS = [1280, 1024, 390]
HEIGHT = 800

# What can take focus from the keyboard (Chrome adds scroll containers without focusable content;
# those are found by the walk and checked all the same).
TABBABLE = (
    "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), "
    "textarea:not([disabled]), summary, [tabindex]"
)

_HELPERS = """
window.__kb = window.__kb || (() => {
  const settle = () => document.getAnimations().forEach(a => { try { a.finish() } catch (e) {} });
  const focusStyle = el => {
    const s = getComputedStyle(el);
    return {outline: [s.outlineStyle, s.outlineWidth, s.outlineColor].join(" "),
            outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0,
            outlineColor: s.outlineColor, shadow: s.boxShadow};
  };
  const seen = el => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    let opacity = 1;
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) opacity *= parseFloat(getComputedStyle(n).opacity);
    return {x: r.x, y: r.y, width: r.width, height: r.height, visibility: s.visibility, opacity,
            inert: !!el.closest("[inert]")};
  };
  const visible = el => {
    const v = seen(el);
    const right = Math.max(document.documentElement.scrollWidth, innerWidth);
    return v.width >= 1 && v.height >= 1 && v.visibility === "visible" && v.opacity > 0 && !v.inert
      && v.x + v.width > 0 && v.x < right;
  };
  const describe = el => ({
    key: el.getAttribute("data-kb") || "",
    tag: el.tagName.toLowerCase(),
    name: (el.getAttribute("aria-label") || el.textContent || el.value || "").replace(/\\s+/g, " ").trim().slice(0, 200),
    cls: typeof el.className === "string" ? el.className : "",
  });
  return {settle, focusStyle, seen, visible, describe, unfocused: {}};
})();
"""

# Tag every element that can take focus and record how it looks unfocused.
_RECORD = """sel => {
  __kb.settle();
  const all = [...document.querySelectorAll(sel)].filter(el => el.tabIndex >= 0);
  all.forEach((el, i) => {
    if (!el.hasAttribute("data-kb")) el.setAttribute("data-kb", "kb" + i);
    __kb.unfocused[el.getAttribute("data-kb")] = __kb.focusStyle(el);
  });
  return all.filter(__kb.visible).map(el => el.getAttribute("data-kb"));
}"""

# What has focus now: where it is, whether it can be seen, and whether it shows a focus indicator.
# Scrolling focus into view can take a frame or two: a check that fails is read again a little later.
_ACTIVE = """async () => {
  const frame = () => new Promise(resolve => requestAnimationFrame(() => resolve()));
  let info = __kb.measure();
  for (let i = 0; i < 6 && info && !(info.visible && info.inViewport && info.onTop); i++) {
    await frame();
    info = __kb.measure();
  }
  return info;
}"""

_MEASURE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  __kb.settle();
  const info = __kb.describe(el);
  const v = __kb.seen(el);
  const focused = __kb.focusStyle(el);
  const before = __kb.unfocused[info.key] || {outline: "none", outlineStyle: "none", shadow: "none"};
  const transparent = c => /rgba\\([^)]*,\\s*0\\)$/.test(c) || c === "transparent";
  const outline = focused.outlineStyle !== "none" && focused.outlineWidth > 0 && !transparent(focused.outlineColor)
    && focused.outline !== before.outline;
  const shadow = focused.shadow !== "none" && focused.shadow !== before.shadow;
  // Not entirely hidden: some point of it is not covered or cut off (sampled across its box).
  const points = [[.5, .5], [.1, .5], [.9, .5], [.5, .1], [.5, .9], [.1, .1], [.9, .9]];
  const onTop = points.some(([fx, fy]) => {
    const hit = document.elementFromPoint(v.x + v.width * fx, v.y + v.height * fy);
    return !!hit && (el.contains(hit) || hit.contains(el));
  });
  return Object.assign(info, {
    visible: __kb.visible(el),
    inViewport: v.x + v.width > 0 && v.x < innerWidth && v.y + v.height > 0 && v.y < innerHeight,
    onTop,
    indicator: outline || shadow,
    focused: focused.outline + " / " + focused.shadow,
    expanded: el.getAttribute("aria-expanded"),
    inDrawer: !!el.closest(".md-sidebar--primary"),
    inSearch: !!el.closest("[data-md-component=search]"),
  });
}"""
_HELPERS += f"window.__kb.measure = {_MEASURE};"


@dataclass
class Stop:
    """One element focused by Tab."""

    key: str
    tag: str
    name: str
    cls: str
    visible: bool
    inViewport: bool
    onTop: bool
    indicator: bool
    focused: str
    expanded: str | None
    inDrawer: bool
    inSearch: bool

    def __str__(self) -> str:
        return f"<{self.tag} {self.cls!r}> {self.name!r}"


# An empty search index for pages whose search is not under test: Material's worker would
# otherwise index the whole plan on every page load, for nothing.
EMPTY_INDEX = json.dumps({"config": {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": []}, "docs": []})


@contextmanager
def opened(browser, url: str, width: int, search: bool = False):
    """A fresh page at ``width`` CSS px, loaded, with the test helpers installed; its search has an
    empty index unless ``search``."""
    context = browser.new_context(viewport={"width": width, "height": HEIGHT})
    if not search:
        context.route("**/search/search_index.json", lambda route: route.fulfill(content_type="application/json", body=EMPTY_INDEX))
    page = context.new_page()
    page.add_init_script(_HELPERS)
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
    return page.evaluate(_RECORD, TABBABLE)


def active(page) -> Stop | None:
    info = page.evaluate(_ACTIVE)
    return Stop(**info) if info else None


def press(page, key: str) -> Stop | None:
    page.keyboard.press(key)
    return active(page)


def tab_to(page, predicate, limit: int = 40) -> Stop:
    """Press Tab from where focus is until ``predicate(stop)`` holds."""
    for _ in range(limit):
        stop = press(page, "Tab")
        if stop is not None and predicate(stop):
            return stop
    raise AssertionError("Tab never reached the element")


def walk(page, limit: int = 400) -> tuple[list[Stop], list[str]]:
    """Tab from the top of the page until focus leaves the document. Returns every stop and the
    keys of the elements that were visible before the walk began."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    visible_before = record(page)
    stops: list[Stop] = []
    for _ in range(limit):
        stop = press(page, "Tab")
        if stop is None:
            return stops, visible_before
        stops.append(stop)
    raise AssertionError(f"focus never left the page after {limit} Tab presses: {stops[-5:]}")
