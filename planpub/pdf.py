"""The print edition, one tagged A4 PDF per language (WeasyPrint).

The print HTML is made from the same model and the same page templates as the site: each printed
page type is rendered by its own template (``content/pages/*.md.j2``) and converted with the
site's Markdown extensions, then ``content/print/document.html.j2`` puts the pages in document
order behind a cover and a table of contents, and ``content/print/print.css`` lays them out.
Links between pages become links inside the document; ids are prefixed with their page, so that
the repeated headings of item pages ("Purpose", "Schedule") stay unique.

The two languages are written concurrently, each in its own process.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import markdown
from markupsafe import Markup

from .build_time import W3C_TIME, build_time
from .diagnostics import StageError
from .formatting import Formatter
from .model import Plan
from .page_types import PAGE_TYPES
from .html_text import HtmlText
from .page_contexts import MARKS, Sources
from .pdf_structure import LinkWording, conform
from .print_layout import FONTS, layout_faults, missing_glyphs, overflowing
from .render import page_body, page_context, template_environment
from .strings import ui_strings
from .urls import LANGUAGES, PDF_NAMES, Page, Urls
from .workers import worker_pool

FONT_INSTALL = "apt-get install -y fonts-noto-cjk"
DOCUMENT = "https://document.invalid/"  # a stand-in base for resolving the site's relative links


class PrintError(StageError):
    """The PDF could not be made as it must be (fonts missing, content overflowing the page)."""


@dataclass(frozen=True)
class PrintedPage:
    page: Page
    slug: str  # the id of its section in the document
    level: int  # its depth in the outline
    html: Markup


def slug(path: str) -> str:
    return "page-" + (path.strip("/").replace("/", "-") or "front")


def _depth(urls: Urls, page: Page) -> int:
    depth, parent = 1, urls.parent_page(page)
    while parent is not None:
        depth, parent = depth + 1, urls.parent_page(parent)
    return depth


def _internal_links(html: str, page: Page, printed: set[str]) -> str:
    """Links to pages of the document become links to their section (or to the prefixed id
    inside it); links to pages that are not printed keep their text only. Ids, and the labels
    that name them, take the page's prefix."""

    def relink(match: re.Match) -> str:
        opening, href = match.group(1), match.group(2)
        if urlsplit(href).scheme:
            return match.group(0)
        target, fragment = urldefrag(urljoin(DOCUMENT + page.path, href).removeprefix(DOCUMENT))
        if target not in printed:
            return f"{opening}data-unprinted"
        return f'{opening}href="#{slug(target)}--{fragment}"' if fragment else f'{opening}href="#{slug(target)}"'

    def prefixed(match: re.Match) -> str:
        ids = " ".join(f"{slug(page.path)}--{identifier}" for identifier in match.group(2).split())
        return f'{match.group(1)}="{ids}"'

    html = re.sub(r'(<a\b[^>]*?)href="([^"]*)"', relink, html)
    html = re.sub(r"<a\b([^>]*?) data-unprinted([^>]*)>(.*?)</a>", r"<span\1\2>\3</span>", html, flags=re.S)
    return re.sub(r'(\sid|\saria-labelledby|\saria-describedby)="([^"]+)"', prefixed, html)


# An address printed in the text (a source's website): up to a space, a tag, a bracket or an
# entity other than the escaped underscore and ampersand, without a full stop or comma after it.
PRINTED_URL = re.compile(r"https?://(?:[^\s<>()\"'&]|&#95;|&amp;)+(?<![.,;:])")


def _clickable_urls(html: str) -> str:
    """Addresses printed in the text become links to themselves (class print-url: print.css does
    not print their address a second time); those already inside a link stay as they are."""

    def link(match: re.Match) -> str:
        if match.group(1):
            return match.group(0)
        return f'<a class="print-url" href="{match.group(0)}">{match.group(0)}</a>'

    return re.sub(rf"(<a\b.*?</a>|<[^>]*>)|{PRINTED_URL.pattern}", link, html, flags=re.S)


def _headings_at_depth(html: str, depth: int) -> str:
    """A page's headings, each starting at h1, moved down by the page's depth in the plan, so that
    the one document's heading levels follow its outline (a chapter's title is an h2, its item's an
    h4, the item's "Purpose" an h5); there is no level below h6."""
    return re.sub(r"<(/?)h([1-6])\b", lambda match: f"<{match.group(1)}h{min(int(match.group(2)) + depth - 1, 6)}", html)


def _referenced_ids_only(html: str) -> str:
    """The document without the ids that no link or label refers to. WeasyPrint treats every id
    as a link target and, page by page, checks each against all the ids and page-number
    references seen before it: a cost that grows with the square of their number (most of the
    plan's ids are there for the site's own anchors)."""
    referenced = set(re.findall(r'href="#([^"]+)"', html))
    referenced.update(identifier for named in re.findall(r'\saria-(?:labelledby|describedby)="([^"]+)"', html) for identifier in named.split())
    return re.sub(r'\sid="([^"]+)"', lambda match: match.group(0) if match.group(1) in referenced else "", html)


CHART_START = '<svg xmlns="http://www.w3.org/2000/svg" class="plan-chart"'
CHART_HALO = "#fff"  # the paper's colour
VALUES = re.compile(r'<g class="plan-chart-values">.*?</g>', re.S)


def _print_charts(html: str) -> str:
    """The charts as the site shows them. WeasyPrint draws an inline SVG apart from the page's CSS:
    its text would take the system's sans-serif (DejaVu Sans, wider, of another design) where a
    browser gives it the page's font, so it takes the body text's (the charts' text estimates
    hold for both); and the site's halo under each value's text (paint-order, which WeasyPrint's
    SVG lacks) is drawn as the same texts in a thick outline of the paper's colour, under them."""
    halo = f'<g class="plan-chart-halo" fill="{CHART_HALO}" stroke="{CHART_HALO}" stroke-width="4" stroke-linejoin="round">'
    html = html.replace(CHART_START, f'{CHART_START} font-family="{FONTS[0]}"')
    return VALUES.sub(lambda values: halo + values[0].removeprefix('<g class="plan-chart-values">') + values[0], html)


def _markdown(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "toc"], output_format="html")


def printed_pages(plan: Plan, urls: Urls, content_dir: Path, language: str) -> list[PrintedPage]:
    environment = template_environment(content_dir)
    pages = [page for page in urls.pages if PAGE_TYPES[page.kind].printed]  # the plan itself, not the site's views
    paths = {page.path for page in pages}
    formatter, sources = Formatter(language, plan), Sources(plan, urls)
    result = []
    for page in pages:
        template = "print/front.md.j2" if page.kind == "home" else PAGE_TYPES[page.kind].template
        context = page_context(formatter, page, sources)
        context["h"].explain(MARKS)  # the print edition gives what the marks mean once, before its first page
        context["print_edition"] = True
        body = page_body(environment, template, context)
        depth = _depth(urls, page)
        html = _headings_at_depth(_clickable_urls(_internal_links(_markdown(body), page, paths)), depth)
        result.append(PrintedPage(page, slug(page.path), depth, Markup(html)))
    return result


RUNNING_HEAD_EMS = {"part": 13, "chapter": 46}  # what one line of each running head holds, in ems


def _ems(text: str) -> float:
    return sum(1 if unicodedata.east_asian_width(character) in ("W", "F", "A") else 0.6 for character in text)


def shortened(text: str, ems: float) -> str:
    """The text, cut at a word with an ellipsis if it is wider than ``ems``."""
    if _ems(text) <= ems:
        return text
    while _ems(text + "…") > ems:
        text = text[:-1]
    cut = text.rsplit(" ", 1)[0] if " " in text and text.isascii() else text
    return cut.rstrip(" ,:;") + "…"


def running_heads(l: Formatter, page: Page) -> dict[str, str]:
    """What a page sets the running heads to: a part gives its label (第1編, Part 1) and clears
    the chapter; a chapter gives its title; the back matter gives its own title."""
    if page.kind == "part":
        return {"part": l.label("part", page.subject), "chapter": ""}
    if page.kind in ("chapter", "appendices"):
        return {"chapter": shortened(l.page_title(page), RUNNING_HEAD_EMS["chapter"])}
    if page.kind in ("glossary", "editorial_notes", "about"):
        return {"part": shortened(l.page_title(page), RUNNING_HEAD_EMS["part"]), "chapter": ""}
    if page.kind == "home":
        return {"part": "", "chapter": ""}
    return {}


def _in_text(html: str, pattern: re.Pattern, replace) -> str:
    """The document with ``pattern`` replaced in its text only: not in tags or attributes, and
    not in charts (SVG has no <sup> or <span class>)."""
    parts = re.split(r"(<svg\b.*?</svg>)", html, flags=re.S)
    return "".join(part if part.startswith("<svg") else
                   re.sub(r">[^<]+<", lambda text: pattern.sub(replace, text.group(0)), part) for part in parts)


SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾", "0123456789()")


def _superscripts(html: str) -> str:
    """Superscript digits quoted from the draft (「記号⁵」) as <sup> with ordinary digits: the
    print fonts have no glyphs for them, and another font's stood out."""
    return _in_text(html, re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾]+"), lambda run: f"<sup>{run.group(0).translate(SUPERSCRIPTS)}</sup>")


def _addresses(html: str) -> str:
    """Web addresses in the text keep their scheme and host on one line: a line may break
    before an address or inside its path, never just after 「(https://」."""
    return _in_text(html, re.compile(r"https?://[^/\s<>()]+/?"), lambda start: f'<span class="print-word">{start.group(0)}</span>')


def _table_words(html: str) -> str:
    """Table cells that hold one short word (「達成状況」, 「54万円」, "FY2025") marked as a word
    a line must not break, so that a column is at least as wide as such a word. Japanese is
    otherwise broken between any two characters, which let a crowded table set its narrowest
    column one character wide. (Longer texts keep their breaks: WeasyPrint finds no break
    next to an unbreakable span inside a text, so marking words within it widened tables.)"""
    return re.sub(r"(<t[hd]\b[^>]*>)([^<\s（）()]{2,10})(</t[hd]>)", r'\1<span class="print-word">\2</span>\3', html)


WORD_JOINER = "\u2060"  # no line break here; draws nothing and is left out of the PDF's text


def _years_whole(html: str) -> str:
    """「年度」 in tables is never split across lines (「（2016）年／度」 in a year's column)."""
    return re.sub(r"<table\b.*?</table>", lambda table: _in_text(table.group(0), re.compile("年度"), "年" + WORD_JOINER + "度"),
                  html, flags=re.S)


def _groups_kept_whole(html: str) -> str:
    """In a table of row groups (the 体系 tables: a viewpoint's items under its label), the rows
    after a group's first are marked to stay on its page: a group is not parted from its label,
    which WeasyPrint prints only once, on the page where the group starts."""

    def body(match: re.Match) -> str:
        return re.sub(r'<tr>(?!\s*<th scope="rowgroup")', '<tr class="print-group-continues">', match.group(0))

    return re.sub(r"<tbody>(?:(?!</tbody>).)*scope=\"rowgroup\".*?</tbody>", body, html, flags=re.S)


def print_html(plan: Plan, urls: Urls, content_dir: Path, language: str) -> str:
    """The whole plan as one HTML document for WeasyPrint."""
    pages = printed_pages(plan, urls, content_dir, language)
    environment = template_environment(content_dir)
    l = Formatter(language, plan)
    titles = {printed.slug: l.page_title(printed.page) if printed.page.kind != "home" else l.ui("print_front")
              for printed in pages}
    heads = {printed.slug: running_heads(l, printed.page) for printed in pages}
    made = build_time(plan.metadata.revised).strftime(W3C_TIME)
    document = environment.get_template("print/document.html.j2").render(
        l=l, h=HtmlText(l), plan=plan, pages=pages, titles=titles, heads=heads, made=made)
    return _print_charts(_referenced_ids_only(typeset(document)))


def typeset(html: str) -> str:
    """The document's text and tables made ready for the page (see each step)."""
    return _groups_kept_whole(_years_whole(_table_words(_addresses(_superscripts(html)))))


def missing_fonts() -> list[str]:
    """The Japanese fonts the PDF needs that fontconfig cannot find."""
    if not shutil.which("fc-list"):
        return list(FONTS)
    installed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=60).stdout
    return [font for font in FONTS if font not in installed]


class _Advisories(logging.Handler):
    """WeasyPrint's own warnings: what it would rather have (a library, a CSS feature), shown to
    the person building, never a reason to withhold the PDF."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def link_targets(html: str) -> dict[str, str]:
    """What each internal link of the document leads to, by the id it names: a page's title (its
    section's first heading) or the heading, term or note itself; long texts are cut short."""
    import tinyhtml5

    referenced = set(re.findall(r'href="#([^"]+)"', html))
    targets = {}
    for element in tinyhtml5.parse(html, namespace_html_elements=False).iter():
        if element.get("id") in referenced:
            heading = next((child for child in element.iter() if child.tag in HEADINGS), element) if element.tag == "section" else element
            text = heading.get("data-bookmark-label") or " ".join("".join(heading.itertext()).split())
            targets[element.get("id")] = text if len(text) <= 60 else text[:59] + "…"
    return targets


HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def link_wording(html: str) -> LinkWording:
    strings = ui_strings(re.search(r'<html lang="([^"]+)"', html).group(1))
    return LinkWording(strings["print_link_internal"], strings["print_link_external"])


def pdfua_failures(path: Path) -> list[str]:
    """What the PDF/UA-1 checker (page-validation, which passes veraPDF's test corpus; veraPDF itself
    is a Java application from a registry this project does not reach) finds wrong, rule by rule."""
    from page import PageError, SafetyLimits, validate_pdf

    try:  # the checker's default limits guard against hostile files; this one is the build's own
        report = validate_pdf(path, profile="ua1", limits=SafetyLimits.unlimited())
    except PageError as error:  # its exceptions do not cross process boundaries: say it in words
        return [f"the PDF/UA-1 checker could not read the PDF: {error}"]
    return [f"{failure.rule_id} ({report.checks.failed} failed checks in all): {failure.message}"
            for failure in report.failures]


def _withdraw_pdfua_claim(path: Path) -> None:
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as metadata:
            del metadata["pdfuaid:part"]
        pdf.save(path, deterministic_id=True)  # the same PDF for the same plan, build after build


@dataclass(frozen=True)
class PrintCheck:
    problems: list[str]  # the PDF must not be published: content off the page, glyphs missing
    advisories: list[str]  # WeasyPrint's warnings, once each
    faults: list[str]  # a print designer's: stranded headings, columns too narrow, text too small
    pdfua_failures: list[str] = field(default_factory=list)  # the PDF then does not claim PDF/UA-1


def write_pdf(html: str, content_dir: Path, out: Path) -> PrintCheck:
    """Write one PDF and check its layout."""
    from weasyprint import CSS, HTML

    advisories = _Advisories()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(advisories)
    try:
        document = HTML(string=html, base_url=str(content_dir / "print")).render(
            stylesheets=[CSS(filename=str(content_dir / "print" / "print.css"))], pdf_variant="pdf/ua-1")
        problems = overflowing(document) + missing_glyphs(html)
        out.parent.mkdir(parents=True, exist_ok=True)
        document.write_pdf(out, pdf_variant="pdf/ua-1", finisher=_opens_with_bookmarks)
    finally:
        logger.removeHandler(advisories)
    conform(out, link_targets(html), link_wording(html))
    failures = pdfua_failures(out)
    if failures:  # the PDF claims PDF/UA-1 only when the checker finds it holds
        _withdraw_pdfua_claim(out)
    return PrintCheck(problems, list(dict.fromkeys(advisories.messages)), layout_faults(document), failures)


def _opens_with_bookmarks(document, pdf) -> None:
    """A reader opens the PDF with its bookmarks (the outline) shown beside the first page, the
    way into a long document; WeasyPrint writes the outline but does not ask for it to be shown."""
    pdf.catalog["PageMode"] = "/UseOutlines"


@dataclass(frozen=True)
class Pdfs:
    paths: dict[str, Path]  # by language
    advisories: list[str]  # WeasyPrint's warnings, each once for both languages, and layout faults, for the caller to show


def advisories(checks: dict[str, PrintCheck]) -> list[str]:
    return [f"WeasyPrint: {advisory}" for advisory in dict.fromkeys(message for check in checks.values() for message in check.advisories)]


def layout_warnings(checks: dict[str, PrintCheck]) -> list[str]:
    return [f"PDF layout ({language}): {fault}" for language, check in checks.items() for fault in check.faults]


def build_pdfs(plan: Plan, urls: Urls, content_dir: Path, out_dir: Path) -> Pdfs:
    """Both languages' PDFs into ``out_dir``, written concurrently."""
    missing = missing_fonts()
    if missing:
        raise PrintError(f"The PDF needs the fonts {', '.join(missing)}: install them with `{FONT_INSTALL}` "
                         "(as root; `make site` does it when run as root). No PDF was written.")
    documents = {language: print_html(plan, urls, content_dir, language) for language in LANGUAGES}
    paths = {language: out_dir / PDF_NAMES[language] for language in LANGUAGES}
    with worker_pool(len(LANGUAGES)) as pool:
        jobs = {language: pool.submit(write_pdf, documents[language], content_dir, paths[language]) for language in LANGUAGES}
        checks = {language: job.result() for language, job in jobs.items()}
    problems = [f"{language}: {message}" for language, check in checks.items() for message in check.problems]
    if problems:
        for path in paths.values():
            path.unlink(missing_ok=True)
        raise PrintError("The PDF layout has problems:\n" + "\n".join(problems))
    withdrawn = [f"{language}: the PDF does not claim PDF/UA-1, which it does not meet: {failure}"
                 for language, check in checks.items() for failure in check.pdfua_failures]
    return Pdfs(paths, advisories(checks) + layout_warnings(checks) + withdrawn)
