"""The charts of the real plan as a phone shows them (390 CSS px wide), measured by the browser
rather than by charts.py's estimates: no two texts of a chart meet, every text is at least 12
CSS px, and each chart shows its title."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SMALLEST_TEXT = 12  # CSS px

# For every chart on the page: its title's text, its width, and what is wrong with its texts.
MEASURE = """() => [...document.querySelectorAll('svg.plan-chart')].map(svg => {
  const scale = svg.getScreenCTM().a;  // CSS px per viewBox unit
  const texts = [...svg.querySelectorAll('text')].map(text => ({
    text: text.textContent, box: text.getBoundingClientRect(),
    px: parseFloat(getComputedStyle(text).fontSize) * scale}));
  const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const problems = [];
  texts.forEach((a, i) => texts.slice(i + 1).forEach(b => {
    if (meet(a.box, b.box)) problems.push(`"${a.text}" meets "${b.text}"`);
  }));
  texts.filter(t => t.px < %d).forEach(t => problems.push(`"${t.text}" is ${t.px.toFixed(1)} px`));
  const frame = svg.getBoundingClientRect();
  texts.filter(t => t.box.left < frame.left - 0.5 || t.box.right > frame.right + 0.5)
       .forEach(t => problems.push(`"${t.text}" runs out of the chart`));
  const title = svg.querySelector('.plan-chart-title');
  return {id: svg.id || svg.getAttribute('aria-labelledby'), width: frame.width,
          title: title && title.getBoundingClientRect().height > 0 ? title.textContent : null,
          name: svg.querySelector('title').textContent, problems};
})""" % SMALLEST_TEXT


def chart_pages(site) -> list[str]:
    return sorted("/" + path.parent.relative_to(site).as_posix() + "/"
                  for path in site.rglob("index.html") if 'class="plan-chart"' in path.read_text(encoding="utf-8"))


def test_chart_texts_never_meet_are_large_enough_and_the_title_shows_on_a_phone(built_site, site_url, browser):
    pages = chart_pages(built_site)
    assert any(page.startswith("/en/") for page in pages) and any(not page.startswith("/en/") for page in pages)
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    problems, charts = [], 0
    try:
        for path in pages:
            tab.goto(site_url.rstrip("/") + path)
            for chart in tab.evaluate(MEASURE):
                charts += 1
                assert chart["width"] > 300, (path, chart["id"])  # shown, at a phone's width
                # the title's lines are <tspan>s, whose text runs on without the space between them
                assert chart["title"] and "".join(chart["title"].split()) == "".join(chart["name"].split()), (path, chart["id"])
                problems += [f'{path} {chart["id"]}: {problem}' for problem in chart["problems"]]
    finally:
        context.close()
    assert charts >= len(pages)
    assert not problems, "\n".join(problems)
