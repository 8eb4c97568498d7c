"""The small Markdown subset that prose fields of plan.yaml accept, rendered to safe HTML.

Allowed: paragraphs, *emphasis*, **strong**, bullet and numbered lists, backslash escapes and
links to http, https, mailto or site-relative (/…) targets. Raw HTML is shown as text, never
passed through, and a link to any other target (javascript:, data:, //host …) is shown as the
literal text the editor typed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_RULES = ["list", "emphasis", "link", "escape"]
_SAFE_TARGET = re.compile(r"^(https?://|mailto:|/(?!/))", re.IGNORECASE)


def is_allowed_link(url: str) -> bool:
    return bool(_SAFE_TARGET.match(url.strip()))


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    parser = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    parser.enable(ALLOWED_RULES)
    parser.validateLink = is_allowed_link
    return parser


def render_prose(source: str) -> Markup:
    """Markdown subset → HTML. Safe to mark as Markup: markdown-it escapes everything else."""
    return Markup(_parser().render(source))


_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)")


def disallowed_links(source: str) -> list[str]:
    """Link targets in ``source`` that will be shown as text instead of becoming links."""
    return [target for target in _LINK_TARGET.findall(source) if not is_allowed_link(target)]
