"""Write the generated Markdown, one MkDocs config per language, build, finish, then swap in.

Japanese is built at the site root and English under ``en/``, each with its own theme language
and search index, both at once in separate processes; each language's pages are then finished
(planpub/post_build.py). Everything is built into a fresh folder beside the output and only replaces
the output when both builds succeed, so a failed build never leaves a half-written site.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape as xml_escape

import yaml
from markupsafe import escape
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .diagnostics import StageError
from .model import Plan
from .post_build import finish
from .readings import ReadingList
from .render import RenderedLanguage
from .strings import ui_strings
from .urls import LANGUAGE_ROOTS, LANGUAGES
from .workers import worker_pool


class SiteBuildError(StageError):
    """MkDocs refused the generated site (a theme or config problem, not the editor's data)."""


def language_config(base: dict[str, Any], project: Path, plan: Plan, rendered: RenderedLanguage, docs: str, site: Path) -> dict[str, Any]:
    """The shared mkdocs.yml plus what differs per language; ``docs`` is relative to the config
    file (Zensical fails on an absolute docs_dir). The header and the menu show the plan's short
    title (extra.short_title); page titles end with the full one (site_name). The plan's readings
list (extra.readings) goes to the pages' finishing, which runs from the config. Strings are
    HTML-escaped because MkDocs themes print site_name, copyright and nav titles without escaping."""
    language = rendered.language
    site_url = base.get("site_url")
    config = dict(base)
    config.update(
        site_name=str(escape(plan.metadata.title.shown(language))),
        copyright=str(escape(plan.metadata.publisher.shown(language))),
        docs_dir=docs,
        site_dir=str(site),
        nav=rendered.nav,
        site_url=language_root(site_url, language) if site_url else None,
    )
    config["theme"] = {**base["theme"], "language": language, "custom_dir": str(project / base["theme"]["custom_dir"])}
    config["extra"] = {**base.get("extra", {}), "alternate": _alternates(language, site_url), "ui": ui_strings(language)["theme"],
                       "short_title": str(escape(plan.metadata.short_title.shown(language))),
                       "readings": {entry.word: entry.reading for entry in plan.readings}}
    return config


def language_root(site_url: str, language: str) -> str:
    """https://example.org/plan/ → https://example.org/plan/en/ for English."""
    return site_url.rstrip("/") + "/" + LANGUAGE_ROOTS[language]


def _alternates(language: str, site_url: str | None) -> list[dict[str, str]]:
    """The same page in each language: ``prefix`` leads there from this language's root,
    ``root`` is that language's root as an absolute path (for 404 pages, served at any depth) and
    ``url`` as an absolute URL (for hreflang links), when the site URL is known."""
    up = "../" * LANGUAGE_ROOTS[language].count("/")
    base_path = urlsplit(site_url).path.rstrip("/") if site_url else ""
    return [
        {
            "name": ui_strings(other)["language_name"],
            "lang": other,
            "prefix": up + LANGUAGE_ROOTS[other],
            "root": f"{base_path}/{LANGUAGE_ROOTS[other]}",
            **({"url": language_root(site_url, other)} if site_url else {}),
        }
        for other in LANGUAGES
    ]


NO_SITE_URL = ("No site_url in mkdocs.yml or --site-url: pages get no canonical URL, language alternates "
               "are relative links and no sitemap is written.")


def build_site(plan: Plan, rendered: list[RenderedLanguage], project: Path, out_dir: Path, site_url: str | None = None,
               downloads: dict[str, Path] | None = None) -> list[str]:
    """Build every language into a staging folder, add ``downloads`` ({site path: file}), then
    replace ``out_dir`` with it. Returns what the person building should know.

    ``site_url`` (or mkdocs.yml's) gives canonical URLs, absolute language alternates and one
    sitemap of both languages; without it the site still builds, and the build says so."""
    base = base_config(project, site_url)
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    # Staging beside the output (same file system: the swap is a rename), the work in /tmp.
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-building-", dir=out_dir.parent))
    site = staging / "site"
    try:
        with tempfile.TemporaryDirectory(prefix="planpub-docs-") as temporary:
            work = Path(temporary)
            configs = {each.language: write_language(base, project, plan, each, work, work / "site" / each.language)[0] for each in rendered}
            build_languages(configs)
            for language in LANGUAGES:  # the root language first: the others go into folders of it
                shutil.move(work / "site" / language, site / LANGUAGE_ROOTS[language])
        _write_sitemap(site, rendered[0], base["site_url"])
        copy_downloads(downloads or {}, site)
        _replace(site, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [] if base["site_url"] else [NO_SITE_URL]


def base_config(project: Path, site_url: str | None) -> dict[str, Any]:
    """mkdocs.yml with ``site_url`` (when given) in place of its own."""
    base = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    base["site_url"] = site_url or base.get("site_url")
    return base


def copy_downloads(downloads: dict[str, Path], site: Path) -> None:
    for site_path, file in downloads.items():
        (site / site_path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(file, site / site_path)


def write_language(base, project: Path, plan: Plan, rendered: RenderedLanguage, work: Path, site_dir: Path) -> tuple[Path, set[str]]:
    """The language's generated Markdown in ``work/docs/<language>`` and its MkDocs config,
    building into ``site_dir``. Only files whose text changed are written, so that the others
    keep their timestamps (MkDocs's dirty build reads them), and files no longer generated go.
    Returns the config file and the names of the Markdown files written."""
    docs = work / "docs" / rendered.language
    written = {name for name, content in rendered.files.items() if _write_if_changed(docs / name, content)}
    if docs.exists():
        for stale in [file for file in docs.rglob("*.md") if file.relative_to(docs).as_posix() not in rendered.files]:
            stale.unlink()
    config_file = work / f"mkdocs.{rendered.language}.yml"
    config = language_config(base, project, plan, rendered, docs.relative_to(config_file.parent).as_posix(), site_dir)
    _write_if_changed(config_file, yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
    return config_file, written


def _write_if_changed(path: Path, text: str) -> bool:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def build_languages(configs: dict[str, Path], dirty: bool = False) -> None:
    """Run MkDocs for every language at once, each in its own process (MkDocs is single-threaded
    and each language is a separate site); ``dirty`` rebuilds only pages whose Markdown is newer
    than their HTML (the preview)."""
    with worker_pool(len(configs)) as pool:
        jobs = [pool.submit(build_language, language, config, dirty) for language, config in configs.items()]
        for job in jobs:
            job.result()


def build_language(language: str, config_file: Path, dirty: bool = False) -> None:
    """Build one language with MkDocs, then finish its pages (planpub/post_build.py). Every
    warning fails the build, as MkDocs's strict mode would, except the one a dirty build gives
    (the navigation may be stale; the preview builds in full when it moves). The engine's own
    strict mode is off: it counts only what its own loggers log, and that notice too."""
    config = load_config(str(config_file), strict=False)
    with warnings_logged() as logged:
        try:
            mkdocs_build(config, dirty=dirty)
        except (MkDocsException, SystemExit) as error:
            logged.append(str(error))  # after the warnings that led to it
    problems = [message for message in logged if not (dirty and DIRTY_BUILD_NOTICE in message)]
    if problems:
        raise SiteBuildError(f"MkDocs could not build the {language} site:\n" + "\n".join(problems))
    finish(Path(config.site_dir), language, Path(config.theme.custom_dir) if config.theme.custom_dir else None,
           ReadingList.of(config.extra.get("readings", {}).items()))


DIRTY_BUILD_NOTICE = "A 'dirty' build is being performed"


@contextmanager
def warnings_logged() -> Iterator[list[str]]:
    """The messages of the warnings and errors logged by this thread meanwhile, whatever the
    logger is called (MkDocs's are mkdocs.*, ProperDocs's properdocs.*, a plugin's its own).
    Collected at the root logger, so that they are not printed as well."""
    collector = _Collector()
    logging.getLogger().addHandler(collector)
    try:
        yield collector.messages
    finally:
        logging.getLogger().removeHandler(collector)


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self._thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self._thread:  # not the preview server's, which serves while a build runs
            self.messages.append(record.getMessage())


def _write_sitemap(site: Path, rendered: RenderedLanguage, site_url: str | None) -> None:
    """One sitemap at the root listing every page in every language, each with its counterparts
    (hreflang), instead of one sitemap per language build."""
    for language in LANGUAGES:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site / LANGUAGE_ROOTS[language] / name).unlink(missing_ok=True)
    if not site_url:
        return
    paths = [name.removesuffix("index.md") for name in rendered.files]
    entries = []
    for path in paths:
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{other}" href="{xml_escape(language_root(site_url, other) + path)}"/>'
            for other in LANGUAGES
        )
        entries += [f"<url><loc>{xml_escape(language_root(site_url, language) + path)}</loc>{links}</url>" for language in LANGUAGES]
    (site / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        + "\n".join(entries)
        + "\n</urlset>\n",
        encoding="utf-8",
    )


def _replace(staging: Path, out_dir: Path) -> None:
    """Swap the finished build in with two renames, so readers never see a half-written site."""
    previous = out_dir.with_name(f".{out_dir.name}-previous")
    shutil.rmtree(previous, ignore_errors=True)
    if out_dir.exists():
        out_dir.rename(previous)
    staging.rename(out_dir)
    shutil.rmtree(previous, ignore_errors=True)
