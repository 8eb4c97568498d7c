"""Hostile text for tests: a plan with markup, Markdown and script in every one of its texts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from itertools import count
from pathlib import Path

import yaml

# Each piece would become markup somewhere if a text reached HTML or Markdown unescaped: raw HTML
# with script, an event handler, a Markdown link (numbered for each text, to tell which text made a
# link), emphasis, code, an autolink, a quotation mark that would end an attribute, a tag that would
# end the page's title, and attribute lists (Python-Markdown's attr_list adds any attribute to the
# block it ends). Words are short, so that the text still fits a narrow table column of the PDF.
PAYLOAD = ("<script>__inj = 1</script> <img src=x onerror=\"__inj = 2\"> [link](https://example.org/{number}) *em* "
           "`code` <https://example.org> \" onfocus=\"__inj = 4\" x=\" </title><script>__inj = 5</script> "
           "{{: onclick=\"__inj = 3\" }} {{: onmouseover=__inj=6 }}")
LINK = re.compile(r'<a href="https://example\.org/(\d+|h)"')  # a link made from the payload of text number … (h: a highlight's)
MARKER = "__inj"


def _hostile(node, numbers: Iterator[int], words_only: bool = False):
    """Every text ({ja: …, en: …}) with PAYLOAD after it, in both languages, numbered in order;
    without digits where the text may have none (a highlight's: its figures come from its indicator)."""
    if isinstance(node, dict):
        # A note's mark and a title mark's words refer to other text; they are not text to show.
        node = {key: value if key in ("mark", "title_marks") else _hostile(value, numbers, words_only or key == "highlights")
                for key, value in node.items()}
        if isinstance(node.get("ja"), str):
            payload = re.sub(r"\d", "n", PAYLOAD.format(number="h")) if words_only else PAYLOAD.format(number=next(numbers))
            node.update({language: f"{node[language]} {payload}" for language in ("ja", "en") if isinstance(node.get(language), str)})
        return node
    if isinstance(node, list):
        return [_hostile(value, numbers, words_only) for value in node]
    return node


def hostile_plan(source: Path, out: Path) -> Path:
    """``source`` with PAYLOAD in every text but the terminology list (which only the check reads)."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    numbers = count(1)
    data = {key: value if key == "terminology" else _hostile(value, numbers) for key, value in data.items()}
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


class _Injected(HTMLParser):
    """Elements and attributes that PAYLOAD would have made: the page's own never carry MARKER."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attributes: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        for name, value in attributes:
            value = value or ""
            if name.startswith("on") and MARKER in value or tag == "img" and name == "src" and value == "x":
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction") and re.match(r"\s*(javascript|data|vbscript):", value, re.I):
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and MARKER in data:
            self.found.append(f"<script>{data[:60]}")


def injected_markup(html: str) -> list[str]:
    """What in ``html`` is markup made from PAYLOAD, or a script link."""
    parser = _Injected()
    parser.feed(html)
    return parser.found
