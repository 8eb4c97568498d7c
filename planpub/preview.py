"""``build.py serve``: the site kept built in one folder, served, and rebuilt in place on every change.

The first build, and any change that moves the navigation, the configuration or the theme,
builds every page. After that, a change to plan.yaml or a page template rewrites only the
generated Markdown files whose text changed (the others keep their bytes and timestamps), and
MkDocs rebuilds only the pages whose Markdown is newer than their HTML (its dirty build), both
languages at once. A dirty build indexes only the pages it built, so each language's search
index is then merged: the rebuilt pages' entries replace their old ones.
"""

from __future__ import annotations

import json
import signal
import tempfile
from collections.abc import Callable
from pathlib import Path

from .diagnostics import PlanError, StageError
from .model import Plan
from .pipeline import prepare
from .project import PROJECT, Project
from .render import RenderedLanguage
from .site import base_config, build_language, build_languages, copy_downloads, write_language
from .urls import LANGUAGE_ROOTS, LANGUAGES

SEARCH_INDEX = Path("search") / "search_index.json"


class Preview:
    """The site in ``out_dir``, its generated Markdown and MkDocs configs in ``work``."""

    def __init__(self, project: Path, out_dir: Path, work: Path):
        self.project, self.out_dir, self.work = project, out_dir, work
        self._settings: tuple | None = None  # what the last full build was made with

    def update(self, plan: Plan, rendered: list[RenderedLanguage], downloads: dict[str, Path]) -> set[str]:
        """Bring the site up to date with ``rendered``; returns the site paths of the pages
        rebuilt ("en/items/01/"), every page after a full build."""
        base = base_config(self.project, None)
        configs, written = {}, {}
        for each in rendered:
            site_dir = self.out_dir / LANGUAGE_ROOTS[each.language]
            configs[each.language], written[each.language] = write_language(base, self.project, plan, each, self.work, site_dir)
        settings = (tuple(config.read_bytes() for config in configs.values()), self._theme_state())
        if settings != self._settings:
            self._settings = None  # until it has succeeded
            for language in LANGUAGES:  # in order: MkDocs empties its folder, which holds the later languages'
                build_language(language, configs[language])
            rebuilt = _all_pages(rendered)
        elif any(written.values()):
            previous = {language: _read_index(self.out_dir / LANGUAGE_ROOTS[language]) for language in configs}
            build_languages({language: configs[language] for language in configs if written[language]}, dirty=True)
            for language, index in previous.items():
                if written[language]:
                    _merge_index(self.out_dir / LANGUAGE_ROOTS[language], index)
            rebuilt = {LANGUAGE_ROOTS[language] + _page_path(name) for language, names in written.items() for name in names}
        else:
            rebuilt = set()
        copy_downloads(downloads, self.out_dir)
        self._settings = settings
        return rebuilt

    def _theme_state(self) -> tuple:
        """The theme overrides as they are now: a change to any of them rebuilds every page."""
        theme = self.project / "theme"
        return tuple(sorted((str(file), file.stat().st_mtime_ns) for file in theme.rglob("*") if file.is_file()))


def _all_pages(rendered: list[RenderedLanguage]) -> set[str]:
    return {LANGUAGE_ROOTS[each.language] + _page_path(name) for each in rendered for name in each.files}


def _page_path(markdown_name: str) -> str:
    """"items/01/index.md" → "items/01/"."""
    return markdown_name.removesuffix("index.md")


def _read_index(site_dir: Path) -> dict:
    return json.loads((site_dir / SEARCH_INDEX).read_text(encoding="utf-8"))


def _merge_index(site_dir: Path, previous: dict) -> None:
    """The previous index with the entries of the pages just rebuilt in place of theirs."""
    fresh = _read_index(site_dir)
    rebuilt = {document["location"].split("#")[0] for document in fresh["docs"]}
    kept = [document for document in previous["docs"] if document["location"].split("#")[0] not in rebuilt]
    merged = {**fresh, "docs": kept + fresh["docs"]}
    (site_dir / SEARCH_INDEX).write_text(json.dumps(merged, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def serve(plan_path: Path, port: int, pdf: bool = False, say: Callable[[str], None] = print, project: Project = PROJECT) -> None:
    """Build into a temporary folder, serve it on 127.0.0.1 and, on every change, rebuild the
    pages that changed (see planpub/preview.py); the PDFs only with ``pdf`` (they take longer
    than the rest of the build). Ctrl+C (SIGINT) or SIGTERM stops it whatever it is doing, and
    it then returns normally (exit status 0)."""
    _stop_on_signals()
    try:
        _preview(plan_path, port, pdf, say, project)
    except KeyboardInterrupt:
        pass  # asked to stop: by now the worker processes are ended and the temporary folder removed


def _stop_on_signals() -> None:
    """Ctrl+C (SIGINT) and SIGTERM both raise KeyboardInterrupt in the main thread, which runs
    the rebuilds, whatever the server is doing. Set even when the server was started with SIGINT
    ignored (a background job of a script or of a test run): Python leaves it ignored then."""
    stopping = (signal.SIGINT, signal.SIGTERM)

    def stop(signal_number, frame):
        for each in stopping:  # a second Ctrl+C must not interrupt the clean-up
            signal.signal(each, signal.SIG_IGN)
        raise KeyboardInterrupt

    for each in stopping:
        signal.signal(each, stop)


def _preview(plan_path: Path, port: int, pdf: bool, say: Callable[[str], None], project: Project) -> None:
    from mkdocs.livereload import LiveReloadServer

    with tempfile.TemporaryDirectory(prefix="planpub-serve-") as temporary:
        out_dir = Path(temporary) / "site"
        preview = Preview(project.root, out_dir, Path(temporary) / "work")

        def rebuild() -> None:
            try:
                with tempfile.TemporaryDirectory(prefix="planpub-downloads-") as downloads:
                    prepared = prepare(plan_path, Path(downloads), pdf, project)
                    pages = preview.update(prepared.plan, prepared.rendered, prepared.downloads)
                say(f"Rebuilt {len(pages)} pages")
            except (PlanError, StageError) as error:
                say(str(error))  # keep serving the last good build

        rebuild()
        # MkDocs watches by polling: every 0.1 s a save is seen sooner (0.05 s on average, not 0.125 s)
        # for a few hundred stat calls each time.
        server = LiveReloadServer(builder=rebuild, host="127.0.0.1", port=port, root=str(out_dir), polling_interval=0.1)
        for watched in (plan_path, *project.watched):
            server.watch(str(watched))
        say(f"Serving on http://127.0.0.1:{port}/ (Ctrl+C stops)")
        try:
            server.serve()
        finally:
            server.shutdown()
